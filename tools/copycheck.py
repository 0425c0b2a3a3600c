"""Find runs of N or more words shared with the source guide.

Usage: python tools/copycheck.py SEED_FILE PATH... (files or folders; .md .yml .html .txt)
Exit 1 and list the runs when any is found. The site's text must be our own words.
It prints how many files and words it compared; no file, or a guide without words, is exit 2:
a check that read nothing found nothing.

Names and titles are not prose: a step is called "Dialoog met de markt" in the guide and on the
site. The allow-list tests/bron/namen.yml holds them; each occurrence in the checked text counts
as a single break in the text, so a name neither makes a run nor joins the words around it into
one. Prose next to a name still counts.
"""
from __future__ import annotations

import html
import re
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from macros.spans import Close, Delimited  # noqa: E402

RUN = 8
WORD_RE = re.compile(r"[a-zà-ÿ0-9]+")
URL_RE = re.compile(r"https?://\S+|mailto:\S+")
# A tag holds no "<": a "<" never closed is read once, not to the end of the page from each "<".
TAG_RE = re.compile(r"<[^<>]+>")
# What r"(?is)<(script|style)\b.*?</\1>" finds, read once (macros/spans.py).
RAW_TEXT = Delimited(re.compile(r"<(script|style)\b", re.I), lambda m: Close(f"</{m.group(1)}>", fold=True))
NAMES_FILE = Path(__file__).resolve().parent.parent / "tests" / "bron" / "namen.yml"
# Stands for an allowed name: no word of the guide can equal it, so no shared run crosses it.
BREAK = "\x00"


def words(text: str) -> list[str]:
    return WORD_RE.findall(URL_RE.sub(" ", text).lower())


def load_names(path: Path = NAMES_FILE) -> list[list[str]]:
    """The allow-list as word sequences, longest first (a longer name wins over a name inside it)."""
    if not path.is_file():
        return []
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    names = {tuple(words(str(e))) for e in entries}
    return sorted((list(n) for n in names if n), key=len, reverse=True)


def mask(ws: list[str], names: list[list[str]]) -> list[str]:
    """Replace every occurrence of an allowed name by one BREAK."""
    if not names:
        return ws
    by_first: dict[str, list[list[str]]] = {}
    for name in names:
        by_first.setdefault(name[0], []).append(name)
    out, i = [], 0
    while i < len(ws):
        for name in by_first.get(ws[i], ()):
            if ws[i:i + len(name)] == name:
                out.append(BREAK)
                i += len(name)
                break
        else:
            out.append(ws[i])
            i += 1
    return out


def grams(ws: list[str], n: int = RUN) -> set[str]:
    return {" ".join(ws[i:i + n]) for i in range(len(ws) - n + 1) if BREAK not in ws[i:i + n]}


def html_text(raw: str) -> str:
    raw = RAW_TEXT.sub(lambda span: " ", raw)
    return html.unescape(TAG_RE.sub(" ", raw))


def shared_runs(seed_text: str, text: str, n: int = RUN, names: list[list[str]] | None = None) -> list[str]:
    """Runs of n words that `text` shares with the guide, names of the allow-list left out."""
    names = load_names() if names is None else names
    return sorted(grams(words(seed_text), n) & grams(mask(words(text), names), n))


def main(argv: list[str]) -> int:
    if len(argv) < 2 or not Path(argv[0]).is_file():
        print(__doc__, file=sys.stderr)
        return 2
    seed = Path(argv[0]).read_text(encoding="utf-8")
    if len(words(seed)) < RUN:
        print(f"{argv[0]}: de leidraad bevat geen tekst; er valt niets te vergelijken.", file=sys.stderr)
        return 2
    names = load_names()
    hits = checked = compared = 0
    for arg in argv[1:]:
        root = Path(arg)
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.suffix in {".md", ".yml", ".yaml", ".html", ".txt"})
        for f in files:
            text = f.read_text(encoding="utf-8", errors="replace")
            if f.suffix == ".html":
                text = html_text(text)
            checked += 1
            compared += len(words(text))
            for run in shared_runs(seed, text, names=names):
                hits += 1
                print(f"{f}: \"{run}\"")
    print(f"Kopiecontrole: {checked} bestand(en), {compared} woorden vergeleken met de {len(words(seed))} woorden "
          f"van de leidraad.")
    if not checked or not compared:
        print(f"Geen tekst gevonden in {', '.join(argv[1:])}: geef bestanden of mappen met .md, .yml, .html of .txt.",
              file=sys.stderr)
        return 2
    if hits:
        print(f"{hits} reeks(en) van {RUN} of meer woorden uit de leidraad: herschrijf ze in eigen woorden. "
              f"Is het een naam of titel (van een stap, norm, organisatie of hulpbron)? Zet ze dan in "
              f"{NAMES_FILE.relative_to(NAMES_FILE.parent.parent.parent)}.")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
