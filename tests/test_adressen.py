"""Addresses are judged as a browser reads them (macros/safety.py browser_url): in data (refused with
a message) and in the sanitiser over every page (dropped); mailto: is one address and at most a subject."""
from __future__ import annotations

import pytest

from macros import safety, sanitize


@pytest.mark.parametrize("typed,seen", [
    ("/\\evil.example/p.png", "//evil.example/p.png"),
    ("\\\\evil.example", "//evil.example"),
    (" \t//evil.example", "//evil.example"),
    ("/\t/evil.example", "//evil.example"),
    ("java\nscript:alert(1)", "javascript:alert(1)"),
    ("\x00 https://example.org/a\\b", "https://example.org/a/b"),
    ("../pagina.html#kop", "../pagina.html#kop"),
])
def test_an_address_as_the_browser_reads_it(typed, seen):
    assert safety.browser_url(typed) == seen


@pytest.mark.parametrize("target,image,says", [
    ("/\\evil.example/p.png", True, "afbeelding die niet van de site zelf komt"),
    ("\\\\evil.example/p.png", True, "afbeelding die niet van de site zelf komt"),
    ("/\\evil.example/", False, "zonder https:"),
    ("&#47;&#92;evil.example/", False, "zonder https:"),
    ("mailto:a@voorbeeld.be?cc=b@evil.example", False, "cc, bcc en body niet"),
    ("mailto:a@voorbeeld.be?bcc=b@evil.example", False, "cc, bcc en body niet"),
    ("mailto:a@voorbeeld.be?body=Klik%20hier", False, "cc, bcc en body niet"),
    ("mailto:a@voorbeeld.be?subject=x%0d%0aBcc:b@evil.example", False, "regeleinde"),
    ("mailto:a@voorbeeld.be,b@evil.example", False, "geen enkel e-mailadres"),
    ("mailto:a@voorbeeld.be;b@evil.example", False, "geen enkel e-mailadres"),
    ("mailto:a@voorbeeld.be%2Cb@evil.example", False, "geen enkel e-mailadres"),
    ("mailto:", False, "geen enkel e-mailadres"),
])
def test_data_refuses_addresses_that_are_not_what_they_seem(target, image, says):
    problem = safety.target_problem(target, image=image)
    assert problem and says in problem, problem


@pytest.mark.parametrize("target", ["mailto:info@vlaanderen-circulair.be", "mailto:a@voorbeeld.be?subject=Vraag%20over%20stap%203",
                                    "../inleiding/index.md", "https://www.vlaanderen-circulair.be/nl/a?b=c"])
def test_ordinary_addresses_pass(target):
    assert safety.target_problem(target) is None


@pytest.mark.parametrize("html,gone", [
    ('<img src="/\\evil.example/p.png" alt="x">', "evil.example"),
    ('<img src=" \t//evil.example/p.png" alt="x">', "evil.example"),
    ('<img src="https://evil.example/p.png" alt="x">', "evil.example"),
    ('<a href="/\\evil.example/">x</a>', "evil.example"),
    ('<a href="\\\\evil.example/">x</a>', "evil.example"),
    ('<a href="mailto:a@voorbeeld.be?cc=b@evil.example">x</a>', "evil.example"),
    ('<a href="mailto:a@voorbeeld.be?subject=a%0D%0Abcc:b@evil.example">x</a>', "evil.example"),
    ('<blockquote cite="//evil.example/">x</blockquote>', "evil.example"),
])
def test_the_sanitiser_drops_them_from_pages(html, gone):
    assert gone not in sanitize.clean(html)


def test_the_sanitiser_keeps_ordinary_addresses():
    html = ('<a href="https://www.vlaanderen-circulair.be/">a</a><a href="../over.html#kop">b</a>'
            '<a href="mailto:info@vlaanderen-circulair.be?subject=Vraag">c</a><img src="../assets/images/x.png" alt="">')
    out = sanitize.clean(html)
    for kept in ('href="https://www.vlaanderen-circulair.be/"', 'href="../over.html#kop"',
                 'href="mailto:info@vlaanderen-circulair.be?subject=Vraag"', 'src="../assets/images/x.png"'):
        assert kept in out, out
    # A relative address with a backslash is published as the browser reads it.
    assert 'href="../over.html"' in sanitize.clean('<a href="..\\over.html">x</a>')
