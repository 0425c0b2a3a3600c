"""MkDocs hook: make the print page (afdrukken.html, mkdocs-print-site-plugin) work from any location.

The plugin renders its page with the template context of 404.html, whose base
URL is the site's absolute path (/aankoopgids/): right for a 404 page served at
any depth, wrong here. Material's scripts on the print page then look for the
search index and their storage scope under /aankoopgids/, which fails in the
PDF render (served from 127.0.0.1), in the offline bundle (file://) and in any
preview not hosted at that path. The print page sits at the site root, so its
base is ".", like every other root page.

It also gives the print page each page's final content: print-site keeps a copy
of a page's HTML in on_page_content, before the tags plugin fills its listings
in on_env, so the print page (and the PDF) would show the listing's raw
placeholder (themas/index.md:2458-2480/name) instead of the pages per theme.
"""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority


# After the tags plugin fills its listings (on_env, priority 100).
@event_priority(-100)
def on_env(env, config, files):
    for file in files.documentation_pages():
        page = file.page
        if page is not None and getattr(page, "html", None) is not None and page.content is not None:
            page.html = page.content  # the copy print-site combines into its page
    return env


# After print-site writes the page in its own on_post_build (priority 0); before the
# offline plugin's last step (-100), which does not touch it.
@event_priority(-50)
def on_post_build(config):
    plugin = config.plugins.get("print-site")
    if not plugin or not plugin.config.get("enabled"):
        return
    page = Path(config.site_dir) / (plugin.config["print_page_basename"] + ".html")
    if not page.is_file():
        raise PluginError(f"print-site schreef {page.name} niet: controleer de plugin-instellingen in mkdocs.yml.")
    base = urlsplit(config.site_url or "").path or "/"
    text = page.read_text(encoding="utf-8")
    text, scopes = re.subn(rf'__md_scope=new URL\("{re.escape(base)}",location\)', '__md_scope=new URL(".",location)', text)
    text, bases = re.subn(rf'"base":\s*"{re.escape(base)}"', '"base": "."', text)
    if (scopes, bases) != (1, 1):
        # Material changed its page head: better a failed build than a print page that half works.
        raise PluginError(f"{page.name}: de basis-URL '{base}' van Material niet gevonden "
                          f"(scope {scopes}x, config {bases}x); pas overrides/hooks/printpage.py aan.")
    text, unresolved = _resolve_anchors(text, config)
    if unresolved:
        # The data check and the strict build catch broken links first; this is the last net.
        raise PluginError(f"{page.name}: {len(unresolved)} link(s) in de tekst verwijzen naar een pagina of kop die "
                          f"niet bestaat: {', '.join(sorted(unresolved)[:10])}. Het deel voor de eerste '-' is de map "
                          "of de pagina; zoek de link daar en verbeter hem (een item: [tekst](bron:id), een pagina: "
                          "[tekst](map/pagina.md)).")
    page.write_text(text, encoding="utf-8")


def _resolve_anchors(text: str, config) -> tuple[str, set]:
    """Point every in-page link of the print page at an anchor that exists.

    print-site names a page's anchor after its path ("hulpmiddelen/aankoopwijzer.md" ->
    "#hulpmiddelen-aankoopwijzer") and prefixes its heading ids with that. Two kinds of
    its links go nowhere: to pages left out of the print page (the tools, the downloads
    page), which now go to the page online; and to the first heading of a page that
    carries tags, whose id the plugin left without the prefix, which now go to that id.
    """
    # print-site writes its own attributes with single quotes, Material with double ones.
    ids = set(re.findall(r"""\sid=["']([^"']+)["']""", text))
    pages = {f.src_uri[:-3].replace("/", "-"): f.dest_uri for f in _doc_files(config)}
    site_url = (config.site_url or "").rstrip("/") + "/"
    unresolved: set = set()

    def fix(match: re.Match) -> str:
        quote, anchor = match.group(1), match.group(2)
        if anchor in ids:
            return match.group(0)
        key = max((k for k in pages if anchor == k or anchor.startswith(k + "-")), key=len, default=None)
        if key is None:
            unresolved.add(anchor)
            return match.group(0)
        rest = anchor[len(key) + 1:]
        if rest in ids:
            return f"href={quote}#{rest}{quote}"
        return f"href={quote}{site_url}{pages[key]}" + (f"#{rest}" if rest else "") + quote

    return re.sub(r"""href=(["'])#([^"']+)\1""", fix, text), unresolved


def _doc_files(config):
    return _state.get("files", [])


_state: dict = {}


def on_files(files, config):
    _state["files"] = list(files.documentation_pages())
    return files
