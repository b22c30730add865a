"""Open data: a checked catalogue in, JSON with its schema, CSV tables and Atom feeds out."""
