"""One record's fields: types, required and unknown fields, formats, vocabularies, lists, characters.

Each test breaks one file of a copy of tests/fixtures/minimal and asserts every problem the
checker then reports, as (path, line, column, code, field): nothing missing, nothing extra.
"""

from __future__ import annotations

import re

import pytest

from generator.content.limits import MAX_ITEMS
from generator.content.messages import message
from generator.content.model import RECORD_KINDS
from generator.content.vocab import LANGS, vocabularies

PROVINCE = "regions/provinsi-jawa-barat.yml"
KABUPATEN = "regions/kabupaten-sumedang.yml"
INNOVATION = "innovations/kabupaten-sumedang/command-center.yml"
AGREEMENT = "agreements/mou-jawa-barat-sumedang-2025.yml"


def only(scratch, code: str):
    """The one problem with this code (the test fails if there are none or several)."""
    (found,) = [p for p in scratch.check().problems if p.code == code]
    return found


# --- Wrong types ----------------------------------------------------------------------------------


def test_list_expected(scratch):
    scratch.edit(INNOVATION, "agencies: [diskominfosanditik, setda]", "agencies: diskominfosanditik")
    assert scratch.found() == [(INNOVATION, 4, 11, "expected-list", "agencies")]
    assert message(only(scratch, "expected-list"), "en") == (
        'The field "agencies" must be a list. Write for example: agencies: [diskominfosanditik]'
    )
    assert message(only(scratch, "expected-list")) == (
        'Isian "agencies" harus berupa daftar. Tulis misalnya: agencies: [diskominfosanditik]'
    )


def test_mapping_expected_for_a_list_item(scratch):
    scratch.edit(
        INNOVATION,
        "  - name: Indeks SPBE\n    value: 3.84\n    year: 2022\n"
        "    source: https://bandung.bisnis.com/read/20230206/549/1625105\n",
        "  - Indeks SPBE naik\n",
    )
    assert scratch.found() == [(INNOVATION, 12, 5, "expected-mapping", "metrics[0]")]
    assert message(only(scratch, "expected-mapping"), "en") == (
        "A set of fields (name: value) belongs here, but this is a single value."
    )


def test_mapping_expected_for_the_whole_file(scratch):
    scratch.write(INNOVATION, "- title: Sumedang Command Center\n")
    assert scratch.found() == [(INNOVATION, 1, 1, "expected-mapping", "")]
    assert only(scratch, "expected-mapping").arguments == {"kind": "list"}


def test_scalar_expected(scratch):
    scratch.edit(INNOVATION, "stage: implementation", "stage: [implementation]")
    assert scratch.found() == [(INNOVATION, 5, 8, "expected-scalar", "stage")]
    assert message(only(scratch, "expected-scalar")) == (
        "Di sini seharusnya satu nilai, tetapi yang tertulis adalah daftar."
    )
    assert (
        message(only(scratch, "expected-scalar"), "en") == "A single value belongs here, but this is a list."
    )


# --- Required, unknown and derived fields ---------------------------------------------------------


def test_missing_required_field(scratch):
    scratch.edit(INNOVATION, "stage: implementation\n", "")
    assert scratch.found() == [(INNOVATION, 1, 1, "missing-field", "stage")]
    assert message(only(scratch, "missing-field"), "en") == (
        'The required field "stage" is missing. Add a line "stage: ...".'
    )


def test_missing_required_field_of_a_nested_record(scratch):
    scratch.edit(INNOVATION, "  - title: Command Center Sumedang\n    url:", "  - url:")
    assert scratch.found() == [(INNOVATION, 20, 5, "missing-field", "sources[0].title")]


def test_required_field_without_a_value(scratch):
    scratch.edit(INNOVATION, "title: Sumedang Command Center", "title:")
    assert scratch.found() == [(INNOVATION, 1, 7, "missing-value", "title")]


def test_required_field_with_empty_text(scratch):
    scratch.edit(INNOVATION, "title: Sumedang Command Center", 'title: "  "')
    assert scratch.found() == [(INNOVATION, 1, 8, "empty-value", "title")]


def test_unknown_field_did_you_mean(scratch):
    scratch.edit(INNOVATION, "title: Sumedang Command Center", "titel: Sumedang Command Center")
    assert scratch.found() == [
        (INNOVATION, 1, 1, "missing-field", "title"),
        (INNOVATION, 1, 1, "unknown-field-suggest", "titel"),
    ]
    typo = only(scratch, "unknown-field-suggest")
    assert typo.arguments == {"name": "titel", "suggestion": "title"}
    assert message(typo) == 'Isian "titel" tidak dikenal. Mungkin maksud Anda "title"?'
    assert message(typo, "en") == 'Unknown field "titel". Did you mean "title"?'


def test_unknown_field_in_a_nested_record(scratch):
    scratch.edit(INNOVATION, "    url: https://www.detik.com", "    urll: https://www.detik.com")
    assert scratch.found() == [(INNOVATION, 21, 5, "unknown-field-suggest", "sources[0].urll")]


def test_unknown_field_without_a_close_match_lists_the_fields(scratch):
    scratch.write(INNOVATION, scratch.read(INNOVATION) + "colour: red\n")
    assert scratch.found() == [(INNOVATION, 23, 1, "unknown-field", "colour")]
    allowed = only(scratch, "unknown-field").arguments["allowed"]
    assert allowed.startswith("title, summary, agencies, stage, kind, form, affairs, themes")
    assert "region" not in allowed.split(", ")  # derived fields are never offered


@pytest.mark.parametrize(
    ("rel", "line"),
    [
        pytest.param(INNOVATION, "id: command-center", id="innovation-id"),
        pytest.param(INNOVATION, "region: kabupaten-sumedang", id="innovation-region"),
        pytest.param(KABUPATEN, "id: kabupaten-sumedang", id="region-id"),
        pytest.param(AGREEMENT, "id: mou-jawa-barat-sumedang-2025", id="agreement-id"),
    ],
)
def test_derived_field_written_by_hand(scratch, rel, line):
    scratch.write(rel, line + "\n" + scratch.read(rel))
    name = line.partition(":")[0]
    assert scratch.found() == [(rel, 1, 1, "derived-field", name)]
    assert message(only(scratch, "derived-field"), "en") == (
        f'The field "{name}" is not written by hand: it comes from the file name. Delete this line.'
    )


# --- Dates, years, numbers --------------------------------------------------------------------------


@pytest.mark.parametrize("value", ['"2020-6-1"', "2020", "2020-06-01T10:00:00", "kemarin"])
def test_date_in_the_wrong_format(scratch, value):
    scratch.edit(INNOVATION, "trial_date: 2020-06-01", f"trial_date: {value}")
    assert scratch.found() == [(INNOVATION, 9, 13, "bad-date", "trial_date")]


@pytest.mark.parametrize("value", ["2025-02-30", '"2025-02-30"', "2025-13-01", "2023-02-29"])
def test_impossible_date(scratch, value):
    scratch.edit(INNOVATION, "trial_date: 2020-06-01", f"trial_date: {value}")
    assert scratch.found() == [(INNOVATION, 9, 13, "impossible-date", "trial_date")]


def test_impossible_date_message(scratch):
    scratch.edit(AGREEMENT, "signed: 2025-07-04", "signed: 2025-02-30")
    assert scratch.found() == [(AGREEMENT, 4, 9, "impossible-date", "signed")]
    item = only(scratch, "impossible-date")
    assert message(item) == "Tanggal 2025-02-30 tidak ada di kalender. Periksa bulan dan harinya."
    assert message(item, "en") == "The date 2025-02-30 does not exist. Check the month and the day."


def test_leap_day_is_a_date(scratch):
    scratch.edit(INNOVATION, "trial_date: 2020-06-01", "trial_date: 2020-02-29")
    assert scratch.found() == []


@pytest.mark.parametrize("value", ['"2022"', "1900", "2101", "2022.0", "dua ribu"])
def test_bad_year(scratch, value):
    scratch.edit(INNOVATION, "year: 2022", f"year: {value}")
    assert scratch.found() == [(INNOVATION, 14, 11, "bad-year", "metrics[0].year")]


@pytest.mark.parametrize("value", ['"3.84"', "3,84", "1e3", ".inf", "tiga"])
def test_bad_number(scratch, value):
    scratch.edit(INNOVATION, "value: 3.84", f"value: {value}")
    assert scratch.found() == [(INNOVATION, 13, 12, "bad-number", "metrics[0].value")]


# --- YAML 1.1 traps: values YAML reads as something other than the text written -------------------


@pytest.mark.parametrize(
    ("rel", "old", "new", "where", "read_as"),
    [
        pytest.param(KABUPATEN, 'code: "32.11"', "code: 32.10", (3, 7, "code"), "float", id="code-float"),
        pytest.param(
            KABUPATEN,
            "website: https://sumedangkab.go.id",
            "website: no",
            (5, 10, "website"),
            "bool",
            id="website-no",
        ),
        pytest.param(
            INNOVATION,
            "title: Sumedang Command Center",
            "title: 2024",
            (1, 8, "title"),
            "int",
            id="title-int",
        ),
        pytest.param(
            INNOVATION,
            "title: Sumedang Command Center",
            "title: 2024-01-01",
            (1, 8, "title"),
            "timestamp",
            id="title-date",
        ),
        pytest.param(
            INNOVATION,
            "tags: [command-center, cctv]",
            "tags: [command-center, on]",
            (16, 24, "tags[1]"),
            "bool",
            id="tag-on",
        ),
    ],
)
def test_yaml_1_1_trap(scratch, rel, old, new, where, read_as):
    scratch.edit(rel, old, new)
    assert scratch.found() == [(rel, *where[:2], "yaml-trap", where[2])]
    assert only(scratch, "yaml-trap").arguments["read_as"] == read_as


def test_yaml_trap_message_names_what_yaml_read(scratch):
    scratch.edit(KABUPATEN, 'code: "32.11"', "code: 32.10")
    item = only(scratch, "yaml-trap")
    assert (
        message(item)
        == 'Nilai 32.10 akan dibaca YAML sebagai angka desimal, bukan teks. Apit dengan tanda kutip: "32.10".'
    )
    assert (
        message(item, "en") == 'YAML reads 32.10 as a decimal number, not as text. Put it in quotes: "32.10".'
    )


def test_quoted_values_are_text(scratch):
    scratch.edit(INNOVATION, "title: Sumedang Command Center", 'title: "2024"')
    scratch.edit(KABUPATEN, "website: https://sumedangkab.go.id\n", "")
    assert scratch.found() == []
    assert scratch.check().catalogue.innovations["kabupaten-sumedang/command-center"].title == "2024"


# --- Formats ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "ftp://ftp.sumedangkab.go.id/laporan.pdf",
        "file:///etc/passwd",
        "//www.detik.com/jabar",
        "https:///jabar",
        "https://www.detik.com/jabar berita",
        "http://[::1",
    ],
)
def test_url_refused(scratch, url):
    scratch.edit(INNOVATION, "url: https://www.detik.com/jabar/berita/d-6002294", f"url: '{url}'")
    assert scratch.found() == [(INNOVATION, 21, 10, "bad-url", "sources[0].url")]


@pytest.mark.parametrize(
    "url", ["http://sumedangkab.go.id", "https://x.id/a?b=c#d", "mailto:diskominfo@sumedangkab.go.id"]
)
def test_url_accepted(scratch, url):
    scratch.edit(INNOVATION, "url: https://www.detik.com/jabar/berita/d-6002294", f"url: {url}")
    assert scratch.found() == []


def test_url_message(scratch):
    scratch.edit(INNOVATION, "url: https://www.detik.com/jabar/berita/d-6002294", "url: javascript:alert(1)")
    assert message(only(scratch, "bad-url"), "en") == (
        '"javascript:alert(1)" is not an accepted web address. '
        "Use a full address starting with https://, http:// or mailto:."
    )


@pytest.mark.parametrize(
    ("rel", "old", "new", "where", "code"),
    [
        pytest.param(
            INNOVATION,
            "tags: [command-center, cctv]",
            "tags: [Command Center]",
            (16, 8, "tags[0]"),
            "bad-id",
            id="id",
        ),
        pytest.param(KABUPATEN, 'code: "32.11"', 'code: "3"', (3, 7, "code"), "bad-code", id="code-short"),
        pytest.param(
            KABUPATEN, 'code: "32.11"', 'code: "32.1"', (3, 7, "code"), "bad-code", id="code-one-digit"
        ),
        pytest.param(
            KABUPATEN,
            "province: provinsi-jawa-barat",
            "province: Jawa Tengah",
            (4, 11, "province"),
            "bad-region-ref",
            id="region-ref",
        ),
        pytest.param(
            INNOVATION,
            "agencies: [diskominfosanditik, setda]",
            "agencies: [Dinas Pariwisata]",
            (4, 12, "agencies[0]"),
            "bad-agency-ref",
            id="agency-ref",
        ),
        pytest.param(
            AGREEMENT,
            "agencies: [kabupaten-sumedang/setda]",
            "agencies: [setda]",
            (5, 12, "agencies[0]"),
            "bad-qualified-agency-ref",
            id="qualified-agency-ref",
        ),
        pytest.param(
            AGREEMENT,
            "innovations: [kabupaten-sumedang/command-center]",
            "innovations: [command-center]",
            (6, 15, "innovations[0]"),
            "bad-innovation-ref",
            id="innovation-ref",
        ),
    ],
)
def test_bad_format(scratch, rel, old, new, where, code):
    scratch.edit(rel, old, new)
    assert scratch.found() == [(rel, *where[:2], code, where[2])]


def test_bad_email_and_phone(scratch):
    contact = "contacts:\n  - office: Diskominfo\n    email: diskominfo(at)sumedangkab.go.id\n    phone: hubungi kami\n"
    scratch.write(INNOVATION, scratch.read(INNOVATION) + contact)
    assert scratch.found() == [
        (INNOVATION, 25, 12, "bad-email", "contacts[0].email"),
        (INNOVATION, 26, 12, "bad-phone", "contacts[0].phone"),
    ]


# --- Vocabularies ------------------------------------------------------------------------------------


def test_bad_vocabulary_value_lists_allowed_values_closest_first(scratch):
    scratch.edit(INNOVATION, "stage: implementation", "stage: implementasi")
    assert scratch.found() == [(INNOVATION, 5, 8, "bad-vocab", "stage")]
    item = only(scratch, "bad-vocab")
    assert item.arguments == {"value": "implementasi", "allowed": "implementation, trial, initiative"}
    assert message(item, "en") == (
        '"implementasi" is not a known value. Allowed values (closest first): implementation, trial, initiative.'
    )
    assert message(item) == (
        '"implementasi" bukan nilai yang dikenal. Nilai yang boleh (paling mirip lebih dulu): '
        "implementation, trial, initiative."
    )


def test_bad_vocabulary_value_in_a_list(scratch):
    scratch.edit(INNOVATION, "affairs: [communication-informatics]", "affairs: [kominfo, communication]")
    assert scratch.found() == [
        (INNOVATION, 8, 11, "bad-vocab", "affairs[0]"),
        (INNOVATION, 8, 20, "bad-vocab", "affairs[1]"),
    ]
    second = next(p for p in scratch.check().problems if p.field == "affairs[1]")
    assert second.arguments["allowed"].startswith("communication-informatics, ")


def test_vocabularies_have_both_labels_for_every_value():
    known = vocabularies()
    used = {
        info.vocab for cls in RECORD_KINDS.values() for info in _all_fields(cls) if info.vocab is not None
    }
    assert used <= set(known), used - set(known)
    for name, vocab in known.items():
        assert set(vocab.label) == set(LANGS), name
        assert vocab.values, name
        slugs = [labels["slug"] for labels in vocab.values.values() if "slug" in labels]
        # A slug names a page: kebab-case, one per value, and never another value's old address.
        assert len(set(slugs)) == len(slugs), name
        assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug) for slug in slugs), name
        renamed = {
            labels["slug"] for value, labels in vocab.values.items() if labels.get("slug", value) != value
        }
        assert not renamed & set(vocab.values), name
        for value, labels in vocab.values.items():
            assert set(labels) - {"slug"} == set(LANGS), (name, value)
            assert all(isinstance(labels[lang], str) and labels[lang].strip() for lang in LANGS), (
                name,
                value,
            )
            assert vocab.text(value, "en") == labels["en"]


def _all_fields(cls):
    from generator.content.fields import fields_of

    for info in fields_of(cls):
        yield info
        if info.record is not None:
            yield from _all_fields(info.record)


# --- Lists --------------------------------------------------------------------------------------------


def test_duplicate_list_item(scratch):
    scratch.edit(INNOVATION, "tags: [command-center, cctv]", "tags: [command-center, cctv, cctv]")
    assert scratch.found() == [(INNOVATION, 16, 30, "duplicate-item", "tags[2]")]
    item = only(scratch, "duplicate-item")
    assert item.arguments == {"value": "cctv", "first": 2}
    assert message(item, "en") == '"cctv" is already in this list (item 2). Delete the duplicate.'


def test_duplicate_agency_in_an_innovation(scratch):
    scratch.edit(INNOVATION, "agencies: [diskominfosanditik, setda]", "agencies: [setda, setda]")
    assert scratch.found() == [(INNOVATION, 4, 19, "duplicate-item", "agencies[1]")]


def test_agreement_with_one_party(scratch):
    scratch.edit(
        AGREEMENT, "parties: [provinsi-jawa-barat, kabupaten-sumedang]", "parties: [kabupaten-sumedang]"
    )
    # Only the list's own problem: with `parties` invalid, nobody can say whether the agencies and
    # innovations belong to a party, so those checks do not pile on.
    assert scratch.found() == [(AGREEMENT, 3, 10, "too-few-items", "parties")]
    item = only(scratch, "too-few-items")
    assert item.arguments == {"count": 1, "minimum": 2}
    assert message(item, "en") == "This list has 1 item; it needs at least 2."


def test_innovation_without_agencies(scratch):
    scratch.edit(INNOVATION, "agencies: [diskominfosanditik, setda]", "agencies: []")
    assert scratch.found() == [(INNOVATION, 4, 11, "too-few-items", "agencies")]


def test_too_many_items(scratch):
    tags = ", ".join(f"tag-{i}" for i in range(MAX_ITEMS + 1))
    scratch.edit(INNOVATION, "tags: [command-center, cctv]", f"tags: [{tags}]")
    assert scratch.found() == [(INNOVATION, 16, 7, "too-many-items", "tags")]
    assert only(scratch, "too-many-items").arguments == {"count": MAX_ITEMS + 1, "limit": MAX_ITEMS}


# --- Text: length, lines, hidden characters ------------------------------------------------------


def test_text_length_limit(scratch):
    scratch.edit(INNOVATION, "title: Sumedang Command Center", "title: " + "x" * 300)
    assert scratch.found() == []
    scratch.edit(INNOVATION, "title: " + "x" * 300, "title: " + "x" * 301)
    assert scratch.found() == [(INNOVATION, 1, 8, "too-long", "title")]
    assert only(scratch, "too-long").arguments == {"length": 301, "limit": 300}


def test_single_line_field_written_over_several_lines(scratch):
    scratch.edit(INNOVATION, "title: Sumedang Command Center", "title: |\n  Sumedang\n  Command Center")
    assert scratch.found() == [(INNOVATION, 1, 8, "multiline", "title")]


def test_prose_may_wrap_and_is_joined_into_one_line(scratch):
    scratch.edit(
        INNOVATION,
        "summary: >-\n  Pusat kendali yang",
        "summary: |\n  Pusat kendali\n     yang",
    )
    result = scratch.check()
    assert result.problems == []
    summary = result.catalogue.innovations["kabupaten-sumedang/command-center"].summary
    assert summary.startswith("Pusat kendali yang memadukan")


@pytest.mark.parametrize(
    ("char", "codepoint"),
    [
        ("\u202e", "U+202E"),  # right-to-left override ("Trojan Source")
        ("\u2066", "U+2066"),  # left-to-right isolate
        ("\u200b", "U+200B"),  # zero-width space
        ("\u200d", "U+200D"),  # zero-width joiner
        ("\ufeff", "U+FEFF"),  # zero-width no-break space
        ("\t", "U+0009"),
    ],
)
def test_hidden_character_in_a_value(scratch, char, codepoint):
    scratch.edit(INNOVATION, "title: Sumedang Command Center", f"title: Sumedang {char}Command Center")
    assert scratch.found() == [(INNOVATION, 1, 8, "unsafe-character", "title")]
    assert only(scratch, "unsafe-character").arguments == {"codepoint": codepoint}


def test_hidden_character_in_markdown(scratch):
    body = "description: |\n  Baris satu.\n  Baris \u2066dua.\n"
    scratch.write(INNOVATION, scratch.read(INNOVATION) + body)
    assert scratch.found() == [(INNOVATION, 23, 14, "unsafe-character", "description")]
    item = only(scratch, "unsafe-character")
    assert message(item, "en") == (
        "There is an invisible or text-direction character (U+2066) that can disguise the content. Delete it."
    )


def test_markdown_may_span_lines_and_hold_tabs(scratch):
    body = "description: |\n  Baris satu.\n\n  - butir\n  \tkode\n"
    scratch.write(INNOVATION, scratch.read(INNOVATION) + body)
    assert scratch.found() == []


def test_every_problem_of_one_file_is_reported(scratch):
    scratch.edit(INNOVATION, "stage: implementation", "stage: implementasi")
    scratch.edit(INNOVATION, "kind: digital", "kind: [digital]")
    scratch.edit(INNOVATION, "trial_date: 2020-06-01", "trial_date: 2025-02-30")
    assert scratch.found() == [
        (INNOVATION, 5, 8, "bad-vocab", "stage"),
        (INNOVATION, 6, 7, "expected-scalar", "kind"),
        (INNOVATION, 9, 13, "impossible-date", "trial_date"),
    ]


@pytest.mark.parametrize(
    ("value", "warned"),
    [
        ('=HYPERLINK("https://contoh.invalid","Klik")', True),
        ("+cmd|' /C calc'!A0", True),
        ("@SUM(A1:A9)", True),
        ("-cmd", True),
        ("-5 % waktu tunggu", False),  # a number: no formula that does anything
        ("Layanan = cepat", False),
    ],
)
def test_a_text_that_would_start_a_spreadsheet_formula_is_a_warning(scratch, value, warned):
    rel = "innovations/kabupaten-sumedang/command-center.yml"
    quoted = value.replace("'", "''")
    scratch.write(rel, scratch.read(rel) + f"implementation_time: '{quoted}'\n")
    found = [(p.code, p.severity, p.field, p.line) for p in scratch.check().problems]
    line = scratch.read(rel).count("\n")
    assert found == ([("formula-like", "warning", "implementation_time", line)] if warned else [])


def test_markdown_lists_and_phone_numbers_are_not_formulas(scratch):
    rel = "innovations/kabupaten-sumedang/command-center.yml"
    text = scratch.read(rel) + "description: |\n  - daftar lewat aplikasi\n  - datang tepat waktu\n"
    text += "contacts:\n  - office: Bidang Aplikasi\n    phone: +62 261 201001\n"
    scratch.write(rel, text)
    assert scratch.check().problems == []


# --- Messages that name the real fix --------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("4 Juli 2025", "2025-07-04"),
        ("04/07/2025", "2025-07-04"),
        ("Jumat, 4 Juli 2025", "2025-07-04"),
        ("1 Agt 2024", "2024-08-01"),
        ("10-02-2022", "2022-02-10"),
    ],
)
def test_a_date_written_out_gets_its_iso_form(scratch, written, iso):
    scratch.edit(INNOVATION, "trial_date: 2020-06-01", f"trial_date: {written}")
    assert scratch.found() == [(INNOVATION, 9, 13, "date-written-out", "trial_date")]
    assert only(scratch, "date-written-out").arguments == {"value": written, "suggestion": iso}
    assert message(only(scratch, "date-written-out"), "en") == (
        f'The date "{written}" must be written as YYYY-MM-DD: {iso}. (katalog fix --write can change it.)'
    )


@pytest.mark.parametrize("text", ["31 Juni 2025", "4 Julai 2025", "2025/07/04", "07/2025"])
def test_a_date_that_is_no_day_is_not_converted(scratch, text):
    scratch.edit(INNOVATION, "trial_date: 2020-06-01", f"trial_date: {text}")
    assert scratch.found() == [(INNOVATION, 9, 13, "bad-date", "trial_date")]


def test_curly_quotes_are_named(scratch):
    scratch.edit(INNOVATION, "stage: implementation", "stage: “implementation”")
    assert scratch.found() == [(INNOVATION, 5, 8, "curly-quotes", "stage")]
    assert only(scratch, "curly-quotes").arguments == {
        "value": "“implementation”",
        "suggestion": '"implementation"',
    }


def test_curly_quotes_around_a_date_are_named(scratch):
    scratch.edit(INNOVATION, "trial_date: 2020-06-01", "trial_date: ‘2020-06-01’")
    assert scratch.found() == [(INNOVATION, 9, 13, "curly-quotes", "trial_date")]


def test_curly_quotes_inside_a_title_are_text(scratch):
    scratch.edit(INNOVATION, "title: Sumedang Command Center", "title: “Sumedang Command Center”")
    assert scratch.found() == []


def test_a_list_item_indented_too_far_is_named_as_indentation(scratch):
    scratch.edit(
        INNOVATION,
        "affairs: [communication-informatics]",
        "affairs:\n  - communication-informatics\n    - statistics",
    )
    assert scratch.found() == [(INNOVATION, 9, 5, "list-item-indented", "affairs[0]")]
    assert message(only(scratch, "list-item-indented"), "en") == (
        'The item "- statistics" is indented further than the item above it, so YAML reads it as part '
        'of "communication-informatics". Put the - of every item of one list in the same column.'
    )


def test_a_url_without_its_scheme_gets_the_https_form(scratch):
    scratch.edit(
        INNOVATION,
        "url: https://www.detik.com/jabar/berita/d-6002294",
        "url: www.detik.com/jabar/berita/d-6002294",
    )
    assert scratch.found() == [(INNOVATION, 21, 10, "url-without-scheme", "sources[0].url")]
    assert only(scratch, "url-without-scheme").arguments == {
        "value": "www.detik.com/jabar/berita/d-6002294",
        "suggestion": "https://www.detik.com/jabar/berita/d-6002294",
    }


def test_a_word_where_a_url_belongs_is_still_a_bad_url(scratch):
    scratch.edit(INNOVATION, "url: https://www.detik.com/jabar/berita/d-6002294", "url: detik")
    assert scratch.found() == [(INNOVATION, 21, 10, "bad-url", "sources[0].url")]
