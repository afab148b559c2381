"""Only the store speaks SQL (issue 17): no module outside ``annotator/core/store/`` imports
a database library, runs a statement, reaches for the store's connection, or calls a
private member of a project. Read from the source, so a new way around fails here."""

from __future__ import annotations

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "annotator"
STORE = PACKAGE / "core" / "store"
TRESPASSES = {
    "imports a database library": re.compile(r"^\s*(import|from)\s+(sqlite3|sqlite_utils|psycopg)\b", re.M),
    "runs SQL": re.compile(r"\.execute(many)?\(|\bPRAGMA\b|\bSELECT\b.+\bFROM\b"),
    "reaches the store's connection": re.compile(r"\bproject\.db\b|\.db\.conn\b|\bself\.project\.db\b"),
    "calls a private member of a project": re.compile(r"\bproject\._[a-z]\w*"),
}


def trespasses(root: Path, store: Path) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.py")):
        if store in path.parents:
            continue
        source = path.read_text(encoding="utf-8")
        for what, pattern in TRESPASSES.items():
            for match in pattern.finditer(source):
                line = source.count("\n", 0, match.start()) + 1
                found.append(f"{path.relative_to(root.parent)}:{line} {what}: {match.group(0).strip()}")
    return found


def test_nothing_outside_the_store_speaks_sql():
    assert trespasses(PACKAGE, STORE) == []


def test_the_check_notices_a_trespass(tmp_path):
    package = tmp_path / "annotator"
    (package / "core" / "store").mkdir(parents=True)
    (package / "core" / "store" / "project.py").write_text("import sqlite3\n", encoding="utf-8")
    (package / "ui").mkdir()
    (package / "ui" / "panel.py").write_text(
        "def names(project):\n    return project.db.execute('SELECT name FROM layers')\n", encoding="utf-8")
    found = trespasses(package, package / "core" / "store")
    assert [f.split(" ", 1)[1].split(":")[0] for f in found] == [
        "runs SQL", "runs SQL", "reaches the store's connection"], found
    assert all(f.startswith("annotator/ui/panel.py:2 ") for f in found)
