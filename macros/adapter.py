"""mkdocs-macros adapter: the macros that hand-written pages call.

Each macro renders one data-driven overview; the catalog is loaded lazily so
that data errors surface through the hook's clean message, not a traceback.
These are the only names a page may call (macros/paginacontrole.py): a page holds no
other Jinja, so whatever a page shows from the site's settings (the edition, the files
to download, the repository's address) comes from a macro here.
"""
from __future__ import annotations

import html
from pathlib import Path
from typing import Literal

from .catalog import load_cached
from .model import KINDS
from .render import Renderer, edit_base, href, plain, renderer_for

# The kinds `aantal` counts; a page naming another gets a message with the choices (macros/paginacontrole.py).
Soort = Literal[tuple(KINDS)]  # type: ignore[valid-type]
Bestand = Literal["zip", "pdf"]

# Macro name -> the kind it lists. Pages call e.g. {{ bronnen_lijst() }}.
LISTINGS = {
    "stappen_overzicht": "stap",
    "ambitiekaart": "ambitie",
    "ambitiefiguur": "ambitie",
    "valkuilen_overzicht": "valkuil",
    "voorbeelden_lijst": "voorbeeld",
    "bronnen_lijst": "bron",
    "begrippen_lijst": "begrip",
    "themas_overzicht": "thema",
    "regels_lijst": "regel",
}


# Macros of LISTINGS that draw a figure (macros/render.py) instead of their kind's list template.
FIGURES = {"stappen_overzicht": "procesfiguur", "ambitiefiguur": "ambitiefiguur"}


def define_env(env) -> None:
    data_dir = Path(env.project_dir) / "data"

    def renderer() -> Renderer:
        conf = env.conf
        return renderer_for(load_cached(data_dir), edit_base(conf.get("repo_url"), conf.get("edit_uri"), conf["docs_dir"]))

    def listing(name: str, kind: str):
        def macro() -> str:
            if name in FIGURES:
                return getattr(renderer(), FIGURES[name])(env.page.file.src_uri)
            return renderer().listing(kind, env.page.file.src_uri)

        macro.__doc__ = f"Overzicht van alle items van soort '{kind}' uit data/" + (" als figuur." if name in FIGURES else ".")
        return macro

    for name, kind in LISTINGS.items():
        env.macro(listing(name, kind), name)

    @env.macro
    def modelclausules() -> str:
        """De clausules voor elke productgroep (data/criteria/algemeen.yml), per soort."""
        return renderer().general_criteria(env.page.file.src_uri)

    @env.macro
    def aantal(kind: Soort) -> int:
        """Number of entries of a kind, e.g. {{ aantal('bron') }}."""
        return len(renderer().catalog.all(kind))

    # The Downloads page (docs/downloads.md) and the accessibility statement: the edition stamp
    # (tools/edition.py, set by overrides/hooks/edition.py), the files of this edition and of every
    # fixed one (overrides/hooks/wijzigingen.py), the site's and the repository's address.
    def extra() -> dict:
        return env.conf["extra"]

    @env.macro
    def editie_naam() -> str:
        """De editie van deze build, bv. 'editie v2027.03 van 2 maart 2027'."""
        return plain(extra()["edition"]["label"])

    def downloads() -> dict:
        """Where this build's files are linked (overrides/hooks/edition.py): online for an edition, beside
        the pages for a preview that has them, nowhere for a preview that has none."""
        return extra().get("downloads") or {"map": f"{_site_url(env.conf)}downloads/", "klaar": True}

    @env.macro
    def editie_uitleg() -> str:
        """Welke editie de lezer leest; bij een proefversie ook wat dat is en of er bestanden bij horen."""
        edition = extra()["edition"]
        if not edition.get("preview"):
            return f"Je leest nu **editie {plain(edition['version'])}** van {plain(edition['date_nl'])}."
        text = (f"Je leest nu een **proefversie** van {plain(edition['date_nl'])}: een versie die nog geen vaste "
                "editie is, bijvoorbeeld op de computer van een redacteur of bij een voorstel tot wijziging.")
        if downloads()["klaar"]:
            return text + " De bestanden hieronder horen bij deze proefversie."
        return text + ("\nVoor deze proefversie zijn er nog geen zip en PDF. Wie de site zelf bouwt, maakt ze met "
                       "`make offline` en `make pdf` (zie de README van de repository); bij de volgende build staan ze hier.")

    @env.macro
    def download_link(soort: Bestand) -> str:
        """Een link naar het zip-bestand of de PDF van deze build: online voor een editie, naast de pagina's voor
        een proefversie die ze heeft; anders zegt de link dat ze er nog niet zijn."""
        where = downloads()
        if not where["klaar"]:
            return "nog niet gemaakt voor deze proefversie (zie hierboven)"
        name = extra()["edition"][soort]
        return f"[{plain(name)}]({where['map']}{name})"

    @env.macro
    def edities_overzicht() -> str:
        """Elke vaste editie met haar bestanden en nieuwe wijzigingsnota's (data/edities.yml)."""
        page = env.page.file.src_uri
        return renderer().render("edities.md.j2", page, edities=extra().get("edities") or [],
                                 notes=href("nieuw-en-gewijzigd.md", page))

    @env.macro
    def downloadpagina_link(tekst: str) -> str:
        """Een link met deze tekst naar de Downloads-pagina online: ook vanuit de PDF en de offline bundel."""
        return f"[{plain(tekst)}]({_site_url(env.conf)}downloads.html)"

    @env.macro
    def meldingen_link(tekst: str) -> str:
        """Een link met deze tekst naar de meldingen (issues) van de repository."""
        repo = (env.conf.get("repo_url") or "").rstrip("/")
        return f"[{plain(tekst)}]({repo}/issues)"

    @env.macro
    def levensduurkost_formulier() -> str:
        """Het formulier van de levensduurkostvergelijking en zijn fictieve voorbeeld (docs/assets/javascripts/levensduurkost.js)."""
        return renderer().figure("levensduurkost.html.j2", env.page.file.src_uri)

    @env.macro
    def wijzigingen_overzicht() -> str:
        """De wijzigingsnota's uit data/wijzigingen.yml: die van deze editie, dan alle, nieuwste eerst."""
        from .wijzigingen import load_cached as load_changelog, page_titles

        r = renderer()
        changelog = load_changelog(data_dir, r.catalog, page_titles(env.conf["docs_dir"], r.catalog))
        edition = env.conf["extra"].get("edition") or {}
        section = changelog.this_edition(edition.get("version", ""), edition.get("label", "Editie"))
        return r.changelog(changelog, section, env.page.file.src_uri)

    @env.macro
    def feed_adres() -> str:
        """Het volledige webadres van de feed (feed.xml), om te kopiëren naar een feedlezer."""
        from .feed import FEED_FILE

        site_url = (env.conf.get("site_url") or "").rstrip("/")
        url = f"{site_url}/{FEED_FILE}" if site_url else FEED_FILE
        # An HTML link, not Markdown: no character of the address can end the link.
        return f'<a class="feed-adres" href="{html.escape(url, quote=True)}">{html.escape(url)}</a>'

    # The tools pages (docs/werkinstrumenten/): purchase guide, checklists, open data.
    from .hulpmiddelen import define_tool_macros

    define_tool_macros(env, renderer)


def _site_url(conf) -> str:
    """The published site's address (MkDocs ends it with '/'): links that work from the PDF and the bundle too."""
    return conf.get("site_url") or ""
