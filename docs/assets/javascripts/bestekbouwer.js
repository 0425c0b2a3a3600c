/* Bestekbouwer: the tender builder. Shows the criteria the buyer chooses and writes them out as
 * .docx, .odt, plain text and a checklist for the evaluation.
 *
 * The page holds the form and, per type, an empty block per product group. The criteria themselves
 * (rendered from data/criteria/ at build time, with data-id, data-soort, data-groep and data-niveau)
 * are one small script per product group, assets/javascripts/bestekbouwer/<group>.js, written by the
 * build (macros/bestekbouwer_delen.py): this script loads a group's file with a <script> element when
 * the buyer picks the group (a fetch cannot run from file://), and the documents' code
 * (bestekbouwer-document.js and zip.js) with the first group. It holds no content: it puts the
 * blocks in place, shows and hides, adds a tick box per criterion and a field per placeholder.
 * Only files of this site are loaded, from the folder of this script; nothing is sent anywhere.
 *
 * The selection lives in the address's fragment (#g=...&n=...), typed values too, so a link can be
 * shared and a reload keeps it. Anyone can write such a link: unknown ids are dropped and named,
 * values are cut to MAX_VALUE characters and only ever written as text.
 */
(function () {
  "use strict";

  var LEVELS = ["basis", "gevorderd", "koploper"];
  // This script's own address: the groups' files and the documents' code sit next to it.
  var HERE = document.currentScript && document.currentScript.src;
  var MAX_VALUE = 200;
  var MAX_KEYS = 2000;

  function init() {
    var form = document.getElementById("bb-keuze");
    var list = document.getElementById("bb-lijst");
    var work = document.getElementById("bb-werk");
    if (!form || !list || !work || !HERE) { return; }
    var status = document.getElementById("bb-status");
    var exportStatus = document.getElementById("bb-export-status");
    var link = document.getElementById("bb-link");
    var sections = Array.prototype.slice.call(list.querySelectorAll("section[data-soort]"));
    var groupBlocks = Array.prototype.slice.call(list.querySelectorAll("div[data-groep]:not([data-id])"));
    var loaded = {};  // file -> a promise that it ran
    var criteria = [];
    var byId = {};
    var state = { groups: [], level: "basis", types: [], plus: [], minus: [], values: {} };
    var groupBoxes = Array.prototype.slice.call(form.querySelectorAll("input[name=groep]"));
    var levelRadios = Array.prototype.slice.call(form.querySelectorAll("input[name=niveau]"));
    var typeBoxes = Array.prototype.slice.call(form.querySelectorAll("input[name=soort]"));
    var allTypes = typeBoxes.map(function (b) { return b.value; });

    function el(tag, attrs, text) {
      var node = document.createElement(tag);
      Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
      if (text) { node.textContent = text; }
      return node;
    }

    function squash(text) { return text.replace(/\s+/g, " ").trim(); }

    // A value typed or taken from a link: text without control characters, at most MAX_VALUE long.
    function clean(value) {
      return String(value).replace(/[\u0000-\u001f\u007f-\u009f]/g, " ").slice(0, MAX_VALUE);
    }

    function has(listed, value) { return listed.indexOf(value) !== -1; }

    // --- enhance every criterion: a tick box, and a field per placeholder ---------------------

    // --- loading: a group's criteria, the documents' code -----------------------------------------

    // Each group's file assigns bbGroepen[group] = "<html>": an own property of window, set before any
    // file runs, so no element of the page can stand in for it.
    window.bbGroepen = {};

    function script(file) {
      if (!loaded[file]) {
        loaded[file] = new Promise(function (resolve, reject) {
          var tag = document.createElement("script");
          tag.src = new URL(file, HERE).href;
          tag.onload = resolve;
          tag.onerror = function () { reject(new Error(file)); };
          document.head.appendChild(tag);
        });
      }
      return loaded[file];
    }

    function documents() {
      return Promise.all([script("zip.js"), script("bestekbouwer-document.js")]);
    }

    // The group's blocks go back where the page had them (by type, in the group's block), in the order
    // of the page; the tick box and the fields come when a criterion is first offered (enhance), so a
    // first load on a phone does not build them for every criterion.
    function place(group) {
      var template = document.createElement("template");
      template.innerHTML = window.bbGroepen[group] || "";
      Array.prototype.slice.call(template.content.querySelectorAll("div[data-id]")).forEach(function (node) {
        var id = node.getAttribute("data-id");
        var soort = node.getAttribute("data-soort");
        var home = groupBlocks.filter(function (g) {
          return g.getAttribute("data-groep") === group && g.closest("section[data-soort]").getAttribute("data-soort") === soort;
        })[0];
        if (!home || byId[id] || node.getAttribute("data-groep") !== group) { return; }
        home.appendChild(node);
        var c = {
          id: id, node: node, index: criteria.length, soort: soort, groep: group,
          niveau: node.getAttribute("data-niveau"), titel: node.getAttribute("data-titel") || id,
          count: Number(node.getAttribute("data-velden")) || 0, fields: []
        };
        criteria.push(c);
        byId[id] = c;
      });
      criteria.sort(function (a, b) {
        return a.node.compareDocumentPosition(b.node) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
      });
    }

    // Resolves when every group asked for is on the page; a group whose file cannot be loaded is named.
    function groups(wanted) {
      if (!wanted.length) { return Promise.resolve(""); }
      documents().catch(function () { return null; });  // the buttons will want it: start now
      return Promise.all(wanted.map(function (group) {
        return script("bestekbouwer/" + group + ".js").then(function () {
          if (!list.querySelector("div[data-id][data-groep='" + group + "']")) { place(group); }
          return "";
        }, function () {
          return "De criteria van " + groupName(group) + " konden niet geladen worden. ";
        });
      })).then(function (notes) { return notes.join(""); });
    }

    function enhance(c) {
      if (c.box) { return; }
      var node = c.node;
      var heading = node.querySelector("h4");
      var choose = el("p", { "class": "bb-opnemen" });
      var label = el("label");
      c.box = el("input", { type: "checkbox" });
      label.appendChild(c.box);
      label.appendChild(document.createTextNode(" In mijn bestek"));
      label.appendChild(el("span", { "class": "bb-verborgen" }, ": " + c.titel));
      choose.appendChild(label);
      heading.parentNode.insertBefore(choose, heading.nextSibling);
      c.box.addEventListener("change", function () { toggle(c, c.box.checked); });

      var spans = Array.prototype.slice.call(node.querySelectorAll(".bb-tekst .invulveld"));
      if (spans.length) {
        var fieldset = el("fieldset", { "class": "bb-invullen" });
        fieldset.appendChild(el("legend", null, "Vul in"));
        spans.forEach(function (span, n) {
          var name = span.textContent.replace(/^\[|\]$/g, "");
          var key = "v." + c.id + "." + n;
          var fieldLabel = el("label", { "class": "bb-invulveld" });
          var input = el("input", { type: "text", maxlength: String(MAX_VALUE), id: "bb-v-" + c.index + "-" + n });
          fieldLabel.appendChild(document.createTextNode(name + " "));
          fieldLabel.appendChild(el("span", { "class": "bb-verborgen" }, "(" + c.titel + ") "));
          fieldLabel.appendChild(input);
          fieldset.appendChild(fieldLabel);
          var field = { key: key, name: name, span: span, input: input };
          c.fields.push(field);
          input.addEventListener("input", function () {
            var value = clean(input.value);
            if (value.trim()) { state.values[key] = value; } else { delete state.values[key]; }
            showValue(field);
            writeUrl();
          });
          showValue(field);
        });
        node.querySelector(".bb-tekst").parentNode.insertBefore(fieldset, node.querySelector(".bb-tekst").nextSibling);
      }
    }

    function showValue(field) {
      var value = state.values[field.key];
      field.span.textContent = value ? value : "[" + field.name + "]";
      field.span.classList.toggle("bb-ingevuld", Boolean(value));
      if (field.input.value !== (value || "") && document.activeElement !== field.input) { field.input.value = value || ""; }
    }

    function withinLevel(c) { return LEVELS.indexOf(c.niveau) <= LEVELS.indexOf(state.level); }
    function offered(c) { return has(state.groups, c.groep) && has(state.types, c.soort); }
    function chosen(c) {
      if (!offered(c)) { return false; }
      return withinLevel(c) ? !has(state.minus, c.id) : has(state.plus, c.id);
    }

    function toggle(c, on) {
      var drop = function (arr) { return arr.filter(function (x) { return x !== c.id; }); };
      state.plus = drop(state.plus);
      state.minus = drop(state.minus);
      if (withinLevel(c) && !on) { state.minus.push(c.id); }
      if (!withinLevel(c) && on) { state.plus.push(c.id); }
      show();
      writeUrl();
    }

    // --- the address ---------------------------------------------------------------------------

    function isState(hash) { return /(^#?|&)(g|n|s|plus|min|v\.[^=&]*)=/.test(hash); }

    function readUrl() {
      var params = new URLSearchParams(window.location.hash.replace(/^#/, ""));
      var ignored = 0;
      var keys = 0;
      var known = function (values, allowed) {
        return (values || "").split(",").filter(function (v) {
          if (!v) { return false; }
          if (has(allowed, v)) { return true; }
          ignored += 1;
          return false;
        });
      };
      var groupIds = groupBoxes.map(function (b) { return b.value; });
      state.groups = known(params.get("g"), groupIds);
      state.level = has(LEVELS, params.get("n")) ? params.get("n") : "basis";
      state.types = params.has("s") ? known(params.get("s"), allTypes) : allTypes.slice();
      groupBoxes.forEach(function (b) { b.checked = has(state.groups, b.value); });
      levelRadios.forEach(function (r) { r.checked = r.value === state.level; });
      typeBoxes.forEach(function (b) { b.checked = has(state.types, b.value); });
      status.textContent = state.groups.length ? "De criteria worden geladen…" : "";
      // The criteria's own choices can only be checked once their groups are on the page.
      return groups(state.groups).then(function (missing) {
        var ids = Object.keys(byId);
        state.plus = known(params.get("plus"), ids);
        state.minus = known(params.get("min"), ids);
        state.values = {};
        params.forEach(function (value, key) {
          keys += 1;
          if (keys > MAX_KEYS || key.indexOf("v.") !== 0) { return; }
          var parts = key.split(".");
          var c = byId[parts[1]];
          if (c && parts.length === 3 && /^\d+$/.test(parts[2]) && Number(parts[2]) < c.count && clean(value).trim()) {
            state.values[key] = clean(value);
          } else {
            ignored += 1;
          }
        });
        criteria.forEach(function (c) { c.fields.forEach(showValue); });
        return missing + (ignored ? "De link noemde " + ignored + (ignored === 1 ? " keuze" : " keuzes") +
          " die niet (meer) in deze gids bestaan; die zijn weggelaten. " : "");
      });
    }

    function writeUrl() {
      var params = new URLSearchParams();
      if (state.groups.length) { params.set("g", state.groups.join(",")); }
      params.set("n", state.level);
      if (state.types.length !== allTypes.length) { params.set("s", state.types.join(",")); }
      if (state.plus.length) { params.set("plus", state.plus.join(",")); }
      if (state.minus.length) { params.set("min", state.minus.join(",")); }
      criteria.forEach(function (c) {
        for (var n = 0; n < c.count; n += 1) {
          var key = "v." + c.id + "." + n;
          if (state.values[key]) { params.set(key, state.values[key]); }
        }
      });
      window.history.replaceState(null, "", "#" + params.toString());
      link.href = window.location.href;
      link.textContent = window.location.href;
    }

    // --- showing -------------------------------------------------------------------------------

    function show() {
      var count = 0;
      var perType = {};
      criteria.forEach(function (c) {
        var on = chosen(c);
        c.node.hidden = !offered(c);
        if (offered(c)) { enhance(c); }
        c.node.classList.toggle("bb-uit", !on);
        if (c.box) { c.box.checked = on; }
        if (on) { count += 1; perType[c.soort] = (perType[c.soort] || 0) + 1; }
      });
      groupBlocks.forEach(function (g) { g.hidden = !g.querySelector("div[data-id]:not([hidden])"); });
      sections.forEach(function (s) { s.hidden = !s.querySelector("div[data-id]:not([hidden])"); });
      var text;
      if (!state.groups.length) {
        text = "Kies hierboven minstens één productgroep.";
      } else if (!count) {
        text = "Je selectie is leeg. Vink een criterium aan, kies een hoger niveau of meer soorten.";
      } else {
        text = count + (count === 1 ? " criterium" : " criteria") + " in je selectie: " + sections.map(function (s) {
          var n = perType[s.getAttribute("data-soort")] || 0;
          return n + " " + s.querySelector("h2").textContent.replace(/¶$/, "").trim().toLowerCase();
        }).join(", ") + ". Criteria boven je niveau staan erbij zonder vinkje: vink ze aan als ze bij je aankoop passen.";
      }
      status.textContent = (show.note || "") + text;
      show.note = "";
    }

    form.addEventListener("change", function (event) {
      var t = event.target;
      if (t.name === "groep") { state.groups = groupBoxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; }); }
      if (t.name === "niveau") { state.level = t.value; }
      if (t.name === "soort") { state.types = typeBoxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; }); }
      if (t.name !== "groep") { show(); writeUrl(); return; }
      status.textContent = "De criteria worden geladen…";
      groups(state.groups).then(function (missing) { show.note = missing; show(); writeUrl(); });
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    list.addEventListener("submit", function (event) { event.preventDefault(); });  // Enter in a field
    // A heading's permalink or a search result also sets the fragment: the browser has jumped to it,
    // and the selection goes back into the address (a jump must not empty the selection).
    window.addEventListener("hashchange", function () {
      if (isState(window.location.hash)) { readUrl().then(function (note) { show.note = note; show(); }); } else { writeUrl(); }
    });

    // --- the documents (bestekbouwer-document.js) -------------------------------------------------

  function selection() {
    return sections.map(function (s) {
      var soort = s.getAttribute("data-soort");
      return {
        kop: s.querySelector("h2").textContent.replace(/¶$/, "").trim(),
        soort: soort,
        criteria: criteria.filter(function (c) { return c.soort === soort && chosen(c); })
      };
    }).filter(function (p) { return p.criteria.length; });
  }

  function groupName(id) {
    var box = groupBoxes.filter(function (b) { return b.value === id; })[0];
    return box ? squash(box.parentNode.textContent).replace(/ \(\d+\)$/, "") : id;
  }

    function chosenLevel() {
      var level = levelRadios.filter(function (r) { return r.checked; })[0];
      return level ? squash(level.parentNode.textContent) : state.level;
    }

    function exporter(make, name, what) {
      return function () {
        var parts = selection();
        if (!parts.length) {
          exportStatus.textContent = "Er is niets om te downloaden: je selectie is leeg. Kies eerst een productgroep en criteria.";
          return;
        }
        documents().then(function () {
          var sel = { parts: parts, values: state.values, groups: state.groups.map(groupName), level: chosenLevel(), groupName: groupName };
          window.Zip.save(make(window.BestekbouwerDocument, sel), name);
          exportStatus.textContent = what + " is klaar: " + name + ".";
        }, function () {
          exportStatus.textContent = "Downloaden lukt nu niet: een deel van de bestekbouwer kon niet geladen worden. Laad de pagina opnieuw.";
        });
      };
    }

    document.getElementById("bb-docx").addEventListener("click", exporter(function (d, sel) { return d.docx(d.document(sel)); },
      "bestek-circulaire-criteria.docx", "Het Word-bestand"));
    document.getElementById("bb-odt").addEventListener("click", exporter(function (d, sel) { return d.odt(d.document(sel)); },
      "bestek-circulaire-criteria.odt", "Het OpenDocument-bestand"));
    document.getElementById("bb-txt").addEventListener("click", exporter(function (d, sel) {
      return new Blob([d.text(d.document(sel))], { type: "text/plain;charset=utf-8" });
    }, "bestek-circulaire-criteria.txt", "Het tekstbestand"));
    document.getElementById("bb-controle").addEventListener("click", exporter(function (d, sel) {
      return new Blob([d.text(d.checklist(sel))], { type: "text/plain;charset=utf-8" });
    }, "controlelijst-beoordeling.txt", "De controlelijst"));

    // The theme's navigation.tracking writes the heading in view into the fragment as the reader
    // scrolls, or clears it at the top. Here the fragment holds the selection: while it does, a change
    // of the fragment alone to something that is no selection is not written.
    var nativeReplace = window.history.replaceState;
    window.history.replaceState = function (data, unused, url) {
      if (url !== undefined && url !== null && isState(window.location.hash)) {
        var next = new URL(String(url), window.location.href);
        var now = new URL(window.location.href);
        if (next.pathname === now.pathname && next.search === now.search && !isState(next.hash)) { return undefined; }
      }
      return nativeReplace.apply(window.history, arguments);
    };

    form.hidden = false;
    work.hidden = false;
    list.hidden = false;
    // An address without a selection (none, or a heading's anchor) starts empty and keeps its anchor.
    var fromAddress = isState(window.location.hash);
    readUrl().then(function (note) {  // also sets the defaults: no group, level basis, every type
      show.note = fromAddress ? note : "";
      show();
      if (fromAddress) { writeUrl(); } else { link.href = window.location.href; link.textContent = window.location.href; }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
