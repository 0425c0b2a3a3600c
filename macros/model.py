"""The content model: one pydantic class per kind of entry in data/.

This module is the single source of truth for what a data file may hold.
The build validates against it, and tools/schemas.py derives the JSON Schemas
editors get in VS Code from it. Field names are Dutch because editors type
them; titles and descriptions are Dutch because editors read them.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Annotated, Literal, Optional
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, WithJsonSchema

from . import safety

# --- field types -----------------------------------------------------------

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def ascii_id(value: str) -> str:
    """The id an editor probably meant: accents dropped, lower case, words joined by hyphens."""
    plain = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def _check_id(value: str) -> str:
    if not ID_RE.match(value):
        proposal = ascii_id(value)
        accented = [c for c in value if unicodedata.decomposition(c) and ascii_id(c)]
        if accented and ID_RE.match(proposal):
            raise ValueError(
                f"'{value}' is geen geldige id: accenten ('{accented[0]}') zijn niet toegelaten in een id, want de id "
                f"wordt een deel van het webadres. Schrijf '{proposal}'"
            )
        hint = f" Bedoelde je '{proposal}'?" if proposal and ID_RE.match(proposal) and len(proposal) <= MAX_ID else ""
        raise ValueError(
            f"'{value}' is geen geldige id. Gebruik alleen kleine letters, cijfers en "
            f"koppeltekens, zoals 'mvoo-criteriatool' (de id wordt een deel van het webadres).{hint}"
        )
    return value


# Lengths far above anything the guide needs, so a pasted document or a runaway value is caught
# with a message instead of ending up on every page that shows the entry.
MAX_ID, MAX_TITLE, MAX_TEXT, MAX_MARKDOWN, MAX_URL = 60, 200, 1_000, 5_000, 2_000
# Search words of a product group: each lands on its page.
MAX_ALIASES = 40


def _max_length(limit: int, tip: str):
    def check(value: str) -> str:
        if len(value) > limit:
            raise ValueError(f"is {len(value)} tekens lang; hier mogen hoogstens {limit} tekens staan. {tip}")
        return value

    return AfterValidator(check)


def _nonempty(value: str) -> str:
    value = value.strip()
    if not value:
        raise ValueError("mag niet leeg zijn. Vul een tekst in of laat het veld weg als het niet verplicht is")
    return value


def _checked(problem, empty_allowed: bool = False):
    """A validator that refuses what macros/safety.py finds wrong in a value (every value comes
    from a pull request): its message becomes the editor's message."""
    def check(value: str) -> str:
        value = value.strip() if empty_allowed else _nonempty(value)
        found = problem(value)
        if found:
            raise ValueError(found)
        return value

    return check


_check_text = _checked(safety.text_problem)
_check_markdown = _checked(safety.markdown_problem)
_check_term = _checked(safety.term_problem)
_check_url = _checked(safety.url_problem, empty_allowed=True)


# A rule links to the official text of the law, or to the regulator's own page: never to a
# summary by a law firm, a supplier or a blog. Host -> who publishes there (shown in the message).
OFFICIAL_HOSTS = {
    "www.ejustice.just.fgov.be": "Belgisch Staatsblad en Justel",
    "www.publicprocurement.be": "federaal portaal overheidsopdrachten",
    "eur-lex.europa.eu": "EUR-Lex, het Publicatieblad van de Europese Unie",
    "www.afmps.be": "FAGG",
    "www.fagg.be": "FAGG",
    "www.famhp.be": "FAGG, Engelstalig",
    "www.health.belgium.be": "FOD Volksgezondheid, met de adviezen van de Hoge Gezondheidsraad",
}
# An article or section reference names its number: "art. 51", "art. 17, lid 3", "advies 9682".
ARTICLE_RE = re.compile(r"\d")


def _check_official_url(value: str) -> str:
    value = _check_url(value)
    parts = urlsplit(value)
    host = (parts.hostname or "").lower()
    if parts.scheme != "https" or host not in OFFICIAL_HOSTS:
        allowed = ", ".join(f"{h} ({who})" for h, who in OFFICIAL_HOSTS.items())
        raise ValueError(
            f"'{value}' is geen officiële bron. Link naar de officiële tekst (met https://) op een van deze "
            f"sites: {allowed}. Staat de tekst op een andere officiële site, vraag dan in je pull request "
            "om die site toe te voegen aan de lijst van officiële bronnen"
        )
    return value


def _check_article(value: str) -> str:
    value = _check_text(value)
    if not ARTICLE_RE.search(value):
        raise ValueError(
            f"'{value}' noemt geen artikel of onderdeel met zijn nummer. Schrijf bijvoorbeeld 'art. 51', "
            "'art. 81, § 2' of 'art. 17, lid 3'"
        )
    return value


# WithJsonSchema only shapes the editors' schema (VS Code underlines a bad id or
# address while typing); validation itself stays in the checks above, whose
# messages explain the fix.
Id = Annotated[str, _max_length(MAX_ID, "Een id is kort: een of enkele woorden met koppeltekens"),
               AfterValidator(_check_id),
               WithJsonSchema({"type": "string", "pattern": ID_RE.pattern, "maxLength": MAX_ID})]
Title = Annotated[str, _max_length(MAX_TITLE, "Houd de naam kort; uitleg hoort in de beschrijving"),
                  AfterValidator(_check_text), WithJsonSchema({"type": "string", "minLength": 1, "maxLength": MAX_TITLE})]
Text = Annotated[str, _max_length(MAX_TEXT, "Houd het bij een of twee zinnen"),
                 AfterValidator(_check_text), WithJsonSchema({"type": "string", "minLength": 1, "maxLength": MAX_TEXT})]
Markdown = Annotated[str, _max_length(MAX_MARKDOWN, "Verdeel de tekst, of verwijs met een link naar de bron"),
                     AfterValidator(_check_markdown),
                     WithJsonSchema({"type": "string", "minLength": 1, "maxLength": MAX_MARKDOWN})]
# A glossary term or alias: a title that becomes an abbreviation everywhere (no brackets, no line break).
Term = Annotated[str, _max_length(MAX_TITLE, "Een term is een woord of een korte woordgroep"),
                 AfterValidator(_check_term),
                 WithJsonSchema({"type": "string", "minLength": 1, "maxLength": MAX_TITLE, "pattern": r"^[^\[\]<>\n]+$"})]
Url = Annotated[str, _max_length(MAX_URL, "Gebruik het korte adres van de pagina, zonder de zoek- of trackinggegevens"),
                AfterValidator(_check_url), WithJsonSchema({"type": "string", "pattern": r"^https?://\S+$", "maxLength": MAX_URL})]
OfficialUrl = Annotated[str, _max_length(MAX_URL, "Gebruik het adres van de officiële tekst zelf"),
                        AfterValidator(_check_official_url), WithJsonSchema(
    {"type": "string", "pattern": "^https://(" + "|".join(re.escape(h) for h in OFFICIAL_HOSTS) + r")/\S*$",
     "maxLength": MAX_URL})]
Article = Annotated[str, _max_length(MAX_TITLE, "Noem alleen het artikel of onderdeel"),
                    AfterValidator(_check_article), WithJsonSchema({"type": "string", "pattern": r"\d", "maxLength": MAX_TITLE})]

# Field titles editors see in VS Code: Dutch spelling, not the bare YAML key.
FIELD_TITLES = {"id": "Id", "te_doen": "Te doen", "strategieen": "Strategieën", "themas": "Thema's",
                "zie_ook": "Zie ook", "url": "Webadres"}


def _field_title(name: str, _info) -> str:
    return FIELD_TITLES.get(name, name.replace("_", " ").capitalize())


def refs(kind: str, description: str):
    """A list of ids of another kind; the catalog resolves it and adds the back-link."""
    return Field(default_factory=list, description=description, json_schema_extra={"x-verwijst-naar": kind})


# Fields that once existed: a leftover gets this message instead of "unknown field".
RETIRED_FIELDS = {
    "gecontroleerd": (
        "dit veld wordt niet meer gebruikt. De wekelijkse linkcontrole houdt zelf bij wanneer het "
        "webadres laatst werkte (in data/linkcontrole.json), en de site toont die datum. Verwijder deze regel."
    ),
}


# --- entries ---------------------------------------------------------------


class Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, field_title_generator=_field_title)

    id: Id = Field(description="Vaste, korte naam in kleine letters met koppeltekens. Wordt een deel van het webadres: wijzig hem niet meer na publicatie.")


class Stap(Entry):
    """Een stap van het circulaire aankoopproces (er zijn er zeven)."""

    model_config = ConfigDict(title="Processtap")
    nummer: int = Field(ge=1, le=20, description="Volgnummer van de stap in het proces (1 tot 7).")
    titel: Title = Field(description="Naam van de stap, zoals in de leidraad.")
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
    titel: Title = Field(description="Korte naam van de strategie.")
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
    titel: Title = Field(description="De doelstelling, zoals op de ambitiekaart.")
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


# Kinds of care setting readers filter the practice examples by, with the label they see.
VOORZIENING_LABELS = {
    "ziekenhuis": "Ziekenhuis",
    "woonzorgcentrum": "Woonzorgcentrum",
    "welzijnsorganisatie": "Welzijnsorganisatie",
}
VOORZIENINGEN = tuple(VOORZIENING_LABELS)
# What the source says about an example: what was done ('beschreven'), or only its name ('verwijzing').
VOORBEELD_SOORTEN = ("beschreven", "verwijzing")


class Voorbeeld(Entry):
    """Een praktijkvoorbeeld uit de zorg."""

    model_config = ConfigDict(title="Praktijkvoorbeeld")
    titel: Title = Field(description="Korte titel van het voorbeeld.")
    soort: Literal[VOORBEELD_SOORTEN] = Field(
        description="'beschreven' als de bron vertelt wat er gebeurde; 'verwijzing' als de leidraad het voorbeeld "
                    "alleen noemt. Een verwijzing toont de site als verwijzing, niet als praktijkverhaal.")
    voorzieningen: list[Literal[VOORZIENINGEN]] = Field(
        default_factory=list,
        description="Soort zorgvoorziening waar het voorbeeld speelt (" + ", ".join(VOORZIENINGEN) + "), alleen als "
                    "de bron het zegt. Lezers filteren de voorbeelden hierop.")
    # Optional: the guide sometimes names an example by its title only ("Reduce en Reuse"), not by who did it.
    organisatie: Optional[Title] = Field(default=None, description="Wie het deed (organisatie of project). Laat weg als de bron het niet zegt.")
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
    titel: Title = Field(description="Korte titel van de valkuil.")
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
    "hulpmiddel": "Instrumenten",
    "platform": "Platformen en kennisbanken",
    "kennisbank": "Platformen en kennisbanken",
    "praktijk": "Praktijkverhalen",
}
TAAL_LABELS = {"nl": "Nederlands", "en": "Engels", "fr": "Frans", "de": "Duits", "sv": "Zweeds", "meertalig": "meertalig"}
SOORTEN = tuple(SOORT_LABELS)
TALEN = tuple(TAAL_LABELS)


class Bron(Entry):
    """Een externe hulpbron: tool, criteria, label, platform, gids of regelgeving."""

    model_config = ConfigDict(title="Hulpbron")
    titel: Title = Field(description="Naam van de hulpbron.")
    uitgever: Title = Field(description="Wie de bron publiceert.")
    url: Url = Field(description="Webadres (begint met https://).")
    soort: Literal[SOORTEN] = Field(description="Soort bron: " + ", ".join(SOORTEN) + ".")
    taal: Literal[TALEN] = Field(description="Taal van de bron: " + ", ".join(TALEN) + ".")
    beschrijving: Markdown = Field(description="Waarvoor een aankoper deze bron gebruikt.")
    stappen: list[Id] = refs("stap", "Ids van processtappen waarbij deze bron helpt.")
    ambities: list[Id] = refs("ambitie", "Ids van ambities waarbij deze bron helpt.")
    strategieen: list[Id] = refs("strategie", "Ids van strategieën waarbij deze bron helpt.")
    themas: list[Id] = refs("thema", "Ids van thema's of productgroepen.")


class Regel(Entry):
    """Een regel uit de wet of een officieel advies die een aankoper moet kennen (geen juridisch advies)."""

    model_config = ConfigDict(title="Regel")
    titel: Title = Field(description="Korte titel van de regel.")
    samenvatting: Markdown = Field(description="Wat de regel zegt, in eigen woorden en eenvoudige taal (twee of drie zinnen). Alleen wat in de officiële tekst staat.")
    toepassing: Optional[Markdown] = Field(default=None, description="Wat de regel betekent voor een circulaire aankoop, als dat niet al uit de samenvatting blijkt.")
    bron: Text = Field(description="De officiële bron: de wet, het besluit, de verordening of het advies, met naam en datum.")
    artikel: Article = Field(description="Het artikel of onderdeel met zijn nummer, bv. 'art. 51' of 'art. 17, lid 3'.")
    url: OfficialUrl = Field(description="Webadres van de officiële tekst (Staatsblad/Justel, EUR-Lex, het FAGG, de FOD Volksgezondheid of publicprocurement.be).")
    bindend: bool = Field(default=True, description="true voor een wet, besluit of verordening; false voor een officieel advies dat niet bindend is.")
    officiele_tekst: bool = Field(
        default=True,
        description="true als 'url' naar de tekst zelf gaat (de wet, het besluit, de verordening of het advies); false als hij "
                    "naar een toelichting van de overheid gaat. De site zegt dan 'Toelichting van de overheid' in plaats van "
                    "'Officiële tekst'.")
    stappen: list[Id] = refs("stap", "Ids van processtappen waar deze regel speelt.")
    strategieen: list[Id] = refs("strategie", "Ids van strategieën waar deze regel speelt.")
    valkuilen: list[Id] = refs("valkuil", "Ids van valkuilen waar deze regel speelt.")
    themas: list[Id] = refs("thema", "Ids van thema's of productgroepen.")


class Begrip(Entry):
    """Een term uit de begrippenlijst; verschijnt als tooltip overal op de site."""

    model_config = ConfigDict(title="Begrip")
    term: Term = Field(description="Het begrip zoals het in de tekst staat.")
    definitie: Text = Field(description="Korte uitleg in één of twee zinnen, zonder opmaak (wordt ook de tooltip).")
    aliassen: list[Term] = Field(default_factory=list, description="Andere schrijfwijzen en afkortingen (bv. LCA); ook die krijgen de tooltip.")
    toelichting: Optional[Markdown] = Field(default=None, description="Langere uitleg, mag Markdown bevatten.")
    bronnen: list[Id] = refs("bron", "Ids van hulpbronnen bij dit begrip.")
    zie_ook: list[Id] = refs("begrip", "Ids van verwante begrippen.")


class Thema(Entry):
    """Een thema of productgroep (wordt een tag en een eigen pagina)."""

    model_config = ConfigDict(title="Productgroep")
    naam: Title = Field(description="Naam van het thema of de productgroep.")
    beschrijving: Markdown = Field(description="Wat onder dit thema valt.")
    aliassen: list[Term] = Field(
        default_factory=list, max_length=MAX_ALIASES,
        description="Woorden waarmee aankopers naar deze productgroep zoeken (bv. matras, matrassen, bed). Ze komen "
                    "op de pagina van de productgroep, zodat de zoekfunctie de pagina ermee vindt.")
    zwaartepunten: Optional[Markdown] = Field(
        default=None, description="Wat het zwaarst weegt bij deze productgroep: waar de meeste milieuwinst of het "
                                  "grootste risico zit (kort, twee tot vier zinnen).")
    labels: list[Id] = refs("bron", "Ids van hulpbronnen met soort 'label' uit data/bronnen.yml: de labels die voor "
                                    "deze productgroep bestaan.")
    levensduurkost: Optional[Markdown] = Field(
        default=None, description="Tips over de levensduurkost van deze productgroep: welke kosten na de aankoop "
                                  "meetellen (kort, twee of drie zinnen).")


# The criteria for a tender ("bestek"), one file per product group: data/criteria/<thema-id>.yml.
# Types in the order a bestek is built, with the heading readers see for a group of them.
CRITERIUM_SOORT_LABELS = {
    "selectiecriterium": "Selectiecriterium",
    "technische-specificatie": "Technische specificatie",
    "gunningscriterium": "Gunningscriterium",
    "uitvoeringsvoorwaarde": "Uitvoeringsvoorwaarde",
}
CRITERIUM_SOORT_MEERVOUD = {
    "selectiecriterium": "Selectiecriteria",
    "technische-specificatie": "Technische specificaties",
    "gunningscriterium": "Gunningscriteria",
    "uitvoeringsvoorwaarde": "Uitvoeringsvoorwaarden",
}
CRITERIUM_SOORTEN = tuple(CRITERIUM_SOORT_LABELS)
# Levels from easy to ambitious (basis roughly the EU GPP 'core' level, gevorderd 'comprehensive',
# koploper beyond it: circular business models and requirements that push the market).
NIVEAU_LABELS = {"basis": "Basis", "gevorderd": "Gevorderd", "koploper": "Koploper"}
NIVEAUS = tuple(NIVEAU_LABELS)
# The file in data/criteria/ that holds the model clauses for every product group (no theme of its own).
ALGEMEEN = "algemeen"
CRITERIA_FOLDER = "criteria"
# A placeholder the buyer fills in: "[aantal] jaar". Longer than this, it is a sentence, not a blank.
MAX_PLACEHOLDER = 60
_BRACKETS = re.compile(r"[\[\]]")


def _check_clause(value: str) -> str:
    """A clause for a bestek: Markdown, with placeholders in square brackets that are never a link."""
    value = _check_markdown(value)
    depth, start = 0, 0
    for match in _BRACKETS.finditer(value):
        if match.group(0) == "[":
            if depth:
                raise ValueError(f"heeft een '[' binnen een ander invulveld (na '{value[max(0, match.start() - 30):match.start()]}'). "
                                 "Een invulveld staat tussen één paar vierkante haken, zoals [aantal] jaar")
            depth, start = 1, match.start()
            continue
        if not depth:
            raise ValueError(f"heeft een ']' zonder '[' ervoor (na '{value[max(0, match.start() - 30):match.start()]}'). "
                             "Schrijf een invulveld als [aantal] of [percentage]")
        depth = 0
        inner = value[start + 1:match.start()]
        after = value[match.end():match.end() + 1]
        if not inner.strip():
            raise ValueError("heeft een leeg invulveld ('[]'). Zeg tussen de haken wat de aankoper invult, bv. [aantal] jaar")
        if len(inner) > MAX_PLACEHOLDER:
            raise ValueError(f"heeft een invulveld van {len(inner)} tekens ('[{inner[:40]}…]'); hoogstens {MAX_PLACEHOLDER}. "
                             "Een invulveld is een kort woord als [aantal] of [datum]; uitleg hoort in de tekst ernaast")
        if after in ("(", "["):
            raise ValueError(f"heeft een invulveld '[{inner}]' met direct een '{after}' erachter: dan wordt het een link. "
                             "Een clausule voor een bestek bevat geen links. Zet een spatie na de ']' of herschrijf de zin")
    if depth:
        raise ValueError(f"heeft een '[' die niet gesloten wordt (na '{value[max(0, start - 30):start]}'). "
                         "Sluit het invulveld met ']', zoals [aantal] jaar")
    return value


Clause = Annotated[str, _max_length(MAX_MARKDOWN, "Een clausule is kort; splits ze in twee criteria als ze over twee dingen gaat"),
                   AfterValidator(_check_clause),
                   WithJsonSchema({"type": "string", "minLength": 1, "maxLength": MAX_MARKDOWN})]
SourceNumber = Annotated[str, _max_length(40, "Alleen het nummer dat de bron zelf gebruikt, bv. TS3 of 11212"),
                         AfterValidator(_check_text), WithJsonSchema({"type": "string", "minLength": 1, "maxLength": 40})]


class Criterium(Entry):
    """Een criterium of modelclausule voor een bestek, met zijn bron (één bestand per productgroep)."""

    model_config = ConfigDict(title="Criterium")
    titel: Title = Field(description="Korte titel van het criterium.")
    soort: Literal[CRITERIUM_SOORTEN] = Field(
        description="Soort criterium: selectiecriterium (over de inschrijver), technische-specificatie "
                    "(minimumeis aan het product of de dienst), gunningscriterium (wordt vergeleken en gescoord) of "
                    "uitvoeringsvoorwaarde (clausule van het contract).")
    niveau: Literal[NIVEAUS] = Field(
        description="Niveau: basis (eenvoudig toe te passen en na te gaan), gevorderd (vraagt meer controle of een "
                    "hogere eis) of koploper (verder dan gevorderd: circulaire bedrijfsmodellen, eisen die de markt "
                    "vooruit duwen).")
    tekst: Clause = Field(
        description="De clausule zoals ze in een bestek komt, in eigen woorden en Belgische termen (bestek, "
                    "inschrijver, opdrachtnemer, aanbestedende overheid). Invulvelden tussen vierkante haken: "
                    "[aantal] jaar. Geen links.")
    waarom: Markdown = Field(description="Waarom het criterium telt, in één tot drie zinnen: wat het bespaart of verlengt.")
    strategieen: list[Id] = refs("strategie", "Ids van strategieën (data/ambities.yml) waaraan het criterium bijdraagt.")
    stappen: list[Id] = refs("stap", "Ids van processtappen (data/stappen.yml) waarin je het criterium gebruikt.")
    bewijs: Markdown = Field(description="Hoe de inschrijver bewijst dat hij voldoet: een label 'of gelijkwaardig', "
                                         "een testverslag (noem de norm), een verklaring, een technisch dossier.")
    controle: Markdown = Field(description="Wat de aankoper nagaat, bij de gunning en/of tijdens het contract.")
    regels: list[Id] = refs("regel", "Ids van regels (data/regels.yml) waarop het criterium steunt.")
    bron: Id = Field(description="Id van de criteriaset in data/bronnen.yml waaruit het criterium komt.",
                     json_schema_extra={"x-verwijst-naar": "bron"})
    bronnummer: SourceNumber = Field(description="Het eigen nummer van het criterium in die set, bv. 'TS3', 'AC2' of '11212'.")
    bronlink: Optional[Url] = Field(default=None, description="Rechtstreekse link naar het criterium of de pdf van de set, "
                                                              "als die verschilt van het webadres van de hulpbron.")
    versie: int = Field(ge=1, le=1000, description="Versie van de tekst: verhoog ze met 1 wanneer de clausule verandert.")
    datum: dt.date = Field(description="Datum van deze versie (JJJJ-MM-DD).")


@dataclass(frozen=True)
class Kind:
    """How one kind of entry is stored and where it lives on the site."""

    name: str  # singular, used in references: "bron"
    label: str  # plural heading shown to readers
    file: Optional[str]  # data file holding it; None for strategies (nested in ambitions)
    model: type[Entry]
    page: str  # page path pattern; "{id}" gets a page per entry, else an anchor on that page
    folder: Optional[str] = None  # data folder with one file per product group (criteria), instead of `file`
    open_data: bool = True  # published under open-data/ (macros/opendata.py)

    @property
    def source(self) -> str:
        """Where an editor finds the entries of this kind, for messages ("data/<this>")."""
        if self.folder:
            return f"{self.folder}/<productgroep>.yml"
        return self.file or "ambities.yml (onder strategieen)"


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
        Kind("regel", "Regelgeving", "regels.yml", Regel, "regelgeving.md"),
        Kind("thema", "Productgroepen", "themas.yml", Thema, "themas/{id}.md"),
        # An anchor on its product group's page (themas/<group>.md); the model clauses of
        # data/criteria/algemeen.yml on GENERAL_CRITERIA_PAGE.
        Kind("criterium", "Criteria", None, Criterium, "themas/{groep}.md", folder=CRITERIA_FOLDER),
    )
}
# The hand-written page that explains levels and types and holds the model clauses (data/criteria/algemeen.yml).
GENERAL_CRITERIA_PAGE = "themas/criteria.md"
# The anchors of the sections of a product group's page (macros/templates/thema.md.j2): a criterion
# there has its id as anchor, so it may not take one of these.
PRODUCT_GROUP_ANCHORS = (
    "zwaartepunten", "strategieen", "criteria", "selectiecriteria", "technische-specificaties", "gunningscriteria",
    "uitvoeringsvoorwaarden", "modelclausules", "labels", "levensduurkost", "processtappen", "ambities",
    "valkuilen-en-fabels", "praktijkvoorbeelden", "hulpbronnen", "wat-zegt-de-regelgeving",
)


def ref_fields(model: type[BaseModel]) -> dict[str, str]:
    """Field name -> referenced kind, for every reference field of a model."""
    out = {}
    for name, info in model.model_fields.items():
        extra = info.json_schema_extra
        if isinstance(extra, dict) and "x-verwijst-naar" in extra:
            out[name] = extra["x-verwijst-naar"]
    return out


# --- change notes and editions ------------------------------------------------
# Not entries of the catalog: a note is about entries and pages, it is never linked from them.
# macros/wijzigingen.py loads both files and resolves what a note points at.

KIND_NOUNS = {"stap": "processtap", "ambitie": "ambitie", "strategie": "strategie", "valkuil": "valkuil",
              "voorbeeld": "praktijkvoorbeeld", "bron": "hulpbron", "begrip": "begrip", "thema": "productgroep", "regel": "regel",
              "criterium": "criterium"}
ITEM_REF_RE = re.compile(r"^([a-z]+):([^\s:]+)$")
EDITION_RE = re.compile(r"^v\d{4}\.(0[1-9]|1[0-2])(\.([2-9]|[1-9]\d+))?$")


def _check_plain(value: str) -> str:
    # Plain text refuses '<' and '>' already (macros/safety.py): a note also goes into the feed.
    return " ".join(_check_text(value).split())


def _check_item_ref(value: str) -> str:
    value = value.strip()
    match = ITEM_REF_RE.match(value)
    if not match or match.group(1) not in KINDS:
        raise ValueError(f"'{value}' is geen geldige verwijzing naar een item. Schrijf soort:id, bv. "
                         f"'bron:mvoo-criteriatool', met als soort een van: {', '.join(KINDS)}")
    _check_id(match.group(2))
    return value


def _check_page_path(value: str) -> str:
    value = value.strip()
    invisible = safety.invisible_problem(value)
    if invisible:
        raise ValueError(invisible)
    if value.startswith("docs/"):
        raise ValueError(f"schrijf het pad zonder 'docs/' ervoor: '{value[5:]}'")
    if not value.endswith(".md") or value.startswith("/") or "\\" in value or " " in value:
        raise ValueError(f"'{value}' is geen pagina. Schrijf het pad van het Markdown-bestand binnen docs/, "
                         "bv. 'over.md' of 'inleiding/aan-de-slag.md'")
    return value


def _check_version(value: str) -> str:
    if not EDITION_RE.match(value):
        raise ValueError(f"'{value}' is geen geldige editie: verwacht vJJJJ.MM of vJJJJ.MM.N, bv. 'v2027.03'. "
                         "Dit bestand schrijft `make release`; pas het niet met de hand aan")
    return value


PlainText = Annotated[str, _max_length(MAX_TEXT, "Een nota is kort: een tot drie zinnen"), AfterValidator(_check_plain),
                      WithJsonSchema({"type": "string", "minLength": 1, "maxLength": MAX_TEXT})]
ItemRef = Annotated[str, AfterValidator(_check_item_ref), WithJsonSchema(
    {"type": "string", "pattern": r"^(" + "|".join(KINDS) + r"):" + ID_RE.pattern[1:]})]
PagePath = Annotated[str, AfterValidator(_check_page_path), WithJsonSchema(
    {"type": "string", "pattern": r"^(?!docs/)[^/\s\\][^\s\\]*\.md$"})]
Version = Annotated[str, AfterValidator(_check_version), WithJsonSchema({"type": "string", "pattern": EDITION_RE.pattern})]


class Wijziging(BaseModel):
    """Een wijzigingsnota: wat er inhoudelijk veranderde aan de gids, waarom, en waar."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, field_title_generator=_field_title,
                              title="Wijziging")
    id: Id = Field(description="Vaste, korte naam in kleine letters met koppeltekens, bv. 'mvoo-uitgever'. "
                               "Wordt het anker op de pagina Nieuw en gewijzigd en de id in de feed: wijzig hem niet meer na publicatie.")
    datum: dt.date = Field(description="Dag van de wijziging (JJJJ-MM-DD): de dag waarop ze gepubliceerd werd of wordt.")
    titel: PlainText = Field(description="Wat er veranderde, in een korte zin (wordt de titel in de lijst en in de feed).")
    wat: PlainText = Field(description="Wat er veranderde, voor een lezer: één tot drie zinnen, gewone tekst.")
    waarom: PlainText = Field(description="Waarom het veranderde: een nieuwe bron, een fout, een vraag van lezers...")
    items: list[ItemRef] = Field(default_factory=list, description="Items die veranderden, als soort:id, bv. "
                                 "'bron:mvoo-criteriatool' of 'stap:behoefte'. Soorten: " + ", ".join(KINDS) + ".")
    paginas: list[PagePath] = Field(default_factory=list, description="Handgeschreven pagina's die veranderden, als pad "
                                    "binnen docs/, bv. 'over.md' of 'inleiding/aan-de-slag.md'.")
    hele_gids: bool = Field(default=False, description="true als de wijziging elke pagina raakt (dan verschijnt ze onder elke pagina).")


class Editie(BaseModel):
    """Een vaste editie van de gids (geschreven door `make release`)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, field_title_generator=_field_title,
                              title="Editie")
    versie: Version = Field(description="Versie van de editie, vJJJJ.MM (een tweede editie in dezelfde maand: vJJJJ.MM.2).")
    datum: dt.date = Field(description="Dag waarop de editie werd vastgelegd.")
    wijzigingen: list[Id] = Field(default_factory=list, description="Ids van de wijzigingsnota's die in deze editie nieuw zijn.")
