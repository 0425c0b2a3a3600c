"""MkDocs hook: the edition stamp on every page, and the offline build's local search shim.

- on_config: puts the edition (tools/edition.py) in config.extra.edition, for the
  footer (overrides/partials/copyright.html), the pages (macros: `config.extra.edition`)
  and the print page's cover. It runs before the other plugins (priority 100) so
  they all see it.
- Offline build only (Material's `offline` plugin enabled, `OFFLINE=true`): that
  plugin makes every page load the iframe-worker shim from unpkg.com, a run-time
  network request that fails without a network and takes search with it. We
  register a local copy first (the plugin only adds the CDN one when no polyfill
  mentions iframe-worker) and copy the shim into the build from node_modules,
  where `npm ci` put it after checking it against package-lock.json's version and
  integrity hash. The shim's code is never committed to this repository.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT / "tools") not in sys.path:
    sys.path.insert(0, str(ROOT / "tools"))

import edition as edition_module  # noqa: E402  (tools/edition.py)

SHIM_PACKAGE = "iframe-worker"
SHIM_DEST = "assets/javascripts/iframe-worker/shim.js"
SHIM_LICENSE_DEST = "assets/javascripts/iframe-worker/LICENSE.txt"

_state: dict = {}


def _offline_enabled(config) -> bool:
    plugin = config.plugins.get("material/offline") or config.plugins.get("offline")
    return bool(plugin and plugin.config.enabled)


def _pinned_shim(project: Path) -> Path:
    """The shim from node_modules, after checking it is the version package-lock.json pins."""
    lock_file = project / "package-lock.json"
    package_dir = project / "node_modules" / SHIM_PACKAGE
    try:
        lock = json.loads(lock_file.read_text(encoding="utf-8"))
        pinned = lock["packages"][f"node_modules/{SHIM_PACKAGE}"]["version"]
    except (OSError, ValueError, KeyError) as exc:
        raise PluginError(f"{lock_file}: geen vastgepinde versie van {SHIM_PACKAGE} gevonden ({exc}).") from None
    try:
        installed = json.loads((package_dir / "package.json").read_text(encoding="utf-8"))["version"]
    except (OSError, ValueError, KeyError):
        raise PluginError(f"{package_dir} ontbreekt: de offline bundel heeft {SHIM_PACKAGE} nodig. "
                          "Voer eerst `make node` uit (npm ci).") from None
    if installed != pinned:
        raise PluginError(f"node_modules bevat {SHIM_PACKAGE} {installed}, package-lock.json pint {pinned}. "
                          "Voer `make node` uit (npm ci).")
    shim = package_dir / "shim" / "index.js"
    if not shim.is_file():
        raise PluginError(f"{shim} ontbreekt: installeer opnieuw met `make node`.")
    return shim


@event_priority(100)
def on_config(config):
    config.extra["edition"] = edition_module.current(Path(config.config_file_path).resolve().parent).as_dict()
    _state["shim"] = None
    if _offline_enabled(config):
        _state["shim"] = _pinned_shim(Path(config.config_file_path).resolve().parent)
        polyfills = [p for p in config.extra.get("polyfills", []) if SHIM_PACKAGE not in str(p)]
        config.extra["polyfills"] = [*polyfills, SHIM_DEST]
    return config


def on_files(files, config):
    shim = _state.get("shim")
    if shim:
        for dest, src in ((SHIM_DEST, shim), (SHIM_LICENSE_DEST, shim.parent.parent / "LICENSE")):
            files.append(File.generated(config, dest, abs_src_path=str(src)))
    return files
