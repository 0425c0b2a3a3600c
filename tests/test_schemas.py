"""JSON Schemas for editors: generated from the models, committed, wired into VS Code, in step with the data."""
from __future__ import annotations

import json
import re
import sys

import jsonschema
import pytest
import yaml

from conftest import ROOT, checked
from macros.model import KINDS

sys.path.insert(0, str(ROOT / "tools"))
import schemas as schema_tool  # noqa: E402  (tools/schemas.py)

DATA_KINDS = [k for k in KINDS.values() if k.file]
TEMPLATE_START = re.compile(r"^# - id: ", re.M)


def committed(kind) -> dict:
    return json.loads((ROOT / "schemas" / kind.file.replace(".yml", ".schema.json")).read_text(encoding="utf-8"))


def test_committed_schemas_are_up_to_date():
    stale = schema_tool.stale()
    assert not stale, f"Verouderde schema's {stale}: voer `make schemas` uit en commit schemas/."


def test_stale_check_notices_a_changed_model(tmp_path):
    schema_tool.write(tmp_path)
    assert schema_tool.stale(tmp_path) == []
    path = tmp_path / "bronnen.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    del schema["$defs"]["Bron"]["properties"]["uitgever"]
    path.write_text(json.dumps(schema), encoding="utf-8")
    (tmp_path / "oud.schema.json").write_text("{}", encoding="utf-8")
    assert schema_tool.stale(tmp_path) == ["bronnen.schema.json", "oud.schema.json"]


def test_stale_check_covers_the_open_data_schemas_the_build_reads(tmp_path):
    """The build writes the open data's schemas from schemas/open-data/ (macros/opendata.py), not from the
    models: a model change that `make schemas` did not carry over is a failed test, not a stale site."""
    schema_tool.write(tmp_path)
    path = tmp_path / "open-data" / "bronnen.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    record = schema["properties"]["items"]["items"]["$ref"].rsplit("/", 1)[1]
    assert "uitgever" in schema["$defs"][record]["properties"]
    del schema["$defs"][record]["properties"]["uitgever"]
    path.write_text(json.dumps(schema), encoding="utf-8")
    assert schema_tool.stale(tmp_path) == ["open-data/bronnen.schema.json"]


@pytest.mark.parametrize("kind", DATA_KINDS, ids=lambda k: k.file)
def test_data_file_names_its_schema_and_matches_it(kind):
    text = (ROOT / "data" / kind.file).read_text(encoding="utf-8")
    first = text.splitlines()[0]
    assert first == f"# yaml-language-server: $schema=../schemas/{kind.file.replace('.yml', '.schema.json')}"
    assert (ROOT / "data" / first.split("=", 1)[1]).resolve().is_file()
    # The schema accepts the real data (dates as text, as the editor's YAML server sees them).
    data = json.loads(json.dumps(yaml.safe_load(text), default=str))
    jsonschema.Draft7Validator(committed(kind)).validate(data)


@pytest.mark.parametrize("kind", DATA_KINDS, ids=lambda k: k.file)
def test_schema_speaks_dutch_and_underlines_mistakes(kind):
    schema = committed(kind)
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    jsonschema.Draft7Validator.check_schema(schema)
    model = schema["$defs"][kind.model.__name__]
    for name, prop in model["properties"].items():
        assert prop.get("description"), (kind.file, name)
        assert prop.get("title") and "_" not in prop["title"], (kind.file, name)
    validator = jsonschema.Draft7Validator(schema)
    good = json.loads(json.dumps(yaml.safe_load((ROOT / "data" / kind.file).read_text(encoding="utf-8"))[0], default=str))
    typo = {**good, "titell": "x"}
    bad_id = {**good, "id": "Met Spaties"}
    missing = {k: v for k, v in good.items() if k != "id"}
    for broken in (typo, bad_id, missing):
        assert list(validator.iter_errors([broken])), (kind.file, broken.keys())


DATA_FILES = sorted(p.name for p in (ROOT / "data").glob("*.yml"))


def test_every_data_file_names_its_schema_and_the_data_passes_it():
    """Every YAML file in data/ (not only the entries' files: the terminology list, the editions) opens
    in VS Code with its schema: the first line names it, `make schemas` writes it, the data passes it."""
    assert len(DATA_FILES) >= len(DATA_KINDS) + 3, DATA_FILES  # the kinds, wijzigingen, edities, termen
    generated = schema_tool.rendered()
    done = []
    for name in DATA_FILES:
        text = (ROOT / "data" / name).read_text(encoding="utf-8")
        schema_name = name.replace(".yml", ".schema.json")
        assert text.splitlines()[0] == f"# yaml-language-server: $schema=../schemas/{schema_name}", (
            f"data/{name}: de eerste regel moet '# yaml-language-server: $schema=../schemas/{schema_name}' zijn")
        assert schema_name in generated, f"`make schemas` schrijft geen schemas/{schema_name}"
        schema = json.loads((ROOT / "schemas" / schema_name).read_text(encoding="utf-8"))
        jsonschema.Draft7Validator.check_schema(schema)
        jsonschema.Draft7Validator(schema).validate(json.loads(json.dumps(yaml.safe_load(text), default=str)))
        done.append(name)
    checked(f"{len(done)} gegevensbestanden met hun schema: {', '.join(done)}")


@pytest.mark.parametrize("name,entry", [
    ("termen.yml", {"voorkeur": "aankoper", "niet": [], "waarom": "x"}),
    ("termen.yml", {"voorkeur": "aankoper", "niet": ["inkoper"], "waarom": "x", "behalf": ["a"]}),
    ("termen.yml", {"voorkeur": "aankoper", "niet": ["inkoper"]}),
    ("edities.yml", {"versie": "2026.12", "datum": "2026-12-01", "wijzigingen": []}),
    ("edities.yml", {"versie": "v2026.12", "datum": "2026-12-01", "notas": []}),
])
def test_the_new_schemas_underline_a_mistake(name, entry):
    """A planted mistake per schema of the two files that had none: an empty list, a typo in a field
    name, a missing required field, a version without its 'v'."""
    schema = json.loads((ROOT / "schemas" / name.replace(".yml", ".schema.json")).read_text(encoding="utf-8"))
    assert list(jsonschema.Draft7Validator(schema).iter_errors([entry])), entry


def test_the_terminology_schema_has_the_fields_the_check_reads():
    import termen

    schema = json.loads((ROOT / "schemas" / "termen.schema.json").read_text(encoding="utf-8"))
    assert set(schema["items"]["properties"]) == set(termen.FIELDS)
    assert set(schema["items"]["required"]) == set(termen.REQUIRED)


def test_vscode_maps_every_schema_and_recommends_the_yaml_extension():
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapped = {v: k for k, v in settings["yaml.schemas"].items()}
    for name in DATA_FILES:
        schema = mapped[f"data/{name}"]
        assert (ROOT / schema).is_file() and schema.endswith(name.replace(".yml", ".schema.json"))
    extensions = json.loads((ROOT / ".vscode" / "extensions.json").read_text(encoding="utf-8"))
    assert "redhat.vscode-yaml" in extensions["recommendations"]


def templates() -> list:
    out = []
    for kind in DATA_KINDS:
        text = (ROOT / "data" / kind.file).read_text(encoding="utf-8")
        match = TEMPLATE_START.search(text)
        if match:
            block = []
            for line in text[match.start():].splitlines():
                if not line.startswith("#"):
                    break
                block.append(line[2:] if line.startswith("# ") else line[1:])
            out.append((kind, "\n".join(block)))
    return out


def test_the_four_kinds_editors_add_have_a_template():
    assert {k.name for k, _ in templates()} >= {"bron", "voorbeeld", "valkuil", "begrip"}


@pytest.mark.parametrize("kind,block", templates(), ids=lambda x: getattr(x, "file", ""))
def test_commented_template_is_a_valid_entry_with_every_field(kind, block):
    """Uncommented as CONTRIBUTING.md says, the template is valid YAML for the model and shows every field."""
    entries = yaml.safe_load(block)
    assert isinstance(entries, list) and len(entries) == 1
    entry = kind.model.model_validate(entries[0])
    assert set(entries[0]) == set(kind.model.model_fields), set(kind.model.model_fields) ^ set(entries[0])
    assert entry.id


def test_a_missing_open_data_schema_names_the_command(tmp_path, monkeypatch):
    from macros import opendata
    from macros.errors import DataError

    monkeypatch.setattr(opendata, "SCHEMA_DIR", tmp_path)
    opendata.schema_body.cache_clear()
    try:
        with pytest.raises(DataError) as caught:
            opendata.schema("bron")
    finally:
        opendata.schema_body.cache_clear()
    assert "schemas/open-data/bronnen.schema.json" in str(caught.value) and "`make schemas`" in str(caught.value)
