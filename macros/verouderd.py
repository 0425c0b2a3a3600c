"""Resources whose link was last checked more than a year ago.

    python -m macros.verouderd [data-dir]   # list them; exit 1 when there are any

The build (overrides/hooks/pagemeta.py) reports the same list on every run, and the
weekly link check (`make check-dates`) puts it in its issue. An old date is never a
build error: a site that built yesterday must not fail today without any change.
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
    """Resources checked more than MAX_AGE before `today`, oldest first."""
    today = today or dt.date.today()
    old = [i for i in catalog.all("bron") if today - i.entry.gecontroleerd > MAX_AGE]
    return sorted(old, key=lambda i: (i.entry.gecontroleerd, i.id))


def message(item: Item, today: Optional[dt.date] = None) -> str:
    today = today or dt.date.today()
    days = (today - item.entry.gecontroleerd).days
    return (f"{item.file}, regel {item.line}, hulpbron '{item.id}': laatst gecontroleerd op "
            f"{item.entry.gecontroleerd.isoformat()} ({days} dagen geleden, meer dan een jaar). "
            f"Open {item.entry.url}, kijk of de link en de beschrijving nog kloppen en zet "
            f"'gecontroleerd' op de datum van vandaag ({today.isoformat()}).")


def main(argv: list[str]) -> int:
    data_dir = Path(argv[0]) if argv else Path(__file__).resolve().parent.parent / "data"
    try:
        catalog = load(data_dir)
    except DataError as exc:
        print(exc, file=sys.stderr)
        return 2
    old = stale(catalog)
    if not old:
        print(f"Alle {len(catalog.all('bron'))} hulpbronnen zijn in het voorbije jaar gecontroleerd.")
        return 0
    print(f"{len(old)} hulpbron(nen) niet meer gecontroleerd in meer dan een jaar:")
    for item in old:
        print(f"- {message(item)}")
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
