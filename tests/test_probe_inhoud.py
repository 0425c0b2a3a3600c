"""Our own probe: payloads that are NOT in the corpus (tests/hostile_payloads.py), variants an attacker
would try next against pages, front matter, files and addresses. Kept apart on purpose, so that a fix
made to pass the corpus is still tried against something it was not written for."""
from __future__ import annotations

import os

import pytest

from conftest import ROOT
from macros import bestanden, sanitize
from macros import paginacontrole as pc

MACROS = pc.site_macros(ROOT)


def page_problems(text: str) -> list[str]:
    return [str(p) for p in pc.check_page(text, "docs/probe.md", MACROS, {"Textiel"})]


@pytest.mark.parametrize("text", [
    "# T\n\n{{bronnen_lijst ()}}\n",  # a space before the parenthesis
    "# T\n\n```\n{{ cycler.__init__ }}\n```\n",  # inside a code block mkdocs-macros renders it all the same
    "# T\n\n{{ aantal(1e9) }}\n",
    "# T\n\n{{ aantal(bron) }}\n",  # a variable, not a literal
    "# T\n\n{{ aantal('bron', 'x') }}\n",
    "# T\n\n{{ aantal('bron')|e }}\n",
    "# T\n\n{{ aantal('bron') }}{{ lipsum }}\n",
    "# T\n\n{{\naantal('bron') }}\n",  # a line break inside
    "# T\n\n{{ _ }}\n",
    "# T\n\n{{ self }}\n",
    "# T\n\n{{% raw %}}\n",
    "# T\n\n<!-- {{ config }} -->\n",  # an HTML comment does not hide it from Jinja
    "# T\n\n[link]({{ config.site_url }})\n",
])
def test_jinja_variants_are_refused(text):
    found = page_problems(text)
    assert found and all(f.startswith("docs/probe.md, regel ") for f in found), found


def test_lookalike_braces_are_text():
    """Full-width braces and a lone brace are no Jinja: nothing to refuse, nothing rendered."""
    assert page_problems("# T\n\n｛｛ config ｝｝ en { config } en }} en {x}\n") == []


@pytest.mark.parametrize("front,says", [
    ("title: !!python/object/apply:os.system ['id']", "regel 2"),
    ("hide: toc", "verwacht een lijst"),
    ("Title: Hoofdletter", "niet toegelaten"),
    ("description: \"Met een\\u202eomgekeerde tekst\"", "onzichtbaar stuurteken"),
    ("title: \"\"", "mag niet leeg zijn"),
    ("tags: [Textiel, Textiel2]", "is geen thema"),
    ("scripts: [assets/javascripts/aankoopwijzer.js?x=1]", "is geen script van de site"),
    ("scripts: ['assets/javascripts/../javascripts/aankoopwijzer.js']", "is geen script van de site"),
    ("search: {boost: 1000}", "niet toegelaten"),
    ("title: a\ntitle: b", "twee keer"),
])
def test_front_matter_variants_are_refused(front, says):
    found = page_problems(f"---\n{front}\n---\n\n# T\n")
    assert found and any(says in f for f in found), found


def test_a_byte_order_mark_changes_nothing():
    assert page_problems("---\ntitle: Gewoon\n---\n\n# T\n") == []


@pytest.mark.parametrize("html,gone", [
    ('<a href="java&#x0A;script:alert(1)">x</a>', "javascript"),
    ('<a href="&#x2F;&#x5C;evil.example">x</a>', "evil.example"),
    ('<div data-md-component="search-share">x</div>', "data-md-component"),
    ('<input name="__tabbed_1_1" type="radio">', "__tabbed"),
    ('<p aria-labelledby="gewoon __search">x</p>', "__search"),
    ('<p class="md-search-result__item">x</p>', "md-search"),
    ('<h2 id="__toc">x</h2>', "__toc"),
    ('<pre><code class="highlight annotate">x</code></pre>', "annotate"),
    ('<a href="mailto:a@voorbeeld.be?Subject=x&amp;CC=b@evil.example">x</a>', "evil.example"),
    ('<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>', "javascript"),
    ('<svg><image href="https://evil.example/p.png"/></svg>', "evil.example"),
])
def test_sanitiser_variants(html, gone):
    assert gone not in sanitize.clean(html), sanitize.clean(html)


def test_file_variants(tmp_path):
    (tmp_path / "docs" / "assets" / "images").mkdir(parents=True)
    (tmp_path / "data").mkdir()
    # a link to a folder inside the repository is still a link
    os.symlink("../../data", tmp_path / "docs" / "assets" / "gegevens")
    # an SVG whose <use> points at a data: address, one with upper-case HTML-like content, one in UTF-16
    svg = '<svg xmlns="http://www.w3.org/2000/svg">{}</svg>'
    (tmp_path / "docs" / "assets" / "images" / "a.svg").write_text(svg.format('<use href="data:image/svg+xml,x"/>'))
    (tmp_path / "docs" / "assets" / "images" / "b.SVG").write_text(svg.format("<SCRIPT>alert(1)</SCRIPT>"))
    (tmp_path / "docs" / "assets" / "images" / "c.svg").write_bytes(svg.format("<script>1</script>").encode("utf-16"))
    (tmp_path / "docs" / "x.HTM").write_text("<p>x</p>")
    seen, problems = bestanden.check_tree(tmp_path, tmp_path / "docs", tmp_path / "data")
    found = sorted(p.file for p in problems)
    assert found == ["docs/assets/gegevens", "docs/assets/images/a.svg", "docs/assets/images/b.SVG",
                     "docs/assets/images/c.svg", "docs/x.HTM"], problems
