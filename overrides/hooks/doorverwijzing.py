"""MkDocs hook: the pages at old addresses (mkdocs-redirects' `redirect_maps`) as readers and tests need them.

mkdocs-redirects writes a bare English stub at every old address, with an inline script.
This hook checks the map first (in Dutch, before the plugin's English warning) and then
writes each stub anew: Dutch, `lang="nl"`, `noindex`, a canonical link and a visible link
to the new page with its title, a meta refresh, and no inline script (the Content-Security-
Policy forbids it): docs/assets/javascripts/doorverwijzing.js keeps the #anchor the reader
followed, which the meta refresh alone would drop.

tools/urls.py recognises these stubs (`is_redirect`), so the tests treat an old address as
a redirect to its new page, never as a page of its own.
"""
from __future__ import annotations

import html
import posixpath
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

SCRIPT = "assets/javascripts/doorverwijzing.js"
STUB = """<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Deze pagina is verhuisd - {site_name}</title>
<link rel="canonical" href="{canonical}">
<meta http-equiv="refresh" content="0; url={href}">
<script src="{script}" defer></script>
</head>
<body>
<main>
<h1>Deze pagina is verhuisd</h1>
<p>Wat hier stond, vind je nu op <a href="{href}" data-doorverwijzing>{title}</a>.</p>
<p>Pas je bladwijzer of je link aan naar het nieuwe adres.</p>
</main>
</body>
</html>
"""

_state: dict = {}


def redirect_map(config) -> dict[str, str]:
    plugin = config.plugins.get("redirects")
    return dict(plugin.config.get("redirect_maps") or {}) if plugin else {}


# After datapages.py added the generated pages (priority 50) and before the redirects plugin checks targets.
@event_priority(10)
def on_files(files, config):
    pages = {f.src_uri for f in files.documentation_pages()}
    problems = []
    for old, new in redirect_map(config).items():
        old, new = str(old), str(new)
        where = f"mkdocs.yml, redirect_maps, '{old}: {new}'"
        if not old.endswith(".md"):
            problems.append(f"{where}: het oude adres is een bestand in docs/ dat op .md eindigt, bv. 'oud.md'.")
        elif old in pages:
            problems.append(f"{where}: docs/{old} bestaat (weer) als pagina; haal deze regel weg, anders komt de "
                            "doorverwijzing in de plaats van de pagina.")
        if new.startswith(("http://", "https://")):
            continue
        target = new.split("#")[0]
        if target not in pages:
            problems.append(f"{where}: de nieuwe pagina '{target}' bestaat niet. Kies een pagina uit docs/ of van de "
                            "gegevens (bv. valkuilen/dehp.md); `make verplaats` en `make verwijder` schrijven deze regel zelf.")
    if problems:
        raise PluginError("Fout in de doorverwijzingen:\n" + "\n".join(f"  - {p}" for p in problems))
    _state["titles"] = {}
    return files


def on_page_context(context, page, config, nav):
    _state.setdefault("titles", {})[page.file.src_uri] = page.title
    return context


def stub(old: str, new: str, config, title: str) -> str:
    """The page at an old address; `old` and `new` are docs-relative .md paths (new may carry #anchor)."""
    old_html = old[:-3] + ".html"
    target, _, anchor = new.partition("#")
    if new.startswith(("http://", "https://")):
        href = canonical = new
    else:
        dest = target[:-3] + ".html"
        href = posixpath.relpath(dest, posixpath.dirname(old_html) or ".") + (f"#{anchor}" if anchor else "")
        canonical = (config.site_url or "").rstrip("/") + "/" + dest + (f"#{anchor}" if anchor else "")
    script = posixpath.relpath(SCRIPT, posixpath.dirname(old_html) or ".")
    return STUB.format(site_name=html.escape(config.site_name), canonical=html.escape(canonical, quote=True),
                       href=html.escape(href, quote=True), script=html.escape(script, quote=True),
                       title=html.escape(title))


# After mkdocs-redirects wrote its stubs (its on_post_build has the default priority 0).
@event_priority(-20)
def on_post_build(config):
    titles = _state.get("titles", {})
    site = Path(config.site_dir)
    for old, new in redirect_map(config).items():
        old, new = str(old), str(new)
        title = titles.get(new.split("#")[0]) or new
        path = site / (old[:-3] + ".html")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(stub(old, new, config, title), encoding="utf-8")
