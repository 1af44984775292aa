// A practice's organisation fields (practices/organisation_chooser.py): the box for adding one becomes a
// combobox over the admin's organisation search, after the WAI-ARIA "list autocomplete" pattern. Arrow
// keys move through the names found, Enter adds one as a ticked checkbox, Escape closes the list; a
// status region says how many were found and what was added. Without JavaScript, the names typed in the
// box are matched when the practice is saved.
(function () {
  "use strict";

  var WAIT_MS = 200;

  function setUp(root) {
    var input = root.querySelector("[data-chooser-input]");
    var chosen = root.querySelector("[data-chosen-list]");
    var empty = root.querySelector("[data-chosen-empty]");
    var status = root.querySelector("[data-chooser-status]");
    if (!input || input.disabled || !chosen || !status || !window.fetch || !window.AbortController) return;

    var listbox = document.createElement("ul");
    listbox.id = input.id + "-listbox";
    listbox.className = "organisation-chooser__options";
    listbox.setAttribute("role", "listbox");
    listbox.setAttribute("aria-labelledby", input.id + "-label");
    listbox.hidden = true;
    input.insertAdjacentElement("afterend", listbox);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listbox.id);

    var found = [];
    var active = -1;
    var timer = null;
    var controller = null;

    function announce(text) {
      // Emptied first so that the same words twice are read twice.
      status.textContent = "";
      window.setTimeout(function () { status.textContent = text; }, 50);
    }

    function checkbox(id) {
      return chosen.querySelector('input[type="checkbox"][value="' + id + '"]');
    }

    function close() {
      listbox.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function forget() {
      if (controller) controller.abort();
      window.clearTimeout(timer);
      found = [];
      listbox.replaceChildren();
      close();
    }

    function highlight(index) {
      var options = listbox.children;
      if (!options.length) return;
      active = (index + options.length) % options.length;
      for (var i = 0; i < options.length; i++) {
        options[i].setAttribute("aria-selected", i === active ? "true" : "false");
      }
      input.setAttribute("aria-activedescendant", options[active].id);
      options[active].scrollIntoView({ block: "nearest" });
    }

    function show(results, total, query) {
      // Organisations already ticked are not offered again.
      found = results.filter(function (result) {
        var box = checkbox(result.id);
        return !(box && box.checked);
      });
      listbox.replaceChildren.apply(listbox, found.map(function (result, index) {
        var option = document.createElement("li");
        option.id = listbox.id + "-" + index;
        option.className = "organisation-chooser__option";
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.textContent = result.name;
        if (result.location) {
          var detail = document.createElement("span");
          detail.className = "organisation-chooser__detail";
          detail.textContent = result.location;
          option.append(" ", detail);
        }
        return option;
      }));
      active = -1;
      input.removeAttribute("aria-activedescendant");
      if (found.length) {
        listbox.hidden = false;
        input.setAttribute("aria-expanded", "true");
        var count = found.length === 1 ? "1 organization found" : found.length + " organizations found";
        if (total > results.length) count += " (the first " + results.length + " of " + total + "; type more to narrow it)";
        announce(count + ". Use the down arrow to choose one, then Enter to add it.");
      } else {
        close();
        announce(results.length ? "Every organization found is chosen already." :
          "No organization’s name contains “" + query + "”.");
      }
    }

    function search() {
      var query = input.value.trim();
      if (!query) { forget(); return; }
      if (controller) controller.abort();
      controller = new AbortController();
      fetch(root.dataset.searchUrl + "?" + new URLSearchParams({ q: query }), {
        signal: controller.signal,
        credentials: "same-origin",
        headers: { Accept: "application/json", "X-Requested-With": "XMLHttpRequest" }
      })
        .then(function (response) {
          if (!response.ok) throw new Error(String(response.status));
          return response.json();
        })
        .then(function (data) { show(data.results, data.total, query); })
        .catch(function (error) {
          if (error.name === "AbortError") return;
          forget();
          announce("The search did not answer. Type whole names instead: they are added when you save.");
        });
    }

    function add(index) {
      var result = found[index];
      if (!result) return;
      var box = checkbox(result.id);
      if (!box) {
        var item = document.createElement("li");
        var label = document.createElement("label");
        label.className = "organisation-chooser__item";
        box = document.createElement("input");
        box.type = "checkbox";
        box.name = root.dataset.fieldName;
        box.value = result.id;
        label.append(box, " " + result.name);
        item.append(label);
        chosen.append(item);
      }
      box.checked = true;
      // Wagtail's warning about unsaved changes listens for these.
      box.dispatchEvent(new Event("change", { bubbles: true }));
      if (empty) empty.hidden = true;
      input.value = "";
      forget();
      announce("Added " + result.name + ".");
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(search, WAIT_MS);
    });

    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        if (listbox.hidden) {
          if (!found.length) return;
          listbox.hidden = false;
          input.setAttribute("aria-expanded", "true");
        }
        // Up from the box goes to the last name found.
        highlight(event.key === "ArrowDown" ? active + 1 : Math.max(active, 0) - 1);
      } else if (event.key === "Enter") {
        if (!listbox.hidden && active >= 0) {
          event.preventDefault();
          add(active);
        } else if (input.value.trim()) {
          // Enter would save the whole practice; here it is more likely meant for the list.
          event.preventDefault();
          announce("Choose an organization from the list with the down arrow, then press Enter.");
        }
      } else if (event.key === "Escape") {
        if (!listbox.hidden) {
          // Only the list closes, not whatever else in the admin listens for Escape.
          event.preventDefault();
          event.stopPropagation();
          close();
        } else if (input.value) {
          event.preventDefault();
          input.value = "";
          forget();
        }
      }
    });

    input.addEventListener("blur", close);

    // mousedown would move the focus out of the box, and close the list before the click lands.
    listbox.addEventListener("mousedown", function (event) { event.preventDefault(); });
    listbox.addEventListener("click", function (event) {
      var option = event.target.closest('[role="option"]');
      if (option) add(Array.prototype.indexOf.call(listbox.children, option));
    });
  }

  function setUpAll() {
    document.querySelectorAll("[data-organisation-chooser]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpAll);
  } else {
    setUpAll();
  }
})();
