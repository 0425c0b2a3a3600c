"""The pull request check (tools/wijzigingscheck.py, run by .github/workflows/pr.yml): a content
change without a change note is refused, unless the pull request is marked as a small correction.
Run against a scratch git repository, as GitHub runs it: base and head commits, the description."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

TOOL = ROOT / "tools" / "wijzigingscheck.py"
NOTE = """
- id: {id}
  datum: 2026-12-01
  titel: Iets veranderd
  wat: Iets.
  waarom: Omdat.
  paginas: [over.md]
"""
TICKED = "## Wijzigingsnota\n\n- [x] Kleine correctie (tikfout, opmaak): geen wijzigingsnota nodig.\n"


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Redactie", "GIT_AUTHOR_EMAIL": "r@example.org",
           "GIT_COMMITTER_NAME": "Redactie", "GIT_COMMITTER_EMAIL": "r@example.org"}
    proc = subprocess.run(["git", "-C", str(repo), "-c", "commit.gpgsign=false", *args],
                          capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


@pytest.fixture
def repo(tmp_path) -> Path:
    """main with a page, a data file and one note; the test makes a branch on top of it."""
    repo = tmp_path / "gids"
    (repo / "docs" / "assets").mkdir(parents=True)
    (repo / "data").mkdir()
    (repo / "tools").mkdir()
    (repo / "docs" / "over.md").write_text("# Over\n\nEerste tekst.\n", encoding="utf-8")
    (repo / "docs" / "assets" / "extra.css").write_text("a { color: green; }\n", encoding="utf-8")
    (repo / "data" / "bronnen.yml").write_text("- id: tool\n  titel: Tool\n", encoding="utf-8")
    (repo / "data" / "wijzigingen.yml").write_text("# - id: sjabloon\n" + NOTE.format(id="eerste"), encoding="utf-8")
    (repo / "tools" / "x.py").write_text("print(1)\n", encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "basis")
    git(repo, "switch", "-q", "-c", "voorstel")
    return repo


def change(repo: Path, path: str, text: str, append: bool = True) -> None:
    file = repo / path
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text((file.read_text(encoding="utf-8") if append and file.exists() else "") + text, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", f"wijzig {path}")


def run(repo: Path, body: str = "") -> subprocess.CompletedProcess:
    (repo.parent / "body.txt").write_text(body, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY")}
    return subprocess.run([sys.executable, str(TOOL), "--root", str(repo), "--base", "main", "--head", "voorstel",
                           "--body-file", str(repo.parent / "body.txt")], capture_output=True, text=True, env=env)


def test_content_change_without_a_note_is_refused_with_the_fix(repo):
    change(repo, "data/bronnen.yml", "  uitgever: Iemand\n")
    proc = run(repo)
    assert proc.returncode == 1, proc.stdout
    assert "  - data/bronnen.yml\n" in proc.stdout
    assert "maar voegt geen wijzigingsnota toe in data/wijzigingen.yml" in proc.stdout
    assert 'vakje "Kleine correctie" aan' in proc.stdout and "CONTRIBUTING.md, deel 5" in proc.stdout


def test_a_page_in_docs_counts_as_content_too(repo):
    change(repo, "docs/over.md", "Nog een zin.\n")
    assert run(repo).returncode == 1
    change(repo, "docs/nieuw/pagina.md", "# Nieuw\n")
    assert "  - docs/nieuw/pagina.md\n" in run(repo).stdout


def test_a_moved_page_counts_as_content(repo):
    git(repo, "mv", "docs/over.md", "docs/over-de-gids.md")
    git(repo, "commit", "-q", "-m", "verplaatst")
    proc = run(repo)
    assert proc.returncode == 1 and "docs/over.md" in proc.stdout and "docs/over-de-gids.md" in proc.stdout


def test_content_change_with_a_new_note_passes(repo):
    change(repo, "docs/over.md", "Nog een zin.\n")
    change(repo, "data/wijzigingen.yml", NOTE.format(id="over-aangevuld"))
    proc = run(repo)
    assert proc.returncode == 0, proc.stdout
    assert "1 nieuwe wijzigingsnota('s) in data/wijzigingen.yml: over-aangevuld" in proc.stdout


def test_editing_an_existing_note_is_not_a_new_note(repo):
    change(repo, "docs/over.md", "Nog een zin.\n")
    text = (repo / "data" / "wijzigingen.yml").read_text(encoding="utf-8").replace("Omdat.", "Omdat het moest.")
    change(repo, "data/wijzigingen.yml", text, append=False)
    assert run(repo).returncode == 1


def test_a_ticked_small_correction_passes_and_an_unticked_one_does_not(repo):
    change(repo, "docs/over.md", "Eerste tekts.\n")
    template = (ROOT / ".github" / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    assert run(repo, template).returncode == 1, "the template's box is not ticked"
    ticked = template.replace("- [ ] Kleine correctie", "- [x] Kleine correctie")
    assert ticked != template, "the template has no 'Kleine correctie' box"
    proc = run(repo, ticked)
    assert proc.returncode == 0 and "gemarkeerd als kleine correctie" in proc.stdout
    assert run(repo, TICKED.replace("[x]", "[X]")).returncode == 0
    # Saying it in prose is not the mark: the box is.
    assert run(repo, "Dit is een kleine correctie.").returncode == 1


def test_changes_outside_the_content_need_no_note(repo):
    change(repo, "tools/x.py", "print(2)\n")
    change(repo, "docs/assets/extra.css", "b { color: red; }\n")
    change(repo, "data/edities.yml", "[]\n")
    proc = run(repo)
    assert proc.returncode == 0 and "Geen inhoud gewijzigd" in proc.stdout


def test_an_unknown_commit_is_a_usage_error_not_a_pass(repo):
    proc = subprocess.run([sys.executable, str(TOOL), "--root", str(repo), "--base", "main", "--head", "bestaat-niet"],
                          capture_output=True, text=True)
    assert proc.returncode == 2 and "kan main en bestaat-niet niet vergelijken" in proc.stderr


def test_the_pull_request_workflow_runs_the_check_with_the_description_of_the_event():
    wf = yaml.safe_load((ROOT / ".github" / "workflows" / "wijzigingsnota.yml").read_text(encoding="utf-8"))
    assert set(wf[True]["pull_request"]["types"]) >= {"opened", "synchronize", "edited"}  # YAML 1.1: `on` is true
    job = wf["jobs"]["wijzigingsnota"]
    assert job["permissions"] == {"contents": "read"}
    checkout = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0
    step = next(s for s in job["steps"] if "tools/wijzigingscheck.py" in s.get("run", ""))
    assert step["env"]["BASE_SHA"] == "${{ github.event.pull_request.base.sha }}"
    assert step["env"]["HEAD_SHA"] == "${{ github.event.pull_request.head.sha }}"
    assert step["env"]["PR_BODY"] == "${{ github.event.pull_request.body }}"
    assert '--base "$BASE_SHA" --head "$HEAD_SHA" --body-file' in step["run"]


def test_it_says_what_it_compared(repo):
    change(repo, "docs/over.md", "Nog een zin.\n")
    change(repo, "tools/x.py", "print(3)\n")
    change(repo, "data/wijzigingen.yml", NOTE.format(id="over-aangevuld"))
    proc = run(repo)
    assert proc.returncode == 0, proc.stdout
    assert ("Vergeleken: 3 commit(s), 3 gewijzigd(e) bestand(en), waarvan 1 inhoud; 1 wijzigingsnota('s) in main, "
            "2 in voorstel.") in proc.stdout


def test_nothing_to_compare_is_an_error_not_a_pass(repo):
    """No commit between base and head (a wrong base, a shallow checkout): the check saw nothing."""
    proc = run(repo)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "Tussen main en voorstel ligt geen enkele commit: er is niets te controleren" in proc.stderr


def test_notes_it_cannot_read_are_an_error_not_a_pass(repo):
    """Notes written so that the check finds no id would make every note look new, or none."""
    change(repo, "docs/over.md", "Nog een zin.\n")
    text = (repo / "data" / "wijzigingen.yml").read_text(encoding="utf-8").replace("- id: eerste", "-   \"id\": eerste")
    change(repo, "data/wijzigingen.yml", text + NOTE.format(id="nieuw").replace("- id:", "-  'id':"), append=False)
    proc = run(repo)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "geen enkele regel '- id: ...'" in proc.stderr
@pytest.mark.parametrize("body,passes", [
    (TICKED, True),
    ("## Wijzigingsnota\r\n\r\n- [x] Kleine correctie (tikfout, opmaak)\r\n", True),  # GitHub's line ends
    ("- [ ] Kleine correctie (tikfout, opmaak)\n", False),
    ("$(touch gehackt) `touch gehackt` ${HOME}\n- [ ] Kleine correctie\n", False),
])
def test_the_workflow_step_itself_passes_the_description_through(repo, tmp_path, body, passes):
    """The step's own script, run by bash as on the runner: the description arrives as an environment
    variable and is written to a file, never run as part of the script."""
    wf = yaml.safe_load((ROOT / ".github" / "workflows" / "wijzigingsnota.yml").read_text(encoding="utf-8"))
    step = next(s for s in wf["jobs"]["wijzigingsnota"]["steps"] if "tools/wijzigingscheck.py" in s.get("run", ""))
    change(repo, "data/bronnen.yml", "  uitgever: Iemand\n")
    (repo / "tools" / "wijzigingscheck.py").write_text(TOOL.read_text(encoding="utf-8"), encoding="utf-8")  # not committed
    runner = tmp_path / "runner"
    runner.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY")}
    env.update(PR_BODY=body, BASE_SHA=git(repo, "rev-parse", "main"), HEAD_SHA=git(repo, "rev-parse", "voorstel"),
               RUNNER_TEMP=str(runner))
    proc = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=repo, capture_output=True, text=True, env=env)
    assert (proc.returncode == 0) is passes, proc.stdout + proc.stderr
    assert (runner / "pr-beschrijving.txt").read_bytes() == body.encode("utf-8")
    assert not (repo / "gehackt").exists() and not (runner / "gehackt").exists()
