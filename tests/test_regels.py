"""The rules a buyer must respect (data/regels.yml): each one sourced on an official host with
its article, on the rules page, and in a "Wat zegt de regelgeving?" block wherever it plays a part."""
from __future__ import annotations

import re
import shutil
from html import unescape
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest

from conftest import ROOT, page_text
from macros.catalog import load
from macros.errors import DataError
from macros.model import OFFICIAL_HOSTS

CATALOG = load(ROOT / "data")
RULES = CATALOG.all("regel")

LAW = "Wet van 17 juni 2016 inzake overheidsopdrachten"
DIRECTIVE = "Richtlijn 2014/24/EU betreffende het plaatsen van overheidsopdrachten"
KB_EXECUTION = "Koninklijk besluit van 14 januari 2013 tot bepaling van de algemene uitvoeringsregels van de overheidsopdrachten"
# Every rule's source and article, kept here on purpose: a renumbering or a changed source in
# data/regels.yml fails this test until someone checks the official text again and updates this list
# (the comment above each rule in data/regels.yml names what was read).
EXPECTED = {
    "aanbestedende-overheid": (LAW, "art. 2 (definitie van 'aanbestedende overheid')"),
    "opdracht-beperkte-waarde": (LAW, "art. 92"),
    "marktconsultatie": (LAW, "art. 51"),
    "technische-specificaties": (LAW, "art. 53"),
    "labels": (LAW, "art. 54"),
    "testverslagen": (LAW, "art. 55"),
    "varianten": (LAW, "art. 2, 53° (definitie van 'variante')"),
    "gunningscriteria": (LAW, "art. 81 en 82"),
    "levenscycluskosten": (LAW, "art. 82"),
    "onderhandelingsprocedure-zonder-bekendmaking": (LAW, "art. 42"),
    "concurrentiedialoog": (LAW, "art. 39"),
    "innovatiepartnerschap": (LAW, "art. 40"),
    # The Belgian article that transposes art. 70 could not be read: the rule cites the directive.
    "uitvoeringsvoorwaarden": (DIRECTIVE, "art. 70"),
    "wijziging-lopende-opdracht": (KB_EXECUTION, "art. 38/2, 38/4, 38/5 en 38/9"),
    # Whether and where the Belgian law uses the option of art. 20 could not be read: the rule cites the directive.
    "voorbehouden-opdrachten": (DIRECTIVE, "art. 20"),
    "herverwerking-europa": ("Verordening (EU) 2017/745 betreffende medische hulpmiddelen (geconsolideerde versie)",
                             "art. 17"),
    "herverwerking-belgie": ("FAGG, toelichting bij de Wet van 22 december 2020 betreffende medische hulpmiddelen",
                             "deel 1 (Algemene informatie)"),
    "sterilisatie": ("Hoge Gezondheidsraad, 'Goede praktijken voor het beheer van medische hulpmiddelen voor "
                     "meermalig gebruik'", "advies 9682"),
    "textielbehandeling": ("Hoge Gezondheidsraad, 'Aanbevelingen inzake de behandeling van het textiel van "
                           "zorginstellingen'", "advies 9444"),
}


def article_mismatches(rules, expected=EXPECTED) -> list[str]:
    """What differs between the rules and the list above, one line per rule, in Dutch."""
    got = {r.id: (" ".join(r.entry.bron.split()), " ".join(r.entry.artikel.split())) for r in rules}
    problems = [f"regel '{i}' staat niet in de lijst EXPECTED: lees de officiële tekst na en voeg ze toe"
                for i in got.keys() - expected.keys()]
    problems += [f"regel '{i}' uit de lijst EXPECTED ontbreekt in data/regels.yml" for i in expected.keys() - got.keys()]
    problems += [f"regel '{i}': bron en artikel zijn {got[i]!r}, de lijst zegt {expected[i]!r}"
                 for i in sorted(got.keys() & expected.keys()) if got[i] != expected[i]]
    return problems


def html_of(site, item) -> str:
    return (site / (item.page[:-3] + ".html")).read_text(encoding="utf-8")


def test_every_rule_has_an_official_source_and_an_article():
    assert len(RULES) >= 6
    for rule in RULES:
        e = rule.entry
        parts = urlsplit(e.url)
        assert parts.scheme == "https" and parts.hostname in OFFICIAL_HOSTS, (rule.id, e.url)
        assert re.search(r"\d", e.artikel) and e.bron.strip(), rule.id


def test_the_rules_the_issue_asks_for_are_there():
    """Who is bound, market consultation, award on more than price, reprocessing (EU and Belgium),
    and the rules of issue 23 that could be confirmed in an official text."""
    ids = {r.id for r in RULES}
    assert {"aanbestedende-overheid", "marktconsultatie", "gunningscriteria", "herverwerking-europa",
            "herverwerking-belgie", "levenscycluskosten", "opdracht-beperkte-waarde", "varianten",
            "onderhandelingsprocedure-zonder-bekendmaking", "concurrentiedialoog", "innovatiepartnerschap",
            "textielbehandeling", "labels", "testverslagen", "uitvoeringsvoorwaarden",
            "wijziging-lopende-opdracht", "voorbehouden-opdrachten"} <= ids, ids


def test_each_rule_cites_the_article_kept_in_the_list():
    problems = article_mismatches(RULES)
    assert not problems, "\n".join(problems)
    assert len(EXPECTED) == len(RULES) >= 19


def test_a_renumbered_or_new_rule_is_caught(tmp_path):
    """Plant the faults the list is for, in a copy of the real data: a renumbered article, another
    source, a rule nobody put in the list, a rule that disappeared."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    edit(data / "regels.yml", "  artikel: art. 92\n", "  artikel: art. 93\n")
    edit(data / "regels.yml", "  bron: Verordening (EU) 2017/745 betreffende medische hulpmiddelen (geconsolideerde versie)\n",
         "  bron: Verordening (EU) 2017/746 betreffende medische hulpmiddelen (geconsolideerde versie)\n")
    problems = article_mismatches(load(data).all("regel"))
    assert len(problems) == 2, problems
    assert "opdracht-beperkte-waarde" in problems[1] and "art. 93" in problems[1], problems
    assert "herverwerking-europa" in problems[0] and "2017/746" in problems[0], problems
    extra = {**EXPECTED, "verdwenen": (LAW, "art. 1")}
    del extra["varianten"]
    problems = article_mismatches(RULES, extra)
    assert any("'varianten' staat niet in de lijst" in p for p in problems), problems
    assert any("'verdwenen' uit de lijst EXPECTED ontbreekt" in p for p in problems), problems


TRANSPOSED_BY = re.compile(r"wet\s+van\s+17\s+juni\s+2016", re.I)


def untransposed_directive_rules(rules) -> list[str]:
    """Rules written on a directive article because the Belgian one could not be read: their text must
    still tell the reader that the Belgian law transposed the directive (issue 23), one id per miss."""
    directive_rules = [r for r in rules if r.entry.bron.startswith("Richtlijn ")]
    assert directive_rules, "geen enkele regel steunt op een richtlijn: de controle keek nergens naar"
    print(f"{len(directive_rules)} regel(s) op een richtlijn nagekeken")
    return [r.id for r in directive_rules
            if not TRANSPOSED_BY.search(f"{r.entry.samenvatting} {r.entry.toepassing or ''}")]


def test_a_rule_on_a_directive_says_belgium_transposed_it():
    assert untransposed_directive_rules(RULES) == []
    # Plant the fault on a copy of a real directive rule: the sentence about the Belgian law is gone.
    rule = next(r for r in RULES if r.entry.bron.startswith("Richtlijn "))
    entry = rule.entry.model_copy(update={field: TRANSPOSED_BY.sub("wet", getattr(rule.entry, field) or "")
                                          for field in ("samenvatting", "toepassing")})
    assert untransposed_directive_rules([SimpleNamespace(id=rule.id, entry=entry)]) == [rule.id]


def test_the_link_text_names_the_article_once():
    """The link reads "source, article": the article must not be part of the source as well
    (it read "advies 9682 ..., advies 9682")."""
    for rule in RULES:
        assert rule.entry.artikel.casefold() not in rule.entry.bron.casefold(), (rule.id, rule.entry.bron)


def test_every_rule_plays_a_part_somewhere():
    for rule in RULES:
        where = [CATALOG.related(rule, kind) for kind in ("stap", "strategie", "valkuil")]
        assert any(where), f"regel '{rule.id}' hoort bij geen enkele stap, strategie of valkuil"


def test_rules_page_lists_every_rule_with_its_official_text(site):
    html = (site / "regelgeving.html").read_text(encoding="utf-8")
    text = page_text(site / "regelgeving.html")
    assert "Geen juridisch advies" in text
    for rule in RULES:
        start = html.index(f'id="{rule.id}"')
        section = html[start:html.find("<h2", start + 1)]
        label = "Officiële tekst" if rule.entry.officiele_tekst else "Toelichting van de overheid"
        official = re.search(rf"<strong>{label}:</strong> <a href=\"([^\"]+)\">([^<]+)</a>", section)
        assert official and unescape(official.group(1)) == rule.entry.url, rule.id
        assert rule.entry.artikel in unescape(official.group(2)), rule.id


def blocks(html: str) -> list[str]:
    return re.findall(r'<div class="regelgeving">(.*?)</div>', html, re.S)


def test_each_rule_shows_in_a_block_on_the_pages_it_links(site):
    """Declared once in regels.yml, shown on the step, pitfall, theme and the strategy's ambition page."""
    checked = 0
    for rule in RULES:
        for kind in ("stap", "strategie", "valkuil", "thema"):
            for other in CATALOG.related(rule, kind):
                html = html_of(site, other)
                found = [b for b in blocks(html) if f'regelgeving.html#{rule.id}"' in b]
                assert found, (rule.id, other.key)
                block = found[0]
                assert re.search(r"<h[23][^>]*>Wat zegt de regelgeving\?", block), (rule.id, other.key)
                assert "Geen juridisch advies" in block, (rule.id, other.key)
                assert f'href="{rule.entry.url}"'.replace("&", "&amp;") in block, (rule.id, other.key)
                item = block[block.index(f'regelgeving.html#{rule.id}"'):]
                item = item[:item.find("</li>")]
                # A government's explanation is not the law: the block says so where the link goes to one.
                assert ("(een toelichting, niet de wettekst zelf)" in item) == (not rule.entry.officiele_tekst), \
                    (rule.id, other.key)
                if kind == "strategie":  # under the strategy's own heading, before the next strategy
                    start = html.index(f'id="{other.id}"')
                    end = html.find("<h2", start + 1)
                    assert html.index(block) > start and (end < 0 or html.index(block) < end), (rule.id, other.id)
                checked += 1
    assert checked >= 10


def test_a_page_without_rules_has_no_block(site):
    linked = {other.page for rule in RULES for kind in ("stap", "valkuil", "thema")
              for other in CATALOG.related(rule, kind)}
    unlinked = [i for kind in ("stap", "valkuil", "thema") for i in CATALOG.all(kind) if i.page not in linked]
    assert unlinked
    for item in unlinked:
        assert not blocks(html_of(site, item)), item.key


# --- validation, on the fixture data ------------------------------------------------------


def edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture changed: {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def only_problem(data_dir) -> str:
    with pytest.raises(DataError) as info:
        load(data_dir)
    assert len(info.value.problems) == 1, info.value.problems
    return str(info.value.problems[0])


@pytest.mark.parametrize("url", ["https://www.advocaat.be/blog/marktconsultatie", "http://www.ejustice.just.fgov.be/x",
                                 "https://ejustice.just.fgov.be.voorbeeld.com/wet"])
def test_a_rule_on_a_non_official_host_is_refused(data_dir, url):
    edit(data_dir / "regels.yml", "  url: https://www.ejustice.just.fgov.be/eli/wet/2016/06/17/2016021053/justel",
         f"  url: {url}")
    msg = only_problem(data_dir)
    assert msg.startswith("data/regels.yml, regel 6, item 'regel-een' (nr. 1), veld 'url': "), msg  # the line of the field
    assert "geen officiële bron" in msg and "www.ejustice.just.fgov.be" in msg and "eur-lex.europa.eu" in msg, msg


def test_a_rule_without_an_article_number_is_refused(data_dir):
    edit(data_dir / "regels.yml", "  artikel: art. 51", "  artikel: het artikel over marktconsultatie")
    msg = only_problem(data_dir)
    assert "item 'regel-een'" in msg and "veld 'artikel'" in msg and "'art. 51'" in msg, msg


def test_a_rule_without_source_or_link_is_refused(data_dir):
    edit(data_dir / "regels.yml", "  url: https://www.ejustice.just.fgov.be/eli/wet/2016/06/17/2016021053/justel\n", "")
    msg = only_problem(data_dir)
    assert "item 'regel-een'" in msg and "veld 'url'" in msg and "ontbreekt" in msg, msg
