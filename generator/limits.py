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
}
DEFAULT_MAX_LENGTH = 300
# Items per list (agencies, metrics, sources, …).
MAX_ITEMS = 200
# Nesting depth of YAML collections; the model itself is at most four levels deep.
MAX_DEPTH = 12
# Count of YAML nodes in one file (lists of lists of … stay bounded).
MAX_NODES = 20_000
# Characters of HTML one Markdown body may render to. A real body renders to one to three times its
# length; ten times the longest body allowed leaves room for dense tables, and stops the amplifiers
# of Markdown: a reference link repeating one long address thousands of times turns 20,000
# characters into 16 MB of HTML, and a wide table header pads every short row with empty cells.
MAX_RENDERED_MARKDOWN = 10 * MAX_LENGTH["markdown"]
