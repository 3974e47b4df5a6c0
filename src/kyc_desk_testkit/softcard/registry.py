"""Card builders by name, so a software card can be asked for by kind (``serve --card mynumber``).

A card developer registers a builder once, at import of their builder module::

    from kyc_desk_testkit.softcard.registry import register_card_builder

    def build(persona: Persona) -> SoftCard: ...
    register_card_builder("mynumber", build)

Builder modules are found by :func:`discover`, which imports every public module of the packages
``kyc_desk_testkit.softcard`` and ``kyc_desk_testkit.softcard.builders``: putting the module there is enough.
A module that fails to import is remembered and named in the error when a kind is missing, rather than
hiding the cause.
"""

from __future__ import annotations

import importlib
import logging
import pkgutil
from collections.abc import Callable
from typing import Final

from kyc_desk.cards.errors import CardStackError
from kyc_desk_testkit.softcard.engine import SoftCard
from kyc_desk_testkit.softcard.persona import Persona, demo_personas

log = logging.getLogger(__name__)

CardBuilder = Callable[[Persona], SoftCard]
_BUILDERS: dict[str, CardBuilder] = {}
_IMPORT_FAILURES: dict[str, str] = {}
_DISCOVERED = False
_PACKAGES: Final = ("kyc_desk_testkit.softcard", "kyc_desk_testkit.softcard.builders")
_NOT_BUILDERS: Final = frozenset({"serve", "registry"})


class UnknownCardKind(CardStackError):
    """No builder is registered for the software-card kind asked for."""

    default_ja = "指定された種類のテスト用カードはありません。"


def register_card_builder(kind: str, build: CardBuilder) -> None:
    """Make ``kind`` buildable; registering the same kind twice with another builder is an error."""
    existing = _BUILDERS.get(kind)
    if existing is not None and existing is not build:
        raise ValueError(f"a card builder for {kind!r} is already registered")
    _BUILDERS[kind] = build


def discover() -> None:
    """Import the builder modules once (see the module docstring)."""
    global _DISCOVERED
    if _DISCOVERED:
        return
    _DISCOVERED = True
    for package_name in _PACKAGES:
        package = importlib.import_module(package_name)
        for info in pkgutil.iter_modules(package.__path__):
            if info.name.startswith("_") or info.name in _NOT_BUILDERS or info.ispkg:
                continue
            name = f"{package_name}.{info.name}"
            try:
                importlib.import_module(name)
            except Exception as exc:  # a colleague's half-written module must not hide the others
                _IMPORT_FAILURES[name] = f"{type(exc).__name__}: {exc}"
                log.warning("software-card module %s failed to import: %s", name, type(exc).__name__)


def card_kinds() -> list[str]:
    """The registered kinds, sorted."""
    discover()
    return sorted(_BUILDERS)


def build_card(kind: str, persona: Persona | str = "taro") -> SoftCard:
    """A fresh software card of ``kind`` for ``persona`` (a Persona or a demo persona's id)."""
    discover()
    build = _BUILDERS.get(kind)
    if build is None:
        failures = "; ".join(f"{m} ({e})" for m, e in sorted(_IMPORT_FAILURES.items()))
        raise UnknownCardKind(
            f"no software card {kind!r}; known: {', '.join(sorted(_BUILDERS)) or 'none'}"
            + (f"; modules that failed to import: {failures}" if failures else "")
        )
    if isinstance(persona, str):
        personas = demo_personas()
        if persona not in personas:
            raise UnknownCardKind(f"no demo persona {persona!r}; known: {', '.join(sorted(personas))}")
        persona = personas[persona]
    return build(persona)
