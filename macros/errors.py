"""Errors in data files, worded for the editors who make them."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional


@dataclass
class Problem:
    file: str  # path as the editor sees it, e.g. "data/bronnen.yml"
    message: str  # what is wrong and how to fix it, in Dutch
    line: Optional[int] = None
    entry: Optional[str] = None  # "'mvoo' (nr. 3)" or "nr. 3"
    field: Optional[str] = None

    def __str__(self) -> str:
        where = [self.file]
        if self.line:
            where.append(f"regel {self.line}")
        if self.entry:
            where.append(f"item {self.entry}")
        if self.field:
            where.append(f"veld '{self.field}'")
        return ", ".join(where) + ": " + self.message


class DataError(Exception):
    """Raised when data/ cannot be built into a site; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        count = len(problems)
        head = "Er zit een fout in de gegevens" if count == 1 else f"Er zitten {count} fouten in de gegevens"
        body = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{head} (de site is niet gebouwd):\n{body}")
