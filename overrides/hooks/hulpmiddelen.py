"""MkDocs hook for the tools section (Hulpmiddelen): the open-data files.

on_files writes every collection of data/ as JSON, CSV and JSON Schema (plus a
datapackage.json) under open-data/, as generated files: MkDocs copies them into
the site, serves them in `make serve`, and the strict build can check the links
to them on the open-data page. Every JSON file matches its own published schema:
the records come from the validated data through the same models as the schemas,
and `make test` validates the built files with jsonschema (tests/test_hulpmiddelen.py).
That check is not repeated in every build: with ten thousand records it cost more
than the rest of the open data together (`make bench`, data x100).

Before they are published, macros/uitvoer.py checks every file: each collection against its own
published schema (compiled into plain Python: jsonschema in every build cost a twentieth of the
build at data x100), each CSV against its collection; a broken file stops the build.

The tools pages themselves are ordinary pages that call macros (macros/hulpmiddelen.py). The tender
builder's criteria leave its page after the sanitiser, one script per product group that the page loads
when the buyer picks the group (macros/bestekbouwer_delen.py): on_page_content and on_post_build below.
"""
from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from macros import bestekbouwer_delen, opendata, uitvoer  # noqa: E402
from macros.catalog import load_cached  # noqa: E402
from macros.errors import DataError  # noqa: E402


log = logging.getLogger("mkdocs.hooks.hulpmiddelen")
_groups: dict[str, str] = {}  # the builder's criteria per product group, written in on_post_build


def edition_of(config) -> dict:
    """The edition stamp that overrides/hooks/edition.py (tools/edition.py) puts in config.extra."""
    stamp = config.extra.get("edition")
    if not (isinstance(stamp, dict) and stamp.get("version") and stamp.get("date")):
        raise PluginError("Geen editie in config.extra: zet overrides/hooks/edition.py vóór "
                          "overrides/hooks/hulpmiddelen.py in de hooks van mkdocs.yml.")
    return stamp


def on_files(files, config):
    project = Path(config.config_file_path).resolve().parent
    try:
        catalog = load_cached(project / "data")
    except DataError as exc:  # datapages.py reports it first; this is a safety net
        raise PluginError(str(exc)) from None
    try:
        generated = opendata.build_files(catalog, config.site_url or "", edition_of(config))
    except DataError as exc:  # a committed schema missing (schemas/open-data/)
        raise PluginError(str(exc)) from None
    except ValueError as exc:
        raise PluginError(f"Open data: {exc}") from None
    try:
        counts = uitvoer.check_open_data(generated)
    except uitvoer.OutputError as exc:
        raise PluginError(str(exc)) from None
    log.info("Open data nagekeken: %d collecties in JSON (%d records, elk tegen zijn schema), %d in CSV (%d rijen), "
             "%d andere bestanden.", counts["json"], counts["records"], counts["csv"], counts["rows"], counts["other"])
    for path, content in generated.items():
        if files.get_file_from_path(path):
            raise PluginError(f"docs/{path} bestaat al, maar dat bestand wordt gemaakt uit data/. Verwijder docs/{path}.")
        files.append(File.generated(config, path, content=content))
    return files


def on_pre_build(config):
    _groups.clear()


# After the allow-list sanitiser (overrides/hooks/veiligheid.py, -100): what leaves the page is what it
# would have published.
@event_priority(-110)
def on_page_content(html, page, config, files):
    if not bestekbouwer_delen.carries(html):
        return html
    try:
        html, groups, ids = bestekbouwer_delen.split(html)
    except ValueError as exc:
        raise PluginError(f"docs/{page.file.src_uri}: {exc}") from None
    if not groups:
        raise PluginError(f"docs/{page.file.src_uri}: de bestekbouwer toont geen enkel criterium (data/criteria/ is leeg?).")
    headings = {f"bb-{criterion}" for criterion in ids}
    _prune(page.toc, headings)
    _groups.update(groups)
    log.info("Bestekbouwer: %d criteria in %d productgroepen, elk een eigen script.", len(ids), len(groups))
    return html


def _prune(links, ids: set) -> None:
    """The table of contents without the headings that left the page (Material would still list them)."""
    for link in list(links or ()):
        if link.id in ids:
            links.remove(link)
        else:
            _prune(link.children, ids)


def on_post_build(config):
    folder = Path(config.site_dir) / bestekbouwer_delen.SCRIPT_DIR
    folder.mkdir(parents=True, exist_ok=True)
    for group, fragment in sorted(_groups.items()):
        (folder / f"{group}.js").write_text(bestekbouwer_delen.script(group, fragment), encoding="utf-8")
