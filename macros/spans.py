"""Spans from an opening to a closing mark ("<!--" ... "-->"), found in time linear in the text.

A regular expression such as r"<!--.*?-->" (re.S) reads from every opening to the end of the text
when the closing mark is missing: 50 kB of "<!--" takes seconds, 1 MB minutes. Here a closing mark
that is not there is looked for once: past the point where it was last missing, every later
opening of the same kind fails at once. The result is what the expression's finditer() returns.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterator, Optional


@dataclass(frozen=True)
class Close:
    mark: str  # the closing mark
    inclusive: bool = True  # the span ends after the mark (else before it, as "[^\n]*" before a line end)
    optional: bool = False  # without the mark the span runs to the end of the text
    fold: bool = False  # the mark in any case (the expression had re.I)


class Delimited:
    """finditer()/sub() of "opening.*?closing" alternatives: `openings` finds where a span may start
    (a plain expression without repetition), `close` says how the span that starts there ends."""

    def __init__(self, openings: re.Pattern, close: Callable[[re.Match], Close]):
        self.openings = openings
        self.close = close

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        absent: dict[tuple[str, bool], int] = {}  # closing mark -> from where it no longer occurs
        folded: Optional[str] = None
        position = 0
        while True:
            opening = self.openings.search(text, position)
            if opening is None:
                return
            rule = self.close(opening)
            key = (rule.mark, rule.fold)
            found = -1
            if opening.end() < absent.get(key, len(text) + 1):
                if rule.fold:
                    folded = text.lower() if folded is None else folded
                    found = folded.find(rule.mark.lower(), opening.end())
                else:
                    found = text.find(rule.mark, opening.end())
                if found < 0:
                    absent[key] = opening.end()
            if found < 0 and not rule.optional:
                position = opening.start() + 1
                continue
            end = len(text) if found < 0 else found + (len(rule.mark) if rule.inclusive else 0)
            yield opening.start(), end
            position = end if end > opening.start() else opening.start() + 1

    def sub(self, replace: Callable[[str], str], text: str) -> str:
        """The text with every span replaced (`replace` gets the span's text)."""
        out, done = [], 0
        for start, end in self.spans(text):
            out += [text[done:start], replace(text[start:end])]
            done = end
        return "".join(out) + text[done:]
