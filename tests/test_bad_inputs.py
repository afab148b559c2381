"""Promise 7 (issue 6): bad input never crashes and never half-imports.

Every file in ``tests/data/bad/`` (listed, with the message it must produce, in its
README.md) goes through the real ``annotator import`` into a project that already holds
a document and a layer: one line naming the file (and line), exit code 1, the project's
bytes unchanged. Hypothesis then fuzzes the readers the command uses.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from annotator.cli import cli
from annotator.core.errors import InputError
from annotator.core.ingest import import_documents, text_sha256
from annotator.core.store import Project
from annotator.core.text import SUPPORTED_ENCODINGS, decode_bytes, fix_up, is_grapheme_boundary
from annotator.formats.native import read_jsonl
from annotator.formats.plaintext import read_text_file
from tests.conftest import file_state

BAD = Path(__file__).parent / "data" / "bad"
EXISTING = "قال الوزير سلمان إن الخطة ستبدأ قريباً."
_ROW = re.compile(r"^\| `([^`]+)` \| (.*?) \| (—|`[^`]+`) \| (—|\d+) \| `(.+)` \|$")


@dataclass(frozen=True)
class Case:
    name: str
    options: tuple[str, ...]
    line: int | None
    fragment: str


def _corpus() -> list[Case]:
    """The README's table of files: name, options, line and the message it must produce."""
    cases = []
    for row in (BAD / "README.md").read_text(encoding="utf-8").splitlines():
        found = _ROW.match(row)
        if found:
            name, _, options, line, fragment = found.groups()
            cases.append(Case(name, tuple(options.strip("`").split()) if options != "—" else (),
                              int(line) if line != "—" else None, fragment))
    return cases


CORPUS = _corpus()


def _fifty_megabytes_of_json(path: Path) -> None:
    with open(path, "wb") as out:
        out.write(b'{"text": "')
        out.write("خبر طويل جدا بلا نهاية ".encode() * (50 * 2**20 // 42))


def _fifty_megabytes_of_text(path: Path) -> None:
    letters = "قال الوزير إن الخطة ستبدأ قريباً ".encode()
    with open(path, "wb") as out:
        out.write(letters * (50 * 2**20 // len(letters)))
        out.write("ب".encode()[:1])


GENERATED = {
    "jsonl-50mb-single-line.jsonl": (_fifty_megabytes_of_json,
                                     Case("jsonl-50mb-single-line.jsonl", (), 1,
                                          "not valid JSON (Unterminated string starting at column 10)")),
    "txt-50mb-single-line.txt": (_fifty_megabytes_of_text,
                                 Case("txt-50mb-single-line.txt", (), 1,
                                      "is cut off in the middle of a UTF-8 character")),
}


@pytest.fixture(autouse=True)
def crash_log(tmp_path_factory, monkeypatch) -> Path:
    """Where the CLI would log an unexpected error: a private folder, never the user's."""
    folder = tmp_path_factory.mktemp("log")
    monkeypatch.setattr("annotator.paths.user_log_dir", lambda: folder)
    return folder / "crash.log"


@pytest.fixture(scope="session")
def project_template(tmp_path_factory) -> Path:
    """A closed project holding one document (``existing``) with a layer by ``mona``."""
    folder = tmp_path_factory.mktemp("template")
    project = folder / "project.sqlite"
    good = folder / "good.jsonl"
    start = EXISTING.index("سلمان")
    good.write_text(json.dumps({"id": "existing", "text": EXISTING, "layer": "mona", "spans": [
        {"id": 1, "start": start, "end": start + 5, "label": "SPEAKER", "attrs": {"entity": "سلمان"}}]},
        ensure_ascii=False) + "\n", encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(cli, ["init", str(project)]).exit_code == 0
    done = runner.invoke(cli, ["import", str(project), str(good)])
    assert done.exit_code == 0, done.output
    assert list(file_state(project)) == ["project.sqlite"]  # no journal left to copy
    return project


@pytest.fixture
def holding_project(project_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the template, closed, for one test to import into."""
    project = tmp_path / "project.sqlite"
    shutil.copyfile(project_template, project)
    return project


def test_the_corpus_has_a_row_for_every_file_and_a_file_for_every_row():
    files = sorted(path.name for path in BAD.iterdir() if path.name != "README.md")
    assert sorted(case.name for case in CORPUS) == files
    assert len(files) >= 40
    assert not set(files) & set(GENERATED)
    assert sum(path.stat().st_size for path in BAD.iterdir()) < 200_000


def _refuses(project: Path, bad: Path, case: Case, crash_log: Path) -> None:
    before = file_state(project)
    result = CliRunner().invoke(cli, ["import", str(project), str(bad), *case.options])
    output = result.output
    assert result.exit_code == 1, output[:2000]
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    lines = output.splitlines()
    assert len(lines) == 1, output[:2000]
    (line,) = lines
    where = f"{bad}:{case.line}: " if case.line is not None else f"{bad}: "
    assert line.startswith("annotator: " + where), line[:500]
    assert case.fragment in line, line[:500]
    assert "Traceback" not in output and "unexpected error" not in line
    assert len(line) < 1000, f"{len(line)} characters: {line[:300]}…"
    assert not crash_log.exists()
    assert file_state(project) == before


@pytest.mark.parametrize("case", CORPUS, ids=lambda case: case.name)
def test_a_bad_input_is_one_line_exit_1_and_changes_nothing(case, holding_project, crash_log):
    _refuses(holding_project, BAD / case.name, case, crash_log)


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_a_50_megabyte_single_line_is_refused_the_same_way(name, holding_project, crash_log, tmp_path):
    make, case = GENERATED[name]
    bad = tmp_path / name
    make(bad)
    assert bad.stat().st_size > 50_000_000
    _refuses(holding_project, bad, case, crash_log)


@pytest.mark.parametrize("annotator", ["\udcff", "mona\nimported 3 document(s)", "a\x00b", "\x1b[31mred"])
def test_an_annotator_name_that_cannot_be_stored_is_refused(annotator, holding_project, crash_log, tmp_path):
    """``--annotator $'\\xff'`` reaches Python as a lone surrogate (a crash before the fix)."""
    source = tmp_path / "layer.jsonl"
    source.write_text(json.dumps({"text": "نص جديد للتجربة.", "spans": [
        {"start": 0, "end": 2, "label": "TARGET"}]}, ensure_ascii=False) + "\n", encoding="utf-8")
    _refuses(holding_project, source, Case("layer.jsonl", ("--annotator", annotator), 1,
                                           "the layer (annotator) name holds a control character"), crash_log)


# -- fuzzing the readers -------------------------------------------------------------

# A longer hunt on demand: ANNOTATOR_FUZZ_EXAMPLES=5000 pytest tests/test_bad_inputs.py -k fuzz
FUZZ = settings(max_examples=int(os.environ.get("ANNOTATOR_FUZZ_EXAMPLES", "200")), deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])

ENCODINGS = st.sampled_from([None, *SUPPORTED_ENCODINGS, "idna", "punycode", "utf-7", "unicode_escape",
                             "raw_unicode_escape", "undefined", "base64", "rot13", "cp1252", "mac_greek",
                             "cp037", "no-such-codec"])
# Written for these tests: tatweel, harakat, an emoji ZWJ sequence, CRLF, Arabic digits.
SAMPLE = "قال الوزيـــر إنَّ الاتفاقَ 👨‍👩‍👧 سيُوقَّع\r\nمع Gulf Energy، بقيمة ٢٥٠ مليون."


@st.composite
def damaged_text(draw) -> bytes:
    """Real text in a real encoding, then cut, spliced or with a byte changed."""
    codec = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32",
                                  "cp1256", "iso8859-6"]))
    data = bytearray(SAMPLE.encode(codec, errors="replace"))
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["cut", "insert", "replace"]))
        if action == "cut":
            del data[at:]
        elif action == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=4))
        elif at < len(data):
            data[at] = draw(st.integers(0, 255))
    return bytes(data)


BYTES = st.binary(max_size=300) | damaged_text()
# unicode_escape warns about the backslashes it meets in random bytes.
QUIET_ESCAPES = pytest.mark.filterwarnings("ignore:invalid escape sequence:DeprecationWarning")


def _readable(message: str, path: str) -> None:
    assert message.startswith(path), message
    assert "\n" not in message and "\r" not in message, message
    assert len(message) < 1000, message


@QUIET_ESCAPES
@FUZZ
@given(data=BYTES, encoding=ENCODINGS)
def test_fuzz_decoding_any_bytes_gives_text_or_an_input_error(data, encoding):
    try:
        decoded = decode_bytes(data, encoding, path="fuzz.txt")
    except InputError as error:
        _readable(str(error), "fuzz.txt")
        return
    assert "\x00" not in decoded.text
    assert not re.search("[\ud800-\udfff]", decoded.text)


@QUIET_ESCAPES
@FUZZ
@given(data=BYTES, encoding=ENCODINGS)
def test_fuzz_reading_any_text_file_gives_a_document_or_an_input_error(data, encoding, tmp_path):
    path = tmp_path / "fuzz.txt"
    path.write_bytes(data)
    try:
        (document,) = list(read_text_file(path, encoding))
    except InputError as error:
        _readable(str(error), str(path))
        return
    assert "\r" not in document.text and not document.text.startswith("\ufeff")
    assert document.path == str(path)


@pytest.fixture(scope="module")
def fuzz_project(tmp_path_factory):
    with Project.create(tmp_path_factory.mktemp("fuzz") / "fuzz.sqlite") as project:
        yield project


def _row_counts(project: Project) -> dict[str, int]:
    tables = [row[0] for row in project.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return {table: project.db.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] for table in tables}


def _import_lines(project: Project, folder: Path, lines: list[str], annotator: str | None,
                  replace: bool) -> None:
    """Import the lines as a JSONL file: either every layer came in exactly, or nothing did."""
    path = folder / "fuzz.jsonl"
    path.write_bytes("\n".join(lines).encode("utf-8", errors="surrogatepass"))
    before = _row_counts(project)
    try:
        report = import_documents(project, read_jsonl(path), annotator=annotator, replace=replace)
    except InputError as error:
        _readable(str(error), str(path))
        assert _row_counts(project) == before
        event("refused: " + re.sub(r"[0-9]+", "N", error.reason)[:60])
        return
    event("imported a layer" if report.layers_attached else "imported")
    for line in lines:
        if line.strip():
            _check_imported(project, json.loads(line), annotator)


def _check_imported(project: Project, record: dict, annotator: str | None) -> None:
    """Each stored span of an accepted record holds the text its offsets gave in the file
    (after the fix-up: BOM dropped, CRLF and CR made LF), on grapheme boundaries."""
    layer = annotator or record.get("layer")
    if not layer:
        return
    text = fix_up(record["text"]).text
    document = project.document_by_sha(text_sha256(text))
    stored = project.spans(document.key, layer.strip())
    for span in stored:
        assert is_grapheme_boundary(text, span.start) and is_grapheme_boundary(text, span.end)
    assert sorted((span.label, text[span.start:span.end]) for span in stored) == _expected_spans(record)


# Strings with what no field can hold: lone surrogates, NUL and other control characters.
ODD_TEXT = (st.text(max_size=8) | st.text(st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), max_size=2)
            | st.text(st.characters(max_codepoint=0x9F), max_size=4))
JSON_SCALARS = (st.none() | st.booleans() | st.integers(-3, 80) | st.integers() | st.floats() | ODD_TEXT
                | st.sampled_from(["SPEAKER", "CLAIM", "TARGET", "SAID_BY", "ABOUT", "FAVOR", "done", "new", ""]))
KEYS = st.sampled_from(["id", "title", "text", "meta", "text_sha256", "layer", "status", "spans",
                        "relations", "start", "end", "label", "attrs", "head", "child", "type",
                        "provenance", "stance", "entity"]) | st.text(max_size=4)
JSON = st.recursive(JSON_SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=5),
                    max_leaves=20)
TEXTS = st.sampled_from([SAMPLE, EXISTING, " ", "\ufeffنص\r\nثان"]) | st.text(max_size=20).map("خبر ".__add__)
# Any JSON in any field: mostly type errors.
RECORDS = st.fixed_dictionaries({"text": TEXTS}, optional={
    "id": JSON, "layer": JSON_SCALARS, "status": JSON_SCALARS, "meta": JSON, "title": JSON_SCALARS,
    "text_sha256": JSON_SCALARS, "spans": st.lists(st.dictionaries(KEYS, JSON, max_size=6), max_size=3) | JSON,
    "relations": st.lists(st.dictionaries(KEYS, JSON, max_size=5), max_size=2)})
# The right type in every field, with odd content: these reach the database.
WELL_TYPED = st.fixed_dictionaries({"text": TEXTS | ODD_TEXT}, optional={
    "id": ODD_TEXT | st.integers(), "title": ODD_TEXT, "source": ODD_TEXT, "url": ODD_TEXT, "published": ODD_TEXT,
    "meta": st.dictionaries(ODD_TEXT, JSON, max_size=3), "layer": ODD_TEXT,
    "status": st.sampled_from(["new", "in_progress", "done"]) | ODD_TEXT})
LINES = st.text(max_size=40) | JSON.map(json.dumps) | RECORDS.map(json.dumps) | WELL_TYPED.map(json.dumps)


@FUZZ
@given(lines=st.lists(LINES, min_size=1, max_size=3), annotator=st.sampled_from([None, "fuzz"]))
def test_fuzz_any_json_lines_import_cleanly_or_raise_an_input_error(lines, annotator, fuzz_project, tmp_path):
    _import_lines(fuzz_project, tmp_path, [line.replace("\n", " ") for line in lines], annotator, replace=False)


# Written for these tests: harakat, tatweel, an emoji ZWJ sequence, CRLF and a BOM.
BASE_TEXT = "\ufeffأكدت الوزيرة سلمى النجار أنَّ الخطة «ستُنفَّذ كامـلة» 👨‍👩‍👧\r\nخلال 2027 مع Aqua."


def _valid_record() -> dict:
    text = BASE_TEXT
    speaker = text.index("سلمى النجار")
    claim = text.index("الخطة")
    target = text.index("Aqua")
    spans = [(1, speaker, speaker + 11, "SPEAKER", {"entity": "سلمى النجار"}),
             (2, claim, text.index("» ") + 1, "CLAIM", {"stance": "FAVOR"}),
             (3, target, target + 4, "TARGET", {})]
    return {"text": text, "layer": "karim", "status": "in_progress",
            "spans": [{"id": n, "start": s, "end": e, "label": label, "text": text[s:e], "attrs": attrs}
                      for n, s, e, label, attrs in spans],
            "relations": [{"id": 1, "type": "SAID_BY", "head": 2, "child": 1},
                          {"id": 2, "type": "ABOUT", "head": 2, "child": 3}]}


@st.composite
def mutated_records(draw) -> dict:
    record = _valid_record()
    if draw(st.booleans()):  # without "text", shifted offsets reach the grapheme and CRLF checks
        for span in record["spans"]:
            del span["text"]
    for _ in range(draw(st.integers(0, 3))):
        spans, relations = record.get("spans"), record.get("relations")
        choice = draw(st.sampled_from(["drop", "retype", "shift", "offset", "span-key", "span-drop",
                                       "relation", "duplicate", "label", "text"]))
        if choice == "drop" and record:
            del record[draw(st.sampled_from(sorted(record)))]
        elif choice == "retype":
            record[draw(KEYS)] = draw(JSON)
        elif choice in ("shift", "offset", "span-key", "span-drop", "label", "duplicate") and \
                isinstance(spans, list) and spans and all(isinstance(s, dict) for s in spans):
            span = draw(st.sampled_from(spans))
            key = draw(st.sampled_from(["start", "end"]))
            if choice == "shift" and isinstance(span.get(key), int):
                span[key] += draw(st.integers(-3, 3))
            elif choice == "offset":
                span[key] = draw(st.integers(-2, len(BASE_TEXT) + 2))
            elif choice == "span-key":
                span[draw(KEYS)] = draw(JSON)
            elif choice == "span-drop" and span:
                del span[draw(st.sampled_from(sorted(span)))]
            elif choice == "label":
                span["label"] = draw(st.sampled_from(["SPEAKER", "CLAIM", "TARGET", "ORG", ""]))
            else:
                spans.append(dict(span))
        elif choice == "relation" and isinstance(relations, list) and relations and \
                all(isinstance(r, dict) for r in relations):
            relation = draw(st.sampled_from(relations))
            relation[draw(st.sampled_from(["head", "child", "type"]))] = draw(JSON | st.integers(0, 4))
        elif choice == "text":
            record["text"] = draw(st.sampled_from([BASE_TEXT.replace("\r\n", "\n"), BASE_TEXT[1:],
                                                   BASE_TEXT.replace("\ufeff", "\ufeff\ufeff")]))
    return record


def _expected_spans(record: dict) -> list[tuple[str, str]]:
    """What each span of an accepted record must hold after the import fix-up."""
    raw = record["text"]
    expected = []
    for span in record.get("spans") or []:
        piece = raw[span["start"]:span["end"]]
        if span["start"] == 0 and raw.startswith("\ufeff"):
            piece = piece[1:]
        expected.append((span["label"], piece.replace("\r\n", "\n").replace("\r", "\n")))
    return sorted(expected)


@FUZZ
@given(record=mutated_records(), annotator=st.sampled_from([None, "fuzz"]), ascii_only=st.booleans())
def test_fuzz_a_mutated_record_imports_exactly_or_raises_an_input_error(record, annotator, ascii_only,
                                                                   fuzz_project, tmp_path):
    _import_lines(fuzz_project, tmp_path, [json.dumps(record, ensure_ascii=ascii_only)], annotator, replace=True)


@pytest.mark.parametrize("raw, shown", [(b"\xd9\x82\xff", "ق\ufffd"), (b"\x1b[31mred\nline", "\ufffd[31mred\ufffdline")])
def test_a_file_name_that_is_not_utf8_or_holds_controls_imports_under_a_printable_id(
        raw, shown, holding_project, crash_log, tmp_path):
    """Python keeps bytes that are not UTF-8 as lone surrogates, which SQLite cannot store
    (a crash before the fix); those and control characters show as U+FFFD in id and source."""
    name = os.fsdecode(raw + b".txt")
    (tmp_path / name).write_text("خبر جديد عن الاقتصاد.\n", encoding="utf-8")  # POSIX names are bytes
    result = CliRunner().invoke(cli, ["import", str(holding_project), str(tmp_path / name)])
    assert result.exit_code == 0, result.output
    assert not crash_log.exists()
    with Project.open(holding_project) as project:
        document = project.document_by_id(shown)
        assert document is not None and document.source == shown + ".txt"


def test_a_key_with_a_line_break_is_shown_escaped_so_the_message_stays_one_line(tmp_path):
    path = tmp_path / "odd.jsonl"
    path.write_text('{"text": "قال الوزير", "\\n": ["\\ud800"]}\n', encoding="utf-8")
    with pytest.raises(InputError) as error:
        list(read_jsonl(path))
    message = str(error.value)
    assert message.startswith(f"{path}:1: ") and "\n" not in message
    assert "'\\n'[1] contains a lone surrogate" in message
