"""Find runs of N or more words shared with the source guide.

Usage: python tools/copycheck.py SEED_FILE PATH... (files or folders; .md .yml .html .txt)
Exit 1 and list the runs when any is found. The site's text must be our own words.
"""
from __future__ import annotations

import html
import re
import sys
from pathlib import Path

RUN = 12
WORD_RE = re.compile(r"[a-zà-ÿ0-9]+")
URL_RE = re.compile(r"https?://\S+|mailto:\S+")
TAG_RE = re.compile(r"<[^>]+>")


def words(text: str) -> list[str]:
    return WORD_RE.findall(URL_RE.sub(" ", text).lower())


def grams(ws: list[str], n: int = RUN) -> set[str]:
    return {" ".join(ws[i:i + n]) for i in range(len(ws) - n + 1)}


def html_text(raw: str) -> str:
    raw = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", raw)
    return html.unescape(TAG_RE.sub(" ", raw))


def shared_runs(seed_text: str, text: str, n: int = RUN) -> list[str]:
    return sorted(grams(words(seed_text), n) & grams(words(text), n))


def main(argv: list[str]) -> int:
    seed = Path(argv[0]).read_text(encoding="utf-8")
    hits = 0
    for arg in argv[1:]:
        root = Path(arg)
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.suffix in {".md", ".yml", ".yaml", ".html", ".txt"})
        for f in files:
            text = f.read_text(encoding="utf-8", errors="replace")
            if f.suffix == ".html":
                text = html_text(text)
            for run in shared_runs(seed, text):
                hits += 1
                print(f"{f}: \"{run}\"")
    if hits:
        print(f"{hits} run(s) of {RUN}+ words copied from the guide: rewrite them in our own words.")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
