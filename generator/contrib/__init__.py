"""Contributor tools over the content: new-file templates, safe fixes, issue forms and the issue
reader, the field guide, spreadsheet import, show and preview, the region registry and the
synthetic catalogue."""
