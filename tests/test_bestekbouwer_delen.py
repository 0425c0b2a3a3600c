"""macros/bestekbouwer_delen.py: the builder's criteria cut out of its page and written as one script
per product group. The cut must take each block whole (nested blocks included) and nothing else, and a
group's file must hand the page exactly the HTML it was given, whatever characters that HTML holds."""
from __future__ import annotations

import json

import pytest

from macros import bestekbouwer_delen as delen

PAGE = ('<form id="bb-lijst"><section data-soort="a"><div class="bb-groep" data-groep="g1">'
        '<div class="bb-criterium" data-id="c1" data-groep="g1"><div><div>x</div></div><p>1</p></div>'
        '</div><div class="bb-groep" data-groep="g2">\n'
        '<div class="x bb-criterium" data-id="c2" data-groep="g2"><p>2</p></div>'
        '</div></section><section data-soort="b"><div class="bb-groep" data-groep="g1">'
        '<div class="bb-criterium" data-id="c3" data-groep="g1"><p>3</p></div></div></section></form>')


def test_each_block_leaves_whole_and_the_rest_stays():
    page, groups, ids = delen.split(PAGE)
    assert ids == ["c1", "c2", "c3"]
    assert groups == {
        "g1": '<div class="bb-criterium" data-id="c1" data-groep="g1"><div><div>x</div></div><p>1</p></div>'
              '<div class="bb-criterium" data-id="c3" data-groep="g1"><p>3</p></div>',
        "g2": '<div class="x bb-criterium" data-id="c2" data-groep="g2"><p>2</p></div>',
    }
    assert page == ('<form id="bb-lijst"><section data-soort="a"><div class="bb-groep" data-groep="g1"></div>'
                    '<div class="bb-groep" data-groep="g2">\n</div></section><section data-soort="b">'
                    '<div class="bb-groep" data-groep="g1"></div></section></form>')


@pytest.mark.parametrize("broken, message", [
    ('<div class="bb-criterium" data-id="c1" data-groep="g1"><p>open', "sluit niet"),
    ('<div class="bb-criterium" data-id="c1" data-groep="../g"></div>', "geen geldige productgroep"),
    ('<div class="bb-criterium" data-id="c1"></div>', "geen geldige productgroep"),
])
def test_a_broken_page_stops_with_a_message(broken, message):
    with pytest.raises(ValueError, match=message):
        delen.split(broken)


@pytest.mark.parametrize("html", [
    '<p title="a &quot;b&quot;">"]; window.__pwned = 1; //</p>',
    "<p>\\\" \\u0022 </script><script>window.__pwned = 1</script></p>",
    "<p>regel\u2028scheiding\u2029alinea \u0000 é ✓ 🙂</p>",
    "<p>`${window.__pwned = 1}`</p>",
])
def test_a_group_file_hands_back_exactly_its_html(html):
    text = delen.script("groep", html)
    head, _, literal = text.partition(" = ")
    assert head == 'bbGroepen["groep"]' and literal.endswith(";\n")
    assert json.loads(literal[:-2]) == html
    assert text.isascii() and "\n" not in literal[:-1] and "</" not in text
