"""Dates as readers see them: "28 november 2026" (SCHRIJFWIJZER.md, Kleine afspraken).

The one place that writes a date for readers: the templates (filter `datum`), the
"Laatst bijgewerkt" line (overrides/hooks/pagemeta.py) and the edition stamp
(tools/edition.py). Data files and machine-readable output keep JJJJ-MM-DD.
"""
from __future__ import annotations

import datetime as dt

MAANDEN = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
           "september", "oktober", "november", "december")


def datum_nl(day: dt.date) -> str:
    return f"{day.day} {MAANDEN[day.month - 1]} {day.year}"
