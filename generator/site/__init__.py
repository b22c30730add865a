"""The site's pages: a checked catalogue in, `{docs path: Markdown}` out.

Relations indexed from both ends (`relations`), the page addresses (`paths`), the page plan and
its templates (`pages`), visit briefs, charts and the learning network. Engine-agnostic Markdown:
any MkDocs-compatible engine renders it.
"""
