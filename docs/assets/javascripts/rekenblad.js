/* Rekenblad.ods(book) / Rekenblad.xlsx(book) -> Blob: a small spreadsheet written in the browser,
 * as OpenDocument (.ods) and as Office Open XML (.xlsx), packed by window.Zip (zip.js).
 *
 * book  = { sheets: [{ name, widths: [cm, ...], protect: bool, rows: [[cell or null, ...], ...] }] }
 * cell  = { text: "..." } | { number: 1.5 } | { formula: "MIN({B5},{B6}*{B7})" } | { input: true },
 *         each with an optional style: titel, kop, uitleg, geld, prijs, procent, factor, aantal,
 *         invoer (a yellow cell, left unlocked on a protected sheet, for the one who fills it in).
 * A formula is written once, in a neutral form: cell references in braces ({B5}, a range as
 * {B5:B9}) and "," between arguments; it becomes "B5"/"B5:B9" and "," in .xlsx and "[.B5]"/
 * "[.B5:.B9]" and ";" in .ods (OpenFormula). Only numbers, references, + - * / ^ and functions
 * that both formats share (SUM, MIN, MAX, IF, ROUNDUP, ROUNDDOWN) are used by the callers.
 * Text is escaped for XML and stripped of the control characters XML 1.0 cannot carry, so a
 * name typed into a tool can never become markup or a formula: text cells are always text.
 */
(function () {
  "use strict";

  // XML 1.0 cannot carry most control characters, U+FFFE/U+FFFF or a lone surrogate (a typed or
  // pasted one would break the file): they are dropped, code point by code point.
  function xmlChar(ch) {
    var code = ch.codePointAt(0);
    if (code < 0x20) { return code === 0x09 || code === 0x0a || code === 0x0d; }
    return !(code >= 0xd800 && code <= 0xdfff) && code !== 0xfffe && code !== 0xffff;
  }

  function esc(text) {
    return Array.from(String(text)).filter(xmlChar).join("").replace(/&/g, "&amp;").replace(/</g, "&lt;")
      .replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  function column(index) { // 0 -> A, 25 -> Z, 26 -> AA
    var name = "";
    for (var i = index + 1; i > 0; i = Math.floor((i - 1) / 26)) { name = String.fromCharCode(65 + (i - 1) % 26) + name; }
    return name;
  }

  var REF = /\{([A-Z]{1,3}[0-9]{1,5})(?::([A-Z]{1,3}[0-9]{1,5}))?\}/g;

  function xlsxFormula(f) { return f.replace(REF, function (m, a, b) { return b ? a + ":" + b : a; }); }
  function odsFormula(f) {
    return "of:=" + f.replace(/,/g, ";").replace(REF, function (m, a, b) { return b ? "[." + a + ":." + b + "]" : "[." + a + "]"; });
  }

  function number(value) {
    if (typeof value !== "number" || !Number.isFinite(value)) { throw new Error("Rekenblad: geen getal"); }
    return String(value);
  }

  // --- OpenDocument spreadsheet ----------------------------------------------------------

  var ODS_NS = 'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" ' +
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" ' +
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" ' +
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" ' +
    'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" ' +
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" ' +
    'xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" ' +
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" office:version="1.2"';

  var YELLOW = "#fff2cc";
  // Cell styles: [name, data style or "", bold, size in pt or 0, yellow and unlocked, wrap].
  var ODS_STYLES = {
    titel: ["ce-titel", "", true, 13, false, false],
    kop: ["ce-kop", "", true, 0, false, false],
    uitleg: ["ce-uitleg", "", false, 0, false, false],
    geld: ["ce-geld", "N-geld", false, 0, false, false],
    prijs: ["ce-prijs", "N-prijs", false, 0, false, false],
    procent: ["ce-procent", "N-procent", false, 0, false, false],
    factor: ["ce-factor", "N-factor", false, 0, false, false],
    aantal: ["ce-aantal", "N-aantal", false, 0, false, false],
    invoer: ["ce-invoer", "", false, 0, true, false],
    "": ["ce-standaard", "", false, 0, false, false]
  };

  function odsStyles() {
    var out = '<number:number-style style:name="N-geld"><number:number number:decimal-places="2" number:min-decimal-places="2" number:min-integer-digits="1" number:grouping="true"/></number:number-style>' +
      '<number:number-style style:name="N-prijs"><number:number number:decimal-places="4" number:min-decimal-places="2" number:min-integer-digits="1" number:grouping="true"/></number:number-style>' +
      '<number:number-style style:name="N-factor"><number:number number:decimal-places="6" number:min-decimal-places="6" number:min-integer-digits="1"/></number:number-style>' +
      '<number:number-style style:name="N-aantal"><number:number number:decimal-places="0" number:min-integer-digits="1" number:grouping="true"/></number:number-style>' +
      '<number:percentage-style style:name="N-procent"><number:number number:decimal-places="2" number:min-decimal-places="2" number:min-integer-digits="1"/><number:text>%</number:text></number:percentage-style>';
    Object.keys(ODS_STYLES).forEach(function (key) {
      var s = ODS_STYLES[key];
      out += '<style:style style:name="' + s[0] + '" style:family="table-cell" style:parent-style-name="Default"' +
        (s[1] ? ' style:data-style-name="' + s[1] + '"' : "") + ">" +
        '<style:table-cell-properties style:vertical-align="top"' + (s[4] ? ' fo:background-color="' + YELLOW + '" fo:border="0.5pt solid #7f6000" style:cell-protection="none"' : "") +
        (key === "uitleg" ? ' fo:wrap-option="wrap"' : "") + "/>" +
        (s[2] || s[3] ? '<style:text-properties' + (s[2] ? ' fo:font-weight="bold"' : "") + (s[3] ? ' fo:font-size="' + s[3] + 'pt"' : "") + "/>" : "") +
        "</style:style>";
    });
    return out;
  }

  function odsCell(cell) {
    if (!cell) { return "<table:table-cell/>"; }
    var style = ' table:style-name="' + (ODS_STYLES[cell.style || ""] || ODS_STYLES[""])[0] + '"';
    if (cell.input) { return "<table:table-cell" + style + "/>"; }
    if (cell.formula !== undefined) {
      // No value type: ODF ties a value type to a value, and the file carries no results. The
      // spreadsheet computes every formula when it opens the file.
      return "<table:table-cell" + style + ' table:formula="' + esc(odsFormula(cell.formula)) + '"/>';
    }
    if (cell.number !== undefined) {
      var kind = cell.style === "procent" ? "percentage" : "float";
      return "<table:table-cell" + style + ' office:value-type="' + kind + '" office:value="' + number(cell.number) + '"/>';
    }
    return "<table:table-cell" + style + ' office:value-type="string"><text:p>' + esc(cell.text) + "</text:p></table:table-cell>";
  }

  function ods(book) {
    var columnStyles = "", tables = "";
    book.sheets.forEach(function (sheet, s) {
      var columns = "";
      sheet.widths.forEach(function (cm, c) {
        var name = "co" + s + "-" + c;
        columnStyles += '<style:style style:name="' + name + '" style:family="table-column"><style:table-column-properties style:column-width="' + cm + 'cm"/></style:style>';
        columns += '<table:table-column table:style-name="' + name + '"/>';
      });
      var rows = sheet.rows.map(function (row) {
        return "<table:table-row>" + (row.length ? row.map(odsCell).join("") : "<table:table-cell/>") + "</table:table-row>";
      }).join("");
      tables += '<table:table table:name="' + esc(sheet.name) + '"' + (sheet.protect ? ' table:protected="true"' : "") + ">" + columns + rows + "</table:table>";
    });
    var content = '<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content ' + ODS_NS + ">" +
      "<office:automatic-styles>" + columnStyles + odsStyles() + "</office:automatic-styles>" +
      "<office:body><office:spreadsheet>" + tables + "</office:spreadsheet></office:body></office:document-content>";
    var styles = '<?xml version="1.0" encoding="UTF-8"?>\n<office:document-styles ' + ODS_NS + ">" +
      '<office:styles><style:style style:name="Default" style:family="table-cell"/></office:styles></office:document-styles>';
    var meta = '<?xml version="1.0" encoding="UTF-8"?>\n<office:document-meta ' + ODS_NS + "><office:meta>" +
      "<meta:generator>Circulair aankopen in de zorg</meta:generator></office:meta></office:document-meta>";
    return window.Zip.odf("application/vnd.oasis.opendocument.spreadsheet", "1.2", [
      { name: "content.xml", data: content }, { name: "styles.xml", data: styles }, { name: "meta.xml", data: meta }
    ]);
  }

  // --- Office Open XML workbook ------------------------------------------------------------

  var MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  var REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  // Index into cellXfs below.
  var XLSX_STYLES = { "": 0, kop: 1, titel: 2, geld: 3, prijs: 4, procent: 5, factor: 6, aantal: 7, invoer: 8, uitleg: 9 };

  var XLSX_STYLESHEET = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="' + MAIN + '">' +
    '<numFmts count="4"><numFmt numFmtId="164" formatCode="#,##0.00"/><numFmt numFmtId="165" formatCode="#,##0.00##"/>' +
    '<numFmt numFmtId="166" formatCode="0.000000"/><numFmt numFmtId="167" formatCode="#,##0"/></numFmts>' +
    '<fonts count="3"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font>' +
    '<font><b/><sz val="13"/><name val="Calibri"/></font></fonts>' +
    '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>' +
    '<fill><patternFill patternType="solid"><fgColor rgb="FFFFF2CC"/><bgColor indexed="64"/></patternFill></fill></fills>' +
    '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>' +
    '<border><left style="thin"><color rgb="FF7F6000"/></left><right style="thin"><color rgb="FF7F6000"/></right>' +
    '<top style="thin"><color rgb="FF7F6000"/></top><bottom style="thin"><color rgb="FF7F6000"/></bottom><diagonal/></border></borders>' +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    '<cellXfs count="10">' +
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top"/></xf>' +
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
    '<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
    '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
    '<xf numFmtId="10" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
    '<xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
    '<xf numFmtId="167" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
    '<xf numFmtId="0" fontId="0" fillId="2" borderId="1" xfId="0" applyFill="1" applyBorder="1" applyProtection="1"><protection locked="0"/></xf>' +
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment wrapText="1" vertical="top"/></xf>' +
    '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';

  function xlsxCell(cell, ref) {
    if (!cell) { return ""; }
    var style = XLSX_STYLES[cell.style || ""] || 0;
    var s = style ? ' s="' + style + '"' : "";
    if (cell.input) { return '<c r="' + ref + '"' + s + "/>"; }
    if (cell.formula !== undefined) { return '<c r="' + ref + '"' + s + "><f>" + esc(xlsxFormula(cell.formula)) + "</f></c>"; }
    if (cell.number !== undefined) { return '<c r="' + ref + '"' + s + "><v>" + number(cell.number) + "</v></c>"; }
    return '<c r="' + ref + '"' + s + ' t="inlineStr"><is><t xml:space="preserve">' + esc(cell.text) + "</t></is></c>";
  }

  function xlsxSheet(sheet) {
    var cols = sheet.widths.map(function (cm, c) {
      // Excel measures in character widths of the default font: about 5 per centimetre.
      return '<col min="' + (c + 1) + '" max="' + (c + 1) + '" width="' + (cm * 5).toFixed(1) + '" customWidth="1"/>';
    }).join("");
    var rows = sheet.rows.map(function (row, r) {
      var cells = row.map(function (cell, c) { return xlsxCell(cell, column(c) + (r + 1)); }).join("");
      return '<row r="' + (r + 1) + '">' + cells + "</row>";
    }).join("");
    return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="' + MAIN + '" xmlns:r="' + REL + '">' +
      "<cols>" + cols + "</cols><sheetData>" + rows + "</sheetData>" +
      (sheet.protect ? '<sheetProtection sheet="1" objects="1" scenarios="1"/>' : "") + "</worksheet>";
  }

  function xlsx(book) {
    var sheets = book.sheets;
    var types = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
      sheets.map(function (sheet, i) {
        return '<Override PartName="/xl/worksheets/sheet' + (i + 1) + '.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>';
      }).join("") + "</Types>";
    var rootRels = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="' + REL + '/officeDocument" Target="xl/workbook.xml"/></Relationships>';
    // fullCalcOnLoad: the file carries formulas without results; the spreadsheet computes them on opening.
    var workbook = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="' + MAIN + '" xmlns:r="' + REL + '"><sheets>' +
      sheets.map(function (sheet, i) {
        return '<sheet name="' + esc(sheet.name) + '" sheetId="' + (i + 1) + '" r:id="rId' + (i + 1) + '"/>';
      }).join("") + '</sheets><calcPr calcId="191029" fullCalcOnLoad="1"/></workbook>';
    var workbookRels = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      sheets.map(function (sheet, i) {
        return '<Relationship Id="rId' + (i + 1) + '" Type="' + REL + '/worksheet" Target="worksheets/sheet' + (i + 1) + '.xml"/>';
      }).join("") +
      '<Relationship Id="rId' + (sheets.length + 1) + '" Type="' + REL + '/styles" Target="styles.xml"/></Relationships>';
    var entries = [
      { name: "[Content_Types].xml", data: types },
      { name: "_rels/.rels", data: rootRels },
      { name: "xl/workbook.xml", data: workbook },
      { name: "xl/_rels/workbook.xml.rels", data: workbookRels },
      { name: "xl/styles.xml", data: XLSX_STYLESHEET }
    ];
    sheets.forEach(function (sheet, i) { entries.push({ name: "xl/worksheets/sheet" + (i + 1) + ".xml", data: xlsxSheet(sheet) }); });
    return window.Zip.build(entries, { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });
  }

  window.Rekenblad = { ods: ods, xlsx: xlsx, column: column };
})();
