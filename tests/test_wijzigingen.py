"""Change notes (data/wijzigingen.yml) and editions (data/edities.yml): validation with the usual
messages, the notes under every page, the page "Nieuw en gewijzigd" and the Downloads page.

The whole chain (a note added in one YAML file shows on its page, on "Nieuw en gewijzigd", in the
feed and in the next edition's PDF) runs in tests/test_release.py; the feed in tests/test_feed.py;
the pull request check in tests/test_wijzigingscheck.py.
"""
from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest
import yaml

from conftest import ENV, ROOT, page_text
from macros.catalog import load as load_catalog
from macros.errors import DataError
from macros.wijzigingen import load, page_titles

TODAY = dt.date(2026, 12, 2)
CATALOG = load_catalog(ROOT / "data")
NOTES = yaml.safe_load((ROOT / "data" / "wijzigingen.yml").read_text(encoding="utf-8"))
EDITIONS = yaml.safe_load((ROOT / "data" / "edities.yml").read_text(encoding="utf-8")) or []
META_RE = re.compile(r'<aside class="pagina-meta".*?</aside>', re.S)


# --- validation ---------------------------------------------------------------------------

GOOD = """- id: nieuwe-tool
  datum: 2026-11-30
  titel: Nieuwe hulpbron
  wat: Een tool toegevoegd.
  waarom: Lezers vroegen erom.
  items: [bron:tool]
"""


def problems(data_dir: Path, notes: str, editions: str | None = None, pages=None) -> list[str]:
    (data_dir / "wijzigingen.yml").write_text(notes, encoding="utf-8")
    if editions is not None:
        (data_dir / "edities.yml").write_text(editions, encoding="utf-8")
    catalog = load_catalog(data_dir)
    try:
        load(data_dir, catalog, {"index.md": "Start", "over.md": "Over"} if pages is None else pages, today=TODAY)
    except DataError as exc:
        return [str(p) for p in exc.problems]
    return []


def test_a_good_note_loads_and_resolves_its_entry(data_dir):
    assert problems(data_dir, GOOD) == []
    changelog = load(data_dir, load_catalog(data_dir), {"index.md": "Start"}, today=TODAY)
    [note] = changelog.notes
    assert [(t.page, t.anchor, t.title) for t in note.targets] == [("bronnen.md", "tool", "Een criteriatool (hulpbron)")]
    assert changelog.for_page("bronnen.md") == [note] and changelog.for_page("index.md") == []


def test_no_notes_file_means_no_notes(data_dir):
    changelog = load(data_dir, load_catalog(data_dir), {}, today=TODAY)
    assert changelog.notes == [] and changelog.editions == []


@pytest.mark.parametrize("text, expected", [
    (GOOD.replace("bron:tool", "bron:toool"),
     "data/wijzigingen.yml, regel 6, item 'nieuwe-tool' (nr. 1), veld 'items': onbekende bron 'toool'. "
     "Bedoelde je 'tool'? Geldige ids staan in data/bronnen.yml."),
    (GOOD.replace("bron:tool", "hulpbron:tool"),
     "data/wijzigingen.yml, regel 6, item 'nieuwe-tool' (nr. 1), veld 'items[1]': 'hulpbron:tool' is geen geldige "
     "verwijzing naar een item. Schrijf soort:id, bv. 'bron:mvoo-criteriatool', met als soort een van: stap, ambitie, "
     "strategie, valkuil, voorbeeld, bron, begrip, regel, thema, criterium."),
    (GOOD.replace("items: [bron:tool]", "paginas: [overr.md]"),
     "data/wijzigingen.yml, regel 6, item 'nieuwe-tool' (nr. 1), veld 'paginas': de pagina 'overr.md' bestaat niet "
     "in docs/. Bedoelde je 'over.md'? Schrijf het pad binnen docs/, bv. 'over.md'; voor een stap, valkuil of ander "
     "item gebruik je 'items' (bv. stap:behoefte)."),
    (GOOD.replace("items: [bron:tool]", "paginas: [docs/over.md]"),
     "data/wijzigingen.yml, regel 6, item 'nieuwe-tool' (nr. 1), veld 'paginas[1]': schrijf het pad zonder 'docs/' "
     "ervoor: 'over.md'."),
    (GOOD.replace("  waarom: Lezers vroegen erom.\n", ""),
     "data/wijzigingen.yml, regel 1, item 'nieuwe-tool' (nr. 1), veld 'waarom': dit verplichte veld ontbreekt. "
     "Voeg 'waarom:' toe met een waarde (het sjabloon bovenaan het bestand en CONTRIBUTING.md tonen alle velden)."),
    (GOOD.replace("Een tool toegevoegd.", "Een <b>tool</b> toegevoegd."),
     "data/wijzigingen.yml, regel 4, item 'nieuwe-tool' (nr. 1), veld 'wat': bevat '<' of '>'. Dit veld is gewone "
     "tekst zonder opmaak (het komt ook in titels, tooltips en de feed): schrijf 'kleiner dan' of 'groter dan' in "
     "woorden, of gebruik ≤ en ≥."),
    (GOOD.replace("2026-11-30", "2027-11-30"),
     "data/wijzigingen.yml, regel 2, item 'nieuwe-tool' (nr. 1), veld 'datum': de datum 2027-11-30 ligt in de "
     "toekomst. Gebruik de dag waarop de wijziging gepubliceerd wordt (vandaag is 2026-12-02)."),
    (GOOD.replace("2026-11-30", "30-11-2026"),
     "data/wijzigingen.yml, regel 2, item 'nieuwe-tool' (nr. 1), veld 'datum': verwacht een datum als JJJJ-MM-DD "
     "(bv. 2026-11-28), maar kreeg '30-11-2026'."),
    (GOOD.replace("  items: [bron:tool]\n", ""),
     "data/wijzigingen.yml, regel 1, item 'nieuwe-tool' (nr. 1), veld 'items': de nota zegt niet wat er veranderde. "
     "Vul 'items' of 'paginas' in, of zet 'hele_gids: true' als de wijziging elke pagina raakt."),
    (GOOD + "\n" + GOOD,
     "data/wijzigingen.yml, regel 8, item 'nieuwe-tool' (nr. 2), veld 'id': de id 'nieuwe-tool' is al gebruikt "
     "(regel 1). Elke wijziging heeft een eigen id: kies een andere."),
    (GOOD.replace("id: nieuwe-tool", "id: deze-editie"),
     "data/wijzigingen.yml, regel 1, item 'deze-editie' (nr. 1), veld 'id': de id 'deze-editie' is voorbehouden "
     "voor de pagina Nieuw en gewijzigd: kies een andere."),
    (GOOD.replace("  items:", "  itemz:"),
     "data/wijzigingen.yml, regel 6, item 'nieuwe-tool' (nr. 1), veld 'itemz': onbekend veld (tikfout?). Bedoelde je "
     "'items'? Toegelaten velden: id, datum, titel, wat, waarom, items, paginas, hele_gids."),
], ids=["onbekende-id", "onbekende-soort", "onbekende-pagina", "docs-ervoor", "waarom-ontbreekt", "html",
        "toekomst", "datumvorm", "niets-genoemd", "dubbele-id", "voorbehouden-id", "tikfout-veld"])
def test_a_bad_note_gets_one_clear_message(data_dir, text, expected):
    found = problems(data_dir, text)
    if "itemz" in text:  # a misspelt field: the real one is missing too, the note then names nothing
        assert expected in found, found
    else:
        assert found == [expected]


EDITION = """- versie: v2026.11
  datum: 2026-11-30
  wijzigingen:
    - nieuwe-tool
"""


def test_editions_are_checked_against_the_notes(data_dir):
    assert problems(data_dir, GOOD, EDITION) == []
    assert problems(data_dir, GOOD, EDITION.replace("nieuwe-tool", "nieuwe-tol")) == [
        "data/edities.yml, regel 4, item 'v2026.11' (nr. 1), veld 'wijzigingen': onbekende wijziging 'nieuwe-tol'. "
        "Bedoelde je 'nieuwe-tool'? Een nota die in een editie staat, blijft in data/wijzigingen.yml staan met "
        "dezelfde id: zet haar terug."]
    twice = EDITION + EDITION.replace("v2026.11", "v2026.12").replace("2026-11-30", "2026-12-01")
    assert problems(data_dir, GOOD, twice) == [
        "data/edities.yml, regel 8, item 'v2026.12' (nr. 2), veld 'wijzigingen': de wijziging 'nieuwe-tool' staat al "
        "in editie v2026.11. Een wijziging hoort bij één editie."]
    assert problems(data_dir, GOOD, EDITION.replace("v2026.11", "2026-11")) == [
        "data/edities.yml, regel 1, item nr. 1, veld 'versie': '2026-11' is geen geldige editie: verwacht vJJJJ.MM "
        "of vJJJJ.MM.N, bv. 'v2027.03'. Dit bestand schrijft `make release`; pas het niet met de hand aan."]


def test_this_edition_is_the_fixed_one_or_what_came_after_the_last(data_dir):
    notes = GOOD + "\n" + GOOD.replace("nieuwe-tool", "later").replace("2026-11-30", "2026-12-01")
    (data_dir / "wijzigingen.yml").write_text(notes, encoding="utf-8")
    (data_dir / "edities.yml").write_text(EDITION, encoding="utf-8")
    changelog = load(data_dir, load_catalog(data_dir), {}, today=TODAY)
    fixed = changelog.this_edition("v2026.11", "Editie v2026.11 van 30 november 2026")
    assert [n.id for n in fixed.notes] == ["nieuwe-tool"]
    assert fixed.intro == "Editie v2026.11 van 30 november 2026 is de eerste vaste editie. Ze bevat deze wijzigingen."
    after = changelog.this_edition("v2026.11-1-gabc1234", "Editie v2026.11-1-gabc1234 van 1 december 2026")
    assert [n.id for n in after.notes] == ["later"]
    assert after.intro == ("Je leest de editie v2026.11-1-gabc1234 van 1 december 2026. Sinds editie v2026.11 van "
                           "30 november 2026 veranderde dit.")


def test_the_data_check_reports_a_bad_note_without_building(tmp_path):
    """`python -m macros` (and so the pre-commit hook) checks the notes and the pages they name."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "over.md").write_text("# Over\n", encoding="utf-8")
    data = tmp_path / "data"
    data.mkdir()
    for path in (ROOT / "tests" / "fixtures" / "data").glob("*.yml"):
        (data / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (data / "wijzigingen.yml").write_text(GOOD.replace("items: [bron:tool]", "paginas: [over.md, ovr.md]"),
                                          encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "macros", str(data)], cwd=ROOT, capture_output=True, text=True, env=ENV)
    assert proc.returncode == 1
    assert "veld 'paginas': de pagina 'ovr.md' bestaat niet in docs/. Bedoelde je 'over.md'?" in proc.stderr
    assert "Traceback" not in proc.stderr
    (data / "wijzigingen.yml").write_text(GOOD.replace("items: [bron:tool]", "paginas: [over.md]"), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "macros", str(data)], cwd=ROOT, capture_output=True, text=True, env=ENV)
    assert proc.returncode == 0 and "1 wijziging, 0 editie" in proc.stdout, proc.stdout + proc.stderr


# --- the real notes ---------------------------------------------------------------------------


def first_commit_date() -> dt.date | None:
    proc = subprocess.run(["git", "log", "--reverse", "--format=%cs"], cwd=ROOT, capture_output=True, text=True)
    lines = proc.stdout.split()
    return dt.date.fromisoformat(lines[0]) if proc.returncode == 0 and lines else None


def test_the_real_notes_are_valid_and_dated_within_the_project(site):
    changelog = load(ROOT / "data", CATALOG, page_titles(ROOT / "docs", CATALOG))
    assert len(changelog.notes) == len(NOTES) >= 7
    start = first_commit_date() or dt.date(2026, 11, 28)
    for note in changelog.notes:
        assert start <= note.datum <= dt.date.today() + dt.timedelta(days=1), note.id
        assert note.targets or note.entry.hele_gids, note.id
    dates = [n.datum for n in changelog.notes]
    assert dates == sorted(dates, reverse=True)


def meta_of(path: Path) -> str:
    found = META_RE.findall(path.read_text(encoding="utf-8"))
    assert len(found) == 1, path
    return found[0]


def expected_notes(page_src: str) -> list[dict]:
    """The notes of a page, newest first, worked out from the YAML here without the hook's code.
    Of two notes on one day, the one further down the file is the newer."""
    out = []
    for index, note in enumerate(NOTES):
        pages = set(note.get("paginas", []))
        for ref in note.get("items", []):
            kind, ref_id = ref.split(":")
            if kind == "strategie":
                parent = next(a for a in CATALOG.all("ambitie") if ref_id in {s.id for s in a.entry.strategieen})
                pages.add(f"ambities/{parent.id}.md")
            else:
                pages.add(CATALOG.get(kind, ref_id).page)
        if note.get("hele_gids") or page_src in pages:
            out.append((note["datum"], index, note))
    return [n for _, _, n in sorted(out, key=lambda t: (t[0], t[1]), reverse=True)]


def built_pages(site: Path) -> dict[str, Path]:
    """docs-relative source -> built page, for the hand-written and the generated pages."""
    pages = {md.relative_to(ROOT / "docs").as_posix(): site / md.relative_to(ROOT / "docs").with_suffix(".html")
             for md in (ROOT / "docs").rglob("*.md")}
    pages.update({i.page: site / (i.page[:-3] + ".html") for i in CATALOG.pages()})
    return {src: path for src, path in pages.items() if path.exists()}


def test_every_page_shows_its_last_note_and_all_of_them_behind_a_disclosure(site):
    checked = with_details = 0
    for src, path in built_pages(site).items():
        notes = expected_notes(src)
        meta = meta_of(path)
        if not notes:
            assert "Laatste inhoudelijke wijziging" not in meta, src
            continue
        last = re.search(r"<strong>Laatste inhoudelijke wijziging</strong> op <time datetime=\"([^\"]+)\">[^<]+</time>:"
                         r"\s*<a href=\"([^\"]+)\">([^<]+)</a>", meta)
        assert last, src
        assert (last.group(1), unescape(last.group(3))) == (notes[0]["datum"].isoformat(), notes[0]["titel"]), src
        assert unescape(last.group(2)).endswith(f"nieuw-en-gewijzigd.html#{notes[0]['id']}"), src
        assert " ".join(notes[0]["waarom"].split()) in unescape(meta), src
        details = re.search(r"<details class=\"pagina-wijzigingen__alle\">\s*<summary>Alle wijzigingen aan deze pagina "
                            r"\((\d+)\)</summary>(.*?)</details>", meta, re.S)
        if len(notes) == 1:
            assert details is None, src
        else:
            assert details and int(details.group(1)) == len(notes), src
            shown = [unescape(t) for t in re.findall(r"<li><time[^>]*>[^<]*</time>: <a [^>]*>([^<]+)</a>", details.group(2))]
            assert shown == [n["titel"] for n in notes], src
            with_details += 1
        checked += 1
    assert checked > 30 and with_details >= 5, (checked, with_details)


def test_nieuw_en_gewijzigd_lists_every_note_newest_first_linked_to_its_pages(site):
    html = (site / "nieuw-en-gewijzigd.html").read_text(encoding="utf-8")
    everything = html[html.index('id="alle-wijzigingen"'):]
    ids = re.findall(r'<h3 id="([^"]+)"', everything)
    ordered = sorted(enumerate(NOTES), key=lambda t: (t[1]["datum"], t[0]), reverse=True)
    assert ids == [n["id"] for _, n in ordered]
    for _, note in ordered:
        block = everything[everything.index(f'<h3 id="{note["id"]}"'):]
        block = block[:block.index("<h3", 5)] if "<h3" in block[5:] else block
        if note.get("hele_gids"):
            assert "de hele gids" in block
        for page in note.get("paginas", []):
            assert f'href="{page[:-3]}.html"' in block, (note["id"], page)
        for ref in note.get("items", []):
            kind, ref_id = ref.split(":")
            target = CATALOG.get(kind, ref_id)
            href = target.page[:-3] + ".html" + (f"#{target.anchor}" if target.anchor else "")
            assert f'href="{href}"' in block, (note["id"], ref)
    this = html[html.index('id="deze-editie"'):html.index('id="volgen"')]
    unreleased = {n["id"] for n in NOTES} - {i for e in EDITIONS for i in e["wijzigingen"]}
    if not EDITIONS:
        assert "Er is nog geen vaste editie" in this
    assert set(re.findall(r'href="#([^"]+)"', this)) - {"deze-editie"} == unreleased  # less the heading's permalink
    assert 'href="feed.xml"' in html


def test_downloads_page_lists_the_editions(site):
    text = page_text(site / "downloads.html")
    assert "Alle edities" in text
    if not EDITIONS:
        assert "Er is nog geen vaste editie." in text
    for edition in EDITIONS:
        assert f"Editie {edition['versie']}" in text


def test_the_change_list_opens_by_keyboard_and_prints_open(browser, base_url):
    """The disclosure is a native <details>: no script, Enter on its summary opens it, and print shows it."""
    step = CATALOG.all("stap")[0].page  # any page with notes will do: the first step's
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(base_url + step[:-3] + ".html", wait_until="load")
        details = page.locator("aside.pagina-meta details.pagina-wijzigingen__alle")
        items = details.locator("li")
        assert details.get_attribute("open") is None and not items.first.is_visible()
        page.locator("aside.pagina-meta summary").focus()
        page.keyboard.press("Enter")
        assert details.get_attribute("open") == "" and items.first.is_visible()
        assert items.count() == len(expected_notes(step))
        page.keyboard.press("Enter")
        assert details.get_attribute("open") is None
        page.emulate_media(media="print")
        assert items.first.is_visible(), "de lijst moet open afdrukken"
    finally:
        page.close()


# --- the editor's path (CONTRIBUTING.md, "Een wijzigingsnota schrijven") ------------------------


def test_the_template_and_the_example_are_valid_notes(tmp_path):
    """Uncommented as CONTRIBUTING.md says, the template at the top of data/wijzigingen.yml is a valid
    note that shows every field; the filled-in example in CONTRIBUTING.md loads against the real data."""
    from macros.model import Wijziging
    from test_editor_workflow import copy_template

    block = copy_template(ROOT / "data" / "wijzigingen.yml")
    [raw] = yaml.safe_load(block)
    assert set(raw) == set(Wijziging.model_fields)
    Wijziging.model_validate(raw)

    example = re.search(r"### Een wijzigingsnota schrijven.*?```yaml\n(.*?)```",
                        (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8"), re.S).group(1)
    data = tmp_path / "data"
    data.mkdir()
    for path in (ROOT / "data").glob("*.yml"):
        (data / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (data / "wijzigingen.yml").write_text(example.replace("id: mvoo-uitgever", "id: voorbeeld-uit-de-uitleg"),
                                          encoding="utf-8")
    (data / "edities.yml").write_text("[]\n", encoding="utf-8")
    changelog = load(data, CATALOG, page_titles(ROOT / "docs", CATALOG))
    assert [t.page for t in changelog.notes[0].targets] == ["bronnen.md", "bronnen.md"]


def test_the_pull_request_template_asks_for_a_note_or_the_small_correction_mark():
    template = (ROOT / ".github" / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    assert "data/wijzigingen.yml" in template
    assert "- [ ] Kleine correctie (tikfout, opmaak): geen wijzigingsnota nodig." in template
