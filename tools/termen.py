"""Terminology check: one word per concept across the site, by the list in data/termen.yml.

    python3 tools/termen.py            # check the project; exit 1 and list every finding

Each entry of data/termen.yml names the word we use (`voorkeur`) and the forms we do not use
(`niet`). The check searches the text readers see, in the files it comes from, and reports
file, line, the form found and the preferred word:

- data/*.yml and data/criteria/*.yml: every text value, except ids, references, web addresses,
  fixed choices and the fields `term` and `aliassen` of data/begrippen.yml (the glossary names
  other spellings on purpose, so they get the tooltip); YAML comments are not text of the site;
- docs/**/*.md, macros/templates/*.j2, overrides/**/*.html: the text, without link targets,
  web addresses, Jinja tags and comments;
- docs/assets/javascripts/**/*.js: the strings, without comments.

It runs in `make test` (tests/test_termen.py). Matching ignores case unless an entry says
`hoofdlettergevoelig: true`, and only whole words count ("facility" is found in
"facility-verantwoordelijke", not in "facilitair").

An entry's `behalve` lists where its banned forms are allowed: a file ("data/regels.yml"), files
by pattern ("data/criteria/*.yml"), or one field of a data file ("data/criteria/*.yml, veld tekst":
the clause of a criterion is pasted into a bestek, which names the contractor "opdrachtnemer").
An exception that matches no file the check reads is itself a finding: it would allow nothing.
"""
from __future__ import annotations

import fnmatch
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from macros.spans import Close, Delimited  # noqa: E402

TERMS_FILE = "data/termen.yml"
# Lists that name the words we do not use on purpose: this one, and the buyer's search words
# (data/zoekwoorden.yml: what people type, so the search finds the site's word).
NOT_SITE_TEXT = {TERMS_FILE, "data/zoekwoorden.yml"}

# Keys whose values are not prose: ids, references, addresses, fixed choices, dates, numbers.
SKIP_KEYS = {"id", "url", "bron", "soort", "taal", "letter", "nummer", "gecontroleerd", "voorzieningen",
             "stappen", "ambities", "strategieen", "valkuilen", "voorbeelden", "bronnen", "begrippen",
             "themas", "zie_ook", "regels",
             # data/wijzigingen.yml: the entries and pages a change note names ("strategie:terugname-refurbishing")
             "items", "paginas"}
# The glossary names the other spellings on purpose.
SKIP_KEYS_PER_FILE = {"data/begrippen.yml": {"term", "aliassen"}}

# A target holds no "]": a try that fails ends before the next "](" (a page of "](" repeated is read once).
LINK_TARGET_RE = re.compile(r"\]\([^)\s\]]*(?:\s+\"[^\"]*\")?\)")
URL_RE = re.compile(r"(?:https?|mailto|file):[^\s)\"'<>]+")
# What r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", r"<!--.*?-->" and r"/\*.*?\*/|(?<![:\\\"'])//[^\n]*" (re.S)
# find, read once (macros/spans.py): those read to the end of a page from every unclosed "{{".
JINJA_RE = Delimited(re.compile(r"\{[{%#]"), lambda m: Close({"{{": "}}", "{%": "%}", "{#": "#}"}[m.group(0)]))
HTML_COMMENT_RE = Delimited(re.compile("<!--"), lambda m: Close("-->"))
JS_COMMENT_RE = Delimited(re.compile(r"/\*|(?<![:\\\"'])//"),
                          lambda m: Close("*/") if m.group(0) == "/*" else Close("\n", inclusive=False, optional=True))
ATTR_LIST_RE = re.compile(r"\{ ?[#.][^{}\n]*\}")  # { #anker } and { .klasse } of Markdown (no "{" inside: read once)
# One exception: a file or a file pattern, optionally narrowed to one field ("data/x.yml, veld tekst").
# Plain groups, no names: the same pattern goes into the JSON Schema, which editors run as ECMAScript.
EXCEPTION_PATTERN = r"^([^,\s]+)(?:,\s*veld\s+([a-z_]+))?$"
EXCEPTION_RE = re.compile(EXCEPTION_PATTERN)


@dataclass
class Term:
    voorkeur: str
    niet: list[str]
    waarom: str
    behalve: list[str] = field(default_factory=list)
    hoofdlettergevoelig: bool = False
    line: int = 0

    def exceptions(self) -> list[tuple[str, str | None]]:
        """(file pattern, field or None) per entry of `behalve`; load_terms checked the form."""
        found = []
        for entry in self.behalve:
            match = EXCEPTION_RE.match(entry)
            found.append((match[1], match[2]) if match else (entry, None))
        return found

    def allows(self, rel: str, key: str | None) -> bool:
        """Whether a banned form may stand in file `rel`, in the value of field `key` (None: not a data field)."""
        return any(fnmatch.fnmatchcase(rel, pattern) and (field_ is None or field_ == key)
                   for pattern, field_ in self.exceptions())

    def pattern(self) -> re.Pattern:
        forms = sorted(self.niet, key=len, reverse=True)
        alternatives = "|".join(r"\s+".join(re.escape(w) for w in form.split()) for form in forms)
        flags = 0 if self.hoofdlettergevoelig else re.IGNORECASE
        return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", flags)


@dataclass(frozen=True)
class Finding:
    file: str
    line: int
    found: str
    term: Term
    unused: bool = False  # an exception in `behalve` that matches no file the check reads

    def message(self) -> str:
        if self.unused:
            return (f"{self.file}, regel {self.line}: de uitzondering '{self.found}' (veld 'behalve' van "
                    f"'{self.term.voorkeur}') past op geen enkel bestand dat de controle leest. Controleer het pad, "
                    "of haal de uitzondering weg.")
        found = " ".join(self.found.split())
        return (f"{self.file}, regel {self.line}: '{found}' -> schrijf '{self.term.voorkeur}'. "
                f"{' '.join(self.term.waarom.split())} (woordkeuze: {TERMS_FILE}, regel {self.term.line})")


# The fields of an entry, with what an editor sees for each in VS Code (schemas/termen.schema.json).
FIELDS = {
    "voorkeur": "Het woord dat we gebruiken, zoals het op de site staat.",
    "niet": "De schrijfwijzen die we niet gebruiken, bv. [Quick scan, Quick-scan]. Hoofdletters tellen niet mee, "
            "tenzij hoofdlettergevoelig: true; alleen hele woorden tellen.",
    "waarom": "Korte uitleg waarom we dit woord kiezen; ze staat ook in de melding van de controle.",
    "behalve": "(Mag weg.) Waar een woord uit 'niet' wel mag, met de reden in commentaar: een bestand (data/regels.yml), "
               "bestanden met * (data/criteria/*.yml) of één veld van een gegevensbestand (data/criteria/*.yml, veld tekst).",
    "hoofdlettergevoelig": "(Mag weg.) true als hoofdletters meetellen; anders false.",
}
REQUIRED = ("voorkeur", "niet", "waarom")


def json_schema() -> dict:
    """JSON Schema of data/termen.yml, for editors (tools/schemas.py writes it): the rules of load_terms."""
    words = {"type": "array", "items": {"type": "string", "minLength": 1, "pattern": r"\S"}}
    properties = {
        "voorkeur": {"type": "string", "minLength": 1, "pattern": r"\S"},
        "niet": {**words, "minItems": 1},
        "waarom": {"type": "string", "minLength": 1, "pattern": r"\S"},
        "behalve": {"type": "array", "items": {"type": "string", "pattern": EXCEPTION_PATTERN}},
        "hoofdlettergevoelig": {"type": "boolean"},
    }
    for name, prop in properties.items():
        prop["title"] = name.capitalize()
        prop["description"] = FIELDS[name]
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": f"Woordkeuze ({TERMS_FILE})",
        "description": "Een lijst van woorden: elk item begint met '- voorkeur: ...'.",
        "type": "array",
        "items": {"type": "object", "title": "Term", "properties": properties, "required": list(REQUIRED),
                  "additionalProperties": False},
    }


class TermsFileError(Exception):
    """data/termen.yml itself is broken: the message says where and how to fix it."""


# --- the list --------------------------------------------------------------------------


def load_terms(root: Path = ROOT) -> list[Term]:
    path = root / TERMS_FILE
    if not path.is_file():
        raise TermsFileError(f"{TERMS_FILE} ontbreekt in {root}: de woordkeuze kan niet gecontroleerd worden. "
                             "Geef de map van het project (met data/ en docs/).")
    try:
        node = yaml.compose(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f", regel {mark.line + 1}" if mark else ""
        raise TermsFileError(f"{TERMS_FILE}{where}: YAML-syntaxfout ({getattr(exc, 'problem', exc)}). "
                             "Controleer de inspringing (spaties), de dubbele punten en de aanhalingstekens.") from None
    if node is None:
        return []
    if not isinstance(node, yaml.SequenceNode):
        raise TermsFileError(f"{TERMS_FILE}: verwacht een lijst van items die elk beginnen met '- voorkeur:'.")
    terms, problems = [], []
    allowed = set(FIELDS)
    for number, item in enumerate(node.value, start=1):
        line = item.start_mark.line + 1
        where = f"{TERMS_FILE}, regel {line}, item {number}"
        if not isinstance(item, yaml.MappingNode):
            problems.append(f"{where}: verwacht velden (voorkeur, niet, waarom), geen losse tekst.")
            continue
        data = yaml.safe_load(yaml.serialize(item))
        unknown = sorted(set(data) - allowed)
        if unknown:
            problems.append(f"{where}: onbekend veld {', '.join(repr(u) for u in unknown)}. "
                            f"Toegelaten velden: {', '.join(sorted(allowed))}.")
        for name in ("voorkeur", "waarom"):
            if not isinstance(data.get(name), str) or not data[name].strip():
                problems.append(f"{where}, veld '{name}': dit verplichte veld ontbreekt of is leeg. Vul een tekst in.")
        niet = data.get("niet")
        if not isinstance(niet, list) or not niet or not all(isinstance(n, str) and n.strip() for n in niet):
            problems.append(f"{where}, veld 'niet': verwacht een lijst van woorden, bv. [Quick scan, Quick-scan].")
        behalve = data.get("behalve") or []
        if not isinstance(behalve, list) or not all(isinstance(b, str) for b in behalve):
            problems.append(f"{where}, veld 'behalve': verwacht een lijst van bestanden, bv. [data/regels.yml].")
        else:
            for entry in behalve:
                if not EXCEPTION_RE.match(entry.strip()):
                    problems.append(f"{where}, veld 'behalve': '{entry}' is geen bestand of veld. Schrijf een bestand "
                                    "(data/regels.yml), bestanden met * (data/criteria/*.yml) of één veld van een "
                                    "gegevensbestand (data/criteria/*.yml, veld tekst).")
        if not isinstance(data.get("hoofdlettergevoelig", False), bool):
            problems.append(f"{where}, veld 'hoofdlettergevoelig': schrijf true of false.")
        if len(problems):
            continue
        terms.append(Term(data["voorkeur"].strip(), [n.strip() for n in niet], data["waarom"].strip(),
                          [b.strip() for b in behalve], data.get("hoofdlettergevoelig", False), line))
    if problems:
        raise TermsFileError("\n".join(problems))
    return terms


# --- where the site's text is ------------------------------------------------------------


def blank(text: str, pattern) -> str:
    """Replace every match by spaces of the same length (line breaks kept), so offsets stay put."""
    return pattern.sub(lambda m: re.sub(r"[^\n]", " ", m if isinstance(m, str) else m.group(0)), text)


def yaml_text(raw: str, rel: str) -> list[tuple[int, int, str | None]]:
    """(start, end, field) of the prose values of a data file; field is the key the value stands under."""
    node = yaml.compose(raw, Loader=yaml.SafeLoader)
    skip = SKIP_KEYS | SKIP_KEYS_PER_FILE.get(rel, set())
    spans: list[tuple[int, int, str | None]] = []
    seen: set[int] = set()  # an alias is the node it names: each node once (the data check refuses them anyway)

    def walk(n, skipped: bool, key: str | None) -> None:
        if id(n) in seen:
            return
        seen.add(id(n))
        if isinstance(n, yaml.MappingNode):
            for k, value in n.value:
                walk(value, skipped or k.value in skip, k.value)
        elif isinstance(n, yaml.SequenceNode):
            for value in n.value:
                walk(value, skipped, key)
        elif isinstance(n, yaml.ScalarNode) and not skipped and isinstance(n.value, str):
            spans.append((n.start_mark.index, n.end_mark.index, key))

    if node is not None:
        walk(node, False, None)
    return spans


def site_files(root: Path) -> list[Path]:
    files = [p for p in sorted((root / "data").glob("*.yml")) if p.relative_to(root).as_posix() not in NOT_SITE_TEXT]
    files += sorted((root / "data" / "criteria").glob("*.yml"))
    files += sorted((root / "docs").rglob("*.md"))
    files += sorted((root / "macros" / "templates").glob("*.j2"))
    files += sorted((root / "overrides").rglob("*.html"))
    files += sorted((root / "docs" / "assets" / "javascripts").rglob("*.js"))
    return files


def checkable(path: Path, rel: str) -> tuple[str, list[tuple[int, int, str | None]]]:
    """The file's text with everything that is not text of the site blanked out, and the spans to search."""
    raw = path.read_text(encoding="utf-8")
    text = blank(blank(raw, LINK_TARGET_RE), URL_RE)
    if path.suffix == ".yml":
        return text, yaml_text(raw, rel)
    if path.suffix == ".js":
        return blank(text, JS_COMMENT_RE), [(0, len(text), None)]
    text = blank(blank(blank(text, JINJA_RE), HTML_COMMENT_RE), ATTR_LIST_RE)
    return text, [(0, len(text), None)]


def check(root: Path = ROOT, terms: list[Term] | None = None) -> list[Finding]:
    return scan(root, terms)[0]


def scan(root: Path = ROOT, terms: list[Term] | None = None) -> tuple[list[Finding], int, int]:
    """(findings, files read, terms checked): the counts show what the check looked at."""
    terms = load_terms(root) if terms is None else terms
    compiled = [(t, t.pattern()) for t in terms]
    findings = []
    files = site_files(root)
    rels = [path.relative_to(root).as_posix() for path in files]
    for path, rel in zip(files, rels):
        text, spans = checkable(path, rel)
        for term, pattern in compiled:
            for start, end, key in spans:
                if term.allows(rel, key):
                    continue
                for match in pattern.finditer(text, start, end):
                    findings.append(Finding(rel, text.count("\n", 0, match.start()) + 1, match.group(0), term))
    # An exception that matches no file read allows nothing: a typo or a renamed file, say so.
    for term in terms:
        for entry, (file_pattern, _) in zip(term.behalve, term.exceptions()):
            if not any(fnmatch.fnmatchcase(rel, file_pattern) for rel in rels):
                findings.append(Finding(TERMS_FILE, term.line, entry, term, unused=True))
    return sorted(findings, key=lambda f: (f.file, f.line, f.found.casefold())), len(files), len(terms)


def main(argv: list[str]) -> int:
    root = Path(argv[0]).resolve() if argv else ROOT
    try:
        findings, files, terms = scan(root)
    except TermsFileError as exc:
        print(exc)
        return 1
    for f in findings:
        print(f.message())
    if not files or not terms:
        print(f"Woordkeuze niet gecontroleerd: {files} bestanden met tekst en {terms} woorden in {TERMS_FILE} gevonden "
              f"onder {root}. Geef de map van het project (met data/ en docs/).")
        return 1
    if findings:
        print(f"{len(findings)} woord(en) die we anders schrijven, in {files} bestanden met {terms} regels. "
              f"De lijst staat in {TERMS_FILE}.")
        return 1
    print(f"Woordkeuze in orde: {files} bestanden gelezen, {terms} regels uit {TERMS_FILE}.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
