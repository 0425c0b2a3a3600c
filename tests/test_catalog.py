"""Cross-references resolve, and every relation shows on both sides."""
from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT
from macros.catalog import load
from macros.errors import DataError
from macros.render import href, plain


def keys(items):
    return [i.key for i in items]


def test_relation_declared_once_shows_on_both_sides(data_dir):
    catalog = load(data_dir)
    pitfall = catalog.get("valkuil", "valkuil-een")
    tool = catalog.get("bron", "tool")
    # Declared on the pitfall only (valkuilen.yml: bronnen: [tool]) ...
    assert ("bron", "tool") in keys(catalog.related(pitfall, "bron"))
    # ... and shown on the resource without anyone editing bronnen.yml.
    assert ("valkuil", "valkuil-een") in keys(catalog.related(tool, "valkuil"))


def test_inline_markdown_link_counts_as_relation(data_dir):
    catalog = load(data_dir)
    tool = catalog.get("bron", "tool")
    # stappen.yml 'eerste' links [de bron](bron:tool) in its summary and lists it in bronnen.
    assert keys(catalog.related(tool, "stap")) == [("stap", "eerste")]


def test_strategy_belongs_to_its_ambition(data_dir):
    catalog = load(data_dir)
    strategy = catalog.get("strategie", "delen")
    assert strategy.parent.id == "minder"
    assert strategy.target == "ambities/minder.md#delen"
    assert keys(catalog.related(catalog.get("ambitie", "minder"), "strategie")) == [("strategie", "delen")]
    # The example declares the strategy; the strategy lists the example back.
    assert keys(catalog.related(strategy, "voorbeeld")) == [("voorbeeld", "voorbeeld-een")]


def test_entries_without_relations_have_none(data_dir):
    catalog = load(data_dir)
    assert catalog.related(catalog.get("bron", "label"), "valkuil") == []


def test_every_entry_has_a_stable_location(data_dir):
    catalog = load(data_dir)
    assert catalog.get("stap", "eerste").target == "stappen/eerste.md"
    assert catalog.get("bron", "tool").target == "bronnen.md#tool"
    assert catalog.get("begrip", "levenscyclusanalyse").target == "begrippen.md#levenscyclusanalyse"
    assert catalog.get("thema", "textiel").target == "themas/textiel.md"


def test_sorting(data_dir):
    catalog = load(data_dir)
    assert [i.id for i in catalog.all("stap")] == ["eerste", "tweede"]
    assert [i.id for i in catalog.all("bron")] == ["tool", "label"]  # by title: "Een criteriatool" < "Een label"


def test_relative_links():
    assert href("bronnen.md#tool", "stappen/eerste.md") == "../bronnen.md#tool"
    assert href("stappen/tweede.md", "stappen/eerste.md") == "tweede.md"
    assert href("bronnen.md#tool", "bronnen.md") == "#tool"
    assert href("ambities/minder.md", "index.md") == "ambities/minder.md"


def test_plain_text_is_escaped():
    assert plain("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert plain("a *b* [c]") == r"a \*b\* \[c\]"


def test_tooltips_cover_terms_and_aliases_as_whole_words(data_dir):
    from macros.tooltips import Glossary, annotate

    glossary = Glossary.of(load(data_dir))
    html = ("<p>Een LCA of een levenscyclusanalyse; Levenscyclusanalyse vooraan; geen LCAs, geen xLCA.</p>"
            "<pre><code>LCA</code></pre><p><abbr title=\"x\">LCA</abbr> <a href=\"#\">LCA</a></p>")
    out = annotate(html, glossary)
    title = 'title="Analyse van de milieu-impact over de hele levensloop."'
    assert out.count(f"<abbr {title}>LCA</abbr>") == 2  # in the text and in the link, not in code or in an abbr
    assert f"<abbr {title}>levenscyclusanalyse</abbr>" in out and f"<abbr {title}>Levenscyclusanalyse</abbr>" in out
    assert "geen LCAs, geen xLCA" in out and "<code>LCA</code>" in out and '<abbr title="x">LCA</abbr>' in out
    assert annotate("<p>a &lt; b</p>", glossary) == "<p>a &lt; b</p>"
    figure = '<figure class="f"><a href="#">LCA</a></figure><nav><a href="#">LCA</a></nav><p>LCA</p>'
    assert annotate(figure, glossary).count("<abbr") == 1



def test_tooltips_prefer_the_longest_form_among_many_that_share_words():
    """Forms that start alike (a grown glossary: "virgin", "virgin materialen", "virgin materialen 7",
    "virgin-materialen") are told apart by their words and by the text between them."""
    from types import SimpleNamespace

    from macros.tooltips import Glossary, annotate

    terms = [("virgin", "V"), ("virgin materialen", "VM"), ("virgin-materialen", "VK")]
    terms += [(f"virgin materialen {n}", f"VM{n}") for n in range(1, 40)]
    entries = [SimpleNamespace(entry=SimpleNamespace(term=term, aliassen=[], definitie=definition))
               for term, definition in terms]
    glossary = Glossary.of(SimpleNamespace(all=lambda kind: entries))
    out = annotate("<p>Virgin materialen 12, virgin-materialen, virgin  materialen, virgin materialen 400 "
                   "en virgin.</p>", glossary)
    assert out == ('<p><abbr title="VM12">Virgin materialen 12</abbr>, '
                   '<abbr title="VK">virgin-materialen</abbr>, '
                   '<abbr title="V">virgin</abbr>  materialen, '  # two spaces: not the form's text
                   '<abbr title="VM">virgin materialen</abbr> 400 en <abbr title="V">virgin</abbr>.</p>')



def test_core_does_not_import_mkdocs():
    code = ("import sys; import macros.catalog, macros.render, macros.model, macros.adapter; "
            "assert not [m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material', 'mkdocs_macros')], "
            "sorted(m for m in sys.modules if 'mkdocs' in m)")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_template_cache_never_fails_a_build(tmp_path, monkeypatch):
    """The compiled-template cache is an optimisation: a folder Jinja finds unsafe, or one that
    cannot be written, means compiling, not an error."""
    import jinja2

    from macros import render

    def unsafe(self):
        raise RuntimeError("Cannot determine safe temp directory.")

    monkeypatch.setattr(jinja2.FileSystemBytecodeCache, "_get_default_cache_dir", unsafe)
    assert render.bytecode_cache("md") is None

    gone = tmp_path / "cache"
    gone.mkdir()
    cache = render.BytecodeCache(str(gone))
    env = jinja2.Environment(loader=jinja2.DictLoader({"t": "{{ 1 + 1 }}"}), bytecode_cache=cache)
    assert env.get_template("t").render() == "2"
    assert list(gone.iterdir())  # written
    for f in gone.iterdir():
        f.unlink()
    gone.rmdir()
    env = jinja2.Environment(loader=jinja2.DictLoader({"t": "{{ 2 + 2 }}"}), bytecode_cache=cache)
    assert env.get_template("t").render() == "4"


def test_html_slots_take_their_place_in_the_page():
    """What the templates keep out of the Markdown (macros/render.py, SLOT) comes back where it was:
    inline in its paragraph, a block instead of the paragraph Markdown made around it."""
    from macros import render

    render.clear_slots()
    inline = render.slot('<strong>Zie ook:</strong> <a href="#a">a</a>')
    block = render.slot('<ul>\n<li><a href="#b">b</a></li>\n</ul>', block=True)
    html = f"<p>{inline}</p>\n<h2>Kop</h2>\n<p>{block}</p>"
    assert render.fill_slots(html, "docs/x.md") == ('<p><strong>Zie ook:</strong> <a href="#a">a</a></p>\n<h2>Kop</h2>\n'
                                                    '<ul>\n<li><a href="#b">b</a></li>\n</ul>')
    assert render.fill_slots("<p>gewone tekst</p>", "docs/x.md") == "<p>gewone tekst</p>"


def test_a_stray_slot_character_in_a_page_is_a_clear_error():
    from macros import render

    render.clear_slots()
    with pytest.raises(DataError) as caught:
        render.fill_slots("<p>tekst \x1ai3\x1a uit een ander programma</p>", "docs/over.md")
    message = str(caught.value)
    assert "docs/over.md: bevat een onzichtbaar teken (U+001A" in message and "Haal het weg" in message
