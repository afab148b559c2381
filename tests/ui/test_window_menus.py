"""Settings and About from the annotator's window: a change applies at once."""

from annotator.ui.settings import app_settings


def test_settings_change_the_article_size_and_the_annotator_at_once(make_window):
    window = make_window({"one": "قال المتحدث إن الخطة ستنجح."})
    dialog = window.open_settings()
    dialog.font_size.setValue(24)
    dialog.annotator.setText("huda")
    dialog.accept()
    assert window.article.font().pointSize() == 24
    assert window.annotator == "huda"
    assert app_settings().value("annotator") == "huda"


def test_about_names_the_settings_file(make_window):
    window = make_window({"one": "نص قصير."})
    dialog = window.show_about()
    shown = " ".join(label.text() for label in dialog.findChildren(type(window.progress)))
    assert app_settings().fileName() in shown
