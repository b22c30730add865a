"""The site's search index (generator/search/search_text.py, generator/search/search_index.py) and the search box
that reads it (docs/javascripts/search.js), in a real Chromium.
"""

from __future__ import annotations

import itertools
import json
import re
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import snowballstemmer

from generator.search.search_index import DOC_CHUNK, Document, document, index_site, stem
from generator.search.search_text import page_text, words
from generator.search.synonyms import synonyms
from generator.site import paths

REPO = Path(__file__).parents[2]

if TYPE_CHECKING:
    from conftest import Built


def _page(inner: str) -> str:
    return (
        "<html><head><title>T</title></head><body><nav>Menu utama</nav>"
        f'<article class="md-content__inner"><div data-kid-searchable>{inner}</div></article>'
        "<footer>Kaki halaman</footer></body></html>"
    )


def test_page_text_reads_only_the_marked_part() -> None:
    text = page_text(
        _page(
            '<nav class="kid-breadcrumb"><a href="/">Beranda</a></nav>'
            '<h1 id="x">Sumedang <em>Command</em> Center<a class="headerlink" href="#x">¶</a></h1>'
            "<p>Layanan &amp; pengaduan</p><script>var rahasia = 1;</script>"
            '<div class="admonition" hidden><p>Perlu diperiksa</p></div><p>warga</p>'
        )
    )
    assert text is not None
    assert text.title == "Sumedang Command Center"
    assert text.body == "Layanan & pengaduan warga"
    for hidden in ("Menu", "Kaki", "Beranda", "rahasia", "diperiksa", "¶"):
        assert hidden not in text.title + text.body


def test_an_unmarked_page_has_no_search_text() -> None:
    assert page_text("<html><body><article><h1>Peta</h1></article></body></html>") is None


def test_the_excerpt_is_cut_at_a_word() -> None:
    text = page_text(_page("<h1>Judul</h1><p>" + "kata " * 100 + "</p>"))
    assert text is not None
    assert text.excerpt.endswith("kata …") and len(text.excerpt) <= 290


FACTS = '<div class="kid-facts">\n<dl>\n<dt>Jenis daerah</dt>\n<dd>Kabupaten</dd>\n</dl>\n</div>'


def test_the_excerpt_is_the_text_the_template_marked_not_the_facts_box() -> None:
    text = page_text(
        _page(
            '<h1>Disdukcapil</h1><p class="kid-lead" data-kid-excerpt>DISDUKCAPIL · Kabupaten A</p>'
            f"{FACTS}<p data-kid-excerpt>Melayani &amp; mencatat</p><p>Lainnya</p>"
        )
    )
    assert text is not None
    assert text.excerpt == "DISDUKCAPIL · Kabupaten A Melayani & mencatat"
    assert "Jenis daerah" in text.body and "Lainnya" in text.body


def test_a_marked_prose_block_is_the_excerpt_whole() -> None:
    text = page_text(
        _page(f'<h1>MoU</h1>{FACTS}<div class="kid-prose" data-kid-excerpt><p>Satu.</p><p>Dua.</p></div>')
    )
    assert text is not None and text.excerpt == "Satu. Dua."


def test_without_a_marked_excerpt_the_labels_are_left_out() -> None:
    text = page_text(
        _page(
            '<nav class="kid-breadcrumb"><p>Beranda</p></nav><h1>Kabupaten B</h1>'
            f'{FACTS}<h2 id="i">Inovasi di daerah ini</h2><figure><figcaption>Grafik</figcaption></figure>'
            "<table><tr><th>Singkatan</th></tr></table><p>Belum ada inovasi yang tercatat.</p>"
        )
    )
    assert text is not None and text.excerpt == "Belum ada inovasi yang tercatat."


def test_a_page_marked_empty_says_so() -> None:
    empty = page_text(
        _page("<h1>A</h1>").replace("<div data-kid-searchable>", "<div data-kid-searchable data-kid-empty>")
    )
    full = page_text(_page("<h1>A</h1>"))
    assert empty is not None and empty.empty and empty.title == "A"
    assert full is not None and not full.empty


def test_words_are_lower_cased_and_composed() -> None:
    assert words("Pelayanan PUBLIK, e-KTP (2025) Cafe\u0301") == [
        "pelayanan",
        "publik",
        "e",
        "ktp",
        "2025",
        "café",
    ]


# --- The index files --------------------------------------------------------------------------------


def _doc(url: str, title: str, body: str) -> Document:
    made = document(paths.built_file(url), _page(f"<h1>{title}</h1><p>{body}</p>"))
    assert made is not None and made.url == url
    return made


def _read(site: Path) -> tuple[dict[str, Any], dict[str, list[Any]], dict[str, list[Any]], list[list[str]]]:
    """The entry, the vocabulary by word, the postings by stem, and the records in order."""
    index = site / "search-index"
    entry = json.loads((index / "index.json").read_text(encoding="utf-8"))
    folder = index / entry["folder"]

    def chunks(letter: str) -> list[list[Any]]:
        files = sorted(folder.glob(f"{letter}*.json"), key=lambda p: int(p.stem[1:]))
        return [json.loads(p.read_text(encoding="utf-8")) for p in files]

    vocab_chunks, posting_chunks = chunks("w"), chunks("s")
    assert [c[0][0] for c in vocab_chunks] == entry["words"]
    assert [c[0][0] for c in posting_chunks] == entry["stems"]
    vocab = {row[0]: row for c in vocab_chunks for row in c}
    postings = {row[0]: row for c in posting_chunks for row in c}
    assert list(vocab) == sorted(vocab) and list(postings) == sorted(postings)
    records = [row for c in chunks("d") for row in c]
    return entry, vocab, postings, records


def _documents_of(row: list[Any]) -> list[int]:
    return list(itertools.accumulate(row[1]))


DOCS = [
    _doc("b/", "Pelayanan terpadu", "Warga dilayani di satu pintu. Layanan cepat."),
    _doc("a/", "Command center", "Pusat data yang memantau layanan kota."),
    _doc("c/", "Taman kota", "Ruang hijau untuk warga."),
] + [_doc(f"z{n:03}/", f"Halaman {n}", "teks pengisi " * (n % 7 + 1)) for n in range(40)]


def test_the_index_maps_words_to_stems_and_stems_to_pages(tmp_path: Path) -> None:
    assert index_site(tmp_path, DOCS) == len(DOCS)
    entry, vocab, postings, records = _read(tmp_path)
    ordered = sorted(DOCS, key=lambda d: d.url)
    assert entry["documents"] == len(DOCS) and entry["docChunk"] == DOC_CHUNK
    assert records == [[d.url, d.title, d.excerpt] for d in ordered]
    stemmer = snowballstemmer.stemmer("indonesian")
    assert vocab["pelayanan"][1] == vocab["layanan"][1] == stemmer.stemWord("layanan") == "layan"
    found = {records[n][0] for n in _documents_of(postings["layan"])}
    assert found == {"a/", "b/"}
    assert vocab["layanan"][2] == 2  # the stem's number of documents
    every = {stemmer.stemWord(w) for d in DOCS for w in d.counts}
    assert set(postings) == every


def test_a_title_word_outranks_the_same_word_in_the_text(tmp_path: Path) -> None:
    index_site(tmp_path, DOCS)
    _, _, postings, records = _read(tmp_path)
    row = postings["layan"]
    weights = {records[n][0]: w for n, w in zip(_documents_of(row), row[3], strict=True)}
    assert weights["b/"] == 255 > weights["a/"] >= 1
    assert row[2] > 0


def test_an_empty_page_ranks_below_one_with_content_but_keeps_its_title(tmp_path: Path) -> None:
    body = "Inovasi perangkat daerah ini. Belum ada inovasi yang tercatat."
    pages = [
        _doc("full/", "Dinas A", "Inovasi layanan keliling desa: " + "warga dilayani di desa. " * 6),
        replace(_doc("empty/", "Dinas B", body), empty=True),
        _doc("same/", "Dinas C", body),
        replace(_doc("blora/", "Kabupaten Blora", "Belum ada inovasi yang tercatat."), empty=True),
        _doc("visit/", "Studi tiru", "Bupati Blora datang ke Sumedang. " + "Belajar layanan. " * 4),
    ]
    index_site(tmp_path, pages)
    _, _, postings, records = _read(tmp_path)

    def weights(word: str) -> dict[str, int]:
        row = postings[stem(word)]
        return {records[n][0]: w for n, w in zip(_documents_of(row), row[3], strict=True)}

    ranked = weights("inovasi")
    # The same words count for less on the empty page than on the page that has something more.
    assert ranked["same/"] > ranked["full/"] > ranked["empty/"]
    # An empty page's own name still finds it first.
    assert weights("blora")["blora/"] == 255 > weights("blora")["visit/"]


def test_the_index_is_the_same_for_the_same_pages_in_any_order(tmp_path: Path) -> None:
    index_site(tmp_path / "one", DOCS)
    index_site(tmp_path / "two", list(reversed(DOCS)))
    one = {p.relative_to(tmp_path / "one"): p.read_bytes() for p in (tmp_path / "one").rglob("*.json")}
    two = {p.relative_to(tmp_path / "two"): p.read_bytes() for p in (tmp_path / "two").rglob("*.json")}
    assert one == two


def test_a_new_index_replaces_the_old_one(tmp_path: Path) -> None:
    index_site(tmp_path, DOCS)
    index_site(tmp_path, DOCS[:2])
    folders = [p for p in (tmp_path / "search-index").iterdir() if p.is_dir()]
    assert len(folders) == 1 and _read(tmp_path)[0]["documents"] == 2


def test_the_index_reads_the_built_pages_when_not_handed_them(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "index.html").write_text(_page("<h1>Judul</h1><p>Isi halaman</p>"), encoding="utf-8")
    (tmp_path / "y.html").write_text("<html><body>tanpa tanda</body></html>", encoding="utf-8")
    assert index_site(tmp_path) == 1
    assert _read(tmp_path)[3] == [["x/", "Judul", "Isi halaman"]]


# --- In Chromium ----------------------------------------------------------------------------------

# Indonesian affixes around a few roots: every branch of the stemmer (meny-/peny- before a vowel,
# mem-/pem- before a vowel or not, per-, pel-/bel- before "ajar", be- before -er-, -kan/-an/-i
# after each kind of prefix, particles and possessives).
PREFIXES = ["", "me", "mem", "men", "meng", "meny", "pe", "pem", "pen", "peng", "peny", "per", "ber", "be"]
PREFIXES += ["di", "ke", "ter", "pel", "bel", "diper", "memper"]
ROOTS = [
    "ajar",
    "apu",
    "ukul",
    "baik",
    "kerja",
    "sapu",
    "tani",
    "lihat",
    "cari",
    "isi",
    "kirim",
    "rasa",
    "atur",
]
ROOTS += ["pantau", "layan", "serta", "jahit"]
ENDINGS = ["", "kan", "an", "i", "nya", "lah", "kah", "pun", "ku", "mu", "kannya", "inya", "anlah"]


@pytest.mark.browser
def test_the_browser_stems_as_the_index_does(shipped_site: Built, static_server: Any, chromium: Any) -> None:
    _, vocab, _, _ = _read(shipped_site.site)
    made = [p + r + e for p, r, e in itertools.product(PREFIXES, ROOTS, ENDINGS)]
    corpus = sorted(set(made) | set(vocab) | {"a", "", "memper", "sstt", "aiueo", "éclair"})
    stemmer = snowballstemmer.stemmer("indonesian")
    with static_server(shipped_site.site) as base:
        page = chromium.new_page()
        page.goto(base + "cari/")
        page.wait_for_function("() => !!window.katalogSearch")
        stems = page.evaluate("list => list.map(w => window.katalogSearch.stem(w))", corpus)
        page.close()
    differ = [
        (w, s, stemmer.stemWord(w)) for w, s in zip(corpus, stems, strict=True) if s != stemmer.stemWord(w)
    ]
    assert differ == []
    assert len(corpus) > 3000


def test_an_abbreviation_finds_the_pages_that_write_its_words_out_and_the_reverse(tmp_path: Path) -> None:
    pages = [
        _doc("a/", "Perekaman", "Warga merekam kartu tanda penduduk elektronik di kecamatan."),
        _doc("b/", "Cetak di desa", "Cetak KTP dan KK langsung di kantor desa."),
        _doc("c/", "Kartu nama", "Kartu tanda tangan penduduk desa."),  # the words, not in a row
    ]
    index_site(tmp_path, pages)
    _, _, postings, records = _read(tmp_path)

    def found(word: str) -> set[str]:
        return {records[n][0] for n in _documents_of(postings[stem(word)])}

    assert found("ktp") == {"a/", "b/"}
    assert found("keluarga") == {"b/"}  # KK written, "kartu keluarga" searched
    assert "c/" not in found("ktp")


def test_the_synonym_list_is_lower_case_words_and_each_abbreviation_once() -> None:
    text = (REPO / "generator" / "data" / "synonyms.yml").read_text(encoding="utf-8")
    keys = re.findall(r"^([^#\s][^:]*):", text, re.M)
    assert len(keys) == len(set(keys)) >= 15
    for short, long in synonyms():
        assert short == short.lower() and words(short) == [short], short
        assert len(long) >= 2 and list(long) == words(" ".join(long)), short


@pytest.mark.browser
def test_one_query_finds_every_page_that_names_it(
    shipped_site: Built, static_server: Any, chromium: Any
) -> None:
    from playwright.sync_api import expect

    _, _, postings, records = _read(shipped_site.site)
    wanted = {records[n][0] for n in _documents_of(postings["sumedang"])}
    assert len(wanted) > PAGE_SIZE, "the query must need the 'more' button"
    outside: list[str] = []
    with static_server(shipped_site.site) as base:
        page = chromium.new_page()
        page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(base) else None)
        page.goto(base + "cari/?q=Sumedang")
        results = page.locator(".kid-search__title")
        expect(results.first).to_be_visible(timeout=10_000)
        expect(page.locator(".kid-search__status")).to_contain_text(f"{len(wanted)} hasil")
        more = page.locator(".kid-search__more")
        while more.is_visible():
            count = results.count()
            more.click()
            expect(results).not_to_have_count(count)
        found = results.evaluate_all("a => a.map(x => x.getAttribute('href'))")
        page.close()
    assert outside == []
    assert {href.removeprefix(base) for href in found} == wanted
    # The region's own page is among the first results shown for its name.
    assert "daerah/kabupaten-sumedang/" in [href.removeprefix(base) for href in found[:PAGE_SIZE]]


# --- Excerpts ---------------------------------------------------------------------------------------


def test_an_innovations_excerpt_is_its_summary(shipped_site: Built) -> None:
    records = _read(shipped_site.site)[3]
    excerpts = {url: excerpt for url, _, excerpt in records}
    innovations = shipped_site.catalogue.innovations.values()
    assert innovations
    for innovation in innovations:
        excerpt = excerpts[paths.url(paths.innovation(innovation.ref))]
        summary = " ".join(innovation.summary.split())
        assert excerpt.removesuffix(" …") == summary[: len(excerpt.removesuffix(" …"))], innovation.ref


def test_on_the_fixture_site_the_empty_agency_ranks_below_the_records_that_name_it(
    relations_site: Built,
) -> None:
    # Disdukcapil Lampung Selatan has no innovation (tests/fixtures/site-relations).
    empty = "perangkat-daerah/kabupaten-lampung-selatan/disdukcapil/"
    assert "data-kid-empty" in (relations_site.site / paths.built_file(empty)).read_text(encoding="utf-8")
    _, _, postings, records = _read(relations_site.site)
    row = postings[stem("disdukcapil")]
    scores = {records[n][0]: w for n, w in zip(_documents_of(row), row[3], strict=True)}
    with_content = [url for url in scores if url.startswith(("inovasi/", "kunjungan/"))]
    assert len(with_content) >= 2 and empty in scores
    assert all(scores[url] > scores[empty] for url in with_content), scores
    assert scores["perangkat-daerah/kabupaten-sumedang/disdukcapil/"] > scores[empty]


def test_no_excerpt_is_a_facts_box(shipped_site: Built) -> None:
    records = _read(shipped_site.site)[3]
    facts = ("Jenis daerah", "Kode wilayah", "Tahapan", "Ditandatangani")
    assert [url for url, _, excerpt in records if excerpt.startswith(facts)] == []


PAGE_SIZE = 10
