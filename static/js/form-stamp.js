// The public forms' spam-check stamp is fetched when a form comes into view or is first used, so the
// page itself is the same for every reader and can be cached (docs/security.md). Without
// JavaScript the form still works: it is shown once more, stamped, to be sent again.
(function () {
  if (!window.fetch) return;
  document.querySelectorAll("form[data-form-stamp]").forEach(function (form) {
    var field = form.querySelector("input[name=form_started]");
    if (!field) return;
    var pending = null;
    function stamp() {
      if (field.value) return Promise.resolve();
      if (!pending) {
        pending = fetch(form.dataset.formStamp, { credentials: "same-origin", cache: "no-store" })
          .then(function (response) {
            if (!response.ok) throw new Error("stamp " + response.status);
            return response.json();
          })
          .then(function (data) {
            if (!field.value) field.value = data.value;
          })
          .catch(function () {
            pending = null;
          });
      }
      return pending;
    }
    if ("IntersectionObserver" in window) {
      var observer = new IntersectionObserver(
        function (entries) {
          if (entries.some(function (entry) { return entry.isIntersecting; })) {
            observer.disconnect();
            stamp();
          }
        },
        { rootMargin: "1000px 0px" }
      );
      observer.observe(form);
    }
    form.addEventListener("focusin", stamp);
    form.addEventListener("submit", function (event) {
      if (field.value) return;
      event.preventDefault();
      stamp().then(function () {
        form.submit();
      });
    });
  });
})();
