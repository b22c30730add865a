"""The engine adapter: the only package that imports MkDocs (or ProperDocs).

The plugin hands the generated pages to the engine and writes what comes after the HTML (search
index, exports); around it the parallel and incremental build, the theme-part cache and the HTML
post-processing, and the offline copy.
"""
