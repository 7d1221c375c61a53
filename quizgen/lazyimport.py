"""Modules a dependency imports but a build never uses, imported only if something reads from them.

genanki imports PyYAML (for note types given as YAML text), chevron (to work out which fields a card
needs) and, through cached_property, asyncio (for cached coroutines); quizgen passes lists and fills
genanki's cached properties itself, so none is used. Importing them took about 40 ms of CPU in every
process that writes a deck (chevron 0.5 ms of it).
While genanki is imported, each of them not yet imported is a stand-in that imports the real module
the first time an attribute is read from it; afterwards `import yaml` anywhere imports it as usual.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType

UNUSED_BY_GENANKI = ("yaml", "asyncio", "chevron")


class _OnFirstUse(ModuleType):
    """Stands for module `__name__` where it was imported; imports the real one when it is used."""

    def __getattr__(self, attr: str) -> object:
        if sys.modules.get(self.__name__) is self:
            del sys.modules[self.__name__]
        return getattr(importlib.import_module(self.__name__), attr)


@contextmanager
def deferred(*names: str) -> Iterator[None]:
    """Within the block, importing one of `names` (not yet imported) gives a stand-in (see _OnFirstUse)."""
    placed = [name for name in names if name not in sys.modules]
    for name in placed:
        sys.modules[name] = _OnFirstUse(name)
    try:
        yield
    finally:
        for name in placed:
            if isinstance(sys.modules.get(name), _OnFirstUse):
                del sys.modules[name]


def import_genanki() -> ModuleType:
    """genanki, without importing the PyYAML, asyncio and chevron it does not need here."""
    with deferred(*UNUSED_BY_GENANKI):
        import genanki

    return genanki
