"""The import graph of the packages: no circles (imports inside functions count too; only
``TYPE_CHECKING`` imports are exempt) and no private name used across modules."""

import ast
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGES = ("kaitei", "corpus", "diffing", "renderer", "templates")


def modules() -> dict[str, Path]:
    out = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return out


MODULES = modules()


def _type_checking_blocks(tree: ast.AST) -> set[int]:
    """ids of the nodes under ``if TYPE_CHECKING:``."""
    exempt = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                exempt.update(id(n) for n in ast.walk(child))
    return exempt


def imports(name: str) -> list[tuple[str, list[str], int]]:
    """(module imported, names taken from it, line) for every import statement of module ``name``."""
    path = MODULES[name]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    exempt = _type_checking_blocks(tree)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out = []
    for node in ast.walk(tree):
        if id(node) in exempt:
            continue
        if isinstance(node, ast.Import):
            out += [(alias.name, [], node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                out.append((sub, [], node.lineno) if sub in MODULES else (base, [alias.name], node.lineno))
    return [(target, names, line) for target, names, line in out if target.split(".")[0] in PACKAGES]


def graph() -> dict[str, set[str]]:
    return {name: {target for target, _, _ in imports(name) if target in MODULES and target != name} for name in MODULES}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan, iteratively)."""
    index, low, on_stack, stack, found = {}, {}, set(), [], []
    counter = 0
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    found.append(sorted(group))
    return found


def test_the_graph_sees_the_packages():
    edges = graph()
    assert {"kaitei.cli", "corpus.store", "diffing.compare", "renderer.site"} <= set(edges)
    assert "corpus.model" in edges["diffing.compare"]  # an import at the top
    assert "kaitei.workflow" in edges["kaitei.commands.common"]


def test_no_import_circles():
    assert cycles(graph()) == []


def test_a_circle_is_found():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_data_flows_one_way():
    """corpus → diffing → renderer → kaitei: no layer imports one above it."""
    order = {"corpus": 0, "templates": 0, "diffing": 1, "renderer": 2, "kaitei": 3}
    wrong = [
        (name, target)
        for name, targets in graph().items()
        for target in targets
        if order[target.split(".")[0]] > order[name.split(".")[0]]
    ]
    assert wrong == []


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_private_name_across_modules(name):
    path = MODULES[name]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    private = [
        f"{target}.{n} (line {line})"
        for target, names, line in imports(name)
        for n in names
        if n.startswith("_") and not n.startswith("__")
    ]
    modules_bound = {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, (ast.Import, ast.ImportFrom))
        for alias in node.names
        if (isinstance(node, ast.Import) and alias.name.split(".")[0] in PACKAGES)
        or (isinstance(node, ast.ImportFrom) and f"{node.module}.{alias.name}" in MODULES)
    }
    private += [
        f"{node.value.id}.{node.attr} (line {node.lineno})"
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id in modules_bound
        and node.attr.startswith("_")
        and not node.attr.startswith("__")
    ]
    assert private == []
