"""Everything of a build but the HTML, engine-neutral: the `katalog build` and `katalog finish` steps.

`source` writes a site's whole Markdown source (hand-written pages, generated pages, photos) and a
configuration any MkDocs-compatible engine renders without a plugin; `finish` then adds what comes
after the HTML (`side_files`: the catalogue browser's index, open data, redirects; the search index;
a sitemap that is the same in every build) and proves every record has its page. The MkDocs plugin
(`generator.engine`) runs the same steps from inside MkDocs' events.
"""
