"""The project's import graph: cycles, and which feature folder depends on which (docs/architecture.md).

Every import counts, at module level or inside a function, so a cycle cannot hide in a function.
Run: python tests/import_graph.py   (exits 1 if a cycle spans two feature folders)
"""

# ruff: noqa: T201 -- a command-line report prints
import ast
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ["cms", "core", "demo", "home", "pagecache", "practices", "search"]
# Longest prefix wins: practices.reviews.views belongs to practices.reviews, practices.models.pages to practices.
FEATURES = [
    "cms",
    "core",
    "demo",
    "home",
    "search",
    "pagecache",
    "practices",
    "practices.api",
    "practices.contributions",
    "practices.documents",
    "practices.library",
    "practices.reviews",
]
# Data files: long by nature, not by tangled code.
DATA_FILES = {"demo/content.py"}
# "No module over ~400 lines": more than 420 fails.
MAX_LINES = 420


def module_files():
    for package in SOURCES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            relative = path.relative_to(ROOT).with_suffix("")
            parts = list(relative.parts)
            if parts[-1] == "__init__":
                parts.pop()
            yield ".".join(parts), path


def feature_of(module):
    return max(
        (f for f in FEATURES if module == f or module.startswith(f + ".")),
        key=len,
        default=None,
    )


def imports_of(module, path, known):
    """(imported module, line, whether inside a function) for each project import in the file."""
    tree = ast.parse(path.read_text(), str(path))
    is_package = path.name == "__init__.py"
    package = module if is_package else module.rpartition(".")[0]
    function_lines = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for child in ast.walk(node):
                if isinstance(child, ast.Import | ast.ImportFrom):
                    function_lines.add(child.lineno)
    for node in ast.walk(tree):
        targets = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                targets.append(candidate if candidate in known else base)
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != module:
                yield target, node.lineno, node.lineno in function_lines


def build():
    files = dict(module_files())
    graph = defaultdict(set)
    lazy = []
    for module, path in files.items():
        for target, line, in_function in imports_of(module, path, files):
            graph[module].add(target)
            if in_function:
                lazy.append((module, line, target, path))
    return files, graph, lazy


def strongly_connected(graph, nodes):
    """Tarjan's algorithm, iterative; components of more than one module are cycles."""
    index, low, on_stack, stack, components = {}, {}, set(), [], []
    counter = 0
    for root in nodes:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.add(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        components.append(sorted(component))
    return components


def report():
    files, graph, lazy = build()
    cycles = strongly_connected(graph, sorted(files))
    crossing = [c for c in cycles if len({feature_of(m) for m in c}) > 1]
    features = defaultdict(set)
    for module, targets in graph.items():
        for target in targets:
            if feature_of(module) != feature_of(target):
                features[feature_of(module)].add(feature_of(target))
    long_files = {
        str(path.relative_to(ROOT)): n
        for path in files.values()
        if (n := len(path.read_text().splitlines())) > MAX_LINES
        and str(path.relative_to(ROOT)) not in DATA_FILES
    }
    return {
        "modules": len(files),
        "edges": sum(len(t) for t in graph.values()),
        "cycles": cycles,
        "crossing": crossing,
        "features": {k: sorted(v) for k, v in sorted(features.items())},
        "lazy": lazy,
        "long_files": long_files,
    }


def main():
    result = report()
    print(f"{result['modules']} modules, {result['edges']} import edges")
    print(
        f"cycles: {len(result['cycles'])}, crossing a feature folder: {len(result['crossing'])}"
    )
    for cycle in result["cycles"]:
        print("  cycle:", " -> ".join(cycle))
    print("feature folders and what they import:")
    for feature, targets in result["features"].items():
        print(f"  {feature} -> {', '.join(targets)}")
    print("imports inside functions:")
    for module, line, target, _ in result["lazy"]:
        print(f"  {module}:{line} -> {target}")
    for name, n in result["long_files"].items():
        print(f"over {MAX_LINES} lines: {name} ({n})")
    return 1 if result["crossing"] or result["long_files"] else 0


if __name__ == "__main__":
    sys.exit(main())
