"""The persistence and core layer (`helpline/`) never imports the dashboard or a channel: they build on it,
not the other way round (the old circle helpline/db.py -> migrate.py -> dashboard/tables.py -> db.py)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
UPPER_LAYERS = ("dashboard", "channels", "actions")


def _imported_packages(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def test_no_helpline_module_imports_an_upper_layer() -> None:
    offenders = {
        str(path.relative_to(ROOT)): sorted(_imported_packages(path) & set(UPPER_LAYERS))
        for path in sorted((ROOT / "helpline").rglob("*.py"))
    }
    assert not {path: names for path, names in offenders.items() if names}


def test_the_migrations_see_every_table_without_the_dashboard() -> None:
    code = (
        "import sys\n"
        "from helpline.migrate import load_all_tables\n"
        "tables = set(load_all_tables().tables)\n"
        "assert {'sessions', 'rate_limits', 'handoffs', 'users'} <= tables, tables\n"
        "assert not any(name.split('.')[0] == 'dashboard' for name in sys.modules), 'dashboard imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env={"PYTHONPATH": str(ROOT)}, check=True)
