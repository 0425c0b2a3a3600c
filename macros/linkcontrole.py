"""The results of the weekly external link check: per URL, the day it last answered well.

tools/linkcheck.py (`make linkcheck-external`, weekly in .github/workflows/linkcheck.yml)
writes data/linkcontrole.json; the workflow proposes the new file in a pull request. The
build reads it here: a resource shows "link laatst goed bevonden op <date>" only when a
check that ran found it working, and "link nog niet gecontroleerd" otherwise. Nobody
types these dates.
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Optional

from .errors import Problem
from .yamlfile import read_bytes

# 16,000 checked addresses are some 1.6 MB.
MAX_BYTES = 4_000_000

FILE = "linkcontrole.json"
EXPLANATION = ("Geschreven door de wekelijkse linkcontrole (tools/linkcheck.py external --record): per webadres "
               "de dag waarop het laatst goed antwoordde. Niet met de hand bewerken.")


def read(data_dir: Path, problems: list[Problem]) -> dict[str, dt.date]:
    """URL -> last good day. A missing file means no check has run yet; a broken one is a problem."""
    path = Path(data_dir) / FILE
    rel = f"{Path(data_dir).name}/{FILE}"
    if not path.exists() and not path.is_symlink():
        return {}
    fix = ("Dit bestand schrijft de linkcontrole zelf (tools/linkcheck.py). Zet de versie uit git terug "
           "(git checkout -- data/linkcontrole.json) of verwijder het: de site toont dan 'nog niet gecontroleerd'.")
    raw = read_bytes(path, rel, problems, MAX_BYTES)
    if raw is None:
        return {}
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        problems.append(Problem(rel, f"het bestand is niet opgeslagen als UTF-8. {fix}"))
        return {}
    except json.JSONDecodeError as exc:
        problems.append(Problem(rel, f"het bestand is geen geldige JSON (kolom {exc.colno}). {fix}", line=exc.lineno))
        return {}
    except (ValueError, RecursionError):  # a number of over 4,300 digits, nesting deeper than Python recurses
        problems.append(Problem(rel, f"het bestand bevat een getal met te veel cijfers of is te diep genest. {fix}"))
        return {}
    entries = data.get("adressen") if isinstance(data, dict) else None
    if not isinstance(entries, dict):
        problems.append(Problem(rel, f"verwacht een veld 'adressen' met per webadres een datum. {fix}"))
        return {}
    out: dict[str, dt.date] = {}
    for url, day in entries.items():
        try:
            out[url] = dt.date.fromisoformat(day)
        except (TypeError, ValueError):
            shown = day if isinstance(day, str) else type(day).__name__
            problems.append(Problem(rel, f"'{url[:100]}': '{str(shown)[:40]}' is geen datum als JJJJ-MM-DD. {fix}"))
    return out


def last_good(dates: dict[str, dt.date], url: str) -> Optional[dt.date]:
    return dates.get(url.strip())
