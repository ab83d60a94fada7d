"""The import graph of helpers/, imports inside functions included: no circle, and no layer imports a higher
one (the rule of helpers/__init__.py)."""

from __future__ import annotations

import ast

from tests.conftest import ROOT

HELPERS = ROOT / "helpers"

# helpers/__init__.py's layers, lowest first; a module not named here is a model (one per notebook topic).
LAYERS = {"data": 0, "params": 1, "analysis": 3, "scenarios": 4, "style": 5, "charts": 6, "exercises": 6,
          "whatif": 7}
MODEL_LAYER = 2


def _name(path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, object]:
    return {_name(p): p for p in sorted(HELPERS.rglob("*.py"))}


def _resolve(importer: str, is_package: bool, node: ast.ImportFrom, known) -> list[str]:
    if node.level:
        base = importer.split(".") if is_package else importer.split(".")[:-1]
        base = base[: len(base) - (node.level - 1)]
        prefix = ".".join(base + ([node.module] if node.module else []))
    else:
        prefix = node.module or ""
    found = []
    for alias in node.names:
        full = f"{prefix}.{alias.name}"
        found.append(full if full in known else prefix)
    return [f for f in found if f in known]


def import_graph() -> dict[str, set[str]]:
    known = _modules()
    graph = {m: set() for m in known}
    for module, path in known.items():
        is_package = path.name == "__init__.py"
        for node in ast.walk(ast.parse(path.read_text())):  # every import, at any depth
            if isinstance(node, ast.ImportFrom):
                graph[module].update(_resolve(module, is_package, node, known))
            elif isinstance(node, ast.Import):
                graph[module].update(a.name for a in node.names if a.name in known)
        graph[module].discard(module)
    return graph


def _cycle(graph) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(n):
        state[n] = 1
        stack.append(n)
        for m in sorted(graph[n]):
            if state.get(m) == 1:
                return stack[stack.index(m):] + [m]
            if m not in state and (found := visit(m)):
                return found
        stack.pop()
        state[n] = 2
        return None

    for n in sorted(graph):
        if n not in state and (found := visit(n)):
            return found
    return None


def _layer(module: str) -> int:
    parts = module.split(".")
    return LAYERS.get(parts[1], MODEL_LAYER) if len(parts) > 1 else -1


def test_the_import_graph_has_no_circle():
    graph = import_graph()
    assert graph["helpers.risks"] and graph["helpers.charts.revenue_mix"]  # the graph is read
    assert _cycle(graph) is None, " -> ".join(_cycle(graph))


def test_no_layer_imports_a_higher_one():
    upward = sorted(f"{a} imports {b}" for a, deps in import_graph().items() for b in deps
                    if _layer(b) > _layer(a) and not (a.startswith("helpers.exercises") and b == "helpers.exercises"))
    assert not upward, upward


def test_the_checks_can_fail():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None
    assert _layer("helpers.data") < _layer("helpers.risks") < _layer("helpers.scenarios") < _layer("helpers.whatif")
