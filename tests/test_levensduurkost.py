"""The life-cycle cost tool (docs/werkinstrumenten/levensduurkost.md, found by its script) in real headless Chromium.

The buyer fixes a method, exports it as an annex (.ods, .xlsx, text, print), enters the bidders'
figures and compares the offers. Expected amounts are worked out by hand in this file, from the
formulas the page states, never copied from the tool's output. The spreadsheets are read back
(openpyxl, lxml) and their formulas computed (tests/rekenblad.py) with a bidder's figures.
"""
from __future__ import annotations

import io
import json
import math
import re
import zipfile

import pytest
from axe_playwright_python.sync_playwright import Axe

import rekenblad
from browser import PageWatch
from test_browser_pages import AXE_OPTIONS, axe_lines
from targets import page_carrying
from test_csp import CSP_WATCH

LK = page_carrying("assets/javascripts/levensduurkost.js")
OPTIONAL_POSTS = ["installatie", "energie", "verbruik", "reiniging", "onderhoud", "herstelling", "afval", "terugname", "extern"]


@pytest.fixture
def page(browser):
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    context.add_init_script(CSP_WATCH)
    pg = context.new_page()
    pg.watch = PageWatch(pg)
    yield pg
    context.close()


def eur(value: float) -> str:
    """An amount as the page shows it (nl-BE): '€ 1.234,56', half a cent rounded up."""
    cents = math.floor(value * 100 + 0.5)
    whole, frac = divmod(cents, 100)
    return "€ " + f"{whole:,}".replace(",", ".") + f",{frac:02d}"


def test_eur_helper():
    assert eur(1234.5) == "€ 1.234,50" and eur(0.745) == "€ 0,75" and eur(2.004) == "€ 2,00" and eur(1e6) == "€ 1.000.000,00"


def text(page, selector: str) -> str:
    return page.inner_text(selector).replace("\xa0", " ")


def cell(page, option: int, row: str) -> str:
    return text(page, f'#lk-uitkomst td[data-optie="{option}"][data-rij="{row}"]')


def set_method(page, periode, gebruik, voet, kopen=True, huren=True, posten=(), energieprijs="", extern=None, opdracht=""):
    page.fill("#lk-opdracht", opdracht)
    page.fill("#lk-periode", str(periode))
    page.fill("#lk-gebruik-per-jaar", str(gebruik))
    page.fill("#lk-voet", str(voet))
    page.set_checked("#lk-wijze-kopen", kopen)
    page.set_checked("#lk-wijze-huren", huren)
    for key in OPTIONAL_POSTS:
        page.set_checked(f"#lk-post-{key}", key in posten)
    if "energie" in posten:
        page.fill("#lk-energieprijs", energieprijs)
    if extern:
        for key, value in extern.items():
            page.fill(f"#lk-extern-{key}", value)


def fill_offer(page, n: int, name: str, mode: str | None = None, **values) -> None:
    while page.locator("fieldset.lk-optie").count() < n:
        page.click("#lk-toevoegen")
    page.fill(f"#lk-o{n}-naam", name)
    if mode:
        page.check(f"#lk-o{n}-{mode}")
    for key, value in values.items():
        page.fill(f"#lk-o{n}-{key}", str(value))


def calculate(page) -> None:
    page.click("#lk-formulier button[type=submit]")


# --- the worked example with discounting ------------------------------------------------------

# The method: 5 years, 200 uses a year (1,000 uses), discount rate 6 %, buy or rent; the items
# installation, energy (at 0.25 euro per kWh), cleaning, maintenance, repairs, waste, take-back
# and an external cost (greenhouse gases at 0.10 euro per kg CO2-equivalent).
EXTERN = {"naam": "uitstoot van broeikasgassen", "eenheid": "kg CO2-equivalent", "prijs": "0,10",
          "bron": "Vaste prijs van 100 euro per ton; de inschrijver staaft zijn cijfer met een rapport van een erkend labo."}
POSTEN = ("installatie", "energie", "reiniging", "onderhoud", "herstelling", "afval", "terugname", "extern")
A = dict(aankoop=40, gebruiken=150, levensduur=10, installatie=0, energie="0,1", reiniging="0,60", onderhoud=20,
         herstelling=0, afval=1, terugname=2, extern="0,5")
B = dict(huur=150, installatie=100, energie="0,2", reiniging="0,50", onderhoud=0, herstelling=0, extern="0,3")
C = dict(aankoop=850, gebruiken="10.000", levensduur=5, installatie=0, energie="0,05", reiniging="0,10", onderhoud=10,
         herstelling=15, afval=20, terugname=100, extern="0,1")


def start(t: int, r: float) -> float:
    """Present-value factor of a cost at the start of year t: 1 / (1 + r)^(t - 1)."""
    return 1 / (1 + r) ** (t - 1)


def end(t: int, r: float) -> float:
    """Present-value factor of a cost at the end of year t: 1 / (1 + r)^t."""
    return 1 / (1 + r) ** t


def hand(rate_percent: float) -> dict[str, dict[str, float]]:
    """The three offers by hand, item by item.

    A (buy): one exemplar lasts min(150 uses, 200 x 10 years) = 150 uses; 1,000 / 150 = 6.67, so
    7 exemplars. Exemplar k is first used at use 150(k-1)+1, in year 1, 1, 2, 3, 4, 4, 5: bought
    per year 2, 1, 1, 2, 1. It is used up at use 150k (150, 300, 450, 600, 750, 900) in year
    1, 2, 3, 3, 4, 5, and the seventh is still in use at the end of year 5: done per year
    1, 1, 2, 1, 2. Per year: energy 200 x 0.1 kWh x 0.25 = 5, cleaning 200 x 0.60 = 120,
    maintenance 20, external 200 x 0.5 kg x 0.10 = 10 (end of year).
    B (rent): 150 a year at the start of each year, installation 100 at the start; per year
    energy 200 x 0.2 x 0.25 = 10, cleaning 200 x 0.50 = 100, external 200 x 0.3 x 0.10 = 6.
    C (buy): min(10,000 uses, 200 x 5 years = 1,000) = 1,000 uses: 1 exemplar, bought at the
    start of year 1, done at the end of year 5. Per year energy 200 x 0.05 x 0.25 = 2.50,
    cleaning 200 x 0.10 = 20, maintenance 10, repairs 15, external 200 x 0.1 x 0.10 = 2.
    """
    r = rate_percent / 100
    years = range(1, 6)
    ends = sum(end(t, r) for t in years)
    bought_a = {1: 2, 2: 1, 3: 1, 4: 2, 5: 1}
    done_a = {1: 1, 2: 1, 3: 2, 4: 1, 5: 2}
    a = {
        "aankoop": 40 * sum(bought_a[t] * start(t, r) for t in years),
        "installatie": 0.0,
        "energie": 5 * ends,
        "reiniging": 120 * ends,
        "onderhoud": 20 * ends,
        "herstelling": 0.0,
        "afval": 1 * sum(done_a[t] * end(t, r) for t in years),
        "terugname": 2 * sum(done_a[t] * end(t, r) for t in years),
        "extern": 10 * ends,
    }
    b = {
        "huur": 150 * sum(start(t, r) for t in years),
        "installatie": 100 * start(1, r),
        "energie": 10 * ends,
        "reiniging": 100 * ends,
        "onderhoud": 0.0,
        "herstelling": 0.0,
        "extern": 6 * ends,
    }
    c = {
        "aankoop": 850 * start(1, r),
        "installatie": 0.0,
        "energie": 2.5 * ends,
        "reiniging": 20 * ends,
        "onderhoud": 10 * ends,
        "herstelling": 15 * ends,
        "afval": 20 * end(5, r),
        "terugname": 100 * end(5, r),
        "extern": 2 * ends,
    }
    for offer in (a, b, c):
        offer["totaal"] = sum(v for k, v in offer.items() if k != "terugname") - offer.get("terugname", 0.0)
    return {"A": a, "B": b, "C": c}


def test_hand_calculation_is_what_it_claims():
    """Guards the numbers above: at 0 % the items are plain sums; the ranking flips between 0 % and 6 %."""
    zero = hand(0)
    assert zero["A"]["totaal"] == pytest.approx(7 * 40 + 5 * (5 + 120 + 20 + 10) + 7 * (1 - 2))  # 1048
    assert zero["B"]["totaal"] == pytest.approx(5 * 150 + 100 + 5 * (10 + 100 + 6))  # 1430
    assert zero["C"]["totaal"] == pytest.approx(850 + 5 * (2.5 + 20 + 10 + 15 + 2) + 20 - 100)  # 1017.50
    six = hand(6)
    assert zero["C"]["totaal"] < zero["A"]["totaal"] < zero["B"]["totaal"]
    assert six["A"]["totaal"] < six["C"]["totaal"] < six["B"]["totaal"]
    # Checked once with a calculator: 40 x 6.3047 (purchases) + 155 x 4.2124 (yearly costs) - 1 x 5.7992 (take-back less waste).
    assert round(six["A"]["totaal"], 2) == 899.31


def enter_worked_example(page) -> None:
    page.goto(page.base + LK)
    set_method(page, 5, 200, 6, posten=POSTEN, energieprijs="0,25", extern=EXTERN, opdracht="Toestel voor de sterilisatie")
    fill_offer(page, 1, "A: herbruikbaar", "kopen", **A)
    fill_offer(page, 2, "B: huur", "huren", **B)
    fill_offer(page, 3, "C: toestel", "kopen", **C)


@pytest.fixture
def worked(page, base_url):
    page.base = base_url
    enter_worked_example(page)
    return page


def test_worked_example_with_discounting_matches_the_hand_calculation(worked):
    page = worked
    calculate(page)
    want = hand(6)
    for n, key in ((1, "A"), (2, "B"), (3, "C")):
        for item, value in want[key].items():
            shown = cell(page, n, item)
            assert shown == ("- " + eur(value) if item == "terugname" and value else eur(value)), (key, item)
    assert cell(page, 1, "units") == "7" and cell(page, 3, "units") == "1"
    assert cell(page, 1, "nominaal") == eur(hand(0)["A"]["totaal"]) == "€ 1.048,00"
    assert cell(page, 1, "perGebruik") == eur(want["A"]["totaal"] / 1000)
    # The bidders' field for the external cost is labelled with the method's unit and name.
    for n in (1, 2, 3):
        assert page.inner_text(f'label[for="lk-o{n}-extern"]') == "kg CO2-equivalent per gebruik (uitstoot van broeikasgassen)"
    # Consumables were not asked: that row and field are absent.
    assert page.locator('#lk-uitkomst td[data-rij="verbruik"]').count() == 0
    assert not page.is_visible("#lk-o1-verbruik")
    # Ranking at 6 %: A, C, B.
    rows = page.eval_on_selector_all("#lk-rangorde tbody tr", "rs => rs.map(r => [r.cells[0].innerText, r.dataset.optie])")
    assert rows == [["1", "1"], ["2", "3"], ["3", "2"]]
    # At 0 % C comes first; at 6 % and 11 % A does: the rates change the ranking, and the page says so.
    for rate, order in ((0, ["3", "1", "2"]), (6, ["1", "3", "2"]), (11, ["1", "3", "2"])):
        items = page.eval_on_selector_all(f'#lk-gevoeligheid td[data-voet="{rate}"] li', "ls => ls.map(l => [l.dataset.optie, l.innerText])")
        assert [i[0] for i in items] == order, rate
        totals = hand(rate)
        names = {"1": "A", "2": "B", "3": "C"}
        assert [i[1].replace("\xa0", " ") for i in items] == [
            f"{dict(A='A: herbruikbaar', B='B: huur', C='C: toestel')[names[o]]}: {eur(totals[names[o]]['totaal'])}" for o in order]
    verdict = text(page, "#lk-conclusie")
    assert "heeft 'A: herbruikbaar' de laagste levenscycluskosten" in verdict
    assert "De rangorde verandert met de actualisatievoet" in verdict and "bij 0 procent 'C: toestel'" in verdict
    assert page.get_attribute("#lk-conclusie", "role") == "status"
    assert page.evaluate("document.activeElement.id") == "lk-resultaat"
    assert page.evaluate("window.__csp") == [] and not page.watch.console_errors
    # The whole form (both ways of offering, energy, external cost) and the results: WCAG 2.1 AA.
    assert axe_lines("levensduurkost, worked example", axe(page)) == []


def test_fictitious_example_matches_the_worked_examples_on_the_page(page, base_url):
    page.goto(base_url + LK)
    page.click("#lk-vul-voorbeeld")
    assert "Fictief voorbeeld" in page.inner_text("#lk-voorbeeld-melding")
    calculate(page)
    # 4 years x 500 uses = 2,000. At 0 %: single use 2,000 x 1.20 + 2,000 x 0.10 = 2,600;
    # reusable: 20 exemplars x 30 + 2,000 x 0.45 + 20 x 0.50 - 20 x 1 = 1,490.
    # At 5 %, the same costs every year: purchases at the start (factors 1 + 1/1.05 + 1/1.05^2 + 1/1.05^3),
    # the rest at the end (1/1.05 + ... + 1/1.05^4).
    s = sum(1 / 1.05 ** (t - 1) for t in range(1, 5))
    e = sum(1 / 1.05 ** t for t in range(1, 5))
    single, reusable = 600 * s + 50 * e, 150 * s + (225 + 2.5 - 5) * e
    assert cell(page, 1, "totaal") == eur(single) == "€ 2.411,25"
    assert cell(page, 2, "totaal") == eur(reusable) == "€ 1.347,46"
    assert cell(page, 1, "nominaal") == eur(2600) and cell(page, 2, "nominaal") == eur(1490)
    assert [t.replace("\xa0", " ") for t in page.eval_on_selector_all('#lk-gevoeligheid td[data-voet="0"] li', "ls => ls.map(l => l.innerText)")] == [
        "Fictief: herbruikbaar: € 1.490,00", "Fictief: wegwerp: € 2.600,00"]
    article = page.inner_text("article")
    for figure in ("2.600 euro", "1.490 euro", "0,745 euro", "3,723248", "3,545951", "2.411,25 euro", "1.347,46 euro"):
        assert figure in article, figure
    assert f"{s:.6f}".replace(".", ",") == "3,723248" and f"{e:.6f}".replace(".", ",") == "3,545951"


def test_the_formula_reader_follows_the_spreadsheet_rules():
    """tests/rekenblad.py computes the annex's formulas in place of a spreadsheet program: it must
    get the rules right where they differ from Python, and refuse what it does not know."""
    sheet = rekenblad.Sheet("t", {"A1": rekenblad.Cell(value=2.0), "A2": rekenblad.Cell(value=None, input=True),
                                  "A3": rekenblad.Cell(value="tekst")})
    # The values of the first seven are what LibreOffice 7.4 computed for the same formulas.
    for formula, want in (("-A1^2", 4), ("2^3^2", 64), ("ROUNDUP(-1E-9,0)", -1), ("ROUNDUP(MAX(0,4-1E-9),0)", 4),
                          ("ROUNDDOWN(2.9999999999,0)", 2), ("ROUNDDOWN(28.999999999999996,0)", 29), ("ROUNDDOWN(-2.5,0)", -2),
                          ("1+2*3", 7), ("SUM(A1:A2,5)", 7), ("A2+1", 1), ("IF(A1>1,10,20)", 10), ("MIN(A1,3)*MAX(1,A1)", 4)):
        sheet.cells["B1"] = rekenblad.Cell(formula=formula)
        assert rekenblad.Book(sheet).number("B1") == want, formula
    assert rekenblad.ods_formula("of:=MIN([.B5];[.B6]*[.C1:.C9])") == "MIN(B5,B6*C1:C9)"
    for bad in ("VLOOKUP(A1,A1:A2,1)", "A3*2", "1/0", "B1+1"):
        sheet.cells["B1"] = rekenblad.Cell(formula=bad)
        with pytest.raises(rekenblad.FormulaError):
            rekenblad.Book(sheet).number("B1")
    with pytest.raises(rekenblad.FormulaError):
        rekenblad.Book(sheet).set("A1", 5)  # not an input cell


# --- the ZIP writer (docs/assets/javascripts/zip.js, shared with the tender builder) ------------


def test_zip_writer_output_reads_back_entry_for_entry(page, base_url):
    page.goto(base_url + LK)
    got = page.evaluate("""async () => {
        const blob = window.Zip.build([
            {name: "mimetype", data: "application/vnd.oasis.opendocument.text"},
            {name: "map/tekst.xml", data: "<a>é € 😀</a>"},
            {name: "leeg.txt", data: ""},
            {name: "bytes.bin", data: new Uint8Array([0, 255, 10, 13, 80, 75, 3, 4])}
        ], {type: "application/vnd.oasis.opendocument.text"});
        let refused = "";
        try { window.Zip.build([{name: "../buiten.txt", data: "x"}]); } catch (e) { refused = e.message; }
        return {type: blob.type, bytes: Array.from(new Uint8Array(await blob.arrayBuffer())), refused: refused};
    }""")
    assert got["type"] == "application/vnd.oasis.opendocument.text"
    assert "ongeldige bestandsnaam" in got["refused"]
    archive = zipfile.ZipFile(io.BytesIO(bytes(got["bytes"])))
    assert archive.testzip() is None
    infos = archive.infolist()
    assert [i.filename for i in infos] == ["mimetype", "map/tekst.xml", "leeg.txt", "bytes.bin"]
    assert all(i.compress_type == zipfile.ZIP_STORED and i.extra == b"" for i in infos)
    assert infos[0].header_offset == 0  # mimetype first: its bytes start at offset 38 of the file
    assert bytes(got["bytes"][30:38]) == b"mimetype" and bytes(got["bytes"][38:77]) == b"application/vnd.oasis.opendocument.text"
    assert archive.read("map/tekst.xml").decode("utf-8") == "<a>é € 😀</a>"
    assert archive.read("leeg.txt") == b"" and archive.read("bytes.bin") == bytes([0, 255, 10, 13, 80, 75, 3, 4])


# --- the annex ----------------------------------------------------------------------------------


def download(page, button: str) -> tuple[str, bytes]:
    with page.expect_download() as info:
        page.click(button)
    d = info.value
    return d.suggested_filename, open(d.path(), "rb").read()


def bidder_labels(sheet: rekenblad.Sheet) -> list[str]:
    return [sheet.text("A" + ref[1:]) for ref, c in sorted(sheet.cells.items(), key=lambda kv: int(kv[0][1:])) if c.input]


@pytest.mark.parametrize("kind", ["ods", "xlsx"])
def test_annex_downloads_and_reads_back_with_the_method_fixed(worked, kind):
    page = worked
    name, data = download(page, f"#lk-{kind}")
    assert name == f"levenscycluskosten-bijlage.{kind}"
    assert "klaar" in text(page, "#lk-export-status")
    package = zipfile.ZipFile(io.BytesIO(data))
    assert package.testzip() is None  # every CRC checks out
    if kind == "ods":
        first = package.infolist()[0]
        # The ODF rule: mimetype first, stored, no extra field.
        assert (first.filename, first.compress_type, first.extra) == ("mimetype", zipfile.ZIP_STORED, b"")
        assert package.read("mimetype") == b"application/vnd.oasis.opendocument.spreadsheet"
        assert "content.xml" in package.read("META-INF/manifest.xml").decode()
        sheets = rekenblad.read_ods(data)
    else:
        assert "[Content_Types].xml" in package.namelist()
        sheets = rekenblad.read_xlsx(data)
    assert list(sheets) == ["Methode", "Offerte kopen", "Offerte huren"]
    assert all(s.protected for s in sheets.values())

    method = sheets["Methode"].rows()
    for line in ("Opdracht: Toestel voor de sterilisatie", "- Periode van de berekening: 5 jaar.",
                 "- Gebruik: 200 keer per jaar, dus 1.000 keer over de hele periode.",
                 "- Inschrijvers mogen het product te koop of te huur aanbieden (huur mag ook als abonnement).",
                 "- Actualisatievoet: 6 procent per jaar.", "- Energieprijs: € 0,25 per kWh."):
        assert line in [r.replace("\xa0", " ") for r in method], line
    assert any(EXTERN["bron"] in r and "€ 0,10 per kg CO2-equivalent" in r.replace("\xa0", " ") for r in method)
    assert any("(1 + r)^t" in r and "r = 0,06" in r for r in method)

    buy, rent = sheets["Offerte kopen"], sheets["Offerte huren"]
    for sheet in (buy, rent):
        assert sheet.cells[sheet.find("Periode (jaren)")].value == 5
        assert sheet.cells[sheet.find("Gebruiken per jaar")].value == 200
        assert sheet.cells[sheet.find("Actualisatievoet per jaar")].value == pytest.approx(0.06)
        assert sheet.cells[sheet.find("Energieprijs (euro per kWh)")].value == pytest.approx(0.25)
        assert sheet.cells[sheet.find("Prijs van uitstoot van broeikasgassen (euro per kg CO2-equivalent)")].value == pytest.approx(0.10)
        assert all(c.value is None for c in sheet.cells.values() if c.input)  # the bidder's cells start empty
    common = ["Installatie en ingebruikname, eenmalig (euro)", "Energieverbruik per gebruik (kWh)",
              "Reiniging of sterilisatie per gebruik (euro)", "Onderhoud per jaar (euro)", "Herstellingen per jaar (euro)"]
    extern = "kg CO2-equivalent per gebruik (uitstoot van broeikasgassen)"
    # Only the bidder's figures are input cells; everything else is fixed or a formula.
    assert bidder_labels(buy) == ["Naam van de inschrijver", "Aankoopprijs per exemplaar (euro)",
                                  "Aantal keer dat je één exemplaar kunt gebruiken", "Levensduur van één exemplaar (jaren)",
                                  *common, "Afvalverwerking per exemplaar (euro)", "Terugnamewaarde per exemplaar (euro)", extern]
    assert bidder_labels(rent) == ["Naam van de inschrijver", "Huur- of abonnementsprijs per jaar (euro)", *common, extern]

    # A bidder fills in their figures; the sheet's formulas give the hand-calculated result.
    labels = {"aankoop": "Aankoopprijs per exemplaar (euro)", "gebruiken": "Aantal keer dat je één exemplaar kunt gebruiken",
              "levensduur": "Levensduur van één exemplaar (jaren)", "huur": "Huur- of abonnementsprijs per jaar (euro)",
              "installatie": common[0], "energie": common[1], "reiniging": common[2], "onderhoud": common[3],
              "herstelling": common[4], "afval": "Afvalverwerking per exemplaar (euro)",
              "terugname": "Terugnamewaarde per exemplaar (euro)", "extern": extern}
    for sheet, offer, key in ((buy, A, "A"), (rent, B, "B"), (buy, C, "C")):
        book = rekenblad.Book(sheet)
        book.set(sheet.find("Naam van de inschrijver"), "Inschrijver " + key)
        for field, value in offer.items():
            book.set(sheet.find(labels[field]), float(str(value).replace(".", "").replace(",", ".")))
        lcc = book.number(sheet.find("Levenscycluskosten (contante waarde, euro)"))
        assert lcc == pytest.approx(hand(6)[key]["totaal"], abs=1e-6), key
        nominal = book.number(sheet.find("Levenscycluskosten zonder actualisatie (euro)"))
        assert nominal == pytest.approx(hand(0)[key]["totaal"], abs=1e-6), key
        assert book.number(sheet.find("Levenscycluskosten per gebruik (euro)")) == pytest.approx(hand(6)[key]["totaal"] / 1000)
    # The same figures in the tool give the same amounts, to the cent.
    calculate(page)
    assert cell(page, 1, "totaal") == eur(hand(6)["A"]["totaal"]) and cell(page, 2, "totaal") == eur(hand(6)["B"]["totaal"])


def test_annex_without_discounting_or_renting_asks_only_what_the_method_needs(page, base_url):
    page.goto(base_url + LK)
    set_method(page, 3, "1.825", 0, kopen=True, huren=False, posten=("reiniging",))
    name, data = download(page, "#lk-xlsx")
    sheets = rekenblad.read_xlsx(data)
    assert list(sheets) == ["Methode", "Offerte kopen"]
    buy = sheets["Offerte kopen"]
    assert buy.cells[buy.find("Gebruiken per jaar")].value == 1825
    assert bidder_labels(buy) == ["Naam van de inschrijver", "Aankoopprijs per exemplaar (euro)",
                                  "Aantal keer dat je één exemplaar kunt gebruiken", "Levensduur van één exemplaar (jaren)",
                                  "Reiniging of sterilisatie per gebruik (euro)"]
    assert "- Actualisatievoet: 0 procent per jaar (geen actualisatie: een euro later telt even zwaar als een euro nu)." in sheets["Methode"].rows()
    # Disposables: 3 x 1,825 = 5,475 exemplars at 2 euro, cleaning 0: 10,950 euro.
    book = rekenblad.Book(buy)
    for label, value in (("Aankoopprijs per exemplaar (euro)", 2), ("Aantal keer dat je één exemplaar kunt gebruiken", 1),
                         ("Levensduur van één exemplaar (jaren)", 1), ("Reiniging of sterilisatie per gebruik (euro)", 0)):
        book.set(buy.find(label), value)
    assert book.number(buy.find("Exemplaren nodig")) == 5475
    assert book.number(buy.find("Levenscycluskosten (contante waarde, euro)")) == pytest.approx(10950)


def test_an_incomplete_method_is_named_not_exported(page, base_url):
    page.goto(base_url + LK)
    page.set_checked("#lk-post-extern", True)
    downloads = []
    page.on("download", lambda d: downloads.append(d))
    page.click("#lk-ods")
    assert page.is_visible("#lk-fouten")
    errors = text(page, "#lk-fouten")
    assert "Periode: Vul een getal in." in errors and "Actualisatievoet: Vul een percentage in" in errors
    assert "de wet vraagt dat de geldwaarde bepaald en nagegaan kan worden" in errors
    page.wait_for_timeout(300)
    assert downloads == []


def test_text_annex_and_print_hold_the_method(worked):
    page = worked
    name, data = download(page, "#lk-txt")
    assert name == "levenscycluskosten-methode.txt"
    body = data.decode("utf-8-sig")
    for line in ("Bijlage bij het bestek: zo worden de levenscycluskosten berekend", "- Periode van de berekening: 5 jaar.",
                 "- Actualisatievoet: 6 procent per jaar.", "- Aankoop: exemplaren gekocht in dat jaar × aankoopprijs per exemplaar, aan het begin van het jaar.",
                 "- Huur of abonnement: huur- of abonnementsprijs per jaar, aan het begin van het jaar.",
                 "Bij huur of abonnement:", "- Huur- of abonnementsprijs per jaar (euro)"):
        assert line in body.replace("\xa0", " ").split("\r\n"), line
    assert EXTERN["bron"] in body
    page.click("#lk-druk")
    assert page.evaluate("document.documentElement.classList.contains('lk-druk-methode')")
    page.emulate_media(media="print")
    assert page.is_visible("#lk-methode-druk h2")
    assert "Actualisatievoet: 6 procent per jaar." in text(page, "#lk-methode-druk")
    assert not page.is_visible("#lk-formulier") and not page.is_visible("article h1")
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.is_visible("article h1") and not page.is_visible("#lk-methode-druk")


def test_text_fields_stay_text_in_every_annex(page, base_url):
    """What a buyer types (or pastes) into a text field ends up as text: no markup, no formula, no broken XML."""
    page.goto(base_url + LK)
    hostile = '<b>&"\'</t></c>]]><f>SUM(A1)</f> =HYPERLINK("https://example.org") \u0001😀'
    set_method(page, 2, 10, 3, posten=("extern",), extern={"naam": hostile, "eenheid": "kg</t>", "prijs": "1", "bron": hostile},
               opdracht=hostile)
    expected = hostile.replace("\u0001", "")
    for kind, reader in (("ods", rekenblad.read_ods), ("xlsx", rekenblad.read_xlsx)):
        _, data = download(page, f"#lk-{kind}")
        sheets = reader(data)
        buy = sheets["Offerte kopen"]
        assert buy.cells["A2"].value == "Opdracht: " + expected and buy.cells["A2"].formula is None
        assert "Opdracht: " + expected in sheets["Methode"].rows()
        assert buy.find(f"Prijs van {expected} (euro per kg</t>)")
        assert not any(c.formula and "HYPERLINK" in c.formula for s in sheets.values() for c in s.cells.values())
    _, data = download(page, "#lk-txt")
    assert "Opdracht: " + expected in data.decode("utf-8-sig")
    page.click("#lk-druk")
    assert page.locator("#lk-methode-druk b").count() == 0
    assert page.evaluate("window.__csp") == [] and not page.watch.console_errors


# --- input: numbers, reload, amounts ------------------------------------------------------------


def test_the_offers_ask_what_the_method_asks_as_it_is_typed(page, base_url):
    page.goto(base_url + LK)
    set_method(page, 2, 10, 0, kopen=False, huren=True, posten=("extern",), extern={"naam": "fijnstof", "eenheid": "g"})
    assert page.inner_text('label[for="lk-o1-extern"]') == "g per gebruik (fijnstof)"
    assert page.is_visible("#lk-o1-huur") and not page.is_visible("#lk-o1-aankoop") and not page.is_visible("#lk-o1-kopen")
    assert not page.is_visible("#lk-o1-onderhoud") and not page.is_visible("#lk-energieprijs")
    page.set_checked("#lk-post-energie", True)
    assert page.is_visible("#lk-energieprijs") and page.is_visible("#lk-o2-energie")
    page.set_checked("#lk-wijze-kopen", True)
    assert page.is_visible("#lk-o1-kopen") and page.is_visible("#lk-o1-huren")


def test_whole_number_fields_read_a_thousands_dot(page, base_url):
    page.goto(base_url + LK)
    set_method(page, 2, "1.825", 0, kopen=True, huren=False, posten=())
    fill_offer(page, 1, "Wegwerp", aankoop="0,50", gebruiken="1", levensduur="1")
    fill_offer(page, 2, "Herbruikbaar", aankoop="100", gebruiken="1.000", levensduur="10")
    calculate(page)
    # 2 x 1,825 = 3,650 uses. Single use: 3,650 x 0.50 = 1,825. Reusable: min(1,000, 18,250) = 1,000
    # uses per exemplar, 3,650 / 1,000 = 3.65 -> 4 exemplars x 100 = 400.
    assert "1.825 gebruiken per jaar, dus 3.650 gebruiken in totaal" in text(page, "#lk-uitkomst")
    assert cell(page, 1, "totaal") == eur(1825) and cell(page, 2, "units") == "4" and cell(page, 2, "totaal") == eur(400)
    # In an amount the dot stays a question.
    page.fill("#lk-o1-aankoop", "1.825")
    calculate(page)
    assert "Is '1.825' 1.825 of 1,825?" in text(page, "#lk-o1-aankoop-fout")


@pytest.mark.parametrize("typed, says", [
    ("0.500", "Is '0.500' 500 of 0,500?"),
    ("0.001", "Is '0.001' 1 of 0,001?"),
    ("1.250", "Is '1.250' 1.250 of 1,250?"),
    ("1,250.50", "geen getal"),
    ("1.250.5", "geen getal"),
])
def test_an_ambiguous_dot_in_an_amount_is_asked_about(page, base_url, typed, says):
    page.goto(base_url + LK)
    set_method(page, 3, 100, 0, huren=False, posten=())
    fill_offer(page, 1, "A", aankoop=typed, gebruiken=1, levensduur=1)
    fill_offer(page, 2, "B", aankoop=1, gebruiken=1, levensduur=1)
    calculate(page)
    assert says in page.inner_text("#lk-o1-aankoop-fout")
    assert page.locator("#lk-uitkomst table").count() == 0


@pytest.mark.parametrize("typed, shown", [("1.250,00", "€ 1.250,00"), ("1250.5", "€ 1.250,50"), ("12,50", "€ 12,50"),
                                          ("1.250.000", "€ 1.250.000,00"), ("0,333", "€ 0,33"), ("2,005", "€ 2,01")])
def test_amounts_are_shown_with_two_decimals(page, base_url, typed, shown):
    page.goto(base_url + LK)
    set_method(page, 1, 1, 0, huren=False, posten=())
    fill_offer(page, 1, "A", aankoop=typed, gebruiken=1, levensduur=1)
    fill_offer(page, 2, "B", aankoop=1, gebruiken=1, levensduur=1)
    calculate(page)
    assert cell(page, 1, "aankoop") == shown
    amounts = re.findall(r"€ [\d.]+(?:,\d+)?", text(page, "#lk-uitkomst"))
    assert amounts and all(re.fullmatch(r"€ \d{1,3}(\.\d{3})*,\d\d", a) for a in amounts), amounts


def test_invalid_input_gets_a_clear_message_and_no_result(page, base_url):
    page.goto(base_url + LK)
    assert page.input_value("#lk-periode") == "" and page.input_value("#lk-voet") == ""  # no default figures
    calculate(page)  # everything empty
    assert page.is_visible("#lk-fouten")
    assert "Vul een getal in" in page.inner_text("#lk-periode-fout")
    assert "Vul een percentage in" in page.inner_text("#lk-voet-fout")
    assert "Vul een bedrag in" in page.inner_text("#lk-o1-aankoop-fout")
    assert page.locator("#lk-uitkomst table").count() == 0

    set_method(page, 3, 100, 30, huren=False, posten=("onderhoud", "reiniging", "terugname"))
    fill_offer(page, 1, "A", aankoop="-5", gebruiken=0, levensduur=2, onderhoud="99999999999", reiniging="abc", terugname=0)
    fill_offer(page, 2, "", aankoop=10, gebruiken="2,5", levensduur=1, onderhoud=0, reiniging=0, terugname=20)
    page.set_checked("#lk-wijze-kopen", False)
    calculate(page)
    assert "Kies kopen, huren of allebei" in page.inner_text("#lk-wijzen-fout")
    page.set_checked("#lk-wijze-kopen", True)
    calculate(page)
    assert "niet realistisch" in page.inner_text("#lk-voet-fout")
    assert "negatief" in page.inner_text("#lk-o1-aankoop-fout")
    assert "groter zijn dan 0" in page.inner_text("#lk-o1-gebruiken-fout")
    assert "niet realistisch" in page.inner_text("#lk-o1-onderhoud-fout")
    assert "geen getal" in page.inner_text("#lk-o1-reiniging-fout")
    assert "geheel getal" in page.inner_text("#lk-o2-gebruiken-fout")
    assert "naam" in page.inner_text("#lk-o2-naam-fout")
    assert "niet hoger zijn dan de aankoopprijs" in page.inner_text("#lk-o2-terugname-fout")
    assert page.get_attribute("#lk-o1-aankoop", "aria-invalid") == "true"
    assert page.locator("#lk-fouten li").count() == 8
    assert page.locator("#lk-uitkomst table").count() == 0
    article = page.inner_text("article")
    assert "NaN" not in article and "Infinity" not in article and "undefined" not in article
    assert not page.watch.console_errors


def form_state(page) -> list:
    return page.eval_on_selector_all("#lk-formulier input", "els => els.map(e => [e.id, e.type === 'text' ? e.value : e.checked, e.closest('[hidden]') === null])")


def test_inputs_survive_a_reload_and_clearing_forgets_them(worked):
    page = worked
    page.click("#lk-o2-kopen")  # a change of mode is kept too
    page.click("#lk-o2-huren")
    before = form_state(page)
    assert any(v == "10.000" for _, v, _ in before) and any(i == "lk-post-extern" and v is True for i, v, _ in before)
    page.reload()
    assert form_state(page) == before
    calculate(page)
    assert cell(page, 1, "totaal") == eur(hand(6)["A"]["totaal"])
    assert json.loads(page.evaluate("localStorage.getItem('circulair-zorg:levensduurkost')"))["methode"]["voet"] == "6"
    page.click("#lk-leeg")
    page.reload()
    assert page.input_value("#lk-periode") == "" and page.locator("fieldset.lk-optie").count() == 2
    assert page.evaluate("localStorage.getItem('circulair-zorg:levensduurkost')") is None


@pytest.mark.parametrize("stored", [
    "{not json",
    json.dumps({"methode": {}, "offertes": []}),
    json.dumps({"methode": {"periode": 5}, "offertes": [{}]}),
    json.dumps({"versie": 1, "methode": "x" * 10, "offertes": "y"}),
])
def test_a_stored_state_in_another_shape_is_ignored(page, base_url, stored):
    page.goto(base_url + LK)
    page.evaluate("s => localStorage.setItem('circulair-zorg:levensduurkost', s)", stored)
    page.reload()
    assert page.is_visible("#lk-formulier")
    assert page.input_value("#lk-periode") == "" and page.locator("fieldset.lk-optie").count() == 2
    assert not page.watch.console_errors


def test_a_stored_name_with_markup_is_shown_as_text(page, base_url):
    page.goto(base_url + LK)
    page.click("#lk-vul-voorbeeld")
    state = json.loads(page.evaluate("localStorage.getItem('circulair-zorg:levensduurkost')"))
    state["offertes"][0]["naam"] = "<img src=x onerror=\"window.__ran=1\">XSS"
    page.evaluate("s => localStorage.setItem('circulair-zorg:levensduurkost', s)", json.dumps(state))
    page.reload()
    calculate(page)
    assert "<img src=x" in page.inner_text("#lk-rangorde")
    assert page.locator("#lk-uitkomst img").count() == 0 and page.evaluate("window.__ran") is None


# --- keyboard, screen reader, phone, file:// ----------------------------------------------------


def test_keyboard_only(page, base_url):
    page.goto(base_url + LK)
    page.focus("#lk-opdracht")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "lk-periode"
    page.keyboard.type("4")
    page.keyboard.press("Enter")  # submits: the error list takes the focus, its links lead to the fields
    assert page.evaluate("document.activeElement.id") == "lk-fouten"
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "lk-gebruik-per-jaar"
    page.focus("#lk-post-installatie")
    page.keyboard.press("Space")
    assert page.is_checked("#lk-post-installatie") and page.is_visible("#lk-o1-installatie")
    page.click("#lk-vul-voorbeeld")
    page.focus("#lk-o1-naam")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "lk-resultaat"
    # Every field has a label, and its hint and error are tied to it.
    unlabeled = page.eval_on_selector_all("#lk-formulier input", "els => els.filter(e => !e.labels.length).map(e => e.id)")
    assert unlabeled == []


def axe(page) -> list[dict]:
    # Focus moves scroll the page under a resting mouse pointer: a button it lands on is measured
    # halfway through Material's hover transition. Park the pointer and let transitions end.
    page.mouse.move(0, 0)
    page.wait_for_timeout(400)
    return Axe().run(page, options=AXE_OPTIONS).response["violations"]


def test_results_pass_axe_and_fit_a_320_pixel_phone(browser, base_url):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    try:
        page = context.new_page()
        page.goto(base_url + LK)
        page.click("#lk-vul-voorbeeld")
        for n in range(3, 7):
            fill_offer(page, n, f"Leverancier met een bijzonder lange naam nummer {n} nv", aankoop="9.999.999", gebruiken="1.000",
                       levensduur="4,5", reiniging="1.234,56", afval="0", terugname="0")
        page.set_checked("#lk-post-extern", True)
        page.fill("#lk-extern-naam", "uitstoot van broeikasgassen")
        page.fill("#lk-extern-eenheid", "kg CO2-equivalent")
        page.fill("#lk-extern-prijs", "0,1")
        page.fill("#lk-extern-bron", "Vaste prijs per ton")
        for n in range(1, 7):
            page.fill(f"#lk-o{n}-extern", "12,5")
        calculate(page)
        assert page.locator("#lk-uitkomst table").count() == 8
        width = page.evaluate("document.documentElement.clientWidth")
        assert width == 320
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        too_wide = page.eval_on_selector_all("#lk-uitkomst table, #lk-formulier fieldset",
                                             "els => els.filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.id || e.className)")
        assert too_wide == []
        lines = axe_lines("levensduurkost at 320 px with results", axe(page))
        page.fill("#lk-o1-aankoop", "abc")
        calculate(page)
        lines += axe_lines("levensduurkost with errors", axe(page))
        assert not lines, "\n".join(lines)
    finally:
        context.close()


def test_the_tool_works_from_file_in_the_offline_bundle(browser, bundle):
    context = browser.new_context(accept_downloads=True)
    context.add_init_script(CSP_WATCH)
    try:
        page = context.new_page()
        watch = PageWatch(page)
        url = (bundle / LK).as_uri()
        page.goto(url)
        page.click("#lk-vul-voorbeeld")
        calculate(page)
        assert cell(page, 2, "totaal") == "€ 1.347,46"
        for kind, reader in (("ods", rekenblad.read_ods), ("xlsx", rekenblad.read_xlsx)):
            _, data = download(page, f"#lk-{kind}")
            assert list(reader(data)) == ["Methode", "Offerte kopen"]
        name, _ = download(page, "#lk-txt")
        assert name.endswith(".txt")
        page.reload()
        assert page.input_value("#lk-o2-naam") == "Fictief: herbruikbaar"
        outside = [u for u in watch.requests if not u.startswith(("file://", "data:", "blob:"))]
        assert not outside, outside
        assert not watch.console_errors
        assert page.evaluate("window.__csp") == []
    finally:
        context.close()


def test_formulas_are_readable_without_javascript(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        pg = context.new_page()
        pg.goto(base_url + LK)
        assert not pg.is_visible("#lk-formulier")
        article = pg.inner_text("article")
        for term in ("Exemplaren nodig", "Levenscycluskosten", "(1 + r)^t", "naar boven afgerond", "artikel 82"):
            assert term in article, term
    finally:
        context.close()
