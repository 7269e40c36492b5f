"""The import rules that import-linter cannot state (it reads packages, not top-level modules), and no cycles.

pyproject.toml's contracts hold the layers inside `piimask`; `.ci/run` checks them with `lint-imports`.
"""

from __future__ import annotations

import ast
from pathlib import Path

import grimp

from tests.helpers import ROOT

TOP_LEVEL = ("main", "service", "worker", "worker_models", "task_processor", "crypto")
WORKER_SIDE = {"worker", "worker_models", "task_processor"}


def imported_names(path: Path) -> set[str]:
    """Every module an import statement anywhere in the file names (functions' late imports included)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def top_level_imports(path: Path) -> set[str]:
    return {name for name in imported_names(path) if name in TOP_LEVEL}


def piimask_imports(path: Path) -> set[str]:
    return {name for name in imported_names(path) if name == "piimask" or name.startswith("piimask.")}


def closure(graph: grimp.ImportGraph, modules: set[str]) -> set[str]:
    """The piimask modules that `modules` import, directly or not."""
    found = set(modules)
    for module in modules:
        if module in graph.modules:
            found |= graph.find_upstream_modules(module)
    return found


def test_the_service_never_imports_the_worker_side_nor_the_reverse():
    graph = grimp.build_graph("piimask")
    service = top_level_imports(ROOT / "service.py")
    assert not service & WORKER_SIDE, service
    for name in WORKER_SIDE:
        assert "service" not in top_level_imports(ROOT / f"{name}.py"), name
    # ...nor through the engine package: piimask imports no top-level module but the crypto manager, and only its
    # local tooling does that (`up` makes the keyring; mask-file holds its own crypto manager).
    for path in (ROOT / "piimask").rglob("*.py"):
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        allowed = {"crypto"} if module.startswith("piimask.local") else set()
        assert top_level_imports(path) <= allowed, module
    # The service's model stack never holds the training code either.
    assert not any(m.startswith("piimask.training") for m in closure(graph, piimask_imports(ROOT / "service.py")))
    for name in WORKER_SIDE:
        assert not any(m.startswith("piimask.training") for m in closure(graph, piimask_imports(ROOT / f"{name}.py")))


def test_no_module_of_the_package_is_in_an_import_cycle():
    graph = grimp.build_graph("piimask")
    cycles = []
    for importer in sorted(graph.modules):
        for imported in sorted(graph.find_modules_directly_imported_by(importer)):
            back = graph.find_shortest_chain(importer=imported, imported=importer)
            if back:
                cycles.append(" -> ".join((importer, *back)))
    assert not cycles, "\n".join(cycles)
