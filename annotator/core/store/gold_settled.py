"""When each adjudicated document's gold was settled: the documents whose gold status is
done, with the last time a reviewer marked it done (the ``set_status`` entry of the edit
log). A gold edit after that keeps the document adjudicated and does not move the time;
a document whose gold came done from an import has no such entry and takes its status's
time instead."""

from __future__ import annotations

from typing import TYPE_CHECKING

from annotator.core.model import GOLD_LAYER

if TYPE_CHECKING:
    from annotator.core.store.project import Project


def settled_documents(project: "Project") -> dict[int, str]:
    """Document key -> when its gold was settled (ISO 8601, UTC), for every adjudicated document."""
    rows = project.db.execute(
        """SELECT ds.document, coalesce(marked.at, ds.updated_at)
           FROM document_status ds JOIN layers l ON l.id = ds.layer
           LEFT JOIN (SELECT document, max(at) AS at FROM edit_log
                      WHERE action = 'set_status' AND layer = :gold AND json_extract(detail, '$.status') = 'done'
                      GROUP BY document) marked ON marked.document = ds.document
           WHERE l.name = :gold AND ds.status = 'done'""", {"gold": GOLD_LAYER})
    return dict(rows)
