/* Tickable checklists: every <div class="checklist" data-checklist="id"> on a page.
 *
 * The build renders the lists with disabled checkboxes (pymdownx.tasklist), so
 * without JavaScript they read as plain lists. Here we enable them, give each box
 * the text of its line as accessible name, and keep the ticks in localStorage under
 * one key per checklist. Nothing is sent anywhere.
 */
(function () {
  "use strict";

  var PREFIX = "circulair-zorg:afvinklijst:";

  // Ticks are stored by position; a list whose length changed (new edition of the
  // content) starts empty rather than ticking the wrong lines.
  function load(key, count) {
    try {
      var stored = JSON.parse(window.localStorage.getItem(key));
      if (stored && Array.isArray(stored.vinkjes) && stored.vinkjes.length === count) {
        return stored.vinkjes;
      }
    } catch (e) { /* no storage (private mode, file:// policy): start empty */ }
    return null;
  }

  function save(key, ticks) {
    try {
      if (ticks.some(Boolean)) {
        window.localStorage.setItem(key, JSON.stringify({ vinkjes: ticks }));
      } else {
        window.localStorage.removeItem(key);
      }
      return true;
    } catch (e) {
      return false;
    }
  }

  function setup(list, number) {
    var id = list.getAttribute("data-checklist");
    var key = PREFIX + id;
    var boxes = [];
    Array.prototype.forEach.call(list.querySelectorAll("li.task-list-item"), function (li, i) {
      var input = li.querySelector('input[type="checkbox"]');
      var label = input && input.closest("label");
      if (!input || !label) { return; }
      // The build names each box after its line (overrides/hooks/toegankelijkheid.py);
      // failing that, wrap the line's text (it sits after the <label>) and point to it.
      if (!input.getAttribute("aria-label")) {
        var text = document.createElement("span");
        text.id = "afvink-" + number + "-" + (i + 1);
        while (label.nextSibling) { text.appendChild(label.nextSibling); }
        li.appendChild(text);
        input.setAttribute("aria-labelledby", text.id);
      }
      input.disabled = false;
      boxes.push(input);
    });
    if (!boxes.length) { return; }

    var bar = document.createElement("div");
    bar.className = "afvink-bediening";
    var progress = document.createElement("p");
    progress.className = "afvink-voortgang";
    progress.setAttribute("aria-live", "polite");
    var reset = document.createElement("button");
    reset.type = "button";
    reset.className = "md-button afvink-wissen";
    reset.textContent = "Vinkjes wissen";
    var note = document.createElement("p");
    note.className = "afvink-noot";
    note.textContent = "Je vinkjes blijven alleen in deze browser bewaard.";
    bar.appendChild(progress);
    bar.appendChild(reset);
    bar.appendChild(note);
    list.appendChild(bar);

    function ticks() { return boxes.map(function (b) { return b.checked; }); }

    function update(stored) {
      var done = ticks().filter(Boolean).length;
      progress.textContent = done + " van " + boxes.length + " afgevinkt" +
        (stored === false ? " (niet bewaard: je browser staat opslaan niet toe)" : "");
      reset.disabled = done === 0;
      list.classList.toggle("afvink-klaar", done === boxes.length);
    }

    var saved = load(key, boxes.length);
    if (saved) {
      boxes.forEach(function (b, i) { b.checked = Boolean(saved[i]); });
    }
    boxes.forEach(function (b) {
      b.addEventListener("change", function () { update(save(key, ticks())); });
    });
    reset.addEventListener("click", function () {
      boxes.forEach(function (b) { b.checked = false; });
      save(key, ticks());
      update();
      progress.textContent = "Alle vinkjes gewist. " + progress.textContent;
      boxes[0].focus();
    });
    update();
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".checklist[data-checklist]"), setup);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
