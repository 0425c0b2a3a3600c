"""What a data field may contain, checked where it is read (the first line of defence).

Every value in data/ comes from a pull request. These checks refuse, with a Dutch message
that says what to write instead, everything in a field that could become markup or a script
on the site: raw HTML and HTML comments, Markdown attribute lists ({: onclick=...}), link
targets other than web addresses, e-mail addresses, site-relative paths and `kind:id`
references, images from other hosts, reference-style and abbreviation definitions (which
would leak from one field into the rest of the page), link titles (Material shows them as
tooltips). Whatever slips past anyway is removed by the sanitiser over the rendered page
(macros/sanitize.py) and blocked by the Content-Security-Policy (macros/csp.py).

The messages are the tail of a sentence that starts with the field's name (see
macros/catalog.py): they start in lower case and end without a full stop.
"""
from __future__ import annotations

import difflib
import functools
import html
import re
from urllib.parse import parse_qsl, unquote, urlsplit

SAFE_SCHEMES = ("http", "https", "mailto")


@functools.lru_cache(maxsize=1)
def kind_names() -> tuple[str, ...]:
    """The kinds an inline reference "[tekst](bron:mvoo)" may name (imported late: the model imports us)."""
    from .model import KINDS

    return tuple(KINDS)

_HTML = re.compile(r"<(?:/?[A-Za-z][^>]*|!--.*?|![A-Za-z\[][^>]*|\?[^>]*)>?", re.S)
_AUTOLINK = re.compile(r"<(?:https?://|mailto:)[^<>\s]+>", re.I)
_BRACES = re.compile(r"[{}]")
_JINJA = re.compile(r"\{[{%#]")
# Every "](target rest)" of a link or image, however its text is nested: the target up to
# whitespace or the closing bracket (an optional <...> around it, as Markdown allows), then
# what follows it (a title). Images are found a second time, with their own rule.
_LINK_TARGET = re.compile(r"\]\(\s*(<[^>]*>|[^\s)]*)([^)]*)")
# An image's target, read where the "](" that closes its "![" stands (images()). It stops at a
# bracket, so a text of "![](" repeated reads each part once.
_IMAGE_TARGET = re.compile(r"\]\(\s*(<[^<>]*>|[^\s)\[\]]*)")
_BRACKET = re.compile(r"[\[\]]")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
# What a reference may look like before the catalog checks it: a word, ':', then id characters
# (and an #anchor the catalog refuses with its own message). Nothing that could run as a script URL.
_REFERENCE_TARGET_CHARS = re.compile(r"^[A-Za-zÀ-ÿ']+:[A-Za-z0-9À-ÿ_#.-]+$")
_CONTROL = re.compile(r"[\x00-\x20\x7f]")
# Characters that are never part of a web address as typed (RFC 3986), or that would end
# the address in Markdown or HTML.
_URL_FORBIDDEN = re.compile(r"[\s\"'<>\\^`{|}\x00-\x1f\x7f]")


# Prefixes editors type for a kind: the plural, or the word readers see. A link with one of these
# (or with a kind in capitals) is a reference gone wrong, not a hostile scheme: macros/catalog.py
# names the right prefix with the whole target ("Bedoelde je 'bron:tool'?").
_SYNONYMS = {"hulpbron": "bron", "hulpbronnen": "bron", "bronnen": "bron", "stappen": "stap",
             "processtap": "stap", "ambities": "ambitie", "strategieen": "strategie", "strategieën": "strategie",
             "valkuilen": "valkuil", "fabel": "valkuil", "voorbeelden": "voorbeeld", "praktijkvoorbeeld": "voorbeeld",
             "begrippen": "begrip", "term": "begrip", "themas": "thema", "thema's": "thema", "regels": "regel",
             "regelgeving": "regel"}


def prefix_synonyms() -> dict[str, str]:
    return {**_SYNONYMS, **{k: k for k in kind_names()}}


def _reference_like(name: str) -> bool:
    lower = name.lower()
    return lower in prefix_synonyms() or bool(difflib.get_close_matches(lower, kind_names(), n=1, cutoff=0.6))


def _compact(target: str) -> str:
    """A link target as a browser reads it: entities decoded, whitespace and controls dropped, a
    backslash read as a slash (so "/\\evil.example" is another host, as it is to a browser)."""
    return browser_url(_CONTROL.sub("", html.unescape(target)).strip())


# What the WHATWG URL parser drops or rewrites before it reads a scheme or a host: C0 controls and
# spaces at either end, tabs and line breaks anywhere, and a backslash, which it reads as "/" in
# http(s) and relative addresses. Judging the address as typed would call "/\\evil.example" a path.
_URL_EDGES = "".join(chr(c) for c in range(0x21))
_URL_INSIDE = re.compile(r"[\t\n\r]")


def browser_url(value: str) -> str:
    """An address as a browser reads it, for judging its scheme and host."""
    return _URL_INSIDE.sub("", value.strip(_URL_EDGES)).replace("\\", "/")


# One address: no list (',' or ';'), no display name, no line break (a header of its own).
_MAIL_ADDRESS = re.compile(r"^[^@\s,;<>()\[\]\\\"]{1,64}@[A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,63}$")
_HEADER_BREAK = re.compile(r"%0[ad]|[\r\n]", re.I)


def mailto_problem(url: str) -> str | None:
    """Why a mailto: address is not allowed, or None: one address and at most a subject. Other
    fields (cc, bcc, body) and line breaks would let a link write a mail the reader did not mean."""
    shown = url[:60]
    if _HEADER_BREAK.search(url):
        return (f"heeft een e-maillink met een regeleinde ('{shown}'). Een e-maillink bevat alleen een adres en "
                "eventueel een onderwerp: mailto:naam@voorbeeld.be?subject=Onderwerp")
    rest = url.split(":", 1)[1] if ":" in url else ""
    address, _, query = rest.partition("?")
    if not _MAIL_ADDRESS.match(unquote(address)):
        return (f"heeft een e-maillink die geen enkel e-mailadres is ('{shown}'). Schrijf één adres, zoals "
                "mailto:naam@voorbeeld.be (een tweede adres zet je in een eigen link)")
    fields = [name.lower() for name, _ in parse_qsl(query, keep_blank_values=True)] if query else []
    if any(name != "subject" for name in fields) or len(fields) > 1:
        return (f"heeft een e-maillink met meer dan een adres en een onderwerp ('{shown}'). Na het adres mag alleen "
                "?subject=... staan; cc, bcc en body niet")
    return None


def target_problem(target: str, image: bool = False) -> str | None:
    """Why a link or image target is not allowed in data, or None when it is."""
    raw = target[1:-1] if target.startswith("<") and target.endswith(">") else target
    compact = _compact(raw)
    if not compact:
        return "heeft een link zonder adres. Schrijf [tekst](https://...) of [tekst](bron:id)"
    scheme = _SCHEME.match(compact)
    if image:
        if scheme or compact.startswith("//"):
            return (f"toont een afbeelding die niet van de site zelf komt ('{raw[:60]}'). Afbeeldingen komen alleen "
                    "uit docs/assets/images/: een andere website zou zien wie welke pagina leest")
        if compact.startswith("/"):
            return (f"toont een afbeelding met een pad vanaf de schijf ('{raw[:60]}'). Schrijf het pad vanaf de pagina, "
                    "zoals ../assets/images/naam.png: zo werkt het ook in de offline bundel")
        return None
    if compact.startswith("//"):
        return f"heeft een link zonder https: ('{raw[:60]}'). Schrijf het volledige adres, beginnend met https://"
    if scheme is None:
        return None  # a path on the site itself
    name = scheme.group(1)
    if name in SAFE_SCHEMES:
        if raw != compact and name != "mailto":
            return f"heeft een webadres met spaties of tekens die er niet in horen ('{raw[:60]}'). Schrijf een spatie als %20"
        if name == "mailto":
            return mailto_problem(compact)
        return None
    if _reference_like(name) and raw == compact and _REFERENCE_TARGET_CHARS.match(raw):
        # A reference to an entry, right or wrong: the catalog checks it against the data and names
        # the closest valid one. Whatever it does not resolve stops the build there.
        return None
    guess = difflib.get_close_matches(name.lower(), SAFE_SCHEMES, n=1, cutoff=0.6)
    hint = f" Bedoelde je '{guess[0]}:'?" if guess else ""
    return (f"heeft een link met '{name}:' ('{raw[:60]}').{hint} Alleen webadressen (https://...), e-mailadressen "
            "(mailto:...), pagina's van de site en verwijzingen als [tekst](bron:id) zijn toegelaten")


# Invisible characters a text never needs: control characters (a NUL ends strings in other programs)
# and the bidirectional controls that make a reviewer read a diff differently from the site ("Trojan
# Source"). Line breaks and tabs are whitespace, handled by YAML and Markdown. And what XML 1.0 cannot
# hold at all, so that the feed, the open data and the print page stay well-formed: U+FFFE, U+FFFF
# and the halves of a UTF-16 pair (a double-quoted YAML value can write them as "\uFFFE", "\ud800").
_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff\ufffe\uffff]")


def _invisible_problem(value: str) -> str | None:
    found = _INVISIBLE.search(value)
    if found:
        code = ord(found.group(0))
        if 0xD800 <= code <= 0xDFFF:
            what = f"een halve UTF-16-code (U+{code:04X}), geen teken"
        elif code in (0xFFFE, 0xFFFF):
            what = f"een niet-teken (U+{code:04X}) dat geen enkel bestandsformaat mag bevatten"
        else:
            what = f"een onzichtbaar stuurteken (U+{code:04X})"
        return (f"bevat een teken dat niet in een tekst hoort: {what} na '{value[:found.start()][-30:]}'. Zulke tekens "
                "komen mee bij kopiëren uit sommige programma's, of door een code als \\u0001 tussen dubbele "
                "aanhalingstekens; typ dat stuk van de tekst opnieuw")
    return None


def invisible_problem(value: str) -> str | None:
    """Why a value of any kind of text field (a page path, a version) holds a character no text may hold."""
    return _invisible_problem(value)


def text_problem(value: str) -> str | None:
    """Why a plain-text field (a title, a definition, a question) is not allowed, or None."""
    invisible = _invisible_problem(value)
    if invisible:
        return invisible
    if _JINJA.search(value):
        return "bevat '{{', '{%' of '{#'. Die tekens zijn voorbehouden voor de opmaak van de site"
    if "<" in value or ">" in value:
        return ("bevat '<' of '>'. Dit veld is gewone tekst zonder opmaak (het komt ook in titels, tooltips en de "
                "feed): schrijf 'kleiner dan' of 'groter dan' in woorden, of gebruik ≤ en ≥")
    return None


def term_problem(value: str) -> str | None:
    """Why a glossary term or alias is not allowed, or None: each becomes a Markdown abbreviation
    definition ("*[term]: definition"), which a bracket or a line break would garble."""
    problem = text_problem(value)
    if problem:
        return problem
    if "[" in value or "]" in value:
        return "bevat '[' of ']'. Een term of alias wordt overal een tooltip; laat de haakjes weg"
    if "\n" in value:
        return "loopt over meer dan één regel. Schrijf een term of alias op één regel"
    return None


def images(value: str) -> list[str]:
    """The target of every image ("![alt](target)"), also with brackets in its alt text: each "]"
    closes the latest "[", and an image's "](" is the one that closes its "![". One pass: the
    regular expression "!\\[[^\\]]*\\]\\(" read from every "![" to the next "]" and missed an
    image whose alt text holds brackets."""
    closers, stack = [], []
    closing = -1  # also the first "]" after each "![" (what Markdown does when the alt text is unbalanced)
    for bracket in _BRACKET.finditer(value):
        at = bracket.start()
        if bracket.group(0) == "[":
            image = at > 0 and value[at - 1] == "!"
            stack.append(image)
            if image and closing < at:
                closing = value.find("]", at)
                if closing >= 0:
                    closers.append(closing)
        elif stack and stack.pop():
            closers.append(at)
    targets = []
    for at in sorted(set(closers)):
        target = _IMAGE_TARGET.match(value, at)
        if target:
            targets.append(target.group(1))
    return targets


def _definition(value: str, opener: str, empty: bool) -> bool:
    """Whether a line starts (after at most three spaces) with `opener`, a label without "]" (it may
    span lines; empty only if `empty`) and "]:": what "^ {0,3}\\[[^\\]]+\\]:" (re.M) finds, in one
    pass. The expression read from every such line to the next "]", once per line."""
    closing = -1  # the next "]" after the last label looked at
    start = 0
    while start <= len(value):
        end = value.find("\n", start)
        end = len(value) if end < 0 else end
        line = value[start:min(end, start + 3 + len(opener))]
        label = start + (len(line) - len(line.lstrip(" ")))
        if label - start <= 3 and value.startswith(opener, label):
            label += len(opener)
            if closing < label:
                closing = value.find("]", label)
                if closing < 0:
                    return False
            if (closing > label or empty) and value.startswith(":", closing + 1):
                return True
        start = end + 1
    return False


def markdown_problem(value: str) -> str | None:
    """Why a Markdown field is not allowed, or None."""
    invisible = _invisible_problem(value)
    if invisible:
        return invisible
    if _JINJA.search(value):
        return "bevat '{{', '{%' of '{#'. Die tekens zijn voorbehouden voor de opmaak van de site"
    for tag in _HTML.finditer(value):
        if _AUTOLINK.fullmatch(tag.group(0)):
            continue
        shown = tag.group(0)[:40]
        if shown.startswith("<!--"):
            return "bevat een HTML-commentaar ('<!--'). Laat het weg: lezers en nakijkers zien het niet, de site wel"
        return (f"bevat HTML ('{shown}'). Gebruik Markdown: **vet**, *schuin*, [tekst](https://...) "
                "of '- ' voor een opsomming")
    if _BRACES.search(value):
        return ("bevat accolades ({ of }). In Markdown voegen die HTML-attributen toe; ze zijn niet toegelaten in "
                "data/. Schrijf ze in woorden of laat ze weg")
    if _definition(value, "*[", empty=True):
        return ("bevat een afkortingsdefinitie ('*[...]:'). Afkortingen en hun uitleg horen in data/begrippen.yml "
                "(term of aliassen)")
    if _definition(value, "[", empty=False):
        return ("bevat een linkdefinitie ('[naam]: adres'). Schrijf de link op de plaats zelf: "
                "[tekst](https://...) of [tekst](bron:id)")
    for target in images(value):
        problem = target_problem(target, image=True)
        if problem:
            return problem
    for match in _LINK_TARGET.finditer(value):
        target, rest = match.group(1), match.group(2).strip()
        problem = target_problem(target)
        if problem:
            return problem
        if rest:
            return (f"heeft een link met een titel ('{rest[:40]}'). Titels van links worden tooltips en zijn niet "
                    "toegelaten in data/: zet de uitleg in de tekst")
    return None


def url_problem(value: str) -> str | None:
    """Why a web address field is not allowed, or None (it must be a complete http(s) address)."""
    invisible = _invisible_problem(value)
    if invisible:
        return invisible
    bad = _URL_FORBIDDEN.search(value)
    if bad:
        char = bad.group(0)
        shown = {" ": "een spatie", "\t": "een tab", "\n": "een regeleinde"}.get(char, f"'{char}'")
        return (f"'{value[:80]}' bevat {shown}, dat niet in een webadres hoort. Kopieer het adres uit de adresbalk "
                "van je browser (een spatie schrijf je als %20)")
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018  (raises ValueError for a port that is not a number)
    except ValueError:
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname or "." not in parts.hostname:
        return (f"'{value[:80]}' is geen volledig webadres. Een adres begint met https:// (of http://) en "
                "bevat een domeinnaam, zoals https://www.vlaanderen-circulair.be/")
    if "[" in value or "]" in value:
        return f"'{value[:80]}' bevat '[' of ']'. Schrijf ze als %5B en %5D"
    return None
