"""The code keeps its shape: feature folders without import loops, short modules, no hidden imports.

The graph is read by tests/import_graph.py (run it to see the whole map); docs/architecture.md
explains the rules.
"""

import ast

from tests.import_graph import (
    FEATURES,
    MAX_LINES,
    build,
    feature_of,
    report,
    strongly_connected,
)


def test_no_import_cycle_spans_two_feature_folders():
    result = report()
    assert result["crossing"] == []


def test_the_graph_sees_a_cycle_that_would_cross_folders():
    # A check that cannot fail proves nothing: a fake edge back from the content model to the
    # contributions views closes a loop through the thin feedback route, and the graph must see it.
    files, graph, _ = build()
    graph["practices.contributions.models"].add("practices.models.pages")
    cycles = strongly_connected(graph, sorted(files))
    assert any(
        "practices.models.pages" in cycle and "practices.contributions.views" in cycle
        for cycle in cycles
    )


def test_every_module_is_in_a_feature_folder():
    files, _, _ = build()
    assert {module for module in files if feature_of(module) is None} == set()
    assert set(FEATURES) <= {feature_of(module) for module in files}


def test_no_module_is_much_over_400_lines():
    assert report()["long_files"] == {}, f"split modules over {MAX_LINES} lines"


def test_models_never_import_views_or_forms_at_import_time():
    files, _, _ = build()
    for module, path in files.items():
        if not module.endswith(".models") and ".models." not in module:
            continue
        tree = ast.parse(path.read_text())
        for node in tree.body:  # module level only
            if isinstance(node, ast.ImportFrom) and node.module:
                name = node.module.rsplit(".", 1)[-1]
                assert name not in {"views", "forms", "admin_views"}, (
                    f"{module} imports {node.module}"
                )


def test_every_import_inside_a_function_says_why():
    # AppConfig.ready is where Django says to import models and connect receivers.
    unexplained = []
    for module, line, target, path in report()["lazy"]:
        source = path.read_text().splitlines()
        tree = ast.parse("\n".join(source))
        in_ready = any(
            isinstance(node, ast.FunctionDef)
            and node.name == "ready"
            and node.lineno <= line <= node.end_lineno
            for node in ast.walk(tree)
        )
        commented = source[line - 2].strip().startswith("#") or "#" in source[line - 1]
        if not (in_ready or commented):
            unexplained.append(f"{module}:{line} -> {target}")
    assert unexplained == []
