"""JSON Schemas for the data files, generated from the same models that validate the build."""
from __future__ import annotations

from pydantic import TypeAdapter

from .model import KINDS, Editie, Kind, Wijziging


def schema_file(kind: Kind) -> str:
    """The schema's file name: after the data file (bronnen.yml), or the folder (criteria/*.yml)."""
    return f"{kind.folder}.schema.json" if kind.folder else kind.file.replace(".yml", ".schema.json")


def schema_for(kind: Kind) -> dict:
    """Schema of one data file: a list of entries of this kind (strategies nest inside ambitions)."""
    schema = TypeAdapter(list[kind.model]).json_schema()
    return {
        # Draft 7: the newest draft VS Code's YAML extension fully supports (pydantic's
        # output uses no later keyword; "$defs" is reached by a plain JSON pointer).
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": f"{kind.label} (data/{kind.source})",
        "description": f"Een lijst van {kind.label.lower()}. Elk item begint met '- id: ...'.",
        **schema,
    }


def notes_schema() -> dict:
    """Schema of data/wijzigingen.yml (data/edities.yml is written by `make release`, not by hand)."""
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "Wijzigingsnota's (data/wijzigingen.yml)",
        "description": "Een lijst van wijzigingsnota's. Elke nota begint met '- id: ...'.",
        **TypeAdapter(list[Wijziging]).json_schema(),
    }


def editions_schema() -> dict:
    """Schema of data/edities.yml: `make release` writes it, but whoever opens it sees the rules too."""
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "Edities (data/edities.yml)",
        "description": "Een lijst van vaste edities, geschreven door `make release`: pas ze niet met de hand aan.",
        **TypeAdapter(list[Editie]).json_schema(),
    }


def all_schemas() -> dict[str, dict]:
    """File name of the schema -> schema, for the data files of the content model (the terminology
    list data/termen.yml has its own, from tools/termen.py)."""
    out = {schema_file(kind): schema_for(kind) for kind in KINDS.values() if kind.file or kind.folder}
    out["wijzigingen.schema.json"] = notes_schema()
    out["edities.schema.json"] = editions_schema()
    return out
