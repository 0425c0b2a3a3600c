"""Load data/, validate it against the model, resolve references, compute back-links.

Framework-free on purpose: nothing here imports MkDocs, so the content can move
to another generator (Material for MkDocs reaches end of life in 2027).
"""
from __future__ import annotations

import calendar
import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

from pydantic import ValidationError

from . import linkcontrole, safety, yamlfile
from .errors import DataError, Problem, Problems
from .model import (ALGEMEEN, CRITERIUM_SOORTEN, GENERAL_CRITERIA_PAGE, KINDS, NIVEAUS, PRODUCT_GROUP_ANCHORS,
                    RETIRED_FIELDS, Ambitie, Entry, Kind, Strategie, ascii_id, ref_fields)

# "[tekst](bron:mvoo)" in any Markdown links to an entry by kind and id. An id holds no bracket, so
# a try that fails ends before the next "](" (50 kB of "](bron:a" repeated: 0.8 s, now linear).
INLINE_REF_RE = re.compile(r"\]\((" + "|".join(KINDS) + r"):([^()\[\]\s#]+)\)")
# The target of every Markdown link or image in data text: "[tekst](doel)" or "[tekst](<doel> "titel")".
LINK_TARGET_RE = re.compile(r"\]\(\s*<?([^)\s>]+)")
SCHEME_RE = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
# A link in data text to a hand-written page, written from docs/: "](inleiding/aan-de-slag.md#kop)".
# Data text lands on pages at any depth, so the renderer makes it relative to each of them.
# The path holds no "(" or "[": a failed try then ends before the next "](" starts, and a text of
# "](" or "](a.m" repeated costs its length, not its length squared (7.2 s for 50 kB before).
PAGE_LINK_RE = re.compile(r"\]\(\s*+(?![A-Za-z][A-Za-z0-9+.-]*+:)(?!#)([^()\[\]\s>#]+\.md)(#[^)\s>]*+)?")
WEB_SCHEMES = {"http", "https", "mailto"}
NEUTER = {"thema", "begrip", "voorbeeld", "criterium"}
# Prefixes editors type for a kind (the plural, the word readers see): macros/safety.py.


@dataclass
class Item:
    """One validated entry with where it came from and where it goes on the site."""

    kind: str
    entry: Entry
    file: str
    line: int
    parent: Optional["Item"] = None  # the ambition of a strategy
    path: tuple = ()  # where the entry sits in its file: (3,) or (1, "strategieen", 2)
    lines: dict = field(default_factory=dict, repr=False, compare=False)  # the file's index path -> line
    group: Optional[str] = None  # a criterion's product group: its file's name (a theme id, or 'algemeen')

    def line_of(self, field_name: str, element: Optional[int] = None) -> int:
        """The line of one of the entry's fields (or of one element of a list field), for messages."""
        key = self.path + (field_name,)
        if element is not None and key + (element,) in self.lines:
            return self.lines[key + (element,)]
        return self.lines.get(key, self.line)

    @property
    def id(self) -> str:
        return self.entry.id

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, self.entry.id)

    @property
    def title(self) -> str:
        e = self.entry
        for name in ("titel", "term", "naam"):
            if hasattr(e, name):
                return getattr(e, name)
        raise AttributeError(name)

    @property
    def page(self) -> str:
        if self.kind == "criterium" and self.group == ALGEMEEN:
            return GENERAL_CRITERIA_PAGE
        pattern = KINDS[self.kind].page
        return pattern.format(id=self.id, ambitie=self.parent.id if self.parent else "", groep=self.group or "")

    @property
    def has_page(self) -> bool:
        return "{id}" in KINDS[self.kind].page

    @property
    def anchor(self) -> Optional[str]:
        return None if self.has_page else self.id

    @property
    def target(self) -> str:
        return self.page + (f"#{self.anchor}" if self.anchor else "")

    def sort_key(self):
        e = self.entry
        if self.kind == "stap":
            return (e.nummer,)
        if self.kind == "ambitie":
            return (e.letter,)
        if self.kind == "strategie":
            return (self.parent.entry.letter, self.parent.entry.strategieen.index(e))
        if self.kind == "regel":  # in the order of data/regels.yml: from who is bound to what it means for care
            return (self.line,)
        if self.kind == "criterium":  # per product group, then in the order a bestek is built, then by level
            group = self.parent.title.casefold() if self.parent else ""
            return (group, CRITERIUM_SOORTEN.index(e.soort), NIVEAUS.index(e.niveau), self.line)
        return (self.title.casefold(),)


@dataclass
class Catalog:
    items: dict[tuple[str, str], Item] = field(default_factory=dict)
    forward: dict[tuple[str, str], set] = field(default_factory=dict)
    backward: dict[tuple[str, str], set] = field(default_factory=dict)
    sources: dict[str, list[str]] = field(default_factory=dict, repr=False)  # "data/x.yml" -> its lines
    doc_pages: Optional[set] = None  # hand-written pages (docs-relative .md paths), when docs/ is known
    # URL -> the day the weekly link check last found it working (data/linkcontrole.json).
    link_checked: dict[str, dt.date] = field(default_factory=dict)
    # What is left of the work "Bedoelde je ...?" may cost in one check (closest()).
    hint_budget: int = field(default=0, repr=False, compare=False)
    _known: dict = field(default_factory=dict, repr=False, compare=False)

    def ids(self, kind: str) -> list[str]:
        """Every id of a kind, computed once per number of entries (messages ask for it per mistake)."""
        key = (kind, len(self.items))
        if key not in self._known:
            self._known[key] = [i.id for i in self.items.values() if i.kind == kind]
        return self._known[key]

    def page_paths(self) -> set:
        """Every page a link in data text may name: the hand-written ones and the generated ones."""
        key = ("pages", len(self.items))
        if key not in self._known:
            self._known[key] = (self.doc_pages or set()) | {i.page for i in self.pages()}
        return self._known[key]

    def closest(self, word: str, choices, cutoff: float = 0.6) -> Optional[str]:
        """The choice closest to a misspelt name, for "Bedoelde je ...?", within the check's budget:
        difflib compares a word with each choice in some 30 µs, so 10,000 misspelt ids against
        16,000 entries would take over an hour. Past the budget a message goes without the guess."""
        choices = list(choices)
        if len(choices) > self.hint_budget:
            return None
        self.hint_budget -= len(choices)
        best = difflib.get_close_matches(word, choices, n=1, cutoff=cutoff)
        return best[0] if best else None

    def last_good(self, url: str) -> Optional[dt.date]:
        return linkcontrole.last_good(self.link_checked, url)

    def all(self, kind: str) -> list[Item]:
        return sorted((i for i in self.items.values() if i.kind == kind), key=Item.sort_key)

    def get(self, kind: str, id_: str) -> Item:
        return self.items[(kind, id_)]

    def related(self, item: Item, kind: str) -> list[Item]:
        """Entries of `kind` linked to `item` in either direction: declared once, shown on both sides."""
        keys = self.forward.get(item.key, set()) | self.backward.get(item.key, set())
        return sorted((self.items[k] for k in keys if k[0] == kind), key=Item.sort_key)

    def pages(self) -> list[Item]:
        return [i for i in self.items.values() if i.has_page]


# --- YAML with line numbers ------------------------------------------------


def _read_yaml(path: Path, rel: str, problems: list[Problem], texts: Optional[dict] = None):
    """Parse a data file; returns (data, lines) where lines maps an index path to a line number.

    The safe reading (size, encoding, anchors, depth, every syntax error in Dutch) is in yamlfile.py.
    """
    return yamlfile.read(path, rel, problems, texts)


# --- validation messages ---------------------------------------------------


def _entry_label(raw, index: int) -> str:
    if isinstance(raw, dict) and isinstance(raw.get("id"), str):
        entry_id = raw["id"] if len(raw["id"]) <= 60 else raw["id"][:60] + "…"
        return f"'{entry_id}' (nr. {index + 1})"
    return f"nr. {index + 1}"


def _field_path(loc: tuple) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _explain(err: dict, model: type[Entry], loc: tuple) -> str:
    kind, given = err["type"], err.get("input")
    name = loc[-1] if loc else ""
    if given is None and kind != "missing" and loc:
        return _empty_hint(model, loc)
    if kind == "missing":
        return f"dit verplichte veld ontbreekt. Voeg '{name}:' toe met een waarde (het sjabloon bovenaan het bestand en CONTRIBUTING.md tonen alle velden)."
    if kind == "extra_forbidden" and name in RETIRED_FIELDS:
        return RETIRED_FIELDS[name]
    if kind == "extra_forbidden":
        owner = _model_at(model, loc[:-1])
        allowed = list(owner.model_fields)
        guess = difflib.get_close_matches(str(name)[:100], allowed, n=1, cutoff=0.5)
        hint = f"Bedoelde je '{guess[0]}'? " if guess else ""
        return f"onbekend veld (tikfout?). {hint}Toegelaten velden: {', '.join(allowed)}."
    if kind == "string_type":
        return f"verwacht tekst, maar kreeg {_describe(given)}. Zet tekst met een dubbele punt tussen aanhalingstekens."
    if kind == "list_type":
        return f"verwacht een lijst, maar kreeg {_describe(given)}. Schrijf elk element op een eigen regel die begint met '- '."
    if kind in ("bool_type", "bool_parsing"):
        return f"verwacht true of false, maar kreeg {_describe(given)}."
    if kind in ("int_type", "int_parsing", "int_from_float", "int_parsing_size", "finite_number"):
        return f"verwacht een geheel getal, maar kreeg {_describe(given)}."
    if kind in ("string_unicode", "string_sub_type"):
        return ("bevat een teken dat niet in een tekst hoort (een halve UTF-16-code, zoals '\\ud800' tussen dubbele "
                "aanhalingstekens). Typ de tekst opnieuw, zonder backslash-codes.")
    if kind in ("date_type", "date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact"):
        impossible = _impossible_date(given)
        if impossible:
            return impossible
        return f"verwacht een datum als JJJJ-MM-DD (bv. 2026-11-28), maar kreeg {_describe(given)}."
    if kind in ("model_type", "dict_type"):
        return f"verwacht een item met velden (naam: waarde), maar kreeg {_describe(given)}."
    if kind == "literal_error":
        choices = str(err["ctx"]["expected"]).replace(" or ", " of ")  # pydantic writes "'a', 'b' or 'c'"
        return f"ongeldige waarde {_describe(given)}. Kies een van: {choices}."
    if kind == "too_short":
        return "mag niet leeg zijn: geef minstens één element."
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        ctx = err.get("ctx") or {}
        bound = {"ge": "minstens", "le": "hoogstens", "gt": "meer dan", "lt": "minder dan"}
        rule = " en ".join(f"{word} {ctx[key]}" for key, word in bound.items() if key in ctx)
        return f"waarde {_describe(given)} ligt buiten het toegelaten bereik ({rule or 'zie CONTRIBUTING.md'})."
    if kind == "value_error":
        text = str(err["ctx"]["error"])
        return text if text.endswith((".", "?", "!")) else text + "."
    # pydantic's own wording is English: never shown. What was given, and where to read what fits.
    return (f"ongeldige waarde {_describe(given)}. Het sjabloon bovenaan het bestand en CONTRIBUTING.md tonen wat "
            "in dit veld hoort.")


MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december")


def _impossible_date(given) -> Optional[str]:
    """The message for a well-formed date that is not in the calendar (2026-11-31, 2026-13-01)."""
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", str(given)) if isinstance(given, str) else None
    if not match:
        return None
    year, month, day = (int(g) for g in match.groups())
    if not 1 <= month <= 12:
        return f"de datum {given} bestaat niet: er is geen maand {month} (JJJJ-MM-DD: eerst het jaar, dan de maand, dan de dag)."
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        return f"de datum {given} bestaat niet: {MONTHS[month - 1]} {year} heeft {days} dagen. Controleer de dag."
    return None


def _empty_hint(model: type[Entry], loc: tuple) -> str:
    """An empty value ('titel:' with nothing after it, or a '- ' with nothing after it)."""
    if isinstance(loc[-1], int):
        return "dit lijstpunt is leeg. Vul het in, of haal de regel met '- ' weg."
    name = loc[-1]
    owner = _model_at(model, loc[:-1])
    info = owner.model_fields.get(str(name))
    if info is not None and info.is_required():
        return (f"dit verplichte veld is leeg. Vul na '{name}:' een waarde in, op dezelfde regel (een lange tekst: "
                f"'{name}: >-' en de tekst op de regels eronder, vier spaties ver).")
    return f"dit veld is leeg. Vul na '{name}:' een waarde in, of haal de regel '{name}:' weg (het veld is niet verplicht)."


def _describe(value) -> str:
    if value is None:
        return "niets (leeg)"
    if isinstance(value, (dict,)):
        return "een item met velden"
    if isinstance(value, (list,)):
        return "een lijst"
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 64:
        return "een getal van meer dan 19 cijfers"  # str() refuses an integer of over 4,300 digits
    text = str(value)
    return f"'{text[:60]}'" + ("…" if len(text) > 60 else "")


def _nested_label(raw, label: str, loc: tuple) -> tuple[str, tuple]:
    """A problem inside a strategy names the strategy ("'a' (nr. 1), strategie 'delen'") and its own field."""
    if len(loc) > 2 and loc[0] == "strategieen" and isinstance(loc[1], int) and isinstance(raw, dict):
        strategies = raw.get("strategieen")
        if isinstance(strategies, list) and loc[1] < len(strategies) and isinstance(strategies[loc[1]], dict):
            sid = strategies[loc[1]].get("id")
            if isinstance(sid, str):
                return f"{label}, strategie '{sid}'", loc[2:]
    return label, loc


def _model_at(model: type[Entry], loc: tuple) -> type[Entry]:
    """The nested model a location points into (for strategies inside ambitions)."""
    if loc and loc[0] == "strategieen" and model is Ambitie:
        return Strategie
    return model


# --- loading ---------------------------------------------------------------


def load(data_dir: Path | str, docs_dir: Path | str | None = None) -> Catalog:
    """Validate every data file and return the linked catalog, or raise DataError naming every problem.

    Links in data text to hand-written pages are checked against `docs_dir` (by default the docs/
    beside data/, when there is one).
    """
    data_dir = Path(data_dir)
    docs = Path(docs_dir) if docs_dir is not None else data_dir.parent / "docs"
    _refuse_linked_folder(data_dir)
    problems = Problems()
    catalog = Catalog(hint_budget=HINT_BUDGET)
    if docs.is_dir():
        catalog.doc_pages = {p.relative_to(docs).as_posix() for p in docs.rglob("*.md")}
    first_seen: dict[tuple[str, str], Item] = {}
    # Entries (or whole kinds) that failed already: references to them are not reported again.
    failed: set = set()

    def add(item: Item, where: str) -> None:
        other = first_seen.get(item.key)
        if other:
            elsewhere = f"in {other.file}, " if other.file != item.file else ""
            problems.append(Problem(item.file, f"de id '{item.id}' is al gebruikt ({elsewhere}regel {other.line}). "
                                    "Elke id moet uniek zijn: kies een andere.", line=item.line, entry=where, field="id"))
            return
        first_seen[item.key] = item
        catalog.items[item.key] = item

    def read_entries(kind: Kind, path: Path, rel: str, group: Optional[str] = None) -> None:
        raw, lines = _read_yaml(path, rel, problems, catalog.sources)
        if raw is None and not lines:
            if path.exists() and not any(p.file == rel for p in problems):
                raw = []  # an empty file holds no entries yet
            else:
                failed.add(kind.name if group is None else (kind.name, "*" + rel))
                return
        if not isinstance(raw, list):
            problems.append(Problem(rel, "het bestand moet een lijst van items zijn: elk item begint met '- id: ...'.", line=1))
            failed.add(kind.name if group is None else (kind.name, "*" + rel))
            return
        parent = catalog.items.get(("thema", group)) if group and group != ALGEMEEN else None
        for index, entry in enumerate(raw):
            if problems.full:
                problems.stopped = True
                break
            if isinstance(entry, yamlfile.Broken):  # its syntax error is reported already
                failed.add((kind.name, entry.id))
                if kind.name == "ambitie":
                    failed.add("strategie")
                continue
            label = _entry_label(entry, index)
            line = lines.get((index,), 1)
            try:
                model = kind.model.model_validate(entry)
            except ValidationError as exc:
                for err in exc.errors():
                    loc = tuple(err["loc"])
                    where, field_loc = _nested_label(entry, label, loc)
                    problems.append(Problem(rel, _explain(err, kind.model, loc), line=lines.get((index,) + loc, line),
                                            entry=where, field=_field_path(field_loc) or None))
                failed.update(_raw_keys(kind.name, entry))
                continue
            item = Item(kind.name, model, rel, line, parent=parent, path=(index,), lines=lines, group=group)
            add(item, label)
            if isinstance(model, Ambitie):
                for s_index, strat in enumerate(model.strategieen):
                    s_line = lines.get((index, "strategieen", s_index), line)
                    add(Item("strategie", strat, rel, s_line, parent=item, path=(index, "strategieen", s_index), lines=lines),
                        f"{label}, strategie '{strat.id}'")

    def enough() -> bool:
        if problems.full:  # enough to read for now; the rest after these are fixed
            problems.stopped = True
        return problems.full

    for kind in KINDS.values():
        if kind.file is not None and not enough():
            read_entries(kind, data_dir / kind.file, f"{data_dir.name}/{kind.file}")
    # One file per product group (the themes are known by now): data/criteria/<thema-id>.yml.
    for kind in KINDS.values():
        if kind.folder is not None and not enough():
            for path, group in _group_files(data_dir, kind, catalog, problems, failed):
                if not enough():
                    read_entries(kind, path, f"{data_dir.name}/{kind.folder}/{path.name}", group)

    catalog.link_checked = linkcontrole.read(data_dir, problems)
    _check_order(catalog, problems)
    _resolve(catalog, problems, failed)
    _check_criteria(catalog, problems, failed)
    if problems:
        raise DataError(problems)
    return catalog


# Comparisons difflib may make for the guesses of one check (Catalog.closest): about a second.
HINT_BUDGET = 40_000


def _refuse_linked_folder(data_dir: Path) -> None:
    """data/ itself is a folder of the repository, not a link to one elsewhere on the machine."""
    if data_dir.is_symlink():
        raise DataError([Problem(f"{data_dir.name}/", "is een symbolische link naar een map elders. De gegevens "
                                 "staan in de map data/ van de repository zelf: vervang de link door die map.")])


_cache: dict = {}


def load_cached(data_dir: Path | str) -> Catalog:
    """`load`, reused while no data file changed (the hook and the macros both ask for it)."""
    _refuse_linked_folder(Path(data_dir))
    data_dir = Path(data_dir).resolve()
    folders = [k.folder for k in KINDS.values() if k.folder]
    stamp = tuple(sorted((p.relative_to(data_dir).as_posix(), p.lstat().st_mtime_ns, p.lstat().st_size)
                         for p in [*data_dir.glob("*.yml"), *data_dir.glob("*.json"),
                                   *(f for name in folders for f in data_dir.glob(f"{name}/*"))]))
    docs = data_dir.parent / "docs"  # data links to pages are checked against the pages there
    stamp += tuple(sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))) if docs.is_dir() else ()
    hit = _cache.get(data_dir)
    if hit and hit[0] == stamp:
        return hit[1]
    catalog = load(data_dir)
    _cache[data_dir] = (stamp, catalog)
    return catalog


def _group_files(data_dir: Path, kind: Kind, catalog: Catalog, problems: list[Problem], failed: set):
    """(path, product group) of every file in a kind's folder (data/criteria/); a file whose name is no
    theme id, or that is no .yml file, is reported (an editor's file is never silently left out)."""
    folder = data_dir / kind.folder
    if not folder.exists():
        return []
    rel_folder = f"{data_dir.name}/{kind.folder}"
    if not folder.is_dir():
        problems.append(Problem(rel_folder, f"moet een map zijn met een bestand per productgroep, zoals "
                                            f"{rel_folder}/textiel.yml. Verwijder dit bestand en maak de map."))
        failed.add(kind.name)
        return []
    themes = [i.id for i in catalog.items.values() if i.kind == "thema"]
    out = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):
            continue  # editors' and systems' hidden files (.DS_Store)
        rel = f"{rel_folder}/{path.name}"
        if not path.is_file() or path.suffix != ".yml":
            proposal = f"'{path.stem}.yml'" if path.is_file() else f"'{path.name}.yml'"
            problems.append(Problem(rel, f"in {rel_folder}/ horen alleen .yml-bestanden, één per productgroep. "
                                         f"Hernoem het tot {proposal}, of haal het weg uit de map."))
            failed.add(kind.name)
            continue
        group = path.stem
        if group == ALGEMEEN or ("thema", group) in catalog.items:
            out.append((path, group))
            continue
        failed.add(kind.name)  # its criteria are not read: references to them are not reported again
        if "thema" in failed or ("thema", group) in failed:
            continue  # the theme itself has a problem, reported already
        guess = difflib.get_close_matches(group, themes, n=1, cutoff=0.6)
        hint = f" Bedoelde je '{guess[0]}.yml'?" if guess else ""
        problems.append(Problem(rel, f"er bestaat geen productgroep met id '{group}'.{hint} De naam van een bestand in "
                                     f"{rel_folder}/ is de id van een productgroep (thema) in {data_dir.name}/themas.yml: "
                                     f"hernoem het bestand naar een bestaande id, of voeg eerst een productgroep met id "
                                     f"'{ascii_id(group) or group}' toe aan {data_dir.name}/themas.yml. Clausules die bij "
                                     f"elke productgroep passen, horen in {rel_folder}/{ALGEMEEN}.yml.", line=1))
    return out


def _check_criteria(catalog: Catalog, problems: list[Problem], failed: set) -> None:
    """What the model alone cannot see: labels are labels, a criterion's anchor is free on its page."""
    for theme in catalog.all("thema"):
        for position, ref in enumerate(theme.entry.labels):
            resource = catalog.items.get(("bron", ref))
            if resource is not None and resource.entry.soort != "label":
                problems.append(Problem(theme.file, f"'{ref}' is een hulpbron van soort '{resource.entry.soort}', geen label. "
                                        "Zet bij 'labels' alleen hulpbronnen met 'soort: label' uit data/bronnen.yml; een "
                                        "andere hulpbron koppel je met 'themas:' bij de hulpbron zelf.",
                                        line=theme.line_of("labels", position), entry=f"'{theme.id}'", field="labels"))
    for item in catalog.all("criterium"):
        if item.group != ALGEMEEN and item.id in PRODUCT_GROUP_ANCHORS:
            problems.append(Problem(item.file, f"de id '{item.id}' is ook de naam van een onderdeel van de pagina van de "
                                    "productgroep (het anker #" + item.id + "). Kies een id die zegt waarover het criterium "
                                    f"gaat, bv. '{item.group}-{item.id}'.", line=item.line, entry=f"'{item.id}'", field="id"))


def _check_order(catalog: Catalog, problems: list[Problem]) -> None:
    """Steps are numbered 1..n without gaps; letters of ambitions are unique."""
    steps = catalog.all("stap")
    for expected, item in enumerate(steps, start=1):
        if item.entry.nummer != expected:
            problems.append(Problem(item.file, f"nummer {item.entry.nummer} past niet: de stappen moeten 1 tot {len(steps)} "
                                    f"zijn zonder gaten of dubbels (hier verwacht: {expected}).", line=item.line,
                                    entry=f"'{item.id}'", field="nummer"))
            break
    letters: dict[str, Item] = {}
    for item in catalog.all("ambitie"):
        if item.entry.letter in letters:
            problems.append(Problem(item.file, f"letter {item.entry.letter} is al gebruikt door '{letters[item.entry.letter].id}'.",
                                    line=item.line, entry=f"'{item.id}'", field="letter"))
        letters[item.entry.letter] = item


def _link(catalog: Catalog, source: Item, target: tuple[str, str]) -> None:
    if target == source.key:
        return
    catalog.forward.setdefault(source.key, set()).add(target)
    catalog.backward.setdefault(target, set()).add(source.key)


def _raw_keys(kind: str, entry) -> set:
    """Keys an invalid entry would have had, so references to it are not reported twice."""
    keys = set()
    if isinstance(entry, dict):
        if isinstance(entry.get("id"), str):
            keys.add((kind, entry["id"]))
            keys.add((kind, ascii_id(entry["id"])))  # 'textiël' fails; its message proposes 'textiel'
        for strat in entry.get("strategieen") or [] if kind == "ambitie" else []:
            if isinstance(strat, dict) and isinstance(strat.get("id"), str):
                keys.add(("strategie", strat["id"]))
    return keys


def _resolve(catalog: Catalog, problems: list[Problem], failed: set) -> None:
    def known(key: tuple[str, str]) -> bool:
        return key in failed or key[0] in failed or (key[0] == "strategie" and "ambitie" in failed)

    for item in list(catalog.items.values()):
        if getattr(problems, "full", False):
            problems.stopped = True
            return
        entry = item.entry
        number = f" (nr. {item.path[0] + 1})" if item.path else ""
        where = f"'{item.id}'{number}" if item.kind != "strategie" else f"'{item.parent.id}'{number}, strategie '{item.id}'"
        for field_name, kind in ref_fields(type(entry)).items():
            value = getattr(entry, field_name)
            for position, ref in ([(None, value)] if isinstance(value, str) else enumerate(value)):
                if (kind, ref) in catalog.items:
                    _link(catalog, item, (kind, ref))
                elif not known((kind, ref)):
                    problems.append(Problem(item.file, unknown_ref_message(catalog, kind, ref),
                                            line=item.line_of(field_name, position), entry=where, field=field_name))
        for field_name, value in entry:
            for position, text in _markdown_values(value):
                for target in LINK_TARGET_RE.findall(text):
                    message = _check_link(catalog, item, target, known)
                    if message:
                        line = _line_with(catalog, item, field_name, position, "(" + target)
                        problems.append(Problem(item.file, "in een link: " + message, line=line, entry=where,
                                                field=field_name))
        # A strategy belongs to its ambition, a criterion to its product group: that relation needs no declaration.
        if item.parent:
            _link(catalog, item, item.parent.key)


def _check_link(catalog: Catalog, item: Item, target: str, known) -> Optional[str]:
    """None when a link target in data text is fine (and records the relation); else what is wrong."""
    scheme = SCHEME_RE.match(target)
    if scheme:
        prefix, rest = scheme.group(1), target[len(scheme.group(0)):]
        if prefix in KINDS:
            if "#" in rest:
                return (f"'{target}': een link naar een item heeft geen #anker; de site kiest zelf de juiste plek. "
                        f"Schrijf [tekst]({prefix}:{rest.split('#')[0]}).")
            key = (prefix, rest)
            if key in catalog.items:
                _link(catalog, item, key)
                return None
            return None if known(key) else unknown_ref_message(catalog, *key)
        if prefix.lower() in WEB_SCHEMES:
            return None
        return unknown_prefix_message(prefix, rest)
    if target.startswith("#") or catalog.doc_pages is None:
        return None
    path = target.split("#")[0]
    pages = catalog.page_paths()
    if path in pages:
        return None
    return missing_page_message(path, pages, catalog)


def unknown_prefix_message(prefix: str, rest: str) -> str:
    guess = safety.prefix_synonyms().get(prefix.lower())
    if guess is None:
        close = difflib.get_close_matches(prefix.lower(), list(KINDS), n=1, cutoff=0.6)
        guess = close[0] if close else None
    example = f"{guess}:{rest}" if guess else "bron:mvoo-criteriatool"
    hint = f" Bedoelde je '{example}'?" if guess else ""
    kinds = ", ".join(f"{k}:" for k in KINDS)
    return (f"onbekend soort link '{prefix}:{rest}'.{hint} Een link naar een item begint met {kinds} "
            f"gevolgd door de id, zoals [tekst]({example}); een link naar een website met https://.")


def missing_page_message(path: str, pages: set, catalog: Optional[Catalog] = None) -> str:
    wanted = re.sub(r"^(?:\.\./|\./|/)++", "", path)
    wanted = wanted[:-5] + ".md" if wanted.endswith(".html") else wanted
    if wanted != path and wanted in pages:
        best = [wanted]
    else:
        guess = catalog.closest(wanted, sorted(pages)) if catalog is not None else None
        best = [guess] if guess else []
    hint = f" Bedoelde je '{best[0]}'?" if best else ""
    return (f"de pagina '{path}' bestaat niet.{hint} Schrijf een link naar een pagina zoals het bestand heet vanaf de "
            "map docs/, bv. [tekst](inleiding/aan-de-slag.md), en een link naar een item als [tekst](bron:id).")


def _line_with(catalog: Catalog, item: Item, field_name: str, position: Optional[int], needle: str) -> int:
    """The line inside a (long) text field that holds `needle`; the field's line when not found."""
    start = item.line_of(field_name, position)
    source = catalog.sources.get(item.file) or []
    for number in range(start, min(len(source), start + 200) + 1):
        if needle in source[number - 1]:
            return number
    return start


def _markdown_values(value) -> Iterable[tuple[Optional[int], str]]:
    if isinstance(value, str):
        yield None, value
    elif isinstance(value, list):
        for position, v in enumerate(value):
            if isinstance(v, str):
                yield position, v


def unknown_ref_message(catalog: Catalog, kind: str, ref: str) -> str:
    ids = catalog.ids(kind)
    # Only a close match is a useful guess; a far one ('quickscan' -> 'nordic-swan') misleads.
    best = catalog.closest(ref, ids)
    if best:
        hint = f" Bedoelde je '{best}'?"
    elif ids:
        hint = f" Controleer de schrijfwijze, of voeg eerst een {kind} met id '{ref}' toe."
    else:
        hint = f" Er bestaat nog geen enkel{'' if kind in NEUTER else 'e'} {kind}."
    source = KINDS[kind].source
    adjective = "onbekend" if kind in NEUTER else "onbekende"  # het thema, het begrip, het voorbeeld
    return f"{adjective} {kind} '{ref}'.{hint} Geldige ids staan in data/{source}."
