"""Package names loaded on first use (PEP 562), for packages whose import must stay cheap.

``kyc_desk.sync`` and the internet-facing ``kyc_desk.sync.server`` re-export many names; importing one
submodule (the endpoint above all) must not import every other. A package lists where each public name
lives and sets ``__getattr__ = lazy_names(__name__, WHERE)``.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping
from typing import Any


def lazy_names(package: str, where: Mapping[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` that imports ``where[name]`` on first use and caches the value in ``package``."""

    def __getattr__(name: str) -> Any:
        module = where.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        setattr(sys.modules[package], name, value)
        return value

    return __getattr__
