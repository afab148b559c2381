"""The window's Export and Import dialogs: the same formats as the CLI, a progress bar,
and a summary of what was written or refused."""

from __future__ import annotations

import json

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from annotator.core.ingest import import_documents
from annotator.formats.native import parse_record
from annotator.ui import dialogs
from annotator.ui.transfer import ExportDialog, ImportDialog
from tests.formats.conftest import SOURCE_RECORDS


@pytest.fixture
def window(make_window):
    made = make_window({"first": "مقال أول للاختبار."})
    import_documents(made.project, (parse_record(r, "corpus", n) for n, r in enumerate(SOURCE_RECORDS, 1)))
    return made


def choose(combo, data) -> None:
    combo.setCurrentIndex(combo.findData(data))


def test_exporting_brat_from_the_dialog_writes_the_folder_and_says_what_it_wrote(qtbot, window, tmp_path):
    dialog = window.export()
    qtbot.addWidget(dialog)
    choose(dialog.format, "brat")
    choose(dialog.layer, "mona")
    dialog.destination.setText(str(tmp_path / "brat"))
    assert dialog.run_export()
    ann = (tmp_path / "brat" / "mona" / "budget.ann").read_text(encoding="utf-8")
    assert "SAID_BY Arg1:" in ann and "stance" in ann
    assert "wrote 1 document(s), 8 span(s), 4 relation(s)" in dialog.summary.toPlainText()
    assert dialog.progress.value() == dialog.progress.maximum() == window.project.document_count()
    assert not dialog.flavour.isEnabled() and not dialog.release.isEnabled()


def test_a_release_with_bad_splits_is_refused_in_the_summary(qtbot, window, tmp_path):
    dialog = ExportDialog(window.project, window)
    qtbot.addWidget(dialog)
    dialog.release.setChecked(True)
    choose(dialog.layer, "mona")
    dialog.splits.setText("train=0.7,test=0.2")
    dialog.destination.setText(str(tmp_path / "release"))
    assert not dialog.run_export()
    assert dialog.summary.toPlainText().startswith("Nothing was written.")
    assert not (tmp_path / "release").exists()
    dialog.splits.setText("train=0.5,test=0.5")
    assert dialog.run_export()
    assert (tmp_path / "release" / "README.md").is_file()


def test_the_doccano_shape_is_offered_only_for_doccano(qtbot, window, tmp_path):
    dialog = ExportDialog(window.project, window)
    qtbot.addWidget(dialog)
    choose(dialog.format, "doccano")
    assert dialog.flavour.isEnabled()
    choose(dialog.flavour, "labels")
    choose(dialog.layer, "karim")
    dialog.destination.setText(str(tmp_path / "d.jsonl"))
    assert dialog.run_export()
    line = json.loads((tmp_path / "d.jsonl").read_text(encoding="utf-8"))
    assert [label for _, _, label in line["label"]] == ["SPEAKER", "CLAIM"]
    assert "relations" in dialog.summary.toPlainText()


def test_importing_a_label_studio_export_from_the_window(qtbot, window, tmp_path, monkeypatch):
    dialog = window.export()
    qtbot.addWidget(dialog)
    choose(dialog.format, "labelstudio")
    choose(dialog.layer, "mona")
    dialog.destination.setText(str(tmp_path / "tasks.json"))
    assert dialog.run_export()
    warnings = []
    monkeypatch.setattr(dialogs, "warn", lambda *a: warnings.append(a[2]))
    monkeypatch.setattr(dialogs, "ask", lambda *a: True)
    assert window.import_annotations(str(tmp_path / "tasks.json"), "rania")
    assert not warnings
    budget = window.project.document_by_id("budget").key
    assert len(window.project.spans(budget, "rania")) == len(window.project.spans(budget, "mona")) == 8
    (tmp_path / "broken.json").write_text('[{"data": {"text": "نص"}, "annotations": [{"result": [{"id": "x", '
                                          '"type": "labels", "value": {"start": 0, "end": 9, "labels": ["CLAIM"]}}]}]}]',
                                          encoding="utf-8")
    assert not window.import_annotations(str(tmp_path / "broken.json"), "rania", "labelstudio")
    assert warnings and "broken.json" in warnings[0]


def test_the_import_dialog_offers_every_format(qtbot):
    dialog = ImportDialog("")
    qtbot.addWidget(dialog)
    offered = {dialog.format.itemData(i) for i in range(dialog.format.count())}
    assert offered == {"auto", "jsonl", "text", "prodigy", "doccano", "labelstudio", "brat", "spacy", "conll"}
    dialog.path.setText("/tmp/x.conll")
    choose(dialog.format, "conll")
    dialog.annotator.setText(" karim ")
    assert dialog.choice()[1:] == ("conll", "karim")
    assert dialog.findChild(QDialogButtonBox) is not None


def test_the_window_words_what_to_do_in_its_own_terms_never_a_flag(qtbot, window, tmp_path, monkeypatch):
    """The core says what is wrong and names a remedy; the window words it for the window
    (the command line adds its flags instead: tests/test_cli.py, tests/test_bad_inputs.py)."""
    warnings = []
    monkeypatch.setattr(dialogs, "warn", lambda parent, title, text: warnings.append(text))
    unknown = tmp_path / "notes.xyz"
    unknown.write_text("ملاحظات\n", encoding="utf-8")
    unlabelled = tmp_path / "spans.jsonl"
    unlabelled.write_text(json.dumps({"text": "قال الوزير", "spans": [{"start": 0, "end": 3, "label": "SPEAKER"}]},
                                     ensure_ascii=False) + "\n", encoding="utf-8")
    odd = tmp_path / "cut.txt"
    odd.write_bytes("قال الوزير إن".encode("utf-8")[:-1])

    assert not window.import_annotations(str(unknown))
    assert not window.import_annotations(str(unlabelled), annotator="")
    assert not window.import_annotations(str(odd), format_="text")
    assert len(warnings) == 3
    assert "“Format”" in warnings[0] and "“Whose annotations”" in warnings[1] and "Save the file as UTF-8" in warnings[2]
    assert not any("--" in text for text in warnings), warnings
