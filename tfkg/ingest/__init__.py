"""Ingestion sources: a registry from source name to the module that plans its writes.

Each module has ``SOURCE``, ``DEFAULT_PATHS`` (relative to the shared data folder) and
``plan(paths, **options) -> Plan``; adding a source is a new module plus a line here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from tfkg.ingest.base import Plan
from tfkg.registry import Registry


class Source(Protocol):
    """What a source module provides (a module is the object registered)."""

    SOURCE: str
    DEFAULT_PATHS: list[str]

    def plan(self, paths: list[Path], **options) -> Plan: ...


SOURCES: Registry[Source] = Registry(
    "source",
    {
        "trrust": "tfkg.ingest.trrust",
        "hgetgi": "tfkg.ingest.hgetgi",
        "disgenet": "tfkg.ingest.disgenet",
        "jaspar": "tfkg.ingest.jaspar",
        "dorothea_tfbs": "tfkg.ingest.dorothea_tfbs",
        "celloracle": "tfkg.ingest.celloracle",
        "motif_hits": "tfkg.ingest.motif_hits",
        "hgnc": "tfkg.ingest.hgnc",
        "mgi": "tfkg.ingest.mgi",
        "tf_families": "tfkg.ingest.tf_families",
        "dream4": "tfkg.ingest.dream4",
        "morphic": "tfkg.ingest.morphic",
        "beeline": "tfkg.ingest.beeline",
        "expression": "tfkg.ingest.expression",
        "collectri": "tfkg.ingest.collectri",
        "dorothea": "tfkg.ingest.dorothea",
        "de-table": "tfkg.ingest.de_table",
        "archs4": "tfkg.ingest.archs4",
        "encode_chip": "tfkg.ingest.encode_chip",
        "go": "tfkg.ingest.go",
        "pathwaycommons": "tfkg.ingest.pathwaycommons",
        "hcop": "tfkg.ingest.hcop",
        "genome": "tfkg.ingest.genome",
    },
)

# What `tfkg demo` and `benchmarks/ingest.py` load.
DEMO = ("trrust", "hgetgi", "disgenet", "jaspar")


def get(name: str) -> Source:
    return SOURCES.get(name)
