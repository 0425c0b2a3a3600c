"""MkDocs hook: the search index for the Dutch search worker (docs/assets/javascripts/workers/search-nl.js).

1. Glossary synonyms. The worker treats each glossary entry as a synonym group: a page that says
   "levenscyclusanalyse" is also found with "LCA", one that says "zeer zorgwekkende stoffen" with
   "SVHC". The groups come from data/begrippen.yml (term + aliassen) and go into the index's
   `config` (`nl_synonyms`), the one part of the index Material hands to its worker untouched.
2. Page weight. Material's page script fetches search/search_index.json on every first visit,
   before anyone searches: with this guide's text that is the largest file of the home page
   (about 37 KiB of a 138 KiB first load, gzipped). So the full index goes to
   search/search_index.full.json, and search_index.json keeps every document's location and
   title plus `config.nl_full` pointing at the full file; the worker loads it on the first
   query (and searches the titles if it cannot). The offline bundle keeps the full index in
   search_index.json: Material's offline plugin inlines that file into search_index.js, and
   from file:// a worker cannot fetch.

3. Linear indexing. Material's search plugin looks up every heading of a page in the page's
   table of contents by walking that table from the start (`_find_toc_by_id`): quadratic in the
   headings of one page, and the resource list has a heading per resource (16,000 resources:
   256 million steps). The lookup is wrapped, at start-up, with a dictionary built once per
   table of contents, returning exactly what the walk returns (the first match, depth first). If
   a Material upgrade renames the method, nothing is wrapped and the build only gets slower
   (tests/test_search.py checks the wrapper still applies).

Runs after Material's search plugin has written the index (priority 0) and before the offline
plugin reads it (priority -100).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from macros.catalog import load_cached  # noqa: E402
from macros.errors import DataError  # noqa: E402

FULL_INDEX = "search_index.full.json"


def _toc_index(toc) -> dict:
    """Anchor id -> the first table-of-contents item with it, depth first (the walk's order)."""
    found: dict = {}

    def walk(items):
        for item in items:
            found.setdefault(item.id, item)
            walk(item.children)

    walk(toc)
    return found


def fast_toc_lookup(original):
    """Material's `_find_toc_by_id(self, toc, id)`, answered from an index of the table of contents.

    The plugin calls it with a page's whole table of contents for every section of that page:
    the index is built once per table (the last one is kept) and gives the walk's answer."""
    last: list = [None, None]  # the table of contents, its index

    def lookup(self, toc, anchor):
        if last[0] is not toc:
            last[0], last[1] = toc, _toc_index(toc)
        return last[1].get(anchor)

    lookup.__wrapped__ = original
    return lookup


def on_startup(command, dirty):
    try:
        from material.plugins.search.plugin import SearchIndex
    except ImportError:
        return
    original = getattr(SearchIndex, "_find_toc_by_id", None)
    if original is not None and not hasattr(original, "__wrapped__"):
        SearchIndex._find_toc_by_id = fast_toc_lookup(original)


def synonym_groups(data_dir: Path) -> list[list[str]]:
    """[term, *aliassen] of every glossary entry that has aliases, in file order."""
    try:
        catalog = load_cached(data_dir)
    except DataError as exc:
        raise PluginError(str(exc)) from None
    return [[item.entry.term, *item.entry.aliassen] for item in catalog.all("begrip") if item.entry.aliassen]


def _offline(config) -> bool:
    plugin = config.plugins.get("material/offline") or config.plugins.get("offline")
    return bool(plugin and plugin.config.enabled)


def _write(path: Path, index: dict) -> None:
    # Same compact form as Material's own output.
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


@event_priority(-50)
def on_post_build(config):
    index_file = Path(config.site_dir) / "search" / "search_index.json"
    if not index_file.is_file():  # search plugin disabled
        return
    data_dir = Path(config.config_file_path).resolve().parent / "data"
    index = json.loads(index_file.read_text(encoding="utf-8"))
    index["config"]["nl_synonyms"] = synonym_groups(data_dir)
    if _offline(config):
        _write(index_file, index)
        return
    _write(index_file.with_name(FULL_INDEX), index)
    stub = {
        "config": {**index["config"], "nl_full": f"search/{FULL_INDEX}"},
        "docs": [{"location": d["location"], "title": d["title"]} for d in index["docs"]],
    }
    _write(index_file, stub)
