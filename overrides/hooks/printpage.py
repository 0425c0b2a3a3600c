"""MkDocs hook: the print page afdrukken.html, the whole guide on one page (the source of `make pdf`).

A page of the site like any other (so it gets the site's template context, its relative base
URL, the CSP and the repairs of the other hooks), generated here, left out of the navigation
and the search index. Its template overrides/afdrukken.html has no navigation, no search and
no script, and it alone loads assets/stylesheets/afdrukken.css.

- on_config: reads `extra.afdrukken` in mkdocs.yml (title, and the pages left out: the tools and
  the downloads page).
- on_files: adds the page (afdrukken.md, generated).
- on_nav (last): keeps the navigation, whose order is the reading order.
- on_env (last: after the tags plugin fills its listings at 100, so every page's content is
  final): assembles the content in one pass per page (macros/afdrukken.py): the cover
  (overrides/partials/print-cover.html), a table of contents written at build time, this
  edition's notes (the same partial), then each page as a section, with ids prefixed and links
  pointing into the page.
- on_post_page: every in-page link on the finished page has a target and no id occurs twice,
  or the build fails. That is a message for developers: editors' link mistakes are caught
  earlier, by the data check and the strict build.
"""
from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.nav import Section
from mkdocs.structure.pages import Page as MkPage
from mkdocs.structure.toc import AnchorLink, TableOfContents

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from macros import afdrukken, uitvoer  # noqa: E402

SOURCE = "afdrukken.md"
log = logging.getLogger("mkdocs.hooks.printpage")
TEMPLATE = "afdrukken.html"
COVER = "partials/print-cover.html"
FRONT_TITLE = "Wijzigingen in deze editie"

_state: dict = {}


def _settings(config) -> dict:
    settings = (config.extra or {}).get("afdrukken") or {}
    if not isinstance(settings, dict):
        raise PluginError("mkdocs.yml, extra.afdrukken: verwacht 'titel' en 'uitsluiten' (een lijst pagina's).")
    return settings


def on_config(config):
    settings = _settings(config)
    _state.clear()
    _state["title"] = str(settings.get("titel") or "Volledige gids")
    _state["excluded"] = [str(p) for p in settings.get("uitsluiten") or []]
    return config


def on_files(files, config):
    if files.get_file_from_path(SOURCE) is not None:
        raise PluginError(f"docs/{SOURCE} bestaat, maar op dat adres komt de afdrukversie van de gids "
                          f"(overrides/hooks/printpage.py). Geef de pagina een andere naam.")
    pages = {f.src_uri for f in files.documentation_pages()}
    unknown = [p for p in _state["excluded"] if p not in pages]
    if unknown:
        raise PluginError(f"mkdocs.yml, extra.afdrukken.uitsluiten: {', '.join(unknown)} is geen pagina in docs/ "
                          "(of van de gegevens). Schrijf het pad zoals in nav:, bv. downloads.md.")
    # Front matter only: the content is assembled in on_env, once every page's content is final.
    front = (f"---\ntitle: {_state['title']}\ntemplate: {TEMPLATE}\nsearch:\n  exclude: true\n---\n")
    _state["file"] = File.generated(config, SOURCE, content=front, inclusion=InclusionLevel.NOT_IN_NAV)
    files.append(_state["file"])
    return files


# After every other nav step (datapages.py adds the pages of the entries).
@event_priority(-100)
def on_nav(nav, config, files):
    _state["nav"] = nav
    return nav


def _items(items, excluded: set, following: dict) -> list:
    out = []
    for item in items:
        if isinstance(item, Section):
            out.append(afdrukken.Part(str(item.title), _items(item.children, excluded, following)))
        elif isinstance(item, MkPage) and item.file.src_uri not in excluded and item.file.src_uri != SOURCE:
            out.append(item)
            # Entries a large section does not list in the menu follow its overview page
            # (overrides/hooks/datapages.py, NAV_LIMIT).
            out.extend(p for p in following.get(item.file.src_uri, ()) if p.file.src_uri not in excluded)
    return out


def _convert(items, seen: set) -> list:
    out = []
    for item in items:
        if isinstance(item, afdrukken.Part):
            out.append(afdrukken.Part(item.title, _convert(item.children, seen)))
        elif item.file.src_uri not in seen:  # a page listed twice in nav: printed once
            seen.add(item.file.src_uri)
            out.append(afdrukken.Page(afdrukken.page_key(item.file.src_uri), item.file.url, str(item.title or ""),
                                      item.content or ""))
    return out


# After the tags plugin filled its listings (on_env, priority 100): every page's content is final.
@event_priority(-100)
def on_env(env, config, files):
    print_file = _state.get("file")
    nav = _state.get("nav")
    if print_file is None or print_file.page is None or nav is None:
        return env
    excluded = set(_state["excluded"])
    tree = _convert(_items(nav.items, excluded, getattr(nav, "buiten_menu", {})), set())

    printed, online = {}, {}

    def collect(items):
        for item in items:
            if isinstance(item, afdrukken.Part):
                collect(item.children)
            else:
                printed[item.url] = item.key
    collect(tree)
    site_url = (config.site_url or "").rstrip("/") + "/" if config.site_url else ""
    for f in files.documentation_pages():
        if f.url not in printed and f.src_uri != SOURCE:
            online[f.url] = site_url + f.url
    site = afdrukken.Site(printed, online, print_file.url)

    # One partial, two parts: the cover, and what follows the table of contents (this edition's notes).
    template = env.get_template(COVER)
    cover = template.render(config=config, page=print_file.page, deel="omslag")
    front = template.render(config=config, page=print_file.page, deel="voorwerk")
    result = afdrukken.assemble(tree, site, cover=cover, front=front, front_title=FRONT_TITLE)
    problems = _problems(result.missing, result.duplicates)
    if problems:
        raise PluginError(problems)
    print_file.page.content = result.html
    # Material's "Ga naar inhoud" link goes to the first entry of the page's table of contents.
    print_file.page.toc = TableOfContents([AnchorLink(str(print_file.page.title), afdrukken.COVER_ID, 1)])
    return env


def _problems(missing: dict, duplicates) -> str:
    """A message for developers (editors' broken links stop the build earlier, in the data check)."""
    lines = []
    if missing:
        lines.append(f"{len(missing)} link(s) op de afdrukpagina zonder doel (anker, waar de link staat):")
        lines += [f"  - #{anchor} (in {source})" for anchor, source in sorted(missing.items())[:20]]
    if duplicates:
        lines.append(f"{len(set(duplicates))} id('s) dubbel op de afdrukpagina: {', '.join(sorted(set(duplicates))[:20])}")
    if not lines:
        return ""
    return ("De afdrukpagina (afdrukken.html) kan niet gemaakt worden.\n" + "\n".join(lines) +
            "\nVoor ontwikkelaars: macros/afdrukken.py herschrijft ids en links; een pagina-id is het pad met '-' "
            "(stappen/behoefte.md -> #stappen-behoefte), een kop daarin #stappen-behoefte-<kop>.")


# Before the CSP (veiligheid.py, -100), after the repairs (toegankelijkheid.py, 0): the page as it is written.
@event_priority(-90)
def on_post_page(output, page, config):
    if page.file.src_uri != SOURCE:
        return output
    missing, duplicates, ids, links = afdrukken.check_counted(output)
    problems = _problems({anchor: "de sjabloon overrides/afdrukken.html" for anchor in missing}, duplicates)
    if problems:
        raise PluginError(problems)
    # The PDF is printed from this page: a character no HTML parser should meet stops it here.
    bad = uitvoer.forbidden_character(output)
    if bad:
        raise PluginError(f"De afdrukpagina ({SOURCE[:-3]}.html) bevat een teken dat er niet in hoort ({bad}). {uitvoer.FIX}")
    if not ids or not links:
        raise PluginError(f"De afdrukpagina ({SOURCE[:-3]}.html) heeft {ids} ids en {links} interne links: de controle "
                          "vond niets om na te kijken. Voor ontwikkelaars: zie macros/afdrukken.py, check_counted.")
    log.info("Afdrukpagina nagekeken: %d ids uniek, %d interne links met een doel.", ids, links)
    return output
