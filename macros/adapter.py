"""mkdocs-macros adapter: the macros that hand-written pages call.

Each macro renders one data-driven overview; the catalog is loaded lazily so
that data errors surface through the hook's clean message, not a traceback.
"""
from __future__ import annotations

import html
from pathlib import Path

from .catalog import load_cached
from .render import Renderer, edit_base, renderer_for

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
    def aantal(kind: str) -> int:
        """Number of entries of a kind, e.g. {{ aantal('bron') }}."""
        return len(renderer().catalog.all(kind))

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

    # The tools pages (docs/hulpmiddelen/): purchase guide, checklists, open data.
    from .hulpmiddelen import define_tool_macros

    define_tool_macros(env, renderer)
