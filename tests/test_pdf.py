"""The PDF (`make pdf`): the print page rendered by headless Chromium, read back with pypdf.

`make test` makes the PDF first and passes its folder in DIST_DIR; run alone, these tests
render one from the built site into a temporary folder.
"""
from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, checked
from test_offline import footer_stamp

sys.path.insert(0, str(ROOT / "tools"))
import edition as edition_module  # noqa: E402
import pdf as pdf_tool  # noqa: E402

STEPS = sorted(yaml.safe_load((ROOT / "data" / "stappen.yml").read_text(encoding="utf-8")), key=lambda s: s["nummer"])


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="session")
def pdf_path(site, tmp_path_factory) -> Path:
    edition = edition_module.current(ROOT)
    given = os.environ.get("DIST_DIR")
    if given:
        path = Path(given).resolve() / edition.pdf_name
        assert path.is_file(), f"{path} ontbreekt: `make pdf` maakt hem (editie {edition.version})."
        return path
    out = tmp_path_factory.mktemp("dist")
    assert pdf_tool.main(["--site", str(site), "--out", str(out)]) == 0
    return out / edition.pdf_name


@pytest.fixture(scope="session")
def reader(pdf_path):
    from pypdf import PdfReader

    return PdfReader(pdf_path)


@pytest.fixture(scope="session")
def page_texts(reader) -> list[str]:
    return [flat(page.extract_text() or "") for page in reader.pages]


def destination_pages(reader) -> dict[str, int]:
    """Named destination (an element id of the print page) -> 0-based page index."""
    return {name.lstrip("/"): reader.get_destination_page_number(dest) for name, dest in reader.named_destinations.items()}


def test_more_than_one_page_per_step_and_each_step_starts_a_page(reader, page_texts):
    assert len(reader.pages) > len(STEPS)
    dests = destination_pages(reader)
    starts = [dests[f"stappen-{s['id']}"] for s in STEPS]
    assert starts == sorted(set(starts)), f"de stappen staan niet elk op een eigen pagina, in volgorde: {starts}"
    for step, start in zip(STEPS, starts):
        assert flat(step["titel"]) in page_texts[start], (step["id"], start)


def missing_step_texts(text: str) -> list[str]:
    """The step titles and key questions (from data/stappen.yml) that are not in the text."""
    return [f"{step['id']}: {flat(step[field])}" for step in STEPS for field in ("titel", "kernvraag")
            if flat(step[field]) not in text]


def test_the_pdf_has_text_to_check(reader, page_texts):
    """The text checks below read what pypdf extracts: an empty text layer would pass none of them,
    but a check that reads nothing must not look like one that found nothing."""
    words = sum(len(t.split()) for t in page_texts)
    checked(f"PDF: {len(reader.pages)} pagina's, {words} woorden tekst, {len(STEPS)} stappen om te zoeken")
    assert STEPS and len(reader.pages) > len(STEPS) and words > 10_000
    assert all(page_texts), [i for i, t in enumerate(page_texts) if not t]


def test_text_holds_every_step_title_and_key_question(page_texts):
    missing = missing_step_texts(" ".join(page_texts))
    assert not missing, f"niet in de PDF: {missing}"


def test_the_text_checks_find_a_planted_fault(page_texts):
    """The same checks on the PDF's own text with a fault planted: a step title taken out, a ligature put in."""
    text = " ".join(page_texts)
    first = flat(STEPS[0]["titel"])
    assert missing_step_texts(text.replace(first, "")) == [f"{STEPS[0]['id']}: {first}"]
    assert ligatures(text.replace("Specificeren", "Speci\ufb01ceren", 1)) == ["\ufb01"]


def test_cover_carries_the_edition_and_every_page_is_numbered(page_texts):
    label = edition_module.current(ROOT).label
    assert label in page_texts[0]
    total = len(page_texts)
    for number, text in enumerate(page_texts, start=1):
        assert f"pagina {number} van {total}" in text, number
        assert label in text, f"editie ontbreekt in de voettekst van pagina {number}"
    assert not any(re.search(r"\bPage \d", t) for t in page_texts), "Engelse paginanummers van print-site"


def test_table_of_contents_links_to_the_pages(reader, page_texts):
    label = edition_module.current(ROOT).label
    # Where the footer lands in the extracted text is up to Chromium: look at the page's own text.
    # The table of contents follows the cover and "Wijzigingen in deze editie", which grows with
    # every change note until an edition is fixed: look for it past the first pages too.
    bodies = [re.sub(r"pagina \d+ van \d+", "", t).replace(label, "").replace("Circulair aankopen in de zorg ·", "").strip()
              for t in page_texts[:20]]
    toc_index = next(i for i, t in enumerate(bodies) if t.startswith("Inhoud"))
    dests = destination_pages(reader)
    linked = set()
    for page in reader.pages[toc_index:toc_index + 3]:
        for annot in page.get("/Annots") or []:
            dest = annot.get_object().get("/Dest")
            if dest is not None:
                linked.add(str(dest).lstrip("/"))
    for step in STEPS:
        target = f"stappen-{step['id']}"
        assert target in linked, f"inhoudstafel linkt niet naar {step['titel']}"
        assert dests[target] > toc_index
    assert len(linked) >= 30


def test_links_in_the_text_stay_clickable(reader):
    uris, internal = 0, 0
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            obj = annot.get_object()
            action = obj.get("/A")
            if action is not None and str(action.get_object().get("/URI", "")).startswith("https://"):
                uris += 1
            elif obj.get("/Dest") is not None:
                internal += 1
    assert uris >= 20, "externe links"
    assert internal >= 100, "links tussen de onderdelen van de gids"


def test_bookmarks_follow_the_navigation(reader):
    titles = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(flat(item.title))

    walk(reader.outline)
    for step in STEPS:
        assert any(flat(step["titel"]) in t for t in titles), step["id"]


def test_one_stamp_online_in_the_bundle_and_in_the_pdf(site, bundle, page_texts):  # noqa: F811
    online = footer_stamp((site / "index.html").read_text(encoding="utf-8"))
    assert re.fullmatch(r"Editie \S+ van \d{1,2} [a-z]+ \d{4}", online), online
    assert footer_stamp((bundle / "index.html").read_text(encoding="utf-8")) == online
    assert online in page_texts[0], "voorblad van de PDF"
    assert online in page_texts[-1], "voettekst van de laatste PDF-pagina"


def test_changes_in_this_edition_follow_the_cover_with_links_into_the_pdf(reader, page_texts):
    """"Wijzigingen in deze editie" (overrides/partials/print-cover.html): on its own page after the
    cover, the notes of this edition (macros/wijzigingen.py), each linked to where it changed."""
    sys.path.insert(0, str(ROOT))
    from macros.catalog import load
    from macros.wijzigingen import load as load_changelog, page_titles

    catalog = load(ROOT / "data")
    edition = edition_module.current(ROOT)
    section = load_changelog(ROOT / "data", catalog, page_titles(ROOT / "docs", catalog)).this_edition(edition.version, edition.label)
    # Each page's text starts with its footer line ("pagina N van M ..."), drawn in the page margin.
    footer = re.compile(r"^pagina \d+ van \d+" + re.escape(f"{edition_module.site_setting('site_name')} \u00b7 {edition.label}") + r"\s*")
    bodies = [footer.sub("", t) for t in page_texts]
    index = next(i for i, t in enumerate(bodies[:4]) if t.startswith("Wijzigingen in deze editie"))
    assert index == 1, "direct na het voorblad"
    # The notes run until the table of contents: as many pages as the notes of this edition need.
    end = next(i for i, t in enumerate(bodies) if i > index and t.startswith("Inhoud"))
    text = " ".join(page_texts[index:end])
    assert flat(section.intro) in text
    for note in section.notes:
        assert f"{flat(note.entry.titel)} ({note.datum_nl})" in text, note.id
        assert flat(note.entry.waarom) in text, note.id
    targets = set(destination_pages(reader))
    linked = set()
    for page in reader.pages[index:end]:
        for annot in page.get("/Annots") or []:
            dest = annot.get_object().get("/Dest")
            if dest is not None:
                linked.add(str(dest).lstrip("/"))
    in_pdf = {t.page[:-3].replace("/", "-") + (f"-{t.anchor}" if t.anchor else "")
              for n in section.notes for t in n.targets} & targets
    assert in_pdf and in_pdf <= linked, in_pdf - linked


LIGATURES = "".join(chr(c) for c in range(0xFB00, 0xFB07))  # ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ


def ligatures(text: str) -> list[str]:
    return sorted({c for c in text if c in LIGATURES})


def test_text_layer_holds_plain_words_not_ligatures(page_texts):
    """Searching, copying or reading aloud the PDF meets the words, not a ligature glyph for 'fi' or 'ff'."""
    text = " ".join(page_texts)
    found = ligatures(text)
    assert not found, f"ligaturen in de tekstlaag: {found}"
    for word in ("Specificeren", "specificaties", "effect"):
        assert word in text, word


def test_every_glyph_is_in_the_vendored_print_font(reader):
    """The same PDF on every machine: only the fonts in docs/assets/fonts/, embedded, none as Type 3."""
    vendored = {"NotoSans-Light", "NotoSans-Regular", "NotoSans-Bold", "NotoSans-Italic", "NotoSans-BoldItalic",
                "NotoSansMono-Regular"}
    seen = set()
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            assert font.get("/Subtype") != "/Type3", "een lettertype als Type 3 ingebed (variabel lettertype?)"
            seen.add(str(font.get("/BaseFont")).lstrip("/").split("+")[-1])
    assert seen and seen <= vendored, f"lettertypen buiten docs/assets/fonts/: {sorted(seen - vendored)}"
    assert {"NotoSans-Regular", "NotoSans-Bold"} <= seen


def test_dist_holds_only_the_current_edition(pdf_path):
    """`make pdf` and `make offline` leave no file of an older edition beside the current one in dist/."""
    edition = edition_module.current(ROOT)
    files = sorted(p.name for p in pdf_path.parent.glob(f"{edition_module.NAME}-*"))
    assert edition.pdf_name in files
    assert set(files) <= {edition.pdf_name, edition.zip_name}, files


def test_figures_are_in_the_pdf_in_the_theme_colours(reader, page_texts):
    """The process figure, the ambition map and the step bars print (tools/pdf.py prints without
    backgrounds): every page that carries one draws the theme's green (#1b5e20) as a fill, and a page
    without a figure does not, so the check can fail."""
    green = re.compile(rb"\.1059 \.3686 \.1255 rg")  # 27/255, 94/255, 32/255: --md-primary-fg-color
    filled = {i for i, page in enumerate(reader.pages) if green.search(page.get_contents().get_data())}
    marks = {
        "proces": f"Het circulaire aankoopproces in {len(STEPS)} stappen",
        "ambitiekaart": "Potentiële output",
        "stappenbalk": f"Stap 3 van {len(STEPS)}",
    }
    for name, mark in marks.items():
        pages = [i for i, text in enumerate(page_texts) if mark in text]
        assert pages, f"{name}: '{mark}' staat niet in de PDF"
        assert set(pages) <= filled, f"{name}: pagina's {sorted(set(pages) - filled)} zonder groene vulling"
    # The cover and the first page of every pitfall carry no figure.
    dests = destination_pages(reader)
    pitfalls = yaml.safe_load((ROOT / "data" / "valkuilen.yml").read_text(encoding="utf-8"))
    without = {0} | {dests[f"valkuilen-{p['id']}"] for p in pitfalls}
    assert len(without) > 2 and not without & filled, f"groene vulling op pagina's zonder figuur: {sorted(without & filled)}"

