"""Layer ids by name, remembered for the life of an open project.

Every action names its layer, and the store writes rows by the layer's id. A layer is
never renamed or removed, so once its row is committed its id holds for good; asking the
database each time cost an action one round trip to a team's server per mention. What
is remembered is forgotten as soon as the connection rolls anything back (a layer made
in a transaction that did not commit is gone), counted by ``Backend.rollbacks``.
"""

from __future__ import annotations

from annotator.core.model import GOLD_LAYER
from annotator.core.store.backend import Backend
from annotator.core.store.records import layer_name, now


class LayerIds:
    def __init__(self, db: Backend) -> None:
        self.db = db
        self._ids: dict[str, int] = {}
        self._rollbacks = db.rollbacks

    def ensure(self, name: str) -> int:
        """The id of layer ``name``, made (with its annotator) if missing."""
        name = layer_name(name)
        if self._rollbacks != self.db.rollbacks:
            self._ids.clear()
            self._rollbacks = self.db.rollbacks
        if name not in self._ids:
            self._ids[name] = self._read(name) or self._make(name)
        return self._ids[name]

    def _read(self, name: str) -> int | None:
        row = self.db.execute("SELECT id FROM layers WHERE name = ?", [name]).fetchone()
        return row[0] if row else None

    def _make(self, name: str) -> int:
        with self.db.atomic():
            if name == GOLD_LAYER:
                return self.db.execute("INSERT INTO layers (name, kind) VALUES (?, 'gold')", [name]).lastrowid
            self.db.execute("INSERT OR IGNORE INTO annotators (name, created_at) VALUES (?, ?)", [name, now()])
            annotator = self.db.execute("SELECT id FROM annotators WHERE name = ?", [name]).fetchone()[0]
            return self.db.execute("INSERT INTO layers (name, kind, annotator) VALUES (?, 'annotator', ?)",
                                   [name, annotator]).lastrowid
