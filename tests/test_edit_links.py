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
    """One edit link per page, under it ("Bewerk de tekst van deze pagina", overrides/partials/page-meta.html):
    docs/<page>.md for hand-written pages, the YAML file for generated ones. No pencil at the top of the page."""
    expected = {md.relative_to(ROOT / "docs").with_suffix(".html").as_posix(): f"docs/{md.relative_to(ROOT / 'docs').as_posix()}"
                for md in (ROOT / "docs").rglob("*.md")}
    expected.update({item.page[:-3] + ".html": item.file for item in CATALOG.pages()})
    for page, source in expected.items():
        html = (site / page).read_text(encoding="utf-8")
        links = re.findall(r'<a href="([^"]+)" rel="edit" title="([^"]*)">Bewerk de tekst van deze pagina</a>', html)
        assert len(links) == 1, (page, links)
        assert unescape(links[0][0]) == EDIT_BASE + source, (page, links[0][0])
        assert unescape(links[0][1]).startswith(source), (page, links[0][1])  # the file, for editors
        assert "md-content__button" not in html, f"{page}: Material's edit pencil is back at the top of the page"


EDIT_LINK_RE = re.compile(r'<a class="bewerk-item" href="([^"]+)" aria-label="([^"]+)" title="([^"]+)">(.*?)</a>', re.S)


def test_entry_edit_links_give_file_and_line_in_the_title_not_in_the_text(site):
    """On the list pages each entry has its own edit link: a pencil with an accessible name (aria-label).
    The file and the line of `- id: <id>` are in the link's title, never in its visible text."""
    checked = 0
    for kind in ("voorbeeld", "bron", "begrip", "regel"):
        for item in CATALOG.all(kind):
            html = (site / item.page.replace(".md", ".html")).read_text(encoding="utf-8")
            start = html.index(f'id="{item.id}"')
            link = EDIT_LINK_RE.search(html, start)
            assert link and unescape(link.group(1)) == EDIT_BASE + item.file, item.key
            name, title = unescape(link.group(2)), unescape(link.group(3))
            where = re.fullmatch(r"(Bewerk (?:dit|deze) \w+): (.+) \(([^,]+), regel (\d+)\)", title)
            assert where and where.group(3) == item.file, (item.key, title)
            line = (ROOT / item.file).read_text(encoding="utf-8").splitlines()[int(where.group(4)) - 1]
            assert line == f"- id: {item.id}", (item.key, line)
            inner = link.group(4)
            # Only a decorative icon is visible; the name is for screen readers, without file names.
            assert re.fullmatch(r'<span class="bewerk-item__icoon" aria-hidden="true"></span>', inner.strip()), item.key
            assert name == f"{where.group(1)}: {where.group(2)}" and ".yml" not in name, (item.key, name)
            checked += 1
    assert checked > 50


def test_readers_see_no_file_names(site):
    """No page shows a data file name as text: not in the entries' edit links, not under the page."""
    from conftest import page_text

    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 30
    for page in pages:
        if page.name == "afdrukken.html":  # the print page repeats every page
            continue
        text = page_text(page)
        meta = re.findall(r'<aside class="pagina-meta".*?</aside>', page.read_text(encoding="utf-8"), re.S)
        text += " ".join(re.sub(r"<[^>]+>", " ", m) for m in meta)
        assert not re.search(r"data/\w+\.yml", text), page.relative_to(site)
