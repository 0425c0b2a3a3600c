"""The published records of the open data as pydantic models, for their JSON Schemas.

`make schemas` (tools/schemas.py) writes the schemas to schemas/open-data/ and the build reads them
there (macros/opendata.py): the models are built at import, which no build needs to pay for. The
records are derived from the models that validate data/ (see macros/opendata.py for the rules).
"""
from __future__ import annotations

import datetime as dt
from typing import Optional

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, create_model

from .model import KINDS, Strategie
from .model import ALGEMEEN
from .opendata import CHECKED_FIELD, CHECKED_LINKS, COLLECTIONS, FOLDER, GROUP_FIELD, OPEN_KINDS, plain_fields, published


class _Open(BaseModel):
    model_config = ConfigDict(extra="forbid")


def _record_model(kind: str) -> type[BaseModel]:
    k = KINDS[kind]
    fields: dict[str, tuple] = {published(name): value for name, value in plain_fields(kind).items()}
    if k.model is Strategie:
        fields["ambitie"] = (str, Field(description="Id van de ambitie waartoe deze strategie behoort."))
    if kind == "criterium":
        fields[GROUP_FIELD] = (str, Field(
            description=f"Id van de productgroep (themas.json) waarbij het criterium hoort, of '{ALGEMEEN}' voor een "
                        "modelclausule die bij elke productgroep past."))
        fields["bron"] = (str, Field(description="Id van de criteriaset (bronnen.json) waaruit het criterium komt; "
                                                 "'bronnummer' is het eigen nummer van het criterium in die set."))
    if kind in CHECKED_LINKS:
        fields[CHECKED_FIELD] = (Optional[dt.date], Field(
            description="Dag (JJJJ-MM-DD) waarop de wekelijkse linkcontrole het webadres in "
                        f"'{published(CHECKED_LINKS[kind])}' laatst goed bevond; leeg als ze het nog niet goed bevond."))
    fields["url"] = (str, Field(description="Webadres van dit item op de site" + (
        ": het anker van het criterium op de pagina van zijn productgroep, een vaste link." if kind == "criterium" else ".")))
    for other, coll in COLLECTIONS.items():
        fields[coll] = (list[str], Field(
            description=f"Ids van gerelateerde items uit {coll}.json ({KINDS[other].label.lower()}), "
                        "in beide richtingen opgelost."))
    return create_model(f"{k.model.__name__}OpenData", __base__=_Open,
                        __doc__=(k.model.__doc__ or "").strip(), **fields)


RECORD_MODELS: dict[str, type[BaseModel]] = {kind: _record_model(kind) for kind in OPEN_KINDS}


class Licentie(_Open):
    naam: str = Field(description="Korte naam van de licentie.")
    titel: str = Field(description="Volledige naam van de licentie.")
    url: str = Field(description="Webadres van de licentietekst.")


class Editie(_Open):
    versie: str = Field(description="Versie van de gids (git-tag of commit) waaruit dit bestand gemaakt is.")
    datum: dt.date = Field(description="Datum van die versie (JJJJ-MM-DD).")


def _collection_model(kind: str) -> type[BaseModel]:
    k = KINDS[kind]
    return create_model(
        f"{k.model.__name__}Collectie", __base__=_Open,
        __doc__=f"{k.label}: open data van de gids Circulair aankopen in de zorg.",
        collectie=(str, Field(description="Naam van de collectie (en van het bestand).")),
        titel=(str, Field(description="Titel van de collectie.")),
        licentie=(Licentie, Field(description="Licentie van de tekst.")),
        editie=(Editie, Field(description="Editie van de gids waaruit dit bestand gemaakt is.")),
        bron=(str, Field(description="Webadres van de gids.")),
        schema_=(str, Field(alias="schema", description="Bestandsnaam van het JSON Schema van dit bestand.")),
        aantal=(int, Field(ge=0, description="Aantal items.")),
        items=(list[RECORD_MODELS[kind]], Field(description="De items, elk met een vaste id.")),
    )


COLLECTION_MODELS: dict[str, type[BaseModel]] = {kind: _collection_model(kind) for kind in OPEN_KINDS}


def schemas() -> dict[str, dict]:
    """Path under schemas/ -> JSON Schema (without $schema and $id) of every collection file."""
    return {f"{FOLDER}/{COLLECTIONS[kind]}.schema.json": TypeAdapter(COLLECTION_MODELS[kind]).json_schema(by_alias=True)
            for kind in OPEN_KINDS}
