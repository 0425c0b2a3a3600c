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
    assert line in (12, 13), msg  # the unclosed "[" is on line 12; YAML notices on 13
    assert "YAML-syntaxfout: de waarde van 'soort' begint met '[', maar die wordt op deze regel niet gesloten met ']'" in msg


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
    ("{niet: json", "regel 1: het bestand is geen geldige JSON (kolom 2)"),
    ("[" * 100_000 + "]" * 100_000, "te diep genest"),
    ('{"adressen": {"https://example.org/tool": ' + "1" * 5000 + "}}", "een getal met te veel cijfers"),
    ('{"adressen": ["https://example.org/tool"]}', "verwacht een veld 'adressen'"),
    ('{"adressen": {"https://example.org/tool": "gisteren"}}', "'gisteren' is geen datum als JJJJ-MM-DD"),
])
def test_broken_link_results_name_the_file_and_the_fix(data_dir, content, expected):
    (data_dir / "linkcontrole.json").write_text(content, encoding="utf-8")
    msg = only(data_dir)
    assert msg.startswith("data/linkcontrole.json") and expected in msg and "git checkout -- data/linkcontrole.json" in msg, msg


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


# --- hostile or broken files (issue 10): refused with file, line and the fix, never a traceback ---

# 9 anchors x 9 aliases each: 9^9 (387 million) strings once expanded, in under 400 bytes.
ALIAS_BOMB = "".join(
    f"- &{chr(97 + i)} [" + ",".join([f"*{chr(96 + i)}"] * 9 if i else ["x"] * 9) + "]\n" for i in range(9)
)


def test_alias_bomb_is_refused_before_anything_is_expanded(data_dir, monkeypatch):
    import yaml

    import macros.yamlfile

    build = macros.yamlfile._build

    def guarded(text, *args):
        assert not any(isinstance(e, yaml.AliasEvent) for e in yaml.parse(text)), "an alias reached the builder"
        return build(text, *args)

    monkeypatch.setattr(macros.yamlfile, "_build", guarded)
    assert len(ALIAS_BOMB.encode()) < 400
    (data_dir / "themas.yml").write_text(ALIAS_BOMB, encoding="utf-8")
    found = problems(data_dir)
    bomb = [m for m in found if m.startswith("data/themas.yml")]
    assert bomb == ["data/themas.yml, regel 1, item nr. 1: YAML-ankers en -verwijzingen (&naam en *naam) zijn niet toegelaten in "
                    "de gegevens (ook op regel 2, 3, 4, 5, 6, 7, 8, 9). Schrijf de tekst voluit op elke plek waar hij "
                    "nodig is."], found


def test_single_anchor_and_alias_are_refused_too(data_dir):
    edit(data_dir / "themas.yml", "- id: textiel\n", "- &t\n  id: textiel\n")
    edit(data_dir / "stappen.yml", "- id: tweede\n", "- <<: *t\n  id: tweede\n")
    found = problems(data_dir)
    assert found[0].startswith("data/stappen.yml, regel 13, item 'tweede' (nr. 2), veld '<<': de waarde begint met "
                               "'*'. YAML leest dat als een anker"), found
    assert found[-1].startswith("data/themas.yml, regel 1, item 'textiel' (nr. 1): YAML-ankers en -verwijzingen"), found


def test_value_starting_with_an_ampersand(data_dir):
    edit(data_dir / "themas.yml", "  naam: Textiel\n", "  naam: &Textiel\n")
    assert only(data_dir) == ("data/themas.yml, regel 2, item 'textiel' (nr. 1), veld 'naam': de waarde begint met '&'. "
                              "YAML leest dat als een anker of een "
                              "verwijzing naar een ander stuk van het bestand, niet als tekst. Zet de hele waarde tussen "
                              "enkele aanhalingstekens: '&Textiel'.")


def test_value_starting_with_an_asterisk_is_explained_as_such(data_dir):
    edit(data_dir / "themas.yml", "  beschrijving: Linnen en werkkledij.", "  beschrijving: *Linnen* en werkkledij.")
    assert only(data_dir) == (
        "data/themas.yml, regel 3, item 'textiel' (nr. 1), veld 'beschrijving': YAML-syntaxfout: de waarde van "
        "'beschrijving' begint met '*': aan het begin van een waarde betekent dat een verwijzing (alias) in YAML, geen "
        "tekst. Zet de hele waarde tussen enkele aanhalingstekens: beschrijving: '*Linnen* en werkkledij.'")


def test_nesting_a_thousand_deep_is_refused_without_recursion_error(data_dir):
    (data_dir / "themas.yml").write_text("- id: textiel\n  naam: " + "[" * 1000 + "]" * 1000 + "\n", encoding="utf-8")
    msg = [m for m in problems(data_dir) if m.startswith("data/themas.yml")]
    assert msg == ["data/themas.yml, regel 2, item 'textiel' (nr. 1): de gegevens zijn hier meer dan 10 niveaus diep genest. Een item heeft "
                   "velden, lijsten en strategieën, niet meer: controleer de inspringing en de haakjes [ ] en { }."]


def test_file_over_the_size_limit_is_refused_unread(data_dir):
    from macros.yamlfile import MAX_BYTES

    text = (data_dir / "themas.yml").read_text(encoding="utf-8")
    (data_dir / "themas.yml").write_text(text + "# " + "x" * MAX_BYTES + "\n", encoding="utf-8")
    msg = [m for m in problems(data_dir) if m.startswith("data/themas.yml")]
    assert msg == [f"data/themas.yml: het bestand is {(MAX_BYTES + len(text) + 3) / 1_000_000:.1f} MB; een "
                   f"gegevensbestand mag hoogstens {MAX_BYTES // 1_000_000} MB zijn. Is er per ongeluk een grote tekst of "
                   "een afbeelding in geplakt? Haal die weg: een item bevat alleen korte teksten en links."]


@pytest.mark.parametrize("old,new,field,limit", [
    ("- id: textiel", "- id: " + "t" * 300, "id", 60),
    ("  naam: Textiel", "  naam: " + "Textiel " * 30, "naam", 200),
    ("  beschrijving: Linnen en werkkledij.", "  beschrijving: " + "Linnen en werkkledij. " * 300, "beschrijving", 5000),
])
def test_field_length_limits(data_dir, old, new, field, limit):
    edit(data_dir / "themas.yml", old, new)
    found = [m for m in problems(data_dir) if f"veld '{field}'" in m]
    assert len(found) == 1 and found[0].startswith("data/themas.yml, regel "), found
    assert f"tekens lang; hier mogen hoogstens {limit} tekens staan." in found[0]


def test_file_saved_as_latin1_names_the_line_and_the_fix(data_dir):
    text = (data_dir / "themas.yml").read_text(encoding="utf-8").replace("Linnen en werkkledij.", "Linnen en ondergoed, ook voor patiënten.")
    (data_dir / "themas.yml").write_bytes(text.encode("latin-1"))
    assert only(data_dir) == (
        "data/themas.yml, regel 3: het bestand is niet opgeslagen als UTF-8: het teken na 'ondergoed, ook voor pati' "
        "(byte 0xEB, in Latin-1 of Windows-1252 'ë') is geen UTF-8. Bewaar het bestand als UTF-8. In VS Code: klik "
        "rechtsonder op de codering, kies 'Reopen with Encoding' en 'Western (Windows 1252)', controleer de letters, "
        "klik opnieuw op de codering en kies 'Save with Encoding' en 'UTF-8'.")


@pytest.mark.parametrize("date,why", [
    ("2026-11-31", "de datum 2026-11-31 bestaat niet: november 2026 heeft 30 dagen. Controleer de dag."),
    ("2026-02-29", "de datum 2026-02-29 bestaat niet: februari 2026 heeft 28 dagen. Controleer de dag."),
    ("2026-13-01", "de datum 2026-13-01 bestaat niet: er is geen maand 13 (JJJJ-MM-DD: eerst het jaar, dan de maand, dan de dag)."),
])
def test_date_that_does_not_exist(data_dir, capsys, date, why):
    # Editors type one kind of date: the day of a change note (data/wijzigingen.yml).
    from macros.__main__ import main

    (data_dir / "wijzigingen.yml").write_text(
        f"- id: nieuwe-tool\n  datum: {date}\n  titel: Een tool\n  wat: Nieuw.\n  waarom: Gevraagd.\n"
        "  items: [bron:tool]\n", encoding="utf-8")
    assert main([str(data_dir)]) == 1
    assert f"  - data/wijzigingen.yml, regel 2, item 'nieuwe-tool' (nr. 1), veld 'datum': {why}\n" in capsys.readouterr().err


# --- YAML syntax in plain Dutch: the usual cause, the field's own line, every error of the file ---

LABEL = "data/bronnen.yml, regel 9, item 'label' (nr. 2), veld 'titel': YAML-syntaxfout: "


@pytest.mark.parametrize("line,message", [
    ('  titel: "Groen" label\n', "de waarde van 'titel' begint met een aanhalingsteken (\"), dus leest YAML alleen de "
     "tekst tot het volgende aanhalingsteken; daarna volgt nog 'label'. Zet de hele waarde tussen enkele "
     "aanhalingstekens: titel: '\"Groen\" label'"),
    ("  titel: 'Groen label\n", "de waarde van 'titel' begint met een aanhalingsteken (') dat op deze regel niet "
     "gesloten wordt. Sluit het aan het einde van de waarde, of laat het weg."),
    ("  titel: Stap 3: een label\n", "de waarde van 'titel' bevat een dubbele punt met een spatie erna (': '). YAML "
     "leest dat als het begin van een nieuw veld. Zet de hele waarde tussen enkele aanhalingstekens: titel: 'Stap 3: een label'"),
    ("\ttitel: Een label\n", "op deze regel staat een tab (kolom 1). YAML laat geen tabs toe om in te springen: "
     "gebruik spaties, twee per niveau."),
    ("  titel:\u00a0Een label\n", "op deze regel staat een onzichtbare harde spatie (U+00A0), in kolom 9 (vaak "
     "meegekopieerd uit Word, een pdf of een webpagina). YAML ziet dat niet als een spatie. Vervang het door een gewone spatie"),
    ("  titel: [Groen](bron:tool) label\n", "de waarde van 'titel' begint met '[', dus leest YAML een lijst tot ']'; "
     "daarna volgt nog '(bron:tool) label'. Begint de tekst met een link? Zet de hele waarde tussen enkele aanhalingstekens: "
     "titel: '[Groen](bron:tool) label'"),
    ("   titel: Een label\n", "de inspringing klopt niet: 'titel' staat 3 spaties ver, het veld erboven 2. Velden "
     "van hetzelfde item staan recht onder elkaar."),
])
def test_yaml_syntax_error_explains_the_usual_cause(data_dir, line, message):
    edit(data_dir / "bronnen.yml", "  titel: Een label\n", line)
    msg = only(data_dir)
    assert msg.startswith(LABEL + message), msg


def test_missing_colon_points_at_the_field_not_the_next_line(data_dir):
    edit(data_dir / "bronnen.yml", "  uitgever: Labelorganisatie\n", "  uitgever Labelorganisatie\n")
    assert only(data_dir) == ("data/bronnen.yml, regel 10, item 'label' (nr. 2), veld 'uitgever': YAML-syntaxfout: na "
                              "de veldnaam 'uitgever' ontbreekt de dubbele punt. Schrijf 'uitgever: Labelorganisatie'.")


def test_every_syntax_error_of_a_file_and_the_other_entries_still_checked(data_dir):
    edit(data_dir / "bronnen.yml", "  titel: Een criteriatool\n", "  titel: Stap 1: criteria\n")
    edit(data_dir / "bronnen.yml", "  titel: Een label\n", "\ttitel: Een label\n")
    path = data_dir / "bronnen.yml"
    path.write_text(path.read_text(encoding="utf-8") + "- id: derde\n  titel: Derde\n  uitgever: X\n  url: https://example.org\n"
                    "  soort: gids\n  taal: xx\n  beschrijving: Tekst.\n", encoding="utf-8")
    taal_line = path.read_text(encoding="utf-8").splitlines().index("  taal: xx") + 1
    found = problems(data_dir)
    assert [m.split(": YAML")[0].split(": ongeldige")[0] for m in found] == [
        "data/bronnen.yml, regel 2, item 'tool' (nr. 1), veld 'titel'",
        "data/bronnen.yml, regel 9, item 'label' (nr. 2), veld 'titel'",
        f"data/bronnen.yml, regel {taal_line}, item 'derde' (nr. 3), veld 'taal'",
    ], found
    # References to the broken entries ('tool' in stappen.yml and valkuilen.yml) are not reported as unknown.
    assert not any("onbekende bron" in m for m in found)


def test_empty_required_field_gets_the_empty_field_hint(data_dir):
    edit(data_dir / "bronnen.yml", "  titel: Een label\n", "  titel:\n")
    assert only(data_dir) == (
        "data/bronnen.yml, regel 9, item 'label' (nr. 2), veld 'titel': dit verplichte veld is leeg. Vul na 'titel:' "
        "een waarde in, op dezelfde regel (een lange tekst: 'titel: >-' en de tekst op de regels eronder, vier spaties ver).")


def test_empty_optional_field(data_dir):
    edit(data_dir / "bronnen.yml", "  themas: [textiel]\n", "  themas:\n")
    assert only(data_dir) == ("data/bronnen.yml, regel 15, item 'label' (nr. 2), veld 'themas': dit veld is leeg. Vul "
                              "na 'themas:' een waarde in, of haal de regel 'themas:' weg (het veld is niet verplicht).")


def test_id_with_an_accent_proposes_the_id_without(data_dir):
    edit(data_dir / "themas.yml", "- id: textiel", "- id: textiël")
    found = problems(data_dir)
    assert found[0] == ("data/themas.yml, regel 1, item 'textiël' (nr. 1), veld 'id': 'textiël' is geen geldige id: "
                        "accenten ('ë') zijn niet toegelaten in een id, want de id wordt een deel van het webadres. "
                        "Schrijf 'textiel'."), found


def test_id_with_capitals_and_spaces_proposes_one(data_dir):
    edit(data_dir / "themas.yml", "- id: textiel", "- id: Textiel Producten")
    assert problems(data_dir)[0].endswith("(de id wordt een deel van het webadres). Bedoelde je 'textiel-producten'?")


def test_unknown_reference_names_the_line_of_the_field_not_the_entry(data_dir):
    edit(data_dir / "stappen.yml", "  bronnen: [tool]", "  bronnen: [tol]")
    assert only(data_dir).startswith("data/stappen.yml, regel 11, item 'eerste' (nr. 1), veld 'bronnen': onbekende bron 'tol'.")


def test_unknown_reference_in_a_long_text_names_its_own_line(data_dir):
    edit(data_dir / "valkuilen.yml", "  werkelijkheid: Het zit anders.\n",
         "  werkelijkheid: >-\n    Eerste regel.\n    Zie [de tool](bron:tol).\n")
    found = [m for m in problems(data_dir) if "bron:tol" in m or "'tol'" in m]
    text = (data_dir / "valkuilen.yml").read_text(encoding="utf-8").splitlines()
    line = next(i for i, t in enumerate(text, start=1) if "(bron:tol)" in t)
    assert found and found[0].startswith(f"data/valkuilen.yml, regel {line}, item 'valkuil-een' (nr. 1), veld 'werkelijkheid': "
                                         "in een link: onbekende bron 'tol'. Bedoelde je 'tool'?"), found


@pytest.mark.parametrize("target,expected", [
    ("hulpbron:tool", "in een link: onbekend soort link 'hulpbron:tool'. Bedoelde je 'bron:tool'?"),
    ("Bron:tool", "in een link: onbekend soort link 'Bron:tool'. Bedoelde je 'bron:tool'?"),
    ("bronnen:tool", "in een link: onbekend soort link 'bronnen:tool'. Bedoelde je 'bron:tool'?"),
    ("bron:tool#kop", "in een link: 'bron:tool#kop': een link naar een item heeft geen #anker"),
    ("inleiding/aan-de-slagg.md", "in een link: de pagina 'inleiding/aan-de-slagg.md' bestaat niet. Bedoelde je 'inleiding/aan-de-slag.md'?"),
    ("../inleiding/aan-de-slag.html", "in een link: de pagina '../inleiding/aan-de-slag.html' bestaat niet. Bedoelde je 'inleiding/aan-de-slag.md'?"),
    ("valkuilen/valkuil-twee.md", "in een link: de pagina 'valkuilen/valkuil-twee.md' bestaat niet. Bedoelde je 'valkuilen/valkuil-een.md'?"),
])
def test_links_in_data_to_unknown_prefixes_and_missing_pages(data_dir, tmp_path, target, expected):
    docs = tmp_path / "docs"
    (docs / "inleiding").mkdir(parents=True)
    (docs / "index.md").write_text("# Start\n", encoding="utf-8")
    (docs / "inleiding" / "aan-de-slag.md").write_text("# Aan de slag\n", encoding="utf-8")
    edit(data_dir / "themas.yml", "Linnen en werkkledij.", f"Linnen en [werkkledij]({target}).")
    with pytest.raises(DataError) as info:
        load(data_dir, docs_dir=docs)
    found = [str(p) for p in info.value.problems]
    assert len(found) == 1 and found[0].startswith(
        f"data/themas.yml, regel 3, item 'textiel' (nr. 1), veld 'beschrijving': {expected}"), found


def test_links_in_data_to_existing_pages_and_the_web_pass(data_dir, tmp_path):
    docs = tmp_path / "docs"
    (docs / "inleiding").mkdir(parents=True)
    (docs / "inleiding" / "aan-de-slag.md").write_text("# Aan de slag\n", encoding="utf-8")
    edit(data_dir / "themas.yml", "Linnen en werkkledij.",
         "Zie [Linnen](inleiding/aan-de-slag.md#kop), [stap](valkuilen/valkuil-een.md), [web](https://example.org/x) "
         "en [post](mailto:info@example.org).")
    load(data_dir, docs_dir=docs)


@pytest.mark.parametrize("name,content,expected", [
    ("themas.yml", ALIAS_BOMB, "YAML-ankers en -verwijzingen"),
    ("themas.yml", "- id: t\n  naam: " + "[" * 1000 + "]" * 1000 + "\n", "niveaus diep genest"),
    ("bronnen.yml", None, "niet opgeslagen als UTF-8"),
])
def test_the_quick_check_says_the_same_without_a_traceback(data_dir, name, content, expected):
    import subprocess
    import sys

    from conftest import ENV, ROOT

    path = data_dir / name
    if content is None:
        path.write_bytes(path.read_text(encoding="utf-8").replace("Een label.", "Een label van één.").encode("latin-1"))
    else:
        path.write_text(content, encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "macros", str(data_dir)], cwd=ROOT, capture_output=True, text=True,
                          env=ENV, timeout=60)
    assert proc.returncode == 1 and expected in proc.stderr and "Traceback" not in proc.stderr, proc.stderr
    if name == "themas.yml":
        words = subprocess.run([sys.executable, str(ROOT / "tools" / "woordenlijst.py"), str(path)], cwd=ROOT,
                               capture_output=True, text=True, env=ENV, timeout=60)
        assert words.returncode == 1 and expected in words.stderr and "Traceback" not in words.stderr, words.stderr


def test_a_second_yaml_document_is_explained(data_dir):
    path = data_dir / "themas.yml"
    path.write_text(path.read_text(encoding="utf-8") + "---\n- id: tweede\n", encoding="utf-8")
    assert only(data_dir) == ("data/themas.yml, regel 4: YAML-syntaxfout: een regel met alleen '---' begint of eindigt "
                              "in YAML een tweede document. Een gegevensbestand is één lijst van items: haal deze regel weg.")


def test_windows_line_endings_are_fine(data_dir):
    for path in data_dir.glob("*.yml"):
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert len(load(data_dir).all("stap")) == 2
