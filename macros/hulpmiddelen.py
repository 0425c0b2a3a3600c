"""Macros of the tools pages (docs/werkinstrumenten/): the purchase guide, the checklists
overview and the open-data documentation. Everything they show comes from data/.

The purchase guide (Aankoopwijzer) is rendered in full at build time: every item
that can appear in a plan is written into the page once, with `data-id="kind:id"`,
and a small JSON block says, per theme and per step, which items belong to it.
The page's script (docs/assets/javascripts/aankoopwijzer.js) only shows and hides;
it holds no content. The rules that pick the items live in `plan_parts` below.
"""
from __future__ import annotations

import json
from typing import Callable

from . import opendata
from .catalog import Catalog, Item
from .model import ALGEMEEN, CRITERIUM_SOORT_MEERVOUD, KINDS
from .render import PLACEHOLDER_RE, Renderer, href, html_href, plain

# Sections of a plan, in page order: key -> heading.
DELEN = {
    "stap": "Waar je nu staat",
    "stappen": "Stappen waarin je productgroep aan bod komt",
    "ambities": "Ambities en strategieën die passen",
    "vragen": "Vragen voor jezelf en je leveranciers",
    "valkuilen": "Valkuilen om te checken",
    "voorbeelden": "Praktijkvoorbeelden",
    "bronnen": "Hulpbronnen",
}


def _keys(items) -> list[str]:
    out, seen = [], set()
    for i in items:
        key = f"{i.kind}:{i.id}"
        if key not in seen:
            seen.add(key)
            out.append(key)
    return out


def _resources(catalog: Catalog, sources: list[Item]) -> list[Item]:
    found = {}
    for source in sources:
        for r in catalog.related(source, "bron"):
            found[r.id] = r
    return sorted(found.values(), key=Item.sort_key)


def theme_part(catalog: Catalog, theme: Item) -> dict[str, list[str]]:
    """What a product group adds to a plan.

    Ambitions: linked to the theme, plus the ambition of every strategy linked to it.
    Resources: of the theme, of its pitfalls and of its strategies.
    """
    strategies = catalog.related(theme, "strategie")
    ambitions = {a.id: a for a in catalog.related(theme, "ambitie")}
    ambitions.update({s.parent.id: s.parent for s in strategies})
    pitfalls = catalog.related(theme, "valkuil")
    return {
        "stappen": _keys(catalog.related(theme, "stap")),
        "ambities": _keys(sorted(ambitions.values(), key=Item.sort_key)) + _keys(strategies),
        "vragen": _keys(p for p in pitfalls if p.entry.bewijs),
        "valkuilen": _keys(pitfalls),
        "voorbeelden": _keys(catalog.related(theme, "voorbeeld")),
        "bronnen": _keys(_resources(catalog, [theme, *pitfalls, *strategies])),
    }


def step_part(catalog: Catalog, step: Item) -> dict[str, list[str]]:
    """What a process step adds to a plan.

    Its questions, pitfalls, examples and resources (its own and its pitfalls').
    Its ambitions and strategies only count when no product group is chosen
    (the script applies that rule: see ONLY_WITHOUT_THEME).
    """
    strategies = catalog.related(step, "strategie")
    ambitions = {a.id: a for a in catalog.related(step, "ambitie")}
    ambitions.update({s.parent.id: s.parent for s in strategies})
    pitfalls = catalog.related(step, "valkuil")
    return {
        "stap": _keys([step]),
        "ambities": _keys(sorted(ambitions.values(), key=Item.sort_key)) + _keys(strategies),
        "vragen": _keys([step] if step.entry.vragen else []) + _keys(p for p in pitfalls if p.entry.bewijs),
        "valkuilen": _keys(pitfalls),
        "voorbeelden": _keys(catalog.related(step, "voorbeeld")),
        "bronnen": _keys(_resources(catalog, [step, *pitfalls])),
    }


# A step's ambitions would swamp a product group's (step 2 touches all of them).
ONLY_WITHOUT_THEME = ["ambities"]


def plan_parts(catalog: Catalog) -> dict:
    return {
        "thema": {t.id: theme_part(catalog, t) for t in catalog.all("thema")},
        "stap": {s.id: step_part(catalog, s) for s in catalog.all("stap")},
        "alleenZonderThema": ONLY_WITHOUT_THEME,
    }


def json_for_attribute(data) -> str:
    """Compact JSON for a data-json attribute (the template escapes it as an attribute value)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def aankoopwijzer(renderer: Renderer, page: str) -> str:
    catalog = renderer.catalog
    pitfalls = catalog.all("valkuil")
    return renderer.render(
        "aankoopwijzer.md.j2", page,
        themes=catalog.all("thema"), steps=catalog.all("stap"), ambitions=catalog.all("ambitie"),
        pitfalls=pitfalls, examples=catalog.all("voorbeeld"), resources=catalog.all("bron"),
        delen=DELEN, payload=json_for_attribute(plan_parts(catalog)),
        strategies_of=lambda a: [catalog.get("strategie", s.id) for s in a.entry.strategieen],
        url=lambda item: href(item.target, page),
    )


def afvinklijsten(renderer: Renderer, page: str) -> str:
    return renderer.render("afvinklijsten.md.j2", page, steps=renderer.catalog.all("stap"),
                           pitfalls=renderer.catalog.all("valkuil"), url=lambda item: href(item.target, page))


def open_data(renderer: Renderer, page: str, edition: dict) -> str:
    catalog = renderer.catalog
    collections = [{"kind": k, "naam": opendata.COLLECTIONS[k], "label": KINDS[k].label,
                    "aantal": len(catalog.all(k)), "velden": opendata.field_rows(k)} for k in opendata.OPEN_KINDS]
    return renderer.render("open_data.md.j2", page, collections=collections, edition=edition,
                           licence=opendata.LICENCE, cell=_cell,
                           file=lambda name: href(f"{opendata.FOLDER}/{name}", page))


# The tender builder (docs/werkinstrumenten/bestekbouwer.md): every criterion is written into the page
# once, grouped the way a bestek is built (type, then product group); its script shows the chosen ones
# and builds the downloads from what the page shows. Without JavaScript the page is the full list.
BESTEK_DELEN = {
    "selectiecriterium": "Over de inschrijver: wie mag meedoen. Je gaat ze na bij de selectie, voor je de offertes "
                         "vergelijkt.",
    "technische-specificatie": "Minimumeisen aan wat je koopt. Een offerte die er niet aan voldoet, is niet "
                               "regelmatig en telt niet mee.",
    "gunningscriterium": "Wat je vergelijkt en scoort. De weging vul je zelf in: alleen jij weet hoe zwaar dit punt "
                         "weegt naast de prijs en je andere criteria, en je maakt ze bekend in het bestek.",
    "uitvoeringsvoorwaarde": "Clausules van het contract: wat de opdrachtnemer doet tijdens de uitvoering en bij het "
                             "einde van het contract.",
}
GENERAL_GROUP_NAME = "Modelclausules voor elke productgroep"


def bestekbouwer(renderer: Renderer, page: str) -> str:
    catalog = renderer.catalog
    criteria = catalog.all("criterium")
    # Each group with the page that shows its criteria in full: where a reader without JavaScript goes.
    groups = [{"id": t.id, "naam": t.title, "aantal": len(catalog.related(t, "criterium")),
               "pagina": html_href(catalog.related(t, "criterium")[0].target.partition("#")[0], page)}
              for t in sorted(catalog.all("thema"), key=lambda t: t.title.casefold()) if catalog.related(t, "criterium")]
    general = [c for c in criteria if c.group == ALGEMEEN]
    if general:
        groups.append({"id": ALGEMEEN, "naam": GENERAL_GROUP_NAME, "aantal": len(general),
                       "pagina": html_href(general[0].target.partition("#")[0], page)})
    order = [g["id"] for g in groups]
    names = {g["id"]: g["naam"] for g in groups}
    parts = []
    for soort, heading in CRITERIUM_SOORT_MEERVOUD.items():
        of_type = [c for c in criteria if c.entry.soort == soort]
        per_group = [(gid, names[gid], sorted((c for c in of_type if c.group == gid), key=lambda c: c.sort_key()))
                     for gid in order]
        per_group = [g for g in per_group if g[2]]
        if per_group:
            parts.append({"soort": soort, "kop": heading, "uitleg": BESTEK_DELEN[soort], "groepen": per_group})
    return renderer.render("bestekbouwer.md.j2", page, groups=groups, parts=parts,
                           soorten=CRITERIUM_SOORT_MEERVOUD, url=lambda item: html_href(item.target, page),
                           velden=lambda clause: len(PLACEHOLDER_RE.findall(clause)))


def _cell(text) -> str:
    """Table cell text: escaped, one line, no column break."""
    return plain(" ".join(str(text).split()))


def define_tool_macros(env, renderer: Callable[[], Renderer]) -> None:
    """Register the tools' macros on mkdocs-macros' env (called from adapter.define_env)."""

    def page() -> str:
        return env.page.file.src_uri

    @env.macro
    def aankoopwijzer_plan() -> str:
        """De aankoopwijzer: keuzeformulier, alle plan-onderdelen en hun relaties (uit data/)."""
        return aankoopwijzer(renderer(), page())

    @env.macro
    def bestekbouwer_criteria() -> str:
        """De bestekbouwer: keuzeformulier en de criteria per soort en productgroep (uit data/criteria/; de criteria
        zelf laadt de pagina per gekozen productgroep, zie macros/bestekbouwer_delen.py)."""
        return bestekbouwer(renderer(), page())

    @env.macro
    def afvinklijsten_overzicht() -> str:
        """Links naar de afvinklijst van elke stap en elke valkuil."""
        return afvinklijsten(renderer(), page())

    @env.macro
    def open_data_documentatie() -> str:
        """De open-databestanden en hun velden, afgeleid uit de modellen."""
        # Set by overrides/hooks/edition.py (tools/edition.py), the one source of the stamp.
        return open_data(renderer(), page(), env.conf["extra"]["edition"])
