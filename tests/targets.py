"""What a content test needs, found wherever the site puts it (tests/search_queries.yml, tests/guide_facts.yml).

Content tests name what they need, not where it lives: an entry of data/ as `kind:id`, a
hand-written page by its title, a fact by its words. An editor who renames or removes a page with
`make verplaats` or `make verwijder` (tools/pagina.py) moves where things live; these helpers follow:

- `item_pages("valkuil:dehp")`: the page that shows the entry now; an id renamed with its page is
  followed through the redirect at the old address (tools/urls.py);
- `title_pages("Aan de slag")`: the page with that title, or, when the page was removed after its
  text moved to another page under that heading (CONTRIBUTING.md, section 7), that page;
- `site_text`: the text of every real page, to find a fact anywhere.
"""
from __future__ import annotations

import functools
import html
import re
import sys
from pathlib import Path

from conftest import ROOT, page_text

sys.path.insert(0, str(ROOT / "tools"))
import urls  # noqa: E402  (tools/urls.py)

# The print page repeats every page: it would hold every title and every fact.
PRINT_PAGE = "afdrukken.html"
HEADING_RE = re.compile(r"<h([1-3])\b[^>]*>(.*?)</h\1>", re.S)


class TargetError(AssertionError):
    """A test names something the site does not have (any more): the message says what to fix."""


@functools.lru_cache(maxsize=1)
def catalog():
    from macros.catalog import load

    return load(ROOT / "data")


def pages(site: Path) -> list[str]:
    """The real pages a reader reads (no redirects, no 404 page, not the print page)."""
    return [p for p in urls.content_pages(site) if p != PRINT_PAGE]


def item_pages(site: Path, ref: str) -> set[str]:
    """{the site path of the page that shows entry `kind:id`}."""
    from macros.model import KINDS

    kind, _, id_ = ref.partition(":")
    if kind not in KINDS:
        raise TargetError(f"'{ref}': onbekende soort '{kind}' (geldig: {', '.join(KINDS)})")
    item = catalog().items.get((kind, id_))
    if item is not None:
        page = item.page
    elif "{id}" in KINDS[kind].page and "{ambitie}" not in KINDS[kind].page:
        page = KINDS[kind].page.format(id=id_)  # its old address: a renamed page left a redirect there
    else:
        raise TargetError(f"'{ref}' bestaat niet (meer) in data/: pas de test aan")
    path = page[:-3] + ".html"
    if not (site / path).is_file():
        raise TargetError(f"'{ref}': de site heeft geen pagina {path} (meer), ook geen doorverwijzing")
    return {urls.follow(site, path)}


def headings(raw: str) -> list[tuple[int, str]]:
    """(level, text) of the h1-h3 of a page's HTML, without the permalink sign."""
    out = []
    for level, inner in HEADING_RE.findall(raw):
        text = html.unescape(re.sub(r"<[^>]+>", "", inner)).replace("\u00b6", "")
        out.append((int(level), " ".join(text.split())))
    return out


@functools.lru_cache(maxsize=4)
def _headings_of(site: Path) -> dict[str, list[tuple[int, str]]]:
    return {p: headings((site / p).read_text(encoding="utf-8")) for p in pages(site)}


def title_pages(site: Path, title: str) -> set[str]:
    """Pages titled `title` (their h1); if there is none, pages with a section of that title (h2, h3)."""
    found = _headings_of(site)
    titled = {p for p, hs in found.items() if (1, title) in hs}
    if titled:
        return titled
    sections = {p for p, hs in found.items() if any(level > 1 and text == title for level, text in hs)}
    if not sections:
        raise TargetError(f"geen pagina of onderdeel met de titel '{title}' op de site: pas de test aan")
    return sections


def expected_pages(site: Path, query: dict) -> set[str]:
    """The pages that answer a query of tests/search_queries.yml (exactly one of `item` and `titel`)."""
    named = [k for k in ("item", "titel") if query.get(k)]
    if len(named) != 1:
        raise TargetError(f"zoekvraag {query.get('zoek')!r}: geef precies één van 'item' (soort:id) en 'titel'")
    return item_pages(site, query["item"]) if named == ["item"] else title_pages(site, str(query["titel"]))


@functools.lru_cache(maxsize=4)
def site_text(site: Path) -> dict[str, str]:
    """Page -> its visible article text, casefolded, for every real page."""
    return {p: page_text(site / p).casefold() for p in pages(site)}


def pages_with(site: Path, fact: str) -> list[str]:
    """The pages whose text holds `fact` (case-insensitive)."""
    wanted = fact.casefold()
    return [p for p, text in site_text(site).items() if wanted in text]


# --- for the tests of the machinery: a page or entry picked from the navigation and the data ---------


def _config_loader():
    """A YAML loader for mkdocs.yml that reads MkDocs' own tags (!ENV ...) as nothing."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    return Loader


def nav_pages(root: Path = ROOT) -> list[tuple[str, bool, str]]:
    """(page, first of its section, the section's first page) for each page in `nav:` of mkdocs.yml."""
    import yaml

    config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_config_loader())
    out: list[tuple[str, bool, str]] = []

    def walk(entries: list) -> None:
        first_page = None
        for position, entry in enumerate(entries):
            value = next(iter(entry.values())) if isinstance(entry, dict) else entry
            if isinstance(value, list):
                walk(value)
            elif isinstance(value, str) and value.endswith(".md"):
                first_page = first_page or value
                out.append((value, position == 0, first_page))

    walk(config["nav"])
    return out


def movable_pages(root: Path = ROOT) -> list[str]:
    """Hand-written pages that `make verplaats` and `make verwijder` accept: in docs/ and in the menu, not
    one the code names (tools/pagina.py FIXED) and not the first page of a menu section."""
    from pagina import FIXED  # tools/pagina.py (on sys.path above): the pages the code names

    return [page for page, first, _ in nav_pages(root)
            if not first and page not in FIXED and (root / "docs" / page).is_file()]


def replacement_for(root: Path, page: str) -> str:
    """Where an editor sends the readers of a removed page: the first page of its menu section."""
    return next(first for p, _, first in nav_pages(root) if p == page)


def page_carrying(marker: str, root: Path = ROOT) -> str:
    """The site path of the hand-written page whose source holds `marker` (a tool's script in its
    front matter, a macro call): the page that carries a feature, wherever it was moved."""
    found = sorted(p.relative_to(root / "docs").as_posix() for p in (root / "docs").rglob("*.md")
                   if marker in p.read_text(encoding="utf-8"))
    if len(found) != 1:
        raise TargetError(f"'{marker}' staat op {len(found)} pagina's in docs/ ({', '.join(found)}); verwacht: één")
    return found[0][:-3] + ".html"
