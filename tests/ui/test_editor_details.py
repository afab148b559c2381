"""The editor's smaller promises: hover text, invisible characters, zoom, entities, help."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextOption
from PySide6.QtWidgets import QDialog, QTableWidget

from annotator.core.store import Project
from annotator.ui.bidi import strip_isolates
from annotator.ui.help_dialog import shortcut_rows, show_shortcuts
from annotator.ui.main_window import MainWindow

# Written for these tests: two spellings of one speaker, an RLM mark, markup-like text.
TEXT = ("قال أحمد الزين إن «الخطة جيدة».\n"
        "وأكد احمد الزين \u200fأن <b>التمويل</b> مضمون.")


@pytest.fixture
def window(make_window):
    return make_window({"t": TEXT})


def label(qtbot, window, phrase, key, occurrence=0):
    start = TEXT.index(phrase) if occurrence == 0 else TEXT.index(phrase, TEXT.index(phrase) + 1)
    window.article.select_range(start, start + len(phrase))
    qtbot.keyClick(window.article, key)
    return window.editor.selected


def test_hover_text_names_label_stance_and_speaker_as_plain_text(qtbot, window):
    speaker = label(qtbot, window, "أحمد الزين", Qt.Key.Key_1)
    claim = label(qtbot, window, "«الخطة جيدة»", Qt.Key.Key_2)
    qtbot.keyClick(window.article, Qt.Key.Key_F)
    window.editor.link(claim, speaker, window.project.schema.relation("SAID_BY"))
    spans = window.article.highlighter.spans_at(TEXT.index("الخطة"))
    assert strip_isolates(window.editor.describe(spans)) == "CLAIM · stance: FAVOR · SAID_BY: أحمد الزين"
    markup = label(qtbot, window, "<b>التمويل</b>", Qt.Key.Key_3)
    assert markup is not None
    described = window.editor.describe(window.article.highlighter.spans_at(TEXT.index("<b>")))
    assert described == "TARGET"


def test_invisible_characters_can_be_shown_without_changing_offsets(qtbot, window):
    before = window.article.offsets.to_qt(len(TEXT))
    window.invisibles.trigger()
    flags = window.article.document().defaultTextOption().flags()
    assert flags & QTextOption.Flag.ShowDefaultIgnorables
    assert window.article.offsets.to_qt(len(TEXT)) == before
    assert window.article.document().defaultTextOption().textDirection() == Qt.LayoutDirection.RightToLeft
    window.invisibles.trigger()
    assert not window.article.document().defaultTextOption().flags() & QTextOption.Flag.ShowDefaultIgnorables


def test_zoom_is_remembered(qtbot, window, tmp_path):
    size = window.article.font().pointSize()
    qtbot.keyClick(window.article, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.article, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert window.article.font().pointSize() == size + 2
    path = window.project_path
    window.close()
    again = MainWindow(path, annotator="mona")
    qtbot.addWidget(again)
    assert again.article.font().pointSize() == size + 2


def test_entity_spellings_fold_onto_the_one_already_used(qtbot, window):
    first = label(qtbot, window, "أحمد الزين", Qt.Key.Key_1)
    window.editor.set_attribute(first, "entity", "أحمد الزين")
    second = label(qtbot, window, "احمد الزين", Qt.Key.Key_1)
    window._refresh_panel()
    box = window.panel.editors["entity"]
    box.setText("احمد الزين")
    box.textEdited.emit("احمد")
    assert box._offered.stringList() == ["أحمد الزين"]
    box.editingFinished.emit()
    with Project.open(window.project_path) as project:
        assert project.span(second).attrs == {"entity": "أحمد الزين"}


def test_stance_from_the_details_panel_is_saved_and_undoable(qtbot, window):
    claim = label(qtbot, window, "«الخطة جيدة»", Qt.Key.Key_2)
    stance = window.panel.editors["stance"]
    stance.setCurrentText("AGAINST")
    stance.activated.emit(stance.currentIndex())
    with Project.open(window.project_path) as project:
        assert project.span(claim).attrs == {"stance": "AGAINST"}
    window.editor.undo_stack.undo()
    with Project.open(window.project_path) as project:
        assert project.span(claim).attrs == {}


def test_help_lists_every_key_of_the_schema(qtbot, window):
    keys = [key for key, _ in shortcut_rows(window.project.schema)]
    for expected in ("1", "2", "3", "S", "A", "F", "G", "N", "U", "Ctrl+Z / Ctrl+Shift+Z", "F1"):
        assert expected in keys
    dialog = show_shortcuts(window, window.project.schema)
    qtbot.addWidget(dialog)
    table = dialog.findChild(QTableWidget)
    assert table.rowCount() == len(keys)
    assert [table.item(row, 0).text() for row in range(table.rowCount())] == keys


def test_f1_opens_the_shortcuts(qtbot, window):
    qtbot.keyClick(window.article, Qt.Key.Key_F1)
    dialogs = [w for w in window.findChildren(QDialog) if w.windowTitle() == "Keyboard shortcuts"]
    assert dialogs and dialogs[0].isVisible()


def test_the_annotator_is_asked_once_and_remembered(qtbot, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    from annotator.ui.main_window import confirm_annotator

    asked = []
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: asked.append(a) or ("  منى  ", True))
    assert confirm_annotator() == "منى"
    assert confirm_annotator() == "منى"
    assert len(asked) == 1


def test_an_annotator_sees_where_gold_differs_from_their_layer(qtbot, window):
    from annotator.core import adjudicate

    label(qtbot, window, "أحمد الزين", Qt.Key.Key_1)
    claim = label(qtbot, window, "«الخطة جيدة»", Qt.Key.Key_2)
    qtbot.keyClick(window.article, Qt.Key.Key_F)
    document = window.editor.document
    start = TEXT.index("«الخطة جيدة»")
    adjudicate.edit(window.project, document, None, start, start + len("«الخطة جيدة»"), "CLAIM",
                    {"stance": "AGAINST"}, by="rania")
    window._refresh_panel()
    shown = [strip_isolates(window.panel.gold.item(i).text()) for i in range(window.panel.gold.count())]
    assert shown == ["أحمد الزين — not in gold", "«الخطة جيدة» — stance: gold AGAINST, yours FAVOR"]
    assert window.panel.gold.item(1).data(Qt.ItemDataRole.UserRole) == claim


def test_the_gold_comparison_follows_the_annotators_edits_and_the_reviewers_decisions(qtbot, window):
    from annotator.core import adjudicate

    def shown():
        return [strip_isolates(window.panel.gold.item(i).text()) for i in range(window.panel.gold.count())]

    speaker = label(qtbot, window, "أحمد الزين", Qt.Key.Key_1)
    claim = label(qtbot, window, "«الخطة جيدة»", Qt.Key.Key_2)
    start = TEXT.index("«الخطة جيدة»")
    adjudicate.edit(window.project, window.editor.document, None, start, start + len("«الخطة جيدة»"), "CLAIM",
                    {"stance": "AGAINST"}, by="rania")
    window._refresh_panel()
    assert shown() == ["أحمد الزين — not in gold", "«الخطة جيدة» — stance: gold AGAINST, yours none"]

    window.editor.select(claim)
    qtbot.keyClick(window.article, Qt.Key.Key_G)  # AGAINST, as gold has it
    assert shown() == ["أحمد الزين — not in gold"]

    review = window.open_review()
    qtbot.addWidget(review)
    unit = next(u for u in review.units if speaker in {v.span.id for v in u.versions})
    review.go_to_unit(unit.key)
    review.decisions.pick(window.annotator)  # the speaker into gold: this layer and gold agree
    assert shown() == ["Gold agrees with your annotations"]


def test_importing_another_annotators_export_from_the_window(qtbot, window, tmp_path, monkeypatch):
    import json

    start = TEXT.index("أحمد الزين")
    record = {"text": TEXT, "spans": [{"id": 1, "start": start, "end": start + 10, "label": "SPEAKER"}]}
    export = tmp_path / "karim.jsonl"
    export.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    assert window.import_annotations(str(export), "karim")
    assert "karim" in window.project.layer_names()
    from annotator.ui import dialogs

    warnings, questions = [], []
    monkeypatch.setattr(dialogs, "ask", lambda *a: questions.append(a) or False)
    monkeypatch.setattr(dialogs, "warn", lambda *a: warnings.append(a[2]))
    assert not window.import_annotations(str(export), "karim")
    assert len(questions) == 1
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"text": "نص", "spans": [{"start": 0, "end": 99, "label": "CLAIM"}]}\n', encoding="utf-8")
    assert not window.import_annotations(str(broken), "karim")
    assert warnings and str(broken) in warnings[0] and ":1:" in warnings[0]
    assert window.project.document_count() == 1


def test_a_second_window_opens_read_only_and_changes_nothing(qtbot, window):
    from annotator.core.store.project_file import ProjectLockedError

    with pytest.raises(ProjectLockedError):
        MainWindow(window.project_path, annotator="karim")
    reader = MainWindow(window.project_path, annotator="karim", read_only=True)
    qtbot.addWidget(reader)
    assert reader.windowTitle().endswith("(read-only)")
    messages = []
    reader.editor.message.connect(messages.append)
    reader.article.select_range(0, 3)
    qtbot.keyClick(reader.article, Qt.Key.Key_1)
    assert messages == ["This project is open read-only: nothing can be changed here"]
    assert "karim" not in window.project.layer_names()


def test_messages_show_markup_as_text(qtbot):
    from PySide6.QtWidgets import QMessageBox

    from annotator.ui.dialogs import _box

    box = _box(None, QMessageBox.Icon.Warning, "t", "<img src='file:///etc/hostname'> <b>x</b>")
    qtbot.addWidget(box)
    assert box.textFormat() == Qt.TextFormat.PlainText


def test_back_up_and_restore_from_the_window(qtbot, window, monkeypatch):
    from annotator.ui import dialogs

    label(qtbot, window, "أحمد الزين", Qt.Key.Key_1)
    backup = window.back_up()
    label(qtbot, window, "«الخطة جيدة»", Qt.Key.Key_2)
    monkeypatch.setattr(dialogs, "ask", lambda *a: True)
    replacement = window.restore_backup(backup)
    qtbot.addWidget(replacement)
    assert [s.label for s in replacement.editor.spans()] == ["SPEAKER"]
    assert any(p.name.startswith("p.sqlite.replaced-") for p in window.project_path.parent.iterdir())
