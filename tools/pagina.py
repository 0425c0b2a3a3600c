"""Rename, move or remove a page in one step (`make verplaats`, `make verwijder`; CONTRIBUTING.md section 7).

    python tools/pagina.py verplaats VAN NAAR        # e.g. inleiding/aan-de-slag.md inleiding/starten.md
    python tools/pagina.py verwijder PAGINA VERVANG  # e.g. inleiding/oud.md inleiding/index.md

Paths are pages as docs/ names them (docs/ in front, .html or no extension are accepted too).
Both commands change everything a page's address touches, so that the strict build and the
tests pass afterwards:

- the file itself (a hand-written page in docs/), or the entry's id (a page made from data/:
  valkuilen/<id>.md, stappen/<id>.md, ambities/<id>.md, themas/<id>.md), with every reference
  to that id in data/ and docs/;
- `nav:` and every other mention of the page in mkdocs.yml (a removed page leaves `nav:`);
- every link to it in docs/ (relative to each page, the moved page's own links too) and in data/
  (written from docs/, or as kind:id);
- a line in `redirect_maps` from the old address to the new page (mkdocs.yml), and older
  redirects that pointed at the old page now point at the new one.

The tests need no change: they name entries and titles, not addresses (tests/targets.py).

`make` then builds the site, which adds the new address to tests/published-urls.txt; the old
address stays listed, served by its redirect. Nothing is written when a check fails, and the
data are validated before anything is written.
"""
from __future__ import annotations

import posixpath
import re
import sys
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.catalog import load  # noqa: E402
from macros.errors import DataError  # noqa: E402
from macros.wijzigingen import NOTES_PAGE, load as load_changelog, page_titles  # noqa: E402
from macros.model import ID_RE, KINDS, Strategie, ref_fields  # noqa: E402
from macros.yamlfile import read as read_yaml  # noqa: E402

DOCS = ROOT / "docs"
DATA = ROOT / "data"
CONFIG = ROOT / "mkdocs.yml"
URL_LIST = ROOT / "tests" / "published-urls.txt"

# Pages the site's code or templates name: moving them needs a developer.
SECTION_INDEXES = {"stappen/index.md", "ambities/index.md", "valkuilen/index.md", "themas/index.md"}
FIXED = {"index.md": "de startpagina",
         "werkinstrumenten/aankoopwijzer.md": "de aankoopwijzer linkt naar zichzelf (macros/templates/aankoopwijzer.md.j2)",
         "downloads.md": "andere pagina's linken ernaar via config.site_url",
         NOTES_PAGE: "de feed, de PDF en de wijzigingsnota's linken ernaar (macros/wijzigingen.py)",
         **{k.page: f"de {k.label.lower()} uit data/ staan op deze pagina (macros/model.py)"
            for k in KINDS.values() if "{" not in k.page},
         **{p: "de pagina's uit data/ komen in het menu onder deze pagina (overrides/hooks/datapages.py)"
            for p in SECTION_INDEXES}}
# Kinds with a page of their own per entry: folder -> kind.
DATA_FOLDERS = {k.page.split("/")[0]: k.name for k in KINDS.values() if k.page.endswith("/{id}.md")}
LINK_RE = re.compile(r"(\]\(\s*<?)([^)\s>]+)|(\bhref=\")([^\"]+)")
SCHEME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


class Refusal(Exception):
    """A check failed: nothing was written."""


def page_path(arg: str) -> str:
    """'docs/inleiding/aan-de-slag.html' -> 'inleiding/aan-de-slag.md'."""
    path = arg.strip().replace("\\", "/").lstrip("./")
    if path.startswith("docs/"):
        path = path[len("docs/"):]
    path = path.lstrip("/")
    if path.endswith(".html"):
        path = path[:-5] + ".md"
    elif not path.endswith(".md"):
        path += ".md"
    return posixpath.normpath(path)


def data_page(path: str) -> Optional[tuple[str, str]]:
    """(kind, id) when the page is made from data/ (valkuilen/dehp.md -> ('valkuil', 'dehp'))."""
    folder, _, name = path.partition("/")
    if folder in DATA_FOLDERS and name.endswith(".md") and "/" not in name and name != "index.md":
        return DATA_FOLDERS[folder], name[:-3]
    return None


def html_of(path: str) -> str:
    return path[:-3] + ".html"


class Change:
    """Every file's new text, written only at the end, when every check passed."""

    def __init__(self):
        self.texts: dict[Path, str] = {}
        self.removed: set[Path] = set()
        self.notes: list[str] = []

    def text(self, path: Path) -> str:
        if path not in self.texts:
            self.texts[path] = path.read_text(encoding="utf-8")
        return self.texts[path]

    def set(self, path: Path, text: str) -> None:
        self.texts[path] = text

    def write(self) -> list[str]:
        changed = []
        for path, text in self.texts.items():
            if path in self.removed:
                continue
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
                changed.append(path.relative_to(ROOT).as_posix())
        for path in self.removed:
            if path.exists():
                path.unlink()
                changed.append(path.relative_to(ROOT).as_posix() + " (verwijderd)")
                if path.parent != DOCS and not any(path.parent.iterdir()):
                    path.parent.rmdir()
        return changed


# --- links in docs/ --------------------------------------------------------


def doc_pages() -> list[str]:
    return sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md"))


def relink_page(text: str, src: str, dest: str, mapping: dict[str, str], drop_anchor: bool = False) -> str:
    """Rewrite the relative links of a page at docs/src, which will live at docs/dest.

    `mapping` maps old page paths to new ones; every other target keeps pointing where it pointed."""
    base_old, base_new = posixpath.dirname(src), posixpath.dirname(dest)

    def sub(match: re.Match) -> str:
        lead = match.group(1) or match.group(3)
        target = match.group(2) or match.group(4)
        if SCHEME_RE.match(target) or target.startswith(("#", "/")) or "{" in target:
            return match.group(0)
        path, hashmark, anchor = target.partition("#")
        html_link = path.endswith(".html")
        as_md = path[:-5] + ".md" if html_link else path
        resolved = posixpath.normpath(posixpath.join(base_old, as_md)) if as_md else src
        new = mapping.get(resolved, resolved)
        if new == resolved and base_old == base_new:
            return match.group(0)
        if new != resolved and drop_anchor:
            hashmark, anchor = "", ""
        rel = posixpath.relpath(new, base_new or ".") if as_md else ""
        if html_link:
            rel = rel[:-3] + ".html"
        return lead + rel + hashmark + anchor

    return LINK_RE.sub(sub, text)


def retarget_entry_links(text: str, kind: str, old_id: str, new: str) -> str:
    """[..](kind:old) -> [..](new): `new` is 'kind:id' or a link target."""
    return re.sub(r"\]\(\s*" + re.escape(f"{kind}:{old_id}") + r"(?=[)#\s])", "](" + new, text)


# --- mkdocs.yml --------------------------------------------------------------


def _token_re(page: str) -> re.Pattern:
    return re.compile(r"(?<![\w./-])" + re.escape(page) + r"(?![\w./-])")


def config_replace(text: str, old: str, new: Optional[str]) -> str:
    """Every mention of a page in mkdocs.yml follows it; with new=None its own lines go (nav, lists)."""
    out = []
    for line in text.split("\n"):
        if _token_re(old).search(line.split("#")[0]):
            key = line.strip().split(":")[0]
            if new is None and key == old:  # a redirect from this very page: it is a page no longer
                continue
            if new is None and re.match(r"^\s*-\s+(?:[^:]+:\s+)?" + re.escape(old) + r"\s*(#.*)?$", line):
                continue  # its nav entry or an entry in a list (extra.afdrukken.uitsluiten)
            if new is not None:
                line = _token_re(old).sub(new, line)
        out.append(line)
    return "\n".join(out)


def add_redirect(text: str, old: str, new: str) -> str:
    lines = text.split("\n")
    at = next((i for i, line in enumerate(lines) if re.match(r"^\s*redirect_maps:", line)), None)
    if at is None:
        raise Refusal("mkdocs.yml heeft geen 'redirect_maps:' onder de plugin redirects.")
    head = lines[at]
    indent = len(head) - len(head.lstrip())
    if head.split("redirect_maps:", 1)[1].strip() not in ("", "{}"):
        raise Refusal("mkdocs.yml: schrijf redirect_maps als blok (elke doorverwijzing op een eigen regel).")
    lines[at] = head.split("redirect_maps:")[0] + "redirect_maps:"
    end = at + 1
    while end < len(lines) and (not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > indent):
        end += 1
    while end > at + 1 and not lines[end - 1].strip():
        end -= 1
    # Moving a page back: its own old redirect would overwrite it.
    body = [line for line in lines[at + 1:end] if line.strip().split(":")[0] != new]
    body.append(" " * (indent + 2) + f"{old}: {new}")
    return "\n".join(lines[:at + 1] + body + lines[end:])


def nav_entry_is_section_index(text: str, page: str) -> bool:
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if re.match(r"^\s*-\s+" + re.escape(page) + r"\s*$", line) and i > 0 and lines[i - 1].rstrip().endswith(":"):
            return True
    return False


# --- data/ -----------------------------------------------------------------


def data_files() -> list[Path]:
    """Every data file, with the files of a kind's folder (data/criteria/<group>.yml)."""
    return sorted(DATA.glob("*.yml")) + [path for _, path in folder_files()]


def folder_files() -> list[tuple]:
    """(kind, path) of every file in the folder of a kind that keeps one file per product group."""
    return [(k, path) for k in KINDS.values() if k.folder for path in sorted((DATA / k.folder).glob("*.yml"))]


def ref_lines(kind: str, ref_id: str) -> list[tuple[Path, int, list]]:
    """Every (file, line, list) where a reference field holds `ref_id` for `kind`."""
    found = []
    files = [(k, DATA / k.file) for k in KINDS.values() if k.file] + folder_files()
    for kind_def, path in files:
        problems: list = []
        raw, lines = read_yaml(path, path.relative_to(ROOT).as_posix(), problems)
        if problems or not isinstance(raw, list):
            raise Refusal("de gegevens bevatten fouten; verbeter die eerst (python -m macros):\n"
                          + "\n".join(f"  - {p}" for p in problems))
        for index, entry in enumerate(raw):
            if not isinstance(entry, dict):
                continue
            scopes = [((index,), entry, kind_def.model)]
            if kind_def.name == "ambitie":
                for s, strat in enumerate(entry.get("strategieen") or []):
                    if isinstance(strat, dict):
                        scopes.append(((index, "strategieen", s), strat, Strategie))
            for where, values, model in scopes:
                for field, target in ref_fields(model).items():
                    items = values.get(field) or []
                    if target == kind and items == ref_id:  # a single id: a criterion's `bron`
                        found.append((path, lines[where + (field,)], [items]))
                    elif target == kind and isinstance(items, list) and ref_id in items:
                        position = items.index(ref_id)
                        found.append((path, lines[where + (field, position)], items))
    return found


def replace_ref(line: str, old: str, new: Optional[str], already: bool) -> Optional[str]:
    """One reference on its line: renamed, or dropped (new=None, or new already in the list).
    Returns the new line, or None when the whole line goes (a '- old' line of a block list)."""
    token = re.compile(r"(?<![\w-])" + re.escape(old) + r"(?![\w-])")
    if re.match(r"^\s*-\s+" + re.escape(old) + r"\s*(#.*)?$", line):
        return None if new is None or already else token.sub(new, line, count=1)
    if new is not None and not already:
        return token.sub(new, line, count=1)
    # Drop it from a flow list: "[a, old, b]" -> "[a, b]".
    line = re.sub(r"\s*,\s*" + token.pattern, "", line, count=1) if re.search(r",\s*" + token.pattern, line) \
        else re.sub(token.pattern + r"\s*,?\s*", "", line, count=1)
    return line


def rename_refs(change: Change, kind: str, old: str, new: Optional[str]) -> None:
    for path, line_no, items in ref_lines(kind, old):
        text = change.text(path).split("\n")
        replaced = replace_ref(text[line_no - 1], old, new, new in items if new else False)
        if replaced is None:
            del text[line_no - 1]
        else:
            text[line_no - 1] = replaced
        change.set(path, "\n".join(text))


def group_files(kind: str, entry_id: str) -> list[Path]:
    """The files named after an entry: a product group's criteria (data/criteria/<theme id>.yml)."""
    return [path for k, path in folder_files() if kind == "thema" and path.stem == entry_id]


def entry_span(path: Path, entry_id: str) -> tuple[int, int]:
    """0-based [start, end) of the lines of the entry with this id (to the next entry's first line)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    start = next((i for i, line in enumerate(lines) if re.match(r"^-\s+id:\s*['\"]?" + re.escape(entry_id) + r"['\"]?\s*(#.*)?$", line)), None)
    if start is None:
        raise Refusal(f"{path.relative_to(ROOT)}: geen item met '- id: {entry_id}' gevonden.")
    end = next((i for i in range(start + 1, len(lines)) if re.match(r"^-(\s|$)", lines[i])), len(lines))
    while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
        end -= 1
    return start, end


# --- the two commands ------------------------------------------------------


def _existing(path: str) -> str:
    """'docs' for a hand-written page, 'data' for a page made from data/, '' when there is none."""
    if (DOCS / path).is_file():
        return "docs"
    ref = data_page(path)
    if ref:
        try:
            catalog = load(DATA)
        except DataError as exc:
            raise Refusal(f"de gegevens bevatten fouten; verbeter die eerst:\n{exc}") from None
        if (ref[0], ref[1]) in catalog.items:
            return "data"
    return ""


NOTES = DATA / "wijzigingen.yml"


def retarget_notes(change: Change, old: str, new: str) -> None:
    """Change notes (data/wijzigingen.yml) name entries as 'kind:id' in `items` and hand-written pages
    as paths in `paginas`: they follow a rename or a removal like every other reference. An entry
    replaced by a hand-written page moves from the note's `items` to its `paginas`."""
    if not NOTES.exists():
        return
    token = re.compile(r"(?<![\w:/.-])" + re.escape(old) + r"(?![\w-])")
    lines = change.text(NOTES).split("\n")
    out: list[str] = []
    pending_page = None  # a page to add to the note whose items lost `old`
    current = None  # "items" or "paginas" while inside that field's list (which may span lines)
    for line in lines:
        if pending_page and (line.startswith("- ") or not line.strip()):
            out.append(f"  paginas: [{pending_page}]")
            pending_page = None
        field = re.match(r"^  (items|paginas):", line)
        if field:
            current = field.group(1)
        elif not line.startswith("    "):
            current = None
        if current and token.search(line):
            if current == "items" and ":" not in new:
                # entry -> hand-written page: drop it from items, name the page under paginas
                line = re.sub(r"\s*,\s*" + token.pattern, "", line, count=1) if re.search(r",\s*" + token.pattern, line) \
                    else re.sub(token.pattern + r"\s*,?\s*", "", line, count=1)
                if re.match(r"^  items:\s*\[\s*\]\s*$", line):
                    line = None
                pending_page = new
            else:
                line = token.sub(new, line, count=1)
        elif pending_page and field and field.group(1) == "paginas" and "[" in line:
            line = line.replace("[", "[" + pending_page + ", ", 1)
            pending_page = None
        if line is not None and "]" in line:
            current = None if not field or "]" in line else current
        if line is not None:
            out.append(line)
    if pending_page:
        out.append(f"  paginas: [{pending_page}]")
    text = "\n".join(out)
    if text != change.text(NOTES):
        change.set(NOTES, text)


def _follow_everywhere(change: Change, old: str, new: str, drop_anchor: bool) -> None:
    """Links in docs/ and data/: from `old` to `new`."""
    for src in doc_pages():
        path = DOCS / src
        if path in change.removed:
            continue
        text = change.text(path)
        updated = relink_page(text, src, src, {old: new}, drop_anchor)
        if updated != text:
            change.set(path, updated)
    for path in data_files():
        text = change.text(path)
        pattern = r"(\]\(\s*)" + re.escape(old) + (r"(?:#[^)\s]*)?(?=[)\s])" if drop_anchor else r"(?=[)#\s])")
        updated = re.sub(pattern, lambda m: m.group(1) + new, text)
        if updated != text:
            change.set(path, updated)


def verplaats(van: str, naar: str) -> Change:
    van, naar = page_path(van), page_path(naar)
    kind_of_van = _existing(van)
    if not kind_of_van:
        raise Refusal(f"de pagina '{van}' bestaat niet (niet in docs/ en niet uit data/).")
    if van == naar:
        raise Refusal("VAN en NAAR zijn dezelfde pagina.")
    if _existing(naar):
        raise Refusal(f"de pagina '{naar}' bestaat al. Kies een andere naam, of gebruik `make verwijder`.")
    if van in FIXED:
        raise Refusal(f"'{van}' kan niet met dit commando verplaatst worden: {FIXED[van]}. Vraag een ontwikkelaar.")
    change = Change()
    if kind_of_van == "docs":
        if data_page(naar):
            raise Refusal(f"'{naar}' ligt in een map waarvan de pagina's uit data/ komen. Kies een andere map.")
        if not re.fullmatch(r"[a-z0-9-]+(/[a-z0-9-]+)*\.md", naar):
            raise Refusal(f"'{naar}': gebruik kleine letters, cijfers en koppeltekens (het wordt een webadres).")
        text = (DOCS / van).read_text(encoding="utf-8")
        change.set(DOCS / naar, relink_page(text, van, naar, {van: naar}))
        change.removed.add(DOCS / van)
        change.texts.pop(DOCS / van, None)
        retarget_notes(change, van, naar)
        _follow_everywhere(change, van, naar, drop_anchor=False)
    else:
        kind, old_id = data_page(van)
        target = data_page(naar)
        if not target or target[0] != kind:
            raise Refusal(f"'{van}' komt uit data/{KINDS[kind].file}: je kunt alleen de id wijzigen, in dezelfde map "
                          f"(bv. {van.split('/')[0]}/nieuwe-id.md).")
        new_id = target[1]
        if not ID_RE.match(new_id) or len(new_id) > 60:
            raise Refusal(f"'{new_id}' is geen geldige id: kleine letters, cijfers en koppeltekens.")
        path = DATA / KINDS[kind].file
        start, _ = entry_span(path, old_id)
        lines = change.text(path).split("\n")
        lines[start] = re.sub(r"(id:\s*['\"]?)" + re.escape(old_id), r"\g<1>" + new_id, lines[start], count=1)
        change.set(path, "\n".join(lines))
        for criteria in group_files(kind, old_id):  # a product group's criteria file carries its id as name
            change.set(criteria.with_name(f"{new_id}.yml"), change.text(criteria))
            change.removed.add(criteria)
            change.texts.pop(criteria, None)
        rename_refs(change, kind, old_id, new_id)
        for p in data_files():
            change.set(p, retarget_entry_links(change.text(p), kind, old_id, f"{kind}:{new_id}"))
        for src in doc_pages():
            text = change.text(DOCS / src)
            updated = retarget_entry_links(text, kind, old_id, f"{kind}:{new_id}")
            if updated != text:
                change.set(DOCS / src, updated)
        retarget_notes(change, f"{kind}:{old_id}", f"{kind}:{new_id}")
        _follow_everywhere(change, van, naar, drop_anchor=False)
    config = config_replace(change.text(CONFIG), van, naar)
    change.set(CONFIG, add_redirect(config, van, naar))
    change.notes.append(f"Doorverwijzing: {html_of(van)} leidt nu naar {html_of(naar)}.")
    return change


def verwijder(pagina: str, vervang: str) -> Change:
    pagina, vervang = page_path(pagina), page_path(vervang)
    kind_of_page = _existing(pagina)
    if not kind_of_page:
        raise Refusal(f"de pagina '{pagina}' bestaat niet (niet in docs/ en niet uit data/).")
    if not vervang or not _existing(vervang):
        raise Refusal(f"geef met VERVANG= de pagina die in de plaats komt; '{vervang}' bestaat niet.")
    if pagina == vervang:
        raise Refusal("PAGINA en VERVANG zijn dezelfde pagina.")
    if pagina in FIXED:
        raise Refusal(f"'{pagina}' kan niet met dit commando verwijderd worden: {FIXED[pagina]}. Vraag een ontwikkelaar.")
    change = Change()
    config = change.text(CONFIG)
    if kind_of_page == "docs":
        if nav_entry_is_section_index(config, pagina):
            raise Refusal(f"'{pagina}' is de eerste pagina van een onderdeel van het menu; verwijder eerst de andere "
                          "pagina's van dat onderdeel, of vraag een ontwikkelaar.")
        change.removed.add(DOCS / pagina)
        replacement = data_page(vervang)
        retarget_notes(change, pagina, f"{replacement[0]}:{replacement[1]}" if replacement else vervang)
    else:
        kind, old_id = data_page(pagina)
        for criteria in group_files(kind, old_id):
            raise Refusal(f"'{pagina}' is een productgroep met criteria in {criteria.relative_to(ROOT).as_posix()}. "
                          "Verplaats die criteria eerst naar een andere productgroep of verwijder ze, of vraag een "
                          "ontwikkelaar.")
        path = DATA / KINDS[kind].file
        start, end = entry_span(path, old_id)
        lines = change.text(path).split("\n")
        del lines[start:end]
        change.set(path, "\n".join(lines))
        same = data_page(vervang)
        new_id = same[1] if same and same[0] == kind else None
        rename_refs(change, kind, old_id, new_id)
        link = f"{kind}:{new_id}" if new_id else vervang
        for p in data_files():
            change.set(p, retarget_entry_links(change.text(p), kind, old_id, link))
        for src in doc_pages():
            text = change.text(DOCS / src)
            updated = retarget_entry_links(text, kind, old_id, posixpath.relpath(vervang, posixpath.dirname(src) or "."))
            if updated != text:
                change.set(DOCS / src, updated)
        retarget_notes(change, f"{kind}:{old_id}", link)
    _follow_everywhere(change, pagina, vervang, drop_anchor=True)
    config = config_replace(change.text(CONFIG), pagina, None)
    config = _token_re(pagina).sub(vervang, config)  # older redirects to the removed page
    change.set(CONFIG, add_redirect(config, pagina, vervang))
    change.notes.append(f"Doorverwijzing: {html_of(pagina)} leidt nu naar {html_of(vervang)}.")
    return change


def _validate(change: Change) -> None:
    """The data after the change must still pass (python -m macros): checked on a scratch copy."""
    import shutil
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        data, docs = Path(tmp) / "data", Path(tmp) / "docs"
        shutil.copytree(DATA, data)
        shutil.copytree(DOCS, docs)
        for path in change.removed:
            (Path(tmp) / path.relative_to(ROOT)).unlink(missing_ok=True)
        for path, text in change.texts.items():
            if path in change.removed:
                continue
            rel = path.relative_to(ROOT)
            if rel.parts[0] in ("data", "docs"):
                (Path(tmp) / rel).parent.mkdir(parents=True, exist_ok=True)
                (Path(tmp) / rel).write_text(text, encoding="utf-8")
        try:
            catalog = load(data, docs_dir=docs)
            load_changelog(data, catalog, page_titles(docs, catalog))
        except DataError as exc:
            raise Refusal(f"na deze wijziging zouden de gegevens niet kloppen; er is niets gewijzigd:\n{exc}") from None


def main(argv: list[str]) -> int:
    usage = ("Gebruik: make verplaats VAN=oude/pagina.md NAAR=nieuwe/pagina.md\n"
             "     of: make verwijder PAGINA=oude/pagina.md VERVANG=andere/pagina.md")
    if len(argv) != 3 or argv[0] not in ("verplaats", "verwijder") or not argv[1].strip() or not argv[2].strip():
        print(usage, file=sys.stderr)
        return 2
    try:
        change = (verplaats if argv[0] == "verplaats" else verwijder)(argv[1], argv[2])
        _validate(change)
    except Refusal as exc:
        print(f"Niets gewijzigd: {exc}", file=sys.stderr)
        return 1
    for path in change.write():
        print(f"  gewijzigd: {path}")
    for note in change.notes:
        print(note)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
