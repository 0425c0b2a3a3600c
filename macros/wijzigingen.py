"""Change notes and editions: what changed in the guide, why, where, and in which edition.

- data/wijzigingen.yml: the notes editors write, one per substantive change (new or
  corrected content, a moved page). Each names the entries (`bron:mvoo-criteriatool`)
  and hand-written pages (`over.md`) it changed, or `hele_gids: true`.
- data/edities.yml: the editions `make release` fixed (tools/release.py writes it):
  version, date and the notes that were new in it.

Framework-free like catalog.py. Used by the MkDocs hook (overrides/hooks/wijzigingen.py:
the notes under every page, the feed, the PDF cover), the macro of the page
"Nieuw en gewijzigd", the offline bundle's read-me, the release tool and `python -m macros`.
A mistake in either file stops the build with the usual message: file, line, entry,
field and the fix.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping, Optional

from pydantic import ValidationError

from .catalog import Catalog, _entry_label, _explain, _field_path, _read_yaml, unknown_ref_message
from .errors import DataError, Problem, Problems
from .model import ITEM_REF_RE, KIND_NOUNS, Editie, Wijziging
from .yamlfile import Broken

NOTES_FILE = "wijzigingen.yml"
EDITIONS_FILE = "edities.yml"
NOTES_PAGE = "nieuw-en-gewijzigd.md"
# Anchors the page "Nieuw en gewijzigd" uses for its own sections: a note id may not take them.
RESERVED_IDS = {"deze-editie", "alle-wijzigingen", "volgen"}
MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
          "september", "oktober", "november", "december")
# A note dated tomorrow may be an editor east of the build machine's clock; later is a typo.
FUTURE_SLACK = dt.timedelta(days=1)
FRONT_MATTER_RE = re.compile(r"\A---[ \t\r]*+\n(.*?)\n---[ \t\r]*+\n", re.S)


def dutch_date(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


@dataclass(frozen=True)
class Target:
    """A place a note changed: a page, and on it the entry's anchor (if it has no page of its own)."""

    page: str  # docs-relative Markdown path, e.g. "bronnen.md"
    anchor: Optional[str]
    title: str  # as a reader sees it, e.g. "MVOO-criteriatool (hulpbron)"

    @property
    def target(self) -> str:
        return self.page + (f"#{self.anchor}" if self.anchor else "")


@dataclass
class Note:
    entry: Wijziging
    file: str
    line: int
    order: int  # position in the file: of two notes on one day, the later one is newer
    targets: list[Target] = field(default_factory=list)
    edition: Optional[str] = None  # the edition it first appeared in; None: not yet in one

    @property
    def id(self) -> str:
        return self.entry.id

    @property
    def datum(self) -> dt.date:
        return self.entry.datum

    @property
    def datum_nl(self) -> str:
        return dutch_date(self.entry.datum)

    def applies_to(self, page: str) -> bool:
        return self.entry.hele_gids or any(t.page == page for t in self.targets)


@dataclass
class Edition:
    versie: str
    datum: dt.date
    notes: list[Note]
    line: int

    @property
    def datum_nl(self) -> str:
        return dutch_date(self.datum)

    @property
    def label(self) -> str:
        return f"editie {self.versie} van {self.datum_nl}"


@dataclass
class Section:
    """"Wijzigingen in deze editie": the notes a build, bundle or PDF carries since the edition before it."""

    intro: str
    notes: list[Note]


@dataclass
class Changelog:
    notes: list[Note]  # newest first
    editions: list[Edition]  # newest first

    def get(self, note_id: str) -> Note:
        return next(n for n in self.notes if n.id == note_id)

    def for_page(self, page: str) -> list[Note]:
        return [n for n in self.notes if n.applies_to(page)]

    def unreleased(self) -> list[Note]:
        return [n for n in self.notes if n.edition is None]

    def edition(self, version: str) -> Optional[Edition]:
        return next((e for e in self.editions if e.versie == version), None)

    def this_edition(self, version: str, label: str) -> Section:
        """The notes new in the edition `version` (a fixed one from data/edities.yml), or, for any
        other build (a commit after an edition, a working copy), the notes not yet in an edition.
        `label` is the build's own stamp ("Editie v2026.12-3-gab12cd3 van 3 december 2026")."""
        fixed = self.edition(version)
        if fixed is not None:
            before = self.editions[self.editions.index(fixed) + 1:]
            if before:
                intro = f"Editie {fixed.versie} van {fixed.datum_nl} bevat deze wijzigingen sinds {before[0].label}."
            else:
                intro = f"Editie {fixed.versie} van {fixed.datum_nl} is de eerste vaste editie. Ze bevat deze wijzigingen."
            return Section(intro, fixed.notes)
        notes = self.unreleased()
        previous = self.editions[0] if self.editions else None
        if previous is None:
            intro = f"Je leest de {label[0].lower() + label[1:]}. Er is nog geen vaste editie: dit zijn alle wijzigingen tot nu toe."
        elif notes:
            intro = f"Je leest de {label[0].lower() + label[1:]}. Sinds {previous.label} veranderde dit."
        else:
            intro = f"Je leest de {label[0].lower() + label[1:]}. Sinds {previous.label} veranderde er inhoudelijk niets."
        return Section(intro, notes)


# --- page titles ---------------------------------------------------------------


def page_titles(docs_dir: Path | str, catalog: Catalog) -> dict[str, str]:
    """Every page a note may name -> its title as a reader sees it: the hand-written pages in
    docs/ (front matter `title:`, else the first level-1 heading) and the generated ones."""
    docs_dir = Path(docs_dir)
    titles: dict[str, str] = {}
    for path in sorted(docs_dir.rglob("*.md")) if docs_dir.is_dir() else []:
        rel = path.relative_to(docs_dir).as_posix()
        # Only the title is read here; the build refuses a page that is a link or not UTF-8.
        text = "" if path.is_symlink() or not path.is_file() else path.read_bytes().decode("utf-8", "replace")
        title = None
        front = FRONT_MATTER_RE.match(text)
        if front:
            title = front_matter_title(front.group(1))
            text = text[front.end():]
        if title is None:
            title = first_heading(text) or path.stem.replace("-", " ").capitalize()
        titles[rel] = title
    for item in catalog.pages():
        titles.setdefault(item.page, item.title)
    return titles


def front_matter_title(front: str) -> Optional[str]:
    """The value of `title:` in a page's front matter, without the quotes around it."""
    for line in front.split("\n"):
        if line.startswith("title:"):
            value = line[len("title:"):].strip()
            value = value[1:] if value[:1] in "'\"" else value
            value = value[:-1] if value[-1:] in "'\"" else value
            return value or None
    return None


def first_heading(text: str) -> Optional[str]:
    """The first level-1 heading ("# Titel {#anker}" -> "Titel"), line by line. A regular expression
    for it ("^#\\s+(.+?)\\s*(?:\\{[^}]*\\})?\\s*$") tried every split of a run of spaces three ways:
    a heading followed by 4,000 spaces took over two minutes."""
    for line in text.split("\n"):
        if len(line) < 2 or line[0] != "#" or line[1] not in " \t":
            continue
        title = line[1:].strip()
        if title.endswith("}"):  # an attribute list "{...}" (no "}" inside) after at least one character
            start = title.find("{", max(title.rfind("}", 0, len(title) - 1) + 1, 1))
            if start > 0:
                title = title[:start].rstrip()
        if title:
            return title
    return None


# --- loading ---------------------------------------------------------------------


def load(data_dir: Path | str, catalog: Catalog, pages: Optional[Mapping[str, str]] = None,
         today: Optional[dt.date] = None) -> Changelog:
    """Validate data/wijzigingen.yml and data/edities.yml against the catalog and the pages
    (page path -> title; None skips the page check) and return the changelog, or raise
    DataError naming every problem. Either file may be missing: then it holds nothing yet."""
    data_dir = Path(data_dir)
    today = today or dt.date.today()
    problems = Problems()
    notes = _load_notes(data_dir, catalog, pages, today, problems)
    editions = _load_editions(data_dir, notes, problems, catalog)
    if problems:
        raise DataError(problems)
    ordered = sorted(notes.values(), key=lambda n: (n.datum, n.order), reverse=True)
    return Changelog(ordered, sorted(editions, key=lambda e: (e.datum, e.line), reverse=True))


def _entries(data_dir: Path, name: str, problems: list[Problem]):
    rel = f"{data_dir.name}/{name}"
    path = data_dir / name
    if not path.exists():
        return rel, [], {}
    raw, lines = _read_yaml(path, rel, problems)
    if raw is None and not lines:
        return rel, [], {}  # empty file, or a syntax error already reported
    if not isinstance(raw, list):
        problems.append(Problem(rel, "het bestand moet een lijst zijn: elk item begint met '- '.", line=1))
        return rel, [], {}
    return rel, raw, lines


def _validate(model, raw, index: int, rel: str, lines: dict, problems: list[Problem]):
    label = _entry_label(raw, index)
    line = lines.get((index,), 1)
    if isinstance(raw, Broken):  # its syntax error is reported already
        return None, label, line
    try:
        return model.model_validate(raw), label, line
    except ValidationError as exc:
        for err in exc.errors():
            loc = tuple(err["loc"])
            problems.append(Problem(rel, _explain(err, model, loc), line=lines.get((index,) + loc, line),
                                    entry=label, field=_field_path(loc) or None))
        return None, label, line


def _load_notes(data_dir: Path, catalog: Catalog, pages: Optional[Mapping[str, str]], today: dt.date,
                problems: list[Problem]) -> dict[str, Note]:
    rel, raw, lines = _entries(data_dir, NOTES_FILE, problems)
    notes: dict[str, Note] = {}
    for index, entry in enumerate(raw):
        model, label, line = _validate(Wijziging, entry, index, rel, lines, problems)
        if model is None:
            continue

        def problem(message: str, field_name: str, sub: Optional[int] = None) -> None:
            loc = (index, field_name) + ((sub,) if sub is not None else ())
            problems.append(Problem(rel, message, line=lines.get(loc, lines.get((index, field_name), line)),
                                    entry=label, field=field_name))

        if model.id in notes:
            problem(f"de id '{model.id}' is al gebruikt (regel {notes[model.id].line}). Elke wijziging heeft "
                    "een eigen id: kies een andere.", "id")
            continue
        if model.id in RESERVED_IDS or model.id.startswith("editie-"):
            problem(f"de id '{model.id}' is voorbehouden voor de pagina Nieuw en gewijzigd: kies een andere.", "id")
        if model.datum > today + FUTURE_SLACK:
            problem(f"de datum {model.datum.isoformat()} ligt in de toekomst. Gebruik de dag waarop de wijziging "
                    f"gepubliceerd wordt (vandaag is {today.isoformat()}).", "datum")
        note = Note(model, rel, line, index)
        for sub, ref in enumerate(model.items):
            kind, ref_id = ITEM_REF_RE.match(ref).groups()
            item = catalog.items.get((kind, ref_id))
            if item is None:
                problem(unknown_ref_message(catalog, kind, ref_id), "items", sub)
                continue
            note.targets.append(Target(item.page, item.anchor, f"{item.title} ({KIND_NOUNS.get(kind, kind)})"))
        for sub, page in enumerate(model.paginas):
            if pages is None:
                note.targets.append(Target(page, None, page))
            elif page in pages:
                note.targets.append(Target(page, None, pages[page]))
            else:
                guess = catalog.closest(page, pages)
                hint = f"Bedoelde je '{guess}'? " if guess else ""
                problem(f"de pagina '{page}' bestaat niet in docs/. {hint}Schrijf het pad binnen docs/, bv. 'over.md'; "
                        "voor een stap, valkuil of ander item gebruik je 'items' (bv. stap:behoefte).", "paginas", sub)
        if not (model.items or model.paginas or model.hele_gids):
            problem("de nota zegt niet wat er veranderde. Vul 'items' of 'paginas' in, of zet 'hele_gids: true' "
                    "als de wijziging elke pagina raakt.", "items")
        notes[model.id] = note
    return notes


def _load_editions(data_dir: Path, notes: dict[str, Note], problems: list[Problem], catalog: Catalog) -> list[Edition]:
    rel, raw, lines = _entries(data_dir, EDITIONS_FILE, problems)
    editions: list[Edition] = []
    seen: dict[str, Edition] = {}
    for index, entry in enumerate(raw):
        model, label, line = _validate(Editie, entry, index, rel, lines, problems)
        if model is None:
            continue
        label = f"'{model.versie}' (nr. {index + 1})"
        if model.versie in seen:
            problems.append(Problem(rel, f"de editie {model.versie} staat er twee keer in.", line=line, entry=label,
                                    field="versie"))
            continue
        if editions and model.datum < editions[-1].datum:
            problems.append(Problem(rel, f"de datum {model.datum.isoformat()} ligt voor die van de editie ervoor "
                                    f"({editions[-1].versie}, {editions[-1].datum.isoformat()}): de edities staan "
                                    "van oud naar nieuw.", line=lines.get((index, "datum"), line), entry=label, field="datum"))
        edition = Edition(model.versie, model.datum, [], line)
        for sub, note_id in enumerate(model.wijzigingen):
            where = lines.get((index, "wijzigingen", sub), line)
            note = notes.get(note_id)
            if note is None:
                guess = catalog.closest(note_id, notes)
                hint = f" Bedoelde je '{guess}'?" if guess else ""
                problems.append(Problem(rel, f"onbekende wijziging '{note_id}'.{hint} Een nota die in een editie staat, "
                                        f"blijft in data/{NOTES_FILE} staan met dezelfde id: zet haar terug.",
                                        line=where, entry=label, field="wijzigingen"))
                continue
            if note.edition is not None:
                problems.append(Problem(rel, f"de wijziging '{note_id}' staat al in editie {seen[note.edition].versie}. "
                                        "Een wijziging hoort bij één editie.", line=where, entry=label, field="wijzigingen"))
                continue
            note.edition = model.versie
            edition.notes.append(note)
        edition.notes.sort(key=lambda n: (n.datum, n.order), reverse=True)
        seen[model.versie] = edition
        editions.append(edition)
    return editions


_cache: dict = {}


def load_cached(data_dir: Path | str, catalog: Catalog, pages: Optional[Mapping[str, str]] = None) -> Changelog:
    """`load`, reused while neither file, the catalog nor the pages changed (the hook and the macro both ask)."""
    data_dir = Path(data_dir).resolve()
    stamp = tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in
                  (data_dir / NOTES_FILE, data_dir / EDITIONS_FILE) if p.exists())
    key = (stamp, id(catalog), tuple(sorted(pages.items())) if pages is not None else None, dt.date.today())
    hit = _cache.get(data_dir)
    if hit and hit[0] == key:
        return hit[1]
    changelog = load(data_dir, catalog, pages)
    _cache[data_dir] = (key, changelog)
    return changelog


# --- plain-text and Markdown forms (offline read-me, GitHub release) --------------------


def page_url(site_url: str, target: Target) -> str:
    """Absolute address of a target (the site is built with use_directory_urls: false)."""
    return site_url.rstrip("/") + "/" + target.page[:-3] + ".html" + (f"#{target.anchor}" if target.anchor else "")


def where_text(note: Note) -> str:
    if note.entry.hele_gids:
        return "de hele gids"
    return ", ".join(t.title for t in note.targets)


def section_text(section: Section) -> str:
    """The section as plain text, for LEESMIJ.txt in the offline bundle."""
    lines = ["Wijzigingen in deze editie", "", section.intro, ""]
    for note in section.notes:
        lines += [f"- {note.entry.titel} ({note.datum_nl})",
                  f"  {note.entry.wat}",
                  f"  Waarom: {note.entry.waarom}",
                  f"  Betreft: {where_text(note)}", ""]
    return "\n".join(lines)


def section_markdown(section: Section, site_url: str) -> str:
    """The section in Markdown with absolute links, for the body of a GitHub release."""
    def escape(text: str) -> str:
        return re.sub(r"([\\`*_\[\]<>|#])", r"\\\1", text)

    out = ["## Wijzigingen in deze editie", "", escape(section.intro), ""]
    for note in section.notes:
        if note.entry.hele_gids:
            where = "de hele gids"
        else:
            where = ", ".join(f"[{escape(t.title)}]({page_url(site_url, t)})" for t in note.targets)
        out += [f"- **{escape(note.entry.titel)}** ({note.datum_nl}). {escape(note.entry.wat)} "
                f"Waarom: {escape(note.entry.waarom)} Betreft: {where}."]
    if not section.notes:
        out.append("Geen inhoudelijke wijzigingen.")
    return "\n".join(out) + "\n"
