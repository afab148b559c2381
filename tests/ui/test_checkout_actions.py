"""File → Check out for offline work… and File → Check in…: the window checks an
annotator's documents out to a file and brings the work done there back, asking which side
wins a document edited on both."""

from __future__ import annotations

from annotator.core.session import DocumentSession
from annotator.core.store import Project, assignments
from annotator.ui import checkout_actions, dialogs

# Written for these tests.
ARTICLES = {"first": "قال المتحدث إن الاتفاق سيوقع غدا.", "second": "أعلنت الوزارة خطة جديدة للنقل."}


def span_words(project: Project, key: int, layer: str) -> list[str]:
    text = project.document(key).text
    return [text[s.start:s.end] for s in project.spans(key, layer)]


def label(project: Project, key: int, words: str) -> None:
    start = project.document(key).text.index(words)
    DocumentSession(project, key, "mona").label(start, start + len(words), "SPEAKER")


def test_the_file_menu_checks_out_and_in(qtbot, make_window, tmp_path, monkeypatch):
    window = make_window(ARTICLES)
    assignments.change(window.project, added=[(1, "mona"), (2, "mona")])
    names = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert "Check out for offline work…" in names and "Check in…" in names
    shown = []
    monkeypatch.setattr(checkout_actions, "_inform", lambda parent, title, text: shown.append(text))
    out = tmp_path / "mona.sqlite"
    assert checkout_actions.check_out(window, "mona", str(out))
    assert "2 document(s)" in shown[-1]
    with Project.open(out, writer=True) as copy:
        label(copy, 1, "المتحدث")
        label(copy, 2, "الوزارة")
    label(window.project, 2, "خطة")  # the second is edited here too: a conflict
    monkeypatch.setattr(dialogs, "ask", lambda *a: True)  # take the file's version
    assert checkout_actions.check_in(window, str(out))
    assert span_words(window.project, 1, "mona") == ["المتحدث"]
    assert span_words(window.project, 2, "mona") == ["الوزارة"]
    assert "on 2 document(s)" in shown[-1] and "version was taken" in shown[-1]
    assert checkout_actions.check_in(window, str(out))
    assert shown[-1].startswith("Nothing new to check in")


def test_a_conflict_left_alone_and_a_refused_file_in_the_window(qtbot, make_window, tmp_path, monkeypatch):
    window = make_window(ARTICLES)
    shown, warnings = [], []
    monkeypatch.setattr(checkout_actions, "_inform", lambda parent, title, text: shown.append(text))
    monkeypatch.setattr(dialogs, "warn", lambda parent, title, text: warnings.append(text))
    monkeypatch.setattr(dialogs, "ask", lambda *a: True)  # no assignments: every document
    out = tmp_path / "all.sqlite"
    assert checkout_actions.check_out(window, "mona", str(out))
    with Project.open(out, writer=True) as copy:
        label(copy, 2, "الوزارة")
    label(window.project, 2, "خطة")
    monkeypatch.setattr(dialogs, "ask", lambda *a: False)  # leave the conflict alone
    assert checkout_actions.check_in(window, str(out))
    assert span_words(window.project, 2, "mona") == ["خطة"]
    assert "left alone: " in shown[-1] and "second" in shown[-1]
    assert not checkout_actions.check_in(window, str(window.project_path))
    assert "is the project itself" in warnings[-1]
