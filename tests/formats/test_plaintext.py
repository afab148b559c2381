"""Articles arrive in every encoding Arabic newsrooms use; each must land as the same text."""

import pytest

from annotator.core.errors import InputError
from annotator.core.ingest import import_documents
from annotator.formats.plaintext import read_text_file
from tests.conftest import file_state

# Written for these tests: harakat, a Latin name and digits in an Arabic line.
HEADLINE = "الحكومة تُقِرّ موازنة 2026"
BODY = "قال وزير المالية كريم سلّوم إنَّ Fitch رفعت التصنيف إلى BB.\nوأضاف: «العجز سينخفض»."
ARTICLE = HEADLINE + "\n" + BODY + "\n"


@pytest.mark.parametrize(
    "name, data, encoding",
    [
        ("utf8.txt", ARTICLE.encode("utf-8"), "UTF-8"),
        ("utf8-bom.txt", ARTICLE.encode("utf-8-sig"), "UTF-8 with BOM"),
        ("utf16le-bom.txt", b"\xff\xfe" + ARTICLE.encode("utf-16-le"), "UTF-16"),
        ("utf16be-bom.txt", b"\xfe\xff" + ARTICLE.encode("utf-16-be"), "UTF-16"),
        ("utf16le.txt", ARTICLE.encode("utf-16-le"), "UTF-16-LE"),
        ("utf16be.txt", ARTICLE.encode("utf-16-be"), "UTF-16-BE"),
        ("cp1256.txt", ARTICLE.encode("cp1256"), "Windows-1256"),
        ("crlf.txt", ARTICLE.replace("\n", "\r\n").encode("utf-8"), "UTF-8"),
        ("cr.txt", ARTICLE.replace("\n", "\r").encode("utf-8"), "UTF-8"),
    ],
)
def test_every_encoding_gives_the_same_stored_text(project, tmp_path, name, data, encoding):
    path = tmp_path / name
    path.write_bytes(data)
    report = import_documents(project, read_text_file(path))
    document = project.document_by_id(path.stem)
    assert document.text == ARTICLE
    assert document.title == HEADLINE
    assert encoding in report.encodings[str(path)]


def test_iso_8859_6_is_recognized(project, tmp_path):
    # ISO-8859-6 has no harakat with these code points' shapes in Latin-digit text; keep it plain.
    text = "الحكومة تقر موازنة العام\nقال الوزير إن العجز سينخفض.\n"
    path = tmp_path / "iso.txt"
    path.write_bytes(text.encode("iso-8859-6"))
    report = import_documents(project, read_text_file(path))
    assert project.document_by_id("iso").text == text
    assert "ISO-8859-6" in report.encodings[str(path)]


def test_nothing_but_bom_and_line_endings_changes(project, tmp_path):
    text = ("عاجـــل: الوزيرة «تؤكّد» الخطة\n"
            "كلفة 40\u00a0مليون \u200fدولار \u202bمقتبس\u202c و🇸🇦 و👩\u200d💻.\n")
    path = tmp_path / "marks.txt"
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    report = import_documents(project, read_text_file(path))
    assert project.document_by_id("marks").text == text
    assert report.bidi_controls == {"marks": 3}


def test_an_explicit_encoding_overrides_detection(project, tmp_path):
    path = tmp_path / "forced.txt"
    path.write_bytes(ARTICLE.encode("cp1256"))
    with pytest.raises(InputError) as error:
        list(read_text_file(path, "utf-8"))
    assert str(path) in str(error.value)
    import_documents(project, read_text_file(path, "cp1256"))
    assert project.document_by_id("forced").text == ARTICLE


def test_nul_in_a_file_is_refused_and_changes_nothing(project_path, tmp_path):
    from annotator.core.store import Project

    path = tmp_path / "nul.txt"
    path.write_bytes("سطر أول\nسطر\x00 ثان".encode("utf-8"))
    before = file_state(project_path)
    with Project.open(project_path) as project:
        with pytest.raises(InputError) as error:
            import_documents(project, read_text_file(path))
    assert str(path) in str(error.value) and "line 2" in str(error.value)
    assert file_state(project_path) == before
