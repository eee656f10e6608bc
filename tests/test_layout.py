"""The test suite's own shape: shared helpers come from a helpers.py and shared fixtures from a
conftest.py (tests/ and tests/cli/), so no test module imports another (or a conftest), and every
fixture name has one meaning: it is defined in one place only."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).parent
MODULES = sorted(TESTS.rglob("test_*.py"))
SHARED = sorted([*TESTS.rglob("helpers.py"), *TESTS.rglob("conftest.py")])


def imported_modules(path: Path) -> list[str]:
    """Every module `path` imports, anywhere in the file, as an absolute dotted name."""
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:  # relative to the tests package
                module = ".".join(filter(None, ["tests", module]))
            names.append(module)
            names += [f"{module}.{alias.name}" for alias in node.names]
    return names


def fixtures(path: Path) -> set[str]:
    """The names of the fixtures `path` defines at module level."""
    found = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for decorator in node.decorator_list:
            call = decorator if isinstance(decorator, ast.Call) else None
            target = call.func if call else decorator
            if ast.unparse(target) not in ("pytest.fixture", "fixture"):
                continue
            named = [k.value for k in (call.keywords if call else []) if k.arg == "name"]
            found.add(named[0].value if named and isinstance(named[0], ast.Constant) else node.name)
    return found


def test_no_test_module_imports_another_or_conftest() -> None:
    assert len(MODULES) > 20
    offenders = [
        (path.name, name)
        for path in [*MODULES, *SHARED]
        for name in imported_modules(path)
        if any(part.startswith(("test_", "conftest")) for part in name.split("."))
    ]
    assert offenders == [], "move shared code to tests/helpers.py, fixtures to tests/conftest.py"


def test_every_fixture_name_is_defined_in_one_place() -> None:
    shared = fixtures(TESTS / "conftest.py")
    assert {"db", "bot", "pasuruan"} <= shared
    places: dict[str, list[str]] = {}
    for path in [*MODULES, *SHARED]:
        for name in fixtures(path):
            places.setdefault(name, []).append(str(path.relative_to(TESTS)))
    twice = {name: where for name, where in places.items() if len(where) > 1}
    assert twice == {}, "give the module's own fixture a name of its own"
