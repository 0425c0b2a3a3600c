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

# The opening of a task item up to the checkbox; the rest of its <label> and its text are found by
# tasks(). As one regular expression ("...([^>]*>.*?</label>)(.*?)(?=<ul|<ol|</li>|</p>)") every
# item without a closing </label> was read to the end of the page, and a run of spaces after it
# was split every way: this hook runs on a page's HTML before the sanitiser.
_TASK_START = re.compile(r'<li class="task-list-item"[^>]*+>\s*+(?:<p>)?+\s*+<label class="task-list-control">'
                         r'<input type="checkbox"')
_TEXT_ENDS = ("<ul", "<ol", "</li>", "</p>")
_TAG = re.compile(r"<[^<>]+>")


def _plain(fragment: str) -> str:
    return " ".join(htmllib.unescape(_TAG.sub("", fragment)).split())


def tasks(html: str):
    """(start, end of the opening, end of the label, end of the text) of every checklist item, in
    one pass: a closing tag that is not there is looked for once, not once per item."""
    absent: dict[str, int] = {}  # needle -> from where it no longer occurs

    def find(needle: str, start: int) -> int:
        if start >= absent.get(needle, len(html) + 1):
            return -1
        found = html.find(needle, start)
        if found < 0:
            absent[needle] = start
        return found

    position = 0
    while True:
        match = _TASK_START.search(html, position)
        if match is None:
            return
        close = find(">", match.end())
        label_end = find("</label>", close + 1) if close >= 0 else -1
        if label_end < 0:
            position = match.start() + 1
            continue
        label_end += len("</label>")
        ends = [i for i in (find(needle, label_end) for needle in _TEXT_ENDS) if i >= 0]
        if not ends:
            position = match.start() + 1
            continue
        yield match.start(), match.end(), label_end, min(ends)
        position = min(ends)


@event_priority(50)
def on_page_content(html, page, config, files):
    out, done = [], 0
    for start, opening, label_end, text_end in tasks(html):
        head, rest, text = html[start:opening], html[opening:label_end], html[label_end:text_end]
        if "aria-label" in rest or not _plain(text):
            continue
        label = htmllib.escape(_plain(text), quote=True)
        out += [html[done:start], f'{head} aria-label="{label}"{rest}{text}']
        done = text_end
    return "".join(out) + html[done:] if out else html


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
