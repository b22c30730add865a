"""Reading the site's configuration without an engine (generator/publish/site_config.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.publish.site_config import SiteConfigError, read_site_config

REPO = Path(__file__).parents[1]


def _config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "mkdocs.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_shipped_configuration_names_the_catalogue_and_its_language() -> None:
    config = read_site_config(REPO / "mkdocs.yml")
    assert config.root == REPO.resolve()
    assert config.lang == "id"
    assert config.docs_dir == REPO / "docs"
    assert config.custom_dir == REPO / "overrides"
    assert config.directory_urls is True
    assert config.without_plugin()["plugins"] == []


@pytest.mark.parametrize(
    ("value", "environment", "expected"),
    [
        ("!ENV [KID_TEST_URL, 'https://default.test/']", {}, "https://default.test/"),
        (
            "!ENV [KID_TEST_URL, 'https://default.test/']",
            {"KID_TEST_URL": "https://set.test/"},
            "https://set.test/",
        ),
        (
            "!ENV [KID_TEST_URL, KID_TEST_OTHER, 'x']",
            {"KID_TEST_OTHER": "https://other.test/"},
            "https://other.test/",
        ),
        ("!ENV KID_TEST_URL", {}, ""),
    ],
)
def test_settings_from_the_environment_resolve_as_mkdocs_resolves_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str, environment: dict[str, str], expected: str
) -> None:
    for name in ("KID_TEST_URL", "KID_TEST_OTHER"):
        monkeypatch.delenv(name, raising=False)
    for name, setting in environment.items():
        monkeypatch.setenv(name, setting)
    path = _config(
        tmp_path, f"site_name: x\nsite_url: {value}\nplugins:\n  - search\n  - katalog:\n      lang: en\n"
    )
    config = read_site_config(path)
    assert config.site_url == expected
    assert config.lang == "en"
    assert config.without_plugin()["plugins"] == ["search"]


def test_an_environment_setting_is_typed_as_yaml_types_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KID_TEST_DIRS", "false")
    path = _config(tmp_path, "use_directory_urls: !ENV [KID_TEST_DIRS, true]\nplugins: [katalog]\n")
    assert read_site_config(path).directory_urls is False


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("plugins: [search]\n", "no `katalog` plugin"),
        ("- a list\n", "a mapping of settings"),
        ("site_name: [unclosed\n", "not a configuration MkDocs could read"),
        ("markdown_extensions:\n  - x: !!python/name:os.system\nplugins: [katalog]\n", "not a configuration"),
    ],
)
def test_a_configuration_the_build_cannot_use_is_refused_with_why(
    tmp_path: Path, text: str, said: str
) -> None:
    with pytest.raises(SiteConfigError, match=said):
        read_site_config(_config(tmp_path, text))


def test_a_missing_configuration_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SiteConfigError, match="cannot be read"):
        read_site_config(tmp_path / "mkdocs.yml")
