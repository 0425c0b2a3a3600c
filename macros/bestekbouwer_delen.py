"""The tender builder's criteria leave its page: one small script per product group.

Why: the builder page used to carry all criteria (over 200 kB of HTML, about 24 KiB of its 32 KiB
gzipped), so every first visit paid for every product group while a buyer picks one or two. The
page is rendered as before (macros/templates/bestekbouwer.md.j2, through Markdown, the tooltips and
the allow-list sanitiser), and then, as the last content step, each criterion's block is cut out
and kept per product group. The build writes each group as `assets/javascripts/bestekbouwer/<group>.js`,
which only assigns one string, `bbGroepen["<group>"] = "<html>"`; the builder's script loads that file
with a <script> element when the buyer picks the group (a fetch cannot run from file://, a script
can), and puts the blocks back where they were.

Nothing here parses text a stranger wrote: it reads the page the sanitiser has just written,
with the standard library's HTML parser (no regular expression), in one pass.
"""
from __future__ import annotations

import json
from html.parser import HTMLParser

# Where the groups' scripts go, in the site (the builder's script loads them relative to itself).
SCRIPT_DIR = "assets/javascripts/bestekbouwer"
# The list on the builder's page (macros/templates/bestekbouwer.md.j2): the page this applies to.
LIST_ID = 'id="bb-lijst"'
CRITERION_CLASS = "bb-criterium"
# A group id becomes a file name: the data's kebab-case ids only (macros/model.py checks them first).
ID_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-")


def carries(html: str) -> bool:
    return LIST_ID in html


class _Blocks(HTMLParser):
    """Where every criterion block starts and ends: (start, end, group, criterion id), in page order."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=False)
        self.html = html
        self.line_starts = [0]
        for number, char in enumerate(html):
            if char == "\n":
                self.line_starts.append(number + 1)
        self.blocks: list[tuple[int, int, str, str]] = []
        self._open: tuple[int, str, str] | None = None
        self._depth = 0

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        if tag != "div":
            return
        if self._open is not None:
            self._depth += 1
            return
        values = dict(attrs)
        if CRITERION_CLASS in (values.get("class") or "").split():
            self._open = (self._offset(), values.get("data-groep") or "", values.get("data-id") or "")
            self._depth = 1

    def handle_endtag(self, tag):
        if tag != "div" or self._open is None:
            return
        self._depth -= 1
        if self._depth == 0:
            start, group, criterion = self._open
            end = self.html.index(">", self._offset()) + 1
            self.blocks.append((start, end, group, criterion))
            self._open = None


def split(html: str) -> tuple[str, dict[str, str], list[str]]:
    """The page without its criteria, each group's criteria (HTML, in page order), the criteria's ids."""
    parser = _Blocks(html)
    parser.feed(html)
    parser.close()
    if parser._open is not None:
        raise ValueError(f"bestekbouwer: het blok van criterium {parser._open[2]!r} sluit niet")
    page, groups, ids, last = [], {}, [], 0
    for start, end, group, criterion in parser.blocks:
        if not group or not set(group) <= ID_CHARACTERS:
            raise ValueError(f"bestekbouwer: criterium {criterion!r} heeft geen geldige productgroep ({group!r})")
        page.append(html[last:start])
        groups.setdefault(group, []).append(html[start:end])
        ids.append(criterion)
        last = end
    page.append(html[last:])
    return "".join(page), {group: "".join(parts) for group, parts in groups.items()}, ids


def script(group: str, fragment: str) -> str:
    """A group's file: one assignment of a JSON string, ASCII only (JSON is JavaScript), with "</" written
    "<\\/" so the text could not end a script element even if it were ever put inline."""
    literal = json.dumps(fragment).replace("</", "<\\/")
    return f"bbGroepen[{json.dumps(group)}] = {literal};\n"
