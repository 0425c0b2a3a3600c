"""MkDocs hook: what overrides/partials/page-meta.html shows under every page.

- "Laatst bijgewerkt": the date of the last commit that touched the files holding
  the page's text. For a hand-written page that is docs/<page>.md plus the data
  file of each overview macro it calls ({{ bronnen_lijst() }} -> data/bronnen.yml);
  for a generated page it is the YAML file of its entry. One `git log` pass at
  start-up gives every date. Outside git, without git, or in a shallow clone (where
  the oldest commit would claim every file) no date is shown at all, rather than a
  wrong one.
- "Doe een suggestie": a link to the content-fix issue form, prefilled with the
  page's title and address (GitHub fills form fields from query parameters by id).
  A plain link: no script, no counter.
- For a generated page, the data file and line that hold its text.
- Resources whose link the weekly link check last found working more than a year
  ago (macros/verouderd.py) are reported once per build, and those it never found
  working are counted in one line. A strict build (`make build`, `make serve`, CI)
  would fail on any warning, and an old date must not break a build that passed
  yesterday, so there it is logged at INFO level with a "WAARSCHUWING" prefix; a
  non-strict build logs a real warning. `make check-dates` fails on them, and the
  weekly link check reports them in its issue.
"""
from __future__ import annotations

import datetime as dt
import logging
import re
import subprocess
import sys
from pathlib import Path
from typing import Optional
from urllib.parse import urlencode

from mkdocs.utils import get_relative_url

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from macros.adapter import LISTINGS  # noqa: E402
from macros.catalog import load_cached  # noqa: E402
from macros.datum import datum_nl  # noqa: E402
from macros.errors import DataError  # noqa: E402
from macros.model import KINDS  # noqa: E402
from macros.verouderd import message, stale, unchecked  # noqa: E402

log = logging.getLogger("mkdocs.hooks.pagemeta")

# "{{ bronnen_lijst() }}" in a page: its entries come from data/bronnen.yml.
MACRO_RE = re.compile(r"\{\{-?\s*(" + "|".join(LISTINGS) + r")\s*\(")
ISSUE_TEMPLATE = "inhoud.yml"
# How to follow the changes (docs/volgen.md) and how to contribute (docs/bijdragen.md).
FOLLOW_PAGE = "volgen.html"
CONTRIBUTE_PAGE = "bijdragen.html"
# Other data a page may show: the change notes ({{ wijzigingen_overzicht() }}) and the editions
# (docs/downloads.md reads config.extra.edities, overrides/hooks/wijzigingen.py).
OTHER_SOURCES = {re.compile(r"\{\{-?\s*wijzigingen_overzicht\s*\("): ("data/wijzigingen.yml", "data/edities.yml"),
                 re.compile(r"config\.extra\.edities\b"): ("data/edities.yml",)}

_state: dict = {}


def git_dates(project: Path) -> dict[str, dt.date]:
    """Project-relative path -> date of the last commit touching it; empty outside a full git clone."""
    def git(*args: str) -> Optional[str]:
        try:
            proc = subprocess.run(["git", *args], cwd=project, capture_output=True, text=True, timeout=60)
        except (OSError, subprocess.SubprocessError):
            return None
        return proc.stdout if proc.returncode == 0 else None

    shallow = git("rev-parse", "--is-shallow-repository")
    if shallow is None or shallow.strip() != "false":
        return {}
    out = git("log", "--format=%x00%cs", "--name-only", "--relative", "--no-renames", "--", ".")
    dates: dict[str, dt.date] = {}
    day = None
    for line in (out or "").splitlines():
        if line.startswith("\x00"):
            day = dt.date.fromisoformat(line[1:])
        elif line and day and line not in dates:
            dates[line] = day
    return dates


def feedback_url(repo_url: str, title: str, page_url: str) -> str:
    query = urlencode({"template": ISSUE_TEMPLATE, "title": f"Suggestie: {title}", "pagina": page_url})
    return f"{repo_url.rstrip('/')}/issues/new?{query}"


def source_files(page, config) -> list[str]:
    """Project-relative files that hold the text of a page."""
    item = _state["generated"].get(page.file.src_uri)
    if item is not None:
        return [item.file]
    files = []
    docs = Path(config.docs_dir)
    path = docs / page.file.src_uri
    if path.is_file():
        files.append(path.resolve().relative_to(_state["project"]).as_posix())
        text = path.read_text(encoding="utf-8")
        for name in sorted(set(MACRO_RE.findall(text))):
            files.append(f"data/{KINDS[LISTINGS[name]].file}")
        for pattern, data_files in OTHER_SOURCES.items():
            if pattern.search(text):
                files.extend(f for f in data_files if f not in files)
    return files


def on_config(config):
    project = Path(config.config_file_path).resolve().parent
    _state["project"] = project
    _state["dates"] = git_dates(project)
    try:
        catalog = load_cached(project / "data")
    except DataError:
        return config  # datapages.py, listed first, already stopped the build with the message
    _state["generated"] = {item.page: item for item in catalog.pages()}
    today = dt.date.today()
    lines = [message(item, catalog, today) for item in stale(catalog, today)]
    never = unchecked(catalog)
    if never:
        lines.append(f"{len(never)} van de {len(catalog.all('bron'))} hulpbronnen zijn nog niet gecontroleerd door de "
                     "wekelijkse linkcontrole (data/linkcontrole.json). Geen fout: in een nieuwe kopie of een nieuwe "
                     "hulpbron is dat normaal, lezers zien er niets van. Welke: make check-dates; uitleg in README.md, "
                     "'The link-check message'.")
    for line in lines:
        if config.strict:
            log.info("WAARSCHUWING (controle verouderd): %s", line)
        else:
            log.warning("Controle verouderd: %s", line)
    return config


def on_page_context(context, page, config, nav):
    files = source_files(page, config)
    dates = [_state["dates"][f] for f in files if f in _state["dates"]]
    if dates:
        page.meta["bijgewerkt"] = max(dates).isoformat()
        page.meta["bijgewerkt_tekst"] = datum_nl(max(dates))
    item = _state["generated"].get(page.file.src_uri)
    if item is not None:
        page.meta["bron_bestand"] = item.file
        page.meta["bron_regel"] = item.line
    # Pages with entries carry an edit pencil per entry (macros/render.py edit_link), hidden for
    # readers until the link "Toon een bewerkknop bij elk item" under the page shows them.
    page.meta["bewerk_items"] = 'class="bewerk-item"' in (page.content or "")
    page.meta["volgen_url"] = get_relative_url(FOLLOW_PAGE, page.url)
    page.meta["bijdragen_url"] = get_relative_url(CONTRIBUTE_PAGE, page.url)
    if config.repo_url and page.canonical_url:
        # The title as the browser tab shows it (the theme uses the site name on the home page).
        title = page.meta.get("title") or page.title
        title = config.site_name if page.is_homepage or not title else str(title)
        page.meta["suggestie_url"] = feedback_url(config.repo_url, title, page.canonical_url)
    return context
