"""The site's search index, split so that one query downloads only the few small files it needs.

A national catalogue has 40,000 searchable pages; a visitor on a phone searches it. Pagefind
(used before) fetches a list of every page first (7 bytes a page) and keeps every page in memory
while indexing; its first query at 30,000 innovations downloaded 807 KiB. Here the browser reads
a small entry file, then the postings chunk of each query word's stem, and the records of the
results it shows (plus, for a word still being typed, the vocabulary chunk of the longer words it
begins; for a word the index lacks, the vocabulary chunks around where it would sort, to find the
words spelt almost alike). Written under `search-index/`:

- `index.json`: the entry (never cached for long): the folder of this build's chunks, the number
  of documents, the first word and first stem of each vocabulary and postings chunk, and the
  labels the search box needs only once it has an answer (`ANSWER_LABELS`);
- `<digest>/w<n>.json`: vocabulary chunk, `[word, stem, stem's document count]` in word order;
- `<digest>/s<n>.json`: postings chunk, `[stem, document-id gaps, top score, weights 1..255]`;
- `<digest>/d<n>.json`: documents `n × DOC_CHUNK …`: `[url, title, excerpt]`, by URL order.

`<digest>` names the content, so every file under it can be cached for good. Words are stemmed
with the Snowball Indonesian stemmer (the `snowballstemmer` package); the browser stems a query
with its own implementation of the same algorithm (docs/javascripts/search.js), which a test
checks word for word against this one. Ranking is BM25 over the page text, a word of the page's
title counting `TITLE_WEIGHT` times, plus a bonus for a word of the title; the body of a page that
holds no record of its own (an agency or region with no innovation) counts `EMPTY_WEIGHT` times.
A result's excerpt is the record's own prose, as its page template marks it (search_text.py).
"""

from __future__ import annotations

import hashlib
import itertools
import json
import math
import os
import shutil
import sys
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import snowballstemmer

from ..content.labels import labels
from ..site import paths
from .search_text import MARKER, page_text, words
from .synonyms import expanded

OUTPUT = "search-index"
ENTRY = "index.json"
DOC_CHUNK = 16
# Chunk sizes in bytes of JSON before compression: a few KB each over the wire.
WORDS_CHUNK_BYTES = 8_000
POSTINGS_CHUNK_BYTES = 24_000
TITLE_WEIGHT = 3
BM25_K1, BM25_B = 1.2, 0.75
# Added to a page's score for a word of its title, times the share of the title's words it makes:
# a query for a record's name finds that record first ("Sumedang": Kabupaten Sumedang before
# "Disdukcapil Kabupaten Sumedang"). BM25 saturates, so counting the title a few times more is no
# match for a short page (an agency with no innovation) that names the word three times. Twice the
# most a body word can score, so that a title of two words outweighs any body.
TITLE_BONUS = 2 * (BM25_K1 + 1)
# The labels a search box needs only once the index has answered (how the results stand, or where
# to go when there are none; with the catalogue browser's address): they travel with the entry
# every search fetches first, so that a page with a box (the home page is at its size budget)
# carries only the labels it shows before. The box's name for each → its key in data/labels.yml.
ANSWER_LABELS = {
    "some": "search_results_some",
    "similar": "search_similar",
    "none": "search_none",
    "browse": "search_browse",
    "propose": "search_propose",
}
# What the body words of an empty page (search_text.EMPTY) count for. Such a page is short and
# names its kind of record in its boilerplate ("Belum ada inovasi yang tercatat"), which BM25
# rewards: a query for "inovasi" or "disdukcapil" listed empty agency pages before the innovations.
# A body word's score saturates at k1 + 1 = 2.2 however short the page; a quarter of that (0.55)
# stays below one mention on a record page of up to three times the average length. The title
# bonus counts in full, so that an empty region's name still finds it first.
EMPTY_WEIGHT = 0.25


@dataclass(frozen=True)
class Document:
    """One searchable page: where it is, what the result shows, how often each word occurs in it
    (a word of the title counting `TITLE_WEIGHT` times), and whether it holds no record of its own."""

    url: str
    title: str
    excerpt: str
    counts: dict[str, int]
    length: int
    empty: bool = False


_STEMMER = snowballstemmer.stemmer("indonesian")


@cache
def stem(word: str) -> str:
    """The Snowball Indonesian stem of a lower-cased word."""
    return str(_STEMMER.stemWord(word))


def document(dest: str, page: str) -> Document | None:
    """The searchable document of the built page at `dest` (relative to the site), if it has one."""
    text = page_text(page)
    if text is None:
        return None
    body = words(text.body)
    counts = expanded(body)
    for word in words(text.title):
        counts[word] += TITLE_WEIGHT
    # One string object per distinct word, however many pages use it: the build holds 40,000 of
    # these, and a child process hands them to the parent pickled (which shares equal objects).
    interned = {sys.intern(word): count for word, count in counts.items()}
    return Document(paths.address_of_file(dest), text.title, text.excerpt, interned, len(body), text.empty)


def save_documents(path: Path, key: tuple[str, str], documents: Iterable[Document]) -> None:
    """Keep the documents for the next `--dirty` build (`key`: what they are valid for), written
    atomically. JSON, not pickle: a CI cache is data, never code."""
    rows = [[d.url, d.title, d.excerpt, d.counts, d.length, d.empty] for d in documents]
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_bytes(_json({"key": list(key), "documents": rows}))
    os.replace(temporary, path)


def load_documents(path: Path, key: tuple[str, str]) -> list[Document] | None:
    """The documents `save_documents` kept under `key`; None when there are none usable."""
    try:
        data = json.loads(path.read_bytes())
        if data["key"] != list(key):
            return None
        return [
            Document(
                str(url),
                str(title),
                str(excerpt),
                {sys.intern(w): int(n) for w, n in counts.items()},
                int(length),
                bool(empty),
            )
            for url, title, excerpt, counts, length, empty in data["documents"]
        ]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def read_documents(site: Path) -> Iterator[Document]:
    """The searchable documents of every page built into `site` (the index's own folder excluded)."""
    output, marker = site / OUTPUT, MARKER.encode()
    for path in sorted(site.rglob("*.html")):
        if output in path.parents:
            continue
        data = path.read_bytes()
        if marker in data:
            found = document(path.relative_to(site).as_posix(), data.decode("utf-8"))
            if found is not None:
                yield found


def index_site(site: Path, documents: Iterable[Document] | None = None, lang: str = "id") -> int:
    """Write the index of `documents` (else of every page in `site`) to `site/search-index/`, its
    labels in `lang`; returns the number of documents indexed."""
    docs = sorted(read_documents(site) if documents is None else documents, key=lambda d: d.url)
    chunks, boundaries = _chunks(docs)
    digest = hashlib.sha256()
    for name, data in chunks:
        digest.update(name.encode() + b"\0" + data + b"\0")
    folder = digest.hexdigest()[:16]
    output = site / OUTPUT
    if output.exists():
        shutil.rmtree(output)
    (output / folder).mkdir(parents=True)
    for name, data in chunks:
        (output / folder / name).write_bytes(data)
    entry = {"version": 1, "folder": folder + "/", "documents": len(docs), "docChunk": DOC_CHUNK}
    answer = {
        "labels": {name: labels()[key][lang] for name, key in ANSWER_LABELS.items()},
        "browse": paths.url(paths.INNOVATIONS),
    }
    (output / ENTRY).write_bytes(_json(entry | answer | boundaries))
    return len(docs)


def _chunks(docs: list[Document]) -> tuple[list[tuple[str, bytes]], dict[str, list[str]]]:
    """The index's files (name, content), and the first key of each vocabulary and postings chunk."""
    stems = {word: stem(word) for word in sorted({word for doc in docs for word in doc.counts})}
    postings = _postings(docs, stems)
    kinds = [
        (
            "w",
            "words",
            [(w, _row([w, term, postings[term][0]])) for w, term in stems.items()],
            WORDS_CHUNK_BYTES,
        ),
        ("s", "stems", [(term, postings[term][1]) for term in sorted(postings)], POSTINGS_CHUNK_BYTES),
    ]
    files: list[tuple[str, bytes]] = []
    boundaries: dict[str, list[str]] = {}
    for letter, key, rows, size in kinds:
        parts = _split(rows, size)
        boundaries[key] = [part[0][0] for part in parts]
        files += [(f"{letter}{n}.json", _join(row for _, row in part)) for n, part in enumerate(parts)]
    for n in range(0, len(docs), DOC_CHUNK):
        records = [[d.url, d.title, d.excerpt] for d in docs[n : n + DOC_CHUNK]]
        files.append((f"d{n // DOC_CHUNK}.json", _json(records)))
    return files, boundaries


def _postings(docs: list[Document], stems: dict[str, str]) -> dict[str, tuple[int, str]]:
    """Each stem's number of documents and its postings row as JSON: the stem, its documents (ids
    as gaps: the first id, then the difference to the one before), its top score, and each
    document's score in 255ths of it."""
    count = len(docs)
    average = sum(d.length for d in docs) / count if count else 0.0
    # Compact arrays: a national catalogue has millions of postings.
    found: dict[str, tuple[array[int], array[float]]] = {}
    k1 = BM25_K1
    for n, doc in enumerate(docs):
        norm = k1 * (1 - BM25_B + BM25_B * doc.length / average) if average else k1
        weight = EMPTY_WEIGHT if doc.empty else 1.0
        terms: dict[str, int] = {}
        for word, tf in doc.counts.items():
            term = stems[word]
            terms[term] = terms.get(term, 0) + tf
        title = [stems[word] for word in words(doc.title) if word in stems]
        for term, tf in terms.items():
            ids, scores = found.get(term) or found.setdefault(term, (array("I"), array("d")))
            ids.append(n)
            bonus = TITLE_BONUS * title.count(term) / len(title) if title else 0.0
            scores.append(weight * tf * (k1 + 1) / (tf + norm) + bonus)
    out = {}
    for term in list(found):
        ids, scores = found.pop(term)
        idf = math.log(1 + (count - len(ids) + 0.5) / (len(ids) + 0.5))
        top = max(scores)
        gaps = [ids[0], *(b - a for a, b in itertools.pairwise(ids))]
        weights = [round(255 * score / top) or 1 for score in scores]
        out[term] = (len(ids), _row([term, gaps, round(top * idf, 4), weights]))
    return out


def _split(rows: list[tuple[str, str]], size: int) -> list[list[tuple[str, str]]]:
    """`rows` (key, JSON) in runs of about `size` characters of JSON each (a larger row alone)."""
    parts: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    used = 0
    for row in rows:
        if current and used + len(row[1]) > size:
            parts.append(current)
            current, used = [], 0
        current.append(row)
        used += len(row[1])
    if current:
        parts.append(current)
    return parts


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def _row(value: object) -> str:
    return _ENCODER.encode(value)


def _join(rows: Iterable[str]) -> bytes:
    return ("[" + ",".join(rows) + "]").encode("utf-8")


def _json(value: object) -> bytes:
    return _row(value).encode("utf-8")
