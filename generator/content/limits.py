"""Documented limits on contributor input (see docs/keamanan.md).

Each limit keeps one hostile or broken file from slowing or exhausting the checker and the build;
each is far above what a real record needs.
"""

# A record is a few KB; 256 KiB leaves room for long descriptions and stops accidental data dumps.
MAX_FILE_BYTES = 256 * 1024
# Characters per string, by format. Markdown bodies get the most room.
MAX_LENGTH = {
    "text": 300,
    "prose": 2_000,
    "markdown": 20_000,
    "id": 80,
    "url": 2_000,
    "email": 254,
    "phone": 40,
    "code": 13,
    "media": 200,
}
DEFAULT_MAX_LENGTH = 300
# Items per list (agencies, metrics, sources, …).
MAX_ITEMS = 200
# Nesting depth of YAML collections; the model itself is at most four levels deep.
MAX_DEPTH = 12
# Count of YAML nodes in one file (lists of lists of … stay bounded).
MAX_NODES = 20_000
# Table cells in one Markdown body, counted before it is parsed. A table pads every row to its
# header's width, so a 1,000-column header over short rows makes the parser build a million cells
# (seconds and hundreds of MB for one 20,000-character field); a real table has a few hundred.
MAX_TABLE_CELLS = 5_000
# Characters of HTML one Markdown body may render to, estimated from the parsed body. A real body
# renders to one to three times its length; ten times the longest body allowed leaves room for dense
# tables, and stops a reference link that repeats one long address thousands of times (20,000
# characters of Markdown would make 16 MB of HTML).
MAX_RENDERED_MARKDOWN = 10 * MAX_LENGTH["markdown"]
# A photo as contributed (media/): a phone camera's JPEG is 2–6 MB; the site shows it resized
# (site/media.py), so a larger file only makes the repository heavy.
MAX_MEDIA_BYTES = 8 * 1024 * 1024
# Pixels of a photo, checked from its header before it is decoded: a small file that decodes to a
# huge image (a "decompression bomb") would take gigabytes. 40 megapixels is above any phone camera.
MAX_MEDIA_PIXELS = 40_000_000
