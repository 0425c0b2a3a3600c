"""MkDocs hook: our own scripts and stylesheets leave the build minified (tools/verkleinen.py says why).

After the other post-build steps that write into assets/ (the offline plugin at -100) and before the
final checks over the site (overrides/hooks/veiligheid.py at -150).
"""
from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT / "tools") not in sys.path:
    sys.path.insert(0, str(ROOT / "tools"))

import verkleinen  # noqa: E402  (tools/verkleinen.py)

log = logging.getLogger("mkdocs.hooks.verkleinen")


@event_priority(-120)
def on_post_build(config):
    try:
        result = verkleinen.minify(Path(config.site_dir), Path(config.docs_dir))
    except ValueError as exc:
        raise PluginError(str(exc)) from None
    if not result.files:
        raise PluginError("Geen enkel eigen script of stijlblad gevonden om te verkleinen (tools/verkleinen.py): "
                          "staan docs/assets/javascripts/ en docs/assets/stylesheets/ er nog?")
    log.info("Verkleind: %d eigen scripts en stijlbladen, %d naar %d bytes.", result.files, result.before, result.after)
