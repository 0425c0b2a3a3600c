"""Every address in a built site or offline bundle, and which would make the browser leave it.

    python tools/adressen.py <folder>

The offline bundle opens from file:// and must ask no network for anything (`make offline`
runs this on every bundle; tests/test_offline.py plants foreign addresses in a copy). It looks
at every file, not only some tags:

- HTML and SVG: every attribute that can hold an address (URL_ATTRIBUTES), each candidate of a
  srcset, the address of a meta refresh, url() and @import in style attributes and <style>;
- CSS: url() and @import;
- JavaScript: module imports, importScripts, workers, fetch, EventSource, WebSocket and
  sendBeacon with a literal address; every other literal absolute address in code must be one
  of KNOWN_CODE_ADDRESSES, with the reason no page here ever fetches it;
- JSON (the search index, the open data, source maps): strings holding HTML are read as HTML
  (search results are shown as HTML), other absolute addresses are links;
- XML, CSV and text: absolute addresses, which are links (read, never fetched by a page);
- fonts and images: binary, no addresses.

A file of another type is a problem too: what was not looked at cannot be vouched for. An address
is judged as a browser reads it (tabs and line breaks dropped, a backslash as a slash:
macros/safety.py, browser_url): `/\\evil.example/p.png` is another host. Addresses the browser
fetches by itself must stay inside the folder; links (followed only on a click) may go anywhere.
"""
from __future__ import annotations

import gzip
import json
import re
import sys
import tempfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from macros.safety import browser_url  # noqa: E402

# Attributes that hold an address, per element ("*": any element).
URL_ATTRIBUTES = {
    "*": ("href", "src", "srcset", "poster", "data", "action", "formaction", "cite", "background", "longdesc",
          "manifest", "ping", "xlink:href", "codebase", "archive", "icon", "usemap", "lowsrc", "dynsrc"),
}
# Fetched by the browser when the page loads, without a click: (element, attribute).
FETCHED = {("script", "src"), ("img", "src"), ("img", "srcset"), ("img", "lowsrc"), ("img", "dynsrc"),
           ("iframe", "src"), ("frame", "src"), ("embed", "src"), ("object", "data"), ("object", "codebase"),
           ("object", "archive"), ("video", "src"), ("video", "poster"), ("audio", "src"), ("source", "src"),
           ("source", "srcset"), ("track", "src"), ("input", "src"), ("body", "background"), ("table", "background"),
           ("td", "background"), ("html", "manifest"), ("image", "href"), ("image", "xlink:href"), ("use", "href"),
           ("use", "xlink:href"), ("feimage", "href"), ("feimage", "xlink:href"), ("script", "xlink:href"),
           ("applet", "codebase"), ("applet", "archive"), ("command", "icon"), ("menuitem", "icon")}
# <link rel=...> values that make the browser fetch (canonical, alternate and the like do not).
FETCHED_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "apple-touch-icon-precomposed", "preload",
                "prefetch", "modulepreload", "manifest", "preconnect", "dns-prefetch", "prerender", "mask-icon"}

# Literal absolute addresses in the JavaScript the site ships, and why no page here fetches them.
KNOWN_CODE_ADDRESSES = {
    "http://www.w3.org/": "XML namespace names (SVG, XLink): identifiers, never fetched",
    "http://schemas.openxmlformats.org/": "Office Open XML namespace names that rekenblad.js writes into the .xlsx it "
                                          "builds in memory: identifiers, never fetched",
    "https://unpkg.com/mermaid@": "Material loads mermaid.js only for a diagram (class 'mermaid'), which content "
                                  "cannot carry (macros/sanitize.py, BLOCKED_CLASSES)",
    "https://unpkg.com/resize-observer-polyfill": "Material loads it only in a browser without ResizeObserver; "
                                                  "every browser the site supports has it",
    "https://api.github.com/": "Material asks it for a repository's stars only for an element with "
                               "data-md-component=source: overrides/partials/source.html has none and content "
                               "cannot carry one (macros/sanitize.py)",
    "https://*/api/v4/projects/": "the same for GitLab (data-md-component=source)",
    "https://bit.ly/2s3ChXG": "a warning Material's search worker writes to the console on a query it cannot read",
    "https://github.com/isaacs/node-glob/issues/": "an error text in lunr/wordcut.js, the word splitter for Thai, "
                                                   "which a Dutch site never loads",
}

BINARY = {".woff2", ".woff", ".ttf", ".otf", ".png", ".jpg", ".jpeg", ".webp", ".gif", ".ico", ".pdf", ".zip"}
TEXT_LINKS = {".xml", ".txt", ".csv"}

_ABSOLUTE = re.compile(r"(?i)\b(?:https?|wss?|ftp)://[^\s\"'`<>()\\]+")
# Unquoted, an address holds no "(" (CSS would need it escaped): "url(url(url(..." is read once.
_CSS_URL = re.compile(r"url\(\s*+(?:\"([^\"]*)\"|'([^']*)'|([^()\s]*+))\s*+\)", re.I)
_CSS_IMPORT = re.compile(r"@import\s+(?:\"([^\"]*)\"|'([^']*)')", re.I)
_JS_FETCH = re.compile(
    r"(?:\bimportScripts|\bimport|\bfetch|\bnew\s+(?:Shared)?Worker|\bnew\s+EventSource|\bnew\s+WebSocket|"
    r"\bsendBeacon|\bregister)\s*\(\s*(?:\"([^\"\\\n]*)\"|'([^'\\\n]*)'|`([^`\\]*)`)")
# The names before "from" are taken word by word, possessively, and never "import" itself: a file of
# "import a a a ..." or "import import ..." is read once (the list as one run of [\w\s,]+ backtracked
# through the rest of the file from every "import").
_JS_STATIC_IMPORT = re.compile(r"\bimport\s*+(?:(?:(?!from\b|import\b)(?:[\w$]++|[*{},])\s*+)++from\s*+)?[\"']([^\"'\n]+)[\"']")
_REFRESH = re.compile(r"^\s*\d*\s*[;,]?\s*(?:url\s*=\s*)?['\"]?([^'\"]*)", re.I)


def leaves(url: str) -> bool:
    """Whether the browser would ask another host (or a network at all) for this address."""
    seen = browser_url(url)
    if seen.startswith("//"):
        return True
    scheme = re.match(r"^([a-z][a-z0-9+.-]*):", seen, re.I)
    return bool(scheme) and scheme.group(1).lower() not in {"file", "data", "blob", "about", "mailto", "tel", "javascript"}


@dataclass
class Report:
    files: int = 0
    addresses: int = 0
    links: int = 0  # addresses to another host that a reader follows by clicking
    leaks: list[str] = field(default_factory=list)
    unread: list[str] = field(default_factory=list)

    def add(self, where: str, what: str, url: str, fetched: bool) -> None:
        self.addresses += 1
        if not leaves(url):
            return
        if fetched:
            self.leaks.append(f"{where}: {what} {url}")
        else:
            self.links += 1

    @property
    def problems(self) -> list[str]:
        return self.leaks + [f"{u}: niet nagekeken (onbekend bestandstype)" for u in self.unread]

    def summary(self) -> str:
        return (f"Adrescontrole: {self.addresses} adressen in {self.files} bestanden nagekeken; {self.links} links naar "
                f"elders (alleen bij een klik), {len(self.leaks)} die de browser zelf buiten de map zou opvragen.")


def _css(text: str, where: str, report: Report, what: str) -> None:
    for match in _CSS_URL.finditer(text):
        report.add(where, f"{what} url()", next(g for g in match.groups() if g is not None), True)
    for match in _CSS_IMPORT.finditer(text):
        report.add(where, f"{what} @import", match.group(1) or match.group(2), True)


class _Markup(HTMLParser):
    def __init__(self, where: str, report: Report):
        super().__init__(convert_charrefs=True)
        self.where, self.report = where, report
        self.in_style = False

    def handle_starttag(self, tag, attrs):
        tag = tag.lower()
        values = {name.lower(): value or "" for name, value in attrs}
        rels = set(values.get("rel", "").lower().split())
        for name, value in values.items():
            if name in URL_ATTRIBUTES["*"]:
                fetched = (tag, name) in FETCHED or (tag == "link" and name == "href" and bool(rels & FETCHED_RELS))
                candidates = [c.strip().split(" ")[0] for c in value.split(",")] if name == "srcset" else [value]
                for url in candidates:
                    self.report.add(self.where, f"<{tag} {name}>", url, fetched)
            elif name == "style":
                _css(value, self.where, self.report, f"<{tag} style>")
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            target = _REFRESH.match(values.get("content", ""))
            self.report.add(self.where, "<meta refresh>", target.group(1) if target else "", True)
        self.in_style = tag == "style"

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        self.in_style = False

    def handle_data(self, data):
        if self.in_style:
            _css(data, self.where, self.report, "<style>")


def _markup(text: str, where: str, report: Report) -> None:
    parser = _Markup(where, report)
    parser.feed(text)
    parser.close()


def _known_code_address(url: str) -> bool:
    for prefix in KNOWN_CODE_ADDRESSES:
        pattern = re.escape(prefix).replace(r"\*", "[^/]+")
        if re.match(pattern, url):
            return True
    return False


_WORD_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_$"
_REGEX_BEFORE = set("(,=:[!&|?{};+-*%<>~^")
_REGEX_KEYWORDS = ("return", "typeof", "case", "do", "else", "in", "of", "void", "yield", "await", "delete", "throw")


def comments(text: str) -> list[tuple[int, int]]:
    """The spans of a script's comments, in one pass: strings, template literals and regular
    expression literals are stepped over (a '//' in "https://" or in a regular expression is no comment)."""
    spans, i, n = [], 0, len(text)
    last = ""  # the last character of code before i, to tell a regular expression from a division
    while i < n:
        c = text[i]
        if c == "/" and i + 1 < n and text[i + 1] in "/*":
            end = text.find("\n", i) if text[i + 1] == "/" else text.find("*/", i + 2)
            end = n if end < 0 else end + (0 if text[i + 1] == "/" else 2)
            spans.append((i, end))
            i = end
            continue
        if c in "'\"`":
            j = i + 1
            while j < n and text[j] != c:
                if text[j] == "\\":
                    j += 1
                elif c != "`" and text[j] == "\n":
                    break
                j += 1
            i, last = j + 1, c
            continue
        if c == "/":
            before = text[max(0, i - 12):i].rstrip()
            word = before[len(before.rstrip(_WORD_CHARS)):]  # the keyword just before, if any
            if not last or last in _REGEX_BEFORE or word in _REGEX_KEYWORDS:
                j, in_class = i + 1, False
                while j < n and text[j] != "\n":
                    if text[j] == "\\":
                        j += 1
                    elif text[j] == "[":
                        in_class = True
                    elif text[j] == "]":
                        in_class = False
                    elif text[j] == "/" and not in_class:
                        break
                    j += 1
                i, last = j + 1, "/"
                continue
        if not c.isspace():
            last = c
        i += 1
    return spans


def _javascript(text: str, where: str, report: Report) -> None:
    fetched: list[tuple[int, int]] = []
    for match in _JS_FETCH.finditer(text):
        group = next(i for i in (1, 2, 3) if match.group(i) is not None)
        report.add(where, "script (opgevraagd)", match.group(group), True)
        fetched.append(match.span(group))
    for match in _JS_STATIC_IMPORT.finditer(text):
        report.add(where, "script (import)", match.group(1), True)
        fetched.append(match.span(1))
    # Every other absolute address in the file: in a comment it is text for developers; in code
    # it is known, with the reason no page here fetches it, or a problem.
    notes = comments(text)
    for match in _ABSOLUTE.finditer(text):
        if any(start <= match.start() < end for start, end in fetched):
            continue
        url = re.sub(r"\$\{[^}]*\}?", "*", match.group(0))
        if any(start <= match.start() < end for start, end in notes):
            report.add(where, "script (commentaar)", url, False)
        else:
            report.add(where, "script (adres in code)", url, not _known_code_address(url))


def _json_value(value, where: str, report: Report) -> None:
    if isinstance(value, dict):
        for item in value.values():
            _json_value(item, where, report)
    elif isinstance(value, list):
        for item in value:
            _json_value(item, where, report)
    elif isinstance(value, str):
        if "<" in value and ">" in value:
            _markup(value, where, report)  # search results are shown as HTML
        else:
            for url in _ABSOLUTE.findall(value):
                report.add(where, "gegevens", url, False)


# How a tender builder group's file starts: its HTML is checked as HTML (links may leave the site,
# nothing may be fetched from elsewhere).
GROUP_FILE = 'bbGroepen["'


def scan_file(path: Path, where: str, report: Report) -> None:
    suffix = path.suffix.lower()
    report.files += 1
    if suffix in BINARY:
        return
    if suffix == ".gz":
        data = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
        for url in _ABSOLUTE.findall(data):
            report.add(where, "gz", url, False)
        return
    text = path.read_text(encoding="utf-8", errors="replace")
    if suffix in (".html", ".htm", ".xhtml", ".svg"):
        _markup(text, where, report)
    elif suffix == ".css":
        _css(text, where, report, "CSS")
    elif suffix == ".js":
        index = re.match(r"\s*var\s+__index\s*=\s*", text)
        if index:  # the offline plugin's search index: JSON in a script
            try:
                _json_value(json.loads(text[index.end():].rstrip().rstrip(";")), where, report)
                return
            except ValueError:
                pass
        if text.startswith(GROUP_FILE):  # a tender builder group (macros/bestekbouwer_delen.py): HTML in a script
            try:
                _json_value(json.loads(text.partition("] = ")[2].rstrip().rstrip(";")), where, report)
                return
            except ValueError:
                pass
        _javascript(text, where, report)
    elif suffix in (".json", ".map", ".webmanifest"):
        try:
            _json_value(json.loads(text), where, report)
        except ValueError:
            report.unread.append(where)
    elif suffix in TEXT_LINKS:
        for url in _ABSOLUTE.findall(text):
            report.add(where, suffix[1:], url, False)
    else:
        report.files -= 1
        report.unread.append(where)


def scan(folder: Path) -> Report:
    report = Report()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        scan_file(path, path.relative_to(folder).as_posix(), report)
    return report


# One of each kind of foreign address: the check must find every one (`self_test`, each run of `make offline`).
PLANTED = {
    "a.html": '<img src="/\\evil.example/p.png"><a href="https://example.org/">link</a>'
              '<meta http-equiv="refresh" content="20;url=https://evil.example/">',
    "b.css": "body { background: url(https://evil.example/b.png) }",
    "c.js": 'importScripts("https://evil.example/w.js"); var u = "https://evil.example/x";',
    "d.svg": '<svg xmlns="http://www.w3.org/2000/svg"><image href="//evil.example/i.png"/></svg>',
    "e.js": 'bbGroepen["groep"] = "<p><a href=\\"https://example.org/b\\">b</a><img src=\\"https://evil.example/g.png\\"></p>";',
}
PLANTED_LEAKS = 7  # the image, the refresh, the CSS url, the worker script, the address in code, the SVG image, the builder's image


def self_test() -> None:
    """The check finds what was planted, or it does not run at all."""
    with tempfile.TemporaryDirectory() as tmp:
        for name, text in PLANTED.items():
            (Path(tmp) / name).write_text(text, encoding="utf-8")
        report = scan(Path(tmp))
    if len(report.leaks) != PLANTED_LEAKS or report.links != 2:
        raise SystemExit(f"De adrescontrole vindt de geplante adressen niet ({report.leaks}); ze is stuk.")


def check(folder: Path) -> tuple[Report, list[str]]:
    """The report and the problems (none found at all is a problem: the check looked at nothing)."""
    self_test()
    report = scan(folder)
    problems = report.problems
    if report.files == 0 or report.addresses == 0:
        problems = problems + [f"{folder}: geen bestanden of adressen gevonden; de controle zag niets"]
    return report, problems


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else ROOT / "site"
    report, problems = check(folder)
    print(report.summary())
    for problem in problems:
        print(f"- {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
