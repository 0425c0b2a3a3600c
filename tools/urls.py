"""The list of published URLs (tests/published-urls.txt), so that no address silently disappears.

    python tools/urls.py add SITE_DIR     # add the build's new pages to the list (part of `make build`)
    python tools/urls.py check SITE_DIR   # exit 1 when a listed page is gone without a redirect (`make urls`)

Links to this guide end up in tender files, e-mails and intranets. A listed page that
is missing from the build breaks them, unless a redirect takes its place (the page that
overrides/hooks/doorverwijzing.py writes at the old address), which is why a redirect
page counts as present. Every page of the build counts, except 404.html.

The list only grows: `make build` adds every new page by itself (a new page never turns
the checks red), and nothing here ever removes a line. A page that goes must leave a
redirect (`make verwijder`), and the check says so when one is missing.

For the tests, the redirect pages are redirects, not pages: `content_pages` leaves them
out and `follow` leads from an old address to the page that replaced it.
"""
from __future__ import annotations

import html
import posixpath
import re
import sys
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parent.parent
LIST = ROOT / "tests" / "published-urls.txt"
HEADER = ("# Every published page of the site, relative to site_url. Checked by tests/test_urls.py.\n"
          "# It only grows: `make build` adds new pages. A page that goes leaves a redirect (make verwijder).\n")
REDIRECT_RE = re.compile(r'<a href="([^"]*)" data-doorverwijzing>')


def built_pages(site: Path) -> set[str]:
    """Every address the build serves (pages and redirect pages), 404.html excepted."""
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html") if p.relative_to(site).as_posix() != "404.html"}


def redirect_target(path: Path) -> Optional[str]:
    """For a redirect page (overrides/hooks/doorverwijzing.py), the href it leads to; else None."""
    with path.open(encoding="utf-8") as f:
        head = f.read(2048)
    if 'http-equiv="refresh"' not in head:
        return None
    match = REDIRECT_RE.search(path.read_text(encoding="utf-8"))
    return html.unescape(match.group(1)) if match else None


def is_redirect(path: Path) -> bool:
    return redirect_target(path) is not None


def content_pages(site: Path) -> list[str]:
    """Site-relative paths of the real pages: no 404 page, no redirect pages."""
    return sorted(p for p in built_pages(site) if not is_redirect(site / p))


def follow(site: Path, page: str) -> str:
    """The page a site-relative address ends up on, following redirect pages (anchors dropped)."""
    seen = set()
    while (site / page).is_file() and page not in seen:
        seen.add(page)
        target = redirect_target(site / page)
        if target is None or "://" in target:
            return page
        page = posixpath.normpath(posixpath.join(posixpath.dirname(page), target.split("#")[0]))
    return page


def listed_pages(path: Path = LIST) -> set[str]:
    if not path.exists():
        return set()
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return {line for line in lines if line and not line.startswith("#")}


def problems(listed: set[str], built: set[str]) -> list[str]:
    """A published page that is gone without a redirect. (A new page is no problem: `add` lists it.)"""
    out = []
    for page in sorted(listed - built):
        source = page[:-5] + ".md"
        out.append(f"{page} is gepubliceerd maar ontbreekt in de build. Oude links ernaar werken dan niet meer: "
                   f"zet de pagina terug, of laat ze doorverwijzen naar haar opvolger met "
                   f"`make verwijder PAGINA={source} VERVANG=andere-pagina.md` (of `make verplaats VAN={source} "
                   "NAAR=nieuwe-naam.md` als ze alleen een andere naam kreeg).")
    return out


def add(site: Path, path: Path = LIST) -> list[str]:
    """Add the build's new pages to the list; returns them. Never removes a line."""
    listed = listed_pages(path)
    new = sorted(built_pages(site) - listed)
    if new or not path.exists():
        path.write_text(HEADER + "".join(p + "\n" for p in sorted(listed | set(new))), encoding="utf-8")
    return new


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in ("add", "check"):
        print(__doc__, file=sys.stderr)
        return 2
    site = Path(argv[1])
    if not (site / "index.html").exists():
        print(f"{site}/index.html bestaat niet: bouw eerst de site (make build).", file=sys.stderr)
        return 2
    found = problems(listed_pages(), built_pages(site))
    if argv[0] == "add":  # part of `make build`: a warning here, the tests fail on it
        new = add(site)
        if new:
            print(f"Nieuw in tests/published-urls.txt (commit het bestand mee): {', '.join(new)}")
        for line in found:
            print("WAARSCHUWING: " + line, file=sys.stderr)
        return 0
    listed = listed_pages()
    print(f"Adressen: {len(listed)} gepubliceerde adressen nagekeken tegen {len(built_pages(site))} in de build; "
          f"{len(found)} ontbreken.")
    for line in found:
        print(line, file=sys.stderr)
    if not listed:
        print(f"{LIST.relative_to(ROOT) if LIST.is_relative_to(ROOT) else LIST} is leeg of ontbreekt: er is niets na te kijken. Zet het terug uit git.",
              file=sys.stderr)
        return 1
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
