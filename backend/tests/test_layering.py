"""The packages of `itaku` form layers: imports point downwards only.

Each domain has two layers. Its core (models, schemas, repository, service and their topic modules) may use the
cores of the domains below it; its HTTP layer (`endpoints.py`) composes: it may call any domain's service, and no
core module imports it. `core` is the floor, `identity` sits directly on it, and the application's assembly
(`api`, `main`, `cli`, `demo`, `models`, `spa`, `worker`) is the roof. These tests read the source (nothing is
imported), so a new cycle fails here with the files that make it, before it becomes an import error at start-up."""

import ast
import itertools
from collections import defaultdict
from pathlib import Path

PACKAGE_ROOT = Path(__file__).resolve().parents[1] / "itaku"
ASSEMBLY = {"api", "main", "cli", "demo", "models", "spa", "worker"}
HTTP_MODULES = {"endpoints"}


def _imports(path: Path) -> set[str]:
    """The `itaku.…` modules a file imports, at any depth of the file (function-level imports count too)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("itaku."):
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("itaku."))
    return found


def _modules() -> dict[str, Path]:
    """`itaku.<package>.<module>` → file, for every module below a package (the assembly modules excluded)."""
    found = {}
    for path in PACKAGE_ROOT.rglob("*.py"):
        parts = path.relative_to(PACKAGE_ROOT).with_suffix("").parts
        if len(parts) > 1:
            found[".".join(("itaku", *parts))] = path
    return found


def _package(module: str) -> str:
    return module.split(".")[1]


def _is_http(module: str) -> bool:
    return module.split(".")[-1] in HTTP_MODULES


def _core_graph() -> dict[str, dict[str, set[str]]]:
    """package → imported package → the files that make the edge, from the domains' core modules only."""
    graph: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for module, path in _modules().items():
        if _is_http(module):
            continue
        for target in _imports(path):
            package = _package(target)
            if package != _package(module) and package not in ASSEMBLY:
                graph[_package(module)][package].add(str(path.relative_to(PACKAGE_ROOT)))
    return graph


def _find_cycle(graph: dict[str, dict[str, set[str]]]) -> list[str] | None:
    state: dict[str, str] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = "open"
        stack.append(node)
        for nxt in sorted(graph.get(node, {})):
            if state.get(nxt) == "open":
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        stack.pop()
        state[node] = "done"
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_the_packages_import_each_other_without_a_cycle() -> None:
    graph = _core_graph()
    cycle = _find_cycle(graph)
    if cycle:
        edges = [f"{a} -> {b}: {', '.join(sorted(graph[a][b]))}" for a, b in itertools.pairwise(cycle)]
        raise AssertionError("import cycle between packages:\n" + "\n".join(edges))


def test_the_cycle_finder_names_a_cycle() -> None:
    # The check above would pass vacuously if the finder never found anything.
    graph = {"a": {"b": {"a/x.py"}}, "b": {"c": {"b/y.py"}}, "c": {"a": {"c/z.py"}}}
    assert _find_cycle(graph) == ["a", "b", "c", "a"]
    assert _find_cycle({"a": {"b": {"a/x.py"}}, "b": {}}) is None


def test_no_core_module_imports_the_http_layer_or_the_assembly() -> None:
    offending = [
        f"{path.relative_to(PACKAGE_ROOT)} imports {target}"
        for module, path in _modules().items()
        if not _is_http(module)
        for target in _imports(path)
        if _is_http(target) or _package(target) in ASSEMBLY
    ]
    assert offending == []


def test_core_and_identity_sit_below_every_domain() -> None:
    allowed = {"core": {"core"}, "identity": {"core", "identity"}}
    offending = [
        f"{path.relative_to(PACKAGE_ROOT)} imports {target}"
        for module, path in _modules().items()
        if _package(module) in allowed
        for target in _imports(path)
        if _package(target) not in allowed[_package(module)]
    ]
    assert offending == []


def test_the_pure_rule_modules_touch_no_database() -> None:
    """STYLE: regulation and risk are values in, values out."""
    pure = [m for m in _modules() if _package(m) in {"regulation", "risk"} and not _is_http(m)]
    assert pure, "the rule modules moved: update this test"
    offending = [
        f"{m} imports {target}"
        for m in pure
        for target in _imports(_modules()[m])
        if target.split(".")[-1] in {"db", "repository", "models", "service"}
    ]
    assert offending == []


def test_every_entry_point_keeps_the_calendar_in_step() -> None:
    """monitoring.calendar.follow_the_register is called by the assembly, not by importing a module: each entry point
    that writes (the app, the command line with the worker and the demo) must call it."""
    for entry in ("main.py", "cli.py"):
        assert "calendar.follow_the_register()" in (PACKAGE_ROOT / entry).read_text(encoding="utf-8"), entry
