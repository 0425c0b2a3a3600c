"""MkDocs hook: the edition stamp on every page, the downloads, and the offline build's local search shim.

- on_config: puts the edition (tools/edition.py) in config.extra.edition, for the
  footer (overrides/partials/copyright.html), the pages (macros: `config.extra.edition`)
  and the print page's cover. It runs before the other plugins (priority 100) so
  they all see it. Also config.extra.downloads, where the Downloads page (docs/downloads.md)
  links the zip and the PDF of this edition:
  - an edition (`make release`): on the published site, site_url + "downloads/" (the deploy
    workflow puts the files there; a copy read offline or on paper points there too);
  - a preview (a local build, `make serve`): the files in dist/ when `make offline` and
    `make pdf` made them for this very preview, copied into the site's downloads/ folder
    (on_files: files of the build, so the strict build checks the links too), so the links
    work locally; otherwise no links, and the page says how to make them. The offline
    bundle of a preview links nothing: it cannot hold itself.
- Offline build only (Material's `offline` plugin enabled, `OFFLINE=true`): that
  plugin makes every page load the iframe-worker shim from unpkg.com, a run-time
  network request that fails without a network and takes search with it; the npm
  shim also starts its iframe with an inline script, which our Content-Security-Policy
  blocks. We register our own shim instead (docs/assets/javascripts/offline/, no inline
  script): the plugin only adds the CDN one when no polyfill mentions iframe-worker.
"""
from __future__ import annotations

import os
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


_state: dict = {}


def _downloads(config, project: Path, edition) -> dict:
    files = [edition.zip_name, edition.pdf_name]
    if not edition.preview:
        site_url = (config.site_url or "").rstrip("/") + "/"
        return {"map": site_url + "downloads/", "klaar": True, "lokaal": False}
    dist = Path(os.environ.get("DIST_DIR") or project / "dist")
    present = [dist / name for name in files if (dist / name).is_file()]
    ready = len(present) == len(files) and not _offline_enabled(config)
    _state["copy"] = present if ready else []
    return {"map": "downloads/", "klaar": ready, "lokaal": True}


@event_priority(100)
def on_config(config):
    project = Path(config.config_file_path).resolve().parent
    edition = edition_module.current(project)
    config.extra["edition"] = edition.as_dict()
    _state.clear()
    config.extra["downloads"] = _downloads(config, project, edition)
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
    # A preview's own zip and PDF (see _downloads): beside the pages, where docs/downloads.md links them.
    for path in _state.get("copy", []):
        files.append(File.generated(config, f"downloads/{path.name}", abs_src_path=str(path)))
    return files

