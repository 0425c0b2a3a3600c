"""MkDocs hook: the search index for the Dutch search worker (docs/assets/javascripts/workers/search-nl.js).

1. Glossary synonyms. The worker treats each glossary entry as a synonym group: a page that says
   "levenscyclusanalyse" is also found with "LCA", one that says "zeer zorgwekkende stoffen" with
   "SVHC". The groups come from data/begrippen.yml (term + aliassen) and go into the index's
   `config` (`nl_synonyms`), the one part of the index Material hands to its worker untouched.
2. Page weight. Material's page script fetches search/search_index.json on every first visit,
   before anyone searches: with this guide's text that is the largest file of the home page
   (about 37 KiB of a 138 KiB first load, gzipped). So the full index goes to
   search/search_index.full.json, and search_index.json keeps each page's location and title
   (no sections, none of the nl_* lists: `stub_index`) plus `config.nl_full` pointing at the full
   file; the worker loads it, config included, on the first query (and searches the page titles
   if it cannot). The offline bundle keeps the full index in
   search_index.json: Material's offline plugin inlines that file into search_index.js, and
   from file:// a worker cannot fetch.

3. Linear indexing. Material's search plugin looks up every heading of a page in the page's
   table of contents by walking that table from the start (`_find_toc_by_id`): quadratic in the
   headings of one page, and the resource list has a heading per resource (16,000 resources:
   256 million steps). The lookup is wrapped, at start-up, with a dictionary built once per
   table of contents, returning exactly what the walk returns (the first match, depth first). If
   a Material upgrade renames the method, nothing is wrapped and the build only gets slower
   (tests/test_search.py checks the wrapper still applies).

4. The buyer's words (data/zoekwoorden.yml, macros/zoekwoorden.py): one-way query expansions
   (`nl_expansions`: "marktconsultatie" also looks for "marktdialoog") and the topics a search
   without results offers (`nl_topics`), both in the index's config. Entry pages get their search
   words as a field of their own (`nl_keys`, weighed like a title): a product group its `aliassen`
   (matras, infuuspomp), a glossary entry its term and `aliassen`. So "matras" puts the product
   group first whatever the other pages say about beds, and no test has to name the page.
5. Weights by kind of page (`boost` per document, Lunr's document boost): the change log repeats
   the words of every page it names, so it comes last among equals (DEMOTED).

Runs after Material's search plugin has written the index (priority 0) and before the offline
plugin reads it (priority -100).
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from macros.catalog import load_cached  # noqa: E402
from macros.errors import DataError  # noqa: E402
from macros import zoekwoorden  # noqa: E402

FULL_INDEX = "search_index.full.json"

# Pages that list what changed elsewhere: found by the macro that fills them, so a renamed page stays
# demoted. Lunr multiplies a document's score by its boost.
DEMOTED = {"wijzigingen_overzicht": 0.1}
_demoted: dict[str, float] = {}  # page location (x.html) -> boost, filled per build


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


def entry_keys(data_dir: Path) -> dict[str, list[str]]:
    """Search-index location -> the search words of the entry shown there (aliases of a product
    group on its page, term and aliases of a glossary entry at its anchor)."""
    catalog = load_cached(data_dir)
    out: dict[str, list[str]] = {}
    for item in catalog.all("thema"):
        if item.entry.aliassen:
            out[item.page[:-3] + ".html"] = [item.entry.naam, *item.entry.aliassen]
    for item in catalog.all("begrip"):
        out[item.page[:-3] + ".html" + (f"#{item.anchor}" if item.anchor else "")] = [item.entry.term,
                                                                                     *item.entry.aliassen]
    return out


def buyer_words(data_dir: Path) -> dict:
    """The config keys of data/zoekwoorden.yml for the worker."""
    try:
        words = zoekwoorden.load(data_dir)
    except DataError as exc:
        raise PluginError(str(exc)) from None
    return {
        "nl_expansions": [[entry.zoekwoorden, entry.ook] for entry in words.zoekwoorden],
        "nl_topics": list(words.vaak_gezocht),
    }


# Where a search that finds nothing sends the reader (overrides/partials/search.html,
# docs/assets/javascripts/zoekhulp.js): the pages that carry these macros, found wherever an editor
# moved them, and the topics of data/zoekwoorden.yml (`vaak_gezocht`).
HELP_PAGES = {"aankoopwijzer": "aankoopwijzer_plan", "productgroepen": "themas_overzicht"}


def on_config(config):
    data_dir = Path(config.config_file_path).resolve().parent / "data"
    try:
        topics = list(zoekwoorden.load(data_dir).vaak_gezocht)
    except DataError as exc:
        raise PluginError(str(exc)) from None
    config.extra["zoekhulp"] = {"vaak_gezocht": topics}
    return config


def on_pre_build(config):
    _demoted.clear()


def on_page_markdown(markdown, page, config, files):
    # The page's source, not `markdown`: mkdocs-macros has already replaced the call by its output.
    source = page.file.content_string if page.file.abs_src_path else ""
    for macro, boost in DEMOTED.items():
        if f"{macro}(" in source:
            _demoted[page.file.dest_uri] = boost
    for name, macro in HELP_PAGES.items():
        if f"{macro}(" in source:  # read by the search dialog of every page, rendered after all Markdown
            config.extra["zoekhulp"][name] = page.file.url
    return markdown


# A section heading that recurs on many pages ("Gunningscriteria", "Hulpbronnen", "Wat doe je?") is
# the pages' structure: its title names no page, so a title match there weighs less than on a page or
# section titled for what it is about (the rule "Gunnen op meer dan de prijs"). Its text still counts.
REPEATED_HEADING_PAGES = 4
REPEATED_HEADING_BOOST = 0.3


def _heading(title: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", title).lower().split())


def enrich_docs(docs: list[dict], keys: dict[str, list[str]], demoted: dict[str, float]) -> None:
    pages_per_heading: dict[str, set[str]] = {}
    for doc in docs:
        page, _, anchor = doc["location"].partition("#")
        if anchor:
            pages_per_heading.setdefault(_heading(doc["title"]), set()).add(page)
    for doc in docs:
        location = doc["location"]
        if location in keys:
            doc["nl_keys"] = " ".join(keys[location])
        boost = demoted.get(location.split("#")[0])
        if boost is None and "#" in location and location not in keys \
                and len(pages_per_heading.get(_heading(doc["title"]), ())) >= REPEATED_HEADING_PAGES:
            boost = REPEATED_HEADING_BOOST
        if boost is not None:
            doc["boost"] = boost


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
    index["config"].update(buyer_words(data_dir))
    enrich_docs(index["docs"], entry_keys(data_dir), _demoted)
    if _offline(config):
        _write(index_file, index)
        return
    _write(index_file.with_name(FULL_INDEX), index)
    _write(index_file, stub_index(index, f"search/{FULL_INDEX}"))


# What Material's page script reads from search_index.json before anyone searches: the config's
# `separator` (the search.highlight feature builds its pattern from it) and `lang`; Material's
# worker (config, pipeline, fields) only starts on the first query, from the full file's config.
STUB_CONFIG = ("lang", "separator", "pipeline", "fields")


def stub_index(index: dict, full: str) -> dict:
    """The index every first visit fetches: Material's own config keys, where the full index is,
    and one document per page (location without '#') with its title, which the worker searches
    when the full index cannot be loaded. Sections and the nl_* lists live in the full index only."""
    return {
        "config": {**{k: index["config"][k] for k in STUB_CONFIG if k in index["config"]}, "nl_full": full},
        "docs": [{"location": d["location"], "title": d["title"]} for d in index["docs"] if "#" not in d["location"]],
    }
