"""MkDocs hook: nothing written in data/ or docs/ can run in a reader's browser.

- on_page_content (last, after every other content step and before the print page
  (overrides/hooks/printpage.py, on_env), the search index and the tags plugin read the
  content): the page's HTML through the allow-list sanitiser (macros/sanitize.py).
- on_post_page (last) and on_post_build (after the redirect stubs and the offline plugin):
  the Content-Security-Policy <meta> with the hashes of the page's own inline scripts
  (macros/csp.py). Pages that plugins write themselves in on_post_build never pass through
  on_post_page; they get their policy from the file on disk.
"""
from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from macros import csp, sanitize  # noqa: E402

_done: set = set()
_state = {"preview": False}


def on_startup(command, dirty):
    # `mkdocs serve` (make serve) injects an inline live-reload script: see macros/csp.py policy().
    _state["preview"] = command == "serve"


def on_pre_build(config):
    _done.clear()


@event_priority(-100)
def on_page_content(html, page, config, files):
    return sanitize.clean(html)


# After the other post_page steps (overrides/hooks/toegankelijkheid.py's repairs at 0).
@event_priority(-100)
def on_post_page(output, page, config):
    _done.add(page.file.abs_dest_path)
    return _apply(output, page.file.dest_uri)


def _apply(html: str, where: str) -> str:
    try:
        return csp.apply(html, preview=_state["preview"])
    except csp.UnknownInlineScript as exc:
        raise PluginError(f"{where}: de pagina bevat een inline script dat de site niet kent ({exc}). Een script hoort "
                          "niet in data/ of in de tekst van een pagina, maar in een bestand onder docs/assets/javascripts/ "
                          "(voor ontwikkelaars: een nieuw script van het thema of een plug-in wordt eerst nagekeken in "
                          "TRUSTED_SCRIPTS van macros/csp.py).") from None


# After the redirect stubs (0, -20), the final repairs (-60) and the offline plugin (-100).
@event_priority(-150)
def on_post_build(config):
    for path in Path(config.site_dir).rglob("*.html"):
        if str(path) in _done:
            continue
        text = path.read_text(encoding="utf-8")
        path.write_text(_apply(text, path.relative_to(config.site_dir).as_posix()), encoding="utf-8")
