"""The hostile-input corpus: what a stranger's pull request could put in data/ or docs/.

Each payload goes into one place of a copy of the real repository (a field of one entry of a
data file, or the end of a hand-written page) and is run through a real `mkdocs build --strict`
by tests/test_hostile.py. Two outcomes count as safe:

- "refused": the build stops with the usual Dutch message (file, line, entry, field and the
  fix), and `says` is part of it;
- "inert": the build succeeds and, in Chromium, every element that carries the payload's
  marker (XSSnn) is hovered and clicked: no dialog opens, no element has an event-handler
  attribute, no link goes to a script URL, no Content-Security-Policy violation is reported
  (the sanitiser, not the CSP, must have stopped it).

`where` is "data/<file>#<id>.<field>" (a strategy: "data/ambities.yml#<ambition>/<strategy>.<field>";
a list field takes the value as its first element), "docs/<page>.md" (appended to the page), or
a data file with `raw` set: the payload is the file itself (alias bombs, nesting, encodings).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional


@dataclass(frozen=True)
class Payload:
    id: str
    family: str
    where: str
    value: str
    expect: str  # "refused" or "inert"
    says: Optional[str] = None  # part of the refusal message
    page: Optional[str] = None  # where to look for an inert payload (site-relative)
    raw: Optional[str] = None  # "file": `value` is the whole file; "latin-1": the file saved as Latin-1 (more below)


STEP = "data/stappen.yml#behoefte"
TERM = "data/begrippen.yml#levenscyclusanalyse"
RESOURCE = "data/bronnen.yml#mvoo-criteriatool"
EXAMPLE = "data/voorbeelden.yml#zas-hechtsets"
PITFALL = "data/valkuilen.yml#greenwashing"
STRATEGY = "data/ambities.yml#minder-materiaal/delen"
HTML = "bevat HTML"
SCHEME = "Alleen webadressen (https://...)"

PAYLOADS = [
    # --- event handlers -------------------------------------------------------------------
    Payload("img-onerror", "event handler", f"{STEP}.samenvatting", "Tekst <img src=x onerror=alert('XSS01')>", "refused", HTML),
    Payload("svg-onload", "event handler", f"{PITFALL}.kort", "<svg/onload=alert('XSS02')>", "refused", HTML),
    Payload("attr-list-line", "event handler", f"{STEP}.waarom", "Tekst XSS03\n{: onmouseover=\"alert('XSS03')\" }", "refused", "accolades"),
    Payload("attr-list-inline", "event handler", f"{STRATEGY}.beschrijving", "[XSS04](https://example.org){: onclick=\"alert(1)\" }", "refused", "accolades"),
    Payload("attr-list-in-plain-text", "event handler", f"{STEP}.kernvraag", "Vraag XSS05?\n{: onmouseover=\"alert('XSS05')\" }", "inert", page="stappen/behoefte.html"),
    Payload("details-ontoggle", "event handler", f"{EXAMPLE}.wat", "<details open ontoggle=alert('XSS06')>x</details>", "refused", HTML),
    Payload("md-in-html", "event handler", f"{TERM}.toelichting", "<div markdown onclick=alert('XSS07')>x</div>", "refused", HTML),
    Payload("mixed-case-script", "event handler", f"{RESOURCE}.beschrijving", "<ScRiPt>alert('XSS08')</sCrIpT>", "refused", HTML),
    Payload("style-element", "event handler", f"{STEP}.te_doen", "Doe iets XSS09 <style>body{display:none}</style>", "refused", HTML),
    # --- script URLs ----------------------------------------------------------------------
    Payload("javascript-url", "script URL", f"{STEP}.samenvatting", "[XSS10](javascript:alert(1))", "refused", SCHEME),
    Payload("javascript-favicon", "script URL", f"{STEP}.samenvatting",
            "[XSS11](javascript:alert(1)//../assets/images/favicon.png)", "refused", SCHEME),
    Payload("javascript-mixed-case", "script URL", f"{PITFALL}.werkelijkheid", "[XSS12](JaVaScRiPt:alert(1))", "refused", SCHEME),
    Payload("javascript-tab-entity", "script URL", f"{PITFALL}.werkelijkheid", "[XSS13](java&#x09;script:alert(1))", "refused", SCHEME),
    Payload("javascript-decimal-entity", "script URL", f"{PITFALL}.werkelijkheid", "[XSS14](&#106;avascript:alert(1))", "refused", SCHEME),
    Payload("javascript-named-colon", "script URL", f"{PITFALL}.werkelijkheid", "[XSS15](javascript&colon;alert(1))", "refused", SCHEME),
    Payload("javascript-angle", "script URL", f"{STRATEGY}.beschrijving", "[XSS16](<javascript:alert(1)>)", "refused", HTML),
    Payload("javascript-leading-space", "script URL", f"{STRATEGY}.beschrijving", "[XSS17]( javascript:alert(1))", "refused", SCHEME),
    Payload("vbscript-url", "script URL", f"{STRATEGY}.beschrijving", "[XSS18](vbscript:msgbox(1))", "refused", SCHEME),
    Payload("nested-brackets", "script URL", f"{STEP}.waarom", "[[[XSS19]]](javascript:alert(1))", "refused", SCHEME),
    Payload("reference-prefix-case", "script URL", f"{STEP}.waarom", "[XSS20](Bron:mvoo-criteriatool)", "refused", "Bedoelde je 'bron:mvoo-criteriatool'?"),
    # --- data: URLs -----------------------------------------------------------------------
    Payload("data-html", "data URL", f"{EXAMPLE}.wat",
            "[XSS21](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", "refused", SCHEME),
    Payload("data-svg-image", "data URL", f"{EXAMPLE}.wat", "![XSS22](data:image/svg+xml,%3Csvg%20onload=alert(1)%3E)", "refused",
            "afbeelding die niet van de site zelf komt"),
    # --- SVG ------------------------------------------------------------------------------
    Payload("svg-script", "SVG", f"{TERM}.toelichting", "<svg><script>alert('XSS23')</script></svg>", "refused", HTML),
    Payload("url-field-breakout", "SVG", f"{RESOURCE}.url", "https://example.org/a)<svg/onload=alert('XSS24')>", "refused",
            "dat niet in een webadres hoort"),
    # --- reference-style links ------------------------------------------------------------
    Payload("reference-definition", "reference link", f"{STEP}.samenvatting", "[XSS25][x]\n\n[x]: javascript:alert(1)", "refused",
            "linkdefinitie"),
    Payload("reference-definition-alone", "reference link", f"{PITFALL}.kort", "XSS26\n\n[x]: javascript:alert(1)", "refused", "linkdefinitie"),
    Payload("abbreviation-definition", "reference link", f"{PITFALL}.kort",
            "Tekst XSS27\n\n*[Tekst]: <img src=x onerror=alert(1)>", "refused", HTML),
    Payload("abbreviation-definition-plain", "reference link", f"{PITFALL}.kort", "Tekst\n\n*[Tekst]: XSS28 uitleg", "refused",
            "afkortingsdefinitie"),
    # --- autolinks ------------------------------------------------------------------------
    Payload("autolink-javascript", "autolink", f"{EXAMPLE}.wat", "<javascript:alert('XSS29')>", "refused", HTML),
    Payload("autolink-quote-breakout", "autolink", f"{EXAMPLE}.wat",
            "Zie <https://example.org/XSS30\"onmouseover=\"alert(1)>", "inert", page="voorbeelden.html"),
    # --- HTML comments --------------------------------------------------------------------
    Payload("comment", "HTML comment", f"{STEP}.waarom", "Tekst <!-- <img src=x onerror=alert('XSS31')> -->", "refused",
            "HTML-commentaar"),
    Payload("comment-unclosed", "HTML comment", f"{STEP}.waarom", "Tekst <!-- XSS32", "refused", "HTML-commentaar"),
    # --- title and attribute breakouts ----------------------------------------------------
    Payload("link-title-entity-tag", "title breakout", f"{STEP}.samenvatting",
            "[XSS33](https://example.org \"&lt;img src=x onerror=alert(1)&gt;\")", "refused", "titel"),
    Payload("link-title-quote", "title breakout", f"{STEP}.samenvatting",
            "[XSS34](https://example.org \"x\" onmouseover=\"alert(1)\")", "refused", "titel"),
    Payload("definition-tag", "title breakout", f"{TERM}.definitie", "LCA <img src=x onerror=alert('XSS35')>", "refused", "'<' of '>'"),
    Payload("definition-entity-tag", "title breakout", f"{TERM}.definitie",
            "XSS36 &lt;img src=x onerror=alert(1)&gt; uitleg", "inert", page="valkuilen/aankoopprijs.html"),
    Payload("title-quote", "title breakout", f"{STEP}.titel", "Behoefte XSS37\" onmouseover=\"alert(1)", "inert",
            page="stappen/behoefte.html"),
    Payload("title-tag", "title breakout", f"{STEP}.titel", "Behoefte \"><img src=x onerror=alert('XSS38')>", "refused",
            "'<' of '>'"),
    Payload("url-quote", "title breakout", f"{EXAMPLE}.bron", "https://example.org/\"onmouseover=\"alert('XSS39')", "refused",
            "dat niet in een webadres hoort"),
    Payload("alias-bracket", "title breakout", f"{TERM}.aliassen", "LCA]: XSS40 <b>x</b>", "refused", "'<' of '>'"),
    Payload("alias-bracket-plain", "title breakout", f"{TERM}.aliassen", "LC]A XSS41", "refused", "'[' of ']'"),
    Payload("entity-script-text", "title breakout", f"{PITFALL}.werkelijkheid",
            "XSS42 &lt;script&gt;alert(1)&lt;/script&gt;", "inert", page="valkuilen/greenwashing.html"),
    # --- privacy: images from elsewhere, protocol-relative links ---------------------------
    Payload("tracking-pixel", "other host", f"{STEP}.waarom", "![XSS43](https://tracker.example/p.png)", "refused",
            "afbeelding die niet van de site zelf komt"),
    Payload("protocol-relative", "other host", f"{STEP}.waarom", "[XSS44](//evil.example/)", "refused", "zonder https:"),
    # --- the file itself: alias bombs, oversized input, bad encodings -----------------------
    Payload("alias-bomb", "alias bomb", "data/themas.yml",
            "# XSS52\n" + "".join(f"- &{chr(97 + i)} [" + ",".join([f"*{chr(96 + i)}"] * 9 if i else ["x"] * 9) + "]\n"
                                    for i in range(9)), "refused", "YAML-ankers en -verwijzingen", raw="file"),
    Payload("nesting", "alias bomb", "data/themas.yml",
            "# XSS53\n- id: textiel\n  naam: " + "[" * 1000 + "]" * 1000 + "\n", "refused", "niveaus diep genest", raw="file"),
    Payload("oversized-file", "oversized input", "data/themas.yml", "# XSS54 " + "x" * 17_000_000 + "\n", "refused",
            "mag hoogstens 16 MB zijn", raw="file"),
    Payload("oversized-field", "oversized input", f"{PITFALL}.werkelijkheid", "XSS55 " + "Lange tekst. " * 500, "refused",
            "hier mogen hoogstens 5000 tekens staan"),
    Payload("oversized-id", "oversized input", f"{PITFALL}.id", "XSS56-" + "a" * 300, "refused", "hoogstens 60 tekens"),
    Payload("latin-1", "bad encoding", "data/themas.yml", "XSS57 patiënten", "refused", "niet opgeslagen als UTF-8",
            raw="latin-1"),
    Payload("nul-byte", "bad encoding", f"{STEP}.samenvatting", "Tekst XSS58 \x00 met een nul", "refused",
            "bevat een teken dat niet in een tekst hoort"),
    Payload("bidi-override", "bad encoding", f"{PITFALL}.kort", "Veilig XSS59 \u202egnp.exe", "refused",
            "bevat een teken dat niet in een tekst hoort"),
    # --- hand-written pages: the sanitiser is the only line (raw HTML is allowed there) -----
    Payload("page-img-onerror", "page HTML", "docs/over.md", "<p>XSS45 <img src=x onerror=alert(1)></p>", "inert", page="over.html"),
    Payload("page-script", "page HTML", "docs/over.md", "<script>alert('XSS46')</script><p>XSS46</p>", "inert", page="over.html"),
    Payload("page-javascript-link", "page HTML", "docs/over.md", "<a href=\"javascript:alert(1)\">XSS47</a>", "inert",
            page="over.html"),
    Payload("page-iframe", "page HTML", "docs/over.md", "<iframe src=\"https://example.org/\"></iframe><p>XSS48</p>", "inert",
            page="over.html"),
    Payload("page-svg-onload", "page HTML", "docs/over.md", "<svg onload=\"alert(1)\" class=\"XSS49\" width=\"40\" height=\"20\"></svg>", "inert",
            page="over.html"),
    Payload("page-form-action", "page HTML", "docs/over.md",
            "<form action=\"https://evil.example/\"><button formaction=\"javascript:alert(1)\">XSS50</button></form>", "inert",
            page="over.html"),
    Payload("page-abbr-title", "page HTML", "docs/over.md",
            "<p><abbr title=\"&lt;img src=x onerror=alert(1)&gt;\">XSS51</abbr></p>", "inert", page="over.html"),
]


# === Issue 21, sections 6 to 8 (h21b) ====================================================================
# What no output may hold, slow and hungry inputs, and every way to a traceback or an English message.
# All refused by the data check with one Dutch message; none reaches feed.xml, the open data or the PDF.
# Markers XSS2nn (three digits: marker() in tests/test_hostile.py reads them whole).
# New `raw` kinds: "yaml" (the value is written as YAML, unquoted, into the field), "utf-16" (the file
# saved as UTF-16), "map" (the file is a folder), "link" (the file is a symbolic link to a copy outside
# the repository), "link-map" (data/ itself is a link to a copy elsewhere).


def _first_note() -> str:
    """The id of the first change note: a payload aimed at it follows the data, whatever editors rename."""
    from pathlib import Path

    import yaml

    notes = yaml.safe_load((Path(__file__).resolve().parent.parent / "data" / "wijzigingen.yml").read_text(encoding="utf-8"))
    return notes[0]["id"]


NOTE = f"data/wijzigingen.yml#{_first_note()}"
NONCHAR = "niet-teken"
TYPE = "type (tag)"

PAYLOADS += [
    # --- section 6: characters XML cannot hold (the feed, the open data, the print page) ---------------------
    Payload("note-fffe", "XML-invalid character", f"{NOTE}.titel", "Nieuw XSS201 \ufffe", "refused", NONCHAR),
    Payload("field-ffff", "XML-invalid character", f"{STEP}.samenvatting", "Tekst XSS202 \uffff", "refused", NONCHAR),
    Payload("control-escaped", "XML-invalid character", f"{PITFALL}.kort", "Tekst XSS203 \x01", "refused",
            "onzichtbaar stuurteken (U+0001)"),
    Payload("note-lone-surrogate", "XML-invalid character", f"{NOTE}.wat", "Tekst XSS204 \ud800", "refused", "halve UTF-16-code"),
    Payload("url-lone-surrogate", "XML-invalid character", f"{RESOURCE}.url", "https://example.org/XSS205\udfff", "refused",
            "halve UTF-16-code"),
    Payload("page-path-fffe", "XML-invalid character", f"{NOTE}.paginas", '["over\\uFFFEXSS206.md"]', "refused", NONCHAR,
            raw="yaml"),
    Payload("control-in-file", "XML-invalid character", "data/themas.yml",
            "- id: t\n  naam: a\x01 XSS207\n  beschrijving: b\n", "refused", "stuurteken (U+0001", raw="file"),
    Payload("fffe-in-file", "XML-invalid character", "data/themas.yml",
            "- id: t\n  naam: a\ufffe XSS208\n  beschrijving: b\n", "refused", "stuurteken (U+FFFE", raw="file"),
    # --- section 7: slow and hungry inputs ------------------------------------------------------------------
    Payload("flow-list-16mb", "oversized input", "data/themas.yml", "# XSS210\n[" + ",".join(["a"] * 7_900_000) + "]\n",
            "refused", "onderdelen (velden, waarden en lijstpunten samen)", raw="file"),
    Payload("many-lines", "oversized input", "data/themas.yml", "# XSS211\n" + "#\n" * 600_000, "refused",
            "regels; een gegevensbestand mag er hoogstens", raw="file"),
    Payload("many-fields", "oversized input", "data/themas.yml",
            "- id: t\n  naam: XSS212\n" + "".join(f"  veld{i}: x\n" for i in range(150)), "refused", "meer dan 100 velden",
            raw="file"),
    Payload("long-list", "oversized input", "data/themas.yml",
            "- id: t\n  naam: XSS213\n  beschrijving: x\n  extra: [" + ",".join(["a"] * 2_000) + "]\n", "refused",
            "meer dan 1000 elementen", raw="file"),
    Payload("broken-entries", "oversized input", "data/themas.yml",
            "# XSS214\n" + "".join(f"- id: t{i}\n  naam: a: b\n" for i in range(4_000)), "refused", "YAML-syntaxfout",
            raw="file"),
    # --- section 8: never a traceback, never English ---------------------------------------------------------
    Payload("int-5000-digits", "message", f"{STEP}.nummer", "1" * 5000 + "  # XSS220", "refused", "geheel getal", raw="yaml"),
    Payload("int-hex-20000-bits", "message", f"{STEP}.nummer", "0x" + "f" * 5000 + "  # XSS221", "refused", "geheel getal",
            raw="yaml"),
    Payload("float-infinite", "message", f"{STEP}.nummer", ".inf  # XSS222", "refused", "geheel getal", raw="yaml"),
    Payload("tag-python-object", "message", f"{STEP}.titel", "!!python/object/apply:os.system ['id']  # XSS223", "refused",
            TYPE, raw="yaml"),
    Payload("tag-int", "message", f"{STEP}.nummer", "!!int abc  # XSS224", "refused", TYPE, raw="yaml"),
    Payload("tag-own", "message", f"{STEP}.titel", "!eigen XSS225", "refused", TYPE, raw="yaml"),
    Payload("escaped-surrogate", "message", f"{STEP}.titel", '"Stap \\ud800 XSS226"', "refused", "halve UTF-16-code", raw="yaml"),
    Payload("date-out-of-range", "message", f"{NOTE}.datum", "10000-01-01  # XSS227", "refused", "JJJJ-MM-DD", raw="yaml"),
    Payload("merge-key", "message", "data/themas.yml", "- id: t\n  <<: {naam: XSS228}\n  beschrijving: b\n", "refused",
            "'<<' voegt in YAML stukken samen", raw="file"),
    Payload("directive", "message", "data/themas.yml", "%TAG ! tag:evil.example,2026:\n---\n- id: t\n  naam: XSS229\n",
            "refused", "YAML-instructie", raw="file"),
    Payload("list-as-key", "message", "data/themas.yml", "- id: t\n  ? [a, b]\n  : XSS230\n", "refused",
            "veldnaam is hier een lijst", raw="file"),
    Payload("duplicate-key", "message", "data/themas.yml", "- id: t\n  naam: a\n  naam: XSS231\n  beschrijving: b\n",
            "refused", "staat twee keer in hetzelfde item", raw="file"),
    Payload("utf-16", "message", "data/themas.yml", "- id: t\n  naam: XSS232\n", "refused", "niet opgeslagen als UTF-8",
            raw="utf-16"),
    Payload("bom-in-field", "message", f"{PITFALL}.kort", "Tekst XSS238 \ufeff verder", "refused",
            "onzichtbaar stuurteken (U+FEFF)"),
    Payload("data-file-is-a-folder", "message", "data/themas.yml", "XSS233", "refused", "is een map, geen bestand", raw="map"),
    # h21a refuses links in docs/ and data/ in the build as well; the data check says it first, in these words.
    Payload("data-file-is-a-link", "message", "data/themas.yml", "- id: t\n  naam: XSS234\n", "refused",
            "symbolische link", raw="link"),
    Payload("data-folder-is-a-link", "message", "data/", "XSS235", "refused", "symbolische link", raw="link-map"),
    Payload("link-check-nested", "message", "data/linkcontrole.json", '{"XSS236": ' + "[" * 100_000 + "]" * 100_000 + "}",
            "refused", "te diep genest", raw="file"),
    Payload("link-check-5000-digits", "message", "data/linkcontrole.json",
            '{"adressen": {"https://example.org/XSS237": ' + "1" * 5000 + "}}", "refused", "te veel cijfers", raw="file"),
]
