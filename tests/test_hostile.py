"""The hostile-input corpus (tests/hostile_payloads.py), each payload through a real build.

Refused payloads: one copy of the repository per payload, `mkdocs build --strict`, which must
stop with the usual message (file, line, entry, field, the fix) and never a traceback.
Inert payloads: one copy holding all of them, built strictly (online and offline), then every
page that carries a payload's marker is opened in Chromium, served and from file://; each
element carrying it is hovered and clicked, and the page must show no dialog, no event-handler
attribute, no script URL, no meta refresh, none of the scripts' gadgets in its content, no CSP
violation, and ask no other host for anything.

Leaks: every build gets a secret in an environment variable and a secret file outside the
repository ({GEHEIM}, {BUITEN} in the payloads). Neither may appear in a refused build's output,
nor in the inert site, its offline zip or its PDF. The corpus counts what it checked and says so.
"""
from __future__ import annotations

import os
import re
import secrets
import shutil
import subprocess
import zipfile
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
    found = re.search(r"XSS\d{2,3}", payload.value) or re.search(r"XSS\d{2,3}", payload.where)
    assert found, f"{payload.id}: every payload carries a marker XSSnn (in its value, or in its file name)"
    return found.group(0)


# The build's secrets (see the module's docstring): an environment variable and a file outside the repository.
SECRET_NAME = "CIRCULAIR_GEHEIM"
SECRET = "GEHEIM-" + secrets.token_hex(8)
OUTSIDE_SECRET = "BUITEN-" + secrets.token_hex(8)
_outside: dict = {}


def outside_file() -> Path:
    if "path" not in _outside:
        import tempfile

        folder = Path(tempfile.mkdtemp(prefix="buiten-"))
        (folder / "geheim.txt").write_text(OUTSIDE_SECRET + "\n", encoding="utf-8")
        _outside["path"] = folder / "geheim.txt"
    return _outside["path"]


def filled(text: str) -> str:
    return text.replace("{GEHEIM}", SECRET_NAME).replace("{BUITEN}", str(outside_file()))


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
    value = filled(payload.value)
    if payload.raw == "front":
        page = root / payload.where
        text = page.read_text(encoding="utf-8")
        if text.startswith("---\n"):
            # The payload's key takes the place of the page's own (a key written twice is refused for that alone).
            key = re.match(r"[\w-]+:", value).group(0)
            end = text.index("\n---\n", 3)
            kept = [line for line in text[4:end].split("\n") if not line.startswith(key)]
            text = "---\n" + "\n".join([value, *kept]) + text[end:]
        else:
            text = f"---\n{value}\n---\n\n{text}"
        page.write_text(text, encoding="utf-8")
        return
    if payload.raw == "heading":
        page = root / payload.where
        text = page.read_text(encoding="utf-8")
        first = next(line for line in text.split("\n") if line.startswith("# "))
        page.write_text(text.replace(first, value, 1), encoding="utf-8")
        return
    if payload.raw == "prepend":
        page = root / payload.where
        page.write_text(value + "\n" + page.read_text(encoding="utf-8"), encoding="utf-8")
        return
    if payload.raw == "new-file":
        (root / payload.where).parent.mkdir(parents=True, exist_ok=True)
        (root / payload.where).write_text(value, encoding="utf-8")
        return
    if payload.raw == "symlink":
        (root / payload.where).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(value, root / payload.where)
        return
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
        page.write_text(page.read_text(encoding="utf-8") + "\n\n" + value + "\n", encoding="utf-8")
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


def build(root: Path, env: dict | None = None, site: str = "site") -> subprocess.CompletedProcess:
    """A strict build of a copy, with the build's secret in its environment."""
    return subprocess.run([str(BIN / "mkdocs"), "build", "--strict", "--site-dir", str(root / site)],
                          cwd=root, capture_output=True, text=True, env={**ENV, SECRET_NAME: SECRET, **(env or {})},
                          timeout=300)


def secrets_in(data: bytes | str) -> list[str]:
    text = data.decode("utf-8", errors="replace") if isinstance(data, bytes) else data
    return [s for s in (SECRET, OUTSIDE_SECRET) if s in text]


def test_corpus_is_large_and_well_formed(capsys):
    with capsys.disabled():
        families = sorted({p.family for p in PAYLOADS})
        print(f"\n  vijandig corpus: {len(PAYLOADS)} payloads in {len(families)} families, "
              f"{len(REFUSED)} geweigerd verwacht, {len(INERT)} onschadelijk verwacht")
    assert len(PAYLOADS) >= 100
    assert len({p.id for p in PAYLOADS}) == len(PAYLOADS)
    assert len({marker(p) for p in PAYLOADS}) == len(PAYLOADS), "markers must be unique"
    families = {p.family for p in PAYLOADS}
    for family in ("event handler", "script URL", "data URL", "SVG", "reference link", "autolink", "HTML comment",
                   "title breakout", "alias bomb", "oversized input", "bad encoding",
                   "page Jinja", "front matter", "meta refresh", "gadget", "file", "symlink", "address"):
        assert family in families
    # All inert payloads go into one copy: two in the same data field would overwrite each other.
    fields = [p.where for p in INERT if "#" in p.where]
    assert len(fields) == len(set(fields)), sorted(f for f in fields if fields.count(f) > 1)
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
        proc = build(root)
        # What the failed build left in its output folder (make build would keep the last good site/).
        proc.pages = sorted(p.name for p in (root / "site").rglob("*.html")) if (root / "site").is_dir() else []
        return payload.id, proc

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(pool.map(run, REFUSED))


# Payloads whose message names the line (a whole file, a link or a file type has none).
NAMES_A_LINE = {None, "latin-1", "yaml", "front", "heading", "prepend"}


def refusal_problems(payload: Payload, proc) -> list[str]:
    """What is wrong with how a build answered a payload that must be refused: [] when it was refused
    with one Dutch message naming the file (and the line, entry and field where there are any)."""
    if proc.returncode == 0:
        return [f"{payload.id}: the build accepted {payload.value[:80]!r}"]
    err = proc.stderr
    found = []
    if "Traceback" in err:
        found.append(f"{payload.id}: a traceback\n{err[-2000:]}")
    if secrets_in(proc.stdout + err):
        found.append(f"{payload.id}: a secret of the build is in its output")
    if "Error reading page" in err or "Error building page" in err:
        found.append(f"{payload.id}: MkDocs' English line before the message")
    if getattr(proc, "pages", None):
        found.append(f"{payload.id}: half built, {len(proc.pages)} pages written before it stopped")
    file, _, rest = payload.where.partition("#")
    line = next((l for l in err.splitlines() if file in l and payload.says in l), None)  # noqa: E741
    if line is None:
        return found + [f"{payload.id}: no line naming {file} and saying {payload.says!r}:\n{err[-2000:]}"]
    if (payload.raw in NAMES_A_LINE or (payload.raw == "new-file" and file.endswith(".svg"))) and "regel " not in line:
        found.append(f"{payload.id}: no line number in {line}")
    if rest:
        entry, _, field = rest.rpartition(".")
        entry = entry.split("/")[-1] if field != "id" else None
        if entry and f"'{entry}'" not in line:
            found.append(f"{payload.id}: entry '{entry}' not named in {line}")
        if f"veld '{field}" not in line:
            found.append(f"{payload.id}: field '{field}' not named in {line}")
    return found


@pytest.mark.parametrize("payload", REFUSED, ids=lambda p: p.id)
def test_refused_with_the_usual_message(refusals, payload):
    assert refusal_problems(payload, refusals[payload.id]) == []


def test_the_refusal_check_catches_each_kind_of_failure():
    """The control of the corpus's own check, on every run: a build that accepted, a traceback, a
    leaked secret, MkDocs' English line, a message without the file or without the line."""
    payload = next(p for p in REFUSED if p.where == "docs/over.md" and p.raw is None)
    good = f"ERROR   -  Er zit een fout in een pagina (de site is niet gebouwd):\n  - docs/over.md, regel 9: {payload.says}."
    ok = subprocess.CompletedProcess([], 1, "", good)
    assert refusal_problems(payload, ok) == []
    cases = {
        "accepted": subprocess.CompletedProcess([], 0, "", ""),
        "a traceback": subprocess.CompletedProcess([], 1, "", good + "\nTraceback (most recent call last):"),
        "a secret": subprocess.CompletedProcess([], 1, SECRET, good),
        "English line": subprocess.CompletedProcess([], 1, "", "ERROR - Error reading page 'over.md':\n" + good),
        "no line naming": subprocess.CompletedProcess([], 1, "", "ERROR - docs/ander.md, regel 9: " + payload.says),
        "no line number": subprocess.CompletedProcess([], 1, "", good.replace(", regel 9", "")),
        "half built": subprocess.CompletedProcess([], 1, "", good),
    }
    cases["half built"].pages = ["index.html"]
    for kind, proc in cases.items():
        assert any(kind in problem for problem in refusal_problems(payload, proc)), kind


def test_every_refused_payload_was_refused(refusals, capsys):
    """The corpus proves it looked: as many refused builds as refused payloads, each one failed."""
    failed = [pid for pid, proc in refusals.items() if proc.returncode != 0]
    with capsys.disabled():
        print(f"\n  vijandig corpus: {len(failed)} van {len(REFUSED)} builds geweigerd")
    assert len(refusals) == len(REFUSED) > 0 and len(failed) == len(REFUSED)


@pytest.fixture(scope="module")
def inert_build(tmp_path_factory) -> Path:
    """One copy holding every inert payload, built online (site/) and offline (site-offline/)."""
    root = repo_copy(tmp_path_factory.mktemp("inert") / "repo")
    for payload in INERT:
        inject(root, payload)
    proc = build(root)
    assert proc.returncode == 0, proc.stderr[-3000:]
    offline = build(root, env={"OFFLINE": "true"}, site="site-offline")
    assert offline.returncode == 0, offline.stderr[-3000:]
    assert secrets_in(proc.stdout + proc.stderr + offline.stdout + offline.stderr) == []
    return root


@pytest.fixture(scope="module")
def inert_site(inert_build) -> Path:
    return inert_build / "site"


def leaks_in(folder: Path) -> tuple[int, list[str]]:
    """(files looked at, files holding a secret of the build)."""
    files = [p for p in sorted(folder.rglob("*")) if p.is_file()]
    return len(files), [p.relative_to(folder).as_posix() for p in files if secrets_in(p.read_bytes())]


def test_no_secret_of_the_build_reaches_the_site_the_zip_or_the_pdf(inert_build, browser, tmp_path, capsys):
    """Neither the build's environment nor a file outside the repository ends up in what is published."""
    from pypdf import PdfReader

    from browser import serve

    # The control: a secret planted in a copy of the offline build is found where it was put.
    planted = tmp_path / "geplant"
    shutil.copytree(inert_build / "site-offline", planted)
    (planted / "assets" / "x.txt").write_text(f"PATH=/usr/bin\n{SECRET_NAME}={SECRET}\n", encoding="utf-8")
    with open(planted / "index.html", "a", encoding="utf-8") as page:
        page.write(f"<!-- {OUTSIDE_SECRET} -->")
    assert leaks_in(planted)[1] == ["assets/x.txt", "index.html"]
    checked = 0
    for folder in ("site", "site-offline"):
        count, found = leaks_in(inert_build / folder)
        checked += count
        assert found == [], f"{folder}: {found}"
    archive = tmp_path / "bundel.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted((inert_build / "site-offline").rglob("*")):
            if path.is_file():
                zf.write(path, path.relative_to(inert_build / "site-offline").as_posix())
    with zipfile.ZipFile(archive) as zf:
        for name in zf.namelist():
            checked += 1
            assert secrets_in(zf.read(name)) == [], name
    # The PDF as tools/pdf.py prints it: the print page, in print media, by this session's Chromium.
    target = tmp_path / "gids.pdf"
    with serve(inert_build / "site") as base:
        page = browser.new_page()
        try:
            page.goto(base + "afdrukken.html", wait_until="load")
            page.emulate_media(media="print")
            page.pdf(path=str(target), format="A4")
        finally:
            page.close()
    text = "".join(page.extract_text() or "" for page in PdfReader(target).pages)
    checked += 1
    assert len(text) > 10_000 and secrets_in(text) == [] and secrets_in(target.read_bytes()) == []
    # The control: the same search finds a secret that is there.
    assert secrets_in(f"x{SECRET}x") == [SECRET] and secrets_in(OUTSIDE_SECRET.encode()) == [OUTSIDE_SECRET]
    with capsys.disabled():
        print(f"\n  lekcontrole: {checked} bestanden van site, offline build, zip en PDF nagekeken")
    assert checked > 100


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
    // The offline bundle's search runs in a hidden frame of its own (docs/assets/javascripts/offline/).
    const searchFrame = el.tagName === 'IFRAME' && el.hidden && el.parentElement === document.body &&
      /\\/workers\\/search[\\w.-]*\\.js/.test(el.name);
    if (['IFRAME', 'OBJECT', 'EMBED'].includes(el.tagName) && !searchFrame) found.push(el.tagName.toLowerCase());
  }
  // A meta refresh leaves the page by itself, with or without a delay: no page of content has one.
  for (const el of document.querySelectorAll('meta[http-equiv]'))
    if (el.getAttribute('http-equiv').trim().toLowerCase() === 'refresh') found.push(`meta refresh ${el.content}`);
  // Material's configuration is its own script element, once.
  const config = document.querySelectorAll('[id="__config"]');
  if (config.length > 1 || (config.length === 1 && config[0].tagName !== 'SCRIPT')) found.push('a second __config');
  // Gadgets in the content: what Material's scripts and ours look up (macros/sanitize.py).
  const article = document.querySelector('article');
  if (article) {
    const gadgets = '[id^="__"], [for^="__"], [name^="__"], [data-clipboard-text], [data-clipboard-target], ' +
      '[data-doorverwijzing], [data-preview], [data-copy], [data-tabs], [data-toetsenbord], .md-clipboard, .mermaid, ' +
      '[class*="md-search"]';
    for (const el of article.querySelectorAll(gadgets)) found.push(`gadget ${el.outerHTML.slice(0, 80)}`);
    for (const el of article.querySelectorAll('*'))
      for (const a of el.attributes) if (a.name.startsWith('data-md-')) found.push(`gadget ${a.name}`);
    // Addresses as a browser reads them: another host without a scheme, a mail with more than a subject.
    for (const el of article.querySelectorAll('a[href], img[src]')) {
      const raw = el.getAttribute(el.tagName === 'A' ? 'href' : 'src');
      const seen = raw.replace(/^[\\u0000-\\u0020]+|[\\u0000-\\u0020]+$/g, '').replace(/[\\t\\n\\r]/g, '').replace(/\\\\/g, '/');
      if (seen.startsWith('//')) found.push(`other host ${el.tagName.toLowerCase()} ${raw}`);
      if (el.tagName === 'IMG' && /^[a-z][a-z0-9+.-]*:/i.test(seen)) found.push(`image from elsewhere ${raw}`);
      else if (el.tagName === 'IMG' && seen.startsWith('/') && !seen.startsWith('//')) found.push(`image from the disk ${raw}`);
      if (/^mailto:/i.test(seen) && (/[?&](cc|bcc|body|to)=/i.test(seen) || /%0[ad]/i.test(seen) || /[,;]/.test(seen.split('?')[0])))
        found.push(`mail link ${raw}`);
    }
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


@pytest.mark.parametrize("mode", ["online", "file"])
@pytest.mark.parametrize("payload", INERT, ids=lambda p: p.id)
def test_inert_in_the_browser(inert_build, browser, payload, mode):
    """Served over http, and from file:// (the offline build, as the bundle is read)."""
    from contextlib import nullcontext

    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    from browser import serve

    folder = inert_build / ("site" if mode == "online" else "site-offline")
    mark = marker(payload)
    pages = pages_with(folder, mark, payload.page)
    assert pages, f"{payload.id}: marker {mark} is on no page (the payload vanished instead of showing as text)"
    with (serve(folder) if mode == "online" else nullcontext(folder.as_uri() + "/")) as base:
        context = browser.new_context()
        context.add_init_script(CSP_WATCH)
        page = context.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        clicked = {"yet": False}
        elsewhere: list[str] = []

        def watch(request):
            if request.url.startswith((base, "data:", "blob:", "about:")):
                return
            if clicked["yet"] and request.is_navigation_request():
                return  # a reader clicked a link to another site: that is what links are for
            elsewhere.append(request.url)

        context.on("request", watch)
        touched = 0
        try:
            for rel in pages:
                clicked["yet"] = False
                page.goto(base + rel)
                page.wait_for_timeout(200)  # a script that would send the reader away does so at once
                assert page.url.split("#")[0] == base + rel, f"{payload.id}: {rel} went to {page.url} by itself"
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
                        clicked["yet"] = True
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
    assert not elsewhere, f"{payload.id} ({mode}): asked another host: {elsewhere[:5]}"
    assert touched, f"{payload.id}: no element carrying {mark} could be hovered and clicked on {pages}"


def test_the_browser_check_sees_each_kind_of_danger(browser, tmp_path):
    """The control of the inert check: planted in a page, each danger it looks for is reported."""
    page_html = ('<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Refresh" content="20;url=x.html">'
                 '</head><body><article><div id="__config">x</div><button data-clipboard-text="x">b</button>'
                 '<a href="/\\evil.example/">l</a><img src="https://evil.example/p.png" alt="">'
                 '<a href="mailto:a@b.be?bcc=c@d.be">m</a><p onclick="x()">p</p><div data-md-component="outdated">o</div>'
                 '<iframe hidden name="x/workers/search.js" src="about:blank"></iframe><img src="/etc/x.png" alt="">'
                 '</article></body></html>')
    (tmp_path / "a.html").write_text(page_html, encoding="utf-8")
    page = browser.new_page()
    try:
        page.route("**/*", lambda route: route.abort() if "evil.example" in route.request.url else route.continue_())
        page.goto((tmp_path / "a.html").as_uri())
        found = page.evaluate(DANGER)
    finally:
        page.close()
    for kind in ("meta refresh", "a second __config", "gadget <div id=\"__config\"", "gadget <button", "other host",
                 "image from elsewhere", "mail link", "p onclick", "gadget data-md-component", "iframe",
                 "image from the disk"):
        assert any(f.startswith(kind) for f in found), (kind, found)
