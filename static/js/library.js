// Library search box: practice titles as suggestions while typing. A native <datalist>, so the
// keyboard and screen-reader behaviour is the browser's own; without JavaScript the search works the same.
(function () {
  "use strict";
  var input = document.getElementById("library-q");
  var list = document.getElementById("library-suggestions");
  if (!input || !list || !window.fetch || !window.AbortController) return;
  var timer = null;
  var controller = null;

  function show(suggestions) {
    list.replaceChildren.apply(list, suggestions.map(function (suggestion) {
      var option = document.createElement("option");
      option.value = suggestion.title;
      return option;
    }));
  }

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    var query = input.value.trim();
    if (query.length < 2) { show([]); return; }
    timer = window.setTimeout(function () {
      if (controller) controller.abort();
      controller = new AbortController();
      fetch(input.dataset.suggestUrl + "?" + new URLSearchParams({ q: query }), {
        signal: controller.signal,
        headers: { Accept: "application/json" }
      })
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(function (data) { show(data.suggestions); })
        .catch(function () { /* offline or superseded: no suggestions, searching still works */ });
    }, 200);
  });
})();
