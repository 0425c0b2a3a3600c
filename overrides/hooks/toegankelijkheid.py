"""MkDocs hook: small accessibility and HTML-validity repairs of what Material and
pymdownx emit, where overriding a large theme template would be worse.

- on_page_content: every checklist checkbox (pymdownx.tasklist with
  custom_checkbox) gets an accessible name. The extension wraps only the input in
  an empty <label>, so screen readers hear "checkbox, not checked" without the
  item's text (axe rule `label`). The input gets the item's own text as
  aria-label: no ids involved. Runs before the plugins (priority 50), so the
  print page (overrides/hooks/printpage.py) collects the repaired HTML.
- on_post_page (and on_post_build, for pages that plugins write themselves):
  two invalid attributes that Material writes (Nu Html Checker errors) are
  dropped without changing behaviour:
  * `tabindex=""` on navigation section labels (nav-item.html sets the value
    only for collapsible sections; an empty value is ignored by browsers, so
    removing it is exactly what they do already);
  * `for="__toc"` on the table-of-contents title when the page has no `__toc`
    toggle (section index pages with navigation.indexes): the label points at
    nothing, so it loses a reference that never worked.
"""
from __future__ import annotations

import html as htmllib
import re
from pathlib import Path

from mkdocs.plugins import event_priority

# The opening of a task item up to the checkbox, then the rest of the <label>.
_TASK = re.compile(
    r'(<li class="task-list-item"[^>]*>\s*(?:<p>)?\s*<label class="task-list-control">'
    r'<input type="checkbox")([^>]*>.*?</label>)(.*?)(?=<ul|<ol|</li>|</p>)',
    re.S,
)
_TAG = re.compile(r"<[^>]+>")


def _plain(fragment: str) -> str:
    return " ".join(htmllib.unescape(_TAG.sub("", fragment)).split())


@event_priority(50)
def on_page_content(html, page, config, files):
    def name(match: re.Match) -> str:
        head, rest, text = match.groups()
        if "aria-label" in rest or not _plain(text):
            return match.group(0)
        label = htmllib.escape(_plain(text), quote=True)
        return f'{head} aria-label="{label}"{rest}{text}'

    return _TASK.sub(name, html)


def _repair(output: str) -> str:
    output = output.replace(' tabindex=""', "")
    if 'id="__toc"' not in output:
        output = output.replace('<label class="md-nav__title" for="__toc">', '<label class="md-nav__title">')
    return output


def on_post_page(output, page, config):
    return _repair(output)


# Pages that plugins write themselves in on_post_build (mkdocs-redirects' stubs)
# never pass through on_post_page: repair them on disk, after the plugins,
# before the offline plugin (-100).
@event_priority(-60)
def on_post_build(config):
    for path in Path(config.site_dir).rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        fixed = _repair(text)
        if fixed != text:
            path.write_text(fixed, encoding="utf-8")
