"""Every output well-formed (issue 21, section 6): the build itself checks feed.xml, the open data and the
print page before it publishes them (macros/uitvoer.py, the hooks), and stops with a Dutch message on a
broken one. Each check passes the real site's files, fails on a planted fault of its own kind, and the
build logs how much it looked at."""
from __future__ import annotations

import copy
import csv
import importlib.util
import io
import json
import random
import re
from pathlib import Path
from types import SimpleNamespace

import jsonschema
import pytest
from mkdocs.exceptions import PluginError

from conftest import ROOT, mkdocs_build
from macros import uitvoer


def hook(name: str):
    spec = importlib.util.spec_from_file_location(f"hook_{name}", ROOT / "overrides" / "hooks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def open_data(site: Path) -> dict[str, str]:
    return {f"open-data/{p.name}": p.read_text(encoding="utf-8") for p in sorted((site / "open-data").iterdir())}


# --- feed.xml --------------------------------------------------------------------------------------------


def test_the_real_feed_passes_with_one_item_per_note(site):
    import yaml

    notes = yaml.safe_load((ROOT / "data" / "wijzigingen.yml").read_text(encoding="utf-8")) or []
    assert uitvoer.check_feed((site / "feed.xml").read_bytes()) == len(notes) > 0


@pytest.mark.parametrize("fault,says", [
    (lambda t: t.replace("</title>", "\ufffe</title>", 1), "bevat een teken dat geen enkel bestandsformaat mag bevatten (U+FFFE"),
    (lambda t: t.replace("</title>", "\x01</title>", 1), "(U+0001"),
    (lambda t: t.replace("</title>", "", 1), "is geen geldige XML (regel"),
    (lambda t: re.sub(r"<id>[^<]*</id>", "", t, count=1), "volgt het schema van Atom (RFC 4287) niet"),
    (lambda t: t.replace("<entry>", "<entry><onbekend/>", 1), "volgt het schema van Atom (RFC 4287) niet"),
])
def test_a_broken_feed_is_refused_in_dutch(site, fault, says):
    text = (site / "feed.xml").read_text(encoding="utf-8")
    broken = fault(text)
    assert broken != text
    with pytest.raises(uitvoer.OutputError) as info:
        uitvoer.check_feed(broken.encode("utf-8", "surrogatepass"))
    assert str(info.value).startswith("feed.xml: ") and says in str(info.value), str(info.value)
    assert "Meld het aan de ontwikkelaars" in str(info.value)


def test_a_feed_with_two_items_of_one_id_or_an_empty_title_is_refused(site):
    text = (site / "feed.xml").read_text(encoding="utf-8")
    first = re.search(r"<entry>.*?</entry>", text, re.S).group(0)
    with pytest.raises(uitvoer.OutputError, match="staat er twee keer in"):
        uitvoer.check_feed(text.replace(first, first + first, 1).encode("utf-8"))
    entry_title = re.search(r"(<entry>\s*<id>[^<]*</id>\s*<title>)[^<]*(</title>)", text)
    with pytest.raises(uitvoer.OutputError, match="heeft geen titel"):
        uitvoer.check_feed(text.replace(entry_title.group(0), entry_title.group(1) + " " + entry_title.group(2), 1).encode())


def test_the_build_stops_on_a_feed_that_the_data_check_let_through(monkeypatch):
    """The hook, as the build runs it: a note whose text no XML can hold (here made past the data check)."""
    from macros.model import Wijziging
    from macros.wijzigingen import Changelog, Note

    wijzigingen = hook("wijzigingen")
    note = Note(Wijziging.model_construct(id="kapot", datum=__import__("datetime").date(2026, 1, 1), titel="Titel \ufffe",
                                          wat="Wat.", waarom="Waarom.", items=[], paginas=[], hele_gids=True), "x", 1, 0)
    monkeypatch.setitem(wijzigingen._state, "changelog", Changelog([note], []))
    monkeypatch.setitem(wijzigingen._state, "fallback_date", __import__("datetime").date(2026, 1, 1))
    config = SimpleNamespace(site_url="https://example.org/", site_name="Site", copyright="")
    with pytest.raises(PluginError) as info:
        wijzigingen.on_files([], config)
    assert str(info.value).startswith("feed.xml: bevat een teken") and "U+FFFE" in str(info.value)


# --- the open data ---------------------------------------------------------------------------------------


def test_the_real_open_data_passes_and_every_file_is_counted(site):
    files = open_data(site)
    counts = uitvoer.check_open_data(files)
    collections = [name for name in files if name.endswith(".csv")]
    assert counts["json"] == counts["csv"] == len(collections) > 0
    records = sum(len(json.loads(files[name[:-4] + ".json"])["items"]) for name in collections)
    assert counts["records"] == counts["rows"] == records > 0
    assert counts["json"] + counts["csv"] + counts["other"] == len(files)


def _first(files: dict, suffix: str) -> str:
    return next(name for name in files if name.endswith(suffix) and not name.endswith(".schema.json")
                and "datapackage" not in name)


@pytest.mark.parametrize("fault,says", [
    ("nan", "bevat NaN, dat geen geldige JSON is"),
    ("extra-field", "past niet bij zijn gepubliceerde schema"),
    ("wrong-type", "past niet bij zijn gepubliceerde schema"),
    ("surrogate", "(U+D800"),
    ("csv-cell", "cellen, de kop"),
    ("csv-header", "de eerste regel noemt andere kolommen"),
    ("csv-row-missing", "rijen, maar de collectie"),
    ("unknown-file", "een onbekend soort bestand"),
])
def test_broken_open_data_is_refused_in_dutch(site, fault, says):
    files = open_data(site)
    json_name, csv_name = _first(files, ".json"), _first(files, ".csv")
    doc = json.loads(files[json_name])
    if fault == "nan":
        files[json_name] = files[json_name].replace('"aantal": ', '"aantal": NaN, "x": ', 1)
    elif fault in ("extra-field", "wrong-type"):
        record = doc["items"][0]
        if fault == "extra-field":
            record["onbekend"] = 1
        else:
            record["id"] = 5
        files[json_name] = json.dumps(doc, ensure_ascii=False)
    elif fault == "surrogate":
        files[json_name] = files[json_name].replace('"items": [', '"x": "\ud800", "items": [', 1)
    elif fault.startswith("csv-"):
        rows = list(csv.reader(io.StringIO(files[csv_name].lstrip("\ufeff"), newline="")))
        if fault == "csv-cell":
            rows[1].append("extra")
        elif fault == "csv-header":
            rows[0][0] = "ident"
        else:
            rows = rows[:-1]
        out = io.StringIO()
        csv.writer(out, lineterminator="\r\n").writerows(rows)
        files[csv_name] = "\ufeff" + out.getvalue()
    elif fault == "unknown-file":
        files["open-data/leesmij.txt"] = "x"
    with pytest.raises(uitvoer.OutputError) as info:
        uitvoer.check_open_data(files)
    assert says in str(info.value) and "Meld het aan de ontwikkelaars" in str(info.value), str(info.value)


def test_the_compiled_schema_check_agrees_with_jsonschema(site):
    """On every collection, the real document and 300 broken copies each: the same verdict."""
    files = open_data(site)
    rng = random.Random(21)
    checked = 0
    for name in sorted(files):
        if not name.endswith(".schema.json"):
            continue
        schema = json.loads(files[name])
        doc = json.loads(files[name.replace(".schema.json", ".json")])
        if not doc["items"]:
            continue
        validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
        compiled = uitvoer.SchemaCheck(schema)
        assert compiled.errors(doc) == [] and not list(validator.iter_errors(doc))
        for _ in range(300):
            broken = copy.deepcopy(doc)
            record = rng.choice(broken["items"])
            key = rng.choice(list(record))
            change = rng.randrange(9)
            if change == 0:
                del record[key]
            elif change == 1:
                record["onbekend"] = 1
            elif change == 2:
                record[key] = 5
            elif change == 3:
                record[key] = None
            elif change == 4:
                record[key] = ["x"]
            elif change == 5:
                record[key] = "x" * 6000
            elif change == 6:
                record[key] = "2026-02-30"
            elif change == 7:
                record[key] = ""
            else:
                broken["aantal"] = "twee"
            assert bool(compiled.errors(broken)) == bool(list(validator.iter_errors(broken))), (name, key, change)
            checked += 1
    assert checked >= 300


def test_a_schema_with_a_keyword_the_compiled_check_does_not_know_goes_to_jsonschema():
    schema = {"type": "object", "properties": {"n": {"type": "integer", "multipleOf": 5}}}
    with pytest.raises(uitvoer.Unsupported):
        uitvoer.SchemaCheck(schema)
    assert uitvoer.schema_errors({"n": 10}, schema) == []
    assert uitvoer.schema_errors({"n": 11}, schema)


def test_the_build_stops_on_open_data_that_is_broken(monkeypatch):
    from macros import opendata

    hulpmiddelen = hook("hulpmiddelen")
    real = opendata.build_files

    def broken(*args, **kwargs):
        files = real(*args, **kwargs)
        name = next(n for n in files if n.endswith(".csv"))
        files[name] += "een,rij,te,veel\r\n"
        return files

    monkeypatch.setattr(opendata, "build_files", broken)
    config = SimpleNamespace(config_file_path=str(ROOT / "mkdocs.yml"), site_url="https://example.org/",
                             extra={"edition": {"version": "v2026.01", "date": "2026-01-01"}})
    with pytest.raises(PluginError) as info:
        hulpmiddelen.on_files(SimpleNamespace(get_file_from_path=lambda p: None, append=lambda f: None), config)
    assert str(info.value).startswith("open-data/") and "cellen, de kop" in str(info.value), str(info.value)


# --- the print page --------------------------------------------------------------------------------------


def test_the_print_page_with_a_character_no_html_may_hold_stops_the_build(site):
    printpage = hook("printpage")
    html = (site / "afdrukken.html").read_text(encoding="utf-8")
    page = SimpleNamespace(file=SimpleNamespace(src_uri=printpage.SOURCE))
    assert printpage.on_post_page(html, page, None) == html
    with pytest.raises(PluginError) as info:
        printpage.on_post_page(html.replace("</h1>", "\uffff</h1>", 1), page, None)
    assert "De afdrukpagina (afdrukken.html) bevat een teken dat er niet in hoort (U+FFFF" in str(info.value)
    with pytest.raises(PluginError, match="de controle vond niets om na te kijken"):
        printpage.on_post_page("<html><body><p>leeg</p></body></html>", page, None)


def test_the_build_logs_what_it_checked(tmp_path):
    proc = mkdocs_build(ROOT, tmp_path / "site")
    assert proc.returncode == 0, proc.stderr[-3000:]
    log = proc.stderr
    feed = re.search(r"feed\.xml nagekeken: geldige Atom \(RFC 4287\), (\d+) items\.", log)
    data = re.search(r"Open data nagekeken: (\d+) collecties in JSON \((\d+) records, elk tegen zijn schema\), "
                     r"(\d+) in CSV \((\d+) rijen\)", log)
    printed = re.search(r"Afdrukpagina nagekeken: (\d+) ids uniek, (\d+) interne links met een doel\.", log)
    assert feed and data and printed, log[-3000:]
    assert int(feed.group(1)) > 0 and all(int(n) > 0 for n in data.groups()) and all(int(n) > 0 for n in printed.groups())


def test_without_its_schema_the_feed_check_says_how_to_make_it(site, tmp_path, monkeypatch):
    monkeypatch.setattr(uitvoer, "RNG_FILE", tmp_path / "atom.rng")
    uitvoer._relax_ng.cache_clear()
    try:
        with pytest.raises(uitvoer.OutputError, match=r"schemas/atom.rng ontbreekt of is kapot.*make schemas"):
            uitvoer.check_feed((site / "feed.xml").read_bytes())
    finally:
        uitvoer._relax_ng.cache_clear()
