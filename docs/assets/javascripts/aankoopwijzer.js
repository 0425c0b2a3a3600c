/* Aankoopwijzer: shows the part of the page that fits the chosen product group and step.
 *
 * Every item a plan can hold is already in the page (rendered from data/ at build
 * time, with data-id="kind:id"); the JSON in the data-json attribute of #wijzer-gegevens lists, per theme
 * and per step, which items belong to each section. This script holds no content:
 * it reads the choice from the URL (?thema=...&stap=...), shows and hides, and
 * writes the choice back to the URL so the plan can be bookmarked and shared.
 */
(function () {
  "use strict";

  function init() {
    var form = document.getElementById("wijzer-keuze");
    var plan = document.getElementById("wijzer-plan");
    var source = document.getElementById("wijzer-gegevens");
    if (!form || !plan || !source) { return; }
    var parts = JSON.parse(source.getAttribute("data-json"));
    var theme = form.elements.thema;
    var step = form.elements.stap;
    var status = document.getElementById("wijzer-status");
    var link = document.getElementById("wijzer-link");
    var sections = Array.prototype.slice.call(plan.querySelectorAll("[data-deel]"));
    var baseTitle = document.title;
    var page = window.location.pathname.split("/").pop() || "aankoopwijzer.html";

    function known(select, value) {
      return value !== "" && Array.prototype.some.call(select.options, function (o) { return o.value === value; });
    }

    function optionText(select) {
      return select.options[select.selectedIndex].text;
    }

    // A value from the URL is shown as quoted text, short and without control characters:
    // anyone can write a link, and the page must not repeat a long message someone put in it.
    function quoted(value) {
      var clean = value.replace(/[\u0000-\u001f\u007f-\u009f]/g, "");
      return clean.length > 40 ? clean.slice(0, 40) + "…" : clean;
    }

    // Returns a note about values in the URL that do not (or no longer) exist.
    function readUrl() {
      var query = new URLSearchParams(window.location.search);
      var ignored = [];
      [[theme, "thema", "productgroep"], [step, "stap", "stap"]].forEach(function (p) {
        var value = query.get(p[1]) || "";
        if (value && !known(p[0], value)) {
          ignored.push("de " + p[2] + " '" + quoted(value) + "'");
          value = "";
        }
        p[0].value = value;
      });
      return ignored.length ? "De link noemt " + ignored.join(" en ") + ", die bestaat niet (meer) in deze gids. " : "";
    }

    function writeUrl() {
      var query = new URLSearchParams();
      if (theme.value) { query.set("thema", theme.value); }
      if (step.value) { query.set("stap", step.value); }
      var url = page + (query.toString() ? "?" + query.toString() : "");
      link.setAttribute("href", url);
      link.textContent = new URL(url, window.location.href).href;
      try {
        window.history.replaceState(null, "", url);
      } catch (e) { /* some file:// setups refuse it: the link above still carries the state */ }
    }

    function wanted() {
      var ids = {};
      function add(part, skip) {
        Object.keys(part || {}).forEach(function (deel) {
          if (skip && skip.indexOf(deel) >= 0) { return; }
          ids[deel] = ids[deel] || {};
          part[deel].forEach(function (id) { ids[deel][id] = true; });
        });
      }
      if (theme.value) { add(parts.thema[theme.value]); }
      if (step.value) { add(parts.stap[step.value], theme.value ? parts.alleenZonderThema : null); }
      return ids;
    }

    function render(note) {
      var ids = wanted();
      var chosen = Boolean(theme.value || step.value);
      sections.forEach(function (section) {
        var deel = section.getAttribute("data-deel");
        // The step's own section needs a step; the theme's steps need a theme.
        var applies = chosen && (deel !== "stap" || step.value) && (deel !== "stappen" || theme.value);
        section.hidden = !applies;
        var set = ids[deel] || {};
        var shown = 0;
        Array.prototype.forEach.call(section.querySelectorAll("[data-id]"), function (el) {
          var on = Boolean(set[el.getAttribute("data-id")]);
          el.hidden = !on;
          if (on) { shown += 1; }
        });
        var none = section.querySelector(".wijzer-geen");
        if (none) { none.hidden = shown > 0; }
      });
      var what = [];
      if (theme.value) { what.push(optionText(theme)); }
      if (step.value) { what.push(optionText(step)); }
      status.textContent = (note || "") + (chosen
        ? "Plan voor: " + what.join(", ") + "."
        : "Kies hierboven een productgroep, een stap of allebei.");
      document.title = chosen ? "Aankoopwijzer: " + what.join(", ") + " - " + baseTitle : baseTitle;
    }

    function onChange(event) {
      if (event) { event.preventDefault(); }
      writeUrl();
      render();
    }

    var note = readUrl();
    form.hidden = false;
    plan.hidden = false;
    theme.addEventListener("change", onChange);
    step.addEventListener("change", onChange);
    form.addEventListener("submit", onChange);
    document.getElementById("wijzer-print").addEventListener("click", function () { window.print(); });
    writeUrl();
    render(note);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
