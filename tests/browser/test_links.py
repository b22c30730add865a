"""No link in the built site points to a missing file or anchor; external links are only listed."""

from __future__ import annotations

from pathlib import Path

from generator.quality.linkcheck import check_links, external_report


def test_every_internal_link_resolves(shipped_site: Path) -> None:
    report = check_links(shipped_site)
    assert report.pages > 50
    assert report.broken == []


def test_external_links_are_reported_not_fetched(shipped_site: Path) -> None:
    report = check_links(shipped_site)
    text = external_report(report)
    # The shipped content cites its sources; they are listed with the pages that link to them.
    assert "https://djadinmedia.com/?p=37773\t" in text
    assert all(url.startswith(("http://", "https://", "mailto:")) for url in report.external)


def test_checker_finds_missing_files_and_anchors(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<a href="a/">ok</a><a href="b/">no</a><a href="a/#here">anchor ok</a>'
        '<a href="a/#nowhere">no anchor</a><img src="x.png" srcset="a/index.html 1x, y.png 2x">'
        '<a href="https://example.org/">out</a>',
        encoding="utf-8",
    )
    (tmp_path / "a" / "index.html").write_text('<h2 id="here">Here</h2>', encoding="utf-8")
    report = check_links(tmp_path)
    assert sorted((link, reason) for _, link, reason in report.broken) == [
        ("a/#nowhere", "no element with id 'nowhere'"),
        ("b/", "no such file"),
        ("x.png", "no such file"),
        ("y.png", "no such file"),
    ]
    assert set(report.external) == {"https://example.org/"}
