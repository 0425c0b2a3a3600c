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

The tools pages themselves are ordinary pages that call macros (macros/hulpmiddelen.py).
"""
from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from macros import opendata, uitvoer  # noqa: E402
from macros.catalog import load_cached  # noqa: E402
from macros.errors import DataError  # noqa: E402


log = logging.getLogger("mkdocs.hooks.hulpmiddelen")


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
