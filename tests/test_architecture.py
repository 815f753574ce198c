"""The shape of the code, held by tests: small functions, no import cycle, the HTML
path independent of the Cleaner, every stage of the flow a module of its own."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "cleaner"
#: a function longer than this cannot be read in one sitting
MAX_FUNCTION_LINES = 90
#: radon's cyclomatic complexity above which a function is rewritten, not extended
MAX_COMPLEXITY = 30


def _modules() -> Iterator[tuple[str, Path, ast.Module]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE.parent).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__":
            parts.pop()
        yield ".".join(parts), path, ast.parse(path.read_text(encoding="utf-8"))


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(name: str, path: Path, tree: ast.Module, *, typing_too: bool) -> set[str]:
    """The ``cleaner`` modules a module imports, at any depth (lazy imports count)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child) and not typing_too:
                continue
            if isinstance(child, ast.Import):
                out.update(a.name for a in child.names if a.name.startswith("cleaner"))
            elif isinstance(child, ast.ImportFrom):
                if child.level:
                    base = package.split(".")
                    base = base[: len(base) - child.level + 1]
                    mod = ".".join([*base, child.module] if child.module else base)
                else:
                    mod = child.module or ""
                if mod.startswith("cleaner"):
                    out.add(mod)
                    out.update(f"{mod}.{a.name}" for a in child.names)
            visit(child)

    visit(tree)
    return out


def _graph(*, typing_too: bool = False) -> dict[str, set[str]]:
    mods = list(_modules())
    names = {m for m, _, _ in mods}
    return {m: {i for i in _imports(m, p, t, typing_too=typing_too) if i in names and i != m}
            for m, p, t in mods}


def test_no_function_is_longer_than_one_sitting() -> None:
    long = []
    for name, _, tree in _modules():
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                lines = node.end_lineno - node.lineno + 1  # type: ignore[operator]
                if lines > MAX_FUNCTION_LINES:
                    long.append(f"{name}.{node.name}: {lines} lines")
    assert long == []


def test_no_function_is_too_complex() -> None:
    from radon import complexity as radon
    heavy = []
    for name, path, _ in _modules():
        for block in radon.cc_visit(path.read_text(encoding="utf-8")):
            if block.complexity > MAX_COMPLEXITY:
                heavy.append(f"{name}.{block.fullname}: {block.complexity}")
    assert heavy == []


def test_no_import_cycle() -> None:
    graph = _graph()
    # a package importing its own submodules (``cleaner.stages`` -> ``.body``) is how a
    # package re-exports; a cycle through anything else is a knot
    def edges(m: str) -> set[str]:
        return {d for d in graph[m] if not d.startswith(m + ".")}

    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def walk(m: str, path: list[str]) -> None:
        state[m] = 1
        for d in sorted(edges(m)):
            if state.get(d) == 1:
                cycles.append([*path[path.index(d):], d] if d in path else [m, d])
            elif d not in state:
                walk(d, [*path, d])
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            walk(m, [m])
    assert cycles == []


def test_the_html_modules_know_nothing_of_the_cleaner() -> None:
    graph = _graph(typing_too=True)
    for mod in ("cleaner.html", "cleaner.html_meta"):
        assert "cleaner.core" not in graph[mod], mod


def test_the_rules_layer_does_not_reach_up_into_metadata() -> None:
    graph = _graph(typing_too=True)
    for mod, deps in graph.items():
        if mod.startswith(("cleaner.profiles", "cleaner.rules")):
            assert not {d for d in deps if d.startswith("cleaner.meta")}, mod


def test_every_stage_of_the_flow_is_a_module() -> None:
    for stage in ("line_rules", "structures", "body", "decide", "facts", "extracted",
                  "assemble"):
        assert (PACKAGE / "stages" / f"{stage}.py").is_file(), stage
