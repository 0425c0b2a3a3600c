/* Levensduurkost vergelijken: whole-life cost of two or more options from the reader's figures.
 *
 * The formulas are explained in the page text (readable without JavaScript); this
 * script applies exactly those. No figure is filled in by default; the only
 * figures it can fill in are the page's fictitious example (#lk-voorbeeld).
 * Every input is checked first: an invalid one gets a Dutch message next to it and
 * no result is shown, so NaN or Infinity can never reach the screen.
 */
(function () {
  "use strict";

  var MAX_MONEY = 10000000; // ten million euro: more is almost surely a typing error
  var MAX_COUNT = 10000000;
  var MIN_OPTIONS = 2;
  var MAX_OPTIONS = 6;

  // mode: only asked for that way of getting the product (kopen = buy, huren = rent).
  var FIELDS = [
    { key: "aankoop", label: "Aankoopprijs per exemplaar (euro)", type: "geld", mode: "kopen" },
    { key: "gebruiken", label: "Aantal keer dat je één exemplaar kunt gebruiken", type: "aantal", mode: "kopen",
      hint: "1 voor een wegwerpproduct." },
    { key: "levensduur", label: "Levensduur van één exemplaar (jaren)", type: "jaren", mode: "kopen",
      hint: "Hoe lang het meegaat, ook als je het weinig gebruikt." },
    { key: "huur", label: "Huur- of abonnementsprijs per jaar (euro)", type: "geld", mode: "huren" },
    { key: "onderhoud", label: "Onderhoud per jaar (euro)", type: "geld" },
    { key: "reiniging", label: "Reiniging of sterilisatie per gebruik (euro)", type: "geld" },
    { key: "afval", label: "Afvalverwerking per exemplaar (euro)", type: "geld", mode: "kopen" },
    { key: "terugname", label: "Terugnamewaarde per exemplaar (euro)", type: "geld", mode: "kopen",
      hint: "Wat de leverancier je teruggeeft voor een afgedankt exemplaar; 0 als er geen terugname is." }
  ];

  var euro = new Intl.NumberFormat("nl-BE", { style: "currency", currency: "EUR" });
  var euroFine = new Intl.NumberFormat("nl-BE", { style: "currency", currency: "EUR", maximumFractionDigits: 4 });
  var whole = new Intl.NumberFormat("nl-BE", { maximumFractionDigits: 0 });

  function money(value) { return euro.format(value); }
  // Cost per use is often a few cents: show up to four decimals below one euro.
  function moneyPerUse(value) { return value < 1 ? euroFine.format(value) : euro.format(value); }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  /* Reads a Dutch or plain number: "12,50", "1.250,00", "1.250.000", "1250.5", "€ 40".
     A single dot followed by exactly three digits ("1.250", "0.500", "0.001") is ambiguous:
     a thousands separator in Dutch, a decimal point in English. It is asked about, never
     guessed (reading "0.500" as 500 or "0.001" years as 1 gave wrong answers).
     Returns {value} or {error} with a Dutch message. */
  function parse(raw, type) {
    var text = String(raw).replace(/[\s\u00a0€]/g, "");
    if (text === "") {
      return { error: type === "geld" ? "Vul een bedrag in (0 als er geen kosten zijn)." : "Vul een getal in." };
    }
    var shown = String(raw).trim();
    if (/^-?\d+\.\d{3}$/.test(text)) {
      var asWhole = Number(text.replace(".", "")), asDecimal = text.replace(".", ",");
      return { error: "Is '" + shown + "' " + asWhole.toLocaleString("nl-BE") + " of " + asDecimal + "? " +
        "Schrijf " + asWhole + " (zonder punt) of " + asDecimal + " (met een komma)." };
    }
    if (/^-?[1-9]\d{0,2}(\.\d{3})+(,\d+)?$/.test(text)) {
      text = text.replace(/\./g, "");  // 1.250,00 and 1.250.000: dots group thousands
    } else if ((text.indexOf(".") >= 0 && text.indexOf(",") >= 0) || /\..*\./.test(text)) {
      // Dots and a comma that are not Dutch thousands ("1,250.50"), or several dots ("1.250.5").
      return { error: "'" + shown + "' is geen getal. Schrijf bijvoorbeeld 1250,50 of 12,50." };
    }
    text = text.replace(",", ".");
    if (!/^-?\d+(\.\d+)?$/.test(text)) {
      return { error: "'" + String(raw).trim() + "' is geen getal. Schrijf bijvoorbeeld 12,50." };
    }
    var value = Number(text);
    if (!Number.isFinite(value)) { return { error: "Dit getal is te groot." }; }
    if (value < 0) { return { error: "Mag niet negatief zijn." }; }
    var max = type === "geld" ? MAX_MONEY : type === "jaren" ? 100 : type === "periode" ? 50 : MAX_COUNT;
    if (value > max) {
      return { error: "Meer dan " + whole.format(max) + " is niet realistisch: controleer of je geen cijfer te veel typte." };
    }
    if ((type === "aantal" || type === "periode") && Math.floor(value) !== value) {
      return { error: "Vul een geheel getal in." };
    }
    if (type !== "geld" && value === 0) { return { error: "Moet groter zijn dan 0." }; }
    return { value: value };
  }

  /* The formulas of the page text, for one option. All inputs are checked, finite numbers. */
  function compute(o, years, usesPerYear) {
    var uses = usesPerYear * years;
    var r = { uses: uses, units: 0, aankoop: 0, huur: 0, afval: 0, terugname: 0 };
    if (o.mode === "kopen") {
      // An exemplar is done after its number of uses or its lifetime, whichever comes first.
      var perUnit = Math.min(o.gebruiken, usesPerYear * o.levensduur);
      // The tolerance keeps floating-point noise (100 uses a year x 0.29 years = 28.999999999999996) from adding an exemplar.
      r.units = Math.ceil(uses / perUnit - 1e-9);
      r.aankoop = r.units * o.aankoop;
      r.afval = r.units * o.afval;
      r.terugname = r.units * o.terugname;
    } else {
      r.huur = years * o.huur;
    }
    r.onderhoud = years * o.onderhoud;
    r.reiniging = uses * o.reiniging;
    r.totaal = r.aankoop + r.huur + r.onderhoud + r.reiniging + r.afval - r.terugname;
    r.perGebruik = r.totaal / uses;
    return r;
  }

  function init() {
    var form = document.getElementById("lk-formulier");
    if (!form) { return; }
    var list = document.getElementById("lk-opties");
    var errorsBox = document.getElementById("lk-fouten");
    var output = document.getElementById("lk-uitkomst");
    var exampleNote = document.getElementById("lk-voorbeeld-melding");
    var example = JSON.parse(document.getElementById("lk-voorbeeld").getAttribute("data-json"));
    var counter = 0;

    function field(container, id, label, hint) {
      var wrap = el("div", { "class": "lk-veld" });
      wrap.appendChild(el("label", { "for": id }, label));
      var input = el("input", { id: id, type: "text", inputmode: "decimal", autocomplete: "off" });
      var described = [];
      if (hint) {
        wrap.appendChild(el("p", { "class": "lk-hint", id: id + "-hint" }, hint));
        described.push(id + "-hint");
      }
      var error = el("p", { "class": "lk-fout", id: id + "-fout" });
      error.hidden = true;
      described.push(id + "-fout");
      input.setAttribute("aria-describedby", described.join(" "));
      wrap.insertBefore(input, wrap.children[1] || null);
      wrap.appendChild(error);
      container.appendChild(wrap);
      return input;
    }

    function addOption() {
      counter += 1;
      var n = counter;
      var box = el("fieldset", { "class": "lk-optie", "data-optie": String(n) });
      box.appendChild(el("legend", {}, "Optie"));
      var name = field(box, "lk-o" + n + "-naam", "Naam van de optie");
      name.setAttribute("inputmode", "text");
      var modes = el("fieldset", { "class": "lk-wijze" });
      modes.appendChild(el("legend", {}, "Hoe kom je eraan?"));
      [["kopen", "Kopen"], ["huren", "Huren of abonnement"]].forEach(function (m, i) {
        var id = "lk-o" + n + "-" + m[0];
        var radio = el("input", { type: "radio", id: id, name: "lk-o" + n + "-wijze", value: m[0] });
        radio.checked = i === 0;
        radio.addEventListener("change", function () { showMode(box); });
        var label = el("label", { "for": id }, m[1]);
        modes.appendChild(radio);
        modes.appendChild(label);
      });
      box.appendChild(modes);
      FIELDS.forEach(function (f) {
        var input = field(box, "lk-o" + n + "-" + f.key, f.label, f.hint);
        input.parentNode.setAttribute("data-veld", f.key);
        if (f.mode) { input.parentNode.setAttribute("data-wijze", f.mode); }
      });
      var remove = el("button", { type: "button", "class": "md-button lk-verwijder" });
      remove.addEventListener("click", function () {
        box.parentNode.removeChild(box);
        renumber();
        document.getElementById("lk-toevoegen").focus();
      });
      box.appendChild(remove);
      list.appendChild(box);
      showMode(box);
      renumber();
      return box;
    }

    function renumber() {
      var boxes = options();
      boxes.forEach(function (box, i) {
        box.querySelector("legend").textContent = "Optie " + (i + 1);
        var remove = box.querySelector(".lk-verwijder");
        remove.textContent = "Verwijder optie " + (i + 1);
        remove.hidden = boxes.length <= MIN_OPTIONS;
      });
      document.getElementById("lk-toevoegen").disabled = boxes.length >= MAX_OPTIONS;
    }

    function options() { return Array.prototype.slice.call(list.querySelectorAll("fieldset.lk-optie")); }

    function modeOf(box) { return box.querySelector(".lk-wijze input:checked").value; }

    function showMode(box) {
      var mode = modeOf(box);
      Array.prototype.forEach.call(box.querySelectorAll("[data-wijze]"), function (wrap) {
        wrap.hidden = wrap.getAttribute("data-wijze") !== mode;
      });
    }

    function setError(input, message) {
      var error = document.getElementById(input.id + "-fout");
      error.textContent = message || "";
      error.hidden = !message;
      if (message) { input.setAttribute("aria-invalid", "true"); } else { input.removeAttribute("aria-invalid"); }
    }

    function clearOutput() {
      output.textContent = "";
      errorsBox.textContent = "";
      errorsBox.hidden = true;
    }

    // Reads and checks everything; returns null (and shows the messages) when anything is wrong.
    function read() {
      var problems = [];
      function check(input, type, label) {
        var result = parse(input.value, type);
        setError(input, result.error);
        if (result.error) { problems.push({ input: input, text: label + ": " + result.error }); }
        return result.value;
      }
      var years = check(document.getElementById("lk-periode"), "periode", "Periode");
      var usesPerYear = check(document.getElementById("lk-gebruik-per-jaar"), "aantal", "Gebruiken per jaar");
      var opts = options().map(function (box, i) {
        var n = box.getAttribute("data-optie");
        var prefix = "Optie " + (i + 1);
        var nameInput = document.getElementById("lk-o" + n + "-naam");
        var name = nameInput.value.trim();
        setError(nameInput, name ? "" : "Geef deze optie een naam, bijvoorbeeld 'wegwerp' of 'herbruikbaar'.");
        if (!name) { problems.push({ input: nameInput, text: prefix + ": geef de optie een naam." }); }
        var o = { name: name || prefix, mode: modeOf(box) };
        FIELDS.forEach(function (f) {
          var input = document.getElementById("lk-o" + n + "-" + f.key);
          if (f.mode && f.mode !== o.mode) { setError(input, ""); o[f.key] = 0; return; }
          o[f.key] = check(input, f.type, prefix + ", " + f.label.replace(/ \(.*\)$/, "").toLowerCase());
        });
        if (o.mode === "kopen" && o.terugname > o.aankoop) {
          var back = document.getElementById("lk-o" + n + "-terugname");
          setError(back, "De terugnamewaarde kan niet hoger zijn dan de aankoopprijs.");
          problems.push({ input: back, text: prefix + ": de terugnamewaarde is hoger dan de aankoopprijs." });
        }
        return o;
      });
      if (problems.length) {
        showProblems(problems);
        return null;
      }
      return { years: years, usesPerYear: usesPerYear, options: opts };
    }

    function showProblems(problems) {
      output.textContent = "";
      errorsBox.textContent = "";
      errorsBox.appendChild(el("p", {}, problems.length === 1
        ? "Eén gegeven klopt niet. Verbeter het en klik opnieuw op Bereken."
        : problems.length + " gegevens kloppen niet. Verbeter ze en klik opnieuw op Bereken."));
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

    var ROWS = [
      ["Exemplaren nodig", "units", "aantal"],
      ["Aankoop", "aankoop"],
      ["Huur of abonnement", "huur"],
      ["Onderhoud", "onderhoud"],
      ["Reiniging en sterilisatie", "reiniging"],
      ["Afvalverwerking", "afval"],
      ["Terugname (gaat eraf)", "terugname", "min"],
      ["Totaal", "totaal", "totaal"],
      ["Kost per gebruik", "perGebruik", "pergebruik"]
    ];

    function show(input) {
      var results = input.options.map(function (o) { return compute(o, input.years, input.usesPerYear); });
      // Belt and braces: the checks above bound every input, but never print a non-number.
      if (!results.every(function (r) { return ROWS.every(function (row) { return Number.isFinite(r[row[1]]); }); })) {
        showProblems([{ input: document.getElementById("lk-periode"), text: "De berekening gaf geen geldig getal. Controleer de ingevulde gegevens." }]);
        return;
      }
      clearOutput();
      var uses = input.usesPerYear * input.years;
      output.appendChild(el("h2", { id: "lk-resultaat", tabindex: "-1" }, "Resultaat"));
      output.appendChild(el("p", {}, "Over " + whole.format(input.years) + (input.years === 1 ? " jaar" : " jaar") +
        " met " + whole.format(input.usesPerYear) + " gebruiken per jaar, dus " + whole.format(uses) + " gebruiken in totaal."));

      var table = el("table"); // no class: Material styles only plain tables
      table.appendChild(el("caption", {}, "Kosten per optie over " + whole.format(input.years) + " jaar"));
      var head = el("tr");
      head.appendChild(el("th", { scope: "col" }, "Kostenpost"));
      input.options.forEach(function (o) { head.appendChild(el("th", { scope: "col" }, o.name)); });
      var thead = el("thead");
      thead.appendChild(head);
      table.appendChild(thead);
      var tbody = el("tbody");
      ROWS.forEach(function (row) {
        var tr = el("tr", row[2] === "totaal" || row[2] === "pergebruik" ? { "class": "lk-som" } : {});
        tr.appendChild(el("th", { scope: "row" }, row[0]));
        results.forEach(function (r, i) {
          var v = r[row[1]];
          var text;
          if (row[2] === "aantal") {
            text = input.options[i].mode === "kopen" ? whole.format(v) : "niet van toepassing";
          } else if (row[2] === "pergebruik") {
            text = moneyPerUse(v);
          } else if (row[2] === "min") {
            text = v ? "- " + money(v) : money(0);
          } else {
            text = money(v);
          }
          tr.appendChild(el("td", { "data-optie": String(i + 1), "data-rij": row[1] }, text));
        });
        tbody.appendChild(tr);
      });
      table.appendChild(tbody);
      output.appendChild(table);
      output.appendChild(chart(input.options, results, input.years));

      var best = 0;
      results.forEach(function (r, i) { if (r.totaal < results[best].totaal) { best = i; } });
      var tie = results.filter(function (r) { return r.totaal === results[best].totaal; }).length > 1;
      output.appendChild(el("p", { "class": "lk-conclusie", id: "lk-conclusie" }, tie
        ? "Meerdere opties kosten evenveel: " + money(results[best].totaal) + " over de hele periode."
        : "Met deze cijfers is '" + input.options[best].name + "' het goedkoopst over de hele periode: " +
          money(results[best].totaal) + ", of " + moneyPerUse(results[best].perGebruik) + " per gebruik."));
      document.getElementById("lk-resultaat").focus();
    }

    // A horizontal bar per option; the table above and the description hold the same numbers as text.
    function chart(opts, results, years) {
      var NS = "http://www.w3.org/2000/svg";
      var width = 640;
      var label = 170;
      var bar = 28;
      var gap = 14;
      var height = opts.length * (bar + gap) + gap;
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
      root.appendChild(svg("title", { id: "lk-grafiek-titel" }, "Totale kost over " + whole.format(years) + " jaar per optie"));
      root.appendChild(svg("desc", { id: "lk-grafiek-uitleg" }, opts.map(function (o, i) {
        return o.name + ": " + money(results[i].totaal);
      }).join("; ") + "."));
      opts.forEach(function (o, i) {
        var y = gap + i * (bar + gap);
        var w = max > 0 ? Math.max(1, (results[i].totaal / max) * (width - label - 150)) : 1;
        var name = o.name.length > 22 ? o.name.slice(0, 21) + "…" : o.name;
        root.appendChild(svg("text", { x: label - 8, y: y + bar * 0.68, "text-anchor": "end", "class": "lk-as" }, name));
        root.appendChild(svg("rect", { x: label, y: y, width: w.toFixed(1), height: bar, "class": "lk-balk lk-balk-" + (i % 6) }));
        root.appendChild(svg("text", { x: label + w + 6, y: y + bar * 0.68, "class": "lk-waarde" }, money(results[i].totaal)));
      });
      figure.appendChild(root);
      figure.appendChild(el("figcaption", {}, "Totale kost over de hele periode. De tabel hierboven geeft dezelfde bedragen."));
      return figure;
    }

    function fill(data) {
      options().forEach(function (box) { box.parentNode.removeChild(box); });
      document.getElementById("lk-periode").value = data.periode;
      document.getElementById("lk-gebruik-per-jaar").value = data.gebruikPerJaar;
      data.opties.forEach(function (o) {
        var box = addOption();
        var n = box.getAttribute("data-optie");
        document.getElementById("lk-o" + n + "-naam").value = o.naam;
        document.getElementById("lk-o" + n + "-" + o.wijze).checked = true;
        showMode(box);
        FIELDS.forEach(function (f) {
          if (o[f.key] !== undefined) { document.getElementById("lk-o" + n + "-" + f.key).value = o[f.key]; }
        });
      });
      renumber();
    }

    function empty() {
      options().forEach(function (box) { box.parentNode.removeChild(box); });
      form.querySelectorAll("input[type=text]").forEach(function (i) { i.value = ""; setError(i, ""); });
      for (var i = 0; i < MIN_OPTIONS; i += 1) { addOption(); }
      clearOutput();
      exampleNote.hidden = true;
    }

    document.getElementById("lk-toevoegen").addEventListener("click", function () {
      var box = addOption();
      box.querySelector("input").focus();
    });
    document.getElementById("lk-vul-voorbeeld").addEventListener("click", function () {
      fill(example);
      clearOutput();
      exampleNote.hidden = false;
      exampleNote.focus();
    });
    document.getElementById("lk-leeg").addEventListener("click", function () {
      empty();
      document.getElementById("lk-periode").focus();
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var input = read();
      if (input) { show(input); }
    });

    ["lk-periode", "lk-gebruik-per-jaar"].forEach(function (id) {
      var input = document.getElementById(id);
      var error = el("p", { "class": "lk-fout", id: id + "-fout" });
      error.hidden = true;
      input.parentNode.appendChild(error);
      input.setAttribute("aria-describedby", [input.getAttribute("aria-describedby"), id + "-fout"].filter(Boolean).join(" "));
    });
    empty();
    form.hidden = false;
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
