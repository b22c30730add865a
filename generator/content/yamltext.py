"""Write plain data as YAML that reads like the hand-written content files.

Lists of single values in flow style (`affairs: [health, social]`), lists of records as indented
blocks, text that spans lines as literal blocks (`|`), keys in the order given. PyYAML quotes what
would otherwise be read as another type ("32.10", "yes"), so what is written reads back the same.
"""

from __future__ import annotations

from typing import Any

import yaml

# Long lines are folded only past this width; the content files use 110 columns like the code.
WIDTH = 110


class _Dumper(yaml.SafeDumper):
    flow_lists = True

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        # Indent block lists under their key, as the shipped content does ("  - title: …").
        super().increase_indent(flow, False)


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value.rstrip("\n") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _represent_list(dumper: yaml.SafeDumper, value: Any) -> yaml.SequenceNode:
    flat = getattr(dumper, "flow_lists", True) and all(
        not isinstance(item, (dict, list)) and "\n" not in str(item) for item in value
    )
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flat)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(list, _represent_list)
_Dumper.add_representer(tuple, _represent_list)


class _BlockDumper(_Dumper):
    flow_lists = False


def dump(data: Any, flow_lists: bool = True) -> str:
    """`data` (dicts, lists, strings, numbers, dates) as YAML text.

    Args:
        data: what to write.
        flow_lists: lists of single values on one line (`[a, b]`); else one item per line.
    """
    dumper = _Dumper if flow_lists else _BlockDumper
    return yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True, width=WIDTH)
