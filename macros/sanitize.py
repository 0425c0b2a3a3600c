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

Gadgets (issue 21): the theme's scripts and ours look elements up by id, class and attribute.
Content that carries one of those would steer a script: an element with id `__config` replaces
Material's configuration, `data-md-component` mounts one of its components, a `md-clipboard`
button with `data-clipboard-text` copies a command, `data-doorverwijzing` sends the reader away.
Content never carries them: the lists below say, for every id, class and attribute a script of
the site uses, whether content loses it (BLOCKED_*) or may keep it and why (ALLOWED). They are
derived from the scripts themselves: tests/test_gadgets.py reads Material's bundle and every file
under docs/assets/javascripts/ and fails on a name that is in neither list. The ids, classes and
attributes of a tool's own script (PAGE_SCRIPTS) are written by our templates on the page that
loads that script; there each of its ids may occur only once (`hook_id_problems`), so content
cannot put a look-alike before the real element.

Addresses are judged as a browser reads them (`browser_url`): tabs and line breaks inside are
dropped and a backslash is a slash, so `/\\evil.example/p.png` is another host, not a path.

Framework-free, like the rest of macros/: the MkDocs hook overrides/hooks/veiligheid.py calls
`clean` on every page's content; tests call it directly.
"""
from __future__ import annotations

import html as html_module
import re
from dataclasses import dataclass, field
from typing import Optional

import nh3
from markdown.extensions.toc import slugify as _markdown_slugify
from markupsafe import Markup

from .safety import browser_url, mailto_problem

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


# --- gadgets -------------------------------------------------------------------------------------

# Ids: Material names every element its scripts look up by id with two underscores (__config,
# __search, __drawer, __toc, __consent, __palette_0, __tabbed_1_1, __codelineno-0-1, __tooltip_0, ...).
BLOCKED_ID_PREFIXES = ("__",)
# Classes: Material's own start with md- (md-clipboard, md-search__input, md-annotation, ...); the
# others its scripts act on are named here. md-button is styling only (no script names it: the test
# checks that), and the tools' forms use it.
BLOCKED_CLASS_PREFIXES = ("md-",)
CLASS_PREFIX_EXCEPTIONS = {"md-button", "md-button--primary"}
BLOCKED_CLASSES = {
    "annotate", "c", "c1", "cm", "hll",  # code annotations: Material turns code comments into pop-ups
    "highlight", "copy", "no-copy", "select", "no-select",  # code blocks: copy and selection
    "mermaid",  # a diagram: Material loads mermaid.js from unpkg.com for it
    "tabbed-labels", "tabbed-labels--linked",  # content tabs
    "focus-visible", "js-focus-visible", "js", "no-js",  # the focus-visible polyfill and <html>'s state
    "autohide", "version",  # header and version selector
}
BLOCKED_ATTRIBUTE_PREFIXES = ("data-md-", "data-clipboard-")
BLOCKED_ATTRIBUTES = {
    "data-copy", "data-preview", "data-tabs",  # Material: copy text, link previews, content tabs
    "data-focus-visible-added", "data-js-focus-visible",  # Material's focus-visible polyfill
    "data-doorverwijzing",  # docs/assets/javascripts/doorverwijzing.js: goes to the link at once
    "data-toetsenbord",  # docs/assets/javascripts/toegankelijkheid.js: marks a header button it handled
    # docs/assets/javascripts/zoekhulp.js: the search dialog's help and its texts (overrides/partials/search.html)
    "data-zoekhulp", "data-zoekterm", "data-geen", "data-laden", "data-leeg", "data-start",
    "contenteditable",  # Material's keyboard shortcuts stand aside in an editable element (nh3 drops it anyway)
}
# Attributes whose value names ids: a name with two underscores points at one of Material's controls
# (`<label for="__search">`, `<input name="__tabbed_1">`).
ID_REFERENCES = {"for", "name", "form", "list", "headers", "aria-controls", "aria-labelledby", "aria-describedby",
                 "aria-owns", "aria-activedescendant", "aria-details", "aria-errormessage", "aria-flowto"}

# What a script of the site uses and content may still carry, with the reason. Keys: "id:", "class:",
# "attr:" and the name ("*" stands for a name the script builds at run time).
ALLOWED = {
    "id:*": "Material looks up the element the address's #anchor names: a link to a heading is what anchors are for",
    "class:footnote-ref": "Python-Markdown's footnotes write it; Material shows the footnote beside it as a tooltip",
    "class:language*": "Markdown writes language-... on fenced code; Material reads the language when code is copied",
    "class:checklist": "afvinklijst.js makes the task list inside it tickable, its ticks kept per page and list: a "
                       "checklist in content is what it is for",
    "class:task-list-item": "pymdownx.tasklist writes it on every task list item; afvinklijst.js counts the ticks",
    "class:afvink-klaar": "afvinklijst.js sets it on a checklist whose boxes are all ticked (styling only)",
    "attr:data-checklist": "afvinklijst.js keeps a checklist's ticks in the reader's browser under this name",
    "attr:aria-controls": "accessibility; a value naming one of Material's ids is dropped (ID_REFERENCES)",
    "attr:aria-describedby": "accessibility; a value naming one of Material's ids is dropped (ID_REFERENCES)",
    "attr:aria-labelledby": "accessibility; a value naming one of Material's ids is dropped (ID_REFERENCES)",
    "attr:aria-expanded": "accessibility state, read by no script to decide anything",
    "attr:aria-haspopup": "accessibility state, read by no script to decide anything",
    "attr:aria-invalid": "accessibility state of a form field",
    "attr:aria-label": "accessibility name",
    "attr:aria-live": "accessibility: announces changes",
    "attr:class": "the class names themselves are judged one by one",
    "attr:id": "the ids themselves are judged one by one",
    "attr:for": "a value naming one of Material's ids is dropped (ID_REFERENCES)",
    "attr:name": "a value naming one of Material's ids is dropped (ID_REFERENCES)",
    "attr:href": "links; addresses are judged by the URL filter below",
    "attr:src": "images; only from the site itself (the URL filter below)",
    "attr:title": "tooltips; a '<' in a title becomes text (see the module's docstring)",
    "attr:dir": "text direction",
    "attr:disabled": "the state of a form field",
    "attr:readonly": "the state of a form field",
    "attr:open": "an open <details>",
    "attr:hidden": "hides an element; toegankelijkheid.js only looks for header buttons that are not hidden",
    "attr:rel": "link relation; nh3 sets rel on every link",
    "attr:role": "accessibility role",
    "attr:tabindex": "keyboard order",
    "attr:type": "the type of a form field or list",
    "attr:inputmode": "the keyboard a phone shows for a form field",
    "attr:aeiouy": "not an attribute: a character class in a regular expression of lunr's stemmer (search worker)",
    # rekenblad.js writes spreadsheets (XML text in a zip) and reads nothing from the page; these look like
    # selectors to the scan but are parts of that XML: "[Content_Types].xml", a style attribute, a colour.
    "attr:content_types": "not an attribute: the file name [Content_Types].xml inside an .xlsx (rekenblad.js)",
    "attr:data-style-name": "not an attribute of the page: an ODF attribute written into an .ods (rekenblad.js)",
    "class:xml": "not a class: a file extension in a name such as content.xml (rekenblad.js)",
    "id:fff2cc": "not an id: the colour #fff2cc of the input cells in the spreadsheet (rekenblad.js)",
}


@dataclass(frozen=True)
class Hooks:
    """What a tool's own script looks up: its ids (a trailing '*' for a prefix), classes and attributes."""

    ids: frozenset = field(default_factory=frozenset)
    classes: frozenset = field(default_factory=frozenset)
    attributes: frozenset = field(default_factory=frozenset)


# The tools' scripts, loaded only by the page that names them in its front matter (`scripts:`,
# checked by macros/paginacontrole.py against this list) and only acting on that page.
PAGE_SCRIPTS = {
    "assets/javascripts/aankoopwijzer.js": Hooks(
        ids=frozenset({"wijzer-gegevens", "wijzer-keuze", "wijzer-link", "wijzer-plan", "wijzer-print", "wijzer-status"}),
        classes=frozenset({"wijzer-geen"}), attributes=frozenset({"data-deel", "data-id", "data-json"})),
    "assets/javascripts/levensduurkost.js": Hooks(
        ids=frozenset({"lk-formulier", "lk-fouten", "lk-gebruik-per-jaar", "lk-leeg", "lk-o*", "lk-opties", "lk-periode",
                       "lk-resultaat", "lk-toevoegen", "lk-uitkomst", "lk-voorbeeld", "lk-voorbeeld-melding",
                       "lk-vul-voorbeeld", "lk-conclusie", "lk-druk", "lk-energieprijs", "lk-export-status", "lk-methode",
                       "lk-methode-druk", "lk-ods", "lk-opdracht", "lk-post-*", "lk-txt", "lk-wijze-*", "lk-wijze-huren",
                       "lk-wijze-kopen", "lk-wijzen-fout",
                       "lk-xlsx"}),
        classes=frozenset({"lk-optie", "lk-verwijder", "lk-wijze", "lk-druk-methode", "lk-voorwaarde"}),
        attributes=frozenset({"data-json", "data-optie", "data-rij", "data-veld", "data-wijze", "data-post", "data-voet"})),
    "assets/javascripts/bestekbouwer.js": Hooks(
        ids=frozenset({"bb-keuze", "bb-lijst", "bb-werk", "bb-status", "bb-export-status", "bb-link", "bb-docx", "bb-odt",
                       "bb-txt", "bb-controle", "bb-v-*", "groep", "niveau", "soort"}),
        classes=frozenset({"bb-uit", "bb-ingevuld", "invulveld", "bb-tekst", "bb-bewijs", "bb-controle", "bb-bron",
                           "bb-verborgen", "bb-opnemen", "bb-invullen", "bb-invulveld"}),
        attributes=frozenset({"data-id", "data-groep", "data-niveau", "data-soort", "data-titel", "data-velden", "hidden"})),
    # The builder's documents, loaded by bestekbouwer.js: they read the blocks that script hands them.
    "assets/javascripts/bestekbouwer-document.js": Hooks(
        classes=frozenset({"bb-tekst", "bb-bewijs", "bb-controle", "bb-bron", "invulveld"})),
    # Libraries of the tools' exports: they build files in memory and look up nothing on the page.
    "assets/javascripts/rekenblad.js": Hooks(),
    "assets/javascripts/zip.js": Hooks(),
    "assets/javascripts/voorbeelden.js": Hooks(
        ids=frozenset({"vb-filter", "vb-status"}), classes=frozenset({"voorbeeld", "afdruk-pagina"}),
        attributes=frozenset({"data-ambities", "data-voorzieningen"})),
}


def blocked_id(value: str) -> bool:
    return value.startswith(BLOCKED_ID_PREFIXES)


def safe_id(value: str) -> str:
    """An id content may carry: one of Material's becomes one of ours ("__drawer" -> "id-drawer"), so a
    heading that asked for it (`## Kop { #__drawer }`) keeps an anchor its permalink and the table of
    contents can point at (overrides/hooks/veiligheid.py renames those the same way)."""
    return "id-" + (value.lstrip("_") or "kop") if blocked_id(value) else value


def blocked_class(name: str) -> bool:
    if name in CLASS_PREFIX_EXCEPTIONS:
        return False
    return name in BLOCKED_CLASSES or name.startswith(BLOCKED_CLASS_PREFIXES)


def blocked_attribute(name: str) -> bool:
    return name in BLOCKED_ATTRIBUTES or name.startswith(BLOCKED_ATTRIBUTE_PREFIXES)


def slugify(value: str, separator: str) -> str:
    """Python-Markdown's heading ids, never one of Material's (`## __config` would give id="__config"):
    leading underscores and hyphens go. Set as the toc extension's slugify by overrides/hooks/inhoud.py."""
    slug = _markdown_slugify(value, separator).lstrip("_-")
    return slug or "kop"


# Material shows a menu entry, the header's title or a table-of-contents entry that does not fit as a
# tooltip, and writes its text into the tooltip as HTML (bundle.js: `n.title = r.innerText`, then
# `innerHTML = title`). A heading whose text holds "<" (typed as &lt;) would become markup there,
# such as a meta refresh. Those texts get look-alike angle quotes instead; the heading itself keeps its text.
_TAG = re.compile(r"<[^>]*>")


def menu_text(title):
    """A title for the menu, the header and the table of contents (HTML text) that no tooltip can turn
    into markup: unchanged unless its text holds '<' or '>'."""
    if not title:
        return title
    text = html_module.unescape(_TAG.sub("", str(title)))
    if "<" not in text and ">" not in text:
        return title
    return Markup(html_module.escape(text.replace("<", "\u2039").replace(">", "\u203a")))


_ID_ATTRIBUTE = re.compile(r'\sid="([^"]*)"')


def hook_id_problems(html: str, scripts, with_ids: bool = False) -> list:
    """On a page that loads a tool's script: its ids may occur once each (the script takes the first).
    The messages, or (message, id) pairs with `with_ids`."""
    problems = []
    ids = _ID_ATTRIBUTE.findall(html)
    for script in scripts or ():
        hooks = PAGE_SCRIPTS.get(script)
        if hooks is None:
            continue
        counts: dict[str, int] = {}
        for value in ids:
            if any(value == hook or (hook.endswith("*") and value.startswith(hook[:-1])) for hook in hooks.ids):
                counts[value] = counts.get(value, 0) + 1
        name = script.rsplit("/", 1)[-1]
        problems += [(f"de id '{value}' staat {count} keer op de pagina, maar het script {name} gebruikt er maar één "
                      f"(het eerste). Geef je eigen element of kop een andere id; een kop krijgt zijn id uit zijn tekst",
                      value) for value, count in sorted(counts.items()) if count > 1]
    return problems if with_ids else [message for message, _ in problems]


# --- the filter over every attribute nh3 keeps -------------------------------------------------------

_URL_ATTRIBUTES = {"href", "src", "cite"}
_SINGLE_ID_REFERENCES = {"for", "name", "form", "list"}


def _address(tag: str, name: str, value: str) -> Optional[str]:
    seen = browser_url(value)
    if seen.startswith("#"):
        return "#" + safe_id(seen[1:])  # the renamed ids: see safe_id
    if seen.startswith("//"):
        # Another host without a scheme: also "/\evil.example" and "\\evil.example" as a browser reads them.
        return None
    scheme = _SCHEME.match(seen)
    if tag == "img" and name == "src" and (scheme or seen.startswith("/")):
        # Images only from the site itself: another host would learn who reads which page. And relative
        # to the page: from the offline bundle (file://) "/x.png" is a file at the root of the reader's disk.
        return None
    if scheme and scheme.group(0).lower() == "mailto:" and mailto_problem(seen):
        return None
    return seen


def _attribute(tag: str, name: str, value: str) -> Optional[str]:
    if name == "title":
        # Material renders a title as the tooltip's innerHTML: "<" must arrive as text.
        return value.replace("<", "&lt;")
    if name == "id":
        return safe_id(value)
    if name == "class":
        kept = [c for c in value.split() if not blocked_class(c)]
        return " ".join(kept) or None
    if name in _SINGLE_ID_REFERENCES:
        return None if blocked_id(value.strip()) else value
    if name in ID_REFERENCES:
        kept = [v for v in value.split() if not blocked_id(v)]
        return " ".join(kept) or None
    if blocked_attribute(name):
        return None
    if name in _URL_ATTRIBUTES:
        return _address(tag, name, value)
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
