/* Praktijkvoorbeelden: filter the examples by care setting and by ambition.
 *
 * The page holds every example (rendered from data/voorbeelden.yml) in a block with
 * data-voorzieningen and data-ambities; the form #vb-filter is hidden in the HTML, so
 * without JavaScript the reader gets the whole list and the overview at its end. This
 * script shows the form, hides the blocks that do not match, hides their entries in the
 * table of contents, says how many examples are shown, and keeps the choice in the URL
 * (?voorziening=...&ambitie=...) so a filtered list can be shared. It holds no content.
 * Loaded on every page (mkdocs.yml, extra_javascript); it does nothing where the form is missing.
 */
(function () {
  "use strict";

  function init() {
    var form = document.getElementById("vb-filter");
    // The print page (afdrukken.html) carries a copy of this page, and loads no script; should
    // that change, paper still gets the full list.
    if (!form || form.closest(".afdruk-pagina")) { return; }
    var setting = form.elements.voorziening;
    var ambition = form.elements.ambitie;
    var status = document.getElementById("vb-status");
    var blocks = Array.prototype.slice.call(document.querySelectorAll(".voorbeeld[data-voorzieningen]"));
    var page = window.location.pathname.split("/").pop() || "voorbeelden.html";

    function has(block, attribute, value) {
      return value === "" || (block.getAttribute(attribute) || "").split(" ").indexOf(value) !== -1;
    }

    function known(select, value) {
      return Array.prototype.some.call(select.options, function (o) { return o.value === value; });
    }

    // The table of contents (desktop sidebar, and the copy in the mobile menu) lists every example.
    function tocEntries(block) {
      var heading = block.querySelector("h2[id]");
      if (!heading) { return []; }
      var links = document.querySelectorAll('.md-nav--secondary a[href="#' + heading.id + '"]');
      return Array.prototype.map.call(links, function (a) { return a.closest("li"); }).filter(Boolean);
    }

    function label(select) {
      return select.options[select.selectedIndex].text.replace(/\s*\(\d+\)$/, "");
    }

    function apply() {
      var shown = 0;
      blocks.forEach(function (block) {
        var match = has(block, "data-voorzieningen", setting.value) && has(block, "data-ambities", ambition.value);
        block.hidden = !match;
        tocEntries(block).forEach(function (entry) { entry.hidden = !match; });
        if (match) { shown += 1; }
      });
      var chosen = [];
      if (setting.value) { chosen.push("voorziening: " + label(setting)); }
      if (ambition.value) { chosen.push("ambitie: " + label(ambition)); }
      if (!chosen.length) {
        status.textContent = "Alle " + blocks.length + " voorbeelden.";
      } else if (shown === 0) {
        status.textContent = "Geen voorbeelden voor " + chosen.join(" en ") + ". Kies een andere voorziening of ambitie.";
      } else {
        status.textContent = shown + " van de " + blocks.length + " voorbeelden (" + chosen.join(", ") + ").";
      }
    }

    function writeUrl() {
      var query = new URLSearchParams();
      if (setting.value) { query.set("voorziening", setting.value); }
      if (ambition.value) { query.set("ambitie", ambition.value); }
      var url = page + (query.toString() ? "?" + query.toString() : "") + window.location.hash;
      try {
        window.history.replaceState(null, "", url);
      } catch (e) { /* some file:// setups refuse it: the filter still works */ }
    }

    var query = new URLSearchParams(window.location.search);
    [[setting, "voorziening"], [ambition, "ambitie"]].forEach(function (pair) {
      var value = query.get(pair[1]) || "";
      pair[0].value = known(pair[0], value) ? value : "";
    });

    form.hidden = false;
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    [setting, ambition].forEach(function (select) {
      select.addEventListener("change", function () { apply(); writeUrl(); });
    });
    apply();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
