"""Read one data file, refusing what could hurt the build and explaining every YAML mistake in Dutch.

Data files come from anyone's pull request and are written by editors, not developers:

- a symbolic link, a folder or anything else that is not a plain file is refused unread: a link
  could make the check read (and quote in its messages) a file outside the repository;
- a file over MAX_BYTES or MAX_LINES lines, or text that is not UTF-8, is refused with the line and the fix;
- YAML anchors and aliases (`&naam`, `*naam`) are refused. Editors never need them, and a chain
  of a few hundred bytes expands to gigabytes ("billion laughs"). So are types (`!!python/object`,
  `!!int`, `!eigen`) and directives (`%TAG`): a value is text, a number, a date, a list or a mapping;
- nesting deeper than MAX_DEPTH is refused (an entry needs five levels; 1,000 would end in a
  RecursionError further on), and so is a file of more than MAX_EVENTS parts (values, list items and
  mappings together): every part becomes a few Python objects, and a 16 MB list of one-letter
  items took 5 GB and two minutes;
- these checks run on a first pass over LibYAML's event stream, which never expands an alias and
  keeps nothing; a file that passes them is built from a second pass over its events, with no
  tree of YAML nodes in between, so memory follows the data;
- a number too large for a number field (more than 18 digits) stays text, and so does a date
  that does not exist (2026-11-31): the model's validation reports it with its entry, field and
  line instead of a traceback from the YAML constructor;
- every syntax error of a file is reported, not only the first: the file is parsed from the start
  until an error, the entry it falls in is checked on its own, and parsing resumes after it. Each
  line is parsed a bounded number of times, so the cost grows with the file, not with the number
  of errors times the file (1,000 broken entries took 5.8 s and 4,000 took 54 s when each entry
  was parsed again behind all the lines before it);
- YAML's own (English) messages are never shown: each becomes a Dutch explanation with the
  usual cause (a tab, a `: ` in a value, a value that starts with a quote, a non-breaking space).
"""
from __future__ import annotations

import bisect
import re
from pathlib import Path
from typing import Optional

import yaml
import yaml.composer
import yaml.constructor
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

from .errors import Problem

MAX_BYTES = 16_000_000
# The two counts keep any file under MAX_BYTES within some 300 MiB and 10 s (tests/test_grenzen.py).
# 16,000 resources (`python tools/bench_print.py --bronnen 16000`) are 7.3 MB, 164,567 lines and
# 322,287 parts; the real data is a few hundred kB.
MAX_LINES = 500_000
MAX_EVENTS = 600_000
# The data needs five levels (file list > entry > strategieen > strategy > zorgvoorbeelden).
MAX_DEPTH = 10
# An entry has some fifteen fields, a list field a few dozen ids; the file's own list of entries
# is bounded by MAX_EVENTS only. One mapping with 300,000 unknown fields made pydantic hold
# 300,000 errors at once (450 MB).
MAX_FIELDS = 100
MAX_ITEMS = 1_000
# A number field holds a step number or a letter's rank; more digits than a 64-bit integer is
# text gone into the wrong field (and Python refuses to print an integer of over 4,300 digits).
MAX_INT = 2**63
# The Python parser's messages are the ones the explanations below are written for, but it reads
# 0.6 MB/s: it only reads a piece of at most this many characters, LibYAML the rest.
MAX_PYTHON_PARSE = 200_000

# The line where the first entry of a file starts: "- id: ..." at the left margin.
ENTRY_START_RE = re.compile(r"^-(?:[ \t]|$)")
# "  titel: waarde" or "- id: waarde": indentation, optional list dash, field name, value.
FIELD_LINE_RE = re.compile(r"^(?P<lead>[ \t\u00a0]*(?:-[ \t]+)?)(?P<key>[^\s:#'\"][^:#]*?):(?:[ \t]+(?P<value>.*))?$")
INVISIBLE = {"\u00a0": "harde spatie (U+00A0)", "\u202f": "smalle harde spatie (U+202F)",
             "\u2007": "cijferspatie (U+2007)", "\u200b": "breedteloze spatie (U+200B)",
             "\ufeff": "onzichtbaar teken (U+FEFF)"}
# A plain value may not start with these: YAML gives them a meaning of their own.
INDICATORS = {"*": "een verwijzing (alias)", "&": "een anker", "!": "een type (tag)", "%": "een instructie",
              "@": "een voorbehouden teken", "`": "een voorbehouden teken", "|": "een blok tekst", ">": "een blok tekst"}

QUOTE_HINT = ("Zet een tekst met een dubbele punt, een hekje of een aanhalingsteken vooraan tussen enkele "
              "aanhalingstekens (een ' in de tekst schrijf je dan als '').")


class Broken:
    """Stands in for an entry that had a syntax error: the catalog skips it (its problem is reported)."""

    def __init__(self, entry_id: Optional[str], line: int):
        self.id = entry_id
        self.line = line


class _Loader(yaml.SafeLoader):
    pass


def _timestamp(loader, node):
    try:
        return SafeConstructor.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        # "2026-11-31": the model then reports it on its field, with its line.
        return node.value


def _int(loader, node):
    try:
        value = SafeConstructor.construct_yaml_int(loader, node)
    except ValueError:  # more than 4,300 digits
        return node.value
    # The model says "verwacht een geheel getal" about the text, with its first characters.
    return value if -MAX_INT < value < MAX_INT else node.value


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)
_Loader.add_constructor("tag:yaml.org,2002:int", _int)


_RESOLVER = Resolver()
_CONSTRUCTOR = SafeConstructor()
_SCALARS = {
    "tag:yaml.org,2002:int": lambda node: _int(_CONSTRUCTOR, node),
    "tag:yaml.org,2002:float": _CONSTRUCTOR.construct_yaml_float,
    "tag:yaml.org,2002:bool": _CONSTRUCTOR.construct_yaml_bool,
    "tag:yaml.org,2002:null": lambda node: None,
    "tag:yaml.org,2002:timestamp": lambda node: _timestamp(_CONSTRUCTOR, node),
}
_NO_KEY = object()


def _build(text: str, problems: list[Problem], rel: str):
    """(data, lines) of a text the first pass accepted, straight from its events.

    What PyYAML's composer and constructor would make of it (they accept no more: the first pass
    refused anchors, types and depth), without the tree of nodes in between: for 16,000 resources
    that tree was 100 MB, more than the data itself. `lines` maps the index path of every value to
    its line."""
    lines: dict[tuple, int] = {}
    stack: list[list] = []  # [container, path, key waiting for its value, keys seen]
    root = None
    documents = 0
    for event in _parse(text):
        if isinstance(event, yaml.ScalarEvent):
            tag = _RESOLVER.resolve(yaml.ScalarNode, event.value, event.implicit)
            if tag == "tag:yaml.org,2002:merge":
                raise yaml.constructor.ConstructorError(None, None, "found '<<' (expected a mapping or list of "
                                                        "mappings for merging)", event.start_mark)
            construct = _SCALARS.get(tag)
            value = construct(yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark)) if construct else event.value
            raw_key = event.value
        elif isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            value = [] if isinstance(event, yaml.SequenceStartEvent) else {}
            raw_key = None
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            stack.pop()
            continue
        else:
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise yaml.composer.ComposerError("expected a single document in the stream", None,
                                                      "but found another document", event.start_mark)
            continue
        line = event.start_mark.line + 1
        if not stack:
            root, path = value, ()
        else:
            frame = stack[-1]
            container = frame[0]
            if isinstance(container, list):
                path = frame[1] + (len(container),)
                container.append(value)
            elif frame[2] is _NO_KEY:  # a key
                if raw_key is None:
                    raise yaml.constructor.ConstructorError("while constructing a mapping", None,
                                                            "found unhashable key", event.start_mark)
                if raw_key in frame[3]:
                    entry = None
                    if len(stack) > 1 and isinstance(stack[1][0], dict):  # the entry this field is in
                        entry_id = stack[1][0].get("id")
                        number = stack[1][1][0] + 1
                        entry = f"'{entry_id}' (nr. {number})" if isinstance(entry_id, str) else f"nr. {number}"
                    problems.append(Problem(rel, f"het veld '{raw_key}' staat twee keer in hetzelfde item. Houd er "
                                            "één over.", line=line, entry=entry, field=raw_key))
                frame[3].add(raw_key)
                frame[2] = (value, raw_key)
                continue
            else:
                key, raw = frame[2]
                frame[2] = _NO_KEY
                path = frame[1] + (raw,)
                try:
                    container[key] = value
                except TypeError:  # a key such as a date in a set: never a field name
                    raise yaml.constructor.ConstructorError("while constructing a mapping", None,
                                                            "found unhashable key", event.start_mark) from None
        lines[path] = line
        if raw_key is None:
            stack.append([value, path, _NO_KEY, set()])
    return root, lines


def quote(value: str) -> str:
    """A value as a single-quoted YAML scalar, the form CONTRIBUTING.md teaches."""
    return "'" + value.replace("'", "''") + "'"


def read_bytes(path: Path, rel: str, problems: list[Problem], limit: int = MAX_BYTES) -> Optional[bytes]:
    """The bytes of a data file, or None (with the problem added) for anything but a plain file
    within the limit. Also used for data/linkcontrole.json."""
    if path.is_symlink():
        problems.append(Problem(rel, "is een symbolische link naar een ander bestand. Een gegevensbestand staat zelf "
                                "in data/: vervang de link door een gewoon bestand (git rm het bestand, kopieer de "
                                "inhoud en voeg het opnieuw toe)."))
        return None
    if path.is_dir():
        problems.append(Problem(rel, "is een map, geen bestand. Verwijder de map (met wat erin staat) of geef ze een "
                                "andere naam: op deze plaats hoort het gegevensbestand."))
        return None
    if path.exists() and not path.is_file():
        problems.append(Problem(rel, "is geen gewoon bestand. Vervang het door een tekstbestand in UTF-8."))
        return None
    try:
        with path.open("rb") as handle:
            raw = handle.read(limit + 1)  # never more than the limit, whatever the file claims to be
    except OSError:
        problems.append(Problem(rel, "kan het bestand niet lezen (geen leesrechten?). Controleer of het een gewoon, "
                                "leesbaar bestand is."))
        return None
    if len(raw) > limit:
        size = max(len(raw), path.stat().st_size)
        problems.append(Problem(rel, f"het bestand is {size / 1_000_000:.1f} MB; een gegevensbestand mag hoogstens "
                                f"{limit // 1_000_000} MB zijn. Is er per ongeluk een grote tekst of een afbeelding "
                                "in geplakt? Haal die weg: een item bevat alleen korte teksten en links."))
        return None
    return raw


def read(path: Path, rel: str, problems: list[Problem], texts: Optional[dict] = None):
    """Parse a data file; returns (data, lines) or (None, {}) when it cannot be read at all.

    `lines` maps an index path ((3, 'titel') for the field 'titel' of the fourth entry) to its
    line number. Entries with a syntax error come back as `Broken`, after their problem is added.
    """
    raw = read_bytes(path, rel, problems)
    if raw is None:
        return None, {}
    text = _decode(raw, rel, problems)
    del raw
    if text is None:
        return None, {}
    count = text.count("\n")
    if count > MAX_LINES:
        problems.append(Problem(rel, f"het bestand heeft {count:_} regels; een gegevensbestand mag er hoogstens "
                                f"{MAX_LINES:_} hebben. Verdeel de inhoud, of haal lege regels en commentaar weg."
                                .replace("_", "."), line=MAX_LINES + 1))
        return None, {}
    lines = text.split("\n")
    if texts is not None:
        texts[rel] = lines  # to point a message at the exact line inside a long text
    error = _scan(text, lines, rel, problems)
    if error is False:
        return None, {}
    broken: dict = {}
    if error is not None:
        text, broken = _syntax_problems(text, lines, error, rel, problems)
        if text is None:
            return None, {}
        error = _scan(text, lines, rel, problems)
        if error is False:
            return None, {}
        if error is not None:  # the entries parse one by one but not together: report the whole file's error
            problems.append(_syntax_problem(_explained(error, text), lines, rel))
            return None, {}
    try:
        data, found = _build(text, problems, rel)
    except yaml.MarkedYAMLError as exc:
        problem = _syntax_problem(_explained(exc, text), lines, rel)
        if problem.line and lines[problem.line - 1].strip() not in ("---", "..."):  # a separator is in no entry
            problem.entry = _entry_at(lines, problem.line)
        problems.append(problem)
        return None, {}
    if broken and isinstance(data, list):
        for index, (entry_id, line) in broken.items():
            if index < len(data):
                data[index] = Broken(entry_id, line)
    return data, found


# --- bytes to text -----------------------------------------------------------


def _decode(raw: bytes, rel: str, problems: list[Problem]) -> Optional[str]:
    try:
        text = raw.decode("utf-8-sig")  # a byte-order mark from a Windows editor is harmless
    except UnicodeDecodeError:
        text = None
    if text is not None:
        return _printable(text, rel, problems)
    bad = []
    for number, line in enumerate(raw.split(b"\n"), start=1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as exc:
            bad.append((number, line, exc.start))
            if len(bad) > 11:
                break
    number, line, start = bad[0]
    byte = line[start]
    seen_as = bytes([byte]).decode("cp1252", errors="replace")
    before = line[:start].decode("utf-8", errors="replace").strip()[-25:].strip()
    where = f"na '{before}'" if before else "vooraan"
    more = ""
    if len(bad) > 1:
        others = [str(n) for n, _, _ in bad[1:11]]
        more = f" Ook regel {', '.join(others)}{' en meer' if len(bad) > 11 else ''} bevat zulke tekens."
    problems.append(Problem(
        rel, f"het bestand is niet opgeslagen als UTF-8: het teken {where} (byte 0x{byte:02X}, in Latin-1 of "
        f"Windows-1252 '{seen_as}') is geen UTF-8.{more} Bewaar het bestand als UTF-8. In VS Code: klik rechtsonder "
        "op de codering, kies 'Reopen with Encoding' en 'Western (Windows 1252)', controleer de letters, klik "
        "opnieuw op de codering en kies 'Save with Encoding' en 'UTF-8'.", line=number))
    return None


# What YAML itself refuses in a file (its reader raises an error without a line): control characters
# but tab, line feed and carriage return, and U+FFFE, U+FFFF. Also written as an escape ("\u0001") in
# a double-quoted value, such a character is refused by the model (macros/safety.py): XML, and so
# the feed, cannot hold it.
_UNPRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _printable(text: str, rel: str, problems: list[Problem]) -> Optional[str]:
    found = _UNPRINTABLE.search(text)
    if found is None:
        return text
    line = text.count("\n", 0, found.start()) + 1
    column = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
    problems.append(Problem(rel, f"op deze regel staat een onzichtbaar stuurteken (U+{ord(found.group(0)):04X}, "
                            f"kolom {column}). Zulke tekens komen mee bij kopiëren uit sommige programma's en horen "
                            "niet in een tekst: typ dat stuk van de regel opnieuw.", line=line))
    return None


# --- the event stream: anchors, types, depth, size ----------------------------


# LibYAML's parser when PyYAML has it (the wheels do): 25 times faster than the Python parser.
_FAST = getattr(yaml, "CSafeLoader", None)


def _parse(text: str, fast: bool = True):
    return yaml.parse(text, Loader=_FAST if fast and _FAST is not None else _Loader)


class _Mark:
    """Where an error is, as diagnose() reads it: the line (0-based) in the whole file."""

    def __init__(self, line: int):
        self.line = line


class _Error:
    """A YAML error of a piece of the file, with its lines counted in the whole file."""

    def __init__(self, exc: yaml.MarkedYAMLError, offset: int = 0):
        self.context, self.problem = exc.context, exc.problem
        self.problem_mark = _Mark(exc.problem_mark.line + offset) if exc.problem_mark is not None else None
        self.context_mark = _Mark(exc.context_mark.line + offset) if exc.context_mark is not None else None


def _scan(text: str, lines: list[str], rel: str, problems: list[Problem], fast: bool = True):
    """First pass: refuse anchors, aliases, types, directives, deep nesting and too many parts, before
    anything is composed or expanded. None when the file is fine; False when a problem was added;
    the YAML error when it has a syntax error."""
    marks: list[int] = []
    tags: list[int] = []
    depth, deepest, directive, count = 0, None, None, 0
    sizes: list[list] = []  # per open collection: [is a mapping, children so far, its line]
    crowded = None  # (line, message) of the first mapping or list over its limit
    too_many = None  # the line where the file passed MAX_EVENTS
    try:
        for event in _parse(text, fast):
            count += 1
            if count > MAX_EVENTS:
                too_many = event.start_mark.line + 1
                break
            # The lines named in the message: the first twelve that have one (a bomb has millions).
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
                line = event.start_mark.line + 1
                if len(marks) < 12 and line not in marks:
                    marks.append(line)
            if getattr(event, "tag", None) is not None:
                line = event.start_mark.line + 1
                if len(tags) < 12 and line not in tags:
                    tags.append(line)
            if isinstance(event, yaml.DocumentStartEvent) and (event.version or event.tags) and directive is None:
                directive = event.start_mark.line + 1
            if sizes and isinstance(event, (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent,
                                            yaml.AliasEvent)):
                size = sizes[-1]
                size[1] += 1
                if crowded is None and size[0] and size[1] > 2 * MAX_FIELDS:
                    crowded = (size[2], f"dit item of deze waarde heeft meer dan {MAX_FIELDS} velden. Een item heeft er "
                                        "een vijftiental: kijk na of de inspringing klopt (een '- ' vergeten?).")
                elif crowded is None and not size[0] and len(sizes) > 1 and size[1] > MAX_ITEMS:
                    crowded = (size[2], f"deze lijst heeft meer dan {MAX_ITEMS} elementen. Een lijst in een item is "
                                        "kort: verdeel de inhoud over meer items.")
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH and deepest is None:
                    deepest = event.start_mark.line + 1
                sizes.append([isinstance(event, yaml.MappingStartEvent), 0, event.start_mark.line + 1])
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
                sizes.pop()
    except yaml.MarkedYAMLError as exc:
        if "nesting depth" in (exc.problem or "") and deepest is None:  # LibYAML's own limit (1,000 levels)
            deepest = exc.problem_mark.line + 1 if exc.problem_mark is not None else 1
        if not (marks or tags or deepest or directive or crowded):
            return exc
    if too_many is not None and not (marks or tags or deepest or directive or crowded):
        problems.append(Problem(rel, f"het bestand heeft meer dan {MAX_EVENTS:_} onderdelen (velden, waarden en "
                                "lijstpunten samen); meer kan de controle niet nakijken. Verdeel de inhoud over "
                                "minder of kortere items.".replace("_", "."), line=too_many))
        return False
    ok = crowded is None
    if crowded is not None:
        problems.append(Problem(rel, crowded[1], line=crowded[0], entry=_entry_at(lines, crowded[0])))
    if marks:
        ok = False
        first = marks[0]
        value = _value(lines[first - 1]) if first <= len(lines) else None
        others = sorted(set(marks[1:]) - {first})
        more = (f" (ook op regel {', '.join(map(str, others[:10]))}{' en verder' if len(others) > 10 else ''})"
                if others else "")
        if value and value[:1] in "*&":
            cause = (f"de waarde begint met '{value[0]}'{more}. YAML leest dat als een anker of een verwijzing naar "
                     f"een ander stuk van het bestand, niet als tekst. Zet de hele waarde tussen enkele "
                     f"aanhalingstekens: {quote(value)}.")
        else:
            cause = (f"YAML-ankers en -verwijzingen (&naam en *naam) zijn niet toegelaten in de gegevens{more}. "
                     "Schrijf de tekst voluit op elke plek waar hij nodig is.")
        problems.append(Problem(rel, cause, line=first, entry=_entry_at(lines, first),
                                field=_key(lines[first - 1]) if first <= len(lines) else None))
    if tags:
        ok = False
        first = tags[0]
        line = lines[first - 1] if first <= len(lines) else ""
        value = _value(line)
        others = sorted(set(tags[1:]) - {first})
        more = f" (ook op regel {', '.join(map(str, others[:10]))})" if others else ""
        if value and value.startswith("!"):
            cause = (f"de waarde begint met '!'{more}: aan het begin van een waarde betekent dat een type (tag) in "
                     f"YAML, geen tekst. Types zijn niet toegelaten in de gegevens. Zet de hele waarde tussen enkele "
                     f"aanhalingstekens: {quote(value)}")
        else:
            cause = (f"YAML-types (zoals !!str of !naam) zijn niet toegelaten in de gegevens{more}. Haal het type weg; "
                     "begint een tekst met '!', zet hem dan tussen enkele aanhalingstekens.")
        problems.append(Problem(rel, cause, line=first, entry=_entry_at(lines, first), field=_key(line)))
    if directive is not None:
        ok = False
        problems.append(Problem(rel, "een regel die met '%' begint is een YAML-instructie (%YAML, %TAG); die horen niet "
                                "in een gegevensbestand. Haal de regel weg, en ook de regel '---' eronder.", line=directive))
    if deepest is not None:
        ok = False
        problems.append(Problem(rel, f"de gegevens zijn hier meer dan {MAX_DEPTH} niveaus diep genest. Een item heeft "
                                "velden, lijsten en strategieën, niet meer: controleer de inspringing en de haakjes "
                                "[ ] en { }.", line=deepest, entry=_entry_at(lines, deepest)))
    return None if ok else False


def _entry_at(lines: list[str], number: int) -> Optional[str]:
    """"'id' (nr. 3)" for the entry line `number` is in, or None before the first entry (for the few
    problems found on the event stream, before there are entries)."""
    begin, count = None, 0
    for index in range(min(number, len(lines))):
        if ENTRY_START_RE.match(lines[index]):
            begin, count = index, count + 1
    if begin is None:
        return None
    entry_id = _entry_id(lines, begin, len(lines))
    return f"'{entry_id}' (nr. {count})" if entry_id else f"nr. {count}"


# --- syntax errors -----------------------------------------------------------


class _Stream:
    """The text from one position on, read by the parser in chunks: a parse that stops at an error
    early reads (and copies) no more than it got to."""

    name = "<data>"

    def __init__(self, text: str, start: int = 0):
        self.text, self.pos = text, start

    def read(self, size: int = -1) -> str:
        end = len(self.text) if size is None or size < 0 else self.pos + size
        chunk = self.text[self.pos:end]
        self.pos += len(chunk)
        return chunk


def _first_error(text: str, start: int = 0) -> Optional[yaml.MarkedYAMLError]:
    """LibYAML's error for the text from `start` on, or None when it parses. Nothing is kept."""
    try:
        for _ in _parse(_Stream(text, start) if start else text):
            pass
    except yaml.MarkedYAMLError as exc:
        return exc
    return None


def _explained(exc, text: str):
    """The error as the Python parser words it (the explanations are written for its messages),
    when the text is short enough to read twice; else LibYAML's."""
    if len(text) > MAX_PYTHON_PARSE:
        return exc
    try:
        for _ in _parse(text, fast=False):
            pass
    except yaml.MarkedYAMLError as slow:
        return slow
    return exc


def _syntax_problems(text: str, lines: list[str], first, rel: str, problems: list[Problem]):
    """Every syntax error of the file, one entry at a time; returns the text with the broken entries
    replaced by a placeholder (same line numbers, same entry numbers) and {index: (id, line)}.

    Parses from the start of the file to its first error and checks the entries up to that line
    on their own (first the one the error is in, the one before it and the one where the construct
    began), then parses on from the entry after the error's: every line is parsed at most twice."""
    starts = [i for i, line in enumerate(lines) if ENTRY_START_RE.match(line)]
    # Piece k runs from begins[k] to the next; without an entry at the top, piece 0 is the lines before the first.
    prefix = not starts or starts[0] != 0
    begins = [0] + starts if prefix else starts
    count = len(begins)
    offsets, position, k = [], 0, 0
    for i, line in enumerate(lines):
        if k < count and begins[k] == i:
            offsets.append(position)
            k += 1
        position += len(line) + 1

    def end(index: int) -> int:
        return begins[index + 1] if index + 1 < count else len(lines)

    def owner(line: int) -> int:
        return max(0, bisect.bisect_right(begins, line) - 1)

    def piece(index: int) -> str:
        return "\n".join(lines[begins[index]:end(index)])

    checked: dict[int, bool] = {}

    def fails(index: int) -> bool:
        if index not in checked:
            checked[index] = _first_error(piece(index)) is not None
        return checked[index]

    failures: list[int] = []
    room = max(1, getattr(problems, "limit", count + 1) - len(problems))
    current = 0
    while current < count:
        if len(failures) >= room:  # enough to explain for now: the rest of the file after these are fixed
            problems.stopped = True
            break
        error = _first_error(text, offsets[current])
        if error is None:
            break
        marks = [m.line + begins[current] for m in (error.problem_mark, error.context_mark) if m is not None]
        last = owner(max(marks)) if marks else count - 1
        near = sorted({k for m in marks for k in (owner(m), owner(m) - 1) if current <= k <= last})
        found = [k for k in near if fails(k)]
        # The entries between the last broken one and the error, or all of them when the error
        # shows away from its cause: each on its own, once.
        rest = range(max(found) + 1 if found else current, last + 1)
        found += [k for k in rest if k not in near and fails(k)]
        if not found:
            break
        failures.extend(found)
        current = last + 1
    if not failures:
        problems.append(_syntax_problem(_explained(first, text), lines, rel))
        return None, {}
    failures = sorted(set(failures))[:room]
    if prefix and failures[0] == 0:  # not an entry (the lines before the first one): nothing to keep
        problems.append(_syntax_problem(_Error(_explained(_first_error(piece(0)), piece(0))), lines, rel))
        return None, {}
    broken = {}
    for index in failures:
        begin, number = begins[index], index - 1 if prefix else index
        entry_id = _entry_id(lines, begin, end(index))
        label = f"'{entry_id}' (nr. {number + 1})" if entry_id else f"nr. {number + 1}"
        error = _Error(_explained(_first_error(piece(index)), piece(index)), begin)
        problems.append(_syntax_problem(error, lines, rel, label))
        broken[number] = (entry_id, begin + 1)
    if getattr(problems, "stopped", False):
        return None, {}
    out = list(lines)
    for index in failures:
        out[begins[index]] = "- kapot"
        for i in range(begins[index] + 1, end(index)):
            out[i] = ""
    return "\n".join(out), broken


_ID_LINE_RE = re.compile(r"(?<![ \t])(?:-[ \t]++|[ \t]++)id:[ \t]*+['\"]?([^\s'\"#]++)")


def _entry_id(lines: list[str], begin: int, end: int) -> Optional[str]:
    """The id of an entry whose text does not parse: its line 'id: ...' (at most the first 50 lines)."""
    for line in lines[begin:min(end, begin + 50)]:
        match = _ID_LINE_RE.match(line)
        if match:
            return match.group(1)
    return None


def _syntax_problem(exc: yaml.MarkedYAMLError, lines: list[str], rel: str, entry: Optional[str] = None) -> Problem:
    line, message, key = diagnose(exc, lines)
    return Problem(rel, message, line=line, entry=entry, field=key)


def _value(line: str) -> Optional[str]:
    match = FIELD_LINE_RE.match(line)
    if not match or match.group("value") is None:
        return None
    return match.group("value").strip()


def _closing_quote(value: str) -> Optional[int]:
    """Index of the quote that closes a quoted value, or None when it is not closed on this line."""
    q = value[0]
    i = 1
    while i < len(value):
        if q == "'" and value[i] == "'":
            if value[i + 1:i + 2] == "'":
                i += 2
                continue
            return i
        if q == '"':
            if value[i] == "\\":
                i += 2
                continue
            if value[i] == '"':
                return i
        i += 1
    return None


def _closing_bracket(value: str) -> Optional[int]:
    """Index of the bracket that closes the flow list or mapping a value starts with."""
    depth = 0
    for i, char in enumerate(value):
        if char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
            if depth == 0:
                return i
    return None


def _cause(line: str, error: str, prev_key_indent: Optional[int]) -> Optional[str]:
    """The usual cause of a syntax error on this line, in plain Dutch, or None."""
    if line.strip() in ("---", "..."):
        return (f"een regel met alleen '{line.strip()}' begint of eindigt in YAML een tweede document. Een "
                "gegevensbestand is één lijst van items: haal deze regel weg.")
    match = FIELD_LINE_RE.match(line)
    key = match.group("key").strip() if match else None
    head = line.split(": ", 1)[0] if ": " in line else line
    for char, name in INVISIBLE.items():
        column = line.find(char)
        if column >= 0 and (char in head or not line[:column].strip() or char == "\ufeff"):
            return (f"op deze regel staat een onzichtbare {name}, in kolom {column + 1} (vaak meegekopieerd uit Word, "
                    "een pdf of een webpagina). YAML ziet dat niet als een spatie. Vervang het door een gewone spatie "
                    "(in VS Code maakt 'Render Whitespace' het zichtbaar).")
    if "\t" in line and ("'\\t'" in error or not line[:line.find("\t")].strip()):
        return (f"op deze regel staat een tab (kolom {line.find(chr(9)) + 1}). YAML laat geen tabs toe om in te "
                "springen: gebruik spaties, twee per niveau. In VS Code: klik rechtsonder op 'Tab Size' of "
                "'Spaces' en kies 'Convert Indentation to Spaces'.")
    if match and match.group("value"):
        value = match.group("value").rstrip()
        if value[0] in "'\"":
            end = _closing_quote(value)
            if end is None:
                return (f"de waarde van '{key}' begint met een aanhalingsteken ({value[0]}) dat op deze regel niet "
                        f"gesloten wordt. Sluit het aan het einde van de waarde, of laat het weg. {QUOTE_HINT}")
            rest = value[end + 1:].strip()
            if rest and not rest.startswith("#"):
                return (f"de waarde van '{key}' begint met een aanhalingsteken ({value[0]}), dus leest YAML alleen de "
                        f"tekst tot het volgende aanhalingsteken; daarna volgt nog '{rest[:30]}'. Zet de hele waarde "
                        f"tussen enkele aanhalingstekens: {key}: {quote(value)}")
        elif value[0] in "[{":
            close = _closing_bracket(value)
            pair = "[]" if value[0] == "[" else "{}"
            if close is None:
                return (f"de waarde van '{key}' begint met '{value[0]}', maar die wordt op deze regel niet gesloten met "
                        f"'{pair[1]}'. Een lijst schrijf je als {key}: [a, b]. Is het tekst (bv. een link "
                        f"[tekst](...) vooraan)? Zet de hele waarde dan tussen enkele aanhalingstekens: {key}: {quote(value)}")
            rest = value[close + 1:].strip()
            if rest and not rest.startswith("#"):
                return (f"de waarde van '{key}' begint met '{value[0]}', dus leest YAML een lijst tot '{pair[1]}'; daarna "
                        f"volgt nog '{rest[:30]}'. Begint de tekst met een link? Zet de hele waarde tussen enkele "
                        f"aanhalingstekens: {key}: {quote(value)}")
        elif value[0] in INDICATORS:
            return (f"de waarde van '{key}' begint met '{value[0]}': aan het begin van een waarde betekent dat "
                    f"{INDICATORS[value[0]]} in YAML, geen tekst. Zet de hele waarde tussen enkele aanhalingstekens: "
                    f"{key}: {quote(value)}")
        elif value[0] not in "[{" and (": " in value or value.endswith(":")):
            return (f"de waarde van '{key}' bevat een dubbele punt met een spatie erna (': '). YAML leest dat als het "
                    f"begin van een nieuw veld. Zet de hele waarde tussen enkele aanhalingstekens: {key}: {quote(value)}")
    if "could not find expected ':'" in error and not match and line.strip() and not line.strip().startswith("#"):
        words = line.strip().lstrip("- ").split(None, 1)
        if len(words) == 2 and re.fullmatch(r"[a-z_]+", words[0]):
            return (f"na de veldnaam '{words[0]}' ontbreekt de dubbele punt. Schrijf '{words[0]}: {words[1]}'.")
    if match and prev_key_indent is not None and ("mapping values" in error or "expected key" in error
                                                  or "block end" in error):
        indent = len(line) - len(line.lstrip(" "))
        if not line.lstrip().startswith("- ") and indent != prev_key_indent:
            return (f"de inspringing klopt niet: '{key}' staat {indent} {'spatie' if indent == 1 else 'spaties'} ver, "
                    f"het veld erboven {prev_key_indent}. Velden van hetzelfde item staan recht onder elkaar.")
    return None


def _previous_key_indent(lines: list[str], index: int) -> Optional[int]:
    # The field just above, within a few lines: a scan back to the top of the file per error
    # would make many errors cost their number times the file.
    for i in range(index - 1, max(-1, index - 51), -1):
        line = lines[i]
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = FIELD_LINE_RE.match(line)
        if not match:
            continue
        lead = match.group("lead")
        return len(lead)
    return None


def diagnose(exc: yaml.MarkedYAMLError, lines: list[str]) -> tuple[Optional[int], str, Optional[str]]:
    """(line, Dutch message, field) for a YAML error: the line that causes it, the usual fix, its field."""
    error = " ".join(str(x) for x in (exc.context, exc.problem) if x)
    marks = [m for m in (exc.problem_mark, exc.context_mark) if m is not None]
    # The problem mark is where YAML gave up, the context mark where the construct began; the
    # cause is on one of them or just above (a missing ':' shows on the next line).
    candidates: list[int] = []
    for index in [m.line for m in marks] + [m.line - 1 for m in marks]:
        if 0 <= index < len(lines) and index not in candidates:
            candidates.append(index)
    for index in candidates:
        cause = _cause(lines[index], error, _previous_key_indent(lines, index))
        if cause:
            return index + 1, "YAML-syntaxfout: " + cause, _key(lines[index])
    line = marks[0].line + 1 if marks else None
    key = _key(lines[line - 1]) if line is not None and 0 < line <= len(lines) else None
    return line, (f"YAML-syntaxfout: {dutch(error)}. Controleer op of net boven deze regel de inspringing (spaties, "
                  f"geen tabs), de dubbele punt na elke veldnaam en de aanhalingstekens. {QUOTE_HINT}"), key


# YAML's messages (the Python parser's and LibYAML's), as the editor reads them: what YAML found.
# Never shown in English; an unknown message gets the last line's general advice.
YAML_PROBLEMS = (
    ("mapping values are not allowed", "YAML vindt hier een dubbele punt met een spatie erna (': ') waar geen nieuw "
     "veld kan beginnen"),
    ("mapping keys are not allowed", "YAML vindt hier een veld waar het er geen verwacht"),
    ("sequence entries are not allowed", "YAML vindt hier een lijstpunt ('- ') waar het er geen verwacht"),
    ("could not find expected ':'", "YAML mist hier de dubbele punt na een veldnaam"),
    ("expected '-' indicator", "een lijstpunt ('- ') en een veld staan hier op dezelfde hoogte"),
    ("expected <block end>", "deze regel springt anders in dan de regels erboven"),
    ("did not find expected key", "deze regel springt anders in dan de regels erboven"),
    ("expected ',' or ']'", "een lijst die met '[' begint, wordt niet gesloten met ']'"),
    ("expected ',' or '}'", "een waarde die met '{' begint, wordt niet gesloten met '}'"),
    ("unexpected end of stream", "het bestand houdt op terwijl een waarde tussen aanhalingstekens nog open staat"),
    ("unknown escape character", "tussen dubbele aanhalingstekens staat een backslash (\\) die YAML niet kent; "
     "gebruik enkele aanhalingstekens"),
    ("invalid Unicode character escape", "tussen dubbele aanhalingstekens staat een code (\\u...) voor een halve "
     "UTF-16-code of een ander niet-teken; schrijf het teken zelf, of laat de code weg"),
    ("escape sequence", "tussen dubbele aanhalingstekens staat een backslash (\\) met iets erachter dat YAML niet "
     "kent; gebruik enkele aanhalingstekens"),
    ("tab character", "op deze regel staat een tab waar YAML een spatie verwacht"),
    ("cannot start any token", "een waarde begint met een teken dat in YAML iets betekent (zoals @, ` of een tab)"),
    ("undefined alias", "een waarde begint met '*', wat in YAML een verwijzing is"),
    ("alphabetic or numeric character", "na een '&' of '*' verwacht YAML de naam van een anker"),
    ("unhashable key", "een veldnaam is hier een lijst of een item; een veldnaam is een woord"),
    ("single document", "het bestand bevat een tweede YAML-document (een regel met alleen '---')"),
    ("document start", "na het einde van de lijst staat nog tekst"),
    ("document separator", "een regel met alleen '---' of '...' staat midden in het bestand"),
    ("merging", "'<<' voegt in YAML stukken samen; dat is niet toegelaten in de gegevens"),
    ("directive", "een regel die met '%' begint, is een YAML-instructie"),
    ("tag", "YAML-types (zoals !!str) zijn niet toegelaten in de gegevens"),
    ("constructor", "YAML-types (zoals !!str) zijn niet toegelaten in de gegevens"),
    ("indentation indicator", "een blok tekst ('|' of '>') heeft een ongeldig getal erachter"),
    ("chomping", "na '|' of '>' (een blok tekst) staat iets anders dan een nieuwe regel"),
    ("invalid indentation or unclosed", "de inspringing klopt niet, of een '[' of '{' wordt niet gesloten"),
    ("node content", "YAML verwacht hier een waarde"),
    ("comment or a line break", "na een waarde staat nog tekst waar YAML een nieuwe regel verwacht"),
    ("anchor", "YAML-ankers (&naam) zijn niet toegelaten in de gegevens"),
)


def dutch(error: str) -> str:
    """What a YAML error message says, in Dutch (the message itself may be the Python parser's or LibYAML's)."""
    for english, said in YAML_PROBLEMS:
        if english in error:
            return said
    return "YAML kan deze regel niet lezen"


def _key(line: str) -> Optional[str]:
    """The field a line sets, for the message ('titel' for '  titel: ...', even without its colon)."""
    match = FIELD_LINE_RE.match(line.replace("\t", " ").replace("\u00a0", " "))
    if match:
        return match.group("key").strip()
    words = line.strip().lstrip("- ").split(None, 1)
    return words[0] if words and re.fullmatch(r"[a-z_]+", words[0]) else None

