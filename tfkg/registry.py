"""One registry mechanism for every pluggable family: models, ingestion sources, protocols, datasets.

Entries are lazy ``"module:attribute"`` strings (or ``"module"`` for a module), so ``tfkg ingest`` never
imports torch and a reader sees every name in one table. Unknown names raise :class:`UnknownName`
(a ``KeyError``) that lists the known ones.
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib import import_module
from typing import Any, Generic, TypeVar

from tfkg.errors import UnknownName

T = TypeVar("T")

__all__ = ["Registry", "UnknownName"]


class Registry(Generic[T]):
    """A name -> lazily imported object table (``kind`` names the family in error messages)."""

    def __init__(self, kind: str, entries: dict[str, str]):
        self.kind = kind
        self._entries = dict(entries)

    def __contains__(self, name: object) -> bool:
        return name in self._entries

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def names(self) -> list[str]:
        return list(self._entries)

    def get(self, name: str) -> T:
        if name not in self._entries:
            raise UnknownName(f"unknown {self.kind} {name!r}; known: {', '.join(self._entries)}")
        module, _, attr = self._entries[name].partition(":")
        obj: Any = import_module(module)
        return getattr(obj, attr) if attr else obj

    def create(self, name: str, *args: Any, **kwargs: Any) -> Any:
        factory: Any = self.get(name)
        return factory(*args, **kwargs)
