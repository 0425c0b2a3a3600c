"""Errors in data files, worded for the editors who make them."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

# At most this many problems are explained; the rest are counted. An editor fixes the first ones
# and checks again, and a file with a mistake on every line (a list of a million one-letter items)
# stays within the data check's time and memory (tests/test_grenzen.py).
MAX_SHOWN = 1000
MAX_MESSAGE = 2000  # characters of one problem's message

# Characters a message never prints as they are: a lone surrogate cannot be written as UTF-8 (the
# terminal or the log would stop with an error), a control character or U+FFFE garbles the line.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def printable(text: str) -> str:
    """Text for a message: every character that cannot be shown written as its code (U+FFFE)."""
    return _UNPRINTABLE.sub(lambda m: f"<U+{ord(m.group(0)):04X}>", text)


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
            where.append(f"item {self.entry[:80]}")
        if self.field:
            where.append(f"veld '{self.field[:80]}'")
        # A message quotes the value it is about: a line of 16 MB is shown by its start.
        message = self.message if len(self.message) <= MAX_MESSAGE else self.message[:MAX_MESSAGE] + " …"
        return printable(", ".join(where) + ": " + message)


class Problems(list):
    """The problems of one check: the first MAX_SHOWN kept, the others counted (`hidden`).
    `full` tells a check to stop looking: it then sets `stopped`, and the message says there are
    more than it counted."""

    def __init__(self, limit: Optional[int] = None):
        super().__init__()
        self.limit = MAX_SHOWN if limit is None else limit
        self.hidden = 0
        self.stopped = False

    @property
    def full(self) -> bool:
        return len(self) >= self.limit

    def append(self, problem: Problem) -> None:
        if self.full:
            self.hidden += 1
        else:
            super().append(problem)

    def extend(self, problems) -> None:
        for problem in problems:
            self.append(problem)

    def total(self) -> int:
        return len(self) + self.hidden


class DataError(Exception):
    """Raised when data/ cannot be built into a site; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        hidden = getattr(problems, "hidden", 0)
        stopped = getattr(problems, "stopped", False)
        count = len(problems) + hidden
        if stopped:
            head = f"Er zitten meer dan {count} fouten in de gegevens"
        else:
            head = "Er zit een fout in de gegevens" if count == 1 else f"Er zitten {count} fouten in de gegevens"
        body = "\n".join(f"  - {p}" for p in problems)
        if hidden or stopped:
            body += (f"\n  ... en nog {'meer' if stopped else hidden} fouten, niet getoond: verbeter eerst de "
                     f"{len(problems)} hierboven en controleer opnieuw.")
        super().__init__(f"{head} (de site is niet gebouwd):\n{body}")
