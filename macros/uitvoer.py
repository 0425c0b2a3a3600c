"""What the build writes from data/ is checked before it is published: feed.xml, the open data
(JSON and CSV) and, in macros/afdrukken.py, the print page.

The data check (macros/yamlfile.py, macros/safety.py) refuses what could make these files invalid
(U+FFFE, a lone surrogate, control characters); this is the second line, in every build rather
than only in the tests: a feed reader that meets one broken feed.xml stops reading the feed, a
spreadsheet that meets one broken CSV row shifts every column after it.

- feed.xml: well-formed XML (the standard library's parser), valid against RFC 4287's RELAX NG
  schema (schemas/atom.rng, made from tests/atom/atom.rnc by `make schemas`; lxml), and the
  rules of the RFC that depend on the data: a non-empty title and a unique id per entry.
- open-data/*.json: JSON without NaN or Infinity, UTF-8, and every collection valid against its
  published JSON Schema. The schemas use a dozen keywords; `SchemaCheck` compiles them into
  plain Python (jsonschema takes 1 s for 8,700 records, a twentieth of the build at data x100);
  a schema with any other keyword goes to jsonschema itself. The tests compare the two.
- open-data/*.csv: UTF-8, the header the schema's fields give, every row as many cells as the header.

Each check returns how much it looked at; the hooks log it, and a check that looked at nothing fails.
A problem stops the build with one Dutch message naming the file, the place in it and the fix.
"""
from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Callable, Optional

ATOM = "{http://www.w3.org/2005/Atom}"
RNG_FILE = Path(__file__).resolve().parent.parent / "schemas" / "atom.rng"
FIX = ("Dit is een fout in de site zelf, niet in je tekst: de gegevenscontrole had dit moeten tegenhouden. "
       "Meld het aan de ontwikkelaars, met deze melding.")


class OutputError(ValueError):
    """A file the build made is not what it promises; the message names it, in Dutch."""


# --- text --------------------------------------------------------------------

# What XML 1.0 cannot hold, and what no HTML or CSV reader should meet: control characters (but tab,
# line feed, carriage return), halves of UTF-16 pairs, U+FFFE and U+FFFF.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def forbidden_character(text: str) -> Optional[str]:
    """'U+FFFE op regel 3, na "Tekst "' for the first character no output may hold, or None."""
    found = _FORBIDDEN.search(text)
    if found is None:
        return None
    line = text.count("\n", 0, found.start()) + 1
    before = text[max(text.rfind("\n", 0, found.start()) + 1, found.start() - 30):found.start()]
    return f"U+{ord(found.group(0)):04X} op regel {line}, na '{before}'"


def _text(name: str, text: str) -> None:
    bad = forbidden_character(text)
    if bad:
        raise OutputError(f"{name}: bevat een teken dat geen enkel bestandsformaat mag bevatten ({bad}). {FIX}")


# --- feed.xml ----------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _relax_ng():
    from lxml import etree  # only the build's feed check needs it

    try:
        return etree.RelaxNG(etree.parse(str(RNG_FILE)))
    except (OSError, etree.LxmlError):
        raise OutputError("schemas/atom.rng ontbreekt of is kapot: de build kan feed.xml er niet mee nakijken. Maak het "
                          "opnieuw met `make schemas` en commit het mee.") from None


def check_feed(content: bytes, name: str = "feed.xml") -> int:
    """The number of entries of a valid feed; OutputError otherwise."""
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise OutputError(f"{name}: is geen UTF-8 (byte {exc.start}). {FIX}") from None
    _text(name, text)
    try:
        root = ET.fromstring(content)
    except ET.ParseError as exc:
        line, column = exc.position
        raise OutputError(f"{name}: is geen geldige XML (regel {line}, kolom {column + 1}). {FIX}") from None
    if root.tag != f"{ATOM}feed":
        raise OutputError(f"{name}: is geen Atom-feed (het eerste element is {root.tag}). {FIX}")
    from lxml import etree

    schema = _relax_ng()
    if not schema.validate(etree.fromstring(content)):
        first = schema.error_log[0] if len(schema.error_log) else None
        where = f" (regel {first.line})" if first is not None else ""
        raise OutputError(f"{name}: volgt het schema van Atom (RFC 4287) niet{where}. {FIX}")
    ids: set[str] = set()
    entries = root.findall(f"{ATOM}entry")
    for number, entry in enumerate(entries, start=1):
        ident = (entry.findtext(f"{ATOM}id") or "").strip()
        title = (entry.findtext(f"{ATOM}title") or "").strip()
        if not title:
            raise OutputError(f"{name}: item {number} ({ident}) heeft geen titel. {FIX}")
        if ident in ids:
            raise OutputError(f"{name}: de id {ident} staat er twee keer in; elke wijziging heeft een eigen id. {FIX}")
        ids.add(ident)
    return len(entries)


# --- JSON Schema, the keywords our schemas use ---------------------------------

_TYPES = {
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "array": lambda v: isinstance(v, list),
    "object": lambda v: isinstance(v, dict),
    "null": lambda v: v is None,
}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Keywords that only describe: they never fail a value.
_NOTES = {"title", "description", "default", "$schema", "$id", "$defs", "examples"}
Check = Callable[[object, str, list], None]


class Unsupported(Exception):
    pass


def _is_date(value: str) -> bool:
    if not _DATE.match(value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


class SchemaCheck:
    """A JSON Schema (draft 2020-12) with these keywords, compiled into plain Python: type, enum,
    const, pattern, minLength, maxLength, minimum, maximum, format "date", items, minItems,
    maxItems, properties, required, additionalProperties (true or false), anyOf, $ref to $defs.
    Any other keyword raises Unsupported: never a keyword quietly left unchecked."""

    def __init__(self, schema: dict):
        self.defs = schema.get("$defs", {})
        self.compiled: dict[str, Check] = {}
        self.check = self._compile(schema)

    def errors(self, instance, limit: int = 20) -> list[str]:
        found: list[str] = []
        self.check(instance, "", found)
        return found[:limit]

    def _compile(self, schema: dict) -> Check:
        unknown = set(schema) - _NOTES - {"type", "enum", "const", "pattern", "minLength", "maxLength", "minimum",
                                          "maximum", "format", "items", "minItems", "maxItems", "properties",
                                          "required", "additionalProperties", "anyOf", "$ref"}
        if unknown or schema.get("format", "date") != "date" or not isinstance(schema.get("additionalProperties", True), bool):
            raise Unsupported(", ".join(sorted(unknown)) or "format/additionalProperties")
        checks: list[Check] = []
        if "$ref" in schema:
            ref = schema["$ref"]
            if not ref.startswith("#/$defs/"):
                raise Unsupported(ref)
            name = ref[len("#/$defs/"):]
            if name not in self.compiled:
                self.compiled[name] = None  # type: ignore[assignment]
                self.compiled[name] = self._compile(self.defs[name])
            checks.append(lambda v, at, out, name=name: self.compiled[name](v, at, out))
        if "type" in schema:
            kinds = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
            tests = [_TYPES[k] for k in kinds]
            checks.append(lambda v, at, out: None if any(t(v) for t in tests) else
                          out.append(f"{at or 'het document'}: verwacht {' of '.join(kinds)}, kreeg {type(v).__name__}"))
        if "enum" in schema:
            allowed = schema["enum"]
            checks.append(lambda v, at, out: None if v in allowed else out.append(f"{at}: {v!r} is geen van {allowed}"))
        if "const" in schema:
            const = schema["const"]
            checks.append(lambda v, at, out: None if v == const else out.append(f"{at}: verwacht {const!r}"))
        if "pattern" in schema:
            pattern = re.compile(schema["pattern"])
            checks.append(lambda v, at, out: None if not isinstance(v, str) or pattern.search(v) else
                          out.append(f"{at}: {v[:40]!r} past niet bij het patroon {pattern.pattern}"))
        for key, test, say in (("minLength", lambda v, n: len(v) >= n, "korter dan"),
                               ("maxLength", lambda v, n: len(v) <= n, "langer dan")):
            if key in schema:
                n = schema[key]
                checks.append(lambda v, at, out, n=n, test=test, say=say: None if not isinstance(v, str) or test(v, n)
                              else out.append(f"{at}: {say} {n} tekens"))
        for key, test, say in (("minimum", lambda v, n: v >= n, "kleiner dan"), ("maximum", lambda v, n: v <= n, "groter dan")):
            if key in schema:
                n = schema[key]
                checks.append(lambda v, at, out, n=n, test=test, say=say: None if not _TYPES["number"](v) or test(v, n)
                              else out.append(f"{at}: {v} is {say} {n}"))
        if schema.get("format") == "date":
            checks.append(lambda v, at, out: None if not isinstance(v, str) or _is_date(v) else
                          out.append(f"{at}: {v[:40]!r} is geen datum JJJJ-MM-DD"))
        for key, test, say in (("minItems", lambda v, n: len(v) >= n, "minder dan"), ("maxItems", lambda v, n: len(v) <= n, "meer dan")):
            if key in schema:
                n = schema[key]
                checks.append(lambda v, at, out, n=n, test=test, say=say: None if not isinstance(v, list) or test(v, n)
                              else out.append(f"{at}: {say} {n} elementen"))
        if "items" in schema:
            item = self._compile(schema["items"])

            def items(v, at, out, item=item):
                if isinstance(v, list):
                    for i, element in enumerate(v):
                        item(element, f"{at}[{i}]", out)
            checks.append(items)
        if "properties" in schema or "required" in schema or "additionalProperties" in schema:
            props = {k: self._compile(s) for k, s in schema.get("properties", {}).items()}
            required = list(schema.get("required", []))
            closed = schema.get("additionalProperties", True) is False

            def obj(v, at, out, props=props, required=required, closed=closed):
                if not isinstance(v, dict):
                    return
                for key in required:
                    if key not in v:
                        out.append(f"{at}: het veld '{key}' ontbreekt")
                for key, value in v.items():
                    check = props.get(key)
                    if check is not None:
                        check(value, f"{at}.{key}" if at else key, out)
                    elif closed:
                        out.append(f"{at}: onbekend veld '{key}'")
            checks.append(obj)
        if "anyOf" in schema:
            options = [self._compile(s) for s in schema["anyOf"]]

            def any_of(v, at, out, options=options):
                for option in options:
                    trial: list[str] = []
                    option(v, at, trial)
                    if not trial:
                        return
                out.append(f"{at}: past bij geen van de {len(options)} mogelijke vormen")
            checks.append(any_of)

        def run(v, at, out, checks=checks):
            for check in checks:
                check(v, at, out)
        return run


def schema_errors(document, schema: dict) -> list[str]:
    """What is wrong with a document against its JSON Schema (at most 20 lines)."""
    try:
        return SchemaCheck(schema).errors(document)
    except Unsupported:
        import jsonschema

        validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
        return [f"{'.'.join(map(str, e.absolute_path)) or 'het document'}: {e.message}"
                for _, e in zip(range(20), validator.iter_errors(document))]


# --- open data -----------------------------------------------------------------


def _no_constant(name: str):
    def refuse(value: str):
        raise OutputError(f"{name}: bevat {value}, dat geen geldige JSON is. {FIX}")
    return refuse


def parse_json(name: str, text: str):
    _text(name, text)
    try:
        return json.loads(text, parse_constant=_no_constant(name))
    except json.JSONDecodeError as exc:
        raise OutputError(f"{name}: is geen geldige JSON (regel {exc.lineno}, kolom {exc.colno}). {FIX}") from None


def check_json(name: str, text: str, schema: Optional[dict] = None) -> int:
    """The number of records of a valid JSON file (1 for a file without `items`)."""
    document = parse_json(name, text)
    if schema is not None:
        problems = schema_errors(document, schema)
        if problems:
            raise OutputError(f"{name}: past niet bij zijn gepubliceerde schema: " + "; ".join(problems[:5]) + f". {FIX}")
    items = document.get("items") if isinstance(document, dict) else None
    return len(items) if isinstance(items, list) else 1


def check_csv(name: str, text: str, columns: list[str], rows: int) -> int:
    """The number of rows of a valid CSV file with this header and this many records."""
    _text(name, text)
    reader = csv.reader(io.StringIO(text[1:] if text.startswith("\ufeff") else text, newline=""))
    try:
        header = next(reader, None)
        if header != columns:
            raise OutputError(f"{name}: de eerste regel noemt andere kolommen dan het schema ({header} in plaats van "
                              f"{columns}). {FIX}")
        count = 0
        for count, row in enumerate(reader, start=1):
            if len(row) != len(columns):
                raise OutputError(f"{name}: rij {count} heeft {len(row)} cellen, de kop {len(columns)}. {FIX}")
    except csv.Error:
        raise OutputError(f"{name}: is geen geldige CSV (regel {reader.line_num}). {FIX}") from None
    if count != rows:
        raise OutputError(f"{name}: heeft {count} rijen, maar de collectie {rows} items. {FIX}")
    return count


def _columns(schema: dict) -> list[str]:
    """The fields of a collection's record, in order: the CSV's header."""
    ref = schema["properties"]["items"]["items"]["$ref"]
    return list(schema["$defs"][ref.rsplit("/", 1)[1]]["properties"])


def check_open_data(files: dict[str, str]) -> dict[str, int]:
    """Every file of the open data (path under the site -> text): each collection against its
    published schema, each CSV against its collection. Counts what was checked."""
    counts = {"json": 0, "records": 0, "csv": 0, "rows": 0, "other": 0}
    schemas = {path: parse_json(path, text) for path, text in files.items() if path.endswith(".schema.json")}
    for path, text in sorted(files.items()):
        if path.endswith(".schema.json"):
            counts["other"] += 1
            continue
        if path.endswith(".json"):
            schema = schemas.get(path[:-len(".json")] + ".schema.json")
            records = check_json(path, text, schema)
            if schema is not None:
                counts["json"] += 1
                counts["records"] += records
            else:
                counts["other"] += 1
        elif path.endswith(".csv"):
            base = path[:-len(".csv")]
            schema = schemas.get(base + ".schema.json")
            if schema is None or base + ".json" not in files:
                raise OutputError(f"{path}: er is geen collectie (JSON en schema) met dezelfde naam. {FIX}")
            rows = len(parse_json(base + ".json", files[base + ".json"]).get("items", []))
            counts["rows"] += check_csv(path, text, _columns(schema), rows)
            counts["csv"] += 1
        else:
            raise OutputError(f"{path}: een onbekend soort bestand in de open data. {FIX}")
    if not counts["json"] or counts["json"] != counts["csv"]:
        raise OutputError(f"open data: {counts['json']} collecties in JSON en {counts['csv']} in CSV; verwacht evenveel, "
                          f"en minstens één. {FIX}")
    return counts
