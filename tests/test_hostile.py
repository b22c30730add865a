"""Pull requests are untrusted (issue 7): no contributor text runs in a visitor's browser or on the
build machine, exhausts it, disguises itself or gets lost.

The corpus is tests/fixtures/hostile/ (see its README). `rejected/` holds one small file per attack,
each saying what it attacks and where it is placed; each must give exactly the problems listed
here. `catalogue/` is legal but nasty: the checker accepts it, so every page made from it must show
its values as text and run none of them. A property-based test does the same for generated values
in every field, and one real `mkdocs build` checks the built site.
"""

from __future__ import annotations

import base64
import contextlib
import dataclasses
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from unittest import mock

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from markdown_engine import site_markdown
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.utils.yaml import yaml_load  # reads mkdocs.yml's !ENV settings as MkDocs does

from generator.content.catalogue import Catalogue
from generator.content.check import check, load_catalogue
from generator.content.confusables import _skeleton, homoglyphs, mixed_script_word, skeleton
from generator.content.fields import input_fields
from generator.content.limits import MAX_DEPTH, MAX_FILE_BYTES, MAX_LENGTH, MAX_NODES, MAX_RENDERED_MARKDOWN
from generator.content.load import Scalar
from generator.content.messages import message
from generator.content.model import (
    Agency,
    Agreement,
    Contact,
    Head,
    Innovation,
    Link,
    Metric,
    Prerequisites,
    Region,
    Source,
)
from generator.content.problems import problem
from generator.content.prose import MAX_GROWTH, render_prose
from generator.content.report import format_github, format_text
from generator.content.text_safety import unsafe_character
from generator.content.validate import Validator
from generator.engine.csp import add_policy
from generator.engine.page_checks import check_built, fail_on_missing
from generator.site import coverage as coverage_module
from generator.site import pages as pages_module
from generator.site import paths
from generator.site.render import PageRenderer, ext_link

REPO = Path(__file__).parents[1]
HOSTILE = Path(__file__).parent / "fixtures" / "hostile"
CATALOGUE = HOSTILE / "catalogue"
REJECTED = HOSTILE / "rejected"
MINIMAL = Path(__file__).parent / "fixtures" / "minimal"
# Crash guards, not benchmarks: each hostile input takes well under a second of CPU; only a hang or
# a blow-up would come near these. CPU time is what is bounded (a loaded test machine stretches the
# wall clock several times over); the wall clock only guards against a hang.
SLOW = 5.0
HANG = 60.0
# Peak Python memory for one hostile Markdown body (the input is 20,000 characters at most).
MEMORY = 32 * 1024 * 1024

# --- What a browser would act on ----------------------------------------------------------------

_BAD_SCHEMES = ("javascript:", "vbscript:", "data:")
# Elements that embed, frame or re-base a document: never in any page.
_NEVER = frozenset({"iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal"})
# Elements the theme may use in its own frame but contributor content never makes.
_NOT_IN_CONTENT = frozenset({"form", "meta", "link", "style", "input", "button", "textarea", "select"})
# Python-Markdown writes the alignment of the site's own tables (metrics) as a style attribute.
_TEMPLATE_TABLE_STYLES = frozenset({"text-align: left;", "text-align: center;", "text-align: right;"})
_JSON_ISLANDS = frozenset({"__config", "kid-browse-labels"})
# Browsers drop ASCII whitespace and controls from a URL before reading its scheme.
_URL_NOISE = re.compile(r"[\x00-\x20\x7f]+")


class Inspection(HTMLParser):
    """The constructs of an HTML page that could run code, frame or restyle it, or leave its policy.

    With `theme`, the input is a whole built page: content is what is inside the theme's
    `<article class="md-content__inner">`; outside it, the theme's own forms, scripts and CSP
    `<meta>` are allowed, and each inline script must be listed by hash in that policy. Without
    `theme`, the input is a fragment made from a page's Markdown, all of it content.
    """

    def __init__(self, html: str, *, theme: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.theme = theme
        self.problems: list[str] = []
        self.policies: list[str] = []
        self.json_islands: list[Any] = []
        self.text = ""
        self._content = 0 if theme else 1
        self._prose = 0
        self._script: dict[str, str] | None = None
        self._script_body = ""
        self._inline_hashes: list[str] = []
        self.feed(html)
        self.close()
        if theme:
            self._check_policy()

    def _check_policy(self) -> None:
        if len(self.policies) != 1:
            self.problems.append(f"{len(self.policies)} Content-Security-Policy meta tags")
            return
        allowed = set(re.findall(r"'(sha256-[^']+)'", self.policies[0]))
        self.problems += [
            f"inline script {h} not in the policy" for h in self._inline_hashes if h not in allowed
        ]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        classes = values.get("class", "").split()
        in_content = self._content > 0
        where = f"<{tag} {' '.join(f'{k}={v!r}' for k, v in values.items())}>"[:160]
        if tag == "article" and (self._content or "md-content__inner" in classes):
            self._content += 1
        if tag == "div" and (self._prose or "kid-prose" in classes):
            self._prose += 1
        for name, value in values.items():
            if name.startswith("on") or name in ("srcdoc", "formaction"):
                self.problems.append(f"attribute {name}: {where}")
            if _URL_NOISE.sub("", value).lower().startswith(_BAD_SCHEMES):
                self.problems.append(f"script or data URL in {name}: {where}")
            template_table = tag in ("th", "td") and value in _TEMPLATE_TABLE_STYLES and not self._prose
            if name == "style" and not (template_table and in_content):
                self.problems.append(f"style attribute: {where}")
        # The print button of a visit brief is the template's, outside any contributor prose.
        template_button = tag == "button" and "data-kid-print" in values and not self._prose
        if tag in _NEVER or (tag in _NOT_IN_CONTENT and in_content and not template_button):
            self.problems.append(f"element: {where}")
        if (
            tag == "form" and not in_content and "md-header__option" not in classes
        ):  # the theme's colour switch
            self.problems.append(f"form: {where}")
        if tag == "meta" and "http-equiv" in values:
            if values["http-equiv"].lower() == "content-security-policy" and not in_content:
                self.policies.append(values.get("content", ""))
            else:
                self.problems.append(f"meta http-equiv: {where}")
        if tag == "script":
            self._script, self._script_body = values, ""
            src = values.get("src")
            if src is not None and (
                in_content or re.match(r"[a-z][a-z0-9+.-]*:|//", src, re.I) or not src.endswith(".js")
            ):
                self.problems.append(f"script source: {where}")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "article" and self._content and self.theme:
            self._content -= 1
        if tag == "div" and self._prose:
            self._prose -= 1
        if tag == "script" and self._script is not None:
            self._end_script(self._script, self._script_body)
            self._script = None

    def _end_script(self, attrs: dict[str, str], body: str) -> None:
        if "src" in attrs:
            return
        if attrs.get("type") == "application/json":
            # A value that broke out of the island would leave it unparsable (or end it early).
            if attrs.get("id") not in _JSON_ISLANDS:
                self.problems.append(f"JSON island {attrs.get('id')!r}")
            try:
                self.json_islands.append(json.loads(body))
            except ValueError:
                self.problems.append(f"JSON island {attrs.get('id')!r} does not parse: {body[:80]!r}")
            return
        if self._content or not self.theme:
            self.problems.append(f"inline script in content: {body[:80]!r}")
            return
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
        self._inline_hashes.append(f"sha256-{digest}")

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script_body += data
        else:
            self.text += data


def violations(html: str, *, theme: bool) -> list[str]:
    """Every forbidden construct in `html` (see `Inspection`); empty when the page is inert."""
    return Inspection(html, theme=theme).problems


@pytest.mark.parametrize(
    ("fragment", "found"),
    [
        ("<script>alert(1)</script>", "inline script in content"),
        ('<p onclick="x">a</p>', "attribute onclick"),
        ('<svg><a xlink:href=" java\tscript:x">a</a></svg>', "script or data URL in xlink:href"),
        ('<a href="&#106;avascript:x">a</a>', "script or data URL in href"),
        ('<img src="data:image/png;base64,AA">', "script or data URL in src"),
        ('<p style="color:red">a</p>', "style attribute"),
        (
            '<div class="kid-prose"><table><tr><td style="text-align: right;">1</td></tr></table></div>',
            "style",
        ),
        ("<iframe></iframe>", "element: <iframe"),
        ("<object></object>", "element: <object"),
        ("<embed>", "element: <embed"),
        ("<form></form>", "element: <form"),
        ('<meta http-equiv="refresh" content="0">', "element: <meta"),
        ('<script type="application/json" id="kid-browse-labels">{"a": "</script>', "does not parse"),
        ('<script src="https://evil.example/x.js"></script>', "script source"),
        ('<iframe srcdoc="x">', "attribute srcdoc"),
    ],
)
def test_the_inspection_finds_each_forbidden_construct(fragment: str, found: str) -> None:
    # The checks below are only as good as this: each construct it must see, it sees.
    assert any(found in item for item in violations(fragment, theme=False)), fragment


def test_the_inspection_allows_only_the_themes_own_frame() -> None:
    script = "var palette=1"
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    page = (
        f'<html><head><meta http-equiv="Content-Security-Policy" content="script-src \'sha256-{digest}\'">'
        f'<script>{script}</script><script src="../assets/bundle.js"></script></head><body>'
        '<form class="md-header__option"></form>'
        '<article class="md-content__inner"><table><tr><td style="text-align: right;">1</td></tr></table>'
        "<form></form></article></body></html>"
    )
    assert violations(page, theme=True) == ["element: <form >"]
    assert violations(page.replace(f"'sha256-{digest}'", "'none'"), theme=True) == [
        "element: <form >",
        f"inline script sha256-{digest} not in the policy",
    ]


# --- The rejected corpus: each attack gives exactly these problems -----------------------------

INNOVATIONS = "innovations/kabupaten-contoh"
EXPECTED: dict[str, list[tuple[str, int, int, str, str]]] = {
    # Script injection
    "url-schemes.yml": [
        (f"{INNOVATIONS}/url-schemes.yml", 13, 10, "bad-url", "links[0].url"),
        (f"{INNOVATIONS}/url-schemes.yml", 15, 10, "bad-url", "links[1].url"),
        (f"{INNOVATIONS}/url-schemes.yml", 17, 10, "bad-url", "links[2].url"),
        (f"{INNOVATIONS}/url-schemes.yml", 19, 10, "unsafe-character", "links[3].url"),
        (f"{INNOVATIONS}/url-schemes.yml", 21, 10, "bad-url", "links[4].url"),
        (f"{INNOVATIONS}/url-schemes.yml", 23, 10, "bad-url", "links[5].url"),
        (f"{INNOVATIONS}/url-schemes.yml", 25, 10, "bad-url", "links[6].url"),
        (f"{INNOVATIONS}/url-schemes.yml", 27, 10, "bad-url", "links[7].url"),
        (f"{INNOVATIONS}/url-schemes.yml", 30, 10, "bad-url", "contacts[0].url"),
    ],
    "id-injection.yml": [
        (f"{INNOVATIONS}/id-injection.yml", 6, 12, "bad-agency-ref", "agencies[0]"),
        (f"{INNOVATIONS}/id-injection.yml", 11, 8, "bad-id", "tags[0]"),
        (f"{INNOVATIONS}/id-injection.yml", 11, 20, "bad-id", "tags[1]"),
        (f"{INNOVATIONS}/id-injection.yml", 11, 40, "bad-id", "tags[2]"),
        (f"{INNOVATIONS}/id-injection.yml", 11, 53, "bad-id", "tags[3]"),
        (f"{INNOVATIONS}/id-injection.yml", 12, 15, "bad-innovation-ref", "adopted_from"),
        (f"{INNOVATIONS}/id-injection.yml", 13, 11, "bad-innovation-ref", "related[0]"),
    ],
    "contact-injection.yml": [
        (f"{INNOVATIONS}/contact-injection.yml", 12, 12, "bad-email", "contacts[0].email"),
        (f"{INNOVATIONS}/contact-injection.yml", 13, 12, "bad-phone", "contacts[0].phone"),
    ],
    "file-name.yml": [(f"{INNOVATIONS}/<img src=x onerror=alert(1)>.yml", 0, 0, "bad-file-name", "")],
    # Code on the build machine
    "yaml-python-tag.yml": [
        (f"{INNOVATIONS}/yaml-python-tag.yml", 4, 8, "expected-scalar", "title"),
        (f"{INNOVATIONS}/yaml-python-tag.yml", 4, 8, "yaml-tag", ""),
        (f"{INNOVATIONS}/yaml-python-tag.yml", 5, 10, "missing-value", "summary"),
        (f"{INNOVATIONS}/yaml-python-tag.yml", 5, 10, "yaml-tag", ""),
        (f"{INNOVATIONS}/yaml-python-tag.yml", 11, 14, "yaml-tag", ""),
    ],
    # Resource exhaustion
    "yaml-billion-laughs.yml": [
        *[
            (f"{INNOVATIONS}/yaml-billion-laughs.yml", 4, 1, "missing-field", name)
            for name in ("affairs", "agencies", "form", "kind", "stage", "summary")
        ],
        (f"{INNOVATIONS}/yaml-billion-laughs.yml", 4, 1, "unknown-field", "a"),
        (f"{INNOVATIONS}/yaml-billion-laughs.yml", 4, 4, "anchor", ""),
        (f"{INNOVATIONS}/yaml-billion-laughs.yml", 5, 1, "unknown-field", "b"),
        (f"{INNOVATIONS}/yaml-billion-laughs.yml", 5, 4, "anchor", ""),
        (f"{INNOVATIONS}/yaml-billion-laughs.yml", 5, 8, "alias", ""),
        (f"{INNOVATIONS}/yaml-billion-laughs.yml", 5, 12, "alias", ""),
        (f"{INNOVATIONS}/yaml-billion-laughs.yml", 6, 1, "unknown-field", "c"),
        (f"{INNOVATIONS}/yaml-billion-laughs.yml", 6, 4, "anchor", ""),
        (f"{INNOVATIONS}/yaml-billion-laughs.yml", 6, 8, "alias", ""),
        (f"{INNOVATIONS}/yaml-billion-laughs.yml", 6, 12, "alias", ""),
        (f"{INNOVATIONS}/yaml-billion-laughs.yml", 7, 8, "alias", ""),
        (f"{INNOVATIONS}/yaml-billion-laughs.yml", 7, 8, "missing-value", "title"),
    ],
    # The twelfth "[" (column 8 + 11) is the thirteenth level, counting the file's own mapping.
    "yaml-deep-nesting.yml": [(f"{INNOVATIONS}/yaml-deep-nesting.yml", 3, 8 + MAX_DEPTH - 1, "too-deep", "")],
    "list-too-long.yml": [(f"{INNOVATIONS}/list-too-long.yml", 10, 7, "too-many-items", "tags")],
    "string-too-long.yml": [(f"{INNOVATIONS}/string-too-long.yml", 3, 8, "too-long", "title")],
    "markdown-link-amplifier.yml": [
        (f"{INNOVATIONS}/markdown-link-amplifier.yml", 11, 14, "markdown-too-large", "description")
    ],
    "markdown-table-amplifier.yml": [
        (f"{INNOVATIONS}/markdown-table-amplifier.yml", 11, 10, "markdown-table-too-large", "results")
    ],
    # Deception
    "bidi-override.yml": [(f"{INNOVATIONS}/bidi-override.yml", 4, 8, "unsafe-character", "title")],
    "zero-width.yml": [(f"{INNOVATIONS}/zero-width.yml", 4, 8, "unsafe-character", "title")],
    "invisible-filler.yml": [(f"{INNOVATIONS}/invisible-filler.yml", 4, 8, "unsafe-character", "title")],
    "mixed-script.yml": [(f"{INNOVATIONS}/mixed-script.yml", 3, 8, "mixed-script", "title")],
    "lookalike-cyrillic.yml": [
        (f"{INNOVATIONS}/pos-sehat-palsu.yml", 5, 8, "lookalike", "title"),
        (f"{INNOVATIONS}/pos-sehat.yml", 2, 8, "lookalike", "title"),
    ],
    "lookalike-fullwidth.yml": [
        (f"{INNOVATIONS}/a-pos-sehat.yml", 4, 8, "lookalike", "title"),
        (f"{INNOVATIONS}/pos-sehat.yml", 2, 8, "lookalike", "title"),
    ],
    "lookalike-region.yml": [
        ("regions/kota-bekasi.yml", 2, 7, "lookalike", "name"),
        ("regions/kota-bekasl.yml", 4, 7, "lookalike", "name"),
    ],
    "lookalike-agency.yml": [
        ("regions/kota-bekasi.yml", 10, 11, "lookalike", "agencies[0].name"),
        ("regions/kota-bekasi.yml", 14, 11, "lookalike", "agencies[1].name"),
    ],
    # Nothing lost
    "wrong-extension.yml": [(f"{INNOVATIONS}/lupa-ekstensi.yaml", 0, 0, "wrong-extension", "")],
    "outside-region-folder.yml": [("innovations/tersesat.yml", 0, 0, "innovation-outside-region-folder", "")],
    "unknown-region-folder.yml": [
        ("innovations/kabupaten-tidak-ada/yatim.yml", 0, 0, "unknown-region-folder", "")
    ],
}


@contextlib.contextmanager
def fast() -> Iterator[None]:
    """Fail when the block takes more than `SLOW` seconds of CPU (or `HANG` of wall clock)."""
    wall, cpu = time.perf_counter(), time.process_time()
    yield
    assert time.process_time() - cpu < SLOW
    assert time.perf_counter() - wall < HANG


def placed_at(fixture: Path) -> str:
    """Where a rejected file goes in the catalogue, from its `# Placed at:` comment."""
    found = re.search(r"^# Placed at: (\S.*)$", fixture.read_text(encoding="utf-8"), re.M)
    assert found, f"{fixture.name} says nowhere where it is placed"
    return found.group(1)


@pytest.fixture
def catalogue_copy(tmp_path: Path) -> Path:
    root = tmp_path / "catalogue"
    shutil.copytree(CATALOGUE, root)
    return root


def test_every_rejected_file_has_its_expected_outcome() -> None:
    assert sorted(p.name for p in REJECTED.glob("*.yml")) == sorted(EXPECTED)
    for fixture in REJECTED.glob("*.yml"):
        assert fixture.read_text(encoding="utf-8").startswith("# Attacks: "), fixture.name


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_rejected_file_gives_exactly_its_problems(name: str, catalogue_copy: Path) -> None:
    target = catalogue_copy / placed_at(REJECTED / name)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(REJECTED / name, target)
    with fast():
        result = check(catalogue_copy)
    assert [(p.path, p.line, p.column, p.code, p.field) for p in result.problems] == EXPECTED[name]
    # Reported, so the build stops: nothing of the catalogue is published without the file.
    assert result.catalogue is None
    for item in result.problems:
        for lang in ("id", "en"):
            assert message(item, lang)


def test_the_legal_catalogue_is_clean() -> None:
    result = check(CATALOGUE)
    assert result.problems == []
    assert result.catalogue is not None


def test_yaml_tags_run_nothing(catalogue_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copyfile(REJECTED / "yaml-python-tag.yml", catalogue_copy / f"{INNOVATIONS}/yaml-python-tag.yml")
    check(catalogue_copy)
    assert not (tmp_path / "PWNED").exists()
    assert not (catalogue_copy / "PWNED").exists()


def test_lookalike_messages_name_both_files(catalogue_copy: Path) -> None:
    shutil.copyfile(
        REJECTED / "lookalike-cyrillic.yml", catalogue_copy / f"{INNOVATIONS}/pos-sehat-palsu.yml"
    )
    imitation, original = check(catalogue_copy).problems
    assert imitation.arguments == {
        "value": "\u0420\u043e\u0455 \u0405\u0435\u04bb\u0430\u0442",
        "other": "Pos Sehat",
        "other_path": f"{INNOVATIONS}/pos-sehat.yml",
    }
    assert original.arguments["other_path"] == f"{INNOVATIONS}/pos-sehat-palsu.yml"
    assert message(imitation, "en") == (
        '"Роѕ Ѕеһат" looks the same as "Pos Sehat" in innovations/kabupaten-contoh/pos-sehat.yml but is '
        "written with other characters (look-alike letters from another alphabet, full-width letters, "
        "or a different letter case). Readers cannot tell them apart; change one of them."
    )


def test_mixed_script_message_names_the_letter(catalogue_copy: Path) -> None:
    shutil.copyfile(REJECTED / "mixed-script.yml", catalogue_copy / f"{INNOVATIONS}/mixed-script.yml")
    (item,) = check(catalogue_copy).problems
    assert message(item, "en") == (
        'The word "P\u043es" mixes Latin letters with a Cyrillic or Greek letter that looks the same '
        "(U+043E CYRILLIC SMALL LETTER O), so it can imitate other text. Type the word again in Latin "
        "letters only."
    )
    assert "U+043E CYRILLIC SMALL LETTER O" in message(item, "id")


def test_amplifier_messages_say_the_limit(catalogue_copy: Path) -> None:
    for name in ("markdown-link-amplifier.yml", "markdown-table-amplifier.yml"):
        shutil.copyfile(REJECTED / name, catalogue_copy / placed_at(REJECTED / name))
    link, table = check(catalogue_copy).problems
    assert link.arguments["limit"] == 200_000 and link.arguments["size"] > 300_000
    # 1,001 pipes make a row of up to 1,002 cells; header, delimiter and 100 rows make 102 lines.
    assert table.arguments == {"cells": 1002 * 102, "limit": 5_000}


# --- Symbolic links: refused, never followed ---------------------------------------------------


@pytest.mark.parametrize(
    ("link", "target", "expected"),
    [
        # A record file pointing at a file outside the catalogue.
        ("regions/kota-tautan.yml", "/etc/passwd", ("regions/kota-tautan.yml", 0, 0, "symlink", "")),
        # A record file pointing at another record: not read twice, not read at all.
        ("regions/kota-kembar.yml", "kota-bekasi.yml", ("regions/kota-kembar.yml", 0, 0, "symlink", "")),
        # A region folder of innovations pointing anywhere.
        ("innovations/kota-bekasi", "/etc", ("innovations/kota-bekasi", 0, 0, "symlink", "")),
        # A file the folders may hold besides records: still a link, still refused.
        ("agreements/README.md", "/etc/passwd", ("agreements/README.md", 0, 0, "symlink", "")),
    ],
)
def test_symbolic_links_in_content_folders_are_refused(
    catalogue_copy: Path, link: str, target: str, expected: tuple[str, int, int, str, str]
) -> None:
    (catalogue_copy / link).symlink_to(target)
    result = check(catalogue_copy)
    assert [(p.path, p.line, p.column, p.code, p.field) for p in result.problems] == [expected]
    assert result.catalogue is None


def test_a_content_folder_that_is_a_link_is_refused(catalogue_copy: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    shutil.move(catalogue_copy / "agreements", elsewhere)
    (catalogue_copy / "agreements").symlink_to(elsewhere)
    found = [(p.path, p.code) for p in check(catalogue_copy).problems]
    # Not followed: the agreement behind the link is not read, so the reference to it fails too.
    assert found == [("agreements", "symlink"), (f"{INNOVATIONS}/field-values.yml", "unknown-agreement")]


# --- Resource exhaustion: each input meets a limit, fast, in bounded memory ---------------------


def _innovation(**fields: str) -> str:
    base = {
        "title": "Uji",
        "summary": "Uji batas.",
        "agencies": "[dinkes]",
        "stage": "trial",
        "kind": "digital",
        "form": "governance",
        "affairs": "[health]",
    }
    return "".join(f"{k}: {v}\n" for k, v in {**base, **fields}.items())


def _check_one(root: Path, text: str | bytes) -> list[tuple[int, int, str, str]]:
    target = root / INNOVATIONS / "batas.yml"
    target.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    with fast():
        problems = check(root).problems
    return [(p.line, p.column, p.code, p.field) for p in problems if p.path.endswith("/batas.yml")]


def test_a_huge_file_is_refused_before_it_is_read(catalogue_copy: Path) -> None:
    text = _innovation() + "# " + "x" * MAX_FILE_BYTES + "\n"
    assert _check_one(catalogue_copy, text) == [(0, 0, "file-too-large", "")]


def test_too_many_values_are_refused(catalogue_copy: Path) -> None:
    text = _innovation(tags="[" + ", ".join(["a"] * MAX_NODES) + "]")
    # The file's first 19 values come before the tags; each tag takes 3 columns from column 8.
    assert _check_one(catalogue_copy, text) == [(8, 8 + 3 * (MAX_NODES + 1 - 20), "too-many-nodes", "")]


@pytest.mark.parametrize("opening", ["[", "{a: "])
def test_deep_nesting_of_any_depth_is_refused_at_the_limit(catalogue_copy: Path, opening: str) -> None:
    # 40,000 levels would crash a recursive parser; the loader stops at the twelfth opening, the
    # thirteenth level counting the file's own mapping.
    text = _innovation(description=opening * 40_000)
    assert _check_one(catalogue_copy, text) == [(8, 14 + len(opening) * (MAX_DEPTH - 1), "too-deep", "")]


def test_a_long_value_is_refused_by_its_format_limit(catalogue_copy: Path) -> None:
    limit = MAX_LENGTH["markdown"]
    text = _innovation(description=json.dumps("a" * (limit + 1)))
    assert _check_one(catalogue_copy, text) == [(8, 14, "too-long", "description")]


# 20,000 characters (the longest Markdown body) of what makes Markdown parsers slow or their output
# large: nested and unclosed brackets, link and image openers, emphasis runs, quotes, backticks,
# raw-HTML openers, entities, lists, tables and reference definitions.
PATHOLOGICAL = {
    "brackets": "[",
    "nested-links": "[a](",
    "images": "![",
    "stars": "*",
    "alternating-emphasis": "*_",
    "quotes": ">",
    "nested-quotes": "> ",
    "backticks": "`",
    "backtick-runs": "a`` ```",
    "html-openers": "<!--",
    "entities": "&#",
    "indented-lists": "  - a\n",
    "table-rows": "|a|b|\n|-|-|\n",
    "reference-definitions": "[a]: https://example.org/\n",
}


def _pathological(name: str) -> str:
    limit = MAX_LENGTH["markdown"]
    # Starts and ends with a letter, so that stripping leaves it at the limit.
    return "a" + (PATHOLOGICAL[name] * limit)[: limit - 2] + "a"


def _check_markdown(body: str) -> tuple[str | None, list[str]]:
    validator = Validator("x.yml")
    value = validator.item(input_fields(Innovation)["description"], Scalar(body, "str", False, 1, 1), "f")
    return value, [p.code for p in validator.problems]


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_pathological_markdown_is_checked_and_rendered_fast(name: str) -> None:
    body = _pathological(name)
    with fast():
        value, codes = _check_markdown(body)
        html = render_prose(body) if value is not None else ""
    # Either accepted, with a page block of bounded size, or refused with a clear problem.
    assert codes in ([], ["markdown-too-large"], ["markdown-table-too-large"]), codes
    assert len(html) <= 10 * MAX_LENGTH["markdown"]
    # One character more than the limit is refused before any parsing.
    assert _check_markdown(body + "a") == (None, ["too-long"])


def test_a_short_body_of_reference_links_is_still_measured() -> None:
    # 3,000 characters, under the length that needs no parse, that would render to 680 KB.
    body = "[x]: https://example.org/" + "a" * 1_900 + "\n\n" + "[x]" * 350
    assert len(body) * MAX_GROWTH <= MAX_RENDERED_MARKDOWN
    assert _check_markdown(body) == (None, ["markdown-too-large"])


# What makes many tokens or much output; the bracket and image runs above cost time (timed there),
# not memory (a few MB), and tracing every allocation would make them slow to test.
@pytest.mark.parametrize(
    "name",
    [
        "alternating-emphasis",
        "backtick-runs",
        "entities",
        "html-openers",
        "indented-lists",
        "reference-definitions",
        "table-rows",
        "link-amplifier",
        "table-amplifier",
    ],
)
def test_checking_hostile_markdown_holds_little_memory(name: str) -> None:
    limit = MAX_LENGTH["markdown"]
    amplifiers = {
        # One 10,000-character address repeated 3,300 times: 33 MB of HTML if it were rendered.
        "link-amplifier": "[x]: https://example.org/" + "a" * 9_900 + "\n\n" + "[x]" * 3_300,
        # A 1,000-column header over short rows: a million cells if it were parsed.
        "table-amplifier": "|a" * 1_000 + "|\n" + "|-" * 1_000 + "|\n" + "a\n" * 5_000,
    }
    body = amplifiers[name][:limit] if name in amplifiers else _pathological(name)
    tracemalloc.start()
    try:
        _check_markdown(body)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < MEMORY, f"{name}: {peak / 1e6:.0f} MB"


# --- Legal but dangerous-looking: the exact escaped rendering ----------------------------------

PROSE_RENDERINGS = [
    # Raw HTML and what the site's extensions read: all text.
    ("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"),
    ('<div markdown="1">**x**</div>', '<p>&lt;div markdown="1"&gt;<strong>x</strong>&lt;/div&gt;</p>'),
    ("Para {: onclick=alert(1) }", "<p>Para {: onclick=alert(1) }</p>"),
    ("# T {: #i .c onclick=x }", "<h3>T {: #i .c onclick=x }</h3>"),
    ('!!! note "<b>"\n    x', '<p>!!! note "&lt;b&gt;"\nx</p>'),
    ("*[HTML]: <img src=x onerror=alert(1)>", "<p>*[HTML]: &lt;img src=x onerror=alert(1)&gt;</p>"),
    ("Term\n:   def <b>", "<p>Term\n:   def &lt;b&gt;</p>"),
    # Links to script: autolinks, reference links, entities, spacing, case: shown as text.
    ("<javascript:alert(1)>", "<p>&lt;javascript:alert(1)&gt;</p>"),
    ("[x][1]\n\n[1]: javascript:alert(1)", "<p>[x][1]</p>\n<p>[1]: javascript:alert(1)</p>"),
    ("[x](&#106;avascript:alert(1))", "<p>[x](javascript:alert(1))</p>"),
    ("[x](java&#x09;script:alert(1))", "<p>[x](java\tscript:alert(1))</p>"),
    ("[x](<javascript:alert(1)>)", "<p>[x](&lt;javascript:alert(1)&gt;)</p>"),
    ("[x](JAVASCRIPT:alert(1))", "<p>[x](JAVASCRIPT:alert(1))</p>"),
    ("[x](data:text/html,<b>)", "<p>[x](data:text/html,&lt;b&gt;)</p>"),
    ("![x](javascript:alert(1))", "<p>![x](javascript:alert(1))</p>"),
    ("![x](https://example.org/a.png)", "<p></p>"),
    # Footnotes are not an enabled extension: their syntax stays text.
    ("a[^1]\n\n[^1]: <b>", "<p>a[^1]</p>\n<p>[^1]: &lt;b&gt;</p>"),
    # A link title cannot break out of its attribute.
    (
        '[f](https://example.org/ "t\\" onclick=\\"x")',
        '<p><a href="https://example.org/" title="t&quot; onclick=&quot;x" rel="nofollow noopener ugc">f</a></p>',
    ),
    # File-reading extensions (snippets, markdown-include) are not enabled: their syntax is text.
    ('--8<-- "/etc/passwd"', '<p>--8&lt;-- "/etc/passwd"</p>'),
    ("{!/etc/passwd!}", "<p>{!/etc/passwd!}</p>"),
    # Template syntax is text.
    ('{% include "/etc/passwd" %} {{ 7*7 }}', '<p>{% include "/etc/passwd" %} {{ 7*7 }}</p>'),
    # Table alignment as an attribute, never a style.
    (
        "|a|b|\n|:-|-:|\n|1|2|",
        '<table>\n<thead>\n<tr>\n<th align="left">a</th>\n<th align="right">b</th>\n'
        '</tr>\n</thead>\n<tbody>\n<tr>\n<td align="left">1</td>\n<td align="right">2</td>\n</tr>\n</tbody>\n</table>',
    ),
]


@pytest.mark.parametrize(("source", "expected"), PROSE_RENDERINGS)
def test_markdown_tricks_render_exactly_as_text(source: str, expected: str) -> None:
    assert render_prose(source) == expected
    assert violations(expected, theme=False) == []


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            'https://example.org/"onmouseover="alert(1)',
            'href="https://example.org/&#34;onmouseover=&#34;alert(1)"',
        ),
        ("https://example.org/'><script>x", 'href="https://example.org/&#39;&gt;&lt;script&gt;x"'),
        ('mailto:a@example.org?subject="><b>', 'href="mailto:a@example.org?subject=&#34;&gt;&lt;b&gt;"'),
    ],
)
def test_legal_urls_cannot_leave_their_attribute(url: str, expected: str) -> None:
    out = ext_link("t", url)
    assert out == f'<a {expected} rel="nofollow noopener ugc">t</a>'
    assert violations(str(out), theme=False) == []


def test_the_site_enables_nothing_that_reads_files_or_evaluates_content() -> None:
    config = yaml_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    extensions = {next(iter(e)) if isinstance(e, dict) else e for e in config["markdown_extensions"]}
    plugins = {next(iter(p)) if isinstance(p, dict) else p for p in config.get("plugins", [])}
    # Snippets and include extensions read other files; macros evaluates Jinja in page Markdown.
    readers = {"pymdownx.snippets", "markdown_include.include", "mdx_include", "include", "snippets"}
    assert not extensions & readers
    assert not plugins & {"macros", "include-markdown", "mkdocs-simple-hooks"}
    assert "hooks" not in config


def test_template_syntax_in_a_value_is_printed() -> None:
    renderer = PageRenderer("id")
    out = renderer.env.from_string("{{ value }}").render(value="{{ config }} {% include 'x' %}")
    assert out == "&#123;&#123; config &#125;&#125; &#123;% include &#39;x&#39; %&#125;"


# --- Property: any accepted value in any field makes inert pages -------------------------------

_TOKENS = [
    *"ab <>&\"'`*_[](){}#:=!|-+./\\~^$@?;%",
    "é",
    " \u0411 ",  # a Cyrillic word of its own: mixing alphabets inside a word is refused
    "\u00a0",
    "<script>",
    "</script>",
    "<!--",
    "-->",
    "]]>",
    "{{ 7*7 }}",
    "{%",
    "%}",
    "{:",
    "onclick=",
    "javascript:",
    "data:",
    "vbscript:",
    "&#106;",
    "&lt;",
    "<style>",
    'style="x"',
    "<iframe>",
    '<meta http-equiv="refresh">',
    "<div markdown>",
    "</div>",
    "</td>",
    "</text>",
    "</svg>",
    "</title>",
    "</textarea>",
    "</article>",
    "!!! note",
    "*[",
    "[^1]",
    "---",
]
_BLOCK_TOKENS = [
    *_TOKENS,
    "\n",
    "\n\n",
    "    ",
    "- ",
    "1. ",
    "> ",
    "```",
    "|-|-|\n",
    "[r]: javascript:x\n",
    "\n:   ",
]
_text = st.lists(st.sampled_from(_TOKENS), min_size=1, max_size=12).map("".join).filter(str.strip)
_block = st.lists(st.sampled_from(_BLOCK_TOKENS), min_size=1, max_size=30).map("".join).filter(str.strip)
_url_tail = st.lists(st.sampled_from([t for t in _TOKENS if " " not in t and t != "\u00a0"]), max_size=8).map(
    "".join
)
_url = st.one_of(
    _url_tail.map(lambda tail: "https://example.org/" + tail),
    _url_tail.map(lambda tail: "mailto:a@example.org?" + tail),
)
# What the e-mail, phone and id patterns let through, syntax characters included.
_email = st.text(alphabet="aZ09._%+-", min_size=1, max_size=12).map(lambda local: f"{local}@example.org")
_phone = st.text(alphabet="0123456789 ()-", min_size=4, max_size=16).map(lambda rest: f"+6{rest}0")
_tag = st.lists(
    st.sampled_from(["a", "7", "script", "onclick", "index", "daftar"]), min_size=1, max_size=3
).map("-".join)


def accepted(cls: type, field: str, value: str) -> str:
    """`value` as the checker reads it into `cls.field`; the example is dropped when it is refused."""
    validator = Validator("x.yml")
    result = validator.item(input_fields(cls)[field], Scalar(value, "str", False, 1, 1), field)
    assume(result is not None)
    return str(result)


@st.composite
def hostile_catalogue(draw: st.DrawFn, base: Catalogue) -> Catalogue:
    """The minimal catalogue with an accepted, generated value in every free-text field."""

    def text(cls: type, field: str) -> str:
        return accepted(cls, field, draw(_text))

    def prose(cls: type, field: str) -> str:
        return accepted(cls, field, draw(_block))

    def url(cls: type, field: str) -> str:
        return accepted(cls, field, draw(_url))

    replace = dataclasses.replace
    contact = Contact(
        office=text(Contact, "office"),
        email=accepted(Contact, "email", draw(_email)),
        phone=accepted(Contact, "phone", draw(_phone)),
        url=url(Contact, "url"),
    )
    ref = "kabupaten-sumedang/command-center"
    innovation = replace(
        base.innovations[ref],
        title=text(Innovation, "title"),
        summary=prose(Innovation, "summary"),
        **{
            f: prose(Innovation, f)
            for f in ("description", "goals", "benefits", "results", "on_site", "lessons")
        },
        metrics=(
            Metric(
                name=text(Metric, "name"), value=1.5, unit=text(Metric, "unit"), source=url(Metric, "source")
            ),
        ),
        links=(Link(title=text(Link, "title"), url=url(Link, "url")),),
        contacts=(contact,),
        visit_contact=contact,
        implementation_time=text(Innovation, "implementation_time"),
        prerequisites=Prerequisites(
            regulation=prose(Prerequisites, "regulation"), budget=prose(Prerequisites, "budget")
        ),
        sources=(
            Source(title=text(Source, "title"), url=url(Source, "url"), publisher=text(Source, "publisher")),
        ),
        tags=(draw(_tag),),
    )
    regions = dict(base.regions)
    region = regions["kabupaten-sumedang"]
    agencies = list(region.agencies)
    agencies[0] = replace(
        agencies[0],
        name=text(Agency, "name"),
        acronym=text(Agency, "acronym"),
        summary=prose(Agency, "summary"),
        website=url(Agency, "website"),
    )
    regions[region.id] = replace(
        region,
        name=text(Region, "name"),
        summary=prose(Region, "summary"),
        head=Head(title=text(Head, "title"), name=text(Head, "name")),
        website=url(Region, "website"),
        agencies=tuple(agencies),
        sources=(Source(title=text(Source, "title"), url=url(Source, "url")),),
    )
    province = regions["provinsi-jawa-barat"]
    regions[province.id] = replace(province, name=text(Region, "name"))
    agreement_id = "mou-jawa-barat-sumedang-2025"
    agreements = {
        agreement_id: replace(
            base.agreements[agreement_id],
            title=text(Agreement, "title"),
            number=text(Agreement, "number"),
            place=text(Agreement, "place"),
            scope=prose(Agreement, "scope"),
        )
    }
    return Catalogue(regions, {ref: innovation}, agreements)


_FRONT_MATTER = re.compile(r"\A---\n(.*?\n)---\n", re.S)


def assert_pages_inert(pages: dict[str, str], engine: markdown.Markdown) -> None:
    for page, text in pages.items():
        front = _FRONT_MATTER.match(text)
        assert front, page
        # The theme prints these unescaped: the generator escaped them for HTML.
        for key, value in (yaml.safe_load(front.group(1)) or {}).items():
            if isinstance(value, str):
                assert not set(value) & set("<>\"'"), (page, key, value)
        html = engine.reset().convert(text[front.end() :])
        assert violations(html, theme=False) == [], page


@pytest.fixture(scope="module")
def minimal() -> Catalogue:
    return load_catalogue(MINIMAL)


@pytest.fixture(scope="module")
def shared_renderer() -> Iterator[None]:
    # Compiling the templates takes most of a page build; one renderer serves every example.
    renderer = PageRenderer("id")
    with mock.patch.object(pages_module, "PageRenderer", lambda lang, site_url="": renderer):
        yield


@settings(
    max_examples=120,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.function_scoped_fixture,
    ],
)
@given(data=st.data())
def test_any_accepted_field_values_make_inert_pages(
    data: st.DataObject, minimal: Catalogue, shared_renderer: None
) -> None:
    catalogue = data.draw(hostile_catalogue(minimal))
    pages = pages_module.build_pages(catalogue)
    assert_pages_inert(pages, site_markdown())


def test_the_legal_catalogue_makes_inert_pages() -> None:
    assert_pages_inert(pages_module.build_pages(load_catalogue(CATALOGUE)), site_markdown())


# --- One real build of the legal catalogue -----------------------------------------------------


@dataclasses.dataclass
class BuiltSite:
    site: Path
    log: str

    def html(self, page: str) -> str:
        stem = page.removesuffix(".md")
        rel = f"{stem}.html" if stem == "index" or stem.endswith("/index") else f"{stem}/index.html"
        return (self.site / rel).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    project = tmp_path_factory.mktemp("hostile-site")
    for name in ("mkdocs.yml", "overrides", "docs"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, project / name)
        else:
            shutil.copyfile(source, project / name)
    for name in ("regions", "innovations", "agreements"):
        shutil.copytree(CATALOGUE / name, project / name)
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(project / "site")],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUTF8": "1"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return BuiltSite(project / "site", done.stdout + done.stderr)


# A redirect page at a moved page's old address (generator/publish/redirects.py): nothing in it
# but the address it sends the browser to, which is the site's own.
_REDIRECT = re.compile(
    r'<!doctype html>\n<html lang="id">\n<head>\n<meta charset="utf-8">\n<title>Halaman dipindahkan</title>\n'
    r'<meta name="robots" content="noindex">\n<link rel="canonical" href="(?P<href>(?:\.\./)+[a-z0-9/-]+/)">\n'
    r'<meta http-equiv="refresh" content="0; url=(?P=href)">\n</head>\n<body>\n'
    r'<p>Halaman ini sudah pindah ke <a href="(?P=href)">(?P=href)</a></p>\n</body>\n</html>\n'
)


def test_every_built_page_is_inert(built: BuiltSite) -> None:
    files = sorted(built.site.rglob("*.html"))
    assert len(files) > 20
    for file in files:
        text = file.read_text(encoding="utf-8")
        redirect = _REDIRECT.fullmatch(text)
        if redirect:
            target = (file.parent / redirect["href"] / "index.html").resolve()
            assert target.is_file() and built.site in target.parents, file.relative_to(built.site)
            continue
        assert violations(text, theme=True) == [], file.relative_to(built.site)


def test_built_pages_show_the_values_as_typed(built: BuiltSite) -> None:
    catalogue = load_catalogue(CATALOGUE)
    innovation = catalogue.innovations["kabupaten-contoh/field-values"]
    page = Inspection(built.html(paths.innovation(innovation.ref)), theme=True)
    for value in (
        innovation.title,
        innovation.summary,
        innovation.metrics[0].unit,
        innovation.contacts[0].office,
        innovation.implementation_time,
        catalogue.regions["kabupaten-contoh"].name,
    ):
        assert value in page.text, value
    source = built.html(paths.innovation(innovation.ref))
    # Exactly escaped where they land: a link's address, the page title, the heading.
    assert (
        '<a href="https://example.org/&#34;onmouseover=&#34;alert(1)" rel="nofollow noopener ugc">' in source
    )
    assert "<title>&lt;/script&gt;&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt;&lt;!-- - " in source
    assert (
        ">&#60;&#47;script&#62;&#60;script&#62;alert&#40;&#34;title&#34;&#41;&#60;&#47;script&#62;"
        "&#60;&#33;&#45;&#45;</h1>" in source
    )
    tricks = Inspection(built.html(paths.innovation("kabupaten-contoh/markdown-tricks")), theme=True)
    for literal in (
        "<script>alert(1)</script>",
        "{{ 7*7 }}",
        '--8<-- "/etc/passwd"',
        "{!/etc/passwd!}",
        "[ref][1]",
    ):
        assert literal in tricks.text, literal


def test_nothing_is_read_from_the_build_machine(built: BuiltSite) -> None:
    secret = Path("/etc/passwd").read_text(encoding="utf-8").splitlines()[0]
    for file in built.site.rglob("*"):
        if file.is_file() and file.suffix in (".html", ".json", ".js", ".xml", ".csv"):
            assert secret not in file.read_text(encoding="utf-8", errors="replace"), file


def test_built_json_carries_the_values_intact(built: BuiltSite) -> None:
    title = load_catalogue(CATALOGUE).innovations["kabupaten-contoh/field-values"].title
    strings: set[str] = set()

    def collect(value: Any) -> None:
        if isinstance(value, str):
            strings.add(value)
        elif isinstance(value, dict):
            for item in value.values():
                collect(item)
        elif isinstance(value, list):
            for item in value:
                collect(item)

    shards = sorted((built.site / "katalog").glob("*.json"))
    assert shards
    for file in shards:
        raw = file.read_text(encoding="utf-8")
        assert "<" not in raw, file  # safe to inline into an HTML <script> too
        collect(json.loads(raw))
    assert title in strings


def test_the_build_log_counts_each_kind_in_and_out(built: BuiltSite) -> None:
    assert (
        "katalog: innovations 3 in → 3 pages, regions 3 in → 3 pages, agencies 3 in → 3 pages, "
        "agreements 1 in → 1 page" in built.log
    )


# --- Nothing lost between checker and site -----------------------------------------------------


def test_coverage_finds_a_missing_record_page() -> None:
    catalogue = load_catalogue(CATALOGUE)
    pages = set(pages_module.build_pages(catalogue))
    assert coverage_module.missing_pages(coverage_module.coverage(catalogue, pages)) == []
    lost = paths.innovation("kabupaten-contoh/pos-sehat")
    report = coverage_module.coverage(catalogue, pages - {lost})
    assert coverage_module.missing_pages(report) == [f"innovations: {lost}"]
    assert coverage_module.summary(report).startswith("innovations 3 in → 2 pages, ")
    with pytest.raises(PluginError, match=re.escape(lost)):
        fail_on_missing(report, "generated")


def test_the_plugin_fails_when_a_record_page_was_not_written(tmp_path: Path) -> None:
    catalogue = load_catalogue(CATALOGUE)
    site = tmp_path / "site"
    files = Files(
        [
            File(page, src_dir=str(tmp_path / "docs"), dest_dir=str(site), use_directory_urls=True)
            for page in pages_module.build_pages(catalogue)
        ]
    )
    lost = paths.innovation("kabupaten-contoh/pos-sehat")
    for file in files:
        if file.src_uri != lost:
            Path(file.abs_dest_path).parent.mkdir(parents=True, exist_ok=True)
            Path(file.abs_dest_path).write_text("built", encoding="utf-8")
    expected = coverage_module.expected_pages(catalogue)
    with pytest.raises(
        PluginError, match=rf"innovations 3 in → 2 pages, .*\n  innovations: {re.escape(lost)}$"
    ):
        check_built(catalogue, files, expected, True, site)
    written = Path(files.get_file_from_path(lost).abs_dest_path)  # type: ignore[union-attr]
    written.parent.mkdir(parents=True)
    written.write_text("built", encoding="utf-8")
    check_built(catalogue, files, expected, True, site)


def test_coverage_finds_two_records_sharing_a_page() -> None:
    catalogue = load_catalogue(CATALOGUE)
    pages = set(pages_module.build_pages(catalogue))
    shared = paths.innovation("kabupaten-contoh/pos-sehat")
    with mock.patch.object(coverage_module.paths, "agreement", lambda _id: shared):
        report = coverage_module.coverage(catalogue, pages)
    assert coverage_module.missing_pages(report) == [f"innovations: {shared}", f"agreements: {shared}"]


# --- Reports never pass terminal control characters on ----------------------------------------


def test_reports_show_control_characters_in_names_as_code_points(tmp_path: Path) -> None:
    root = tmp_path / "catalogue"
    shutil.copytree(MINIMAL, root)
    (root / "regions" / "a\x1b[2J\rok.yml").write_text("x", encoding="utf-8")
    (root / "agreements" / "b.yml").write_text('"\\e[31mtitle": x\n', encoding="utf-8")
    result = check(root)
    # GitHub's workflow commands escape line breaks their own way (%0D, %0A).
    for out, name in ((format_text(result, "en"), "<U+000D>ok"), (format_github(result, "en"), "%0Dok")):
        assert "\x1b" not in out and "\r" not in out
        assert f"<U+001B>[2J{name}" in out
        assert "<U+001B>[31mtitle" in out


# --- Confusables --------------------------------------------------------------------------------


def test_the_homoglyph_table_maps_cyrillic_and_greek_letters_to_latin() -> None:
    import unicodedata

    text = (REPO / "generator" / "data" / "confusables.yml").read_text(encoding="utf-8")
    named = dict(re.findall(r'^  "\\u([0-9A-F]{4})": \w  # (.+)$', text, re.M))
    table = homoglyphs()
    assert len(named) == len(table)
    for code, latin in table.items():
        char = chr(code)
        # The comment names the character, so a reviewer sees what each escape is.
        assert named[f"{code:04X}"] == unicodedata.name(char)
        assert unicodedata.name(char).startswith(("CYRILLIC", "GREEK"))
        assert latin.isascii() and latin.isalpha()
        # Applied after NFKC: a key NFKC would change could never match.
        assert unicodedata.normalize("NFKC", char) == char


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Command Center", None),
        ("Kabupaten Sumedang", None),
        ("Café Olahraga", None),
        ("\u0420\u043e\u0455 \u0405\u0435\u04bb\u0430\u0442", None),  # all Cyrillic: the skeleton's job
        ("C\u043emmand Center", ("C\u043emmand", "\u043e")),
        ("Indeks \u03a1embangunan", ("\u03a1embangunan", "\u03a1")),
        ("Rumus \u03b1 dan \u03b2", None),  # Greek words next to Latin ones are not mixing
        ("5\u03bcg/m3", ("\u03bcg", "\u03bc")),
        ("5\u00b5g/m3", None),  # the micro sign is not Greek
    ],
)
def test_mixed_script_words(value: str, expected: tuple[str, str] | None) -> None:
    assert mixed_script_word(value) == expected


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Pos Sehat", "\u0420\u043e\u0455 \u0405\u0435\u04bb\u0430\u0442"),
        ("Pos Sehat", "\uff30\uff4f\uff53 \uff33\uff45\uff48\uff41\uff54"),
        ("Pos Sehat", "POS  SEHAT"),
        ("Bekasi", "\u0412\u0435\u043a\u0430\u0455\u0456"),
        ("Pos Sehat", "Pos Sehat\ufe0f"),
    ],
)
def test_skeletons_of_lookalikes_are_equal(a: str, b: str) -> None:
    assert skeleton(a) == skeleton(b)


def test_the_skeleton_of_ascii_text_is_the_full_computation() -> None:
    ascii_text = "".join(map(chr, range(128)))
    for value in [ascii_text, ascii_text[::-1], "Sumedang  Command\tCenter ", "KOTA bogor", ""]:
        assert skeleton(value) == _skeleton(value)


def test_unsafe_characters_include_invisible_letters() -> None:
    for char in "\u034f\u115f\u1160\u3164\uffa0\u2800\u200b\u202e\u2066":
        assert unsafe_character(f"a{char}b") == char
    assert unsafe_character("Café\u00a0Olahraga") is None


# --- The policy never lists a script of the page's content --------------------------------------


def test_csp_leaves_out_scripts_that_come_from_the_content() -> None:
    theme = "<script>var theme=1</script>"
    injected = "<script>alert(1)</script>"
    page = f"<html><head>{theme}</head><body><article>{injected}</article></body></html>"
    policy = re.search(r'content="([^"]*)"', add_policy(page, untrusted=f"<p>{injected}</p>"))
    assert policy is not None
    listed = re.findall(r"'sha256-([^']+)'", policy.group(1))

    def digest(script: str) -> str:
        body = re.sub(r"</?script>", "", script)
        return base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()

    assert listed == [digest(theme)]


def test_problem_helper_is_exact() -> None:
    # `problem` keeps arguments sorted, so the expectations above compare whole tuples.
    assert problem("a", 1, 2, "lookalike", "f", value="v", other="o", other_path="p").args == (
        ("other", "o"),
        ("other_path", "p"),
        ("value", "v"),
    )
