"""MkDocs hook: the edition stamp on every page, and the offline build's local search shim.

- on_config: puts the edition (tools/edition.py) in config.extra.edition, for the
  footer (overrides/partials/copyright.html), the pages (macros: `config.extra.edition`)
  and the print page's cover. It runs before the other plugins (priority 100) so
  they all see it.
- Offline build only (Material's `offline` plugin enabled, `OFFLINE=true`): that
  plugin makes every page load the iframe-worker shim from unpkg.com, a run-time
  network request that fails without a network and takes search with it; the npm
  shim also starts its iframe with an inline script, which our Content-Security-Policy
  blocks. We register our own shim instead (docs/assets/javascripts/offline/, no inline
  script): the plugin only adds the CDN one when no polyfill mentions iframe-worker.
"""
from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT / "tools") not in sys.path:
    sys.path.insert(0, str(ROOT / "tools"))

import edition as edition_module  # noqa: E402  (tools/edition.py)

# Our own worker stand-in for file:// (docs/assets/javascripts/offline/iframe-worker.js).
SHIM = "assets/javascripts/offline/iframe-worker.js"


def _offline_enabled(config) -> bool:
    plugin = config.plugins.get("material/offline") or config.plugins.get("offline")
    return bool(plugin and plugin.config.enabled)


@event_priority(100)
def on_config(config):
    config.extra["edition"] = edition_module.current(Path(config.config_file_path).resolve().parent).as_dict()
    # The templates ask this (overrides/main.html leaves the feed link out of the bundle).
    config.extra["offline"] = _offline_enabled(config)
    if _offline_enabled(config):
        polyfills = [p for p in config.extra.get("polyfills", []) if "iframe-worker" not in str(p)]
        config.extra["polyfills"] = [*polyfills, SHIM]
    return config


def on_files(files, config):
    # The PDF's footer with this build's edition (tools/edition.py pdf_css; tools/pdf.py uses it).
    footer = f"{config.site_name} \u00b7 {config.extra['edition']['label']}"
    files.append(File.generated(config, edition_module.PDF_CSS, content=edition_module.pdf_css(footer)))
    return files
