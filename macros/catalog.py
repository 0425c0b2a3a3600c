"""Load data/, validate it against the model, resolve references, compute back-links.

Framework-free on purpose: nothing here imports MkDocs, so the content can move
to another generator (Material for MkDocs reaches end of life in 2027).
"""
from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

import yaml
from pydantic import ValidationError

from . import linkcontrole
from .errors import DataError, Problem
from .model import KINDS, RETIRED_FIELDS, Ambitie, Entry, Strategie, ref_fields

# "[tekst](bron:mvoo)" in any Markdown links to an entry by kind and id.
INLINE_REF_RE = re.compile(r"\]\((" + "|".join(KINDS) + r"):([^)\s#]+)\)")


@dataclass
class Item:
    """One validated entry with where it came from and where it goes on the site."""

    kind: str
    entry: Entry
    file: str
    line: int
    parent: Optional["Item"] = None  # the ambition of a strategy

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
        pattern = KINDS[self.kind].page
        return pattern.format(id=self.id, ambitie=self.parent.id if self.parent else "")

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
        return (self.title.casefold(),)


@dataclass
class Catalog:
    items: dict[tuple[str, str], Item] = field(default_factory=dict)
    forward: dict[tuple[str, str], set] = field(default_factory=dict)
    backward: dict[tuple[str, str], set] = field(default_factory=dict)
    # URL -> the day the weekly link check last found it working (data/linkcontrole.json).
    link_checked: dict[str, dt.date] = field(default_factory=dict)

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


def _read_yaml(path: Path, rel: str, problems: list[Problem]):
    """Parse a data file; returns (data, lines) where lines maps an index path to a line number."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        problems.append(Problem(rel, f"kan het bestand niet lezen ({exc.strerror})."))
        return None, {}
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        what = exc.problem or "ongeldige YAML"
        problems.append(
            Problem(
                rel,
                f"YAML-syntaxfout ({what}). Controleer op of net boven deze regel de inspringing "
                "(spaties, geen tabs), de dubbele punt na elke veldnaam en de aanhalingstekens.",
                line=line,
            )
        )
        return None, {}
    lines: dict[tuple, int] = {}
    _collect(node, (), lines, rel, problems)
    return data, lines


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


# --- validation messages ---------------------------------------------------


def _entry_label(raw, index: int) -> str:
    if isinstance(raw, dict) and isinstance(raw.get("id"), str):
        return f"'{raw['id']}' (nr. {index + 1})"
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
    if kind == "missing":
        return f"dit verplichte veld ontbreekt. Voeg '{name}:' toe met een waarde (het sjabloon bovenaan het bestand en CONTRIBUTING.md tonen alle velden)."
    if kind == "extra_forbidden" and name in RETIRED_FIELDS:
        return RETIRED_FIELDS[name]
    if kind == "extra_forbidden":
        owner = _model_at(model, loc[:-1])
        allowed = list(owner.model_fields)
        guess = difflib.get_close_matches(str(name), allowed, n=1, cutoff=0.5)
        hint = f"Bedoelde je '{guess[0]}'? " if guess else ""
        return f"onbekend veld (tikfout?). {hint}Toegelaten velden: {', '.join(allowed)}."
    if kind == "string_type":
        return f"verwacht tekst, maar kreeg {_describe(given)}. Zet tekst met een dubbele punt tussen aanhalingstekens."
    if kind == "list_type":
        return f"verwacht een lijst, maar kreeg {_describe(given)}. Schrijf elk element op een eigen regel die begint met '- '."
    if kind in ("bool_type", "bool_parsing"):
        return f"verwacht true of false, maar kreeg {_describe(given)}."
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"verwacht een geheel getal, maar kreeg {_describe(given)}."
    if kind in ("date_type", "date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact"):
        return f"verwacht een datum als JJJJ-MM-DD (bv. 2026-11-28), maar kreeg {_describe(given)}."
    if kind in ("model_type", "dict_type"):
        return f"verwacht een item met velden (naam: waarde), maar kreeg {_describe(given)}."
    if kind == "literal_error":
        choices = str(err["ctx"]["expected"]).replace(" or ", " of ")  # pydantic writes "'a', 'b' or 'c'"
        return f"ongeldige waarde {_describe(given)}. Kies een van: {choices}."
    if kind == "too_short":
        return "mag niet leeg zijn: geef minstens één element."
    if kind in ("greater_than_equal", "less_than_equal"):
        return f"waarde {_describe(given)} ligt buiten het toegelaten bereik ({err['msg']})."
    if kind == "value_error":
        return str(err["ctx"]["error"]) + "."
    return f"{err['msg']} (kreeg {_describe(given)})."


def _describe(value) -> str:
    if value is None:
        return "niets (leeg)"
    if isinstance(value, (dict,)):
        return "een item met velden"
    if isinstance(value, (list,)):
        return "een lijst"
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


def load(data_dir: Path | str) -> Catalog:
    """Validate every data file and return the linked catalog, or raise DataError naming every problem."""
    data_dir = Path(data_dir)
    problems: list[Problem] = []
    catalog = Catalog()
    first_seen: dict[tuple[str, str], Item] = {}
    # Entries (or whole kinds) that failed already: references to them are not reported again.
    failed: set = set()

    def add(item: Item, where: str) -> None:
        other = first_seen.get(item.key)
        if other:
            problems.append(Problem(item.file, f"de id '{item.id}' is al gebruikt (regel {other.line}). "
                                    "Elke id moet uniek zijn: kies een andere.", line=item.line, entry=where, field="id"))
            return
        first_seen[item.key] = item
        catalog.items[item.key] = item

    for kind in KINDS.values():
        if kind.file is None:
            continue
        rel = f"{data_dir.name}/{kind.file}"
        raw, lines = _read_yaml(data_dir / kind.file, rel, problems)
        if raw is None and not lines:
            if (data_dir / kind.file).exists() and not any(p.file == rel for p in problems):
                raw = []  # an empty file holds no entries yet
            else:
                failed.add(kind.name)
                continue
        if not isinstance(raw, list):
            problems.append(Problem(rel, "het bestand moet een lijst van items zijn: elk item begint met '- id: ...'.", line=1))
            failed.add(kind.name)
            continue
        for index, entry in enumerate(raw):
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
            item = Item(kind.name, model, rel, line)
            add(item, label)
            if isinstance(model, Ambitie):
                for s_index, strat in enumerate(model.strategieen):
                    s_line = lines.get((index, "strategieen", s_index), line)
                    add(Item("strategie", strat, rel, s_line, parent=item), f"{label}, strategie '{strat.id}'")

    catalog.link_checked = linkcontrole.read(data_dir, problems)
    _check_order(catalog, problems)
    _resolve(catalog, problems, failed)
    if problems:
        raise DataError(problems)
    return catalog


_cache: dict = {}


def load_cached(data_dir: Path | str) -> Catalog:
    """`load`, reused while no data file changed (the hook and the macros both ask for it)."""
    data_dir = Path(data_dir).resolve()
    stamp = tuple(sorted((p.name, p.stat().st_mtime_ns, p.stat().st_size)
                         for p in [*data_dir.glob("*.yml"), *data_dir.glob("*.json")]))
    hit = _cache.get(data_dir)
    if hit and hit[0] == stamp:
        return hit[1]
    catalog = load(data_dir)
    _cache[data_dir] = (stamp, catalog)
    return catalog


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
        for strat in entry.get("strategieen") or [] if kind == "ambitie" else []:
            if isinstance(strat, dict) and isinstance(strat.get("id"), str):
                keys.add(("strategie", strat["id"]))
    return keys


def _resolve(catalog: Catalog, problems: list[Problem], failed: set) -> None:
    def known(key: tuple[str, str]) -> bool:
        return key in failed or key[0] in failed or (key[0] == "strategie" and "ambitie" in failed)

    for item in list(catalog.items.values()):
        entry = item.entry
        where = f"'{item.id}'" if item.kind != "strategie" else f"'{item.parent.id}', strategie '{item.id}'"
        for field_name, kind in ref_fields(type(entry)).items():
            for ref in getattr(entry, field_name):
                if (kind, ref) in catalog.items:
                    _link(catalog, item, (kind, ref))
                elif not known((kind, ref)):
                    problems.append(Problem(item.file, unknown_ref_message(catalog, kind, ref), line=item.line,
                                            entry=where, field=field_name))
        for field_name, value in entry:
            for text in _markdown_values(value):
                for kind, ref in INLINE_REF_RE.findall(text):
                    if (kind, ref) in catalog.items:
                        _link(catalog, item, (kind, ref))
                    elif not known((kind, ref)):
                        problems.append(Problem(item.file, "in een link: " + unknown_ref_message(catalog, kind, ref),
                                                line=item.line, entry=where, field=field_name))
        # A strategy belongs to its ambition: that relation needs no declaration.
        if item.parent:
            _link(catalog, item, item.parent.key)


def _markdown_values(value) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for v in value:
            if isinstance(v, str):
                yield v


def unknown_ref_message(catalog: Catalog, kind: str, ref: str) -> str:
    ids = [i.id for i in catalog.items.values() if i.kind == kind]
    # Only a close match is a useful guess; a far one ('quickscan' -> 'nordic-swan') misleads.
    best = difflib.get_close_matches(ref, ids, n=1, cutoff=0.6)
    if best:
        hint = f" Bedoelde je '{best[0]}'?"
    elif ids:
        hint = f" Controleer de schrijfwijze, of voeg eerst een {kind} met id '{ref}' toe."
    else:
        hint = f" Er bestaat nog geen enkele {kind}."
    source = KINDS[kind].file or "ambities.yml (onder strategieen)"
    return f"onbekende {kind} '{ref}'.{hint} Geldige ids staan in data/{source}."
