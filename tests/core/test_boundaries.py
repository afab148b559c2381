"""Moving a span's boundaries in place (issue 18, item 1): the span keeps its id, label,
attributes and links; the move is one store call, saved at once and undone as one; a
boundary never lands inside a grapheme cluster, and an empty or inverted span is refused
with nothing changed. The steps a key makes (a letter, a word) are tested on our own
Arabic sentences."""

from __future__ import annotations

import pytest

from annotator.core.boundaries import END, START, moved, next_word_stop, snapped
from annotator.core.errors import ValidationError
from annotator.core.ingest import DocumentInput, import_documents
from annotator.core.session import DocumentSession
from annotator.core.store import Project

# A speaker that took the comma after it, and a claim in guillemets with its full stop.
TEXT = "قال نائبُ الوزيرِ الجديد، إنَّ «الخطة جاهزة». ثم غادر."


def words(phrase: str) -> tuple[int, int]:
    start = TEXT.index(phrase)
    return start, start + len(phrase)


@pytest.fixture
def session(project_location):
    path = project_location
    with Project.open(path) as project:
        import_documents(project, [DocumentInput(text=TEXT, path="a.txt", id="a")])
    project = Project.open(path, writer=True)
    yield DocumentSession(project, 1, "mona")
    project.close()


def in_the_file(session: DocumentSession) -> tuple[dict, list]:
    """What another process reads from a fresh open: each span's offsets, label and
    attributes, and the links."""
    with Project.open(session.project.path, read_only=True) as reader:
        spans = {s.id: (TEXT[s.start:s.end], s.label, s.attrs) for s in reader.spans(1, "mona")}
        links = [(r.type, r.head, r.child) for r in reader.relations(1, "mona")]
    return spans, links


@pytest.fixture
def linked(session):
    """A speaker with its comma, named; a claim of it with its stance, tied by SAID_BY."""
    speaker = session.label(*words("نائبُ الوزيرِ الجديد،"), "SPEAKER").changes.spans_added[0]
    session.set_attribute(speaker.id, "entity", "نائب الوزير")
    claim = session.label(*words("«الخطة جاهزة»."), "CLAIM").changes.spans_added[0]
    session.set_attribute(claim.id, "stance", "FAVOR")
    session.link("SAID_BY", claim.id, speaker.id)
    return session.spans[speaker.id], session.spans[claim.id]


def test_moving_the_end_keeps_id_label_attributes_and_links_and_is_in_the_file(session, linked):
    speaker, claim = linked
    edit = session.resize(speaker.id, *words("نائبُ الوزيرِ الجديد"))
    assert edit.changes.spans_changed[0].id == speaker.id
    spans, links = in_the_file(session)
    assert spans[speaker.id] == ("نائبُ الوزيرِ الجديد", "SPEAKER", {"entity": "نائب الوزير"})
    assert links == [("SAID_BY", claim.id, speaker.id)]
    assert session.spans[speaker.id].end == words("نائبُ الوزيرِ الجديد")[1]
    assert session.links_of(speaker.id)[0].head == claim.id


def test_undo_and_redo_of_a_move_go_through_the_file(session, linked):
    speaker, _ = linked
    edit = session.resize(speaker.id, *words("الوزيرِ الجديد"))
    session.undo(edit)
    assert in_the_file(session)[0][speaker.id][0] == "نائبُ الوزيرِ الجديد،"
    assert session.spans[speaker.id].start == words("نائبُ")[0]
    session.redo(edit)
    assert in_the_file(session)[0][speaker.id][0] == "الوزيرِ الجديد"


def test_a_move_may_overlap_the_next_span(session, linked):
    speaker, claim = linked
    session.resize(speaker.id, words("نائبُ")[0], words("«الخطة")[1])
    spans, _ = in_the_file(session)
    assert spans[speaker.id][0] == "نائبُ الوزيرِ الجديد، إنَّ «الخطة"
    assert spans[claim.id][0] == "«الخطة جاهزة»."


@pytest.mark.parametrize("inside", ["نائبُ", "الوزيرِ", "إنَّ", "إنَّ"[:-1]])
def test_a_boundary_between_a_letter_and_its_harakat_is_refused_and_nothing_changes(session, linked, inside):
    speaker, claim = linked
    seen = []
    session.subscribe(seen.append)
    before = in_the_file(session)
    inside_the_cluster = words(inside)[1] - 1  # before a haraka, after its letter
    with pytest.raises(ValidationError, match="inside a character"):
        session.resize(speaker.id, speaker.start, inside_the_cluster)
    with pytest.raises(ValidationError, match="inside a character"):
        session.resize(claim.id, inside_the_cluster, claim.end)
    assert in_the_file(session) == before and seen == []
    assert (session.spans[speaker.id], session.spans[claim.id]) == linked


@pytest.mark.parametrize("end_at_start", [0, -1])
def test_an_empty_or_inverted_span_is_refused_with_a_clear_reason(session, linked, end_at_start):
    speaker, _ = linked
    before = in_the_file(session)
    with pytest.raises(ValidationError, match="start would reach or pass its end"):
        session.resize(speaker.id, speaker.start, speaker.start + end_at_start)
    assert in_the_file(session) == before


def test_a_move_to_where_the_span_is_is_no_edit(session, linked):
    speaker, _ = linked
    assert session.resize(speaker.id, speaker.start, speaker.end) is None


# -- the steps keys and handles make --------------------------------------------------


def test_a_letter_step_takes_a_letter_with_its_harakat():
    start, end = words("نائبُ")
    assert TEXT[start:moved(TEXT, start, end, END, False, False)[1]] == "نائ"
    grown = moved(TEXT, start, end, START, True, False)
    assert TEXT[grown[0]:end] == "ائبُ"
    after_space = moved(TEXT, *words("نائبُ الوزير"), END, True, False)
    assert TEXT[start:after_space[1]] == "نائبُ الوزيرِ"  # the kasra comes with the ر


def test_a_letter_step_never_leaves_white_space_at_an_edge():
    """The span edge rule (docs/guidelines.md): a letter step over a space takes the
    letter beyond it, in every direction, so no span ends or begins with a space."""
    start, end = words("نائبُ")
    grown = moved(TEXT, start, end, END, True, False)
    assert TEXT[start:grown[1]] == "نائبُ ا"
    assert TEXT[start:moved(TEXT, *grown, END, False, False)[1]] == "نائبُ"
    earlier = moved(TEXT, start, end, START, False, False)
    assert TEXT[earlier[0]:end] == "ل نائبُ"
    assert TEXT[moved(TEXT, *earlier, START, True, False)[0]:end] == "نائبُ"


def test_a_word_step_goes_by_words_and_marks_one_at_a_time():
    start, end = words("نائبُ الوزيرِ الجديد،")
    shorter = moved(TEXT, start, end, END, False, True)
    assert TEXT[start:shorter[1]] == "نائبُ الوزيرِ الجديد"
    assert TEXT[start:moved(TEXT, *shorter, END, False, True)[1]] == "نائبُ الوزيرِ"
    assert TEXT[moved(TEXT, start, end, START, False, True)[0]:end] == "قال نائبُ الوزيرِ الجديد،"
    assert TEXT[moved(TEXT, start, end, START, True, True)[0]:end] == "الوزيرِ الجديد،"
    claim_start, claim_end = words("«الخطة جاهزة")
    assert TEXT[claim_start:next_word_stop(TEXT, claim_end, END, True)] == "«الخطة جاهزة»"


def test_a_step_past_the_text_stays_put():
    assert moved(TEXT, 0, 3, START, False, True) == (0, 3)
    assert moved(TEXT, 0, len(TEXT), END, True, False) == (0, len(TEXT))


def test_a_dragged_boundary_snaps_to_the_word_it_falls_in_or_to_a_letter():
    start, end = words("الوزيرِ")
    middle = start + 3
    assert snapped(TEXT, middle, END, by_word=True) == end
    assert snapped(TEXT, middle, START, by_word=True) == start
    assert snapped(TEXT, end - 1, END, by_word=False) == end  # inside ر + kasra: after it
    assert snapped(TEXT, end - 1, START, by_word=False) == end - 2
    space = words(" الجديد")[0]
    assert snapped(TEXT, space + 1, END, by_word=True) == space  # on the space: the word before
    assert snapped(TEXT, space, START, by_word=True) == space + 1
