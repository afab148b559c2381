"""Two reviewers on one team server deciding the same unit: the second is told it was
settled meanwhile, by whom and how, and nothing of theirs is stored; never a silent
overwrite, even when both decide at the same moment."""

from __future__ import annotations

import threading
import time

import pytest

from annotator.core import adjudicate
from annotator.core.errors import DecidedMeanwhile
from annotator.core.ingest import DocumentInput, LayerInput, SpanInput, import_documents
from annotator.core.store import Project

TEXT = "قال الوزير إن الميزانية ستُقر غداً."


@pytest.fixture
def disputed(project_location):
    """One document where mona and karim mark the same claim with different stances."""
    with Project.open(project_location) as project:
        for name, stance in (("mona", "FAVOR"), ("karim", "AGAINST")):
            claim = SpanInput(ref="c", start=11, end=34, label="CLAIM", attrs={"stance": stance})
            import_documents(project, [DocumentInput(text=TEXT, path="a.txt", id="a",
                                                     layer=LayerInput(name, spans=(claim,)))])
        unit = adjudicate.line_up(project, 1)[0]
    return project_location, unit.key


def gold(location) -> list[dict]:
    with Project.open(location) as project:
        return [span.attrs for span in project.spans(1, "gold")]


def test_the_second_reviewer_is_told_who_settled_the_unit_and_nothing_of_theirs_is_stored(disputed):
    location, unit = disputed
    with Project.open(location) as huda, Project.open(location) as omar:
        adjudicate.line_up(omar, 1)  # omar has the unit on screen, unsettled
        adjudicate.pick(huda, 1, unit, "mona", by="huda")
        with pytest.raises(DecidedMeanwhile, match=r"already settled \(picked by huda\)"):
            adjudicate.pick(omar, 1, unit, "karim", by="omar")
        assert not omar.db.in_transaction
    assert gold(location) == [{"stance": "FAVOR"}]


def test_decisions_at_the_same_moment_are_taken_one_after_the_other(disputed):
    """huda's decision is still open when omar decides: omar's waits for it, then is refused.
    (On a server; a project file has one writer at a time, so it cannot happen there.)"""
    location, unit = disputed
    if not isinstance(location, str):
        return
    outcome: dict[str, object] = {}
    with Project.open(location) as huda, Project.open(location) as omar:
        def omar_decides() -> None:
            try:
                adjudicate.pick(omar, 1, unit, "karim", by="omar")
                outcome["omar"] = "stored"
            except DecidedMeanwhile as refused:
                outcome["omar"] = str(refused)

        with huda.transaction():
            adjudicate.pick(huda, 1, unit, "mona", by="huda")
            other = threading.Thread(target=omar_decides)
            other.start()
            time.sleep(0.5)  # omar's decision is under way while huda's is not yet committed
        other.join(timeout=10)
    assert str(outcome.get("omar")).startswith("this unit is already settled (picked by huda)")
    assert gold(location) == [{"stance": "FAVOR"}]
