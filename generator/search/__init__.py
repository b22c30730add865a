"""Search and browsing: built pages in, the search index and the catalogue browser's index out."""
