"""Reading one file: its bytes (size, encoding, characters) and its YAML, into nodes with positions."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from generator.content import load
from generator.content.limits import MAX_DEPTH, MAX_FILE_BYTES, MAX_NODES
from generator.content.load import (
    FileTooLarge,
    Mapping,
    Scalar,
    Sequence,
    load_file,
    parse,
    read_bytes,
    resolve_plain,
)
from generator.content.messages import message

REL = "innovations/kabupaten-sumedang/command-center.yml"


def problems(text: str) -> list[tuple[int, int, str]]:
    return [(p.line, p.column, p.code) for p in parse(text, REL).problems]


def load_bytes(
    tmp_path: Path, data: bytes, readable: bool = False
) -> list[tuple[int, int, str, dict[str, object]]]:
    """Problems of a file with these bytes; unless `readable`, a file with problems gives no tree."""
    path = tmp_path / "command-center.yml"
    path.write_bytes(data)
    loaded = load_file(path, REL)
    assert all(p.path == REL for p in loaded.problems)
    if loaded.problems and not readable:
        assert loaded.root is None
    return [(p.line, p.column, p.code, p.arguments) for p in loaded.problems]


# --- The node tree ----------------------------------------------------------------------------


def test_tree_keeps_line_column_and_what_yaml_reads_a_plain_value_as():
    loaded = parse('title: "2024"\nyear: 2024\nagencies:\n  - setda\nhead: {name: Dony}\n', REL)
    assert loaded.problems == []
    root = loaded.root
    assert isinstance(root, Mapping)
    assert list(root.pairs) == ["title", "year", "agencies", "head"]
    key, title = root.pairs["title"]
    assert (key.line, key.column) == (1, 1)
    assert isinstance(title, Scalar)
    assert (title.value, title.tag, title.plain, title.line, title.column) == ("2024", "str", False, 1, 8)
    year = root.pairs["year"][1]
    assert isinstance(year, Scalar)
    assert (year.value, year.tag, year.plain) == ("2024", "int", True)
    agencies = root.pairs["agencies"][1]
    assert isinstance(agencies, Sequence)
    assert [(i.value, i.line, i.column) for i in agencies.items if isinstance(i, Scalar)] == [("setda", 4, 5)]
    head = root.pairs["head"][1]
    assert isinstance(head, Mapping)
    assert (head.line, head.column) == (5, 7)


@pytest.mark.parametrize(
    ("value", "read_as"),
    [
        ("Sumedang", "str"),
        ("2024", "int"),
        ("1_000", "int"),
        ("0x1F", "int"),
        ("32.10", "float"),
        ("1.5e+3", "float"),
        ("1e3", "str"),  # YAML 1.1 wants a dot and a signed exponent
        (".inf", "float"),
        ("no", "bool"),
        ("Yes", "bool"),
        ("off", "bool"),
        ("~", "null"),
        ("null", "null"),
        ("", "null"),
        ("2025-07-04", "timestamp"),
        ("<<", "merge"),
        ("=", "str"),
    ],
)
def test_resolve_plain_follows_yaml_1_1(value, read_as):
    assert resolve_plain(value) == read_as


# --- YAML syntax errors: one problem, where the mistake is, in the reader's words --------------


@pytest.mark.parametrize(
    ("text", "line", "column", "code"),
    [
        pytest.param("title: Layanan: cepat\n", 1, 15, "yaml-colon", id="colon-in-value"),
        pytest.param("title: x\n\tsummary: y\n", 2, 1, "yaml-tab", id="tab-before-key"),
        pytest.param("agencies:\n\t- setda\n", 2, 1, "yaml-tab", id="tab-before-item"),
        pytest.param("agencies:\n  - a\n\t- b\n", 3, 1, "yaml-tab", id="tab-after-item"),
        pytest.param(
            'title: "Command Center\nstage: trial\n', 1, 8, "yaml-unclosed-quote", id="double-quote"
        ),
        pytest.param(
            "title: 'Command Center\nstage: trial\n", 1, 8, "yaml-unclosed-quote", id="single-quote"
        ),
        pytest.param("head:\n  title: Bupati\n name: Dony\n", 3, 2, "yaml-indent", id="indent-key"),
        pytest.param("agencies:\n  - a\n - b\n", 3, 2, "yaml-indent", id="indent-item"),
        pytest.param("- a\nb: 1\n", 2, 1, "yaml-indent", id="list-then-key"),
        pytest.param("title: x\nsummary\nstage: trial\n", 2, 1, "yaml-expected-colon", id="missing-colon"),
        pytest.param('title: "a\\qb"\n', 1, 10, "yaml-escape", id="unknown-escape"),
        pytest.param('title: "C:\\Users"\n', 1, 13, "yaml-escape", id="windows-path"),
        pytest.param("agencies: [a, b\n", 2, 1, "yaml-syntax", id="unclosed-bracket"),
    ],
)
def test_syntax_error(text, line, column, code):
    loaded = parse(text, REL)
    assert loaded.root is None
    assert [(p.path, p.line, p.column, p.code, p.field) for p in loaded.problems] == [
        (REL, line, column, code, "")
    ]
    for lang in ("id", "en"):
        assert message(loaded.problems[0], lang)


def test_syntax_error_messages_in_both_languages():
    (colon,) = parse("title: Layanan: cepat\n", REL).problems
    assert message(colon) == (
        "Ada titik dua (:) yang tidak terduga. Jika nilainya memuat titik dua, apit nilainya dengan "
        'tanda kutip, misalnya: judul: "Layanan: cepat".'
    )
    assert message(colon, "en") == (
        "There is an unexpected colon (:). If the value contains a colon, put the value in quotes, "
        'e.g. title: "Service: fast".'
    )
    (generic,) = parse("agencies: [a, b\n", REL).problems
    assert message(generic, "en") == (
        "The YAML is not written correctly here (did not find expected ',' or ']'). "
        "Check the indentation and punctuation on this line and the one before."
    )


# --- What YAML would silently accept --------------------------------------------------------------


def test_duplicate_key_reports_the_first_line_and_keeps_the_first_value():
    loaded = parse("title: A\nsummary: s\ntitle: B\n", REL)
    (dup,) = loaded.problems
    assert (dup.line, dup.column, dup.code, dup.arguments) == (
        3,
        1,
        "duplicate-key",
        {"key": "title", "first_line": 1},
    )
    assert isinstance(loaded.root, Mapping)
    kept = loaded.root.pairs["title"][1]
    assert isinstance(kept, Scalar) and kept.value == "A"
    assert message(dup) == (
        'Isian "title" ditulis dua kali (pertama di baris 1). YAML diam-diam memakai yang terakhir; '
        "hapus salah satunya."
    )
    assert message(dup, "en") == (
        'The field "title" is written twice (first on line 1). YAML would silently keep the last one; '
        "delete one of them."
    )


def test_duplicate_key_inside_a_list_item():
    text = "metrics:\n  - name: a\n    value: 1\n    name: b\n"
    assert [(p.line, p.column, p.code, p.arguments) for p in parse(text, REL).problems] == [
        (4, 5, "duplicate-key", {"key": "name", "first_line": 2})
    ]


def test_anchor_and_alias_are_refused_and_never_expanded():
    loaded = parse("a: &x [1, 2]\nb: *x\n", REL)
    assert [(p.line, p.column, p.code, p.arguments) for p in loaded.problems] == [
        (1, 4, "anchor", {"name": "x"}),
        (2, 4, "alias", {"name": "x"}),
    ]
    assert isinstance(loaded.root, Mapping)
    alias = loaded.root.pairs["b"][1]
    assert isinstance(alias, Scalar) and alias.tag == "null"


def billion_laughs(levels: int = 9) -> str:
    lines = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels):
        refs = ", ".join([f"*l{level - 1}"] * 9)
        lines.append(f"l{level}: &l{level} [{refs}]")
    return "\n".join(lines) + "\n"


def test_billion_laughs_finishes_fast_with_errors(tmp_path):
    # Expanded, the last key would stand for 9**9 (387 million) strings.
    started = time.perf_counter()
    found = load_bytes(tmp_path, billion_laughs().encode(), readable=True)
    elapsed = time.perf_counter() - started
    assert elapsed < 1.0
    codes = [code for _, _, code, _ in found]
    assert codes.count("anchor") == 9
    assert codes.count("alias") == 8 * 9
    assert (2, 10, "alias", {"name": "l0"}) in found


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("title: !!str 2024\n", "tag:yaml.org,2002:str"),
        ("title: !!python/object/apply:os.system [ls]\n", "tag:yaml.org,2002:python/object/apply:os.system"),
        ("title: !local x\n", "!local"),
    ],
)
def test_yaml_tags_are_refused(text, tag):
    (found,) = parse(text, REL).problems
    assert (found.line, found.column, found.code, found.arguments) == (1, 8, "yaml-tag", {"tag": tag})


def test_several_documents_in_one_file():
    assert problems("title: a\n---\ntitle: b\n") == [(2, 1, "multiple-documents")]
    assert problems("---\ntitle: a\n...\n") == []


def test_a_key_must_be_a_scalar():
    assert problems("? [a, b]\n: 1\n") == [(1, 3, "complex-key")]


# --- Limits: nesting and size --------------------------------------------------------------------


def test_nesting_up_to_the_limit_is_read_and_one_more_level_is_refused():
    assert problems("[" * MAX_DEPTH + "]" * MAX_DEPTH) == []
    loaded = parse("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1), REL)
    assert loaded.root is None
    assert [(p.line, p.column, p.code, p.arguments) for p in loaded.problems] == [
        (1, MAX_DEPTH + 1, "too-deep", {"limit": MAX_DEPTH})
    ]


def test_deep_block_nesting():
    text = "".join("  " * level + f"k{level}:\n" for level in range(MAX_DEPTH + 2)) + "  " * 20 + "v\n"
    assert problems(text) == [(MAX_DEPTH + 1, 2 * MAX_DEPTH + 1, "too-deep")]


@pytest.mark.parametrize(
    "content",
    [
        pytest.param("[" * 100_000, id="brackets"),
        pytest.param("{a: " * 60_000, id="braces"),
        pytest.param("- " * 100_000 + "x\n", id="dashes"),
    ],
)
def test_deep_nesting_does_not_crash_the_interpreter(tmp_path, content):
    # PyYAML's C composer recurses without a limit and segfaults on this; run in a child process
    # so that a regression fails this test instead of killing the test run.
    path = tmp_path / "deep.yml"
    path.write_text(content, encoding="ascii")
    script = textwrap.dedent(
        """
        import sys
        from pathlib import Path
        from generator.content.load import load_file
        loaded = load_file(Path(sys.argv[1]), "deep.yml")
        print(sorted({p.code for p in loaded.problems}), loaded.root)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(path)], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "['too-deep'] None"


def test_too_many_values():
    text = "tags: [" + ",".join(["a"] * (MAX_NODES + 1)) + "]\n"
    found = parse(text, REL).problems
    assert [(p.code, p.arguments) for p in found] == [("too-many-nodes", {"limit": MAX_NODES})]


def test_file_size_limit(tmp_path):
    padding = "# " + "x" * (MAX_FILE_BYTES - 2 - len("title: A\n") - 1) + "\n"
    at_limit = (padding + "title: A\n").encode()
    assert len(at_limit) == MAX_FILE_BYTES
    assert load_bytes(tmp_path, at_limit) == []
    assert load_bytes(tmp_path, at_limit + b"\n") == [
        (0, 0, "file-too-large", {"size": MAX_FILE_BYTES + 1, "limit": MAX_FILE_BYTES})
    ]


# --- The bytes of the file -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [b"", b"\n\n", b"# only a comment\n", b"~\n", b"---\n", b"null\n"],
    ids=["empty", "blank-lines", "comment", "tilde", "document-marker", "null"],
)
def test_empty_file(tmp_path, content):
    assert load_bytes(tmp_path, content) == [(0, 0, "empty-file", {})]


@pytest.mark.parametrize(
    ("content", "line", "column"),
    [
        pytest.param("title: Café\n".encode("latin-1"), 1, 11, id="latin-1"),
        pytest.param("summary: é\ntitle: Café ".encode() + b"\xff\n", 2, 13, id="after-multibyte"),
        pytest.param(b"title: x\nsummary: \xc3\n", 2, 10, id="truncated-sequence"),
        pytest.param("title: x\n".encode("utf-16"), 1, 1, id="utf-16"),
    ],
)
def test_not_utf8_reports_the_bad_byte(tmp_path, content, line, column):
    assert load_bytes(tmp_path, content) == [(line, column, "not-utf8", {})]


def test_byte_order_mark_and_crlf_are_accepted(tmp_path):
    path = tmp_path / "x.yml"
    path.write_bytes(b"\xef\xbb\xbftitle: A\r\nsummary: B\r\n")
    loaded = load_file(path, "x.yml")
    assert loaded.problems == []
    assert isinstance(loaded.root, Mapping)
    key, value = loaded.root.pairs["summary"]
    assert (key.line, key.column) == (2, 1)
    assert isinstance(value, Scalar) and value.value == "B"


@pytest.mark.parametrize(
    ("char", "codepoint"),
    [
        ("\x00", "U+0000"),
        ("\x07", "U+0007"),
        ("\x1b", "U+001B"),
        ("\x0c", "U+000C"),
        ("\x7f", "U+007F"),
        ("\x85", "U+0085"),  # NEL: YAML would start a new line here that no editor shows
        ("\x9b", "U+009B"),
        ("\u2028", "U+2028"),
        ("\ufffe", "U+FFFE"),  # a non-character: libyaml's own reader refuses it
    ],
)
def test_control_character(tmp_path, char, codepoint):
    content = f"title: Sumedang\nsummary: Pusat {char}kendali\n".encode()
    assert load_bytes(tmp_path, content) == [(2, 16, "control-character", {"codepoint": codepoint})]


@pytest.mark.parametrize("code", [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
def test_every_ascii_control_character_is_refused(tmp_path, code):
    content = f"title: Sumedang\nsummary: Pusat {chr(code)}kendali\n".encode()
    assert load_bytes(tmp_path, content) == [(2, 16, "control-character", {"codepoint": f"U+{code:04X}"})]


def test_every_printable_ascii_character_tab_and_line_ends_are_accepted(tmp_path):
    printable = "".join(map(chr, range(0x20, 0x7F))).replace("'", "''")
    content = f"title: 'a{printable}'\r\nsummary: Pusat\tkendali\n".encode()
    assert load_bytes(tmp_path, content, readable=True) == []


@pytest.mark.parametrize("size", [100, MAX_FILE_BYTES + 1])
def test_a_file_that_grew_after_its_size_was_read_is_read_whole_or_refused(tmp_path, monkeypatch, size):
    path = tmp_path / "growing.yml"
    path.write_bytes(b"#" * size)
    real = os.fstat

    def stale(fd: int) -> os.stat_result:  # the size as it was a moment before: one byte
        found = real(fd)
        return os.stat_result((found.st_mode, *found[1:6], 1, *found[7:]))

    monkeypatch.setattr(load.os, "fstat", stale)
    if size <= MAX_FILE_BYTES:
        assert read_bytes(path) == b"#" * size
    else:
        with pytest.raises(FileTooLarge):
            read_bytes(path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_is_read_at_once_not_waited_on(tmp_path):
    pipe = tmp_path / "pipe.yml"
    os.mkfifo(pipe)
    loaded = load_file(pipe, "regions/pipe.yml")  # with no writer: nothing to read, no waiting
    assert [(p.code, p.line) for p in loaded.problems] == [("empty-file", 0)]


def test_control_character_message():
    from generator.content.problems import problem

    item = problem(REL, 2, 16, "control-character", codepoint="U+0007")
    assert message(item, "en") == (
        "There is an invisible control character (U+0007). Delete it; it usually comes along when "
        "copying from another document."
    )


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_symlink_is_refused_not_followed(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("title: not yours\n")
    link = tmp_path / "link.yml"
    link.symlink_to(secret)
    loaded = load_file(link, "regions/link.yml")
    assert loaded.root is None
    assert [(p.path, p.line, p.column, p.code) for p in loaded.problems] == [
        ("regions/link.yml", 0, 0, "symlink")
    ]


def test_unreadable_file_is_a_problem_not_an_exception(tmp_path):
    folder = tmp_path / "folder.yml"
    folder.mkdir()
    loaded = load_file(folder, "regions/folder.yml")
    assert [(p.code, p.line) for p in loaded.problems] == [("unreadable", 0)]
    assert loaded.problems[0].arguments["detail"]
