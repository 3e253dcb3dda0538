"""Input sources and output sinks."""
