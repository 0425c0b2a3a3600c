"""Dates readers see are written one way, in Dutch: "28 november 2026" (SCHRIJFWIJZER.md).

The whole visible page is read, header and footer included (the edition stamp, "Laatst
bijgewerkt"), not only the article. Code examples (<code>, <pre>) and attributes such as
<time datetime="2026-11-28"> are not text a reader reads as a date.
"""
from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path

from conftest import ROOT
from macros.datum import datum_nl
from macros.render import Renderer

# 2026-11-28, 28-11-2026, 28/11/2026, 28.11.2026, 2026/11/28; not the path of a web address written out
# (".../eli/wet/2016/06/17/2016021053/justel", the print page's notes): a slash on either side.
NUMERIC_DATE_RE = re.compile(r"(?<![\d.,/-])(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{4})(?![\d/-])")
DUTCH_DATE_RE = re.compile(r"\b([1-9]|[12]\d|3[01]) (januari|februari|maart|april|mei|juni|juli|augustus|"
                           r"september|oktober|november|december) (\d{4})\b")


class VisibleText(HTMLParser):
    """Text of <body> outside <script>, <style>, <code>, <pre> and <template>."""

    SKIP = {"script", "style", "code", "pre", "template"}

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self.skip = 0
        self.body = False

    def handle_starttag(self, tag, attrs):
        self.body = self.body or tag == "body"
        if tag in self.SKIP:
            self.skip += 1
        self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skip:
            self.skip -= 1
        self.parts.append(" ")

    def handle_data(self, data):
        if self.body and not self.skip:
            self.parts.append(data)


def visible_text(path: Path) -> str:
    parser = VisibleText()
    parser.feed(path.read_text(encoding="utf-8"))
    return " ".join("".join(parser.parts).split())


def numeric_dates(text: str) -> list[str]:
    return [text[max(0, m.start() - 40):m.end() + 10] for m in NUMERIC_DATE_RE.finditer(text)]


def test_no_numeric_date_on_any_page(site):
    found = []
    for page in sorted(site.rglob("*.html")):
        for context in numeric_dates(visible_text(page)):
            found.append(f"{page.relative_to(site)}: ...{context}...")
    assert not found, ("datums die een lezer ziet, schrijf je als '28 november 2026' (SCHRIJFWIJZER.md):\n"
                       + "\n".join(found[:30]))


def test_dates_readers_see_are_written_in_full(site):
    """The pages that show a date show it the Dutch way: the edition in every footer, the open data page."""
    from targets import page_carrying

    # The open data page by the macro it carries, wherever an editor moved it.
    for rel in ("index.html", page_carrying("{{ open_data_documentatie() }}"), "bronnen.html"):
        assert DUTCH_DATE_RE.search(visible_text(site / rel)), rel


def test_the_check_finds_numeric_dates(tmp_path):
    page = tmp_path / "p.html"
    page.write_text("<html><body><p>Gecontroleerd op 28-11-2026 en 2026-11-28.</p><time datetime=\"2026-11-28\">"
                    "28 november 2026</time><pre>gecontroleerd: 2026-11-28</pre><p>ISO 14024 en 1.500 euro, "
                    "versie 5e69f42, 0,745 euro, https://www.ejustice.just.fgov.be/eli/wet/2016/06/17/2016021053/justel."
                    "</p><p>Op 2026/11/28.</p></body></html>", encoding="utf-8")
    assert len(numeric_dates(visible_text(page))) == 3


def test_one_format_for_every_date():
    assert datum_nl(dt.date(2026, 11, 28)) == "28 november 2026"
    assert datum_nl(dt.date(2027, 3, 5)) == "5 maart 2027"
    env = Renderer.__new__(Renderer)  # the filter only, without a catalog
    Renderer.__init__(env, catalog=None)
    assert env.env.from_string("{{ d|datum }}").render(d=dt.date(2030, 7, 1)) == "1 juli 2030"
    # The templates write dates only through the filter (or the edition's date_nl).
    for template in sorted((ROOT / "macros" / "templates").glob("*.j2")):
        assert "strftime" not in template.read_text(encoding="utf-8"), template.name
