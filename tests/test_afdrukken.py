"""The print page's assembly (macros/afdrukken.py, overrides/hooks/printpage.py): ids and links
rewritten in one pass per page, problems reported, and a cost that grows linearly with the guide.

The built page itself (reading order, PDF, browser) is tested in tests/test_print.py and tests/test_pdf.py.
"""
from __future__ import annotations

import re
import shutil
import time

import pytest

from conftest import ROOT, mkdocs_build
from macros import afdrukken
from macros.afdrukken import Page, Part, Site, assemble, check

SITE = Site(printed={"index.html": "index", "sub/p.html": "sub-p", "q.html": "q"},
            online={"weg.html": "https://example.org/gids/weg.html"})


def one(html: str, url: str = "sub/p.html", site: Site = SITE) -> str:
    """The section a page becomes on the print page (its size class left out: see test_placeholder_heights)."""
    key = site.printed[url]
    out = assemble([Page(key, url, "Titel", html)], site).html
    out = re.sub(r'<section class="afdruk-pagina afdruk-pagina--h\d+" ', '<section class="afdruk-pagina" ', out)
    start = out.index(f'<section class="afdruk-pagina" id="{key}">')
    return out[start:out.index("</section>", start)]


def test_a_page_becomes_a_section_named_after_its_path():
    assert afdrukken.page_key("stappen/behoefte.md") == "stappen-behoefte"
    assert afdrukken.page_key("index.md") == "index"
    section = one('<h1 id="titel">Titel</h1><p>Tekst</p>')
    assert section.startswith('<section class="afdruk-pagina" id="sub-p">')
    assert '<h1 id="sub-p-titel">Titel</h1>' in section


def test_ids_and_the_attributes_that_point_at_them_get_the_page_prefix():
    section = one('<h1>T</h1><label for="veld">Veld</label><input id="veld" aria-describedby="uitleg hulp">'
                  '<p id="uitleg">u</p><p id="hulp">h</p><td headers="kop">1</td><th id="kop">k</th>')
    assert '<label for="sub-p-veld">' in section
    assert '<input id="sub-p-veld" aria-describedby="sub-p-uitleg sub-p-hulp">' in section
    for name in ("uitleg", "hulp", "kop"):
        assert f'id="sub-p-{name}"' in section
    assert '<td headers="sub-p-kop">' in section


@pytest.mark.parametrize("href,expected", [
    ("#waarom", "#sub-p-waarom"),  # a heading of the page itself
    ("../q.html", "#q"),  # another printed page
    ("../q.html#stap-2", "#q-stap-2"),  # a heading on it
    ("p.html#waarom", "#sub-p-waarom"),  # the page itself, by name
    ("../index.html", "#index"),
    ("../weg.html#x", "https://example.org/gids/weg.html#x"),  # a page left out: online
    ("../weg.html", "https://example.org/gids/weg.html"),
    ("../open-data/bronnen.json", "open-data/bronnen.json"),  # a file of the site, from the root
    ("../afdrukken.html", "#omslag"),  # the print page itself
    ("https://example.com/a.html#b", "https://example.com/a.html#b"),
    ("mailto:info@example.org", "mailto:info@example.org"),
    ("#", "#"),
])
def test_every_kind_of_link_in_one_pass(href, expected):
    section = one(f'<h1>T</h1><h2 id="waarom">W</h2><a href="{href}">x</a>',
                  site=Site({**SITE.printed}, SITE.online))
    assert f'<a href="{expected}">x</a>' in section, section


def test_images_are_addressed_from_the_site_root():
    assert '<img src="assets/images/a.png" alt="a">' in one('<h1>T</h1><img src="../assets/images/a.png" alt="a">')


def test_text_that_looks_like_markup_is_left_alone():
    """Only real tags are rewritten: escaped code in the text, and a '>' inside an attribute, are not tags."""
    html = ('<h1>T</h1><p title="a &gt; b > c" id="p1">x</p>'
            '<pre><code>&lt;a href="#nergens" id="b"&gt;</code></pre><p>id="c" href="#d"</p>')
    section = one(html)
    assert '<p title="a &gt; b > c" id="sub-p-p1">' in section
    assert '&lt;a href="#nergens" id="b"&gt;' in section and '<p>id="c" href="#d"</p>' in section


def test_glossary_tooltips_keep_their_word_and_lose_the_tooltip():
    section = one('<h1>T</h1><p>Een <abbr title="Polyvinylchloride, een kunststof.">PVC</abbr>-buis.</p>')
    assert "<p>Een PVC-buis.</p>" in section and "abbr" not in section and "kunststof" not in section


def test_tables_that_may_scroll_get_a_tab_stop():
    section = one('<h1>T</h1><table>\n<thead><tr><th>a</th></tr></thead></table><table class="x"></table>'
                  '<table tabindex="-1"></table>')
    assert '<table tabindex="0">\n<thead>' in section
    assert '<table class="x">' in section and '<table tabindex="-1">' in section


def test_placeholder_heights_grow_with_the_section_and_estimate_from_above():
    """A skipped section's placeholder (afdrukken.css) is at least one pixel per character of HTML,
    at most twice that; the measured ratio on a 320-pixel phone is under 0.85."""
    assert afdrukken.size_class(100) == "h0" and afdrukken.size_class(256) == "h0"
    assert afdrukken.size_class(257) == "h1" and afdrukken.size_class(30_000) == "h7"  # 32768 px
    assert afdrukken.size_class(10 ** 9) == f"h{afdrukken.SIZE_CLASSES - 1}"
    css = (ROOT / "docs" / "assets" / "stylesheets" / "afdrukken.css").read_text(encoding="utf-8")
    for k in range(afdrukken.SIZE_CLASSES):
        assert f".afdruk-pagina--h{k} {{ contain-intrinsic-size: auto {256 << k}px; }}" in css, k
    html = assemble([Page("q", "q.html", "Q", "<h1>Q</h1>" + "<p>tekst</p>" * 500)], SITE).html
    assert 'class="afdruk-pagina afdruk-pagina--h5" id="q"' in html  # 6,000 characters: 8192 px


def test_a_page_without_a_level_one_heading_gets_its_title():
    assert one("<h2>Alleen een tussenkop</h2>").startswith('<section class="afdruk-pagina" id="sub-p">\n<h1>Titel</h1>')


def test_parts_and_the_table_of_contents_follow_the_navigation():
    site = Site({"a.html": "a", "b/c.html": "b-c"}, {"weg.html": "https://example.org/weg.html"})
    result = assemble([Page("a", "a.html", "A & co", "<h1>A</h1>"),
                       Part("Deel", [Page("b-c", "b/c.html", "C", "<h1>C</h1>")]),
                       Part("Leeg", [])], site, toc_title="Inhoud")
    html = result.html
    assert html.index('id="omslag"') < html.index('id="inhoud"') < html.index('id="a"') < html.index('id="deel-1"') \
        < html.index('id="b-c"')
    assert "Leeg" not in html and 'id="deel-2"' not in html  # a part with nothing printed is left out
    # Each entry: its title and an empty box for its page number (tools/pdf.py fills it in the PDF).
    assert ('<li><a href="#a"><span class="afdruk-inhoud__titel">A &amp; co</span>'
            '<span class="afdruk-inhoud__nr" data-pagina-van="a"></span></a></li>') in html
    assert ('<li><a href="#deel-1"><span class="afdruk-inhoud__titel">Deel</span><span class="afdruk-inhoud__nr" '
            'data-pagina-van="deel-1"></span></a><ol class="afdruk-inhoud__lijst">\n<li><a href="#b-c">') in html
    assert result.toc == [("A & co", "a", []), ("Deel", "deel-1", [("C", "b-c", [])])]
    assert not result.missing and not result.duplicates


def test_the_cover_links_from_the_site_root_and_keeps_its_ids():
    result = assemble([Page("q", "q.html", "Q", '<h1 id="t">Q</h1>')], SITE,
                      cover='<div id="wijzigingen"><a href="q.html#t">Q</a> <a href="weg.html">weg</a></div>')
    assert '<div id="wijzigingen"><a href="#q-t">Q</a> <a href="https://example.org/gids/weg.html">weg</a></div>' \
        in result.html
    assert not result.missing


def test_links_without_a_target_and_double_ids_are_reported():
    result = assemble([Page("q", "q.html", "Q", '<h1 id="t">Q</h1><a href="sub/p.html#nergens">x</a>'),
                       Page("sub-p", "sub/p.html", "P", '<h1 id="t">P</h1><a href="#ook-niet">y</a>'),
                       Page("sub-p", "sub/p.html", "P", '<h1 id="t">P</h1>')], SITE)
    assert result.missing == {"sub-p-nergens": "q.html", "sub-p-ook-niet": "sub/p.html"}
    assert "sub-p" in result.duplicates and "sub-p-t" in result.duplicates


def test_check_finds_what_the_finished_page_lacks():
    clean = '<a href="#a">a</a><h2 id="a">A</h2><a href="#">top</a><a href="x.html#y">elders</a>'
    assert check(clean) == ([], [])
    planted = clean + '<p id="a">b</p><a href="#weg">?</a><pre>&lt;a href="#tekst"&gt;</pre><script>"href=\\"#js\\""</script>'
    assert check(planted) == (["weg"], ["a"])


# --- cost ---------------------------------------------------------------------------------------

def guide(pages: int, entries: int) -> tuple[list, Site]:
    """A synthetic guide: `pages` pages of `entries` entries each, every entry with a heading,
    a back-link to its own page, links to two other pages (one to a heading), a tooltip and an
    external link: the shape of the resources page, which is the one that grows."""
    printed = {f"d/p{i}.html": f"d-p{i}" for i in range(pages)}
    site = Site(printed, {"weg.html": "https://example.org/weg.html"})
    items = []
    for i in range(pages):
        body = [f'<h1 id="p{i}">Pagina {i}</h1>']
        for k in range(entries):
            body.append(f'<h2 id="e{k}">Item {k}<a class="headerlink" href="#e{k}">¶</a></h2>'
                        f'<p>Zie <a href="p{(i + 1) % pages}.html#e{k}">verder</a>, <a href="../weg.html">weg</a>, '
                        f'<a href="p{(i + 7) % pages}.html">elders</a> en <abbr title="uitleg">PVC</abbr> op '
                        f'<a href="https://example.org/{k}">de site</a>.</p>')
        items.append(Page(f"d-p{i}", f"d/p{i}.html", f"Pagina {i}", "".join(body)))
    return items, site


def cpu_seconds(pages: int, entries: int) -> float:
    items, site = guide(pages, entries)
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        result = assemble(items, site)
        best = min(best, time.process_time() - start)
    assert not result.missing and not result.duplicates
    return best


@pytest.mark.parametrize("shape", ["many pages", "one long page"])
def test_assembly_time_grows_linearly(shape):
    """4x the guide costs about 4x the time, not 16x (mkdocs-print-site-plugin rescanned the whole
    page per link: 12 min 41 s for 16,000 resources). Measured in one run, as CPU time of this process."""
    small = (60, 25) if shape == "many pages" else (1, 1500)
    large = (240, 25) if shape == "many pages" else (1, 6000)
    ratio = cpu_seconds(*large) / cpu_seconds(*small)
    assert ratio < 6, f"{shape}: 4x zo groot kost {ratio:.1f}x zo lang"


# --- the hook, in a build ---------------------------------------------------------------------

@pytest.fixture
def project(fixture_project):
    """The fixture site with the print page: its hook, template, cover and stylesheet, a page left out."""
    p = fixture_project
    (p / "overrides" / "partials").mkdir(parents=True, exist_ok=True)
    for name in ("main.html", "afdrukken.html", "partials/print-cover.html", "partials/beeldmerk.svg"):
        shutil.copy(ROOT / "overrides" / name, p / "overrides" / name)
    (p / "tools").mkdir()
    shutil.copy(ROOT / "tools" / "edition.py", p / "tools" / "edition.py")
    (p / "docs" / "assets" / "stylesheets").mkdir(parents=True)
    shutil.copy(ROOT / "docs" / "assets" / "stylesheets" / "afdrukken.css", p / "docs" / "assets" / "stylesheets")
    (p / "docs" / "weg.md").write_text("# Weg\n\nNiet op papier.\n", encoding="utf-8")
    config = p / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("  name: material\n", "  name: material\n  custom_dir: overrides\n", 1)
    text = text.replace("  - overrides/hooks/datapages.py\n", "  - overrides/hooks/datapages.py\n"
                        "  - overrides/hooks/edition.py\n  - overrides/hooks/printpage.py\n", 1)
    text = text.replace("\nnav:\n", "\nextra:\n  afdrukken:\n    uitsluiten: [weg.md]\nnav:\n", 1)
    config.write_text(text + "  - Weg: weg.md\n", encoding="utf-8")
    return p


def test_the_build_writes_the_print_page(project, tmp_path):
    index = project / "docs" / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\n[weg](weg.md) en [bronnen](bronnen.md)\n", encoding="utf-8")
    proc = mkdocs_build(project, tmp_path / "site")
    assert proc.returncode == 0, proc.stderr
    html = (tmp_path / "site" / "afdrukken.html").read_text(encoding="utf-8")
    assert re.search(r'<section class="afdruk-pagina afdruk-pagina--h\d+" id="index">', html) and 'id="weg"' not in html
    assert '<a href="https://example.org/test/weg.html">weg</a>' in html and '<a href="#bronnen">bronnen</a>' in html
    assert check(html) == ([], [])


def test_a_link_without_a_target_stops_the_build_with_a_message_for_developers(project, tmp_path):
    # Raw HTML: the strict build checks Markdown links, not these; the print page's check is the net.
    index = project / "docs" / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + '\n<a href="#nergens">kapot</a>\n', encoding="utf-8")
    proc = mkdocs_build(project, tmp_path / "site")
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    assert "De afdrukpagina (afdrukken.html) kan niet gemaakt worden." in proc.stderr
    assert "#index-nergens (in index.html)" in proc.stderr


def test_a_wrong_exclusion_in_mkdocs_yml_is_named(project, tmp_path):
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("uitsluiten: [weg.md]", "uitsluiten: [wegg.md]"),
                      encoding="utf-8")
    proc = mkdocs_build(project, tmp_path / "site")
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    assert "extra.afdrukken.uitsluiten: wegg.md is geen pagina in docs/" in proc.stderr
