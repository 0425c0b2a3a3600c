"""Repository furniture for editors: CODEOWNERS, issue forms, PR template, pre-commit, dependabot, editorconfig."""
from __future__ import annotations

import configparser
import json
import re
import subprocess

import yaml

from conftest import ROOT
from macros.model import SOORTEN, TALEN

GITHUB = ROOT / ".github"


def repo_files() -> list[str]:
    """Tracked and new (not ignored) files: what a pull request would contain."""
    proc = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"],
                          cwd=ROOT, capture_output=True, text=True, check=True)
    return [line for line in proc.stdout.splitlines() if (ROOT / line).exists()]


def codeowners_regex(pattern: str) -> re.Pattern:
    """A CODEOWNERS pattern (gitignore rules) as a regex over repository paths."""
    anchored = pattern.startswith("/") or "/" in pattern.rstrip("/")
    directory = pattern.endswith("/")
    body = pattern.strip("/")
    out = ""
    i = 0
    while i < len(body):
        if body.startswith("**/", i):
            out += "(?:.*/)?"
            i += 3
        elif body.startswith("**", i):
            out += ".*"
            i += 2
        elif body[i] == "*":
            out += "[^/]*"
            i += 1
        elif body[i] == "?":
            out += "[^/]"
            i += 1
        else:
            out += re.escape(body[i])
            i += 1
    prefix = "" if anchored else "(?:.*/)?"
    suffix = "/.*" if directory else "(?:/.*)?"
    return re.compile(f"^{prefix}{out}{suffix}$")


def codeowners() -> list[tuple[str, list[str]]]:
    rules = []
    for line in (GITHUB / "CODEOWNERS").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            pattern, *owners = line.split()
            rules.append((pattern, owners))
    return rules


def test_codeowners_pattern_matcher():
    assert codeowners_regex("*").match("macros/model.py")
    assert codeowners_regex("/data/").match("data/bronnen.yml")
    assert not codeowners_regex("/data/").match("tests/fixtures/data/bronnen.yml")
    assert codeowners_regex("/docs/*.md").match("docs/index.md")
    assert not codeowners_regex("/docs/*.md").match("docs/stappen/index.md")
    assert codeowners_regex("/docs/**/*.md").match("docs/stappen/index.md")
    assert not codeowners_regex("/bestaat-niet/").match("data/bronnen.yml")


def test_every_codeowners_pattern_matches_a_file():
    files = repo_files()
    assert len(files) > 50
    rules = codeowners()
    assert rules
    for pattern, owners in rules:
        assert owners and all(re.fullmatch(r"@[\w.-]+(/[\w.-]+)?", o) for o in owners), pattern
        assert any(codeowners_regex(pattern).match(f) for f in files), f"CODEOWNERS: '{pattern}' past op geen enkel bestand"
    # Content files are reviewed by the editorial team (the last matching rule wins).
    for path in ("data/bronnen.yml", "docs/bronnen.md", "docs/stappen/index.md"):
        owners = [o for p, o in rules if codeowners_regex(p).match(path)][-1]
        assert "@circulaire-zorg/redactie" in owners, path
    # Code only through the developers: a new script or stylesheet under docs/ included (issue 21).
    for path in ("docs/assets/javascripts/nieuw.js", "docs/assets/stylesheets/nieuw.css", "docs/assets/javascripts/x/y.md",
                 "overrides/main.html", "overrides/hooks/inhoud.py", "macros/sanitize.py", "tools/offline.py",
                 "mkdocs.yml", ".github/workflows/pr.yml", ".github/CODEOWNERS"):
        owners = [o for p, o in rules if codeowners_regex(p).match(path)][-1]
        assert owners == ["@circulaire-zorg/ontwikkelaars"], (path, owners)


def forms() -> dict[str, dict]:
    return {p.name: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((GITHUB / "ISSUE_TEMPLATE").glob("*.yml"))}


def test_issue_forms_are_complete():
    found = forms()
    assert found["config.yml"]["blank_issues_enabled"] is False
    for name in ("inhoud.yml", "nieuwe-bron.yml", "nieuw-voorbeeld.yml"):
        form = found[name]
        assert form["name"] and form["description"] and form["body"], name
        ids = [f["id"] for f in form["body"] if f["type"] != "markdown"]
        assert len(ids) == len(set(ids)), name
        required = [f["id"] for f in form["body"] if f.get("validations", {}).get("required")
                    or any(o.get("required") for o in f.get("attributes", {}).get("options", []) if isinstance(o, dict))]
        assert len(required) >= 2, name
        for field in form["body"]:
            assert field["type"] in ("markdown", "input", "textarea", "dropdown", "checkboxes"), (name, field)
            if field["type"] != "markdown":
                assert re.fullmatch(r"[a-z][a-z0-9_-]*", field["id"]) and field["attributes"]["label"], (name, field)


def test_page_feedback_link_fills_the_content_form():
    """pagemeta.py prefills the field 'pagina' of inhoud.yml: the form must keep that id."""
    from importlib import util

    spec = util.spec_from_file_location("pagemeta", ROOT / "overrides" / "hooks" / "pagemeta.py")
    pagemeta = util.module_from_spec(spec)
    spec.loader.exec_module(pagemeta)
    form = forms()[pagemeta.ISSUE_TEMPLATE]
    assert "pagina" in [f.get("id") for f in form["body"]]
    url = pagemeta.feedback_url("https://github.com/o/r", "Hulpbronnen & co", "https://x.org/bronnen.html")
    assert url == ("https://github.com/o/r/issues/new?template=inhoud.yml&title=Suggestie%3A+Hulpbronnen+%26+co"
                   "&pagina=https%3A%2F%2Fx.org%2Fbronnen.html")


def test_new_resource_form_offers_the_choices_the_data_accepts():
    body = {f.get("id"): f for f in forms()["nieuwe-bron.yml"]["body"]}
    assert tuple(body["soort"]["attributes"]["options"]) == SOORTEN
    assert tuple(body["taal"]["attributes"]["options"]) == TALEN


def test_pull_request_template_has_a_checklist():
    text = (GITHUB / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    assert len(re.findall(r"^- \[ \] ", text, re.M)) >= 4
    for link in re.findall(r"\]\((\.\./[^)]+)\)", text):
        assert (GITHUB / link).resolve().is_file(), link


def test_dependabot_covers_pip_npm_and_actions():
    config = yaml.safe_load((GITHUB / "dependabot.yml").read_text(encoding="utf-8"))
    assert config["version"] == 2
    ecosystems = {u["package-ecosystem"]: u for u in config["updates"]}
    assert set(ecosystems) == {"pip", "npm", "github-actions"}
    assert all(u["directory"] == "/" and u["schedule"]["interval"] for u in ecosystems.values())
    assert (ROOT / "requirements.in").exists() and (ROOT / "package.json").exists()


def test_pre_commit_config_is_valid_and_pins_what_we_pin():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {}
    for repo in config["repos"]:
        assert repo["repo"] == "local" or re.fullmatch(r"v\d+\.\d+\.\d+", repo["rev"]), repo
        for hook in repo["hooks"]:
            assert set(hook) <= {"id", "name", "entry", "language", "args", "files", "exclude",
                                 "additional_dependencies", "pass_filenames"}, hook
            if repo["repo"] == "local":
                assert {"name", "entry", "language"} <= set(hook), hook
                re.compile(hook.get("files", ""))
            hooks[hook["id"]] = hook
    assert {"check-yaml", "check-added-large-files", "gegevens", "woordenlijst", "spelling"} <= set(hooks)
    assert hooks["gegevens"]["entry"] == "python -m macros"
    # The data check runs with the same pydantic and PyYAML as the build.
    pins = dict(re.findall(r"^([A-Za-z0-9_.-]+)==([^\s\\]+)", (ROOT / "requirements.txt").read_text(), re.M))
    pins = {k.lower(): v for k, v in pins.items()}
    for dep in hooks["gegevens"]["additional_dependencies"] + hooks["woordenlijst"]["additional_dependencies"]:
        name, version = dep.split("==")
        assert pins[name.lower()] == version, dep
    assert any(d.startswith("@cspell/dict-nl-nl@") for d in hooks["spelling"]["additional_dependencies"])


def test_spelling_config_knows_dutch_and_the_glossary(tmp_path):
    config = json.loads((ROOT / "cspell.json").read_text(encoding="utf-8"))
    assert config["language"] == "nl" and "@cspell/dict-nl-nl/cspell-ext.json" in config["import"]
    for d in config["dictionaryDefinitions"]:
        assert (ROOT / d["path"]).is_file(), d
    for pattern in config["ignoreRegExpList"]:
        re.compile(pattern)
    # The generated word list holds every word of every glossary term and alias.
    import sys

    sys.path.insert(0, str(ROOT / "tools"))
    import woordenlijst

    # Not compared with today's glossary on purpose: an editor who adds a term in the web editor
    # cannot run the script; the pre-commit hook and the next local commit bring the list up to date.
    listed = (ROOT / ".cspell" / "begrippen.txt").read_text(encoding="utf-8").splitlines()
    assert listed[0].startswith("# Generated") and len(listed) > 50
    glossary = yaml.safe_load((ROOT / "tests" / "fixtures" / "data" / "begrippen.yml").read_text(encoding="utf-8"))
    assert woordenlijst.words(glossary), "de woordenlijst haalt geen woorden uit de begrippen"
    assert woordenlijst.words([{"term": "levenscyclusanalyse", "aliassen": ["LCA", "type I-label"]}]) == \
        ["label", "LCA", "levenscyclusanalyse", "type"]


def test_editorconfig_keeps_markdown_line_breaks():
    parser = configparser.ConfigParser()
    parser.read_string((ROOT / ".editorconfig").read_text(encoding="utf-8").replace("root = true\n", "", 1))
    assert parser["*"]["end_of_line"] == "lf" and parser["*"]["charset"] == "utf-8"
    assert parser["*.{md,md.j2}"]["trim_trailing_whitespace"] == "false"
    assert parser["Makefile"]["indent_style"] == "tab"


def test_no_tracked_link_points_outside_the_repository():
    """A symbolic link committed by accident (a worktree's `.venv` pointing at another folder) is
    dangling on a fresh clone, or worse, points `make` at somebody else's environment."""
    proc = subprocess.run(["git", "ls-files", "-s"], cwd=ROOT, capture_output=True, text=True, check=True)
    links = [line.split("\t", 1)[1] for line in proc.stdout.splitlines() if line.startswith("120000 ")]
    outside = []
    for path in links:
        target = (ROOT / path).parent / (ROOT / path).readlink() if (ROOT / path).is_symlink() else None
        if target is None or not target.resolve().is_relative_to(ROOT.resolve()):
            outside.append(path)
    assert not outside, f"tracked symbolic links that leave the repository (git rm --cached them): {outside}"
