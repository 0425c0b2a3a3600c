"""Write .cspell/begrippen.txt: every word of the glossary's terms and aliases, for the spelling check.

    python tools/woordenlijst.py

The spelling check (cspell with its Dutch dictionary; pre-commit hook and the VS Code
extension, both configured by cspell.json) then accepts the guide's own vocabulary,
such as "terugnamegarantie" or "LCA". The pre-commit hook reruns this script, so a
new glossary term is known as soon as it is committed. Words that are not glossary
terms (names of organisations, places) go in .cspell/woorden.txt by hand.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.yamlfile import read  # noqa: E402  (the data check's safe reader: no aliases, no traceback)
TARGET = ROOT / ".cspell" / "begrippen.txt"
HEADER = "# Generated from data/begrippen.yml by tools/woordenlijst.py: do not edit by hand.\n"
WORD_RE = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]", re.UNICODE)


def words(glossary: list) -> list[str]:
    found = set()
    for entry in glossary or []:
        if not isinstance(entry, dict):
            continue
        for phrase in [entry.get("term"), *(entry.get("aliassen") or [])]:
            if isinstance(phrase, str):
                for word in WORD_RE.findall(phrase):
                    found.update(part for part in word.split("-") if len(part) > 1)
    return sorted(found, key=lambda w: (w.casefold(), w))


def main(argv: list[str]) -> int:
    source = Path(argv[0]) if argv else ROOT / "data" / "begrippen.yml"
    problems: list = []
    glossary, _ = read(source, f"{source.parent.name}/{source.name}", problems)
    if problems:  # the data check (python -m macros) explains the same problems; nothing is written
        print("\n".join(str(p) for p in problems), file=sys.stderr)
        return 1
    text = HEADER + "".join(w + "\n" for w in words(glossary))
    TARGET.parent.mkdir(exist_ok=True)
    if not TARGET.exists() or TARGET.read_text(encoding="utf-8") != text:
        TARGET.write_text(text, encoding="utf-8")
        print(f"{TARGET.relative_to(ROOT)} bijgewerkt.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
