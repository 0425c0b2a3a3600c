"""Write or check the JSON Schemas of the data files (schemas/<file>.schema.json) and of the open data's
collections (schemas/open-data/<collection>.schema.json, read by the build: macros/opendata.py), and
the RELAX NG schema the build checks feed.xml against (schemas/atom.rng: RFC 4287's compact schema
in tests/atom/atom.rnc, in the XML syntax lxml reads; macros/uitvoer.py).

    python tools/schemas.py           # (re)write schemas/ from macros/model.py
    python tools/schemas.py --check   # exit 1 when a committed schema is stale

The schemas are generated from the same pydantic models that validate the build
(macros/schema.py), and the terminology list's from the rules of tools/termen.py, so editors in
VS Code see exactly the rules the checks apply. Each data file points at its schema in its first line:
    # yaml-language-server: $schema=../schemas/<file>.schema.json
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.opendata_model import schemas as open_data_schemas  # noqa: E402
from macros.schema import all_schemas  # noqa: E402
from macros.zoekwoorden import json_schema as search_words_schema  # noqa: E402

sys.path.insert(0, str(ROOT / "tools"))
import termen  # noqa: E402  (tools/termen.py: the terminology list's own rules)

SCHEMA_DIR = ROOT / "schemas"


ATOM_RNC = ROOT / "tests" / "atom" / "atom.rnc"
ATOM_RNG = "atom.rng"


def atom_rng() -> str:
    """RFC 4287's RELAX NG schema in XML syntax, converted by rnc2rng."""
    import rnc2rng

    rng = rnc2rng.dumps(rnc2rng.loads(ATOM_RNC.read_text(encoding="utf-8")))
    # rnc2rng declares the RNC's `namespace local = ""` as xmlns:local="", which XML forbids; the
    # grammar itself writes that namespace as ns="" and never uses the prefix.
    rng = rng.replace('xmlns:local=""', "")
    return "\n".join(line.rstrip() for line in rng.splitlines()) + "\n"


def rendered() -> dict[str, str]:
    """File name (open-data/<name> for the open data's collections) -> exact text the committed file must have."""
    schemas = {**all_schemas(), "termen.schema.json": termen.json_schema(),
               "zoekwoorden.schema.json": search_words_schema(), **open_data_schemas()}
    out = {name: json.dumps(schema, indent=2, ensure_ascii=False) + "\n" for name, schema in schemas.items()}
    out[ATOM_RNG] = atom_rng()
    return out


def stale(schema_dir: Path = SCHEMA_DIR) -> list[str]:
    """Names of schema files that are missing, different from the models, or no longer generated."""
    want = rendered()
    out = [name for name, text in want.items()
           if not (schema_dir / name).exists() or (schema_dir / name).read_text(encoding="utf-8") != text]
    out += [name for name in _committed(schema_dir) if name not in want]
    return out


def _committed(schema_dir: Path) -> list[str]:
    return [p.relative_to(schema_dir).as_posix() for p in sorted([*schema_dir.glob("**/*.schema.json"), *schema_dir.glob("*.rng")])]


def write(schema_dir: Path = SCHEMA_DIR) -> list[str]:
    schema_dir.mkdir(exist_ok=True)
    want = rendered()
    for name, text in want.items():
        (schema_dir / name).parent.mkdir(exist_ok=True)
        (schema_dir / name).write_text(text, encoding="utf-8")
    for name in _committed(schema_dir):
        if name not in want:
            (schema_dir / name).unlink()
    return sorted(want)


def main(argv: list[str]) -> int:
    if argv == ["--check"]:
        names = stale()
        if names:
            print("Verouderde schema's in schemas/: " + ", ".join(names) + ".\n"
                  "macros/model.py of macros/opendata_model.py is gewijzigd: maak ze opnieuw met `make schemas` en commit ze mee.", file=sys.stderr)
            return 1
        print("Schema's in schemas/ zijn actueel.")
        return 0
    if argv:
        print(__doc__, file=sys.stderr)
        return 2
    names = write()
    print(f"{len(names)} schema's geschreven in schemas/: {', '.join(names)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
