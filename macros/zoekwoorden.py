"""The buyer's words for the search (data/zoekwoorden.yml), checked like every data file.

Buyers search in their own words: the jargon of public procurement ("marktconsultatie") and its
plain synonym ("markt raadplegen"), a word from another country ("aanbesteding"), a question
("hoe begin ik"). The site's text uses one word per concept (data/termen.yml), so those words are
often on no page. Each entry of data/zoekwoorden.yml says: when a query holds one of these
`zoekwoorden`, also look for the site's words in `ook`. It works one way (a search for
"TCO" also looks for "levenscycluskosten", not the reverse), so it claims no two words mean the
same. The search worker (docs/assets/javascripts/workers/search-nl.js) applies it; the hook
overrides/hooks/search_nl.py puts it in the search index's config.

`vaak_gezocht` is the short list of topics a search that finds nothing offers instead (in
docs/assets/javascripts/zoekhulp.js), each a word that does find something.
"""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from . import yamlfile
from .errors import DataError, Problem

FILE = "zoekwoorden.yml"
MAX_ENTRIES, MAX_WORDS, MAX_TOPICS = 300, 20, 12


def _phrase(value: str) -> str:
    value = " ".join(value.split())
    if not value:
        raise ValueError("is leeg. Schrijf een woord of een korte woordgroep.")
    if len(value) > 60:
        raise ValueError(f"is {len(value)} tekens lang; een zoekwoord is hoogstens 60 tekens: een woord of een "
                         "korte woordgroep, geen zin.")
    if any(c in value for c in "<>{}[]\"`*~^:+"):
        raise ValueError("bevat een teken dat niet in een zoekwoord hoort (< > { } [ ] \" ` * ~ ^ : +). "
                         "Schrijf alleen letters, cijfers, spaties en koppeltekens.")
    return value


Woord = Annotated[str, AfterValidator(_phrase)]


class Zoekwoord(BaseModel):
    """Woorden waarmee aankopers zoeken, en de woorden van de site die de zoekfunctie er dan ook bij zoekt."""

    model_config = ConfigDict(extra="forbid", title="Zoekwoord")
    zoekwoorden: list[Woord] = Field(
        min_length=1, max_length=MAX_WORDS,
        description="Wat aankopers intypen, bv. [marktconsultatie, markt raadplegen]. Een woordgroep telt als ze "
                    "zo in de zoekvraag staat; andere woordvormen (meervoud, verkleinwoord) tellen mee.")
    ook: list[Woord] = Field(
        min_length=1, max_length=MAX_WORDS,
        description="De woorden van de site die de zoekfunctie er dan ook bij zoekt, bv. [marktdialoog]. Alleen "
                    "in deze richting: wie 'marktdialoog' zoekt, zoekt niet ook naar 'marktconsultatie'.")
    waarom: str = Field(min_length=1, max_length=300,
                        description="Korte uitleg: waarom zoekt een aankoper zo, en waarom horen deze woorden erbij.")


class Zoekwoorden(BaseModel):
    """data/zoekwoorden.yml."""

    model_config = ConfigDict(extra="forbid", title="Zoekwoorden (data/zoekwoorden.yml)")
    zoekwoorden: list[Zoekwoord] = Field(
        default_factory=list, max_length=MAX_ENTRIES,
        description="Elk item: zoekwoorden (wat aankopers typen), ook (de woorden van de site), waarom.")
    vaak_gezocht: list[Woord] = Field(
        default_factory=list, max_length=MAX_TOPICS,
        description="Vaak gezochte onderwerpen: een zoekopdracht zonder resultaat toont ze als voorstel. "
                    "Elk moet zelf iets vinden.")


def json_schema() -> dict:
    return {"$schema": "http://json-schema.org/draft-07/schema#", **Zoekwoorden.model_json_schema()}


def load(data_dir: Path) -> Zoekwoorden:
    """The file's entries; no file means no extra words. A mistake raises DataError with a Dutch message."""
    path = Path(data_dir) / FILE
    if not path.exists():
        return Zoekwoorden()
    rel = f"{Path(data_dir).name}/{FILE}"
    problems: list[Problem] = []
    data, lines = yamlfile.read(path, rel, problems)
    if problems:
        raise DataError(problems)
    if data is None:
        return Zoekwoorden()
    if not isinstance(data, dict):
        raise DataError([Problem(rel, "verwacht twee lijsten: 'zoekwoorden:' en 'vaak_gezocht:' (zie het "
                                      "voorbeeld bovenaan het bestand).")])
    try:
        return Zoekwoorden.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            loc = tuple(err["loc"])
            entry = f"nr. {loc[1] + 1}" if len(loc) > 1 and isinstance(loc[1], int) else None
            if entry and loc[0] == "vaak_gezocht":
                entry = f"onderwerp {entry}"
            field = next((str(p) for p in reversed(loc) if isinstance(p, str)), None)
            line = next((lines[loc[:n]] for n in range(len(loc), 0, -1) if loc[:n] in lines), None)
            problems.append(Problem(rel, _message(err), line=line, entry=entry, field=field))
        raise DataError(problems) from None


def _message(err: dict) -> str:
    kind, ctx = err["type"], err.get("ctx") or {}
    if kind == "value_error":
        return str(ctx.get("error", err["msg"]))
    if kind == "extra_forbidden":
        return "dit veld bestaat niet. Toegelaten: zoekwoorden, ook, waarom (per item) en vaak_gezocht."
    if kind == "missing":
        return "dit verplichte veld ontbreekt. Elk item heeft zoekwoorden, ook en waarom."
    if kind == "too_short":
        return "deze lijst is leeg. Schrijf minstens één woord, bv. [marktdialoog]."
    if kind == "too_long":
        return f"deze lijst is te lang (hoogstens {ctx.get('max_length')}). Splits ze of kort ze in."
    if kind in ("string_type", "list_type"):
        return "verwacht een lijst van woorden tussen [ ], bv. [marktconsultatie, markt raadplegen]."
    if kind == "string_too_long":
        return f"deze tekst is te lang (hoogstens {ctx.get('max_length')} tekens)."
    return "deze waarde klopt niet: kijk naar het voorbeeld bovenaan het bestand."
