"""Our own scripts and stylesheets are published minified (tools/verkleinen.py), and a minifier fault
stops the build instead of publishing a broken or empty file."""
from __future__ import annotations

import gzip
import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import verkleinen  # noqa: E402  (tools/verkleinen.py)


def test_own_scripts_and_styles_are_published_minified(site):
    files = verkleinen.own_files(site, ROOT / "docs")
    assert len(files) >= 10, [f.name for f in files]  # it looked: the site's own scripts and stylesheets
    before = after = 0
    for built in files:
        source = (ROOT / "docs" / built.relative_to(site)).read_text(encoding="utf-8")
        text = built.read_text(encoding="utf-8")
        assert len(text) < len(source), built
        assert "/*" not in text.replace("/*!", ""), f"{built.relative_to(site)} still holds a comment"
        before += len(gzip.compress(source.encode()))
        after += len(gzip.compress(text.encode()))
    print(f"verkleind: {len(files)} bestanden, gzip {before} -> {after} bytes")
    assert after < before * 0.8


def test_a_minifier_that_empties_a_file_stops_the_build(tmp_path, monkeypatch):
    docs, site = tmp_path / "docs", tmp_path / "site"
    for root in (docs, site):
        (root / "assets/javascripts").mkdir(parents=True)
        (root / "assets/javascripts/a.js").write_text("/* why */\nvar a = 1;\n", encoding="utf-8")
    assert verkleinen.minify(site, docs).files == 1
    assert (site / "assets/javascripts/a.js").read_text(encoding="utf-8") == "var a=1;"
    monkeypatch.setitem(verkleinen.MINIFIERS, ".js", lambda text: "")
    with pytest.raises(ValueError, match="a.js"):
        verkleinen.minify(site, docs)
