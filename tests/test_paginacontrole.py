"""A hand-written page is content (macros/paginacontrole.py, overrides/hooks/inhoud.py): only calls of
the site's own macros, front matter as data, the theme escaping what it shows of it."""
from __future__ import annotations

import shutil
import time

import pytest
from markupsafe import Markup
from mkdocs.utils.meta import get_data

from conftest import ROOT, mkdocs_build
from macros import paginacontrole as pc

MACROS = pc.site_macros(ROOT)
THEMES = {"Textiel", "Medische apparatuur"}


def problems(text: str) -> list[str]:
    return [str(p) for p in pc.check_page(text, "docs/x.md", MACROS, THEMES)]


# --- macro calls -------------------------------------------------------------------------------------


def test_the_macros_a_page_may_call_are_ours_only():
    assert {"bronnen_lijst", "aantal", "aankoopwijzer_plan", "edities_overzicht", "levensduurkost_formulier"} <= set(MACROS)
    assert not {"macros_info", "context", "now", "fix_url", "config", "page"} & set(MACROS)


@pytest.mark.parametrize("call", ["{{ bronnen_lijst() }}", "{{bronnen_lijst()}}", "{{ aantal('bron') }}",
                                  '{{ aantal("thema") }}', "{{ download_link('pdf') }}",
                                  "{{ meldingen_link('meldingen (issues) van de repository') }}"])
def test_a_call_of_our_macros_passes(call):
    assert problems(f"# Titel\n\nTekst {call} en meer.\n") == []


@pytest.mark.parametrize("payload,line,says", [
    ("{{ cycler.__init__.__globals__.os.environ['HOME'] }}", 3, "iets anders dan een aanroep van een macro"),
    ("{{ cycler.__init__.__globals__.os.popen('id').read() }}", 3, "iets anders dan een aanroep van een macro"),
    ("{% set f = lipsum.__globals__['__builtins__']['open']('x.js', 'w') %}", 3, "een opdracht in de sjabloontaal"),
    ("{# opmerking #}", 3, "een opmerking in de sjabloontaal Jinja"),
    ("{{ macros_info() }}", 3, "'macros_info' aan, maar dat is geen macro van de site"),
    ("{{ config.repo_url }}", 3, "iets anders dan een aanroep"),
    ("{{- bronnen_lijst() -}}", 3, "iets anders dan een aanroep"),
    ("{%- if true -%}", 3, "een opdracht"),
    ("{{ bronnen_lijst() | safe }}", 3, "iets anders dan een aanroep"),
    ("{{ aantal('bron\\'') }}", 3, "iets anders dan een aanroep"),
    ("{{ aantal('bronn') }}", 3, "kent 'bronn' niet. Bedoelde je 'bron'?"),
    ("{{ bronnen_lijst(3) }}", 3, "krijgt 1 argument(en), maar verwacht er 0"),
    ("{{ range(10**9)|list }}", 3, "iets anders dan een aanroep"),
    ("Tekst\n\n{% include '/etc/passwd' %}", 5, "een opdracht"),
])
def test_every_other_jinja_is_refused_with_file_line_and_fix(payload, line, says):
    found = problems(f"# Titel\n\n{payload}\n")
    assert len(found) == 1, found
    assert found[0].startswith(f"docs/x.md, regel {line}: ") and says in found[0], found[0]


def test_each_problem_is_reported_with_its_own_line():
    found = problems("# Titel\n{{ a }}\n\n{% x %}\n{{ bronnen_lijst() }} {# y #}\n")
    assert [f.split(":")[0] for f in found] == ["docs/x.md, regel 2", "docs/x.md, regel 4", "docs/x.md, regel 5"]


def test_the_scan_is_linear_and_its_report_bounded():
    """A page of nothing but openers and almost-calls (1 MB, the most a page may hold) is judged in well
    under a second; the first problems are listed with their line, the rest counted."""
    text = ("{{ aantal('" + "x" * 190 + "' }} {{{{{{ {%{#\n") * 5000
    start = time.monotonic()
    found = pc.jinja_problems(text, "docs/x.md", MACROS)
    assert time.monotonic() - start < 2.0
    assert len(found) == pc.MAX_PROBLEMS + 1
    assert str(found[-1]) == "docs/x.md, regel 5000: en nog 29980 plaatsen met {{, {% of {# verder in de pagina."
    assert str(found[0]).startswith("docs/x.md, regel 1: ") and str(found[6]).startswith("docs/x.md, regel 2: ")


# --- front matter ------------------------------------------------------------------------------------


def test_the_site_pages_front_matter_passes():
    for path in sorted((ROOT / "docs").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        assert problems(text.replace("\r\n", "\n")) == [], path


@pytest.mark.parametrize("front,key,says", [
    ('title: "</title><meta http-equiv=\\"refresh\\" content=\\"0;url=https://evil.example/\\">"', "title", "'<' of '>'"),
    ("description: 'Tekst \"met\" aanhalingstekens'", "description", "dubbel aanhalingsteken"),
    ("author: '</title><script>x</script>'", "author", "deze sleutel is niet toegelaten"),
    ("tags: ['<b>Textiel</b>']", "tags", "is geen thema"),
    ("tags: [Textil]", "tags", "Bedoelde je 'Textiel'?"),
    ("scripts: ['https://evil.example/x.js']", "scripts", "is geen script van de site"),
    ("scripts: ['file:///etc/passwd']", "scripts", "is geen script van de site"),
    ("scripts: ['//evil.example/x.js']", "scripts", "is geen script van de site"),
    ("scripts: ['assets/javascripts/doorverwijzing.js']", "scripts", "is geen script van de site"),
    ("hide: [toc, everything]", "hide", "Kies een van"),
    ("render_macros: true", "render_macros", "alleen 'render_macros: false'"),
    ("macros: {include_yaml: [x]}", "macros", "deze sleutel is niet toegelaten"),
    ("template: evil.html", "template", "deze sleutel is niet toegelaten"),
    ("titel: Oeps", "titel", "Bedoelde je 'title'?"),
    ("title: '{{ config }}'", "title", "'{{', '{%' of '{#'"),
    ("description: '" + "lang " * 100 + "'", "description", "hoogstens 300 tekens"),
    ("title: [een, lijst]", "title", "verwacht tekst"),
])
def test_front_matter_is_data_with_the_same_messages(front, key, says):
    found = problems(f"---\n{front}\n---\n\n# Titel\n")
    assert len(found) == 1, found
    assert found[0].startswith(f"docs/x.md, regel 2, veld '{key}': ") and says in found[0], found[0]


def test_anchors_and_yaml_errors_in_front_matter_get_the_datas_messages():
    bomb = "---\na: &a [x, x]\nb: &b [*a, *a]\ntitle: t\n---\n# T\n"
    found = problems(bomb)
    assert len(found) == 1 and found[0].startswith("docs/x.md, regel 2") and "anker" in found[0], found
    broken = "---\ntitle: Een: titel\n---\n# T\n"
    found = problems(broken)
    assert len(found) == 1 and found[0].startswith("docs/x.md, regel 2") and "Traceback" not in found[0], found
    assert problems("---\n- een\n- lijst\n---\n# T\n")[0].startswith("docs/x.md, regel 2: de paginagegevens")


def test_metadata_lines_without_dashes_are_refused_as_mkdocs_would_read_them():
    """MkDocs also reads 'key: value' lines at the top of a page as metadata (no '---')."""
    text = "title: </title><meta http-equiv=refresh content=0;url=https://evil.example/>\n\n# Over\n"
    assert get_data(text)[1], "MkDocs reads this as metadata: the test is only meaningful then"
    found = problems(text)
    assert len(found) == 1 and "leest MkDocs als paginagegevens" in found[0] and "regel 1" in found[0]


@pytest.mark.parametrize("text", [
    "---\ntitle: Een\n---\n# T\n", "---\ntitle: Een\n...\n# T\n", "--- \ntitle: Een\n---\t\n# T\n",
    "---\n---\n# T\n", "# T\n\ntitle: geen\n", "title: ja\nhide: [toc]\n\n# T\n", "---\ntitle: Een\n# T\n",
    "---\n[kapot\n---\n# T\n", "---\n- a\n---\n# T\n", "\n---\ntitle: Een\n---\n",
])
def test_what_is_checked_is_what_mkdocs_reads(text):
    """The same front matter as MkDocs' own reader: checked metadata never differs from read metadata."""
    _, mkdocs_meta = get_data(text)
    ours, found = pc.front_matter(text, "docs/x.md", THEMES)
    if found:
        return  # refused: MkDocs never reads it
    assert ours == mkdocs_meta


def test_the_theme_gets_title_and_description_escaped_once():
    meta = {"title": "Foto's & <co>", "description": "a \"b\"", "tags": ["Foto's"]}
    pc.escape_meta(meta)
    assert meta["title"] == "Foto&#x27;s &amp; &lt;co&gt;" and isinstance(meta["title"], Markup)
    assert meta["description"] == "a &quot;b&quot;" and meta["tags"] == ["Foto&#x27;s"]
    generated = {"title": "Foto&#x27;s"}
    pc.escape_meta(generated, pre_escaped=True)
    assert generated["title"] == "Foto&#x27;s" and isinstance(generated["title"], Markup)
    pc.escape_meta(meta)  # a second pass changes nothing
    assert meta["title"] == "Foto&#x27;s &amp; &lt;co&gt;"


def test_a_page_that_is_not_utf8_or_too_big_gets_one_message(tmp_path):
    page = tmp_path / "x.md"
    page.write_bytes("# Patiënten\n".encode("latin-1"))
    text, found = pc.read_page(page, "docs/x.md")
    assert text is None and len(found) == 1 and "niet opgeslagen als UTF-8" in str(found[0]) and "regel 1" in str(found[0])
    page.write_bytes(b"x" * (pc.MAX_PAGE_BYTES + 1))
    text, found = pc.read_page(page, "docs/x.md")
    assert text is None and "hoogstens 1 MB" in str(found[0])
    page.write_bytes(b"# T\r\n\r\nTekst\r\n")
    assert pc.read_page(page, "docs/x.md")[0] == "# T\n\nTekst\n"


# --- in a build ----------------------------------------------------------------------------------


@pytest.fixture
def project(fixture_project):
    """The fixture site with the content hook (overrides/hooks/inhoud.py) and the theme overrides."""
    config = fixture_project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("hooks:\n", "hooks:\n  - overrides/hooks/inhoud.py\n", 1)
    text = text.replace("  name: material\n", "  name: material\n  custom_dir: overrides\n", 1)
    config.write_text(text, encoding="utf-8")
    shutil.copy(ROOT / "overrides" / "main.html", fixture_project / "overrides" / "main.html")
    return fixture_project


def test_a_page_with_jinja_stops_the_build_before_anything_runs(project, tmp_path):
    marker = tmp_path / "gemaakt.txt"
    page = project / "docs" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") +
                    f"\n{{% set f = lipsum.__globals__['__builtins__']['open']('{marker}', 'w') %}}{{{{ f.write('x') }}}}\n",
                    encoding="utf-8")
    proc = mkdocs_build(project, tmp_path / "site")
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    assert "docs/index.md, regel" in proc.stderr and "een opdracht in de sjabloontaal Jinja" in proc.stderr
    assert not marker.exists(), "the page's Jinja ran"
    assert not (tmp_path / "site" / "index.html").exists()


def test_the_macros_plugin_keeps_its_minimal_settings(project, tmp_path):
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "      on_undefined: strict\n", "      on_undefined: strict\n      include_yaml: [/etc/hostname]\n"
        "      j2_variable_start_string: '[['\n", 1), encoding="utf-8")
    proc = mkdocs_build(project, tmp_path / "site")
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    assert "mkdocs.yml, plugins, macros: 'include_yaml: ['/etc/hostname']'" in proc.stderr
    assert "'j2_variable_start_string: '[['" in proc.stderr


def test_a_hostile_first_heading_stays_text_in_the_title(project, tmp_path):
    """MkDocs takes a page's title from its first heading, with entities intact; Material's
    `striptags` decodes them: without the theme's |e this heading would end <title> early."""
    page = project / "docs" / "stappen" / "index.md"  # its menu entry has no title of its own: the heading is it
    text = page.read_text(encoding="utf-8")
    first = next(line for line in text.splitlines() if line.startswith("# "))
    page.write_text(text.replace(first, '# Bronnen &lt;/title&gt;&lt;meta http-equiv="refresh" '
                                        'content="0;url=https://evil.example/"&gt;', 1), encoding="utf-8")
    proc = mkdocs_build(project, tmp_path / "site")
    assert proc.returncode == 0, proc.stderr
    html = (tmp_path / "site" / "stappen" / "index.html").read_text(encoding="utf-8")
    head = html[:html.index("</head>")]
    assert 'http-equiv="refresh"' not in head and "<meta http-equiv=\"refresh\"" not in html
    assert "<title>Bronnen &lt;/title&gt;&lt;meta" in head


def test_the_messages_contributing_shows_are_the_real_ones():
    """CONTRIBUTING.md, section 6, quotes two messages about a page: each is what the check says."""
    import re

    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    quoted = re.findall(r"^docs/over\.md, regel \d+(?:, veld '[^']+')?: (.*)$", text, re.M)
    assert len(quoted) == 2, quoted
    jinja = problems("# T\n\n{{ config.repo_url }}\n")[0].split(": ", 1)[1]
    author = problems("---\nauthor: iemand\n---\n# T\n")[0].split(": ", 1)[1]
    assert quoted == [jinja, author]
