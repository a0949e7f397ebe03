"""The layers of the code point one way, and the folders say which layer a file is in.

- `helpline/` (the core shared by the Rasa server, the action server and the dashboard) never imports the
  Rasa project's code (`bot/`), the dashboard, a channel, the actions or an entry point: they build on it,
  not the other way round (the old circle helpline/store/db.py -> migrate.py -> dashboard/tables.py -> db.py).
- Inside it: `settings/` (configuration, crypto, logs, clock) imports nothing else of the helpline; the
  content (texts, directory, hours: the modules outside the four folders) builds on `settings/` only;
  `store/` (persistence) never imports `jobs/` or `rasa_ext/`; `jobs/` and `rasa_ext/` never import each
  other.
- No product package imports `service/` (the entry points) or `scripts/` (benchmarks and tools).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
UPPER_LAYERS = ("bot", "dashboard", "channels", "actions", "service", "scripts")
PRODUCT = ("helpline", "bot", "channels", "actions", "dashboard", "migrations")
FOLDERS = ("settings", "store", "jobs", "rasa_ext")
# What each part of helpline/ must not import ("content": every module outside the four folders).
NEVER = {
    "settings": {"content", "store", "jobs", "rasa_ext"},
    "content": {"store", "jobs", "rasa_ext"},
    "store": {"jobs", "rasa_ext"},
    "jobs": {"rasa_ext"},
    "rasa_ext": {"jobs"},
}


def _imports(path: Path) -> set[str]:
    """Every absolute module a file imports, at its top or inside a function (`from a import b` -> a.b)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def _part(dotted: str) -> str | None:
    """The part of helpline/ a module (`helpline.store.db`) or file path is in; None outside helpline/."""
    names = dotted.split(".")
    if names[0] != "helpline" or len(names) < 2:
        return None
    return names[1] if names[1] in FOLDERS else "content"


def _modules(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


def _packages(path: Path) -> set[str]:
    return {name.split(".")[0] for name in _imports(path)}


def test_no_helpline_module_imports_an_upper_layer() -> None:
    offenders = {
        str(path.relative_to(ROOT)): sorted(_packages(path) & set(UPPER_LAYERS))
        for path in _modules("helpline")
    }
    assert not {path: names for path, names in offenders.items() if names}


def test_the_parts_of_helpline_point_one_way() -> None:
    offenders = {}
    for path in _modules("helpline"):
        relative = path.relative_to(ROOT)
        if relative.name == "__init__.py" and len(relative.parts) == 2:
            continue  # helpline/__init__.py
        part = _part(".".join(relative.with_suffix("").parts))
        wrong = sorted(name for name in _imports(path) if _part(name) in NEVER[part])
        if wrong:
            offenders[str(relative)] = wrong
    assert not offenders


def test_no_product_package_imports_an_entry_point_or_a_tool() -> None:
    offenders = {
        str(path.relative_to(ROOT)): sorted(_packages(path) & {"service", "scripts"})
        for package in PRODUCT
        for path in _modules(package)
    }
    assert not {path: names for path, names in offenders.items() if names}


def test_the_migrations_see_every_table_without_the_dashboard() -> None:
    code = (
        "import sys\n"
        "from helpline.store.db import load_all_tables\n"
        "tables = set(load_all_tables().tables)\n"
        "assert {'sessions', 'rate_limits', 'handoffs', 'users'} <= tables, tables\n"
        "assert not any(name.split('.')[0] == 'dashboard' for name in sys.modules), 'dashboard imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env={"PYTHONPATH": str(ROOT)}, check=True)
