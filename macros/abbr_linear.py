"""Glossary tooltips in linear time: Python-Markdown's `abbr` extension with one step fixed.

overrides/hooks/lineair.py puts this module in the place of `abbr` (same syntax, same
output). The extension wraps every glossary term in <abbr title="...">. For each element
with text after it (a tail), its tree walk asks the parent for the element's position,
`list(parent).index(el)`: a copy and a scan of all the parent's children, once per child.
A page whose body holds n blocks side by side, like the resources page, costs n^2: with
16,000 resources, the largest step of a two-minute build once the print page was linear
(issue 13). Here the walk carries each child's position along instead; everything else is
the upstream code, so an upgrade changes nothing but that walk, and tests/test_lineair.py
compares the output of both on the same text (and the time on 4x the text).
"""
from __future__ import annotations

from markdown.extensions.abbr import AbbrExtension, AbbrTreeprocessor
from markdown.util import AtomicString


class LinearAbbrTreeprocessor(AbbrTreeprocessor):
    def iter_element(self, el, parent=None) -> None:
        # Right to left, as upstream: inserting after child i leaves the positions of 0..i alone.
        children = list(el)
        for index in range(len(children) - 1, -1, -1):
            child = children[index]
            self.iter_element(child)
            self._wrap_tail(child, el, index + 1)
        text = el.text
        if text and not isinstance(text, AtomicString):
            for m in reversed(list(self.RE.finditer(text))):
                if self.abbrs[m.group(0)]:
                    el.insert(0, self.create_element(self.abbrs[m.group(0)], m.group(0), text[m.end():]))
                    text = text[:m.start()]
            el.text = text

    def _wrap_tail(self, el, parent, index: int) -> None:
        tail = el.tail
        if tail and not isinstance(tail, AtomicString):
            for m in reversed(list(self.RE.finditer(tail))):
                if self.abbrs[m.group(0)]:
                    parent.insert(index, self.create_element(self.abbrs[m.group(0)], m.group(0), tail[m.end():]))
                    tail = tail[:m.start()]
            el.tail = tail


class LinearAbbrExtension(AbbrExtension):
    def extendMarkdown(self, md) -> None:
        super().extendMarkdown(md)
        # Same name and priority as upstream's tree processor, so it takes its place.
        md.treeprocessors.register(LinearAbbrTreeprocessor(md, self.abbrs), "abbr", 7)


def makeExtension(**kwargs):  # noqa: N802 (the name Python-Markdown looks for)
    return LinearAbbrExtension(**kwargs)
