/* Bestekbouwer: the tender builder. Shows the criteria the buyer chooses and writes them out as
 * .docx, .odt, plain text and a checklist for the evaluation.
 *
 * Every criterion is already in the page (rendered from data/criteria/ at build time, by type and
 * product group, with data-id, data-groep and data-niveau). This script holds no content: it reads
 * the page, shows and hides, adds a tick box per criterion and a field per placeholder, and builds
 * the documents from what the page shows. No fetch (file:// cannot), no request at all.
 *
 * The selection lives in the address's fragment (#g=...&n=...), typed values too, so a link can be
 * shared and a reload keeps it. Anyone can write such a link: unknown ids are dropped and named,
 * values are cut to MAX_VALUE characters and only ever written as text.
 */
(function () {
  "use strict";

  var LEVELS = ["basis", "gevorderd", "koploper"];
  var MAX_VALUE = 200;
  var MAX_KEYS = 2000;

  function init() {
    var form = document.getElementById("bb-keuze");
    var list = document.getElementById("bb-lijst");
    var work = document.getElementById("bb-werk");
    if (!form || !list || !work || !window.Zip) { return; }
    var status = document.getElementById("bb-status");
    var exportStatus = document.getElementById("bb-export-status");
    var link = document.getElementById("bb-link");
    var sections = Array.prototype.slice.call(list.querySelectorAll("section[data-soort]"));
    var groupBlocks = Array.prototype.slice.call(list.querySelectorAll("div[data-groep]:not([data-id])"));
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

    // Read from the page at once; the tick box and the fields come when a criterion is first offered
    // (enhance), so a first load on a phone does not build them for all criteria.
    list.querySelectorAll("div[data-id]").forEach(function (node, index) {
      var id = node.getAttribute("data-id");
      var c = {
        id: id, node: node, index: index, soort: node.closest("section[data-soort]").getAttribute("data-soort"),
        groep: node.getAttribute("data-groep"), niveau: node.getAttribute("data-niveau"),
        titel: node.getAttribute("data-titel") || id, count: Number(node.getAttribute("data-velden")) || 0, fields: []
      };
      criteria.push(c);
      byId[id] = c;
    });

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
      groupBoxes.forEach(function (b) { b.checked = has(state.groups, b.value); });
      levelRadios.forEach(function (r) { r.checked = r.value === state.level; });
      typeBoxes.forEach(function (b) { b.checked = has(state.types, b.value); });
      criteria.forEach(function (c) { c.fields.forEach(showValue); });
      return ignored ? "De link noemde " + ignored + (ignored === 1 ? " keuze" : " keuzes") +
        " die niet (meer) in deze gids bestaan; die zijn weggelaten. " : "";
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
      show();
      writeUrl();
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    list.addEventListener("submit", function (event) { event.preventDefault(); });  // Enter in a field
    // A heading's permalink or a search result also sets the fragment: the browser has jumped to it,
    // and the selection goes back into the address (a jump must not empty the selection).
    window.addEventListener("hashchange", function () {
      if (isState(window.location.hash)) { show.note = readUrl(); show(); } else { writeUrl(); }
    });

    // --- the documents -------------------------------------------------------------------------

    // A run of text: {t: text, b: bold, open: an unfilled placeholder}.
    function runsOf(node, fields) {
      var runs = [];
      (function walk(n) {
        if (n.nodeType === 3) { runs.push({ t: n.nodeValue }); return; }
        if (n.nodeType !== 1) { return; }
        if (n.classList.contains("invulveld")) {
          var f = fields.filter(function (x) { return x.span === n; })[0];
          var value = f && state.values[f.key];
          runs.push(value ? { t: value } : { t: "[" + (f ? f.name : n.textContent) + "]", open: true });
          return;
        }
        var bold = n.tagName === "STRONG" || n.tagName === "B";
        Array.prototype.forEach.call(n.childNodes, function (child) {
          var before = runs.length;
          walk(child);
          if (bold) { for (var i = before; i < runs.length; i += 1) { runs[i].b = true; } }
        });
      })(node);
      // One line: spaces collapsed across runs, none at the ends.
      var out = [];
      runs.forEach(function (r) {
        var t = r.t.replace(/\s+/g, " ");
        var last = out[out.length - 1];
        if (t.charAt(0) === " " && (!last || / $/.test(last.t))) { t = t.slice(1); }
        if (t) { out.push({ t: t, b: r.b, open: r.open }); }
      });
      if (out.length) { out[out.length - 1].t = out[out.length - 1].t.replace(/ $/, ""); }
      return out.filter(function (r) { return r.t; });
    }

    function plain(runs) { return runs.map(function (r) { return r.t; }).join(""); }

    // The clause as paragraphs: a list item becomes a paragraph with its bullet or number.
    function clauseParagraphs(c) {
      var out = [];
      Array.prototype.forEach.call(c.node.querySelector(".bb-tekst").children, function (child) {
        if (child.tagName === "UL" || child.tagName === "OL") {
          Array.prototype.forEach.call(child.children, function (li, i) {
            var runs = runsOf(li, c.fields);
            runs.unshift({ t: child.tagName === "OL" ? (i + 1) + ". " : "– " });
            out.push({ style: "lijst", runs: runs });
          });
        } else {
          var runs = runsOf(child, c.fields);
          if (runs.length) { out.push({ style: "tekst", runs: runs }); }
        }
      });
      return out;
    }

    function labelled(label, node) {
      var runs = node ? runsOf(node, []) : [];
      // The page writes "**Bewijs:** ..."; the label is ours, so drop the page's own.
      if (runs.length && runs[0].b) { runs.shift(); }
      if (runs.length) { runs[0].t = runs[0].t.replace(/^ /, ""); }
      return [{ t: label + " ", b: true }].concat(runs);
    }

    function sourceRuns(c) {
      var node = c.node.querySelector(".bb-bron");
      var runs = labelled("Bron:", node);
      var own = node && node.querySelectorAll("a")[1];
      if (own) { runs.push({ t: " (" + own.href + ")" }); }
      return runs;
    }

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

    function today() {
      return new Date().toLocaleDateString("nl-BE", { day: "numeric", month: "long", year: "numeric" });
    }

    // The document as a list of paragraphs {style, runs}: styles titel, kop1, kop2, tekst, lijst, meta.
    function documentParagraphs() {
      var parts = selection();
      var out = [{ style: "titel", runs: [{ t: "Circulaire criteria voor het bestek" }] }];
      var level = levelRadios.filter(function (r) { return r.checked; })[0];
      out.push({ style: "meta", runs: [{ t: "Samengesteld met de bestekbouwer van de gids Circulair aankopen in de zorg op " +
        today() + ". Productgroepen: " + state.groups.map(groupName).join(", ") + ". Niveau: " +
        (level ? squash(level.parentNode.textContent) : state.level) + "." }] });
      out.push({ style: "meta", runs: [{ t: "Pas de tekst aan je opdracht aan. Tekst tussen vierkante haken moet je nog invullen." }] });
      parts.forEach(function (p) {
        out.push({ style: "kop1", runs: [{ t: p.kop }] });
        p.criteria.forEach(function (c) {
          out.push({ style: "kop2", runs: [{ t: c.titel }] });
          out.push({ style: "meta", runs: [{ t: groupName(c.groep) + " · niveau " + c.niveau }] });
          out = out.concat(clauseParagraphs(c));
          if (c.soort === "gunningscriterium") {
            out.push({ style: "tekst", runs: [{ t: "Weging: ", b: true }, { t: "[vul zelf in]", open: true }] });
          }
          out.push({ style: "tekst", runs: labelled("Bewijs:", c.node.querySelector(".bb-bewijs")) });
          out.push({ style: "meta", runs: sourceRuns(c) });
        });
      });
      return out;
    }

    function checklistParagraphs() {
      var out = [{ style: "titel", runs: [{ t: "Controlelijst voor de beoordeling" }] }];
      out.push({ style: "meta", runs: [{ t: "Bij de circulaire criteria uit de bestekbouwer, " + today() +
        ". Vink per offerte af wat je nagegaan hebt." }] });
      selection().forEach(function (p) {
        out.push({ style: "kop1", runs: [{ t: p.kop }] });
        p.criteria.forEach(function (c) {
          out.push({ style: "kop2", runs: [{ t: "[ ] " + c.titel }] });
          out.push({ style: "tekst", runs: labelled("Wat je nagaat:", c.node.querySelector(".bb-controle")) });
          out.push({ style: "tekst", runs: labelled("Bewijs van de inschrijver:", c.node.querySelector(".bb-bewijs")) });
          if (c.soort === "gunningscriterium") {
            out.push({ style: "tekst", runs: [{ t: "Score en weging: ", b: true }, { t: "[vul zelf in]", open: true }] });
          }
        });
      });
      return out;
    }

    function asText(paragraphs) {
      var lines = [];
      paragraphs.forEach(function (p) {
        var t = plain(p.runs);
        if (p.style === "titel") { lines.push(t, ""); }
        else if (p.style === "kop1") { lines.push("", t.toUpperCase(), ""); }
        else if (p.style === "kop2") { lines.push("", t); }
        else if (p.style === "lijst") { lines.push("  " + t); }
        else { lines.push(t); }
      });
      return lines.join("\r\n").replace(/(\r\n){3,}/g, "\r\n\r\n") + "\r\n";
    }

    // XML 1.0 text: escaped, without the control characters XML cannot hold.
    function xml(text) {
      return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "")
        .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
    }

    var DOCX_STYLES = { titel: "Title", kop1: "Heading1", kop2: "Heading2", tekst: "Normal", lijst: "ListParagraph", meta: "Meta" };
    var HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
    var W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    var REL = "http://schemas.openxmlformats.org/package/2006/relationships";
    var OFFICE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    function docxStyle(id, name, size, bold, extra) {
      return "<w:style w:type=\"paragraph\" w:styleId=\"" + id + "\"><w:name w:val=\"" + name + "\"/>" +
        (id === "Normal" ? "" : "<w:basedOn w:val=\"Normal\"/>") + "<w:qFormat/><w:pPr>" + (extra || "") +
        "<w:spacing w:after=\"120\"/></w:pPr><w:rPr>" + (bold ? "<w:b/>" : "") + "<w:sz w:val=\"" + size + "\"/></w:rPr></w:style>";
    }

    function docx(paragraphs) {
      var body = paragraphs.map(function (p) {
        return "<w:p><w:pPr><w:pStyle w:val=\"" + DOCX_STYLES[p.style] + "\"/></w:pPr>" + p.runs.map(function (r) {
          var props = (r.b ? "<w:b/>" : "") + (r.open ? "<w:highlight w:val=\"yellow\"/>" : "");
          return "<w:r>" + (props ? "<w:rPr>" + props + "</w:rPr>" : "") + "<w:t xml:space=\"preserve\">" + xml(r.t) + "</w:t></w:r>";
        }).join("") + "</w:p>";
      }).join("");
      var styles = HEAD + "<w:styles xmlns:w=\"" + W + "\">" +
        "<w:docDefaults><w:rPrDefault><w:rPr><w:lang w:val=\"nl-BE\"/></w:rPr></w:rPrDefault></w:docDefaults>" +
        docxStyle("Normal", "Normal", 22, false) + docxStyle("Title", "Title", 36, true) +
        docxStyle("Heading1", "heading 1", 30, true, "<w:keepNext/><w:spacing w:before=\"360\"/><w:outlineLvl w:val=\"0\"/>") +
        docxStyle("Heading2", "heading 2", 24, true, "<w:keepNext/><w:spacing w:before=\"240\"/><w:outlineLvl w:val=\"1\"/>") +
        docxStyle("ListParagraph", "List Paragraph", 22, false, "<w:ind w:left=\"360\"/>") +
        docxStyle("Meta", "Bronvermelding", 18, false) + "</w:styles>";
      return window.Zip.build([
        { name: "[Content_Types].xml", data: HEAD + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" +
          "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>" +
          "<Default Extension=\"xml\" ContentType=\"application/xml\"/>" +
          "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>" +
          "<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/></Types>" },
        { name: "_rels/.rels", data: HEAD + "<Relationships xmlns=\"" + REL + "\"><Relationship Id=\"rId1\" Type=\"" + OFFICE_REL +
          "/officeDocument\" Target=\"word/document.xml\"/></Relationships>" },
        { name: "word/_rels/document.xml.rels", data: HEAD + "<Relationships xmlns=\"" + REL + "\"><Relationship Id=\"rId1\" Type=\"" +
          OFFICE_REL + "/styles\" Target=\"styles.xml\"/></Relationships>" },
        { name: "word/document.xml", data: HEAD + "<w:document xmlns:w=\"" + W + "\"><w:body>" + body +
          "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1418\" w:right=\"1418\" w:bottom=\"1418\" w:left=\"1418\" " +
          "w:header=\"709\" w:footer=\"709\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>" },
        { name: "word/styles.xml", data: styles }
      ], { type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" });
    }

    var ODF = "urn:oasis:names:tc:opendocument:xmlns:";
    var ODF_NS = " xmlns:office=\"" + ODF + "office:1.0\" xmlns:style=\"" + ODF + "style:1.0\" xmlns:text=\"" + ODF +
      "text:1.0\" xmlns:fo=\"" + ODF + "xsl-fo-compatible:1.0\" office:version=\"1.3\"";
    var ODT_STYLES = { titel: "Title", kop1: "Heading_20_1", kop2: "Heading_20_2", tekst: "Standard", lijst: "Lijst", meta: "Bronvermelding" };

    function odtStyle(name, display, size, bold, extra) {
      return "<style:style style:name=\"" + name + "\" style:display-name=\"" + display + "\" style:family=\"paragraph\"" +
        (name === "Standard" ? "" : " style:parent-style-name=\"Standard\"") + (extra || "") + "><style:paragraph-properties " +
        "fo:margin-bottom=\"0.2cm\"" + (name === "Lijst" ? " fo:margin-left=\"0.6cm\"" : "") + "/><style:text-properties fo:font-size=\"" +
        size + "pt\"" + (bold ? " fo:font-weight=\"bold\"" : "") + "/></style:style>";
    }

    function odt(paragraphs) {
      var body = paragraphs.map(function (p) {
        var inner = p.runs.map(function (r) {
          var name = r.open ? "Open" : r.b ? "Vet" : "";
          return name ? "<text:span text:style-name=\"" + name + "\">" + xml(r.t) + "</text:span>" : xml(r.t);
        }).join("");
        if (p.style === "kop1" || p.style === "kop2") {
          return "<text:h text:style-name=\"" + ODT_STYLES[p.style] + "\" text:outline-level=\"" + (p.style === "kop1" ? 1 : 2) + "\">" +
            inner + "</text:h>";
        }
        return "<text:p text:style-name=\"" + ODT_STYLES[p.style] + "\">" + inner + "</text:p>";
      }).join("");
      var content = HEAD + "<office:document-content" + ODF_NS + "><office:automatic-styles>" +
        "<style:style style:name=\"Vet\" style:family=\"text\"><style:text-properties fo:font-weight=\"bold\"/></style:style>" +
        "<style:style style:name=\"Open\" style:family=\"text\"><style:text-properties fo:background-color=\"#ffff00\"/></style:style>" +
        "</office:automatic-styles><office:body><office:text>" + body + "</office:text></office:body></office:document-content>";
      var styles = HEAD + "<office:document-styles" + ODF_NS + "><office:styles>" +
        odtStyle("Standard", "Standard", 11, false) + odtStyle("Title", "Title", 18, true) +
        odtStyle("Heading_20_1", "Heading 1", 15, true, " style:default-outline-level=\"1\"") +
        odtStyle("Heading_20_2", "Heading 2", 12, true, " style:default-outline-level=\"2\"") +
        odtStyle("Lijst", "Lijst", 11, false) + odtStyle("Bronvermelding", "Bronvermelding", 9, false) +
        "</office:styles></office:document-styles>";
      var manifest = HEAD + "<manifest:manifest xmlns:manifest=\"" + ODF + "manifest:1.0\" manifest:version=\"1.3\">" +
        "<manifest:file-entry manifest:full-path=\"/\" manifest:version=\"1.3\" manifest:media-type=\"application/vnd.oasis.opendocument.text\"/>" +
        "<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>" +
        "<manifest:file-entry manifest:full-path=\"styles.xml\" manifest:media-type=\"text/xml\"/></manifest:manifest>";
      return window.Zip.build([
        { name: "mimetype", data: "application/vnd.oasis.opendocument.text" },
        { name: "META-INF/manifest.xml", data: manifest },
        { name: "content.xml", data: content },
        { name: "styles.xml", data: styles }
      ], { type: "application/vnd.oasis.opendocument.text" });
    }

    function exporter(make, name, what) {
      return function () {
        if (!selection().length) {
          exportStatus.textContent = "Er is niets om te downloaden: je selectie is leeg. Kies eerst een productgroep en criteria.";
          return;
        }
        window.Zip.save(make(), name);
        exportStatus.textContent = what + " is klaar: " + name + ".";
      };
    }

    document.getElementById("bb-docx").addEventListener("click", exporter(function () { return docx(documentParagraphs()); },
      "bestek-circulaire-criteria.docx", "Het Word-bestand"));
    document.getElementById("bb-odt").addEventListener("click", exporter(function () { return odt(documentParagraphs()); },
      "bestek-circulaire-criteria.odt", "Het OpenDocument-bestand"));
    document.getElementById("bb-txt").addEventListener("click", exporter(function () {
      return new Blob([asText(documentParagraphs())], { type: "text/plain;charset=utf-8" });
    }, "bestek-circulaire-criteria.txt", "Het tekstbestand"));
    document.getElementById("bb-controle").addEventListener("click", exporter(function () {
      return new Blob([asText(checklistParagraphs())], { type: "text/plain;charset=utf-8" });
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
    // An address without a selection (none, or a heading's anchor) starts empty and keeps its anchor.
    var fromAddress = isState(window.location.hash);
    var note = readUrl();  // also sets the defaults: no group, level basis, every type
    show.note = fromAddress ? note : "";
    show();
    if (fromAddress) { writeUrl(); } else { link.href = window.location.href; link.textContent = window.location.href; }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
