"""The last line of defence: every page's content HTML through an allow-list sanitiser (nh3).

Data and pages arrive in pull requests that a reviewer reads as a diff. The data checks
(macros/model.py, macros/safety.py) refuse raw HTML, attribute lists and script URLs with a
clear message; this module makes sure that whatever slips past them anyway (a parser trick,
a new Markdown extension, a hand-written page) is inert. It keeps exactly the elements and
attributes that the site's Markdown extensions, templates and tools produce, and drops the
rest: no <script>, <style>, <iframe>, <object>, no event handlers, no `style` attribute, no
URL with a scheme other than http, https or mailto, no image from another host (privacy).

Tooltips: Material shows a `title` as a tooltip by adding the title to the tooltip's
innerHTML, so a title holding "<img onerror=...>" would become markup. Every `<` in a title
is therefore written as the text "&lt;", which the tooltip shows as "<".

Framework-free, like the rest of macros/: the MkDocs hook overrides/hooks/veiligheid.py calls
`clean` on every page's content; tests call it directly.
"""
from __future__ import annotations

import re
from typing import Optional

import nh3

TAGS = {
    # Text and structure (Markdown, admonitions, details, footnotes, tables, definition lists)
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del",
    "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5",
    "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "nav", "ol", "p", "pre", "q", "s", "samp",
    "section", "aside", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td",
    "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr",
    # The tools (purchase guide, cost comparator): forms that never post anywhere
    "button", "fieldset", "form", "input", "label", "legend", "noscript", "optgroup", "option",
    "output", "select", "textarea",
    # Icons and figures drawn as inline SVG: shapes and text only (no <use>, <image>, <foreignObject>)
    "svg", "g", "path", "circle", "ellipse", "line", "polygon", "polyline", "rect", "text", "tspan",
    "title", "desc",
}

# Attributes every element may carry; aria-* and data-* are allowed as prefixes below.
GLOBAL = {"id", "class", "title", "lang", "dir", "role", "hidden", "tabindex"}

ATTRIBUTES = {
    "*": GLOBAL,
    "a": GLOBAL | {"href", "rel", "hreflang", "download"},
    "img": GLOBAL | {"src", "alt", "width", "height", "loading", "decoding"},
    "ol": GLOBAL | {"start", "reversed", "type"},
    "li": GLOBAL | {"value"},
    "td": GLOBAL | {"colspan", "rowspan", "headers"},
    "th": GLOBAL | {"colspan", "rowspan", "headers", "scope", "abbr"},
    "col": GLOBAL | {"span"},
    "colgroup": GLOBAL | {"span"},
    "time": GLOBAL | {"datetime"},
    "details": GLOBAL | {"open"},
    "blockquote": GLOBAL | {"cite"},
    "q": GLOBAL | {"cite"},
    "del": GLOBAL | {"datetime"},
    "ins": GLOBAL | {"datetime"},
    # The tools' forms: GET forms to the page itself (form-action 'self' in the CSP).
    "form": GLOBAL | {"method", "novalidate", "autocomplete"},
    "input": GLOBAL | {"type", "name", "value", "checked", "disabled", "readonly", "required",
                       "min", "max", "step", "size", "maxlength", "minlength", "pattern",
                       "placeholder", "inputmode", "autocomplete", "list"},
    "select": GLOBAL | {"name", "multiple", "required", "disabled", "size", "autocomplete"},
    "option": GLOBAL | {"value", "selected", "disabled", "label"},
    "optgroup": GLOBAL | {"label", "disabled"},
    "button": GLOBAL | {"type", "name", "value", "disabled"},
    "label": GLOBAL | {"for"},
    "output": GLOBAL | {"for", "name"},
    "textarea": GLOBAL | {"name", "rows", "cols", "maxlength", "placeholder", "required", "readonly", "disabled"},
    "fieldset": GLOBAL | {"disabled", "name"},
    # SVG: geometry and presentation attributes (no href: <a> inside SVG is not allowed)
    "svg": GLOBAL | {"xmlns", "viewBox", "width", "height", "focusable", "preserveAspectRatio"},
}
_SVG_SHAPE = {"d", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "points", "width",
              "height", "fill", "stroke", "stroke-width", "stroke-linecap", "stroke-linejoin",
              "stroke-dasharray", "transform", "text-anchor", "dominant-baseline", "font-size",
              "font-weight", "opacity", "fill-opacity", "stroke-opacity", "pathLength"}
for _tag in ("g", "path", "circle", "ellipse", "line", "polygon", "polyline", "rect", "text", "tspan"):
    ATTRIBUTES[_tag] = GLOBAL | _SVG_SHAPE

URL_SCHEMES = {"http", "https", "mailto"}

# Markdown tables align cells with style="text-align: ..."; a `style` attribute is refused (and
# blocked by the CSP), so the alignment becomes a class (docs/assets/stylesheets/extra.css).
_ALIGN = re.compile(r'<(td|th) style="text-align: (left|right|center);?">')
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)


def _attribute(tag: str, name: str, value: str) -> Optional[str]:
    if name == "title":
        # Material renders a title as the tooltip's innerHTML: "<" must arrive as text.
        return value.replace("<", "&lt;")
    if tag == "img" and name == "src":
        # Images only from the site itself: another host would learn who reads which page.
        compact = "".join(value.split())
        if compact.startswith("//") or _SCHEME.match(compact):
            return None
    return value


_cleaner = nh3.Cleaner(
    tags=TAGS,
    attributes=ATTRIBUTES,
    generic_attribute_prefixes={"aria-", "data-"},
    attribute_filter=_attribute,
    url_schemes=URL_SCHEMES,
    link_rel=None,
    strip_comments=True,
    clean_content_tags={"script", "style"},
)


def clean(html: str) -> str:
    """The page content with everything outside the allow-list removed."""
    html = _ALIGN.sub(r'<\1 class="uitlijning-\2">', html)
    return _cleaner.clean(html)
