"""The test suite's own shape: shared helpers come from tests/helpers.py and shared fixtures from
conftest.py, so no test module imports another (or conftest), and a fixture conftest defines is
never defined again with another meaning in a test module."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).parent
MODULES = sorted(TESTS.glob("test_*.py"))


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
        for path in [*MODULES, TESTS / "helpers.py", TESTS / "conftest.py"]
        for name in imported_modules(path)
        if name.startswith(("tests.test_", "tests.conftest", "test_", "conftest"))
    ]
    assert offenders == [], "move shared code to tests/helpers.py, fixtures to tests/conftest.py"


def test_a_conftest_fixture_is_not_defined_again_in_a_test_module() -> None:
    shared = fixtures(TESTS / "conftest.py")
    assert {"db", "bot", "pasuruan", "kamtibmas"} <= shared
    redefined = {path.name: shared & fixtures(path) for path in MODULES if shared & fixtures(path)}
    assert redefined == {}, "give the module's own fixture a name of its own"
