"""tfkg: a Neo4j-backed knowledge platform for transcription-factor regulation."""

__version__ = "0.1.0"
