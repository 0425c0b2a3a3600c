"""The GitHub Actions workflows: checked by the pinned actionlint (with shellcheck), and doing what CONTRIBUTING.md promises."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import ROOT

BIN = Path(sys.executable).parent
WORKFLOWS = ROOT / ".github" / "workflows"


def actionlint(folder: Path) -> subprocess.CompletedProcess:
    files = sorted(str(p) for p in (folder / ".github" / "workflows").glob("*.yml"))
    return subprocess.run([str(BIN / "actionlint"), "-no-color", "-oneline", f"-shellcheck={BIN / 'shellcheck'}", *files],
                          cwd=folder, capture_output=True, text=True, timeout=120)


def load(name: str) -> dict:
    wf = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    wf["on"] = wf.pop(True, wf.get("on"))  # YAML 1.1 reads the key `on` as true
    return wf


def steps(wf: dict) -> list[dict]:
    return [s for job in wf["jobs"].values() for s in job.get("steps", [])]


def runs(wf: dict) -> str:
    return "\n".join(s.get("run", "") for s in steps(wf))


def test_actionlint_passes_on_our_workflows():
    assert {p.name for p in WORKFLOWS.glob("*.yml")} == {"pr.yml", "linkcheck.yml", "deploy.yml"}
    proc = actionlint(ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_actionlint_catches_broken_workflows(tmp_path):
    (tmp_path / ".github").mkdir()
    shutil.copytree(WORKFLOWS, tmp_path / ".github" / "workflows")
    pr = tmp_path / ".github" / "workflows" / "pr.yml"
    text = pr.read_text(encoding="utf-8")
    text = text.replace("needs: test", "needs: tset", 1)  # a job that does not exist
    text = text.replace('gh pr comment "$PR_NUMBER"', "gh pr comment $PR_NUMBER", 1)  # shellcheck: unquoted
    pr.write_text(text, encoding="utf-8")
    proc = actionlint(tmp_path)
    assert proc.returncode == 1
    assert '"tset" which does not exist' in proc.stdout
    assert "SC2086" in proc.stdout


def test_every_action_is_pinned_by_commit_and_every_job_bounded():
    """A tag can be moved to other code; a commit SHA cannot. The comment names the release
    (dependabot keeps both up to date)."""
    for path in WORKFLOWS.glob("*.yml"):
        wf = load(path.name)
        assert "permissions" in wf, path.name
        for name, job in wf["jobs"].items():
            assert job.get("timeout-minutes"), (path.name, name)
        for step in steps(wf):
            if "uses" in step:
                assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", step["uses"]), f"{path.name}: {step['uses']}"
        text = path.read_text(encoding="utf-8")
        for line in re.findall(r"uses: .*", text):
            assert re.fullmatch(r"uses: [\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+", line), f"{path.name}: {line}"
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    assert "github-actions" in [u["package-ecosystem"] for u in config["updates"]]


def test_pull_request_code_runs_read_only_and_the_comment_runs_no_pr_code():
    wf = load("pr.yml")
    assert wf["permissions"] == {"contents": "read"}
    for name, job in wf["jobs"].items():
        job_steps = job.get("steps", [])
        checks_out = any(s.get("uses", "").startswith("actions/checkout@") for s in job_steps)
        writes = {k for k, v in job.get("permissions", {}).items() if v == "write"}
        if checks_out:
            # The job that runs the pull request's code: read-only, and no token left in .git/config.
            assert writes == set(), (name, writes)
            checkout = next(s for s in job_steps if s.get("uses", "").startswith("actions/checkout@"))
            assert checkout["with"]["persist-credentials"] is False, name
        else:
            # The job that may write: it runs nothing of the repository (no checkout, no make).
            assert "make " not in "\n".join(s.get("run", "") for s in job_steps), name
    assert wf["jobs"]["comment"]["needs"] == "test"
    assert wf["jobs"]["comment"]["permissions"] == {"pull-requests": "write"}
    for path in WORKFLOWS.glob("*.yml"):
        for step in steps(load(path.name)):
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False, path.name


def test_make_targets_used_by_workflows_exist():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([\w-]+):", makefile, re.M))
    for path in WORKFLOWS.glob("*.yml"):
        for target in re.findall(r"\bmake (?:--silent )?([\w-]+)", runs(load(path.name))):
            assert target in targets, f"{path.name}: make {target} bestaat niet in de Makefile"


def test_pull_request_runs_tests_and_shares_the_offline_bundle():
    wf = load("pr.yml")
    assert "pull_request" in wf["on"]
    script = runs(wf)
    assert script.index("make test") < script.index("make offline")
    upload = next(s for s in steps(wf) if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "dist/*-offline.zip"
    assert "steps.upload.outputs.artifact-url" in (WORKFLOWS / "pr.yml").read_text() and "gh pr comment" in script
    assert "needs.test.outputs.artifact-url" in (WORKFLOWS / "pr.yml").read_text()
    checkout = next(s for s in steps(wf) if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0  # dates from git need the history


def test_weekly_link_check_keeps_one_issue():
    wf = load("linkcheck.yml")
    assert wf["on"]["schedule"][0]["cron"] and "workflow_dispatch" in wf["on"]
    assert wf["jobs"]["linkcheck"]["permissions"]["issues"] == "write"
    script = runs(wf)
    assert "make --silent linkcheck-external" in script and "make --silent check-dates" in script
    assert 'gh issue list --repo "$GITHUB_REPOSITORY" --label "$label" --state open' in script
    assert "gh issue edit" in script and "gh issue create" in script and "gh issue close" in script


def test_weekly_link_check_records_its_results_and_proposes_them():
    """The dates the site shows come from this run: make linkcheck-external writes them into
    data/linkcontrole.json, and the workflow proposes that file in one pull request."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    target = re.search(r"^linkcheck-external:.*\n((?:\t.*\n)+)", makefile, re.M).group(1)
    assert "tools/linkcheck.py external $(SITE) --record data/linkcontrole.json" in target
    wf = load("linkcheck.yml")
    perms = wf["jobs"]["linkcheck"]["permissions"]
    assert perms["contents"] == "write" and perms["pull-requests"] == "write"
    script = runs(wf)
    assert script.index("make --silent linkcheck-external") < script.index("git add data/linkcontrole.json")
    assert "git diff --quiet -- data/linkcontrole.json" in script
    # The checkout keeps no token; the push alone gets one.
    assert 'git push --force "https://x-access-token:${GH_TOKEN}@github.com/${GITHUB_REPOSITORY}.git" "$branch"' in script
    assert 'gh pr list --repo "$GITHUB_REPOSITORY" --head "$branch" --state open' in script
    assert "gh pr create" in script and "gh pr edit" in script


def test_deploy_publishes_site_and_downloads():
    wf = load("deploy.yml")
    assert wf["on"]["push"]["branches"] == ["main"]
    script = runs(wf)
    # What is published is what the tests checked: make test builds site/, the bundle and the PDF.
    assert script.index("make test") < script.index("cp dist/*-offline.zip dist/*.pdf site/downloads/")
    assert "make build" not in script and "make offline" not in script
    upload = next(s for s in steps(wf) if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site"
    deploy = wf["jobs"]["deploy"]
    assert deploy["needs"] == "build" and deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert any(s.get("uses", "").startswith("actions/deploy-pages@") for s in deploy["steps"])
    # The Downloads page of an edition links the files in downloads/ under site_url
    # (overrides/hooks/edition.py, config.extra.downloads; tests/test_release_build.py builds one).
    downloads = (ROOT / "docs" / "downloads.md").read_text(encoding="utf-8")
    assert "config.extra.downloads" in downloads and "dl.map ~ edition.pdf" in downloads
    hook = (ROOT / "overrides" / "hooks" / "edition.py").read_text(encoding="utf-8")
    assert 'site_url + "downloads/"' in hook
