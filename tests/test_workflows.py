"""The GitHub Actions workflows: checked by the pinned actionlint (with shellcheck), doing what CONTRIBUTING.md
promises, and holding to least privilege: a job that runs the repository's code (a pull request is a stranger's
code) holds no write permission, no id-token and names no secret or token; a job that may write runs none of it."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

BIN = Path(sys.executable).parent
WORKFLOWS = ROOT / ".github" / "workflows"


def actionlint(folder: Path) -> subprocess.CompletedProcess:
    files = sorted(str(p) for p in (folder / ".github" / "workflows").glob("*.yml"))
    return subprocess.run([str(BIN / "actionlint"), "-no-color", "-oneline", f"-shellcheck={BIN / 'shellcheck'}", *files],
                          cwd=folder, capture_output=True, text=True, timeout=120)


def load(name: str, folder: Path = WORKFLOWS) -> dict:
    wf = yaml.safe_load((folder / name).read_text(encoding="utf-8"))
    wf["on"] = wf.pop(True, wf.get("on"))  # YAML 1.1 reads the key `on` as true
    return wf


def steps(wf: dict) -> list[dict]:
    return [s for job in wf["jobs"].values() for s in job.get("steps", [])]


def runs(wf: dict) -> str:
    return "\n".join(s.get("run", "") for s in steps(wf))


def test_actionlint_passes_on_our_workflows():
    assert {p.name for p in WORKFLOWS.glob("*.yml")} == {"pr.yml", "wijzigingsnota.yml", "linkcheck.yml", "deploy.yml"}
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
    assert wf["jobs"]["publish"]["permissions"]["issues"] == "write"
    script = runs(wf)
    assert "make --silent linkcheck-external" in script and "make --silent check-dates" in script
    assert 'gh issue list --repo "$GITHUB_REPOSITORY" --label "$label" --state open' in script
    assert "gh issue edit" in script and "gh issue create" in script and "gh issue close" in script


def test_weekly_link_check_records_its_results_and_proposes_them():
    """The dates the site shows come from this run: make linkcheck-external writes them into
    data/linkcontrole.json in the read-only job, which hands the file over as an artifact; the
    job that may write commits it and proposes it in one pull request, running nothing else."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    target = re.search(r"^linkcheck-external:.*\n((?:\t.*\n)+)", makefile, re.M).group(1)
    assert "tools/linkcheck.py external $(SITE) --record data/linkcontrole.json" in target
    wf = load("linkcheck.yml")
    check, publish = wf["jobs"]["linkcheck"], wf["jobs"]["publish"]
    assert check["permissions"] == {"contents": "read"}
    perms = publish["permissions"]
    assert perms["contents"] == "write" and perms["pull-requests"] == "write"
    assert publish["needs"] == "linkcheck"
    upload = next(s for s in check["steps"] if s.get("uses", "").startswith("actions/upload-artifact@"))
    download = next(s for s in publish["steps"] if s.get("uses", "").startswith("actions/download-artifact@"))
    assert upload["with"]["name"] == download["with"]["name"]
    assert "data/linkcontrole.json" in upload["with"]["path"] and "links.txt" in upload["with"]["path"]
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
    # The Downloads page of an edition links the files in downloads/ under site_url (macro download_link,
    # macros/adapter.py; overrides/hooks/edition.py, config.extra.downloads; tests/test_release_build.py builds one).
    downloads = (ROOT / "docs" / "downloads.md").read_text(encoding="utf-8")
    assert "{{ download_link('zip') }}" in downloads and "{{ download_link('pdf') }}" in downloads
    assert "{where['map']}{name})" in (ROOT / "macros" / "adapter.py").read_text(encoding="utf-8")
    hook = (ROOT / "overrides" / "hooks" / "edition.py").read_text(encoding="utf-8")
    assert 'site_url + "downloads/"' in hook


def test_an_edition_is_built_read_only_and_released_from_its_files():
    """The release job may write to the repository, so it runs none of its code: no checkout, only
    gh on the files the build job made and tested (the same run, the same tag)."""
    wf = load("deploy.yml")
    build, release = wf["jobs"]["build"], wf["jobs"]["release"]
    assert build["permissions"] == {"contents": "read"}
    assert release["needs"] == "build" and release["if"] == "github.ref_type == 'tag'"
    assert release["permissions"] == {"contents": "write"}
    assert not any(s.get("uses", "").startswith("actions/checkout@") for s in release["steps"])
    notes = next(s for s in build["steps"] if "tools/release.py notes" in s.get("run", ""))
    assert notes["if"] == "github.ref_type == 'tag'" and "--out dist/wijzigingen.md" in notes["run"]
    upload = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/upload-artifact@"))
    download = next(s for s in release["steps"] if s.get("uses", "").startswith("actions/download-artifact@"))
    assert upload["with"]["name"] == download["with"]["name"]
    assert {"dist/*-offline.zip", "dist/*.pdf", "dist/wijzigingen.md"} == set(upload["with"]["path"].split())
    script = "\n".join(s.get("run", "") for s in release["steps"])
    assert "gh release create" in script and "--notes-file editie/wijzigingen.md" in script
    # Pages: configure and deploy in the job that holds the Pages token and runs nothing of ours.
    deploy = wf["jobs"]["deploy"]
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/configure-pages", "actions/deploy-pages"]


# --- least privilege -------------------------------------------------------------------------------------

# A step runs the repository's code when it calls make, Python, pip, npm/npx/node, pytest, a shell on a
# script, a path of the repository (./tools/x, .venv/bin/x), or uses a local action (uses: ./...).
REPO_CODE = re.compile(r"(?:^|[\s;&|(`])(?:make|python3?|pip3?|pytest|npm|npx|node|\.venv/\S+|\./\S+|"
                       r"(?:bash|sh|source)\s+(?!-)[\w.][\w./-]*|\.\s+[\w.-]*/[\w./-]+)(?=$|[\s;&|)`])", re.M)
TOKENS = re.compile(r"\bsecrets\b|github\.token|\bGH_TOKEN\b|\bGITHUB_TOKEN\b")


def runs_repository_code(job: dict) -> list[str]:
    reasons = []
    for step in job.get("steps", []):
        found = REPO_CODE.search(step.get("run", ""))
        if found:
            reasons.append(f"run: {found.group(0).strip()}")
        if str(step.get("uses", "")).startswith("./"):
            reasons.append(f"uses: {step['uses']}")
    return reasons


def privileges(wf: dict, job: dict) -> list[str]:
    """What a job holds beyond reading: write permissions, an id-token, a secret or a token it names."""
    perms = job.get("permissions", wf.get("permissions"))
    held = []
    if perms is None:
        held.append("geen permissions: het token krijgt de standaard van de repository (mogelijk schrijven)")
    elif isinstance(perms, str):
        if perms != "read-all":
            held.append(f"permissions: {perms}")
    else:
        held += [f"{scope}: {level}" for scope, level in perms.items() if level == "write"]
    text = yaml.safe_dump(job, allow_unicode=True)
    held += sorted({f"noemt {m.group(0)}" for m in TOKENS.finditer(text)})
    return held


def violations(folder: Path) -> dict[str, list[str]]:
    """workflow/job -> why a job that runs repository code holds more than reading."""
    out = {}
    for path in sorted(folder.glob("*.yml")):
        wf = load(path.name, folder)
        for name, job in wf["jobs"].items():
            code, held = runs_repository_code(job), privileges(wf, job)
            if code and held:
                out[f"{path.name}/{name}"] = code[:1] + held
    return out


def test_no_job_that_runs_repository_code_holds_a_write_permission_or_a_secret():
    checked = [(p.name, name) for p in WORKFLOWS.glob("*.yml") for name, job in load(p.name)["jobs"].items()
               if runs_repository_code(job)]
    assert len(checked) >= 4, checked  # build, test, linkcheck, wijzigingsnota: the rule looked at them
    assert violations(WORKFLOWS) == {}


def test_the_least_privilege_rule_fails_on_the_workflows_before_the_split():
    """tests/fixtures/workflows-oud/ holds the workflows as they were before issue 21: the release and
    the weekly link check built and ran the repository's code in the job that held the write token,
    and the change note check ran the pull request's code with a token in its environment."""
    found = violations(ROOT / "tests" / "fixtures" / "workflows-oud")
    assert set(found) == {"deploy.yml/release", "linkcheck.yml/linkcheck", "pr.yml/wijzigingsnota"}, found
    assert "contents: write" in found["deploy.yml/release"] and "noemt github.token" in found["deploy.yml/release"]
    assert "contents: write" in found["linkcheck.yml/linkcheck"]
    assert "noemt GH_TOKEN" in found["pr.yml/wijzigingsnota"]


@pytest.mark.parametrize("job,why", [
    ({"permissions": {"contents": "read"}, "steps": [{"uses": "./.github/actions/bouw"}],
      "env": {"T": "${{ secrets.DEPLOY_KEY }}"}}, "noemt secrets"),
    ({"permissions": {"contents": "read", "id-token": "write"}, "steps": [{"run": "python3 tools/x.py"}]}, "id-token: write"),
    ({"permissions": "write-all", "steps": [{"run": "npm ci"}]}, "permissions: write-all"),
    ({"steps": [{"run": "bash .ci/run"}]}, "geen permissions"),
    ({"permissions": {"contents": "read"}, "steps": [{"run": ".venv/bin/mkdocs build", "env": {"X": "${{ github.token }}"}}]},
     "noemt github.token"),
])
def test_the_rule_catches_each_kind_of_privilege(tmp_path, job, why):
    (tmp_path / "x.yml").write_text(yaml.safe_dump({"on": {"push": None}, "jobs": {"bouw": job}}), encoding="utf-8")
    found = violations(tmp_path)
    assert list(found) == ["x.yml/bouw"] and any(why in reason for reason in found["x.yml/bouw"]), found


def test_a_job_that_may_write_but_runs_nothing_of_ours_passes(tmp_path):
    job = {"permissions": {"contents": "write"}, "steps": [{"uses": "actions/download-artifact@" + "0" * 40},
                                                         {"run": 'gh release create "$TAG" editie/*', "env": {"GH_TOKEN": "${{ github.token }}"}}]}
    (tmp_path / "x.yml").write_text(yaml.safe_dump({"on": {"push": None}, "jobs": {"release": job}}), encoding="utf-8")
    assert violations(tmp_path) == {}


def test_the_change_note_check_reads_the_description_from_the_event_and_holds_no_token():
    """It runs the pull request's own copy of tools/wijzigingscheck.py, so it gets the description from
    the event instead of from gh, and runs again when the description is edited (ticking the box)."""
    wf = load("wijzigingsnota.yml")
    assert set(wf["on"]["pull_request"]["types"]) == {"opened", "synchronize", "reopened", "edited"}
    job = wf["jobs"]["wijzigingsnota"]
    assert job["permissions"] == {"contents": "read"} and wf["permissions"] == {"contents": "read"}
    step = next(s for s in job["steps"] if "wijzigingscheck.py" in s.get("run", ""))
    assert step["env"]["PR_BODY"] == "${{ github.event.pull_request.body }}"
    assert '--body-file "$RUNNER_TEMP/pr-beschrijving.txt"' in step["run"]
    assert "PR_BODY" not in step["run"].replace('"$PR_BODY"', "")  # only ever quoted, never expanded into the script
    assert "wijzigingsnota" not in load("pr.yml")["jobs"]
