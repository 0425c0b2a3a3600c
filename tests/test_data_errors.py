"""Every kind of bad input stops the build with one message naming file, entry, field and the fix."""
from __future__ import annotations

from pathlib import Path

import pytest

from macros.catalog import load
from macros.errors import DataError


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture changed: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems(data_dir: Path) -> list[str]:
    with pytest.raises(DataError) as info:
        load(data_dir)
    return [str(p) for p in info.value.problems]


def only(data_dir: Path) -> str:
    found = problems(data_dir)
    assert len(found) == 1, found
    return found[0]


def test_fixture_is_valid(data_dir):
    catalog = load(data_dir)
    assert len(catalog.all("stap")) == 2


def test_yaml_syntax_error_names_file_and_line(data_dir):
    edit(data_dir / "bronnen.yml", "  soort: label\n", "  soort: [label\n")
    msg = only(data_dir)
    assert msg.startswith("data/bronnen.yml, regel ")
    line = int(msg.split("regel ")[1].split(",")[0].split(":")[0])
    assert line in (13, 14), msg  # the unclosed "[" is on line 13; YAML notices on 14
    assert "YAML-syntaxfout" in msg and "inspringing" in msg


def test_missing_required_field(data_dir):
    edit(data_dir / "bronnen.yml", "  uitgever: Labelorganisatie\n", "")
    msg = only(data_dir)
    assert "data/bronnen.yml" in msg and "item 'label' (nr. 2)" in msg and "veld 'uitgever'" in msg
    assert "ontbreekt" in msg and "uitgever:" in msg


def test_wrong_type(data_dir):
    edit(data_dir / "stappen.yml", "  te_doen:\n    - Evalueer.\n", "  te_doen: Evalueer.\n")
    msg = only(data_dir)
    assert "data/stappen.yml" in msg and "item 'tweede' (nr. 2)" in msg and "veld 'te_doen'" in msg
    assert "verwacht een lijst" in msg


def test_wrong_type_number(data_dir):
    edit(data_dir / "stappen.yml", "  nummer: 2\n", "  nummer: twee\n")
    msg = only(data_dir)
    assert "item 'tweede' (nr. 2)" in msg and "veld 'nummer'" in msg and "geheel getal" in msg


def test_unknown_field_suggests_the_right_one(data_dir):
    edit(data_dir / "voorbeelden.yml", "  organisatie:", "  organisatei:")
    found = problems(data_dir)
    unknown = [m for m in found if "onbekend veld" in m]
    assert len(unknown) == 1, found
    assert "data/voorbeelden.yml" in unknown[0] and "item 'voorbeeld-een'" in unknown[0]
    assert "veld 'organisatei'" in unknown[0] and "Bedoelde je 'organisatie'?" in unknown[0]


def test_unknown_field_in_nested_strategy(data_dir):
    edit(data_dir / "ambities.yml", "      beschrijving: Deel", "      beschrijvng: Deel")
    found = problems(data_dir)
    # The strategy is named, with its own field: an editor finds it without counting strategies.
    assert any("strategie 'delen', veld 'beschrijvng'" in m and "Bedoelde je 'beschrijving'?" in m for m in found), found


def test_duplicate_id(data_dir):
    edit(data_dir / "bronnen.yml", "- id: label\n", "- id: tool\n")
    msg = only(data_dir)
    assert "data/bronnen.yml" in msg and "item 'tool' (nr. 2)" in msg and "veld 'id'" in msg
    assert "al gebruikt (regel 1)" in msg


def test_unknown_reference_names_closest_id(data_dir):
    edit(data_dir / "valkuilen.yml", "  bronnen: [tool]", "  bronnen: [tol]")
    msg = only(data_dir)
    assert "data/valkuilen.yml" in msg and "item 'valkuil-een'" in msg and "veld 'bronnen'" in msg
    assert "onbekende bron 'tol'" in msg and "Bedoelde je 'tool'?" in msg


def test_unknown_reference_inside_markdown_link(data_dir):
    edit(data_dir / "stappen.yml", "(bron:tool)", "(bron:toool)")
    msg = only(data_dir)
    assert "item 'eerste'" in msg and "veld 'samenvatting'" in msg and "Bedoelde je 'tool'?" in msg


@pytest.mark.parametrize("url, says", [
    ("www.example.org/x", "geen volledig webadres"),
    ("ftp://example.org/x", "geen volledig webadres"),
    ("https://", "geen volledig webadres"),
    ("https://example.org/a b", "bevat een spatie"),
    ("'https://example.org/a\"'", "bevat '\"'"),
])
def test_malformed_url(data_dir, url, says):
    edit(data_dir / "bronnen.yml", "  url: https://example.org/tool", f"  url: {url}")
    msg = only(data_dir)
    assert "data/bronnen.yml" in msg and "item 'tool' (nr. 1)" in msg and "veld 'url'" in msg
    assert says in msg and "https://" in msg


def test_empty_text(data_dir):
    edit(data_dir / "themas.yml", "  naam: Textiel", "  naam: '  '")
    msg = only(data_dir)
    assert "data/themas.yml" in msg and "item 'textiel'" in msg and "veld 'naam'" in msg and "mag niet leeg" in msg


def test_empty_checklist(data_dir):
    edit(data_dir / "stappen.yml", "  te_doen:\n    - Evalueer.\n", "  te_doen: []\n")
    msg = only(data_dir)
    assert "item 'tweede'" in msg and "veld 'te_doen'" in msg and "minstens één" in msg


def test_raw_html_in_markdown_is_refused(data_dir):
    edit(data_dir / "themas.yml", "Linnen en werkkledij.", "<script>alert(1)</script>")
    msg = only(data_dir)
    assert "item 'textiel'" in msg and "veld 'beschrijving'" in msg and "HTML" in msg


def test_bad_id(data_dir):
    edit(data_dir / "themas.yml", "- id: textiel", "- id: Textiel Producten")
    found = problems(data_dir)
    assert any("veld 'id'" in m and "kleine letters" in m for m in found), found


def test_wrong_choice(data_dir):
    edit(data_dir / "bronnen.yml", "  soort: label", "  soort: etiket")
    msg = only(data_dir)
    assert "item 'label'" in msg and "veld 'soort'" in msg and "'criteriatool'" in msg


def test_retired_field_says_it_is_no_longer_used(data_dir):
    """Editors once typed a check date; the weekly link check records it now."""
    edit(data_dir / "bronnen.yml", "  themas: [textiel]", "  gecontroleerd: 2026-11-01\n  themas: [textiel]")
    msg = only(data_dir)
    assert msg.startswith("data/bronnen.yml, regel 15, item 'label' (nr. 2), veld 'gecontroleerd': "), msg
    assert "niet meer gebruikt" in msg and "linkcontrole" in msg and "Verwijder deze regel" in msg
    assert "onbekend veld" not in msg


@pytest.mark.parametrize("content,expected", [
    ("{niet: json", "kan het bestand niet lezen"),
    ('{"adressen": ["https://example.org/tool"]}', "verwacht een veld 'adressen'"),
    ('{"adressen": {"https://example.org/tool": "gisteren"}}', "'gisteren' is geen datum als JJJJ-MM-DD"),
])
def test_broken_link_results_name_the_file_and_the_fix(data_dir, content, expected):
    (data_dir / "linkcontrole.json").write_text(content, encoding="utf-8")
    msg = only(data_dir)
    assert msg.startswith("data/linkcontrole.json: ") and expected in msg and "git checkout -- data/linkcontrole.json" in msg, msg


def test_duplicate_key(data_dir):
    edit(data_dir / "themas.yml", "  naam: Textiel\n", "  naam: Textiel\n  naam: Stof\n")
    msg = only(data_dir)
    assert "data/themas.yml" in msg and "regel 3" in msg and "veld 'naam'" in msg and "twee keer" in msg


def test_file_must_be_a_list(data_dir):
    (data_dir / "themas.yml").write_text("id: textiel\nnaam: Textiel\n", encoding="utf-8")
    msg = only(data_dir)
    assert msg.startswith("data/themas.yml") and "lijst van items" in msg


def test_step_numbers_without_gaps(data_dir):
    edit(data_dir / "stappen.yml", "  nummer: 2", "  nummer: 3")
    msg = only(data_dir)
    assert "item 'tweede'" in msg and "veld 'nummer'" in msg and "verwacht: 2" in msg


def test_every_problem_is_reported_at_once(data_dir):
    edit(data_dir / "themas.yml", "  naam: Textiel", "  naam: ''")
    edit(data_dir / "valkuilen.yml", "  bronnen: [tool]", "  bronnen: [tol]")
    found = problems(data_dir)
    assert len(found) == 2 and "data/themas.yml" in found[0] + found[1] and "data/valkuilen.yml" in found[0] + found[1]


def test_example_kind_and_setting_take_only_known_values(data_dir):
    """soort and voorzieningen of a practice example: a typo names the field and the valid choices."""
    edit(data_dir / "voorbeelden.yml", "  soort: beschreven\n", "  soort: beschrijving\n  voorzieningen: [ziekenhuizen]\n")
    found = problems(data_dir)
    assert len(found) == 2, found
    kind = next(m for m in found if "veld 'soort'" in m)
    assert "item 'voorbeeld-een'" in kind and "'beschrijving'" in kind and "'beschreven' of 'verwijzing'" in kind
    setting = next(m for m in found if "voorzieningen" in m)
    assert "'ziekenhuizen'" in setting and "'ziekenhuis'" in setting and "'woonzorgcentrum'" in setting


def test_example_kind_is_required(data_dir):
    edit(data_dir / "voorbeelden.yml", "  soort: beschreven\n", "")
    msg = only(data_dir)
    assert "item 'voorbeeld-een'" in msg and "veld 'soort'" in msg and "ontbreekt" in msg
