"""What `katalog build` needs of a site's configuration file (mkdocs.yml), read without an engine.

The file is the site's own, not a contributor's: it is read with YAML's safe loader plus the one
tag MkDocs configurations use for settings taken from the environment (`!ENV NAME` or
`!ENV [NAME, …, default]`), resolved as MkDocs resolves it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

PLUGIN = "katalog"


class SiteConfigError(ValueError):
    """The configuration file cannot be read, or lacks what the build needs."""


@dataclass(frozen=True)
class SiteConfig:
    """A site configuration: the file's settings (`data`) and the `katalog` plugin's options."""

    path: Path
    data: dict[str, Any]
    options: dict[str, Any] = field(default_factory=dict)

    @property
    def folder(self) -> Path:
        return self.path.parent

    @property
    def root(self) -> Path:
        return (self.folder / str(self.options.get("root", "."))).resolve()

    @property
    def lang(self) -> str:
        return str(self.options.get("lang", "id"))

    @property
    def docs_dir(self) -> Path:
        return self.folder / str(self.data.get("docs_dir", "docs"))

    @property
    def custom_dir(self) -> Path | None:
        theme = self.data.get("theme")
        folder = theme.get("custom_dir") if isinstance(theme, dict) else None
        return self.folder / str(folder) if folder else None

    @property
    def site_url(self) -> str:
        return str(self.data.get("site_url") or "")

    @property
    def directory_urls(self) -> bool:
        return bool(self.data.get("use_directory_urls", True))

    def without_plugin(self) -> dict[str, Any]:
        """The settings with the `katalog` plugin taken out (other plugins stay, in order)."""
        data = dict(self.data)
        data["plugins"] = [p for p in data.get("plugins") or [] if _plugin_name(p) != PLUGIN]
        return data


def read_site_config(path: Path) -> SiteConfig:
    """Read `path` (mkdocs.yml).

    Raises:
        SiteConfigError: the file is missing, not YAML, not a mapping, or has no `katalog` plugin.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise SiteConfigError(f"{path}: cannot be read ({error})") from error
    try:
        data = yaml.load(text, Loader=_ConfigLoader)
    except yaml.YAMLError as error:
        raise SiteConfigError(f"{path}: not a configuration MkDocs could read: {error}") from error
    if not isinstance(data, dict):
        raise SiteConfigError(f"{path}: a configuration is a mapping of settings")
    for plugin in data.get("plugins") or []:
        if _plugin_name(plugin) == PLUGIN:
            options = plugin[PLUGIN] if isinstance(plugin, dict) else None
            return SiteConfig(path, data, dict(options or {}))
    raise SiteConfigError(f"{path}: no `{PLUGIN}` plugin in `plugins` (it says where the catalogue is)")


def _plugin_name(entry: Any) -> str:
    if isinstance(entry, dict) and len(entry) == 1:
        return str(next(iter(entry)))
    return str(entry)


class _ConfigLoader(yaml.SafeLoader):
    """The safe loader, plus MkDocs' `!ENV` tag."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """`!ENV NAME` or `!ENV [NAME, OTHER, default]`: the first variable set, else the default
    (as the `pyyaml_env_tag` package MkDocs uses reads it)."""
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    elif isinstance(node, yaml.SequenceNode) and node.value:
        *names, default = loader.construct_sequence(node)
        if not names:
            names, default = [default], None
    else:
        raise yaml.constructor.ConstructorError(None, None, "!ENV takes a name or a list", node.start_mark)
    for name in names:
        value = os.environ.get(str(name))
        if value is not None:  # typed as a plain YAML scalar would be ("true", "8000", …)
            tag = loader.resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
            return loader.construct_object(yaml.ScalarNode(tag, value))
    return default


_ConfigLoader.add_constructor("!ENV", _env)
