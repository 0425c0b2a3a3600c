"""The hostile-input corpus (tests/hostile_payloads.py), each payload through a real build.

Refused payloads: one copy of the repository per payload, `mkdocs build --strict`, which must
stop with the usual message (file, line, entry, field, the fix) and never a traceback.
Inert payloads: one copy holding all of them, built strictly, then every page that carries a
payload's marker is opened in Chromium; each element carrying it is hovered and clicked, and
the page must show no dialog, no event-handler attribute, no script URL and no CSP violation.
"""
from __future__ import annotations

import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import yaml

from conftest import BIN, ENV, ROOT
from hostile_payloads import PAYLOADS, Payload

REPO_PARTS = ("mkdocs.yml", "docs", "data", "macros", "overrides", "schemas", "tools")
REFUSED = [p for p in PAYLOADS if p.expect == "refused"]
INERT = [p for p in PAYLOADS if p.expect == "inert"]


def marker(payload: Payload) -> str:
    import re

    found = re.search(r"XSS\d+", payload.value)  # two digits, or three (XSS2nn: issue 21, sections 6 to 8)
    assert found, f"{payload.id}: every payload carries a marker XSSnn"
    return found.group(0)


def repo_copy(dest: Path) -> Path:
    dest.mkdir(parents=True)
    for part in REPO_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / part)
    return dest


def inject(root: Path, payload: Payload) -> None:
    if payload.raw == "file":
        (root / payload.where).write_text(payload.value, encoding="utf-8")
        return
    # --- issue 21, sections 6 to 8 (h21b): files that are not plain UTF-8 files in data/ ---
    if payload.raw == "utf-16":
        (root / payload.where).write_bytes(payload.value.encode("utf-16"))
        return
    if payload.raw == "map":
        (root / payload.where).unlink()
        (root / payload.where).mkdir()
        (root / payload.where / "LEESMIJ.txt").write_text(payload.value, encoding="utf-8")
        return
    if payload.raw == "link":
        elsewhere = root.parent / f"{root.name}-elders.yml"  # outside the repository
        elsewhere.write_text(payload.value, encoding="utf-8")
        (root / payload.where).unlink()
        (root / payload.where).symlink_to(elsewhere)
        return
    if payload.raw == "link-map":
        elsewhere = root.parent / f"{root.name}-data-elders"
        shutil.move(str(root / "data"), elsewhere)
        (root / "data").symlink_to(elsewhere, target_is_directory=True)
        return
    if payload.raw == "latin-1":
        path = root / payload.where
        text = path.read_text(encoding="utf-8")
        path.write_bytes(text.replace("\n", "\n# " + payload.value + "\n", 1).encode("latin-1"))
        return
    if payload.where.startswith("docs/"):
        page = root / payload.where
        page.write_text(page.read_text(encoding="utf-8") + "\n\n" + payload.value + "\n", encoding="utf-8")
        return
    file, _, rest = payload.where.partition("#")
    path, _, field = rest.rpartition(".")
    ids = path.split("/")
    target = root / file
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    entry = next(e for e in data if e["id"] == ids[0])
    if len(ids) == 2:
        entry = next(s for s in entry["strategieen"] if s["id"] == ids[1])
    current = entry.get(field)
    value = "@@ONBEWERKT@@" if payload.raw == "yaml" else payload.value
    entry[field] = [value, *current[1:]] if isinstance(current, list) else value
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
    if payload.raw == "yaml":  # the value as YAML, unquoted: a number, a type, a double-quoted escape
        assert text.count("'@@ONBEWERKT@@'") == 1, payload.id
        text = text.replace("'@@ONBEWERKT@@'", payload.value)
    target.write_text(text, encoding="utf-8")


def build(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "mkdocs"), "build", "--strict", "--site-dir", str(root / "site")],
                          cwd=root, capture_output=True, text=True, env=ENV, timeout=300)


def test_corpus_is_large_and_well_formed():
    assert len(PAYLOADS) >= 30
    assert len({p.id for p in PAYLOADS}) == len(PAYLOADS)
    assert len({marker(p) for p in PAYLOADS}) == len(PAYLOADS), "markers must be unique"
    families = {p.family for p in PAYLOADS}
    for family in ("event handler", "script URL", "data URL", "SVG", "reference link", "autolink", "HTML comment",
                   "title breakout", "alias bomb", "oversized input", "bad encoding"):
        assert family in families
    for family in ("XML-invalid character", "message"):  # issue 21, sections 6 to 8 (h21b)
        assert family in families
    for p in PAYLOADS:
        assert p.expect in ("refused", "inert"), p.id
        assert (p.says is not None) == (p.expect == "refused"), p.id


@pytest.fixture(scope="module")
def refusals(tmp_path_factory) -> dict[str, subprocess.CompletedProcess]:
    base = tmp_path_factory.mktemp("refused")

    def run(payload: Payload):
        root = repo_copy(base / payload.id)
        inject(root, payload)
        return payload.id, build(root)

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(pool.map(run, REFUSED))


@pytest.mark.parametrize("payload", REFUSED, ids=lambda p: p.id)
def test_refused_with_the_usual_message(refusals, payload):
    proc = refusals[payload.id]
    assert proc.returncode != 0, f"{payload.id}: the build accepted {payload.value!r}"
    err = proc.stderr
    assert "Traceback" not in err, err[-2000:]
    file, _, rest = payload.where.partition("#")
    line = next(l for l in err.splitlines() if file in l and payload.says in l)  # noqa: E741
    if payload.raw in (None, "latin-1", "yaml"):
        assert "regel " in line, line
    if rest:
        entry, _, field = rest.rpartition(".")
        entry = entry.split("/")[-1] if field != "id" else None
        if entry:
            assert f"'{entry}'" in line, line
        assert f"veld '{field}" in line, line


@pytest.fixture(scope="module")
def inert_site(tmp_path_factory) -> Path:
    root = repo_copy(tmp_path_factory.mktemp("inert") / "repo")
    for payload in INERT:
        inject(root, payload)
    proc = build(root)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return root / "site"


# Runs in the page: mark every element whose start tag or own text carries the marker.
MARK = """(marker) => {
  let n = 0;
  for (const el of document.querySelectorAll('body *')) {
    const own = [...el.childNodes].filter(c => c.nodeType === 3).map(c => c.textContent).join(' ');
    const attrs = [...el.attributes].map(a => a.value).join(' ');
    if (own.includes(marker) || attrs.includes(marker)) { el.setAttribute('data-payload', marker); n++; }
  }
  return n;
}"""

# Runs in the page: anything that could run script, anywhere in the document.
DANGER = """() => {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      const value = a.value.replace(/[\\u0000-\\u0020]/g, '').toLowerCase();
      if (a.name.startsWith('on')) found.push(`${el.tagName.toLowerCase()} ${a.name}`);
      if (['href', 'src', 'action', 'formaction', 'xlink:href'].includes(a.name) &&
          /^(javascript|vbscript|data):/.test(value) && !(el.tagName === 'IMG' && value.startsWith('data:image/')))
        found.push(`${el.tagName.toLowerCase()} ${a.name}=${a.value.slice(0, 40)}`);
    }
    if (['IFRAME', 'OBJECT', 'EMBED'].includes(el.tagName)) found.push(el.tagName.toLowerCase());
  }
  return found;
}"""

CSP_WATCH = ("window.__csp = []; document.addEventListener('securitypolicyviolation', "
             "e => window.__csp.push(e.violatedDirective + ' ' + (e.sample || e.blockedURI)));")


def pages_with(site: Path, text: str, first: str | None, limit: int = 3) -> list[str]:
    pages = [first] if first else []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel not in pages and text in path.read_text(encoding="utf-8"):
            pages.append(rel)
    return pages[:limit]


@pytest.mark.parametrize("payload", INERT, ids=lambda p: p.id)
def test_inert_in_the_browser(inert_site, browser, payload):
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    from browser import serve

    mark = marker(payload)
    pages = pages_with(inert_site, mark, payload.page)
    assert pages, f"{payload.id}: marker {mark} is on no page (the payload vanished instead of showing as text)"
    with serve(inert_site) as base:
        context = browser.new_context()
        context.add_init_script(CSP_WATCH)
        page = context.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        touched = 0
        try:
            for rel in pages:
                page.goto(base + rel)
                count = page.evaluate(MARK, mark)
                for i in range(min(count, 12)):
                    if page.url.split("#")[0].split("?")[0] != base + rel or "?" in page.url:
                        page.goto(base + rel)
                        page.evaluate(MARK, mark)
                    element = page.locator(f'[data-payload="{mark}"]').nth(i)
                    if not element.is_visible():
                        continue
                    try:
                        element.hover(timeout=2000)
                        page.wait_for_timeout(300)  # Material shows a tooltip after 250 ms
                        assert page.evaluate(DANGER) == [], f"{payload.id} on {rel}"
                        element.click(timeout=2000)
                    except PlaywrightTimeout:
                        continue  # covered by another element (a collapsed menu): not reachable by a reader either
                    page.wait_for_load_state()  # a link or a form may have opened another page
                    page.wait_for_timeout(150)
                    touched += 1
                if page.url.split("#")[0] == base + rel:
                    assert page.evaluate(DANGER) == [], f"{payload.id} on {rel}"
                    assert page.evaluate("window.__csp") == [], f"{payload.id} on {rel}: the CSP had to stop something"
        finally:
            context.close()
    assert not dialogs, f"{payload.id}: a dialog opened: {dialogs}"
    assert touched, f"{payload.id}: no element carrying {mark} could be hovered and clicked on {pages}"
