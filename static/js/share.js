// Progressive enhancement: the link field works without JavaScript; this adds a one-click copy.
(function () {
  document.querySelectorAll("[data-copy-target]").forEach(function (button) {
    if (!navigator.clipboard) return;
    var input = document.getElementById(button.dataset.copyTarget);
    var status = button.closest("section").querySelector("[role=status]");
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(input.value).then(
        function () { status.textContent = "Link copied."; },
        function () { input.select(); status.textContent = "Press Ctrl+C (or Cmd+C) to copy the selected link."; }
      );
    });
  });
})();
