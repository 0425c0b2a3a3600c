"""Read one data file, refusing what could hurt the build and explaining every YAML mistake in Dutch.

Data files come from anyone's pull request and are written by editors, not developers:

- a file over MAX_BYTES, or text that is not UTF-8, is refused with the line and the fix;
- YAML anchors and aliases (`&naam`, `*naam`) are refused. Editors never need them, and a chain
  of a few hundred bytes expands to gigabytes ("billion laughs"). The check runs on PyYAML's
  event stream, which never expands an alias, before a single node is composed;
- nesting deeper than MAX_DEPTH is refused on the same stream (PyYAML's composer recurses, so
  1,000 levels would end in a RecursionError);
- a date that does not exist (2026-11-31) stays text here, so the model's validation reports it
  with its entry, field and line instead of a traceback from the YAML constructor;
- every syntax error of a file is reported, not only the first: after the first one the file is
  parsed again entry by entry, and the entries that do parse are still validated.

The events are parsed once and replayed into the composer, so the checks cost no second parse.
"""
from __future__ import annotations

import re
from collections import deque
from pathlib import Path
from typing import Optional

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

from .errors import Problem

MAX_BYTES = 16_000_000
# The data needs five levels (file list > entry > strategieen > strategy > zorgvoorbeelden).
MAX_DEPTH = 10

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
    except ValueError:
        # "2026-11-31": the model then reports it on its field, with its line.
        return node.value


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


class _Replay(Composer, SafeConstructor, Resolver):
    """Composes and constructs from events already parsed and checked."""

    yaml_constructors = _Loader.yaml_constructors

    def __init__(self, events: list):
        self._events = deque(events)
        Composer.__init__(self)
        SafeConstructor.__init__(self)
        Resolver.__init__(self)

    def check_event(self, *choices):
        if not self._events:
            return False
        return not choices or isinstance(self._events[0], choices)

    def peek_event(self):
        return self._events[0] if self._events else None

    def get_event(self):
        return self._events.popleft()


def quote(value: str) -> str:
    """A value as a single-quoted YAML scalar, the form CONTRIBUTING.md teaches."""
    return "'" + value.replace("'", "''") + "'"


def read(path: Path, rel: str, problems: list[Problem], texts: Optional[dict] = None):
    """Parse a data file; returns (data, lines) or (None, {}) when it cannot be read at all.

    `lines` maps an index path ((3, 'titel') for the field 'titel' of the fourth entry) to its
    line number. Entries with a syntax error come back as `Broken`, after their problem is added.
    """
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.append(Problem(rel, f"kan het bestand niet lezen ({exc.strerror})."))
        return None, {}
    if len(raw) > MAX_BYTES:
        problems.append(Problem(rel, f"het bestand is {len(raw) / 1_000_000:.1f} MB; een gegevensbestand mag hoogstens "
                                f"{MAX_BYTES // 1_000_000} MB zijn. Is er per ongeluk een grote tekst of een afbeelding "
                                "in geplakt? Haal die weg: een item bevat alleen korte teksten en links."))
        return None, {}
    text = _decode(raw, rel, problems)
    if text is None:
        return None, {}
    if texts is not None:
        texts[rel] = text.split("\n")  # to point a message at the exact line inside a long text
    events, error = _events(text)
    if error is not None:
        text, broken = _syntax_problems(text, error, rel, problems)
        if text is None:
            return None, {}
        events, error = _events(text)
        if error is not None:  # the entries parse one by one but not together: report the whole file's error
            problems.append(_syntax_problem(error, text.split("\n"), rel))
            return None, {}
    else:
        broken = {}
    if not _safe(events, text, rel, problems):
        return None, {}
    loader = _Replay(events)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        problems.append(_syntax_problem(exc, text.split("\n"), rel))
        return None, {}
    lines: dict[tuple, int] = {}
    _collect(node, (), lines, rel, problems)
    if broken and isinstance(data, list):
        for index, (entry_id, line) in broken.items():
            if index < len(data):
                data[index] = Broken(entry_id, line)
    return data, lines


# --- bytes to text -----------------------------------------------------------


def _decode(raw: bytes, rel: str, problems: list[Problem]) -> Optional[str]:
    try:
        return raw.decode("utf-8-sig")  # a byte-order mark from a Windows editor is harmless
    except UnicodeDecodeError:
        pass
    bad = []
    for number, line in enumerate(raw.split(b"\n"), start=1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as exc:
            bad.append((number, line, exc.start))
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


# --- events, anchors, depth --------------------------------------------------


# LibYAML's parser when PyYAML has it (the wheels do): four to five times faster on a big file.
# Only the happy path uses it; a file with a syntax error is parsed again by the Python parser,
# whose messages the explanations below are written for.
_FAST = getattr(yaml, "CSafeLoader", None)


def _events(text: str):
    if _FAST is not None:
        try:
            return list(yaml.parse(text, Loader=_FAST)), None
        except yaml.YAMLError:
            pass
    try:
        return list(yaml.parse(text, Loader=_Loader)), None
    except yaml.MarkedYAMLError as exc:
        return None, exc


def _safe(events: list, text: str, rel: str, problems: list[Problem]) -> bool:
    """Refuse anchors, aliases and deep nesting, before anything is composed or expanded."""
    marks, depth, deepest = [], 0, None
    for event in events:
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            marks.append(event.start_mark.line + 1)
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > MAX_DEPTH and deepest is None:
                deepest = event.start_mark.line + 1
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1
    ok = True
    if marks:
        ok = False
        lines = text.split("\n")
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
        problems.append(Problem(rel, cause, line=first))
    if deepest is not None:
        ok = False
        problems.append(Problem(rel, f"de gegevens zijn hier meer dan {MAX_DEPTH} niveaus diep genest. Een item heeft "
                                "velden, lijsten en strategieën, niet meer: controleer de inspringing en de haakjes "
                                "[ ] en { }.", line=deepest))
    return ok


def _collect(node, path: tuple, lines: dict, rel: str, problems: list[Problem]) -> None:
    if node is None:
        return
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.SequenceNode):
        for i, child in enumerate(node.value):
            _collect(child, path + (i,), lines, rel, problems)
    elif isinstance(node, yaml.MappingNode):
        seen: set = set()
        for key, child in node.value:
            if key.value in seen:
                problems.append(
                    Problem(rel, f"het veld '{key.value}' staat twee keer in hetzelfde item. Houd er één over.",
                            line=key.start_mark.line + 1, field=key.value)
                )
            seen.add(key.value)
            _collect(child, path + (key.value,), lines, rel, problems)


# --- syntax errors -----------------------------------------------------------


def _syntax_problems(text: str, first: yaml.MarkedYAMLError, rel: str, problems: list[Problem]):
    """Every syntax error of the file, one entry at a time; returns the text with the broken entries
    replaced by a placeholder (same line numbers, same entry numbers) and {index: (id, line)}."""
    lines = text.split("\n")
    starts = [i for i, line in enumerate(lines) if ENTRY_START_RE.match(line)]
    bounds = list(zip([0] + starts, starts + [len(lines)]))
    if bounds and bounds[0][0] == bounds[0][1]:
        bounds = bounds[1:]
    failures = []
    for begin, end in bounds:
        piece = "\n" * begin + "\n".join(lines[begin:end])
        _, error = _events(piece)
        if error is not None:
            failures.append((begin, end, error))
    if not failures:
        problems.append(_syntax_problem(first, lines, rel))
        return None, {}
    broken = {}
    out = list(lines)
    for begin, end, error in failures:
        if begin not in starts:  # not an entry (the lines before the first one): nothing to keep
            problems.append(_syntax_problem(error, lines, rel))
            return None, {}
        match = re.search(r"(?:^-|^\s+)\s*id:\s*['\"]?([^\s'\"#]+)", "\n".join(lines[begin:end]), re.M)
        entry_id, number = (match.group(1) if match else None), starts.index(begin)
        label = f"'{entry_id}' (nr. {number + 1})" if entry_id else f"nr. {number + 1}"
        problems.append(_syntax_problem(error, lines, rel, label))
        broken[number] = (entry_id, begin + 1)
        out[begin] = "- kapot"
        for i in range(begin + 1, end):
            out[i] = ""
    return "\n".join(out), broken


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
    for i in range(index - 1, -1, -1):
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
    what = exc.problem or "ongeldige YAML"
    return line, (f"YAML-syntaxfout ({what}). Controleer op of net boven deze regel de inspringing (spaties, geen "
                  f"tabs), de dubbele punt na elke veldnaam en de aanhalingstekens. {QUOTE_HINT}"), None


def _key(line: str) -> Optional[str]:
    """The field a line sets, for the message ('titel' for '  titel: ...', even without its colon)."""
    match = FIELD_LINE_RE.match(line.replace("\t", " ").replace("\u00a0", " "))
    if match:
        return match.group("key").strip()
    words = line.strip().lstrip("- ").split(None, 1)
    return words[0] if words and re.fullmatch(r"[a-z_]+", words[0]) else None

