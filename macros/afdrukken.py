"""The print page (afdrukken.html): the whole guide on one page, in reading order, in linear time.

Framework-free: overrides/hooks/printpage.py hands it the pages in the order of the navigation
(their final HTML) and a map of the site's pages; the tests hand it plain data.

What a page becomes on the print page:
- a <section class="afdruk-pagina" id="KEY">, KEY being its path without ".md", "/" -> "-"
  (stappen/behoefte.md -> stappen-behoefte). The PDF's bookmarks and links, the cover's
  "Wijzigingen in deze editie" and the tests rely on these ids.
- every id in it gets "KEY-" in front (stappen-behoefte-waarom), and so do the attributes that
  point at an id of the same page (for, headers, list, aria-labelledby, ...): ids stay unique
  on the long page and labels keep their control.
- every link in the same pass: "#x" -> "#KEY-x"; a printed page (any relative path to it) ->
  "#ITS-KEY" or "#ITS-KEY-x"; a page left out of the print page -> that page online
  (site_url), as a reader of the paper copy needs; any other file of the site (open data,
  images) -> its path from the site root, where the print page sits.
- no glossary tooltips: <abbr title="..."> keeps its text and loses the element. On paper a
  tooltip is nothing, and the glossary itself is a chapter of the print page; on a phone the
  definitions repeated at every use were a large part of the page's weight.
- web addresses as notes, not in the text: a link to another site keeps its text and gets a
  number ([1]); the page's section ends with its numbered addresses ("Webadressen op deze
  pagina"). A link whose text is its address already needs none. So a printed page reads as
  text, and a reader on paper can still type an address in (print.css, for one page printed
  from the browser, writes the address after the link instead).

Cost: one regular-expression scan over each page's HTML, with a dict look-up per link or id,
and one join at the end: linear in the size of the guide. (mkdocs-print-site-plugin, which
this replaces, rewrote the whole page once per link: 12 min 41 s for 16,000 resources.)
`check` scans the finished page once more for in-page links without a target and for ids
that occur twice; the hook fails the build on either.
"""
from __future__ import annotations

import html as htmllib
import posixpath
import re
from dataclasses import dataclass, field
from typing import Iterable, Optional, Union
from urllib.parse import unquote

# Raw text (script, style) and comments are skipped whole; </abbr> is matched to be dropped;
# a start tag's attributes are consumed as name[=value] pairs, so a ">" inside a quoted value
# does not end the tag, and text never matches (the sanitiser writes every "<" in text as &lt;).
# An attribute name holds no "<" and the pairs are taken possessively: "<a <a <a ..." (50 kB) is
# read once, not once per "<a" with every way of splitting it (18 s before).
_TOKEN = re.compile(
    r"<(?:script|style)\b[^>]*+>.*?</(?:script|style)\s*+>"
    r"|<!--.*?-->"
    r"|</(?:abbr|a)\s*+>"
    r"|<(?P<tag>[a-zA-Z][a-zA-Z0-9:-]*+)"
    r"(?P<attrs>(?:\s++[^\s\"'>/=<]++(?:\s*+=\s*+(?:\"[^\"]*+\"|'[^']*+'|[^\s\"'=<>`]++))?+)*+)"
    r"\s*+/?>",
    re.S | re.I)
# A pair starts where a run of white space starts: a run with no name after it is tried once.
_ATTR = re.compile(r"(?<!\s)(\s+)([^\s\"'>/=<]+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?")
# Attributes whose value is one id, or a list of ids, of the same page.
ID_REFS = {"for", "headers", "list", "form", "aria-labelledby", "aria-describedby", "aria-controls", "aria-owns",
           "aria-details", "aria-flowto", "aria-activedescendant", "aria-errormessage"}
_WATCHED = re.compile(r"\s(?:id|href|src|for|headers|list|form|aria-[a-z]+)\s*=", re.I)
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_CLASS_OR_TABINDEX = re.compile(r"\s(?:class|tabindex)\s*=", re.I)
_PATH_REST = re.compile(r"([^?#]*)(.*)", re.S)
_FIRST_HEADING = re.compile(r"<h([1-6])[\s>]", re.I)
_EXTERNAL = re.compile(r"https?://", re.I)

COVER_ID = "omslag"
TOC_ID = "inhoud"
# What follows the table of contents before the guide itself ("Wijzigingen in deze editie").
FRONT_ID = "voorwerk"


def page_key(src_uri: str) -> str:
    """The section id of a page: 'stappen/behoefte.md' -> 'stappen-behoefte'."""
    return src_uri[:-3].replace("/", "-") if src_uri.endswith(".md") else src_uri.replace("/", "-")


@dataclass(frozen=True)
class Page:
    key: str  # section id (page_key of its source)
    url: str  # its address in the site, e.g. "stappen/behoefte.html"
    title: str  # plain text, as in the navigation
    html: str  # its final content HTML


@dataclass
class Part:
    """A section of the navigation (Inleiding, Aankoopproces, ...): a title over its pages."""
    title: str
    children: list = field(default_factory=list)  # Page | Part


Item = Union[Page, Part]


@dataclass(frozen=True)
class Site:
    """Where links go: printed pages (url -> key), the other pages (url -> address online)."""
    printed: dict
    online: dict
    print_url: str = "afdrukken.html"


@dataclass
class Result:
    html: str
    toc: list  # [(title, anchor, [children...])], the table of contents as data
    # Problems for the developer (the data check catches editors' link mistakes first):
    missing: dict = field(default_factory=dict)  # in-page anchor -> the page whose link wants it
    duplicates: list = field(default_factory=list)


def _value(raw: Optional[str]) -> str:
    if raw is None:
        return ""
    if raw[:1] in "\"'":
        raw = raw[1:-1]
    return htmllib.unescape(raw)


def _quoted(value: str) -> str:
    return '"' + htmllib.escape(value, quote=True) + '"'


class _Rewriter:
    """Rewrites one page's HTML for the print page; collects the ids it writes and the anchors its links want."""

    def __init__(self, site: Site, ids: set, wanted: dict, duplicates: list):
        self.site = site
        self.ids = ids
        self.wanted = wanted
        self.duplicates = duplicates
        self.key = ""
        self.url = ""
        self.source = ""
        self.href: Optional[str] = None
        self.notes: dict[str, int] = {}
        self.numbering = False
        self.open: Optional[tuple[str, int]] = None

    def page(self, html: str, key: str, url: str, source: str, notes: bool = False) -> str:
        """`notes`: number the web addresses of external links (see the module docstring)."""
        self.key, self.url, self.source = key, url, source
        self.notes: dict[str, int] = {}
        self.numbering = notes
        self.open: Optional[tuple[str, int]] = None  # an external link being read: its address, where its text starts
        out = _TOKEN.sub(self._token, html)
        if self.notes:
            out += notes_html(self.notes)
        return out

    def _close_link(self, match: re.Match) -> str:
        """</a> of an external link: its note number, unless its text already is its address."""
        href, start = self.open
        self.open = None
        text = htmllib.unescape(re.sub(r"<[^>]*>", "", match.string[start:match.start()])).strip()
        bare = re.sub(r"^[a-z]+://", "", href.rstrip("/"), flags=re.I)
        if text.rstrip("/") in (href.rstrip("/"), bare) or not text:
            return match.group(0)
        number = self.notes.setdefault(href, len(self.notes) + 1)
        return f'</a><sup class="afdruk-noot">[{number}]</sup>'

    def _watch_link(self, match: re.Match, new: str) -> str:
        """An <a> whose href is another site's address (http or https): its </a> gets a note."""
        if self.numbering and _EXTERNAL.match(new):
            self.open = (new, match.end())
        return new

    def _id(self, value: str) -> str:
        return f"{self.key}-{value}" if self.key else value

    def _token(self, match: re.Match) -> str:
        tag = match.group("tag")
        if tag is None:
            text = match.group(0)
            if text[:3].lower() == "</a" and text[3:4] in (">", " ", "\t", "\n", "\r"):
                return self._close_link(match) if self.open else text
            return "" if text[1] == "/" else text  # </abbr> goes; scripts, styles, comments stay
        lower = tag.lower()
        if lower == "abbr":
            return ""
        attrs = match.group("attrs")
        if lower == "table" and (not attrs or not _CLASS_OR_TABINDEX.search(attrs)):
            # A Markdown table scrolls sideways when it is wider than a phone (Material's styles);
            # a region that scrolls needs a tab stop for keyboard users (axe:
            # scrollable-region-focusable), which on this page no script adds.
            whole = match.group(0)
            return self._token(_TOKEN.match(whole[:-1].rstrip("/").rstrip() + ' tabindex="0">'))
        if not attrs or not _WATCHED.search(attrs):
            return match.group(0)
        start, end = match.span("attrs")
        whole = match.group(0)
        offset = match.start()
        self.href = None
        out = whole[:start - offset] + _ATTR.sub(self._attribute, attrs) + whole[end - offset:]
        if lower == "a" and self.href is not None and "bewerk-item" not in attrs:  # editors' pencils do not print
            self._watch_link(match, self.href)
        return out

    def _attribute(self, match: re.Match) -> str:
        space, name, raw = match.groups()
        if raw is None:
            return match.group(0)
        lname = name.lower()
        value = _value(raw)
        if lname == "id":
            new = self._id(value)
            if new in self.ids:
                self.duplicates.append(new)
            self.ids.add(new)
        elif lname == "href":
            new = self.href = self._link(value)
        elif lname == "src":
            new = self._file(value)
        elif lname in ID_REFS:
            new = " ".join(self._id(v) for v in value.split())
        else:
            return match.group(0)
        return f"{space}{name}={_quoted(new)}"

    def _want(self, anchor: str) -> str:
        self.wanted.setdefault(anchor, self.source)
        return "#" + anchor

    def _link(self, url: str) -> str:
        if url.startswith("#"):
            return self._want(self._id(unquote(url[1:]))) if len(url) > 1 else url
        if _SCHEME.match(url) or url.startswith(("/", "\\")):
            return url  # another site, mail, or an absolute path the page already means as such
        path, hashmark, fragment = url.partition("#")
        fragment = unquote(fragment)
        path = path.partition("?")[0]
        if not path:
            return url
        target = posixpath.normpath(posixpath.join(posixpath.dirname(self.url), unquote(path)))
        key = self.site.printed.get(target)
        if key is not None:
            return self._want(f"{key}-{fragment}" if fragment else key)
        if target == self.site.print_url:
            return self._want(fragment or COVER_ID)
        online = self.site.online.get(target)
        if online is not None:
            return online + (f"#{fragment}" if hashmark and fragment else "")
        return self._file(url)

    def _file(self, url: str) -> str:
        """A file of the site (data, image), addressed from the site root, where the print page is."""
        if not url or url.startswith(("#", "/", "\\")) or _SCHEME.match(url):
            return url
        path, rest = _PATH_REST.match(url).groups()
        target = posixpath.normpath(posixpath.join(posixpath.dirname(self.url), path))
        return url if target.startswith("..") else target + rest


# On screen the browser skips the layout of a page's section until it nears the viewport
# (afdrukken.css, content-visibility) and reserves a placeholder height meanwhile. A placeholder
# shorter than the section lets the skipped text, when a script asks where it is (as accessibility
# checkers do), lie over the next section's. So each section gets a height class from its size:
# on a 320-pixel-wide phone a character of HTML takes at most some 0.85 pixels of height here,
# and the classes go up in powers of two from 256 pixels (afdruk-pagina--h0) to 2^25 (--h17).
SIZE_CLASSES = 18


def size_class(characters: int) -> str:
    """The placeholder class for a section of this many characters of HTML (an estimate from above)."""
    k = 0
    while k < SIZE_CLASSES - 1 and 256 << k < characters:
        k += 1
    return f"h{k}"


def _with_title(page: Page) -> str:
    """A page whose text does not start with a level-1 heading gets its title as one (as the site shows it)."""
    first = _FIRST_HEADING.search(page.html)
    if first is not None and first.group(1) == "1":
        return page.html
    return f"<h1>{htmllib.escape(page.title)}</h1>\n{page.html}"


def assemble(items: Iterable[Item], site: Site, cover: str = "", toc_title: str = "Inhoud",
             front: str = "", front_title: str = "") -> Result:
    """The print page's content: the cover, a table of contents, the front matter, then every page in order.

    `cover` and `front` are HTML whose links are written as from the site root (e.g.
    "stappen/behoefte.html") and whose ids stay as they are. `front` (the notes of this edition)
    comes after the table of contents, which lists it first as `front_title`: a reader of the PDF
    finds the contents on its second page.
    """
    ids: set = set()
    wanted: dict = {}
    duplicates: list = []
    rewriter = _Rewriter(site, ids, wanted, duplicates)
    body: list[str] = []
    parts = [0]

    def claim(anchor: str) -> None:
        if anchor in ids:
            duplicates.append(anchor)
        ids.add(anchor)

    def walk(children: Iterable[Item]) -> list:
        toc = []
        for item in children:
            if isinstance(item, Page):
                claim(item.key)
                html = rewriter.page(_with_title(item), item.key, item.url, item.url, notes=True)
                body.append(f'<section class="afdruk-pagina afdruk-pagina--{size_class(len(html))}" '
                            f'id="{htmllib.escape(item.key)}">\n')
                body.append(html)
                body.append("\n</section>\n")
                toc.append((item.title, item.key, []))
            else:
                parts[0] += 1
                anchor = f"deel-{parts[0]}"
                claim(anchor)
                at = len(body)
                body.append(f'<section class="afdruk-deel" id="{anchor}">\n'
                            f'<h1 class="afdruk-deel__titel">{htmllib.escape(item.title)}</h1>\n')
                inner = walk(item.children)
                if not inner:  # every page of this part is left out
                    del body[at:]
                    ids.discard(anchor)
                    continue
                body.append("</section>\n")
                toc.append((item.title, anchor, inner))
        return toc

    cover_html = rewriter.page(cover, "", site.print_url, "de omslag (overrides/partials/print-cover.html)")
    front_html = rewriter.page(front, "", site.print_url, "het voorwerk (overrides/partials/print-cover.html)")
    for fixed in (COVER_ID, TOC_ID, f"{TOC_ID}-titel"):
        claim(fixed)
    toc = walk(items)
    if front_html.strip():
        claim(FRONT_ID)
        if front_title:
            toc.insert(0, (front_title, FRONT_ID, []))
    head = [f'<section class="afdruk-omslag" id="{COVER_ID}">\n{cover_html}\n</section>\n',
            f'<nav class="afdruk-inhoud" id="{TOC_ID}" aria-labelledby="{TOC_ID}-titel">\n'
            f'<h1 id="{TOC_ID}-titel">{htmllib.escape(toc_title)}</h1>\n', toc_html(toc), "</nav>\n"]
    if front_html.strip():
        head.append(f'<section class="afdruk-voorwerk" id="{FRONT_ID}">\n{front_html}\n</section>\n')
    missing = {anchor: source for anchor, source in wanted.items() if anchor not in ids}
    return Result('<div class="afdruk">\n' + "".join(head) + "".join(body) + "</div>\n", toc, missing, duplicates)


def notes_html(notes: dict) -> str:
    """The numbered web addresses at the end of a page's section (see the module docstring)."""
    items = "".join(f'<li value="{n}"><a href="{htmllib.escape(url, quote=True)}" data-geen-url>{htmllib.escape(url)}</a></li>\n'
                    for url, n in notes.items())
    return (f'\n<div class="afdruk-noten">\n<p class="afdruk-noten__kop">Webadressen op deze pagina</p>\n'
            f'<ol class="afdruk-noten__lijst">\n{items}</ol>\n</div>\n')


def toc_html(toc: list) -> str:
    """The table of contents. Each entry has an empty box for its page number, which tools/pdf.py
    fills in the PDF (a browser cannot number the pages of a print by itself, target-counter())."""
    if not toc:
        return ""
    out = ['<ol class="afdruk-inhoud__lijst">\n']
    for title, anchor, children in toc:
        out.append(f'<li><a href="#{htmllib.escape(anchor)}"><span class="afdruk-inhoud__titel">{htmllib.escape(title)}</span>'
                   f'<span class="afdruk-inhoud__nr" data-pagina-van="{htmllib.escape(anchor)}"></span></a>')
        out.append(toc_html(children))
        out.append("</li>\n")
    out.append("</ol>\n")
    return "".join(out)


def check(html: str) -> tuple[list[str], list[str]]:
    """In-page links without a target, and ids that occur more than once, on a whole HTML page."""
    missing, duplicates, _, _ = check_counted(html)
    return missing, duplicates


def check_counted(html: str) -> tuple[list[str], list[str], int, int]:
    """`check`, and how many ids and in-page links it looked at (the build logs them; none is a failure)."""
    ids: set = set()
    duplicates: set = set()
    anchors: set = set()
    links = 0
    for match in _TOKEN.finditer(html):
        attrs = match.group("attrs")
        if not attrs:
            continue
        for attr in _ATTR.finditer(attrs):
            name = attr.group(2).lower()
            if name == "id":
                value = _value(attr.group(3))
                (duplicates if value in ids else ids).add(value)
            elif name == "href":
                value = _value(attr.group(3))
                if value.startswith("#") and len(value) > 1:
                    anchors.add(unquote(value[1:]))
                    links += 1
    return sorted(anchors - ids), sorted(duplicates), len(ids) + len(duplicates), links
