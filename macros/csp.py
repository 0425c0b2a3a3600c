"""The Content-Security-Policy of every page: which scripts may run, and nothing else.

Every page says which scripts may run: our own files ('self') and, by hash, the few inline
scripts the theme and plugins write into the page (Material's bootstrap that sets up its
storage scope, its scroll-to-anchor snippet, the redirect stubs' forwarding line). No
'unsafe-inline': a <script> or an event handler that reaches a page through data/ does not
run, even if every other defence failed. Hashes are computed from the page as written, so a
Material upgrade that changes its snippets needs no edit here. Styles come from our own files
only: no page writes a <style> element (the print page, overrides/hooks/printpage.py, has its
own stylesheet), and `style` attributes are refused too (macros/sanitize.py turns the one kind
Markdown writes, table alignment, into classes).

The offline bundle (file://) gets the same policy: in Chromium, 'self' on a file:// page
matches the files of the bundle, and the search worker runs through our own iframe shim
(docs/assets/javascripts/offline/), which starts the worker with files, not with the inline
script of the npm shim that Material's offline plugin would use.
"""
from __future__ import annotations

import base64
import hashlib
import re

# Scripts without src whose type makes the browser run them (no type, or a JavaScript type).
_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script>", re.S | re.I)
_TYPE = re.compile(r"""\stype\s*=\s*["']?([^"'\s>]+)""", re.I)
_JS_TYPES = {"", "text/javascript", "application/javascript", "module"}
_HEAD = re.compile(r"<head[^>]*>", re.I)
_CHARSET = re.compile(r"<meta\s+charset=[^>]*>", re.I)
MARKER = 'http-equiv="Content-Security-Policy"'

BASE_POLICY = (
    "default-src 'none'",
    "script-src 'self'{hashes}",
    # Material's icons are data: SVGs in its stylesheet; images are our own files.
    "img-src 'self' data:",
    "style-src 'self'",
    "font-src 'self'",
    # The search index (fetch) and the search worker.
    "connect-src 'self'",
    "worker-src 'self'",
    # The offline bundle's search runs in an iframe of the page itself (file://, no workers).
    "frame-src 'self'",
    "child-src 'self'",
    "manifest-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    "object-src 'none'",
)


def _digest(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii") + "'"


# The inline scripts we allow, by shape; only a URL may vary (no quote, no backslash, no "<").
# Hashing whatever inline script a page holds would also bless one that slipped in through the
# data: an inline script of any other shape stops the build (UnknownInlineScript), so a theme
# or plugin upgrade that adds one is reviewed before it is allowed here.
_URL = r'"[^"\\<\n]*"'
TRUSTED_SCRIPTS = {
    "Material: storage scope": re.compile(
        r"__md_scope=new URL\(" + _URL + r",location\),__md_hash=e=>\[\.\.\.e\]\.reduce\(\(\(e,_\)=>\(e<<5\)-e\+_\."
        r"charCodeAt\(0\)\),0\),__md_get=\(e,_=localStorage,t=__md_scope\)=>JSON\.parse\(_\.getItem\(t\.pathname\+"
        r"\"\.\"\+e\)\),__md_set=\(e,_,t=localStorage,a=__md_scope\)=>\{try\{t\.setItem\(a\.pathname\+\"\.\"\+e,"
        r"JSON\.stringify\(_\)\)\}catch\(e\)\{\}\}"),
    "Material: open the tab a link points at": re.compile(
        r"var target=document\.getElementById\(location\.hash\.slice\(1\)\);target&&target\.name&&"
        r"\(target\.checked=target\.name\.startsWith\(\"__tabbed_\"\)\)"),
    # The light/dark toggle (mkdocs.yml theme.palette): applies the reader's saved choice before
    # the page paints. Fixed text, no URL.
    "Material: colour scheme the reader chose": re.compile(re.escape(
        'var palette=__md_get("__palette");if(palette&&palette.color){if("(prefers-color-scheme)"===palette.color.media)'
        '{var media=matchMedia("(prefers-color-scheme: light)"),input=document.querySelector(media.matches?'
        '"[data-md-color-media=\'(prefers-color-scheme: light)\']":"[data-md-color-media=\'(prefers-color-scheme: dark)\']");'
        'palette.color.media=input.getAttribute("data-md-color-media"),palette.color.scheme=input.getAttribute('
        '"data-md-color-scheme"),palette.color.primary=input.getAttribute("data-md-color-primary"),palette.color.accent='
        'input.getAttribute("data-md-color-accent")}for(var[key,value]of Object.entries(palette.color))'
        'document.body.setAttribute("data-md-color-"+key,value)}')),
    "mkdocs-redirects: forward": re.compile(
        r"var anchor=window\.location\.hash\.substr\(1\);location\.href=" + _URL + r"\+\(anchor\?\"#\"\+anchor:\"\"\)"),
}


class UnknownInlineScript(ValueError):
    pass


def inline_hashes(html: str) -> list[str]:
    """CSP source expressions for every executable inline script of a page, in page order.

    Raises UnknownInlineScript for an inline script that is none of TRUSTED_SCRIPTS.
    """
    hashes: list[str] = []
    for match in _INLINE_SCRIPT.finditer(html):
        attrs = match.group("attrs") or ""
        if re.search(r"\ssrc\s*=", attrs, re.I):
            continue
        kind = _TYPE.search(attrs)
        if kind and kind.group(1).lower() not in _JS_TYPES:
            continue  # data blocks (application/json) never run
        body = match.group("body")
        if not any(shape.fullmatch(body) for shape in TRUSTED_SCRIPTS.values()):
            raise UnknownInlineScript(" ".join(body.split())[:120])
        digest = _digest(body)
        if digest not in hashes:
            hashes.append(digest)
    return hashes


def policy(html: str, preview: bool = False) -> str:
    if preview:
        # `make serve` only: MkDocs' live-reload script is inline and differs in every response, so
        # no hash can name it. The local preview allows inline scripts (and, as the CSP rules say,
        # that only works without hashes); every published build keeps the strict policy.
        scripts = " 'unsafe-inline'"
        inline_hashes(html)  # an unknown inline script still stops the preview
        return "; ".join(BASE_POLICY).replace("{hashes}", scripts)
    scripts = "".join(" " + h for h in inline_hashes(html))
    return "; ".join(BASE_POLICY).replace("{hashes}", scripts)


def apply(html: str, preview: bool = False) -> str:
    """The page with its CSP <meta> as the first element of <head> (before any script)."""
    if MARKER in html:  # applied before (a page written twice): the old policy goes, with the white space before it
        start = html.find('<meta http-equiv="Content-Security-Policy"')
        end = html.find(">", start) if start >= 0 else -1
        if end >= 0:
            html = html[:start].rstrip() + html[end + 1:]
    # After <meta charset> (which must come first), before every script.
    anchor = _CHARSET.search(html) or _HEAD.search(html)
    if anchor is None:
        return html
    meta = f'\n    <meta http-equiv="Content-Security-Policy" content="{policy(html, preview)}">'
    return html[: anchor.end()] + meta + html[anchor.end():]


# An SVG document opened on its own runs its scripts and event handlers, and no <meta> can give it a
# policy. macros/bestanden.py refuses such a file in docs/; this catches one a plugin writes.
_SVG_SCRIPT = re.compile(r"<(?:[\w-]+:)?script\b|\son[a-z]+\s*=|javascript:", re.I)


def svg_runs_script(svg: str) -> bool:
    return bool(_SVG_SCRIPT.search(svg))
