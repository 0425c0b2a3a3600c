"""Every edit link on the site opens the file in this repository that holds the text."""
from __future__ import annotations

import re
from html import unescape

from conftest import ROOT
from macros.catalog import load

EDIT_BASE = "https://github.com/circulaire-zorg/aankoopgids/edit/main/"
CATALOG = load(ROOT / "data")
LINK_RE = re.compile(r'<a [^>]*href="([^"]+)"[^>]*>')


def edit_links(html: str) -> list[str]:
    return [unescape(m.group(1)) for m in LINK_RE.finditer(html)
            if 'rel="edit"' in m.group(0) or "bewerk-item" in m.group(0) or "/edit/main/" in m.group(1)]


def test_every_edit_link_points_at_an_existing_file(site):
    checked = 0
    for page in sorted(site.rglob("*.html")):
        for url in edit_links(page.read_text(encoding="utf-8")):
            assert url.startswith(EDIT_BASE), (page, url)
            path = url[len(EDIT_BASE):].split("#")[0]
            assert (ROOT / path).is_file(), f"{page.relative_to(site)}: {url} opent een bestand dat niet bestaat"
            checked += 1
    assert checked > 100


def test_each_page_edits_its_own_source(site):
    """The theme's edit button: docs/<page>.md for hand-written pages, the YAML file for generated ones."""
    expected = {md.relative_to(ROOT / "docs").with_suffix(".html").as_posix(): f"docs/{md.relative_to(ROOT / 'docs').as_posix()}"
                for md in (ROOT / "docs").rglob("*.md")}
    expected.update({item.page[:-3] + ".html": item.file for item in CATALOG.pages()})
    for page, source in expected.items():
        html = (site / page).read_text(encoding="utf-8")
        button = re.search(r'<a href="([^"]+)" title="[^"]*" class="md-content__button md-icon" rel="edit">', html)
        assert button, page
        assert button.group(1) == EDIT_BASE + source, (page, button.group(1))


def test_entry_edit_links_name_the_line_where_the_entry_starts(site):
    """On the list pages each entry has its own link; its text names the file and line of `- id: <id>`."""
    checked = 0
    for kind in ("voorbeeld", "bron", "begrip"):
        for item in CATALOG.all(kind):
            html = (site / item.page.replace(".md", ".html")).read_text(encoding="utf-8")
            start = html.index(f'id="{item.id}"')
            link = re.compile(r'<a class="bewerk-item" href="([^"]+)">[^<]*\(([^,]+), regel (\d+)\)</a>').search(html, start)
            assert link and link.group(1) == EDIT_BASE + item.file and link.group(2) == item.file, item.key
            line = (ROOT / item.file).read_text(encoding="utf-8").splitlines()[int(link.group(3)) - 1]
            assert line == f"- id: {item.id}", (item.key, line)
            checked += 1
    assert checked > 50
