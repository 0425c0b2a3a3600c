/* Bestekbouwer, the documents: the buyer's selection as .docx, .odt and plain text, and the checklist
 * for the evaluation. Loaded by bestekbouwer.js when the buyer first picks a product group (a first
 * visit does not carry it), with zip.js, which packs the .docx and .odt.
 *
 * It reads only what bestekbouwer.js hands it: `sel` = {parts: [{kop, soort, criteria}], values,
 * groups (names), level (its label), groupName(id)}, each criterion with its block on the page
 * (node), its placeholders (fields), titel, groep, niveau and soort. Typed values are written as text.
 */
(function () {
  "use strict";

  // --- the documents -------------------------------------------------------------------------

  // A run of text: {t: text, b: bold, open: an unfilled placeholder}.
  function runsOf(node, fields, values) {
    var runs = [];
    (function walk(n) {
      if (n.nodeType === 3) { runs.push({ t: n.nodeValue }); return; }
      if (n.nodeType !== 1) { return; }
      if (n.classList.contains("invulveld")) {
        var f = fields.filter(function (x) { return x.span === n; })[0];
        var value = f && values[f.key];
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
  function clauseParagraphs(c, values) {
    var out = [];
    Array.prototype.forEach.call(c.node.querySelector(".bb-tekst").children, function (child) {
      if (child.tagName === "UL" || child.tagName === "OL") {
        Array.prototype.forEach.call(child.children, function (li, i) {
          var runs = runsOf(li, c.fields, values);
          runs.unshift({ t: child.tagName === "OL" ? (i + 1) + ". " : "– " });
          out.push({ style: "lijst", runs: runs });
        });
      } else {
        var runs = runsOf(child, c.fields, values);
        if (runs.length) { out.push({ style: "tekst", runs: runs }); }
      }
    });
    return out;
  }

  function labelled(label, node) {
    var runs = node ? runsOf(node, [], {}) : [];
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

  function today() {
    return new Date().toLocaleDateString("nl-BE", { day: "numeric", month: "long", year: "numeric" });
  }

  // The document as a list of paragraphs {style, runs}: styles titel, kop1, kop2, tekst, lijst, meta.
  function documentParagraphs(sel) {
    var parts = sel.parts;
    var out = [{ style: "titel", runs: [{ t: "Circulaire criteria voor het bestek" }] }];
    out.push({ style: "meta", runs: [{ t: "Samengesteld met de bestekbouwer van de gids Circulair aankopen in de zorg op " +
      today() + ". Productgroepen: " + sel.groups.join(", ") + ". Niveau: " + sel.level + "." }] });
    out.push({ style: "meta", runs: [{ t: "Pas de tekst aan je opdracht aan. Tekst tussen vierkante haken moet je nog invullen." }] });
    parts.forEach(function (p) {
      out.push({ style: "kop1", runs: [{ t: p.kop }] });
      p.criteria.forEach(function (c) {
        out.push({ style: "kop2", runs: [{ t: c.titel }] });
        out.push({ style: "meta", runs: [{ t: sel.groupName(c.groep) + " · niveau " + c.niveau }] });
        out = out.concat(clauseParagraphs(c, sel.values));
        if (c.soort === "gunningscriterium") {
          out.push({ style: "tekst", runs: [{ t: "Weging: ", b: true }, { t: "[vul zelf in]", open: true }] });
        }
        out.push({ style: "tekst", runs: labelled("Bewijs:", c.node.querySelector(".bb-bewijs")) });
        out.push({ style: "meta", runs: sourceRuns(c) });
      });
    });
    return out;
  }

  function checklistParagraphs(sel) {
    var out = [{ style: "titel", runs: [{ t: "Controlelijst voor de beoordeling" }] }];
    out.push({ style: "meta", runs: [{ t: "Bij de circulaire criteria uit de bestekbouwer, " + today() +
      ". Vink per offerte af wat je nagegaan hebt." }] });
    sel.parts.forEach(function (p) {
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
    return window.Zip.odf("application/vnd.oasis.opendocument.text", "1.3",
      [{ name: "content.xml", data: content }, { name: "styles.xml", data: styles }]);
  }

  window.BestekbouwerDocument = {
    document: documentParagraphs, checklist: checklistParagraphs, text: asText, docx: docx, odt: odt
  };
})();
