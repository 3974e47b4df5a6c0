"""An import-linter contract type the built-in ones cannot express: "only these modules import X.Y".

import-linter sees an external package only as its top-level name (``cryptography``), so its
``forbidden`` contract cannot tell ``cryptography.hazmat`` (pyca's dangerous primitives) from
``cryptography.x509`` (one of its recipes). This contract asks the import graph which modules import the
external package at all, then reads those modules' import statements to see which of them reach into the
named subpackage. pyproject.toml registers it (``contract_types``); lint-imports runs from the
repository root, so ``tests.lint.contracts`` is importable there.
"""

from __future__ import annotations

import ast
import importlib.util
from pathlib import Path

from grimp import ImportGraph
from importlinter import Contract, ContractCheck, fields, output
from importlinter.domain.helpers import module_expressions_to_modules


class ExternalSubpackageContract(Contract):
    """Only ``allowed_importers`` (and their descendants) may import ``subpackage`` of an external package.

    Options:
        - subpackage: the dotted name, e.g. ``cryptography.hazmat``.
        - allowed_importers: module expressions; each counts as a package (its descendants are allowed too).
    """

    type_name = "external_subpackage"

    subpackage = fields.StringField()
    allowed_importers = fields.SetField(subfield=fields.ModuleExpressionField())

    def check(self, graph: ImportGraph, verbose: bool) -> ContractCheck:
        if str(self.session_options.get("include_external_packages", "")).lower() != "true":
            raise ValueError(f"{self.name!r} needs include_external_packages = true, or it would pass unchecked")
        top = self.subpackage.split(".")[0]
        allowed = {m.name for m in module_expressions_to_modules(graph, self.allowed_importers, as_packages=True)}
        importers = graph.find_modules_that_directly_import(top) if top in graph.modules else set()
        violations = [
            {"importer": importer, "line_number": line, "imported": name}
            for importer in sorted(importers - allowed)
            for line, name in _imports_of(_source_file(importer), self.subpackage)
        ]
        return ContractCheck(kept=not violations, metadata={"violations": violations})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for violation in check.metadata["violations"]:
            output.print_error(
                f"{violation['importer']} -> {violation['imported']} (l.{violation['line_number']})", bold=False
            )
            output.new_line()


def _source_file(module: str) -> Path:
    """The file of an internal module, found from its top-level package without importing anything."""
    root, *rest = module.split(".")
    spec = importlib.util.find_spec(root)
    if spec is None or not spec.submodule_search_locations:
        raise ValueError(f"cannot locate the package {root!r}")
    base = Path(next(iter(spec.submodule_search_locations))).joinpath(*rest)
    return base / "__init__.py" if base.is_dir() else base.with_suffix(".py")


def _imports_of(path: Path, subpackage: str) -> list[tuple[int, str]]:
    """(line, dotted name) for every import statement in ``path`` that reaches ``subpackage`` or below it."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        for name in names:
            if name == subpackage or name.startswith(subpackage + "."):
                found.append((node.lineno, name))
                break
    return found
