"""The content model: one pydantic class per kind of entry in data/.

This module is the single source of truth for what a data file may hold.
The build validates against it, and tools/schemas.py derives the JSON Schemas
editors get in VS Code from it. Field names are Dutch because editors type
them; titles and descriptions are Dutch because editors read them.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Literal, Optional
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, WithJsonSchema

# --- field types -----------------------------------------------------------

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Raw HTML would bypass our escaping and could run script on the site.
HTML_TAG_RE = re.compile(r"</?[A-Za-z][^>]*>")
# Data text is never rendered as a Jinja template, but a stray delimiter
# would break a hand-written page that quotes it through a macro.
JINJA_RE = re.compile(r"\{[{%#]")


def _check_id(value: str) -> str:
    if not ID_RE.match(value):
        raise ValueError(
            f"'{value}' is geen geldige id. Gebruik alleen kleine letters, cijfers en "
            "koppeltekens, zoals 'mvoo-criteriatool' (de id wordt een deel van het webadres)"
        )
    return value


def _check_text(value: str) -> str:
    value = value.strip()
    if not value:
        raise ValueError("mag niet leeg zijn. Vul een tekst in of laat het veld weg als het niet verplicht is")
    if JINJA_RE.search(value):
        raise ValueError("bevat '{{', '{%' of '{#'. Die tekens zijn voorbehouden voor de opmaak van de site")
    return value


def _check_markdown(value: str) -> str:
    value = _check_text(value)
    tag = HTML_TAG_RE.search(value)
    if tag:
        raise ValueError(
            f"bevat HTML ('{tag.group(0)}'). Gebruik Markdown: **vet**, *schuin*, [tekst](https://...) of '- ' voor een opsomming"
        )
    return value


def _check_url(value: str) -> str:
    value = value.strip()
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in value):
        raise ValueError(
            f"'{value}' is geen volledig webadres. Een adres begint met https:// (of http://) "
            "en bevat geen spaties (schrijf een spatie als %20)"
        )
    return value


# WithJsonSchema only shapes the editors' schema (VS Code underlines a bad id or
# address while typing); validation itself stays in the checks above, whose
# messages explain the fix.
Id = Annotated[str, AfterValidator(_check_id), WithJsonSchema({"type": "string", "pattern": ID_RE.pattern})]
Text = Annotated[str, AfterValidator(_check_text), WithJsonSchema({"type": "string", "minLength": 1})]
Markdown = Annotated[str, AfterValidator(_check_markdown), WithJsonSchema({"type": "string", "minLength": 1})]
Url = Annotated[str, AfterValidator(_check_url), WithJsonSchema({"type": "string", "pattern": r"^https?://\S+$"})]

# Field titles editors see in VS Code: Dutch spelling, not the bare YAML key.
FIELD_TITLES = {"id": "Id", "te_doen": "Te doen", "strategieen": "Strategieën", "themas": "Thema's",
                "zie_ook": "Zie ook", "url": "Webadres"}


def _field_title(name: str, _info) -> str:
    return FIELD_TITLES.get(name, name.replace("_", " ").capitalize())


def refs(kind: str, description: str):
    """A list of ids of another kind; the catalog resolves it and adds the back-link."""
    return Field(default_factory=list, description=description, json_schema_extra={"x-verwijst-naar": kind})


# --- entries ---------------------------------------------------------------


class Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, field_title_generator=_field_title)

    id: Id = Field(description="Vaste, korte naam in kleine letters met koppeltekens. Wordt een deel van het webadres: wijzig hem niet meer na publicatie.")


class Stap(Entry):
    """Een stap van het circulaire aankoopproces (er zijn er zeven)."""

    model_config = ConfigDict(title="Processtap")
    nummer: int = Field(ge=1, le=20, description="Volgnummer van de stap in het proces (1 tot 7).")
    titel: Text = Field(description="Naam van de stap, zoals in de leidraad.")
    kernvraag: Text = Field(description="De kernvraag van deze stap, als één vraag.")
    samenvatting: Markdown = Field(description="Kort antwoord: waar gaat deze stap over (twee of drie zinnen).")
    waarom: Markdown = Field(description="Waarom deze stap belangrijk is.")
    te_doen: list[Markdown] = Field(min_length=1, description="Wat je doet in deze stap: één actie per lijnpunt (wordt een afvinklijst).")
    vragen: list[Text] = Field(default_factory=list, description="Vragen die je jezelf of je leveranciers stelt in deze stap.")
    ambities: list[Id] = refs("ambitie", "Ids van ambities (A-E) die bij deze stap horen.")
    strategieen: list[Id] = refs("strategie", "Ids van strategieën die bij deze stap horen.")
    bronnen: list[Id] = refs("bron", "Ids van hulpbronnen voor deze stap.")
    themas: list[Id] = refs("thema", "Ids van thema's of productgroepen.")


class Strategie(Entry):
    """Een aankoopstrategie binnen een ambitie."""

    model_config = ConfigDict(title="Strategie")
    titel: Text = Field(description="Korte naam van de strategie.")
    beschrijving: Markdown = Field(description="Wat de strategie inhoudt.")
    zorgvoorbeelden: list[Markdown] = Field(default_factory=list, description="Voorbeelden uit de zorg die de leidraad bij deze strategie geeft.")
    bronnen: list[Id] = refs("bron", "Ids van hulpbronnen bij deze strategie.")
    themas: list[Id] = refs("thema", "Ids van thema's of productgroepen.")


# Where an ambition sits in the life of a product. Vlaanderen Circulair's page on the ambition map
# (bron 'ambitiekaart') groups the objectives by input (A, B), use (C) and potential output (D, E);
# the guide itself names no phase. Labels in reading order: the figure draws the phases in this order.
FASE_LABELS = {"input": "Input", "gebruik": "Gebruik", "output": "Potentiële output"}
FASEN = tuple(FASE_LABELS)


class Ambitie(Entry):
    """Een circulaire doelstelling (A tot E) van de ambitiekaart."""

    model_config = ConfigDict(title="Ambitie")
    letter: Literal["A", "B", "C", "D", "E", "F", "G"] = Field(description="Letter op de ambitiekaart.")
    titel: Text = Field(description="De doelstelling, zoals op de ambitiekaart.")
    fase: Optional[Literal[FASEN]] = Field(
        default=None,
        description="Waar de doelstelling hoort in het leven van een product: " + ", ".join(FASEN) + ". "
        "Alleen invullen als een bron die indeling geeft (de ambitiekaart van Vlaanderen Circulair deelt A en B "
        "in bij input, C bij gebruik, D en E bij potentiële output). Laat het veld weg als geen bron het zegt: "
        "de figuur toont de ambitie dan apart, als nog niet ingedeeld.",
    )
    samenvatting: Markdown = Field(description="Kort antwoord: wat deze ambitie betekent voor een zorgaankoper.")
    strategieen: list[Strategie] = Field(min_length=1, description="De aankoopstrategieën om deze ambitie te bereiken.")
    themas: list[Id] = refs("thema", "Ids van thema's of productgroepen.")


class Voorbeeld(Entry):
    """Een praktijkvoorbeeld uit de zorg."""

    model_config = ConfigDict(title="Praktijkvoorbeeld")
    titel: Text = Field(description="Korte titel van het voorbeeld.")
    organisatie: Text = Field(description="Wie het deed (organisatie of project).")
    wat: Markdown = Field(description="Wat de organisatie deed, in eigen woorden.")
    resultaat: Optional[Markdown] = Field(default=None, description="Wat het opleverde, als de bron dat vermeldt.")
    bron: Url = Field(description="Webadres van de bron van dit voorbeeld.")
    ambities: list[Id] = refs("ambitie", "Ids van ambities die dit voorbeeld illustreert.")
    strategieen: list[Id] = refs("strategie", "Ids van strategieën die dit voorbeeld illustreert.")
    stappen: list[Id] = refs("stap", "Ids van processtappen die dit voorbeeld illustreert.")
    themas: list[Id] = refs("thema", "Ids van thema's of productgroepen.")


class Valkuil(Entry):
    """Een valkuil of fabel bij duurzaam aankopen."""

    model_config = ConfigDict(title="Valkuil of fabel")
    titel: Text = Field(description="Korte titel van de valkuil.")
    fabel: Text = Field(description="Wat men vaak denkt (de misvatting), in één zin.")
    kort: Markdown = Field(description="Kort antwoord: wat er echt aan de hand is.")
    werkelijkheid: Markdown = Field(description="Uitleg: wat klopt er wel.")
    aanpak: list[Markdown] = Field(min_length=1, description="Wat je in de plaats doet: één actie per lijnpunt.")
    bewijs: list[Markdown] = Field(default_factory=list, description="Welk bewijs je aan leveranciers vraagt.")
    bronnen: list[Id] = refs("bron", "Ids van hulpbronnen bij deze valkuil.")
    stappen: list[Id] = refs("stap", "Ids van processtappen waar deze valkuil speelt.")
    ambities: list[Id] = refs("ambitie", "Ids van ambities die deze valkuil raakt.")
    voorbeelden: list[Id] = refs("voorbeeld", "Ids van praktijkvoorbeelden bij deze valkuil.")
    themas: list[Id] = refs("thema", "Ids van thema's of productgroepen.")


# Kinds of resource and languages, with the heading readers see for each.
SOORT_LABELS = {
    "criteriatool": "Criteria en criteriatools",
    "label": "Labels en certificering",
    "norm": "Normen",
    "regelgeving": "Regelgeving",
    "gids": "Gidsen en leidraden",
    "hulpmiddel": "Hulpmiddelen",
    "platform": "Platformen en kennisbanken",
    "kennisbank": "Platformen en kennisbanken",
    "praktijk": "Praktijkverhalen",
}
TAAL_LABELS = {"nl": "Nederlands", "en": "Engels", "fr": "Frans", "de": "Duits", "meertalig": "meertalig"}
SOORTEN = tuple(SOORT_LABELS)
TALEN = tuple(TAAL_LABELS)


class Bron(Entry):
    """Een externe hulpbron: tool, criteria, label, platform, gids of regelgeving."""

    model_config = ConfigDict(title="Hulpbron")
    titel: Text = Field(description="Naam van de hulpbron.")
    uitgever: Text = Field(description="Wie de bron publiceert.")
    url: Url = Field(description="Webadres (begint met https://).")
    soort: Literal[SOORTEN] = Field(description="Soort bron: " + ", ".join(SOORTEN) + ".")
    taal: Literal[TALEN] = Field(description="Taal van de bron: " + ", ".join(TALEN) + ".")
    beschrijving: Markdown = Field(description="Waarvoor een aankoper deze bron gebruikt.")
    gecontroleerd: dt.date = Field(description="Datum (JJJJ-MM-DD) waarop iemand het webadres en de beschrijving laatst naliep. Is die datum meer dan een jaar oud, dan meldt de build dat de bron opnieuw gecontroleerd moet worden.")
    stappen: list[Id] = refs("stap", "Ids van processtappen waarbij deze bron helpt.")
    ambities: list[Id] = refs("ambitie", "Ids van ambities waarbij deze bron helpt.")
    strategieen: list[Id] = refs("strategie", "Ids van strategieën waarbij deze bron helpt.")
    themas: list[Id] = refs("thema", "Ids van thema's of productgroepen.")


class Begrip(Entry):
    """Een term uit de begrippenlijst; verschijnt als tooltip overal op de site."""

    model_config = ConfigDict(title="Begrip")
    term: Text = Field(description="Het begrip zoals het in de tekst staat.")
    definitie: Text = Field(description="Korte uitleg in één of twee zinnen, zonder opmaak (wordt ook de tooltip).")
    aliassen: list[Text] = Field(default_factory=list, description="Andere schrijfwijzen en afkortingen (bv. LCA); ook die krijgen de tooltip.")
    toelichting: Optional[Markdown] = Field(default=None, description="Langere uitleg, mag Markdown bevatten.")
    bronnen: list[Id] = refs("bron", "Ids van hulpbronnen bij dit begrip.")
    zie_ook: list[Id] = refs("begrip", "Ids van verwante begrippen.")


class Thema(Entry):
    """Een thema of productgroep (wordt een tag en een eigen pagina)."""

    model_config = ConfigDict(title="Thema")
    naam: Text = Field(description="Naam van het thema of de productgroep.")
    beschrijving: Markdown = Field(description="Wat onder dit thema valt.")


@dataclass(frozen=True)
class Kind:
    """How one kind of entry is stored and where it lives on the site."""

    name: str  # singular, used in references: "bron"
    label: str  # plural heading shown to readers
    file: Optional[str]  # data file holding it; None for strategies (nested in ambitions)
    model: type[Entry]
    page: str  # page path pattern; "{id}" gets a page per entry, else an anchor on that page


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind("stap", "Processtappen", "stappen.yml", Stap, "stappen/{id}.md"),
        Kind("ambitie", "Ambities", "ambities.yml", Ambitie, "ambities/{id}.md"),
        Kind("strategie", "Strategieën", None, Strategie, "ambities/{ambitie}.md"),
        Kind("valkuil", "Valkuilen en fabels", "valkuilen.yml", Valkuil, "valkuilen/{id}.md"),
        Kind("voorbeeld", "Praktijkvoorbeelden", "voorbeelden.yml", Voorbeeld, "voorbeelden.md"),
        Kind("bron", "Hulpbronnen", "bronnen.yml", Bron, "bronnen.md"),
        Kind("begrip", "Begrippen", "begrippen.yml", Begrip, "begrippen.md"),
        Kind("thema", "Thema's", "themas.yml", Thema, "themas/{id}.md"),
    )
}


def ref_fields(model: type[BaseModel]) -> dict[str, str]:
    """Field name -> referenced kind, for every reference field of a model."""
    out = {}
    for name, info in model.model_fields.items():
        extra = info.json_schema_extra
        if isinstance(extra, dict) and "x-verwijst-naar" in extra:
            out[name] = extra["x-verwijst-naar"]
    return out
