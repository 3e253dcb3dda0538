"""Turn raw input into a Document (source text + ordered blocks)."""
