"""MkDocs hook: the stylesheets and scripts only some pages use, on those pages only.

Which page uses which file is read from the page's finished HTML and the tags are written into it
(macros/paginabestanden.py): in on_post_page, after the other hooks' repairs (0) and before the
print page's check (-90) and the Content-Security-Policy (overrides/hooks/veiligheid.py, -100).
"""
from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from macros import paginabestanden  # noqa: E402

_state: dict = {}


def on_pre_build(config):
    try:
        _state["assets"] = paginabestanden.Assets(Path(config.docs_dir))
    except paginabestanden.AssetError as exc:
        raise PluginError(str(exc)) from None


@event_priority(-80)
def on_post_page(output, page, config):
    used = _state["assets"].for_page(output)
    return paginabestanden.insert(output, used, paginabestanden.root_of(page.file.dest_uri),
                                  [str(p) for p in config.extra_css], [str(p) for p in config.extra_javascript])
