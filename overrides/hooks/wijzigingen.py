"""MkDocs hook: the change notes (data/wijzigingen.yml) and editions (data/edities.yml).

- on_config: validates both files against the catalog and the pages (a mistake stops
  the build with file, line, entry, field and the fix), and puts two things in
  config.extra for the templates: `edities` (the fixed editions with their files, for
  docs/downloads.md) and `wijzigingen_editie` ("Wijzigingen in deze editie", for the
  print page's cover and so the PDF).
- on_files: feed.xml (macros/feed.py), a file of the site like any other, so links to it
  are checked and it is in the offline bundle too.
- on_page_context: the notes that concern a page, newest first, for
  overrides/partials/page-meta.html (the last one shown, all of them behind "Alle
  wijzigingen").

Runs after overrides/hooks/edition.py (priority 100), whose edition stamp tells which
notes are "in deze editie".
"""
from __future__ import annotations

import datetime as dt
import logging
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

ROOT = Path(__file__).resolve().parents[2]
for path in (ROOT, ROOT / "tools"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

import edition as edition_module  # noqa: E402  (tools/edition.py)
from macros.catalog import load_cached  # noqa: E402
from macros.errors import DataError  # noqa: E402
from macros import uitvoer  # noqa: E402
from macros.feed import FEED_FILE, atom  # noqa: E402
from macros.render import plain  # noqa: E402
from macros.wijzigingen import NOTES_PAGE, load_cached as load_changelog, page_titles  # noqa: E402

_state: dict = {}
log = logging.getLogger("mkdocs.hooks.wijzigingen")


def _site_link(target) -> str:
    """A page or entry as a link from the site root, where the print page's cover sits:
    overrides/hooks/printpage.py turns it into an anchor on the print page (stappen/behoefte.html
    -> #stappen-behoefte), or into the page online when the print page leaves that page out."""
    return target.page[:-3] + ".html" + (f"#{target.anchor}" if target.anchor else "")


def on_config(config):
    project = Path(config.config_file_path).resolve().parent
    try:
        catalog = load_cached(project / "data")
    except DataError:
        return config  # datapages.py, listed first, already stopped the build with the message
    try:
        changelog = load_changelog(project / "data", catalog, page_titles(config.docs_dir, catalog))
    except DataError as exc:
        raise PluginError(str(exc)) from None
    _state["changelog"] = changelog
    current = config.extra.get("edition") or {}
    section = changelog.this_edition(current.get("version", ""), current.get("label", "Editie"))

    repo = (config.repo_url or "").rstrip("/")
    editions = []
    for fixed in changelog.editions:
        files = edition_module.Edition(fixed.versie, fixed.datum, True)
        editions.append({
            "versie": fixed.versie, "datum": fixed.datum.isoformat(), "datum_nl": fixed.datum_nl,
            "zip": files.zip_name, "pdf": files.pdf_name,
            "zip_url": f"{repo}/releases/download/{fixed.versie}/{files.zip_name}" if repo else "",
            "pdf_url": f"{repo}/releases/download/{fixed.versie}/{files.pdf_name}" if repo else "",
            "release_url": f"{repo}/releases/tag/{fixed.versie}" if repo else "",
            # Markdown-escaped: docs/downloads.md writes the titles into a Markdown list.
            "wijzigingen": [{"id": n.id, "titel": plain(n.entry.titel)} for n in fixed.notes],
        })
    config.extra["edities"] = editions
    config.extra["wijzigingen_editie"] = {
        "intro": section.intro,
        "wijzigingen": [{
            "id": n.id, "titel": n.entry.titel, "datum": n.datum.isoformat(), "datum_nl": n.datum_nl,
            "wat": n.entry.wat, "waarom": n.entry.waarom, "hele_gids": n.entry.hele_gids,
            "plaatsen": [{"titel": t.title, "href": _site_link(t)} for t in n.targets],
        } for n in section.notes],
    }
    _state["fallback_date"] = dt.date.fromisoformat(current["date"]) if current.get("date") else dt.date.today()
    return config


def on_files(files, config):
    changelog = _state.get("changelog")
    if changelog is not None:
        content = atom(changelog, config.site_url or "", config.site_name, config.copyright or "",
                       _state["fallback_date"])
        # Checked before it is published (macros/uitvoer.py): well-formed, RFC 4287's schema, one item per note.
        try:
            entries = uitvoer.check_feed(content, FEED_FILE)
        except uitvoer.OutputError as exc:
            raise PluginError(str(exc)) from None
        if entries != len(changelog.notes):
            raise PluginError(f"{FEED_FILE}: {entries} items voor {len(changelog.notes)} wijzigingsnota's. {uitvoer.FIX}")
        log.info("%s nagekeken: geldige Atom (RFC 4287), %d items.", FEED_FILE, entries)
        files.append(File.generated(config, FEED_FILE, content=content))
    return files


def on_page_context(context, page, config, nav):
    changelog = _state.get("changelog")
    if changelog is None:
        return context
    notes_url = NOTES_PAGE[:-3] + ".html"
    page.meta["wijzigingen"] = [{
        "id": n.id, "titel": n.entry.titel, "datum": n.datum.isoformat(), "datum_nl": n.datum_nl,
        "wat": n.entry.wat, "waarom": n.entry.waarom,
        "url": get_relative_url(f"{notes_url}#{n.id}", page.url),
    } for n in changelog.for_page(page.file.src_uri)]
    page.meta["wijzigingen_url"] = get_relative_url(notes_url, page.url)
    page.meta["feed_url"] = get_relative_url(FEED_FILE, page.url)
    return context
