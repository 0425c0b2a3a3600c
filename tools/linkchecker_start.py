"""Start linkchecker with its plugins loaded before it gives up root (used by tools/linkcheck.py).

    python tools/linkchecker_start.py [linkchecker's own options and URLs]

Run as root, linkchecker switches its effective user to 'nobody' before it loads its plugins,
which it finds by listing its own package folder. When the virtualenv sits in a folder that
'nobody' may not enter (a `mktemp -d` work folder is mode 700, so is /root), that listing comes
back empty without an error: no plugin loads, AnchorCheck included, and every anchor passes
unchecked while the run still reports success.

Here the plugin modules are imported first, as the user who started us, and linkchecker's plugin
manager is handed those modules; then linkchecker runs exactly as its own command does, the
switch to 'nobody' included, so the checking itself still runs without root. tools/linkcheck.py
plants a broken anchor in every run and fails when it goes unreported, so a linkchecker release
that loads its plugins differently is caught, not trusted.
"""
from __future__ import annotations

import sys
from pathlib import Path

# This folder holds tools/linkcheck.py, which would shadow linkchecker's package 'linkcheck'.
HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]


def preload_plugins() -> int:
    """Import linkchecker's bundled plugin modules now; returns how many."""
    from linkcheck import loader, plugins

    bundled = list(loader.get_package_modules("plugins", plugins.__path__))

    def get_plugin_modules(folders):
        # Same order and sources as linkcheck.plugins.get_plugin_modules, the bundled ones preloaded.
        for folder in folders:
            yield from loader.get_folder_modules(folder, "linkcheck.dummy")
        yield from bundled

    plugins.get_plugin_modules = get_plugin_modules
    return len(bundled)


def main() -> int:
    preload_plugins()
    from linkcheck.command.linkchecker import linkchecker

    sys.argv[0] = "linkchecker"
    return linkchecker()


if __name__ == "__main__":
    sys.exit(main())
