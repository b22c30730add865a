"""The spreadsheet template of `katalog import` (`inovasi.csv`, `inovasi.xlsx`): its columns with their
help texts and drop-down lists, from the innovation model and the vocabularies."""

from __future__ import annotations

from pathlib import Path

from ..content.fields import input_fields
from ..content.model import Innovation
from ..content.schema import field_help
from ..content.vocab import vocabulary
from .import_report import columns, settings
from .sheets import TemplateColumn, template_csv, template_xlsx

TEMPLATE_NAME = "inovasi"  # the template files are inovasi.csv and inovasi.xlsx


def template_columns(lang: str = "id") -> list[TemplateColumn]:
    """The template's columns with their help text and allowed labels, in `lang`."""
    fields = input_fields(Innovation)
    help_texts = field_help()["Innovation"]
    separator = settings()["separator"]
    result = []
    for column in columns():
        info = fields[column["field"]]
        choices = [v[lang] for v in vocabulary(info.vocab).values.values()] if info.vocab else []
        help_text = help_texts[info.name][lang]
        if info.is_list:
            help_text += f" ({separator})"
        result.append(
            TemplateColumn(
                column[lang],
                info.required,
                help_text,
                choices,
                several=info.is_list,
                date=info.kind == "date",
            )
        )
    return result


def write_templates(folder: Path, lang: str = "id") -> list[Path]:
    """Write `inovasi.csv` and `inovasi.xlsx` into `folder`; returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    cols = template_columns(lang)
    outputs = {
        folder / f"{TEMPLATE_NAME}.csv": template_csv(cols),
        folder / f"{TEMPLATE_NAME}.xlsx": template_xlsx(cols, settings()["template"][lang]),
    }
    for path, data in outputs.items():
        path.write_bytes(data)
    return list(outputs)
