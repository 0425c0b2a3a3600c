"""The tender builder's .docx and .odt, opened by LibreOffice Writer and printed to PDF (issue 24).

python-docx and odfpy (tests/test_bestekbouwer.py) read the package's XML; this is what a buyer
does: open the download in an office suite. Headless LibreOffice (`soffice --convert-to pdf`)
lays each document out, and pypdf (as in tests/test_pdf.py) reads the PDF's text back: every
ticked criterion's title and clause with the typed values, and no clause that was not ticked.
The selection comes from data/criteria/ (a group, its basis level, one criterion unticked and
one above the level ticked), never from a fixed id.

No skip: without Writer this fails with the package to install (`make test` and `.ci/run`
install it where they can, tools/find_office.py).
"""
from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, checked
from macros.model import ALGEMEEN, CRITERIUM_SOORT_MEERVOUD, CRITERIUM_SOORTEN, NIVEAUS
from test_bestekbouwer import (  # the builder's helpers, as its own tests use them
    BB, box, choose, clause_lines, criteria_of, download, fill_all, open_builder, ticked, words,
)
from test_bestekbouwer import catalog  # noqa: F401  (the same fixture: data/ loaded once per module)
from test_levensduurkost import page  # noqa: F401  (downloads allowed, CSP watch)

sys.path.insert(0, str(ROOT / "tools"))
import find_office  # noqa: E402  (tools/find_office.py)

# Each conversion starts LibreOffice cold with a fresh profile: about a second here (7 December 2026),
# so this only ends a hung soffice, with room for a loaded machine.
TIMEOUT = 180


def pick_selection(catalog):
    """A product group and what to tick: the group whose basis level covers most criterion types
    (then most criteria, then its id for a stable choice), minus one criterion, plus one above basis."""
    def above_basis(group):
        return [c for c in catalog.all("criterium") if c.group == group and NIVEAUS.index(c.entry.niveau) > 0]

    def rank(group):
        basis = criteria_of(catalog, group)
        return (-len({c.entry.soort for c in basis}), -len(basis), group)

    # Groups with something to untick (two at basis) and something to add (one above).
    groups = sorted(g for g in {c.group for c in catalog.all("criterium")} - {ALGEMEEN}
                    if len(criteria_of(catalog, g)) >= 2 and above_basis(g))
    assert groups, "no product group with two criteria at basis and one above: nothing to pick a selection from"
    group = min(groups, key=rank)
    basis = criteria_of(catalog, group)
    higher = above_basis(group)
    # Untick one with a placeholder if there is one: its [name] must not turn up either.
    dropped = next((c for c in reversed(basis) if "[" in c.entry.tekst), basis[-1])
    chosen = [c for c in basis if c is not dropped] + [higher[0]]
    return group, chosen, dropped


def norm(text: str) -> str:
    """Writer breaks a line after a hyphen or dash and keeps it ("matras-" / "brandveilig"); with the
    spaces around dashes dropped on both sides, a broken line reads as the unbroken one."""
    return re.sub(r"\s*([-\u2010\u2011\u2013\u2014])\s*", r"\1", words(text))


def problems(text: str, chosen, everything, typed) -> list[str]:
    """What the PDF's text (all pages, joined) misses of the chosen criteria, or holds of the rest of
    `everything` (all criteria in the data: the group's unticked ones and every other group's)."""
    unticked = [c for c in everything if c not in chosen]
    found = []
    plain = norm(text)
    for c in chosen:
        if norm(c.title) not in plain:
            found.append(f"{c.id}: title missing: {c.title}")
        for line in clause_lines(c, typed.get(c.id, {})):
            if norm(line) not in plain:
                found.append(f"{c.id}: clause line missing: {line}")
        for value in typed.get(c.id, {}).values():
            if plain.count(norm(value)) != 1:
                found.append(f"{c.id}: typed value {value!r} found {plain.count(norm(value))} times")
    # Part headings in the order of a tender (selection, specifications, award, performance).
    at = 0
    for soort in CRITERIUM_SOORTEN:
        if any(c.entry.soort == soort for c in chosen):
            heading = norm(CRITERIUM_SOORT_MEERVOUD[soort])
            at = plain.find(heading, at)
            if at < 0:
                found.append(f"part heading missing or out of order: {heading}")
                at = 0
    # An unticked clause: its title and its lines (placeholders left as [name]) that no chosen
    # criterion shares; each must have something of its own to look for.
    shared = norm(" | ".join([c.title for c in chosen] + [line for c in chosen for line in clause_lines(c, typed.get(c.id, {}))]))
    for c in unticked:
        own = [norm(t) for t in [c.title, *clause_lines(c, {})] if norm(t) not in shared]
        if not own:
            found.append(f"{c.id}: nothing of its own to look for (its title and clause are all in chosen ones)")
        found += [f"{c.id}: unticked, yet in the PDF: {t}" for t in own if t in plain]
    return found


def soffice_or_fail() -> str:
    path = find_office.find()
    if not path or find_office.has_writer(path) is False:
        pytest.fail(find_office.MISSING)
    return path


def to_pdf(soffice: str, source: Path, workdir: Path) -> tuple[Path, float]:
    """Headless LibreOffice, with a profile of its own (parallel runs and root do not share one),
    killed with its helpers after TIMEOUT. Returns the PDF and the seconds it took."""
    out = workdir / "pdf"
    profile = workdir / "profiel"
    command = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
               "--convert-to", "pdf", "--outdir", str(out), str(source)]
    start = time.monotonic()
    # A session of its own: soffice starts oosplash and soffice.bin, and a timeout must end them all.
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            start_new_session=True, env=dict(os.environ, HOME=str(workdir)))
    try:
        output, _ = proc.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        pytest.fail(f"soffice took more than {TIMEOUT} s to convert {source.name}")
    seconds = time.monotonic() - start
    pdf = out / (source.stem + ".pdf")
    # Without Writer, soffice says "source file could not be loaded" and still exits 0: the file decides.
    assert proc.returncode == 0 and pdf.is_file() and pdf.stat().st_size > 0, (
        f"no PDF from {source.name} (exit {proc.returncode}): {output.strip()}\n{find_office.MISSING}")
    return pdf, seconds


def pdf_text(path: Path) -> tuple[int, str]:
    from pypdf import PdfReader

    reader = PdfReader(path)
    return len(reader.pages), "\n".join(page.extract_text() or "" for page in reader.pages)


def test_the_downloads_print_to_pdf_with_the_ticked_clauses_only(page, base_url, catalog, tmp_path):
    soffice = soffice_or_fail()
    group, chosen, dropped = pick_selection(catalog)
    open_builder(page, base_url + BB)
    choose(page, group)
    page.uncheck(box(dropped.id))
    page.check(box(chosen[-1].id))
    assert sorted(ticked(page)) == sorted(c.id for c in chosen)
    typed = fill_all(page, chosen)
    assert any(typed.values()), f"group {group}: no placeholder in the selection to fill"
    everything = list(catalog.all("criterium"))

    for button, kind in (("#bb-docx", "docx"), ("#bb-odt", "odt")):
        name, data = download(page, button)
        assert name.endswith("." + kind)
        folder = tmp_path / kind
        folder.mkdir()
        source = folder / name
        source.write_bytes(data)
        pdf, seconds = to_pdf(soffice, source, folder)
        pages, text = pdf_text(pdf)
        assert pages >= 1 and len(words(text)) > 200, f"{pdf.name}: {pages} pages, text: {text[:300]!r}"
        found = problems(text, chosen, everything, typed)
        assert not found, f"{name} as PDF:\n" + "\n".join(found) + f"\n--- text ---\n{words(text)}"
        lines = sum(len(clause_lines(c, {})) for c in chosen)
        checked(f"bestekbouwer .{kind} als PDF (LibreOffice): {pages} pagina's in {seconds:.1f} s; "
                f"{len(chosen)} criteria met {lines} clausuleregels en {sum(map(len, typed.values()))} ingevulde "
                f"waarden gevonden, {len(everything) - len(chosen)} niet aangevinkte criteria afwezig (groep {group})")

        # The check proves it looks, on this very text: the unticked criterion counted as chosen is
        # missed, and a chosen one counted as unticked is found where it should not be.
        assert any(dropped.id in p for p in problems(text, chosen + [dropped], everything, typed))
        kept = chosen[0]
        assert any(kept.id in p for p in problems(text, chosen[1:], everything, typed))
    assert not page.watch.console_errors
