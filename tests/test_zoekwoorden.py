"""data/zoekwoorden.yml (macros/zoekwoorden.py): the buyer's search words, checked like every data file.

A mistake gets one Dutch line per problem naming the file, line, item and field, and the build stops
with it (no traceback); the real file passes, and every expansion names words the site has.
"""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, checked, html_text

sys.path.insert(0, str(ROOT))
from macros import zoekwoorden  # noqa: E402
from macros.errors import DataError  # noqa: E402


def load_text(tmp_path: Path, text: str):
    data = tmp_path / "data"
    data.mkdir(exist_ok=True)
    (data / "zoekwoorden.yml").write_text(text, encoding="utf-8")
    return zoekwoorden.load(data)


def problems(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_text(tmp_path, text)
    return [str(p) for p in caught.value.problems]


def test_the_real_file_loads_and_has_entries():
    words = zoekwoorden.load(ROOT / "data")
    assert len(words.zoekwoorden) >= 20 and words.vaak_gezocht
    checked(f"data/zoekwoorden.yml: {len(words.zoekwoorden)} items, {len(words.vaak_gezocht)} vaak gezochte onderwerpen")


def test_every_expansion_names_words_the_site_has(site):
    """An `ook` word that is on no page finds nothing: it would only pretend to help."""
    text = " ".join(html_text(p.read_text(encoding="utf-8")).lower() for p in site.rglob("*.html")
                    if p.name != "afdrukken.html")
    words = set(re.findall(r"\w+", text))
    missing = []
    for entry in zoekwoorden.load(ROOT / "data").zoekwoorden:
        for phrase in entry.ook:
            if not all(w.lower() in words or any(x.startswith(w.lower()) for x in words)
                       for w in re.findall(r"\w+", phrase) if len(w) >= 3):
                missing.append(f"{entry.zoekwoorden[0]}: {phrase}")
    assert not missing, missing


@pytest.mark.parametrize("text,says", [
    ("zoekwoorden:\n  - zoekwoorden: [a]\n    ook: [b]\n    waarom: x\n    extra: y\n",
     "data/zoekwoorden.yml, regel 5, item nr. 1, veld 'extra': dit veld bestaat niet"),
    ("zoekwoorden:\n  - zoekwoorden: [a]\n    ook: []\n    waarom: x\n",
     "data/zoekwoorden.yml, regel 3, item nr. 1, veld 'ook': deze lijst is leeg"),
    ("zoekwoorden:\n  - zoekwoorden: [a]\n    waarom: x\n",
     "item nr. 1, veld 'ook': dit verplichte veld ontbreekt"),
    ("vaak_gezocht: [matras, \"<b>XSS</b>\"]\n",
     "data/zoekwoorden.yml, regel 1, item onderwerp nr. 2, veld 'vaak_gezocht': bevat een teken"),
    ("zoekwoorden:\n  - zoekwoorden: [\"matras~1\"]\n    ook: [bed]\n    waarom: x\n",
     "veld 'zoekwoorden': bevat een teken"),
    ("- zoekwoorden: [a]\n", "verwacht twee lijsten"),
])
def test_a_mistake_gets_one_dutch_line_with_file_line_item_and_field(tmp_path, text, says):
    found = problems(tmp_path, text)
    assert any(says in line for line in found), found


def test_a_broken_file_stops_the_build_with_its_message(tmp_path):
    """The build's own path (overrides/hooks/search_nl.py): the message, no traceback, no English."""
    import shutil

    project = tmp_path / "p"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(".git", ".venv", "node_modules", "site", ".cache",
                                                                 "dist", ".site.tmp*"))
    (project / "data" / "zoekwoorden.yml").write_text("vaak_gezocht: [\"<b>x</b>\"]\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(tmp_path / "out")],
                          cwd=project, capture_output=True, text=True, timeout=300)
    assert proc.returncode != 0
    assert "data/zoekwoorden.yml, regel 1, item onderwerp nr. 1, veld 'vaak_gezocht': bevat een teken" in proc.stderr
    assert "Traceback" not in proc.stderr, proc.stderr[-2000:]
