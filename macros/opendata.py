"""Open data: every collection of data/ as JSON and CSV, with JSON Schemas and a data package.

Framework-free like the rest of the core: the hook overrides/hooks/hulpmiddelen.py
writes what `build_files` returns into the site, the page werkinstrumenten/open-data.md
documents it through `field_rows`.

The published records are derived from the same pydantic models that validate
data/ (their schemas: macros/opendata_model.py, committed in schemas/open-data/), so the
schemas cannot drift from the content:
- the plain fields of an entry keep their model (type, description);
- every reference field is replaced by one list of ids per kind, resolved in
  both directions (a relation declared on either side shows on both), under the
  collection's name: `bronnen`, `stappen`, ...;
- strategies get their own collection with the id of their ambition;
- `url` is the entry's page on the site (an entry's own external address, such as a
  resource's link or a rule's official text, is published as `webadres`); inline
  `[tekst](bron:id)` links in Markdown fields become absolute links to the site.
"""
from __future__ import annotations

import csv
import functools
import io
import json
from pathlib import Path
from typing import Any

from .catalog import INLINE_REF_RE, PAGE_LINK_RE, Catalog, Item
from .errors import DataError, Problem
from .model import KINDS, Ambitie, ref_fields

LICENCE = {
    "naam": "CC BY 4.0",
    "titel": "Creative Commons Naamsvermelding 4.0 Internationaal",
    "url": "https://creativecommons.org/licenses/by/4.0/deed.nl",
}
FOLDER = "open-data"
# CSV cells that hold a list put one element per line (a line break inside a quoted cell is valid CSV).
LIST_SEPARATOR = "\n"


def collection(kind: str) -> str:
    """Collection (and file) name of a kind: the data file's (or folder's) name, 'strategieen' for strategies."""
    k = KINDS[kind]
    if k.folder:
        return k.folder
    return k.file[: -len(".yml")] if k.file else "strategieen"


# The kinds published here.
OPEN_KINDS = tuple(k for k, kind in KINDS.items() if kind.open_data)
COLLECTIONS = {kind: collection(kind) for kind in OPEN_KINDS}
# Kinds whose external address the weekly link check dates (data/linkcontrole.json): kind -> field.
CHECKED_LINKS = {"bron": "url"}
CHECKED_FIELD = "link_goed_bevonden"


# A criterion's product group: the id of its theme, or ALGEMEEN for the model clauses of every group
# (its file in data/criteria/). Its `url` is its permalink: its anchor on that group's page.
GROUP_FIELD = "productgroep"

# A record's `url` is its page on the site; an entry's own external address (a resource's
# link, a rule's official text) is published under this name instead of being overwritten.
OWN_URL = "webadres"


def published(name: str) -> str:
    return OWN_URL if name == "url" else name


@functools.cache
def plain_fields(kind: str) -> dict[str, tuple]:
    """The entry's own fields (no references, no nested strategies), with their type and description."""
    model = KINDS[kind].model
    skip = set(ref_fields(model))
    if model is Ambitie:
        skip.add("strategieen")
    return {name: (info.annotation, info) for name, info in model.model_fields.items() if name not in skip}


# The JSON Schemas of the collections are generated from the models in macros/opendata_model.py
# by `make schemas` and committed (schemas/open-data/), like the data files' schemas: the models are
# pydantic classes built at import, and writing their schemas was a twentieth of a small build.
# tests/test_schemas.py fails when a committed schema no longer matches the models.
SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas" / FOLDER


@functools.cache
def schema_body(kind: str) -> dict:
    """A collection's JSON Schema as committed: without $schema and $id (those depend on the site)."""
    path = SCHEMA_DIR / f"{COLLECTIONS[kind]}.schema.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DataError([Problem(f"schemas/{FOLDER}/{path.name}", f"het schema van de open data ontbreekt of is kapot ({exc}). "
                                 "Maak de schema's opnieuw met `make schemas` en commit schemas/ mee.")]) from None


def record_schema(kind: str) -> dict:
    """The JSON Schema of one record of a collection (the collection's `items`)."""
    body = schema_body(kind)
    ref = body["properties"]["items"]["items"]["$ref"]
    return body["$defs"][ref.rsplit("/", 1)[1]]


def schema(kind: str, site_url: str = "") -> dict:
    """The published JSON Schema of one collection file."""
    coll = COLLECTIONS[kind]
    body = schema_body(kind)
    head = {"$schema": "https://json-schema.org/draft/2020-12/schema"}
    if site_url:
        head["$id"] = f"{site_url.rstrip('/')}/{FOLDER}/{coll}.schema.json"
    return {**head, **body}


# --- records ---------------------------------------------------------------


def _absolute(target: str, site_url: str) -> str:
    path = target.replace(".md", ".html", 1)
    return f"{site_url.rstrip('/')}/{path}" if site_url else path


def _links(value: Any, catalog: Catalog, site_url: str) -> Any:
    """Inline `](kind:id)` links and links to pages in Markdown become absolute links to the site."""
    if isinstance(value, str):
        value = PAGE_LINK_RE.sub(lambda m: "](" + _absolute(m.group(1) + (m.group(2) or ""), site_url), value)
        return INLINE_REF_RE.sub(lambda m: "](" + _absolute(catalog.get(m.group(1), m.group(2)).target, site_url) + ")", value)
    if isinstance(value, list):
        return [_links(v, catalog, site_url) for v in value]
    return value


def record(item: Item, catalog: Catalog, site_url: str) -> dict:
    """One published record: plain fields, parent ambition, url, relations both ways."""
    fields = plain_fields(item.kind)
    data = item.entry.model_dump(mode="json", include=set(fields))
    out = {published(name): _links(data.get(name), catalog, site_url) for name in fields}
    if item.kind == "strategie":
        out["ambitie"] = item.parent.id
    if item.kind == "criterium":
        out[GROUP_FIELD] = item.group
        out["bron"] = item.entry.bron  # also among `bronnen`, but this one is the set the criterion comes from
    if item.kind in CHECKED_LINKS:
        day = catalog.last_good(getattr(item.entry, CHECKED_LINKS[item.kind]))
        out[CHECKED_FIELD] = day.isoformat() if day else None
    out["url"] = _absolute(item.target, site_url)
    for other, coll in COLLECTIONS.items():
        out[coll] = [i.id for i in catalog.related(item, other)]
    return out


def collection_document(kind: str, catalog: Catalog, site_url: str, edition: dict) -> dict:
    items = [record(i, catalog, site_url) for i in catalog.all(kind)]
    return {
        "collectie": COLLECTIONS[kind],
        "titel": KINDS[kind].label,
        "licentie": LICENCE,
        "editie": {"versie": edition["version"], "datum": edition["date"]},
        "bron": site_url,
        "schema": f"{COLLECTIONS[kind]}.schema.json",
        "aantal": len(items),
        "items": items,
    }


def _columns(kind: str) -> list[str]:
    return list(record_schema(kind)["properties"])


# A cell that starts with one of these is a formula to Excel and LibreOffice (=HYPERLINK(...) would
# open a link, =cmd|... could start a program): OWASP's rule is to start such a cell with a quote.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value) -> str:
    """A cell that a spreadsheet shows as text, never runs as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def to_csv(kind: str, records: list[dict]) -> str:
    """RFC 4180 CSV (comma, double quotes); a list cell holds one element per line.

    A line break inside one element becomes a space (in Markdown it is one anyway), so the
    lines of a list cell stay its elements. Cells are neutralised against formulas (csv_cell).
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    columns = _columns(kind)
    writer.writerow(columns)
    for rec in records:
        row = []
        for col in columns:
            value = rec.get(col)
            if isinstance(value, list):
                value = LIST_SEPARATOR.join(" ".join(str(element).split()) for element in value)
            row.append(csv_cell(value))
        writer.writerow(row)
    return buffer.getvalue()


# --- field documentation ----------------------------------------------------

_JSON_TYPES = {"string": "tekst", "integer": "geheel getal", "number": "getal", "boolean": "ja/nee", "array": "lijst"}


def _type_label(prop: dict) -> str:
    if "anyOf" in prop:
        kinds = [_type_label(p) for p in prop["anyOf"] if p.get("type") != "null"]
        return " of ".join(kinds) + " (mag leeg zijn)"
    if "enum" in prop:
        return "een van: " + ", ".join(str(v) for v in prop["enum"])
    if "const" in prop:
        return f"altijd {prop['const']}"
    kind = prop.get("type")
    if kind == "array":
        return "lijst van " + _type_label(prop.get("items", {}))
    if prop.get("format") == "date":
        return "datum (JJJJ-MM-DD)"
    return _JSON_TYPES.get(kind, str(kind))


def field_rows(kind: str) -> list[dict]:
    """Name, type, required and description of every field of a record, read from its JSON Schema."""
    sch = record_schema(kind)
    required = set(sch.get("required", []))
    return [{"naam": name, "type": _type_label(prop), "verplicht": name in required,
             "beschrijving": prop.get("description", "")}
            for name, prop in sch["properties"].items()]


# --- the whole folder --------------------------------------------------------


def _table_schema(kind: str) -> dict:
    """Frictionless Table Schema of a CSV file (lists are 'string': elements on separate lines)."""
    types = {"geheel getal": "integer", "datum (JJJJ-MM-DD)": "date"}
    return {
        "fields": [{"name": r["naam"], "type": types.get(r["type"], "string"), "description": r["beschrijving"],
                    **({"constraints": {"required": True}} if r["verplicht"] and not r["type"].startswith("lijst") else {})}
                   for r in field_rows(kind)],
        "primaryKey": "id",
    }


def collection_json(doc: dict) -> str:
    """The collection file: its header indented, one item per line. Readable in a text editor and
    a diff, and written by the json module's C encoder (indent= makes it fall back to Python, a
    third of the open data's cost with many items)."""
    def dump(value) -> str:
        return json.dumps(value, ensure_ascii=False)

    head = [f"  {dump(key)}: {dump(value)}" for key, value in doc.items() if key != "items"]
    items = ",\n".join("    " + dump(item) for item in doc["items"])
    return "{\n" + ",\n".join(head) + ',\n  "items": [' + (f"\n{items}\n  " if items else "") + "]\n}\n"


def build_files(catalog: Catalog, site_url: str, edition: dict) -> dict[str, str]:
    """Path under the site (open-data/...) -> file content, for every published file."""
    files: dict[str, str] = {}
    resources = []
    for kind in OPEN_KINDS:
        coll = COLLECTIONS[kind]
        doc = collection_document(kind, catalog, site_url, edition)
        files[f"{FOLDER}/{coll}.json"] = collection_json(doc)
        files[f"{FOLDER}/{coll}.schema.json"] = json.dumps(schema(kind, site_url), ensure_ascii=False, indent=2) + "\n"
        # A byte-order mark so that Excel opens the UTF-8 file with the right accents.
        files[f"{FOLDER}/{coll}.csv"] = "\ufeff" + to_csv(kind, doc["items"])
        resources.append({"name": coll, "title": KINDS[kind].label, "path": f"{coll}.csv", "format": "csv",
                          "mediatype": "text/csv", "encoding": "utf-8-sig", "schema": _table_schema(kind)})
        resources.append({"name": f"{coll}-json", "title": KINDS[kind].label, "path": f"{coll}.json",
                          "format": "json", "mediatype": "application/json", "encoding": "utf-8",
                          "jsonSchema": f"{coll}.schema.json"})
    package = {
        "profile": "data-package",
        "name": "circulair-aankopen-zorg",
        "title": "Circulair aankopen in de zorg: open data",
        "homepage": site_url,
        "version": edition["version"],
        "created": edition["date"],
        "licenses": [{"name": "CC-BY-4.0", "title": LICENCE["titel"], "path": LICENCE["url"]}],
        "resources": resources,
    }
    files[f"{FOLDER}/datapackage.json"] = json.dumps(package, ensure_ascii=False, indent=2) + "\n"
    return files
