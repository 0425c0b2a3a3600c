"""The fixed costs taken out of every build (overrides/hooks/bouwtijd.py) change nothing a reader or
an editor sees: mkdocs-macros' `git` variable still answers, and a changed theme template shows on
the next build even though compiled templates are cached."""
from __future__ import annotations

import importlib.util
import subprocess
from pathlib import Path
from types import SimpleNamespace

from mkdocs.theme import Theme

from conftest import ROOT, mkdocs_build

HOOK = ROOT / "overrides" / "hooks" / "bouwtijd.py"


def load_hook():
    spec = importlib.util.spec_from_file_location("bouwtijd_under_test", HOOK)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_mkdocs_macros_asks_git_only_when_a_page_reads_the_variable(monkeypatch):
    from mkdocs_macros import context

    asked = []

    def fake_git_info():
        asked.append(1)
        return {"status": True, "short_commit": "abc1234"}

    monkeypatch.setattr(context, "get_git_info", fake_git_info)
    hook = load_hook()
    config = SimpleNamespace(theme=Theme(name="material"))
    hook.on_config(config)
    hook.on_config(config)  # `make serve` runs it again: no second wrapper
    assert context.get_git_info.asks is fake_git_info
    variable = context.get_git_info()  # what mkdocs-macros' define_env does at start-up
    assert asked == []
    assert variable["short_commit"] == "abc1234" and dict(variable) == {"status": True, "short_commit": "abc1234"}
    assert asked == [1]  # asked once, then kept


def test_the_git_variable_gives_what_git_says(monkeypatch):
    from mkdocs_macros.context import get_git_info

    hook = load_hook()
    monkeypatch.chdir(ROOT)
    head = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True)
    assert head.returncode == 0, "the tests run in a git clone of the project"
    variable = hook.GitInfo(getattr(get_git_info, "asks", get_git_info))
    assert variable["commit"] == head.stdout.strip()


def test_every_environment_the_theme_hands_out_reuses_compiled_templates():
    # Material's search plugin asks the theme for a new environment each time it translates a word.
    hook = load_hook()
    theme = Theme(name="material")
    assert theme.get_env().bytecode_cache is None, "MkDocs caches nothing by itself: this test shows nothing"
    config = SimpleNamespace(theme=theme)
    hook.on_config(config)
    hook.on_config(config)
    first, second = theme.get_env(), theme.get_env()
    assert first is not second
    assert first.bytecode_cache is not None and second.bytecode_cache is not None
    assert theme.get_env.wraps.__self__ is theme  # wrapped once, around MkDocs' own method


def test_a_changed_theme_template_shows_on_the_next_build(fixture_project, tmp_path):
    config = fixture_project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("  name: material\n", "  name: material\n  custom_dir: overrides\n", 1)
    text = text.replace("hooks:\n", "hooks:\n  - overrides/hooks/bouwtijd.py\n", 1)
    config.write_text(text, encoding="utf-8")
    template = fixture_project / "overrides" / "main.html"
    site = tmp_path / "site"
    for marker in ("eerste-versie", "tweede-versie"):
        template.write_text('{% extends "base.html" %}\n{% block extrahead %}<meta name="test-sjabloon" '
                            f'content="{marker}">{{% endblock %}}\n', encoding="utf-8")
        proc = mkdocs_build(fixture_project, site)
        assert proc.returncode == 0, proc.stderr[-3000:]
        assert f'content="{marker}"' in (site / "index.html").read_text(encoding="utf-8"), marker
    from macros.render import bytecode_cache

    cache = bytecode_cache("theme")
    assert cache is not None, "no usable cache folder on this machine"
    assert any(p.name.startswith("circulair-theme-") for p in Path(cache.directory).iterdir())
