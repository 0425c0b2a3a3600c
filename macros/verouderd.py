"""Resources whose link no check has found working in the past year, or ever.

    python -m macros.verouderd [data-dir]   # list them; exit 1 when there are any

The dates come from the weekly external link check (tools/linkcheck.py --record, which
writes data/linkcontrole.json), never from an editor. The build (overrides/hooks/pagemeta.py)
reports the same list on every run, and the weekly workflow (`make check-dates`, after
the link check) puts it in its issue. An old or missing date is never a build error: a
site that built yesterday must not fail today without any change.
"""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Optional

from .catalog import Catalog, Item, load
from .errors import DataError

MAX_AGE = dt.timedelta(days=365)


def stale(catalog: Catalog, today: Optional[dt.date] = None) -> list[Item]:
    """Resources whose link last answered well more than MAX_AGE before `today`, oldest first."""
    today = today or dt.date.today()
    old = [i for i in catalog.all("bron") if (day := catalog.last_good(i.entry.url)) and today - day > MAX_AGE]
    return sorted(old, key=lambda i: (catalog.last_good(i.entry.url), i.id))


def unchecked(catalog: Catalog) -> list[Item]:
    """Resources whose link no check has found working yet."""
    return [i for i in catalog.all("bron") if catalog.last_good(i.entry.url) is None]


def message(item: Item, catalog: Catalog, today: Optional[dt.date] = None) -> str:
    today = today or dt.date.today()
    day = catalog.last_good(item.entry.url)
    where = f"{item.file}, regel {item.line}, hulpbron '{item.id}'"
    fix = ("Open het adres: werkt het niet meer, zoek dan het nieuwe adres en pas 'url' aan, of verwijder de "
           "hulpbron. Kijk ook of de beschrijving nog klopt.")
    if day is None:
        return (f"{where}: {item.entry.url} is nog niet gecontroleerd (de wekelijkse linkcontrole vond het adres "
                f"nog nooit werkend). {fix}")
    return (f"{where}: {item.entry.url} werkte laatst op {day.isoformat()} ({(today - day).days} dagen geleden, "
            f"meer dan een jaar). {fix}")


def main(argv: list[str]) -> int:
    data_dir = Path(argv[0]) if argv else Path(__file__).resolve().parent.parent / "data"
    try:
        catalog = load(data_dir)
    except DataError as exc:
        print(exc, file=sys.stderr)
        return 2
    old, never = stale(catalog), unchecked(catalog)
    if not old and not never:
        print(f"Alle {len(catalog.all('bron'))} hulpbronnen werkten bij een linkcontrole van het voorbije jaar.")
        return 0
    if old:
        print(f"{len(old)} hulpbron(nen) werkten meer dan een jaar niet bij de linkcontrole:")
        for item in old:
            print(f"- {message(item, catalog)}")
    if never:
        print(f"{len(never)} hulpbron(nen) nog niet gecontroleerd:")
        for item in never:
            print(f"- {message(item, catalog)}")
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
