"""Render the whole guide as a PDF: dist/<name>-<version>.pdf (`make pdf`).

    python tools/pdf.py [--site site] [--out dist]

Opens the print page of a built site (afdrukken.html, made by
overrides/hooks/printpage.py) in headless Chromium through Playwright and prints it
with Chromium's own PDF engine: real, selectable text; the table of contents and
all links stay clickable; a footer with the edition stamp and page numbers on every
page but the cover, which carries the stamp itself. Prints the PDF's path, page count
and size.

A browser cannot number the pages of a print in its own text (no target-counter()), so
the PDF is printed more than once: each pass reads where every part and page landed (the
PDF's named destinations, pypdf), writes those numbers into the table of contents (a
box of fixed width: nothing moves), and lets a part or page start on the page before it
when that page would otherwise hold fewer than MIN_LINES lines of text. The PDF is kept
once a pass changes nothing.
"""
from __future__ import annotations

import argparse
import html
import io
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "tests"))

import edition as edition_module  # noqa: E402
from browser import chromium, serve  # noqa: E402  (tests/browser.py: the shared Chromium launch)

PRINT_PAGE = "afdrukken.html"

# The footer (edition stamp, page numbers) in the page's own margin boxes, not Chromium's
# header/footer template: that template cannot use the page's fonts (not even an inline one),
# so it would print in whatever sans-serif the machine has. This way every glyph of the PDF is
# in the vendored print font (docs/assets/fonts/, print.css). The stylesheet is a file of the
# build (overrides/hooks/edition.py writes it with the edition's label, tools/edition.py
# pdf_css): the site's Content-Security-Policy refuses inline styles, also a tool's.
PAGE_CSS = edition_module.PDF_CSS
# A page of the PDF holds at least this many lines of text (the cover excepted).
MIN_LINES = 3
MAX_PASSES = 8


def footer_text(site_name: str, label: str) -> str:
    """The footer's left box as it prints (tools/edition.py pdf_css; overrides/hooks/edition.py)."""
    return f"{site_name} \u00b7 {label}"


def body_lines(text: str, footer: str) -> list[str]:
    """The lines of a page's extracted text without the footer (its left box and "pagina X van Y"),
    wherever the text extraction put them."""
    text = re.sub(r"pagina \d+ van \d+", "\n", text.replace(footer, "\n"))
    return [line for line in (part.strip() for part in text.splitlines()) if line]


def destination_pages(reader) -> dict[str, int]:
    """Named destination (an element id of the print page) -> 0-based page index."""
    return {name.lstrip("/"): reader.get_destination_page_number(dest) for name, dest in reader.named_destinations.items()}


def short_pages(reader, footer: str) -> list[int]:
    """0-based indexes of the pages after the cover with fewer than MIN_LINES lines of text."""
    return [i for i, page in enumerate(reader.pages)
            if i > 0 and len(body_lines(page.extract_text() or "", footer)) < MIN_LINES]


def page_edition(print_page: Path) -> str | None:
    """The version the built print page carries (data-editie on its cover)."""
    match = re.search(r'data-editie="([^"]*)"', print_page.read_text(encoding="utf-8"))
    return html.unescape(match.group(1)) if match else None


def render(site: Path, target: Path, title: str, label: str) -> None:
    from pypdf import PdfReader

    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    footer = footer_text(title, label)
    with serve(site) as base_url, chromium() as browser:
        page = browser.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(base_url + PRINT_PAGE, wait_until="load")
        # The table of contents is in the HTML (written at build time); without it the PDF has no way in.
        if page.locator("#inhoud a[href^='#']").count() == 0:
            raise SystemExit(f"{PRINT_PAGE} heeft geen inhoudstafel (#inhoud): bouw de site opnieuw (make build).")
        # Collapsed blocks would print closed: page.pdf() does not fire 'beforeprint'.
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        # Our footer replaces the stylesheets' page-number boxes; the margins leave room for it.
        page.add_style_tag(url=base_url + PAGE_CSS)
        page.emulate_media(media="print")
        # The print fonts load once print rules apply; wait for every one, not only the first.
        page.evaluate("""async () => { await Promise.all([...document.fonts].map(f => f.load().catch(() => null)));
                                       await document.fonts.ready }""")
        # In document order: what the table of contents lists (the front matter, every part and page).
        anchors = page.evaluate("() => [...document.querySelectorAll('[data-pagina-van]')].map(e => e.dataset.paginaVan)")
        numbers: dict[str, int] = {}
        for _ in range(MAX_PASSES):
            data = page.pdf(format="A4", print_background=False, prefer_css_page_size=False,
                            display_header_footer=False, outline=True, tagged=True)
            reader = PdfReader(io.BytesIO(data))
            dests = destination_pages(reader)
            missing = [a for a in anchors if a not in dests]
            if missing:
                raise SystemExit(f"De PDF heeft geen bladwijzer voor {', '.join(missing[:5])}: een onderdeel zonder link "
                                 "vanuit de inhoudstafel? (macros/afdrukken.py, toc_html)")
            landed = {a: dests[a] + 1 for a in anchors}
            # A short page: let what starts on the next page begin on it instead.
            joins = []
            for index in short_pages(reader, footer):
                nxt = next((a for a in anchors if dests[a] == index + 1), None)
                if nxt is not None:
                    joins.append(nxt)
            if landed == numbers and not joins:
                break
            page.evaluate("""([numbers, joins]) => {
                for (const box of document.querySelectorAll('[data-pagina-van]')) box.textContent = numbers[box.dataset.paginaVan];
                for (const id of joins) document.getElementById(id).classList.add('afdruk-doorlopend');
            }""", [landed, joins])
            numbers = landed
        else:
            raise SystemExit(f"De paginanummers van de inhoudstafel liggen na {MAX_PASSES} keer afdrukken nog niet vast.")
        if errors:
            raise SystemExit(f"Fout in de printpagina: {errors[0]}")
    tmp.write_bytes(data)
    tmp.replace(target)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    parser.add_argument("--root", type=Path, default=ROOT, help="the project the site was built from (tests use a copy)")
    args = parser.parse_args(argv)

    print_page = args.site / PRINT_PAGE
    if not print_page.is_file():
        print(f"{print_page} ontbreekt: bouw eerst de site (make build).", file=sys.stderr)
        return 2
    edition = edition_module.current(args.root)
    built = page_edition(print_page)
    if built != edition.version:
        print(f"{args.site}/ is gebouwd als editie {built!r}, de werkmap is nu {edition.version!r}: "
              "bouw opnieuw (make build).", file=sys.stderr)
        return 2

    target = args.out / edition.pdf_name
    render(args.site.resolve(), target, edition_module.site_setting("site_name", args.root), edition.label)
    edition_module.prune(args.out, target)  # dist/ holds the current edition only

    from pypdf import PdfReader

    pages = len(PdfReader(target).pages)
    print(f"{target}  ({pages} pagina's, {target.stat().st_size / 1024:.0f} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
