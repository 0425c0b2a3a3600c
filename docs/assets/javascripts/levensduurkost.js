/* Levensduurkost vergelijken: life-cycle cost as an award method.
 *
 * The buyer fixes the method (period, use per year, who may buy or rent, discount rate, which
 * cost items count, energy price, an external environmental cost and its price); the script
 * turns it into an annex for the tender documents (a spreadsheet as .ods and .xlsx in which the
 * bidder fills in only their own figures, and a text to print or save); then it takes each
 * bidder's figures and computes every offer under that one method, with the ranking at the
 * chosen discount rate, at 0 % and at a higher rate.
 *
 * The formulas are explained in the page text (readable without JavaScript); this script, and
 * the formulas it writes into the spreadsheet, apply exactly those. No figure is filled in by
 * default; the only figures it can fill in are the page's fictitious example (#lk-voorbeeld).
 * Every input is checked first: an invalid one gets a Dutch message next to it and no result
 * is shown, so NaN or Infinity never reach the screen or a file. What the reader types stays in
 * this browser (localStorage), so a reload keeps it; nothing is sent anywhere.
 */
(function () {
  "use strict";

  var STORAGE_KEY = "circulair-zorg:levensduurkost";
  var MAX_MONEY = 10000000; // ten million euro: more is almost surely a typing error
  var MAX_COUNT = 10000000;
  var MAX_QUANTITY = 1000000;
  var MAX_RATE = 25;
  var EXTRA_RATE = 5; // the sensitivity table adds the chosen rate plus five percentage points
  var MAX_OFFERS = 6;
  var START_OFFERS = 2;
  var TEXT_MAX = 150;

  var LIMITS = { geld: MAX_MONEY, prijs: MAX_MONEY, hoeveelheid: MAX_QUANTITY, jaren: 100, periode: 50,
    aantal: MAX_COUNT, procent: MAX_RATE };
  var WHOLE = { periode: true, aantal: true };
  var ZERO_ALLOWED = { geld: true, prijs: true, hoeveelheid: true, procent: true };

  // The cost items, in the order of the results and the spreadsheet. `wijze`: only when the
  // product is bought (kopen) or rented (huren). `vast`: always counted for that way; the others
  // count only when the buyer ticks them in the method. `keuze`: the checkbox label.
  var POSTEN = [
    { key: "aankoop", naam: "Aankoop", wijze: "kopen", vast: true },
    { key: "huur", naam: "Huur of abonnement", wijze: "huren", vast: true },
    { key: "installatie", naam: "Installatie en ingebruikname", keuze: "Installatie en ingebruikname (eenmalig, bij de start)" },
    { key: "energie", naam: "Energie", keuze: "Energie (de inschrijver geeft het verbruik per gebruik, jij de prijs per kWh)" },
    { key: "verbruik", naam: "Verbruiksgoederen", keuze: "Verbruiksgoederen (per gebruik)" },
    { key: "reiniging", naam: "Reiniging en sterilisatie", keuze: "Reiniging of sterilisatie (per gebruik)" },
    { key: "onderhoud", naam: "Onderhoud", keuze: "Onderhoud (per jaar)" },
    { key: "herstelling", naam: "Herstellingen", keuze: "Herstellingen (per jaar)" },
    { key: "afval", naam: "Afvalverwerking", wijze: "kopen", keuze: "Afvalverwerking (per exemplaar, bij kopen)" },
    { key: "terugname", naam: "Terugname (gaat eraf)", wijze: "kopen", keuze: "Terugnamewaarde (per exemplaar, bij kopen; gaat eraf)" },
    { key: "extern", naam: "Externe milieukosten", keuze: "Externe milieukosten (de inschrijver geeft een hoeveelheid per gebruik, jij de prijs)" }
  ];

  // What a bidder fills in. `post`: asked only when that cost item is in the method.
  var FIELDS = [
    { key: "aankoop", label: "Aankoopprijs per exemplaar (euro)", type: "geld", wijze: "kopen" },
    { key: "gebruiken", label: "Aantal keer dat je één exemplaar kunt gebruiken", type: "aantal", wijze: "kopen",
      hint: "1 voor een wegwerpproduct." },
    { key: "levensduur", label: "Levensduur van één exemplaar (jaren)", type: "jaren", wijze: "kopen",
      hint: "Hoe lang het meegaat, ook als je het weinig gebruikt." },
    { key: "huur", label: "Huur- of abonnementsprijs per jaar (euro)", type: "geld", wijze: "huren" },
    { key: "installatie", label: "Installatie en ingebruikname, eenmalig (euro)", type: "geld", post: "installatie" },
    { key: "energie", label: "Energieverbruik per gebruik (kWh)", type: "hoeveelheid", post: "energie" },
    { key: "verbruik", label: "Verbruiksgoederen per gebruik (euro)", type: "geld", post: "verbruik" },
    { key: "reiniging", label: "Reiniging of sterilisatie per gebruik (euro)", type: "geld", post: "reiniging" },
    { key: "onderhoud", label: "Onderhoud per jaar (euro)", type: "geld", post: "onderhoud" },
    { key: "herstelling", label: "Herstellingen per jaar (euro)", type: "geld", post: "herstelling" },
    { key: "afval", label: "Afvalverwerking per exemplaar (euro)", type: "geld", wijze: "kopen", post: "afval" },
    { key: "terugname", label: "Terugnamewaarde per exemplaar (euro)", type: "geld", wijze: "kopen", post: "terugname",
      hint: "Wat de leverancier teruggeeft voor een afgedankt exemplaar; 0 als er geen terugname is." },
    { key: "extern", label: "Hoeveelheid per gebruik (externe milieukost)", type: "hoeveelheid", post: "extern" }
  ];

  var WIJZEN = [["kopen", "Kopen"], ["huren", "Huren of abonnement"]];

  var euro = new Intl.NumberFormat("nl-BE", { style: "currency", currency: "EUR", minimumFractionDigits: 2, maximumFractionDigits: 2 });
  var whole = new Intl.NumberFormat("nl-BE", { maximumFractionDigits: 0 });
  var decimal = new Intl.NumberFormat("nl-BE", { maximumFractionDigits: 4 });

  // Half a cent rounds up, as on paper: 0,745 is shown as 0,75 (formatting the binary value
  // 0.74499999... as it stands would show 0,74).
  function money(value) { return euro.format(Math.round(value * 100) / 100); }
  function percent(value) { return decimal.format(value) + "\u00a0%"; } // in tables
  function procent(value) { return decimal.format(value) + "\u00a0procent"; } // in sentences (SCHRIJFWIJZER.md)
  function unitPrice(value) { // a price the buyer fixes, such as euro per kWh: as typed, up to four decimals
    return new Intl.NumberFormat("nl-BE", { style: "currency", currency: "EUR", minimumFractionDigits: 2, maximumFractionDigits: 4 }).format(value);
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function postOf(key) { return POSTEN.filter(function (p) { return p.key === key; })[0]; }

  /* Reads a Dutch or plain number: "12,50", "1.250,00", "1.250.000", "1250.5", "€ 40".
     A single dot followed by exactly three digits ("1.250", "0.500", "0.001") is ambiguous:
     a thousands separator in Dutch, a decimal point in English. In an amount or any field that
     takes decimals it is asked about, never guessed (reading "0.500" as 500 or "0.001" years as 1
     gave wrong answers). A field that only takes whole numbers has no such doubt: "1.825" is 1825.
     Returns {value} or {error} with a Dutch message. */
  function parse(raw, type) {
    var shown = String(raw).trim();
    var text = String(raw).replace(type === "procent" ? /[\s\u00a0€%]/g : /[\s\u00a0€]/g, "");
    if (text === "") {
      if (type === "geld" || type === "prijs") { return { error: "Vul een bedrag in (0 als er geen kosten zijn)." }; }
      if (type === "procent") { return { error: "Vul een percentage in (0 als je niet actualiseert)." }; }
      return { error: "Vul een getal in." };
    }
    if (WHOLE[type] && /^[1-9]\d{0,2}(\.\d{3})+$/.test(text)) {
      text = text.replace(/\./g, ""); // 1.825 and 1.250.000: dots group thousands
    } else if (/^-?\d+\.\d{3}$/.test(text)) {
      var asWhole = Number(text.replace(".", "")), asDecimal = text.replace(".", ",");
      return { error: "Is '" + shown + "' " + asWhole.toLocaleString("nl-BE") + " of " + asDecimal + "? " +
        "Schrijf " + asWhole + " (zonder punt) of " + asDecimal + " (met een komma)." };
    } else if (/^-?[1-9]\d{0,2}(\.\d{3})+(,\d+)?$/.test(text)) {
      text = text.replace(/\./g, ""); // 1.250,00 and 1.250.000: dots group thousands
    } else if ((text.indexOf(".") >= 0 && text.indexOf(",") >= 0) || /\..*\./.test(text)) {
      // Dots and a comma that are not Dutch thousands ("1,250.50"), or several dots ("1.250.5").
      return { error: "'" + shown + "' is geen getal. Schrijf bijvoorbeeld 1250,50 of 12,50." };
    }
    text = text.replace(",", ".");
    if (!/^-?\d+(\.\d+)?$/.test(text)) {
      return { error: "'" + shown + "' is geen getal. Schrijf bijvoorbeeld 12,50." };
    }
    var value = Number(text);
    if (!Number.isFinite(value)) { return { error: "Dit getal is te groot." }; }
    if (value < 0) { return { error: "Mag niet negatief zijn." }; }
    var max = LIMITS[type];
    if (value > max) {
      return { error: "Meer dan " + whole.format(max) + (type === "procent" ? " procent" : "") +
        " is niet realistisch: controleer of je geen cijfer te veel typte." };
    }
    if (WHOLE[type] && Math.floor(value) !== value) { return { error: "Vul een geheel getal in." }; }
    if (!ZERO_ALLOWED[type] && value === 0) { return { error: "Moet groter zijn dan 0." }; }
    return { value: value };
  }

  /* The method of the page text for one offer. `m`: the checked method; `o`: the offer's
     checked figures (0 for what the method does not ask); `rate`: the discount rate in percent.
     Year t runs from 1 to the period. A cost at the start of year t is divided by (1 + r)^(t - 1),
     a cost at the end of year t by (1 + r)^t. */
  function ceilUp(x) { return Math.ceil(Math.max(0, x - 1e-9)); }
  function floorDown(x) { return Math.floor(x + 1e-9); }
  // The tolerance keeps floating-point noise (100 uses a year x 0.29 years = 28.999999999999996)
  // from adding or dropping an exemplar. The spreadsheet's formulas use the same 1E-9.

  function compute(o, m, rate) {
    var n = m.periode, uses = m.gebruikPerJaar, r = rate / 100;
    var v = {};
    POSTEN.forEach(function (p) { v[p.key] = 0; });
    var perUnit = 0, units = 0;
    if (o.wijze === "kopen") {
      // An exemplar is done after its number of uses or its lifetime, whichever comes first.
      perUnit = Math.min(o.gebruiken, uses * o.levensduur);
      units = ceilUp(n * uses / perUnit);
    }
    for (var t = 1; t <= n; t += 1) {
      var start = 1 / Math.pow(1 + r, t - 1), end = 1 / Math.pow(1 + r, t);
      if (o.wijze === "kopen") {
        // Bought: the exemplars whose first use falls in year t. Done: those used up in year t,
        // and in the last year every one still in use.
        var bought = ceilUp(uses * t / perUnit) - ceilUp(uses * (t - 1) / perUnit);
        var done = t < n ? floorDown(uses * t / perUnit) - floorDown(uses * (t - 1) / perUnit)
          : units - floorDown(uses * (n - 1) / perUnit);
        v.aankoop += bought * o.aankoop * start;
        v.afval += done * o.afval * end;
        v.terugname += done * o.terugname * end;
      } else {
        v.huur += o.huur * start;
      }
      if (t === 1) { v.installatie += o.installatie * start; }
      v.energie += uses * o.energie * m.energieprijs * end;
      v.verbruik += uses * o.verbruik * end;
      v.reiniging += uses * o.reiniging * end;
      v.onderhoud += o.onderhoud * end;
      v.herstelling += o.herstelling * end;
      v.extern += uses * o.extern * m.externPrijs * end;
    }
    var totaal = 0;
    POSTEN.forEach(function (p) { totaal += p.key === "terugname" ? -v[p.key] : v[p.key]; });
    return { units: units, values: v, totaal: totaal, perGebruik: totaal / (n * uses) };
  }

  function cents(value) { return Math.round(value * 100); }

  // Offers ordered from cheapest to dearest; equal totals (to the cent) share a rank.
  function ranking(totals) {
    var order = totals.map(function (t, i) { return i; });
    order.sort(function (a, b) { return cents(totals[a]) - cents(totals[b]) || a - b; });
    var ranks = [];
    order.forEach(function (i, pos) {
      ranks[i] = pos > 0 && cents(totals[i]) === cents(totals[order[pos - 1]]) ? ranks[order[pos - 1]] : pos + 1;
    });
    return { order: order, ranks: ranks };
  }

  function ratesFor(rate) {
    var list = [0, rate, rate + EXTRA_RATE].filter(function (r, i, all) { return all.indexOf(r) === i; });
    return list.sort(function (a, b) { return a - b; });
  }

  // --- the annex: one document, written out as text, printed, or as the spreadsheet's first sheet ---

  function wijzeText(m) {
    if (m.kopen && m.huren) { return "Inschrijvers mogen het product te koop of te huur aanbieden (huur mag ook als abonnement)."; }
    return m.kopen ? "Inschrijvers bieden het product te koop aan." : "Inschrijvers bieden het product te huur aan (of als abonnement).";
  }

  function fieldsFor(m, wijze) {
    return FIELDS.filter(function (f) {
      return (!f.wijze || f.wijze === wijze) && (!f.post || m.posten.indexOf(f.post) >= 0);
    });
  }

  function externLabel(m) {
    var unit = m.externEenheid ? m.externEenheid : "hoeveelheid";
    return unit + " per gebruik (" + (m.externNaam || "externe milieukost") + ")";
  }

  function fieldLabel(f, m) { return f.key === "extern" ? externLabel(m) : f.label; }

  // The cost of one year, as the page text and the spreadsheet's year table write it.
  var YEAR_RULES = {
    aankoop: "exemplaren gekocht in dat jaar × aankoopprijs per exemplaar, aan het begin van het jaar",
    huur: "huur- of abonnementsprijs per jaar, aan het begin van het jaar",
    installatie: "de eenmalige kost van installatie en ingebruikname, aan het begin van jaar 1",
    energie: "gebruiken per jaar × energieverbruik per gebruik (kWh) × energieprijs, aan het einde van het jaar",
    verbruik: "gebruiken per jaar × verbruiksgoederen per gebruik, aan het einde van het jaar",
    reiniging: "gebruiken per jaar × reiniging of sterilisatie per gebruik, aan het einde van het jaar",
    onderhoud: "onderhoud per jaar, aan het einde van het jaar",
    herstelling: "herstellingen per jaar, aan het einde van het jaar",
    afval: "exemplaren die in dat jaar op zijn × afvalverwerking per exemplaar, aan het einde van het jaar",
    terugname: "exemplaren die in dat jaar op zijn × terugnamewaarde per exemplaar, aan het einde van het jaar; dit bedrag gaat eraf",
    extern: "gebruiken per jaar × hoeveelheid per gebruik × de vaste prijs per eenheid, aan het einde van het jaar"
  };

  function postsFor(m, wijze) {
    return POSTEN.filter(function (p) {
      return (!p.wijze || p.wijze === wijze) && (p.vast || m.posten.indexOf(p.key) >= 0);
    });
  }

  /* The method as blocks: {kop}, {tekst} or {lijst: [...]}. */
  function methodDocument(m) {
    var uses = m.periode * m.gebruikPerJaar;
    var wijzen = WIJZEN.filter(function (w) { return m[w[0]]; }).map(function (w) { return w[0]; });
    var doc = [{ titel: "Bijlage bij het bestek: zo worden de levenscycluskosten berekend" }];
    if (m.opdracht) { doc.push({ tekst: "Opdracht: " + m.opdracht }); }
    doc.push({ tekst: "De aanbestedende overheid legt hier vast hoe ze de levenscycluskosten van elke offerte " +
      "berekent. De inschrijver geeft alleen de cijfers die hieronder gevraagd worden, in het rekenblad " +
      "dat bij deze bijlage hoort. Alle offertes worden met dezelfde methode en dezelfde vaste gegevens berekend." });

    doc.push({ kop: "1. Vaste gegevens" });
    var fixed = [
      "Periode van de berekening: " + whole.format(m.periode) + " jaar.",
      "Gebruik: " + whole.format(m.gebruikPerJaar) + " keer per jaar, dus " + whole.format(uses) + " keer over de hele periode.",
      wijzeText(m),
      m.voet === 0 ? "Actualisatievoet: 0 procent per jaar (geen actualisatie: een euro later telt even zwaar als een euro nu)."
        : "Actualisatievoet: " + decimal.format(m.voet) + " procent per jaar."
    ];
    if (m.posten.indexOf("energie") >= 0) { fixed.push("Energieprijs: " + unitPrice(m.energieprijs) + " per kWh."); }
    if (m.posten.indexOf("extern") >= 0) {
      fixed.push("Externe milieukost: " + m.externNaam + ", gerekend aan " + unitPrice(m.externPrijs) + " per " +
        m.externEenheid + ". Herkomst van die prijs en controle van de cijfers: " + m.externBron);
    }
    doc.push({ lijst: fixed });

    doc.push({ kop: "2. Wat de inschrijver invult" });
    wijzen.forEach(function (w) {
      if (wijzen.length > 1) { doc.push({ tekst: w === "kopen" ? "Bij kopen:" : "Bij huur of abonnement:" }); }
      doc.push({ lijst: ["Naam van de inschrijver"].concat(fieldsFor(m, w).map(function (f) { return fieldLabel(f, m); })) });
    });

    doc.push({ kop: "3. Berekening" });
    var rules = ["Jaar 1 begint bij de start van het contract. De berekening loopt tot het einde van jaar " + whole.format(m.periode) + "."];
    if (m.kopen) {
      rules.push("Bij kopen is één exemplaar tegelijk in gebruik. Een exemplaar is op na het aantal gebruiken dat de " +
        "inschrijver opgeeft, of na zijn levensduur, wat het eerst komt: gebruiken per exemplaar = het kleinste van " +
        "(aantal keer dat je één exemplaar kunt gebruiken) en (gebruiken per jaar × levensduur in jaren).");
      rules.push("Exemplaren nodig = " + whole.format(uses) + " gebruiken ÷ gebruiken per exemplaar, naar boven afgerond. " +
        "Een exemplaar wordt gekocht in het jaar waarin het voor het eerst gebruikt wordt. Een exemplaar dat aan het " +
        "einde van de periode nog niet op is, telt volledig mee en gaat aan het einde van de periode uit gebruik.");
    }
    rules.push("Per jaar telt:");
    doc.push({ lijst: rules });
    var yearly = [];
    wijzen.forEach(function (w) {
      postsFor(m, w).forEach(function (p) {
        var line = p.naam.replace(" (gaat eraf)", "") + ": " + YEAR_RULES[p.key] + ".";
        if (yearly.indexOf(line) < 0) { yearly.push(line); }
      });
    });
    doc.push({ lijst: yearly });
    var r = m.voet / 100;
    doc.push({ lijst: [
      "Contante waarde: elke kost wordt gedeeld door (1 + r)^t. Daarin is r de actualisatievoet (" +
        decimal.format(m.voet) + " procent, dus r = " + decimal.format(r) + ") en t het aantal jaren vanaf de start: " +
        "t = jaar − 1 voor een kost aan het begin van een jaar, t = jaar voor een kost aan het einde van een jaar.",
      "Levenscycluskosten van een offerte = de som van de contante waarden van alle kosten, min de contante waarde van de terugname.",
      "Bedragen worden op de cent afgerond getoond; gerekend wordt zonder tussentijds af te ronden."
    ] });

    doc.push({ kop: "4. Vergelijking" });
    doc.push({ tekst: "De offerte met de laagste levenscycluskosten is op dit criterium de voordeligste. Hoe dit " +
      "criterium meeweegt in de gunning, staat in de opdrachtdocumenten." });
    return doc;
  }

  function documentText(doc) {
    var lines = [];
    doc.forEach(function (block) {
      if (block.titel) { lines.push(block.titel, ""); }
      if (block.kop) { lines.push("", block.kop, ""); }
      if (block.tekst) { lines.push(block.tekst); }
      if (block.lijst) { block.lijst.forEach(function (item) { lines.push("- " + item); }); }
    });
    return lines.join("\r\n") + "\r\n";
  }

  function documentNodes(doc, container) {
    container.textContent = "";
    var list = null;
    doc.forEach(function (block) {
      if (block.titel) { container.appendChild(el("h2", {}, block.titel)); }
      if (block.kop) { container.appendChild(el("h3", {}, block.kop)); }
      if (block.tekst) { container.appendChild(el("p", {}, block.tekst)); }
      if (block.lijst) {
        list = el("ul");
        block.lijst.forEach(function (item) { list.appendChild(el("li", {}, item)); });
        container.appendChild(list);
      }
    });
  }

  // --- the spreadsheet (window.Rekenblad, rekenblad.js) -------------------------------------

  function methodSheet(doc) {
    var rows = [];
    doc.forEach(function (block) {
      if (block.titel) { rows.push([{ text: block.titel, style: "titel" }], []); }
      if (block.kop) { rows.push([], [{ text: block.kop, style: "kop" }]); }
      if (block.tekst) { rows.push([{ text: block.tekst, style: "uitleg" }]); }
      if (block.lijst) { block.lijst.forEach(function (item) { rows.push([{ text: "- " + item, style: "uitleg" }]); }); }
    });
    return { name: "Methode", widths: [24], protect: true, rows: rows };
  }

  /* The bidder's sheet for one way of offering: the fixed figures, the yellow input cells, and
     formulas that apply the method year by year. Formulas are written as in rekenblad.js:
     references in braces, resolved once every row has its number. */
  function offerSheet(m, wijze) {
    var rows = [], ref = {};
    var col = window.Rekenblad.column;
    function add(cells) { rows.push(cells); return rows.length; }
    function named(name, label, cell) { var r = add([{ text: label }, cell]); ref[name] = "B" + r; }
    function R(name) { return "{" + ref[name] + "}"; }

    add([{ text: (wijze === "kopen" ? "Offerte bij kopen" : "Offerte bij huur of abonnement") + ": levenscycluskosten", style: "titel" }]);
    if (m.opdracht) { add([{ text: "Opdracht: " + m.opdracht }]); }
    add([{ text: "Vul alleen de gele cellen in, met de cijfers van je offerte. De rest ligt vast in de methode " +
      "(blad Methode) en rekent zelf. Het resultaat staat onder 'Berekening'.", style: "uitleg" }]);
    add([]);
    add([{ text: "Vastgelegd door de aanbestedende overheid", style: "kop" }]);
    named("n", "Periode (jaren)", { number: m.periode, style: "aantal" });
    named("U", "Gebruiken per jaar", { number: m.gebruikPerJaar, style: "aantal" });
    named("r", "Actualisatievoet per jaar", { number: m.voet / 100, style: "procent" });
    var posts = postsFor(m, wijze);
    var has = function (key) { return posts.some(function (p) { return p.key === key; }); };
    if (has("energie")) { named("pe", "Energieprijs (euro per kWh)", { number: m.energieprijs, style: "prijs" }); }
    if (has("extern")) { named("px", "Prijs van " + m.externNaam + " (euro per " + m.externEenheid + ")", { number: m.externPrijs, style: "prijs" }); }
    add([]);
    add([{ text: "In te vullen door de inschrijver (gele cellen)", style: "kop" }]);
    add([{ text: "Naam van de inschrijver" }, { input: true, style: "invoer" }]);
    fieldsFor(m, wijze).forEach(function (f) { named(f.key, fieldLabel(f, m), { input: true, style: "invoer" }); });
    add([]);
    add([{ text: "Berekening (niet wijzigen)", style: "kop" }]);
    if (wijze === "kopen") {
      named("p", "Gebruiken per exemplaar", { formula: function () { return "MIN(" + R("gebruiken") + "," + R("U") + "*" + R("levensduur") + ")"; }, style: "aantal" });
      named("N", "Exemplaren nodig", { formula: function () {
        return "IF(" + R("p") + ">0,ROUNDUP(MAX(0," + R("n") + "*" + R("U") + "/" + R("p") + "-1E-9),0),0)"; }, style: "aantal" });
    }
    named("lcc", "Levenscycluskosten (contante waarde, euro)", { formula: function () { return R("som"); }, style: "geld" });
    named("nominaal", "Levenscycluskosten zonder actualisatie (euro)", { formula: function () {
      var parts = [];
      if (wijze === "kopen") { parts.push(R("N") + "*" + R("aankoop")); } else { parts.push(R("n") + "*" + R("huur")); }
      if (has("installatie")) { parts.push(R("installatie")); }
      var perUse = [];
      if (has("energie")) { perUse.push(R("energie") + "*" + R("pe")); }
      if (has("verbruik")) { perUse.push(R("verbruik")); }
      if (has("reiniging")) { perUse.push(R("reiniging")); }
      if (has("extern")) { perUse.push(R("extern") + "*" + R("px")); }
      if (perUse.length) { parts.push(R("n") + "*" + R("U") + "*(" + perUse.join("+") + ")"); }
      var perYear = [];
      if (has("onderhoud")) { perYear.push(R("onderhoud")); }
      if (has("herstelling")) { perYear.push(R("herstelling")); }
      if (perYear.length) { parts.push(R("n") + "*(" + perYear.join("+") + ")"); }
      if (has("afval")) { parts.push(R("N") + "*" + R("afval")); }
      if (has("terugname")) { parts.push("-" + R("N") + "*" + R("terugname")); }
      return parts.join("+").replace(/\+-/g, "-");
    }, style: "geld" });
    named("pergebruik", "Levenscycluskosten per gebruik (euro)", { formula: function () { return R("lcc") + "/(" + R("n") + "*" + R("U") + ")"; }, style: "geld" });
    add([]);

    // The year table.
    var heads = ["Jaar", "Factor begin van het jaar", "Factor einde van het jaar"];
    if (wijze === "kopen") { heads.push("Exemplaren gekocht", "Exemplaren op"); }
    var costCols = posts.map(function (p) { return p.key; });
    posts.forEach(function (p) { heads.push(p.naam); });
    heads.push("Totaal van het jaar (contante waarde)");
    add(heads.map(function (h) { return { text: h, style: "kop" }; }));
    var first = rows.length + 1, last = first + m.periode - 1;
    var c0 = wijze === "kopen" ? 5 : 3; // index of the first cost column
    var totalCol = col(c0 + costCols.length);
    for (var t = 1; t <= m.periode; t += 1) {
      var row = first + t - 1;
      var A = "{A" + row + "}", B = "{B" + row + "}", C = "{C" + row + "}", D = "{D" + row + "}", E = "{E" + row + "}";
      var cells = [
        { number: t, style: "aantal" },
        { formula: "1/(1+" + R("r") + ")^(" + A + "-1)", style: "factor" },
        { formula: "1/(1+" + R("r") + ")^" + A, style: "factor" }
      ];
      if (wijze === "kopen") {
        cells.push({ formula: "IF(" + R("p") + ">0,ROUNDUP(MAX(0," + R("U") + "*" + A + "/" + R("p") + "-1E-9),0)-ROUNDUP(MAX(0," +
          R("U") + "*(" + A + "-1)/" + R("p") + "-1E-9),0),0)", style: "aantal" });
        cells.push({ formula: t < m.periode
          ? "IF(" + R("p") + ">0,ROUNDDOWN(" + R("U") + "*" + A + "/" + R("p") + "+1E-9,0)-ROUNDDOWN(" + R("U") + "*(" + A + "-1)/" + R("p") + "+1E-9,0),0)"
          : "IF(" + R("p") + ">0," + R("N") + "-ROUNDDOWN(" + R("U") + "*(" + A + "-1)/" + R("p") + "+1E-9,0),0)", style: "aantal" });
      }
      var yearFormula = {
        aankoop: D + "*" + R("aankoop") + "*" + B,
        huur: R("huur") + "*" + B,
        installatie: t === 1 ? R("installatie") + "*" + B : null,
        energie: R("U") + "*" + R("energie") + "*" + R("pe") + "*" + C,
        verbruik: R("U") + "*" + R("verbruik") + "*" + C,
        reiniging: R("U") + "*" + R("reiniging") + "*" + C,
        onderhoud: R("onderhoud") + "*" + C,
        herstelling: R("herstelling") + "*" + C,
        afval: E + "*" + R("afval") + "*" + C,
        terugname: "-" + E + "*" + R("terugname") + "*" + C,
        extern: R("U") + "*" + R("extern") + "*" + R("px") + "*" + C
      };
      costCols.forEach(function (key) {
        cells.push(yearFormula[key] === null ? { number: 0, style: "geld" } : { formula: yearFormula[key], style: "geld" });
      });
      cells.push({ formula: "SUM({" + col(c0) + row + ":" + col(c0 + costCols.length - 1) + row + "})", style: "geld" });
      add(cells);
    }
    var totals = [{ text: "Totaal", style: "kop" }, null, null];
    for (var c = 3; c <= c0 + costCols.length; c += 1) {
      totals.push({ formula: "SUM({" + col(c) + first + ":" + col(c) + last + "})", style: c < c0 ? "aantal" : "geld" });
    }
    var totalRow = add(totals);
    ref.som = totalCol + totalRow;

    rows.forEach(function (cells) {
      cells.forEach(function (cell) { if (cell && typeof cell.formula === "function") { cell.formula = cell.formula(); } });
    });
    var widths = [9, 3.2, 3.2];
    for (var w = 3; w <= c0 + costCols.length; w += 1) { widths.push(3.2); }
    return { name: wijze === "kopen" ? "Offerte kopen" : "Offerte huren", widths: widths, protect: true, rows: rows };
  }

  function annexBook(m) {
    var sheets = [methodSheet(methodDocument(m))];
    WIJZEN.forEach(function (w) { if (m[w[0]]) { sheets.push(offerSheet(m, w[0])); } });
    return { sheets: sheets };
  }

  // --- the page -----------------------------------------------------------------------------

  function init() {
    var form = document.getElementById("lk-formulier");
    if (!form) { return; }
    var methodBox = document.getElementById("lk-methode");
    var list = document.getElementById("lk-opties");
    var errorsBox = document.getElementById("lk-fouten");
    var output = document.getElementById("lk-uitkomst");
    var conclusion = document.getElementById("lk-conclusie");
    var exportStatus = document.getElementById("lk-export-status");
    var exampleNote = document.getElementById("lk-voorbeeld-melding");
    var printBox = document.getElementById("lk-methode-druk");
    var example = JSON.parse(document.getElementById("lk-voorbeeld").getAttribute("data-json"));
    var counter = 0;

    function field(container, id, label, hint, type) {
      var wrap = el("div", { "class": "lk-veld" });
      var labelNode = el("label", { "for": id }, label);
      wrap.appendChild(labelNode);
      var input = el("input", { id: id, type: "text", autocomplete: "off", maxlength: type === "tekst" ? String(TEXT_MAX) : "40",
        inputmode: type === "tekst" ? "text" : WHOLE[type] ? "numeric" : "decimal" });
      wrap.appendChild(input);
      var described = [];
      if (hint) {
        wrap.appendChild(el("p", { "class": "lk-hint", id: id + "-hint" }, hint));
        described.push(id + "-hint");
      }
      var error = el("p", { "class": "lk-fout", id: id + "-fout" });
      error.hidden = true;
      described.push(id + "-fout");
      input.setAttribute("aria-describedby", described.join(" "));
      wrap.appendChild(error);
      container.appendChild(wrap);
      return input;
    }

    function checkbox(container, id, label) {
      var wrap = el("div", { "class": "lk-vink" });
      var box = el("input", { type: "checkbox", id: id });
      wrap.appendChild(box);
      wrap.appendChild(el("label", { "for": id }, label));
      container.appendChild(wrap);
      return box;
    }

    // --- the method form
    field(methodBox, "lk-opdracht", "Opdracht of product (mag leeg blijven)", "Bijvoorbeeld: herbruikbare isolatieschorten. Komt bovenaan de bijlage.", "tekst");
    field(methodBox, "lk-periode", "Periode van de berekening (aantal jaren)", "Bijvoorbeeld de looptijd van het contract.", "periode");
    field(methodBox, "lk-gebruik-per-jaar", "Aantal keer per jaar dat het product gebruikt wordt",
      "Bijvoorbeeld het aantal ingrepen, wasbeurten of patiënten per jaar.", "aantal");
    var ways = el("fieldset", { "class": "lk-keuzes", id: "lk-wijzen" });
    ways.appendChild(el("legend", {}, "Hoe mogen inschrijvers het product aanbieden?"));
    WIJZEN.forEach(function (w) { checkbox(ways, "lk-wijze-" + w[0], w[1]); });
    var waysError = el("p", { "class": "lk-fout", id: "lk-wijzen-fout" });
    waysError.hidden = true;
    ways.appendChild(waysError);
    methodBox.appendChild(ways);
    field(methodBox, "lk-voet", "Actualisatievoet (procent per jaar)",
      "Bijvoorbeeld 3. Vul 0 in als je niet actualiseert: dan telt een euro later even zwaar als een euro nu.", "procent");
    var posts = el("fieldset", { "class": "lk-keuzes", id: "lk-posten" });
    posts.appendChild(el("legend", {}, "Welke kosten tellen mee?"));
    posts.appendChild(el("p", { "class": "lk-hint" }, "De aankoopprijs (bij kopen) en de huurprijs (bij huur) tellen altijd mee."));
    POSTEN.forEach(function (p) { if (!p.vast) { checkbox(posts, "lk-post-" + p.key, p.keuze); } });
    methodBox.appendChild(posts);
    var energyBox = el("div", { "class": "lk-voorwaarde", "data-post": "energie" });
    field(energyBox, "lk-energieprijs", "Energieprijs (euro per kWh)", "De prijs die je zelf betaalt, voor alle offertes dezelfde.", "prijs");
    methodBox.appendChild(energyBox);
    var externBox = el("fieldset", { "class": "lk-voorwaarde", "data-post": "extern", id: "lk-extern" });
    externBox.appendChild(el("legend", {}, "Externe milieukosten"));
    externBox.appendChild(el("p", { "class": "lk-hint" }, "Tel ze alleen mee als je hun geldwaarde kunt bepalen en nagaan. " +
      "De inschrijver geeft een hoeveelheid per gebruik; jij legt de prijs per eenheid vast."));
    field(externBox, "lk-extern-naam", "Welke milieukost?", "Bijvoorbeeld: uitstoot van broeikasgassen.", "tekst");
    field(externBox, "lk-extern-eenheid", "Eenheid die de inschrijver opgeeft", "Bijvoorbeeld: kg CO2-equivalent.", "tekst");
    field(externBox, "lk-extern-prijs", "Prijs per eenheid (euro)", null, "prijs");
    field(externBox, "lk-extern-bron", "Waar komt die prijs vandaan, en hoe ga je de cijfers van de inschrijvers na?", null, "tekst");
    methodBox.appendChild(externBox);

    function methodRaw() {
      var val = function (id) { return document.getElementById(id).value; };
      return {
        opdracht: val("lk-opdracht"), periode: val("lk-periode"), gebruikPerJaar: val("lk-gebruik-per-jaar"),
        voet: val("lk-voet"), kopen: document.getElementById("lk-wijze-kopen").checked,
        huren: document.getElementById("lk-wijze-huren").checked,
        posten: POSTEN.filter(function (p) { return !p.vast && document.getElementById("lk-post-" + p.key).checked; })
          .map(function (p) { return p.key; }),
        energieprijs: val("lk-energieprijs"), externNaam: val("lk-extern-naam"), externEenheid: val("lk-extern-eenheid"),
        externPrijs: val("lk-extern-prijs"), externBron: val("lk-extern-bron")
      };
    }

    // Shows what the method asks: the energy price, the external cost, and per offer only its fields.
    function applyMethod() {
      var m = methodRaw();
      Array.prototype.forEach.call(methodBox.querySelectorAll(".lk-voorwaarde"), function (box) {
        box.hidden = m.posten.indexOf(box.getAttribute("data-post")) < 0;
      });
      options().forEach(function (box) {
        var modes = box.querySelector(".lk-wijze");
        modes.hidden = !(m.kopen && m.huren);
        if (m.kopen !== m.huren) {
          box.querySelector("input[value=" + (m.kopen ? "kopen" : "huren") + "]").checked = true;
        }
        var mode = modeOf(box);
        Array.prototype.forEach.call(box.querySelectorAll("[data-veld]"), function (wrap) {
          var f = FIELDS.filter(function (x) { return x.key === wrap.getAttribute("data-veld"); })[0];
          wrap.hidden = (f.wijze && f.wijze !== mode) || (f.post && m.posten.indexOf(f.post) < 0);
          if (f.key === "extern") { wrap.querySelector("label").textContent = externLabel(m); }
        });
      });
    }

    // --- the offers
    function addOption() {
      counter += 1;
      var n = counter;
      var box = el("fieldset", { "class": "lk-optie", "data-optie": String(n) });
      box.appendChild(el("legend", {}, "Offerte"));
      field(box, "lk-o" + n + "-naam", "Naam van de inschrijver of de offerte", null, "tekst");
      var modes = el("fieldset", { "class": "lk-wijze" });
      modes.appendChild(el("legend", {}, "Hoe biedt deze inschrijver het product aan?"));
      WIJZEN.forEach(function (m, i) {
        var id = "lk-o" + n + "-" + m[0];
        var radio = el("input", { type: "radio", id: id, name: "lk-o" + n + "-wijze", value: m[0] });
        radio.checked = i === 0;
        modes.appendChild(radio);
        modes.appendChild(el("label", { "for": id }, m[1]));
      });
      box.appendChild(modes);
      FIELDS.forEach(function (f) {
        var input = field(box, "lk-o" + n + "-" + f.key, f.label, f.hint, f.type);
        input.parentNode.setAttribute("data-veld", f.key);
      });
      var remove = el("button", { type: "button", "class": "md-button lk-verwijder" });
      remove.addEventListener("click", function () {
        box.parentNode.removeChild(box);
        renumber();
        save();
        document.getElementById("lk-toevoegen").focus();
      });
      box.appendChild(remove);
      list.appendChild(box);
      renumber();
      applyMethod();
      return box;
    }

    function renumber() {
      var boxes = options();
      boxes.forEach(function (box, i) {
        box.querySelector("legend").textContent = "Offerte " + (i + 1);
        var remove = box.querySelector(".lk-verwijder");
        remove.textContent = "Verwijder offerte " + (i + 1);
        remove.hidden = boxes.length <= 1;
      });
      document.getElementById("lk-toevoegen").disabled = boxes.length >= MAX_OFFERS;
    }

    function options() { return Array.prototype.slice.call(list.querySelectorAll("fieldset.lk-optie")); }
    function modeOf(box) { return box.querySelector(".lk-wijze input:checked").value; }

    function setError(input, message) {
      var error = document.getElementById(input.id + "-fout");
      error.textContent = message || "";
      error.hidden = !message;
      if (message) { input.setAttribute("aria-invalid", "true"); } else { input.removeAttribute("aria-invalid"); }
    }

    function clearOutput() {
      output.textContent = "";
      conclusion.textContent = "";
      errorsBox.textContent = "";
      errorsBox.hidden = true;
    }

    function clean(text) { // one line of plain text, no control characters, at most TEXT_MAX long
      return Array.from(String(text)).filter(function (ch) { return ch.codePointAt(0) >= 0x20 && ch !== "\u007f"; })
        .join("").trim().slice(0, TEXT_MAX);
    }

    // Reads and checks the method; returns null (and records the problems) when anything is wrong.
    function readMethod(problems) {
      function check(id, type, label) {
        var input = document.getElementById(id);
        var result = parse(input.value, type);
        setError(input, result.error);
        if (result.error) { problems.push({ input: input, text: label + ": " + result.error }); }
        return result.value;
      }
      function text(id, label, message) {
        var input = document.getElementById(id);
        var value = clean(input.value);
        setError(input, value ? "" : message);
        if (!value) { problems.push({ input: input, text: label + ": " + message }); }
        return value;
      }
      var raw = methodRaw();
      var m = { opdracht: clean(raw.opdracht), kopen: raw.kopen, huren: raw.huren, posten: raw.posten, energieprijs: 0, externPrijs: 0 };
      m.periode = check("lk-periode", "periode", "Periode");
      m.gebruikPerJaar = check("lk-gebruik-per-jaar", "aantal", "Gebruiken per jaar");
      var waysError = document.getElementById("lk-wijzen-fout");
      waysError.hidden = m.kopen || m.huren;
      waysError.textContent = waysError.hidden ? "" : "Kies kopen, huren of allebei.";
      if (!waysError.hidden) { problems.push({ input: document.getElementById("lk-wijze-kopen"), text: "Aanbieden: kies kopen, huren of allebei." }); }
      m.voet = check("lk-voet", "procent", "Actualisatievoet");
      if (m.posten.indexOf("energie") >= 0) { m.energieprijs = check("lk-energieprijs", "prijs", "Energieprijs"); }
      else { setError(document.getElementById("lk-energieprijs"), ""); }
      if (m.posten.indexOf("extern") >= 0) {
        m.externNaam = text("lk-extern-naam", "Externe milieukost", "Zeg welke milieukost je meetelt.");
        m.externEenheid = text("lk-extern-eenheid", "Eenheid", "Geef de eenheid die de inschrijver opgeeft.");
        m.externPrijs = check("lk-extern-prijs", "prijs", "Prijs per eenheid");
        m.externBron = text("lk-extern-bron", "Herkomst van de prijs",
          "Zeg waar de prijs vandaan komt en hoe je de cijfers nagaat: de wet vraagt dat de geldwaarde bepaald en nagegaan kan worden.");
      } else {
        ["lk-extern-naam", "lk-extern-eenheid", "lk-extern-prijs", "lk-extern-bron"].forEach(function (id) { setError(document.getElementById(id), ""); });
      }
      return m;
    }

    function readOffers(m, problems) {
      return options().map(function (box, i) {
        var n = box.getAttribute("data-optie");
        var prefix = "Offerte " + (i + 1);
        var nameInput = document.getElementById("lk-o" + n + "-naam");
        var name = clean(nameInput.value);
        setError(nameInput, name ? "" : "Geef deze offerte een naam, bijvoorbeeld de naam van de inschrijver.");
        if (!name) { problems.push({ input: nameInput, text: prefix + ": geef de offerte een naam." }); }
        var o = { name: name || prefix, wijze: modeOf(box) };
        FIELDS.forEach(function (f) {
          var input = document.getElementById("lk-o" + n + "-" + f.key);
          if (input.parentNode.hidden) { setError(input, ""); o[f.key] = 0; return; }
          var result = parse(input.value, f.type);
          setError(input, result.error);
          if (result.error) {
            problems.push({ input: input, text: prefix + ", " + fieldLabel(f, m).replace(/ \(.*\)$/, "").toLowerCase() + ": " + result.error });
          }
          o[f.key] = result.value;
        });
        if (o.wijze === "kopen" && o.terugname > o.aankoop) {
          var back = document.getElementById("lk-o" + n + "-terugname");
          setError(back, "De terugnamewaarde kan niet hoger zijn dan de aankoopprijs.");
          problems.push({ input: back, text: prefix + ": de terugnamewaarde is hoger dan de aankoopprijs." });
        }
        return o;
      });
    }

    function showProblems(problems, action) {
      output.textContent = "";
      conclusion.textContent = "";
      errorsBox.textContent = "";
      errorsBox.appendChild(el("p", {}, problems.length === 1
        ? "Eén gegeven klopt niet. Verbeter het en klik opnieuw op " + action + "."
        : problems.length + " gegevens kloppen niet. Verbeter ze en klik opnieuw op " + action + "."));
      var ul = el("ul");
      problems.forEach(function (p) {
        var li = el("li");
        var a = el("a", { href: "#" + p.input.id }, p.text);
        a.addEventListener("click", function (e) { e.preventDefault(); p.input.focus(); });
        li.appendChild(a);
        ul.appendChild(li);
      });
      errorsBox.appendChild(ul);
      errorsBox.hidden = false;
      errorsBox.focus();
    }

    // --- results
    function rowsFor(m, o) {
      return postsFor(m, o.wijze).map(function (p) {
        return [p.key === "extern" ? "Externe milieukosten (" + m.externNaam + ")" : p.naam, p.key];
      });
    }

    function show(m, offers) {
      var results = offers.map(function (o) { return compute(o, m, m.voet); });
      var nominal = offers.map(function (o) { return compute(o, m, 0); });
      var rates = ratesFor(m.voet);
      var atRate = rates.map(function (rate) {
        var totals = offers.map(function (o) { return compute(o, m, rate).totaal; });
        return { rate: rate, totals: totals, rank: ranking(totals) };
      });
      var numbers = [];
      results.concat(nominal).forEach(function (r) { numbers.push(r.totaal, r.perGebruik, r.units); Object.keys(r.values).forEach(function (k) { numbers.push(r.values[k]); }); });
      atRate.forEach(function (a) { numbers = numbers.concat(a.totals); });
      // Belt and braces: the checks bound every input, but never print a non-number.
      if (!numbers.every(Number.isFinite)) {
        showProblems([{ input: document.getElementById("lk-periode"), text: "De berekening gaf geen geldig getal. Controleer de ingevulde gegevens." }], "Bereken");
        return;
      }
      clearOutput();
      var uses = m.gebruikPerJaar * m.periode;
      var rank = ranking(results.map(function (r) { return r.totaal; }));

      output.appendChild(el("h2", { id: "lk-resultaat", tabindex: "-1" }, "Resultaat"));
      output.appendChild(el("p", {}, "Over " + whole.format(m.periode) + " jaar met " + whole.format(m.gebruikPerJaar) +
        " gebruiken per jaar, dus " + whole.format(uses) + " gebruiken in totaal. Actualisatievoet: " + procent(m.voet) + "."));

      // Ranking at the chosen rate: three columns, so it fits a phone.
      var table = el("table", { id: "lk-rangorde" });
      table.appendChild(el("caption", {}, "Levenscycluskosten en rangorde bij een actualisatievoet van " + percent(m.voet)));
      var head = el("tr");
      ["Rang", "Offerte", "Bedrag"].forEach(function (h) { head.appendChild(el("th", { scope: "col" }, h)); });
      var thead = el("thead");
      thead.appendChild(head);
      table.appendChild(thead);
      var tbody = el("tbody");
      rank.order.forEach(function (i) {
        var tr = el("tr", { "data-optie": String(i + 1) });
        tr.appendChild(el("td", { "class": "lk-rang" }, String(rank.ranks[i])));
        tr.appendChild(el("th", { scope: "row" }, offers[i].name));
        tr.appendChild(el("td", { "class": "lk-bedrag" }, money(results[i].totaal)));
        tbody.appendChild(tr);
      });
      table.appendChild(tbody);
      output.appendChild(table);

      // How the ranking moves with the discount rate.
      output.appendChild(el("h3", { id: "lk-andere-voeten" }, "Rangorde bij andere actualisatievoeten"));
      var sens = el("table", { id: "lk-gevoeligheid" });
      sens.appendChild(el("caption", {}, "Van goedkoopst naar duurst, per actualisatievoet"));
      var sensHead = el("tr");
      sensHead.appendChild(el("th", { scope: "col" }, "Voet"));
      sensHead.appendChild(el("th", { scope: "col" }, "Offertes, goedkoopste eerst"));
      var sensThead = el("thead");
      sensThead.appendChild(sensHead);
      sens.appendChild(sensThead);
      var sensBody = el("tbody");
      atRate.forEach(function (a) {
        var tr = el("tr");
        tr.appendChild(el("th", { scope: "row" }, percent(a.rate)));
        var td = el("td", { "data-voet": String(a.rate) });
        var ol = el("ol");
        a.rank.order.forEach(function (i) {
          ol.appendChild(el("li", { "data-optie": String(i + 1), value: String(a.rank.ranks[i]) }, offers[i].name + ": " + money(a.totals[i])));
        });
        td.appendChild(ol);
        tr.appendChild(td);
        sensBody.appendChild(tr);
      });
      sens.appendChild(sensBody);
      output.appendChild(sens);

      output.appendChild(chart(offers, results, m));

      // Cost items per offer: one narrow table each.
      output.appendChild(el("h3", { id: "lk-per-offerte" }, "Kosten per offerte (contante waarde)"));
      offers.forEach(function (o, i) {
        var r = results[i];
        var t = el("table", { "class": "lk-detail", "data-optie": String(i + 1) });
        t.appendChild(el("caption", {}, "Offerte " + (i + 1) + ": " + o.name + (m.kopen && m.huren ? (o.wijze === "kopen" ? " (kopen)" : " (huur)") : "")));
        var h = el("tr");
        h.appendChild(el("th", { scope: "col" }, "Kostenpost"));
        h.appendChild(el("th", { scope: "col" }, "Bedrag"));
        var th = el("thead");
        th.appendChild(h);
        t.appendChild(th);
        var body = el("tbody");
        function line(label, key, text, strong) {
          var tr = el("tr", strong ? { "class": "lk-som" } : {});
          tr.appendChild(el("th", { scope: "row" }, label));
          tr.appendChild(el("td", { "data-optie": String(i + 1), "data-rij": key }, text));
          body.appendChild(tr);
        }
        if (o.wijze === "kopen") { line("Exemplaren nodig", "units", whole.format(r.units)); }
        rowsFor(m, o).forEach(function (row) {
          var v = r.values[row[1]];
          line(row[0], row[1], row[1] === "terugname" ? (cents(v) ? "- " + money(v) : money(0)) : money(v));
        });
        line("Levenscycluskosten", "totaal", money(r.totaal), true);
        if (m.voet > 0) { line("Zonder actualisatie", "nominaal", money(nominal[i].totaal)); }
        line("Per gebruik", "perGebruik", money(r.perGebruik));
        t.appendChild(body);
        output.appendChild(t);
      });

      conclusion.textContent = verdict(m, offers, results, rank, atRate);
      document.getElementById("lk-resultaat").focus();
    }

    function names(list) {
      var quoted = list.map(function (n) { return "'" + n + "'"; });
      return quoted.length === 1 ? quoted[0] : quoted.slice(0, -1).join(", ") + " en " + quoted[quoted.length - 1];
    }

    function verdict(m, offers, results, rank, atRate) {
      var best = rank.order.filter(function (i) { return rank.ranks[i] === 1; });
      var text = best.length > 1
        ? "Bij een actualisatievoet van " + procent(m.voet) + " hebben " + names(best.map(function (i) { return offers[i].name; })) +
          " dezelfde, laagste levenscycluskosten: " + money(results[best[0]].totaal) + "."
        : "Bij een actualisatievoet van " + procent(m.voet) + " heeft '" + offers[best[0]].name +
          "' de laagste levenscycluskosten: " + money(results[best[0]].totaal) + " (contante waarde).";
      if (offers.length < 2) { return text; }
      var key = function (a) { return a.rank.order.map(function (i) { return a.rank.ranks[i] + ":" + i; }).join(","); };
      var same = atRate.every(function (a) { return key(a) === key(atRate[0]); });
      var rateList = atRate.map(function (a) { return procent(a.rate); });
      var listed = rateList.slice(0, -1).join(", ") + " en " + rateList[rateList.length - 1];
      if (same) { return text + " De rangorde is dezelfde bij " + listed + "."; }
      var cheapest = atRate.map(function (a) {
        var first = a.rank.order.filter(function (i) { return a.rank.ranks[i] === 1; });
        return "bij " + procent(a.rate) + " " + names(first.map(function (i) { return offers[i].name; }));
      });
      return text + " De rangorde verandert met de actualisatievoet. Het goedkoopst is " + cheapest.join(", ") + ".";
    }

    // A horizontal bar per offer; the tables hold the same numbers as text. On a narrow screen the
    // name goes above its bar, so the drawing keeps a readable text size.
    function chart(offers, results, m) {
      var NS = "http://www.w3.org/2000/svg";
      var narrow = output.clientWidth < 480;
      var width = narrow ? 320 : 640, label = narrow ? 0 : 170, bar = narrow ? 22 : 28, gap = narrow ? 30 : 14;
      var height = offers.length * (bar + gap) + (narrow ? 6 : gap);
      var max = Math.max.apply(null, results.map(function (r) { return r.totaal; }));
      function svg(tag, attrs, text) {
        var node = document.createElementNS(NS, tag);
        Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
        if (text !== undefined) { node.textContent = text; }
        return node;
      }
      var figure = el("figure", { "class": "lk-grafiek" });
      var root = svg("svg", { viewBox: "0 0 " + width + " " + height, role: "img",
        "aria-labelledby": "lk-grafiek-titel lk-grafiek-uitleg", width: "100%" });
      root.appendChild(svg("title", { id: "lk-grafiek-titel" }, "Levenscycluskosten per offerte bij " + procent(m.voet)));
      root.appendChild(svg("desc", { id: "lk-grafiek-uitleg" }, offers.map(function (o, i) {
        return o.name + ": " + money(results[i].totaal);
      }).join("; ") + "."));
      offers.forEach(function (o, i) {
        var y = gap + i * (bar + gap);
        var w = max > 0 ? Math.max(1, (Math.max(0, results[i].totaal) / max) * (width - label - (narrow ? 120 : 150))) : 1;
        var short = narrow ? 36 : 22;
        var name = o.name.length > short ? o.name.slice(0, short - 1) + "…" : o.name;
        root.appendChild(narrow ? svg("text", { x: 0, y: y - 8, "class": "lk-as" }, name)
          : svg("text", { x: label - 8, y: y + bar * 0.68, "text-anchor": "end", "class": "lk-as" }, name));
        root.appendChild(svg("rect", { x: label, y: y, width: w.toFixed(1), height: bar, "class": "lk-balk lk-balk-" + (i % 6) }));
        root.appendChild(svg("text", { x: label + w + 6, y: y + bar * 0.68, "class": "lk-waarde" }, money(results[i].totaal)));
      });
      figure.appendChild(root);
      figure.appendChild(el("figcaption", {}, "Levenscycluskosten (contante waarde) per offerte. De tabellen geven dezelfde bedragen."));
      return figure;
    }

    // --- export: the annex
    function checkedMethod() {
      var problems = [];
      var m = readMethod(problems);
      if (problems.length) { return { problems: problems }; }
      return { method: m };
    }

    function exportWith(make, what) {
      var checked = checkedMethod();
      if (checked.problems) { exportStatus.textContent = ""; showProblems(checked.problems, "de knop"); return; }
      errorsBox.hidden = true;
      var file = make(checked.method);
      window.Zip.save(file.blob, file.name);
      exportStatus.textContent = what + " is klaar: " + file.name + ".";
    }

    document.getElementById("lk-ods").addEventListener("click", function () {
      exportWith(function (m) { return { blob: window.Rekenblad.ods(annexBook(m)), name: "levenscycluskosten-bijlage.ods" }; }, "Het rekenblad");
    });
    document.getElementById("lk-xlsx").addEventListener("click", function () {
      exportWith(function (m) { return { blob: window.Rekenblad.xlsx(annexBook(m)), name: "levenscycluskosten-bijlage.xlsx" }; }, "Het rekenblad");
    });
    document.getElementById("lk-txt").addEventListener("click", function () {
      exportWith(function (m) {
        return { blob: new Blob(["\ufeff" + documentText(methodDocument(m))], { type: "text/plain;charset=utf-8" }), name: "levenscycluskosten-methode.txt" };
      }, "De tekst");
    });
    document.getElementById("lk-druk").addEventListener("click", function () {
      var checked = checkedMethod();
      if (checked.problems) { showProblems(checked.problems, "de knop"); return; }
      errorsBox.hidden = true;
      documentNodes(methodDocument(checked.method), printBox);
      // Print only the method; print.css and hulpmiddelen.css read this class.
      document.documentElement.classList.add("lk-druk-methode");
      exportStatus.textContent = "De methode staat klaar om af te drukken.";
      window.print();
    });
    window.addEventListener("afterprint", function () { document.documentElement.classList.remove("lk-druk-methode"); });

    // --- keeping the inputs (localStorage): what is typed, as typed
    function state() {
      return {
        methode: methodRaw(),
        offertes: options().map(function (box) {
          var n = box.getAttribute("data-optie");
          var o = { naam: document.getElementById("lk-o" + n + "-naam").value, wijze: modeOf(box) };
          FIELDS.forEach(function (f) { o[f.key] = document.getElementById("lk-o" + n + "-" + f.key).value; });
          return o;
        })
      };
    }

    function save() {
      try { window.localStorage.setItem(STORAGE_KEY, JSON.stringify(state())); } catch (e) { /* no storage: nothing kept */ }
    }

    // A stored state is read back only in the shape this script writes: strings of bounded length,
    // booleans, known keys. Anything else (an older version, a hand edit) is ignored.
    function valid(data) {
      var str = function (v) { return typeof v === "string" && v.length <= 300; };
      if (!data || typeof data !== "object" || !data.methode || !Array.isArray(data.offertes)) { return false; }
      var m = data.methode;
      var textKeys = ["opdracht", "periode", "gebruikPerJaar", "voet", "energieprijs", "externNaam", "externEenheid", "externPrijs", "externBron"];
      if (!textKeys.every(function (k) { return str(m[k]); })) { return false; }
      if (typeof m.kopen !== "boolean" || typeof m.huren !== "boolean" || !Array.isArray(m.posten)) { return false; }
      if (!m.posten.every(function (k) { return POSTEN.some(function (p) { return !p.vast && p.key === k; }); })) { return false; }
      if (data.offertes.length < 1 || data.offertes.length > MAX_OFFERS) { return false; }
      return data.offertes.every(function (o) {
        return o && str(o.naam) && (o.wijze === "kopen" || o.wijze === "huren") && FIELDS.every(function (f) { return str(o[f.key]); });
      });
    }

    function load() {
      try {
        var data = JSON.parse(window.localStorage.getItem(STORAGE_KEY));
        return valid(data) ? data : null;
      } catch (e) {
        return null;
      }
    }

    // Offers are numbered from 1 again whenever the whole list is replaced.
    function removeAll() {
      options().forEach(function (box) { box.parentNode.removeChild(box); });
      counter = 0;
    }

    function fill(data) {
      removeAll();
      var m = data.methode;
      var set = function (id, v) { document.getElementById(id).value = v; };
      set("lk-opdracht", m.opdracht); set("lk-periode", m.periode); set("lk-gebruik-per-jaar", m.gebruikPerJaar);
      set("lk-voet", m.voet); set("lk-energieprijs", m.energieprijs); set("lk-extern-naam", m.externNaam);
      set("lk-extern-eenheid", m.externEenheid); set("lk-extern-prijs", m.externPrijs); set("lk-extern-bron", m.externBron);
      document.getElementById("lk-wijze-kopen").checked = m.kopen;
      document.getElementById("lk-wijze-huren").checked = m.huren;
      POSTEN.forEach(function (p) { if (!p.vast) { document.getElementById("lk-post-" + p.key).checked = m.posten.indexOf(p.key) >= 0; } });
      data.offertes.forEach(function (o) {
        var box = addOption();
        var n = box.getAttribute("data-optie");
        document.getElementById("lk-o" + n + "-naam").value = o.naam;
        document.getElementById("lk-o" + n + "-" + o.wijze).checked = true;
        FIELDS.forEach(function (f) { document.getElementById("lk-o" + n + "-" + f.key).value = o[f.key] || ""; });
      });
      renumber();
      applyMethod();
    }

    function empty() {
      removeAll();
      form.querySelectorAll("input[type=text]").forEach(function (i) { i.value = ""; setError(i, ""); });
      WIJZEN.forEach(function (w) { document.getElementById("lk-wijze-" + w[0]).checked = true; });
      // The items of the earlier comparator are ticked; the others are the buyer's choice.
      POSTEN.forEach(function (p) {
        if (!p.vast) { document.getElementById("lk-post-" + p.key).checked = ["reiniging", "onderhoud", "afval", "terugname"].indexOf(p.key) >= 0; }
      });
      for (var i = 0; i < START_OFFERS; i += 1) { addOption(); }
      clearOutput();
      exportStatus.textContent = "";
      exampleNote.hidden = true;
      applyMethod();
    }

    document.getElementById("lk-toevoegen").addEventListener("click", function () {
      var box = addOption();
      save();
      box.querySelector("input").focus();
    });
    document.getElementById("lk-vul-voorbeeld").addEventListener("click", function () {
      fill(example);
      clearOutput();
      save();
      exampleNote.hidden = false;
      exampleNote.focus();
    });
    document.getElementById("lk-leeg").addEventListener("click", function () {
      empty();
      try { window.localStorage.removeItem(STORAGE_KEY); } catch (e) { /* nothing kept anyway */ }
      document.getElementById("lk-opdracht").focus();
    });
    form.addEventListener("input", function (event) {
      // The external cost's name and unit are part of the bidders' field label.
      if (event.target.id === "lk-extern-naam" || event.target.id === "lk-extern-eenheid") { applyMethod(); }
      save();
    });
    form.addEventListener("change", function (event) {
      if (event.target.type === "checkbox" || event.target.type === "radio") { applyMethod(); }
      save();
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      applyMethod(); // the offers ask exactly what the method asks
      var problems = [];
      var m = readMethod(problems);
      var offers = readOffers(m, problems);
      if (problems.length) { showProblems(problems, "Bereken"); return; }
      show(m, offers);
    });

    var stored = load();
    if (stored) { fill(stored); } else { empty(); }
    form.hidden = false;
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
