"""The Jinja environment that turns catalogue records into Markdown pages.

Contributor values are data handed to templates, never templates themselves, so template syntax
in content is printed, not evaluated. Every printed value is escaped by `escape.finalize` unless a
helper below marked it trusted (`Markup`): labels from our own data files, links we build, and
contributor Markdown after `prose.render_prose` has sanitised it.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from typing import Any

import jinja2
from markupsafe import Markup, escape

from ..content.files import MEDIA_DIR
from ..content.labels import labels
from ..content.model import Region
from ..content.prose import render_prose
from ..content.vocab import vocabulary
from . import paths
from .escape import finalize as escape_finalize
from .escape import md_escape
from .qr import qr_svg


@functools.cache
def compiled_templates() -> jinja2.BytecodeCache | None:
    """Jinja's cache of compiled templates, in the user's private temporary folder.

    Compiling the page and theme templates takes most of a second, on every `katalog preview`
    and every `mkdocs serve` rebuild; a template whose source changed is compiled again. None
    when no safe folder can be had (the templates are then compiled each time).
    """
    try:
        return jinja2.FileSystemBytecodeCache()
    except (OSError, RuntimeError):
        return None


class PageRenderer:
    """Renders page templates in one language."""

    def __init__(self, lang: str = "id", site_url: str = "") -> None:
        """`site_url`: the published site's address (MkDocs' `site_url`), which printed pages give
        beside their links; "" for none (the offline copy), and then they give none."""
        self.lang = lang
        self.site_url = site_url.rstrip("/")
        self.env = jinja2.Environment(
            loader=jinja2.PackageLoader("generator", "templates"),
            # `finalize` escapes for Markdown and HTML at once and marks the result safe; autoescape
            # is on so that macro output counts as safe too.
            autoescape=True,
            finalize=escape_finalize,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            bytecode_cache=compiled_templates(),
        )
        self.env.globals.update(
            t=self.label,
            v=self.vocab_label,
            link=link,
            ext_link=ext_link,
            prose=prose,
            date=self.date,
            region_name=self.region_name,
            paths=paths,
            front_matter=front_matter,
            number=self.number,
            plink=self.print_link,
            anchor_link=anchor_link,
            heading_id=heading_id,
            address=self.address,
            qr=self.qr,
            money=self.money,
            media_link=media_link,
        )

    def label(self, key: str, **args: Any) -> Markup:
        """A UI label (trusted: it comes from our own data file)."""
        text = labels()[key][self.lang]
        # Arguments may be contributor values (region names): escape them like any printed value.
        return Markup(text.format(**{k: md_escape(v) for k, v in args.items()}) if args else text)

    def vocab_label(self, name: str, value: str) -> str:
        return vocabulary(name).text(value, self.lang)

    def date(self, value: dt.date) -> str:
        """A date as people write it: "4 Juli 2025"."""
        month = labels()["months"][self.lang][value.month - 1]
        return f"{value.day} {month} {value.year}"

    def number(self, value: float) -> str:
        """A number with the language's decimal mark: 3,84 in Indonesian, 3.84 in English."""
        text = str(value)
        return text.replace(".", ",") if self.lang == "id" else text

    def money(self, amount: float) -> str:
        """An amount in rupiah, every digit given and grouped as the language writes it:
        "Rp1.500.000.000" in Indonesian, "Rp1,500,000,000" in English (no rounding to "miliar")."""
        whole = int(amount)
        text = f"{whole:,}" if whole == amount else f"{amount:,.2f}"
        if self.lang == "id":
            text = text.translate(str.maketrans(",.", ".,"))
        return f"Rp{text}"

    def region_name(self, region: Region) -> str:
        """The name with its type: "Kabupaten Sumedang", "Kota Administrasi Jakarta Pusat"."""
        kind = self.vocab_label("region-types", region.type)
        if region.administrative:
            # Plain text, not `label()`'s Markup: the name is contributor data and must stay escaped.
            return str(labels()["administrative_region_name"][self.lang].format(type=kind, name=region.name))
        return f"{kind} {region.name}"

    def absolute(self, target: str) -> str:
        """The published address of docs page `target`; "" without a site address."""
        return f"{self.site_url}/{paths.url(target)}" if self.site_url else ""

    @jinja2.pass_context
    def print_link(self, context: jinja2.runtime.Context, text: Any, target: str) -> Markup:
        """A link to another page that, on paper, gives that page's published address after it."""
        plain = link(context, text, target)
        address = self.absolute(target)
        # attr_list puts the attribute on the link; the print stylesheet shows it.
        return Markup(f'{plain}{{: data-print-url="{escape(address)}" }}') if address else plain

    def address(self, target: str) -> Markup:
        """A page's published address as text (its path from the site's root without one)."""
        text = self.absolute(target) or "/" + paths.url(target)
        return Markup(md_escape(text))

    def qr(self, target: str) -> Markup:
        """A QR code of a page's published address, shown on paper only; none without an address."""
        address = self.absolute(target)
        if not address:
            return Markup("")
        return Markup(f'<div class="kid-qr" aria-hidden="true">{qr_svg(address)}</div>\n')

    def render(self, template: str, page: str, **context: Any) -> str:
        """Render `template` for the page at docs path `page`."""
        return self.env.get_template(template).render(page=page, **context)


@jinja2.pass_context
def link(context: jinja2.runtime.Context, text: Any, target: str, anchor: str = "") -> Markup:
    """A Markdown link to another generated page, relative to the page being rendered."""
    href = paths.relative(target, context["page"]) + (f"#{anchor}" if anchor else "")
    return Markup(f"[{md_escape(text)}]({href})")


@jinja2.pass_context
def media_link(context: jinja2.runtime.Context, file: str) -> Markup:
    """A relative link from the page being rendered to a photo's web copy (`media/<file>`); the
    checker let through only paths of [a-z0-9-_./], which need no escaping."""
    return Markup(paths.relative(f"{MEDIA_DIR}/{file}", context["page"]))


def _anchor(anchor: str) -> str:
    """An id the templates give a place on a page: made of record ids, [a-z0-9-] only."""
    if not re.fullmatch(r"[a-z0-9-]+", anchor):
        raise ValueError(f"not an anchor of ours: {anchor!r}")
    return anchor


def anchor_link(text: Any, anchor: str) -> Markup:
    """A link to a place on the same page, marked with `heading_id`."""
    return Markup(f"[{md_escape(text)}](#{_anchor(anchor)})")


def heading_id(anchor: str) -> Markup:
    """The id of the heading it follows (attr_list): a place `anchor_link` links to."""
    return Markup(f"{{: #{_anchor(anchor)} }}")


def ext_link(text: Any, url: str) -> Markup:
    """A link to an outside address given by a contributor (already checked to be http(s)/mailto)."""
    # Markdown never looks inside a raw tag, so the address needs HTML attribute escaping only.
    # An address shown as its own text needs no second copy of it on paper (`kid-bare`).
    bare = ' class="kid-bare"' if str(text) == url else ""
    return Markup(f'<a href="{escape(url)}"{bare} rel="nofollow noopener ugc">{md_escape(text)}</a>')


def prose(text: str | None, excerpt: bool = False) -> Markup:
    """Contributor Markdown, sanitised, as one HTML block; with `excerpt`, marked as the text a
    search result shows for the page (generator/search/search_text.py)."""
    if not text:
        return Markup("")
    mark = " data-kid-excerpt" if excerpt else ""
    return Markup(f'<div class="kid-prose"{mark}>\n{render_prose(text)}\n</div>')


def front_matter(**fields: Any) -> Markup:
    """YAML front matter, each value in JSON's notation (a subset of YAML's flow style).

    Written by hand, not by PyYAML's emitter, which was a sixth of page generation. Strings are
    HTML-escaped: the theme prints `page.meta.title` and `description` unescaped into `<title>`,
    the header and a `<meta content="…">` attribute.
    """
    lines = [
        f"{key}: {_yaml_value(str(escape(value)) if isinstance(value, str) else value)}"
        for key, value in fields.items()
        if value is not None
    ]
    return Markup("---\n" + "".join(line + "\n" for line in lines) + "---\n")


# Characters a YAML reader would fold, drop or refuse inside a double-quoted scalar although JSON
# leaves them raw: YAML 1.1's extra line breaks, the byte-order mark, and non-printable ones.
_YAML_UNSAFE = re.compile(r"[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")


def _yaml_value(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
