"""Page paths and the relative links between them."""

import posixpath

from hypothesis import given
from hypothesis import strategies as st

from generator.site import paths

FOLDER = st.sampled_from(["inovasi", "daerah", "kabupaten-sumedang", "tag", "daftar"])
# Pages are Markdown files, so no page path is also a folder.
PAGE = st.tuples(st.lists(FOLDER, max_size=3), st.sampled_from(["index.md", "a.md"])).map(
    lambda parts: "/".join([*parts[0], parts[1]])
)


@given(target=PAGE, page=PAGE)
def test_relative_matches_relpath(target, page):
    # The cached version must give exactly what posixpath computes from the page's folder.
    assert paths.relative(target, page) == posixpath.relpath(target, posixpath.dirname(page) or ".")


def test_relative_examples():
    assert paths.relative("inovasi/kabupaten-sumedang/a.md", "index.md") == "inovasi/kabupaten-sumedang/a.md"
    assert paths.relative("index.md", "inovasi/kabupaten-sumedang/a.md") == "../../index.md"
    assert paths.relative("inovasi/kabupaten-sumedang/b.md", "inovasi/kabupaten-sumedang/a.md") == "b.md"
    assert paths.relative("daerah/kota-bogor.md", "inovasi/kota-bogor/a.md") == "../../daerah/kota-bogor.md"


def test_listing_pages_are_named_by_their_first_item():
    assert paths.listing_page("tema/x.md", "kota-bogor--a") == "tema/x/dari-kota-bogor--a.md"
    assert paths.listing_page("tag/t/index.md", "b") == "tag/t/daftar/dari-b.md"
    assert paths.listing_last_page("tema/x.md") == "tema/x/akhir.md"
    assert paths.listing_last_page("kerja-sama/index.md") == "kerja-sama/daftar/akhir.md"


def test_one_rule_for_page_addresses() -> None:
    assert (
        paths.url("inovasi/kabupaten-sumedang/command-center.md")
        == "inovasi/kabupaten-sumedang/command-center/"
    )
    assert paths.url("kerja-sama/pks/index.md") == "kerja-sama/pks/"
    assert paths.url("index.md") == ""
    assert paths.url("daerah/x.md", directory_urls=False) == "daerah/x.html"
    assert paths.url("index.md", directory_urls=False) == "index.html"
    for page in ("index.md", "inovasi/index.md", "daerah/kabupaten-sumedang.md"):
        address = paths.url(page)
        assert paths.address_of_file(paths.built_file(address)) == address
    assert paths.built_file("inovasi/a/b/") == "inovasi/a/b/index.html"
    assert paths.address_of_file("404.html") == "404.html"
