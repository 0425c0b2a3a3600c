"""MkDocs hook: two third-party build steps whose cost grew with the square of a page's length, made linear (issue 13).

- Glossary tooltips: Python-Markdown's abbr extension asks a parent for each child's position
  (macros/abbr_linear.py explains). mkdocs.yml keeps the name `abbr`, which MkDocs checks when
  it reads the configuration, before this project's modules can be imported; on_config puts our
  fixed copy, macros.abbr_linear, in its place for the pages' Markdown.
- Search: Material's search plugin indexes a page section by section and finds each section's heading in
the page's table of contents by walking the whole table from the top (SearchIndex._find_toc_by_id):
for the resources page with 16,000 entries, 128 million steps and some 20 seconds of the build.
Here the same lookup reads a dict made once per page, in the order of the upstream walk (depth
first, the first match wins), so the index comes out the same. The dict is set on this build's
search index only; if an upgrade of Material drops or renames the method, the patch is skipped
and tests/test_lineair.py (the index of a long page in linear time) fails.

With 16,000 resources these two were 75 of the 125 seconds the build took once the print page
was linear (`python tools/bench_print.py`).
"""
from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # macros.abbr_linear, imported by Python-Markdown for each page


def toc_lookup():
    """A drop-in for SearchIndex._find_toc_by_id(toc, id): one dict per table of contents."""
    tables: dict = {}

    def find(toc, anchor):
        entry = tables.get(id(toc))
        if entry is None or entry[0] is not toc:
            table: dict = {}
            stack = list(reversed(list(toc)))
            while stack:
                item = stack.pop()
                table.setdefault(item.id, item)
                stack.extend(reversed(list(item.children)))
            entry = tables[id(toc)] = (toc, table)
        return entry[1].get(anchor)

    return find


# After the search plugin made this build's index (its on_config, priority 0).
@event_priority(-100)
def on_config(config):
    extensions = config.markdown_extensions
    if "abbr" in extensions:
        extensions[extensions.index("abbr")] = "macros.abbr_linear"
        if "abbr" in config.mdx_configs:
            config.mdx_configs["macros.abbr_linear"] = config.mdx_configs.pop("abbr")
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    index = getattr(plugin, "search_index", None)
    if index is not None and callable(getattr(type(index), "_find_toc_by_id", None)):
        index._find_toc_by_id = toc_lookup()
    return config
