"""The native JSONL: exact offsets both ways, refusals that change nothing, stable output."""

import json
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.errors import InputError
from annotator.core.ingest import import_documents
from annotator.core.store import Project
from annotator.core.text import grapheme_boundaries
from annotator.formats.native import read_jsonl
from annotator.formats.native_export import dumps_record, records, write_jsonl
from tests.conftest import file_state

# Written for these tests: a pronoun-only continuation, tatweel, NBSP, a bidi mark.
TEXT = ("أكدت الوزيرة سلمى النجار أن الخطة «ستُنفَّذ كامـلة» خلال 2027.\n"
        "وأضافت: «المشروع يكلّف 40\u00a0مليون دولار» \u200fحسب Reuters.")


def record(text=TEXT, **extra):
    speaker = text.index("سلمى النجار")
    claim = text.index("الخطة")
    base = {
        "id": "doc-1",
        "title": "الخطة",
        "text": text,
        "meta": {"source": "test"},
        "layer": "mona",
        "status": "done",
        "spans": [
            {"id": 1, "start": speaker, "end": speaker + 11, "label": "SPEAKER",
             "text": text[speaker:speaker + 11], "attrs": {"entity": "سلمى النجار"}},
            {"id": 2, "start": claim, "end": text.index(" خلال"), "label": "CLAIM",
             "text": text[claim:text.index(" خلال")], "attrs": {"stance": "FAVOR"}},
        ],
        "relations": [{"id": 1, "type": "SAID_BY", "head": 2, "child": 1}],
    }
    base.update(extra)
    return base


def write_lines(path: Path, *objects, raw_lines=()) -> Path:
    lines = [json.dumps(o, ensure_ascii=False) for o in objects] + list(raw_lines)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_import_then_export_keeps_every_offset_exact(project, tmp_path):
    source = write_lines(tmp_path / "in.jsonl", record())
    import_documents(project, read_jsonl(source))
    (exported,) = records(project)
    assert exported["layer"] == "mona" and exported["status"] == "done"
    assert exported["text"] == TEXT
    for span in exported["spans"]:
        assert TEXT[span["start"]:span["end"]] == span["text"]
    assert [s["label"] for s in exported["spans"]] == ["SPEAKER", "CLAIM"]
    assert exported["relations"] == [{"id": 1, "type": "SAID_BY", "head": 2, "child": 1}]


def test_export_then_import_then_export_gives_the_same_file(project, tmp_path):
    source = write_lines(tmp_path / "in.jsonl", record(), record(layer="karim", status="in_progress"),
                         {"id": "plain", "text": "نصٌّ بلا تعليقات.\nسطر ثانٍ."})
    import_documents(project, read_jsonl(source))
    first = tmp_path / "first.jsonl"
    write_jsonl(project, first)
    again = Project.create(tmp_path / "again.sqlite")
    import_documents(again, read_jsonl(first))
    second = tmp_path / "second.jsonl"
    write_jsonl(again, second)
    again.close()
    assert first.read_bytes() == second.read_bytes()
    lines = first.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["layer"] for line in lines] == ["karim", "mona", None]


def test_crlf_offsets_are_mapped_to_the_stored_text(project, tmp_path):
    crlf = TEXT.replace("\n", "\r\n")
    source = write_lines(tmp_path / "crlf.jsonl", record(text=crlf))
    import_documents(project, read_jsonl(source))
    (exported,) = records(project)
    assert "\r" not in exported["text"]
    assert [s["text"] for s in exported["spans"]] == [s["text"] for s in record()["spans"]]
    for span in exported["spans"]:
        assert exported["text"][span["start"]:span["end"]] == span["text"]


def test_an_offset_inside_a_crlf_is_refused(project, tmp_path):
    crlf = "سطر أول\r\nسطر ثان"
    bad = {"text": crlf, "layer": "mona", "spans": [
        {"id": 1, "start": 0, "end": crlf.index("\n"), "label": "TARGET"}]}
    with pytest.raises(InputError, match="CRLF"):
        import_documents(project, read_jsonl(write_lines(tmp_path / "x.jsonl", bad)))


def test_line_separators_never_split_a_record(project, tmp_path):
    text = "فقرة أولى\u2028فقرة ثانية\u2029ثالثة\u0085رابعة"
    import_documents(project, read_jsonl(write_lines(tmp_path / "ls.jsonl", {"id": "ls", "text": text})))
    out = tmp_path / "out.jsonl"
    write_jsonl(project, out)
    content = out.read_text(encoding="utf-8")
    assert len(content.splitlines()) == 1
    assert json.loads(content)["text"] == text


def test_the_writer_refuses_a_span_that_does_not_match_its_text():
    broken = record()
    broken["spans"][0]["text"] = "غيره"
    with pytest.raises(Exception, match="does not match its offsets"):
        dumps_record(broken)


@pytest.mark.parametrize(
    "line, message",
    [
        ('{"text": "نص", ', "not valid JSON"),
        ('["نص"]', "JSON object"),
        ('{"title": "بلا نص"}', '"text"'),
        (json.dumps(record(spans=[{"id": 1, "start": 0, "end": 999, "label": "CLAIM"}], relations=[])),
         "outside the text"),
        (json.dumps(record(spans=[{"id": 1, "start": 0, "end": 4, "label": "CLAIM", "text": "خطأ"}],
                           relations=[])), "do not fit this text"),
        (json.dumps(record(spans=[{"id": 1, "start": 0, "end": 4, "label": "PLACE"}], relations=[])),
         "not in the schema"),
        (json.dumps(record(relations=[{"id": 1, "type": "SAID_BY", "head": 2, "child": 9}])),
         "span id 9"),
        (json.dumps(record(text_sha256="0" * 64)), "text_sha256 does not match"),
        (json.dumps({"text": "نص \u0000 فيه"}), "NUL"),
        (json.dumps({"text": "نص \ud800 فيه"}), "surrogate"),
    ],
)
def test_a_bad_line_stops_the_import_names_file_and_line_and_changes_nothing(tmp_path, line, message):
    path = tmp_path / "project.sqlite"
    Project.create(path).close()
    good = json.dumps({"id": "ok", "text": "خبر سليم."}, ensure_ascii=False)
    source = tmp_path / "batch.jsonl"
    source.write_text(good + "\n\n" + line + "\n", encoding="utf-8")
    before = file_state(path)
    with Project.open(path) as project:
        with pytest.raises(InputError) as error:
            import_documents(project, read_jsonl(source))
        assert project.document_count() == 0
    assert str(error.value).startswith(f"{source}:3: ")
    assert message in str(error.value)
    assert file_state(path) == before


arabic = st.sampled_from(list("ابتثجحخدذرزسشصضطظعغفقكلمنهوية") + ["ء", "أ", "إ", "آ", "ى"])
marks = st.sampled_from(["\u064e", "\u064f", "\u0650", "\u0651", "\u0652", "\u0670", "\u0640"])
others = st.sampled_from([" ", "\n", "\r\n", "\u00a0", "\u200f", "\u202b", "A", "z", "7", "«", "»",
                          "😀", "👩\u200d💻", "🇸🇦", "\u2028"])
texts = st.lists(st.one_of(arabic, marks, others), min_size=1, max_size=60).map("".join).filter(
    lambda t: t.strip() and t.lstrip("\ufeff").strip())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=texts, data=st.data())
def test_any_valid_span_survives_export_and_import(tmp_path_factory, text, data):
    stored = text.replace("\r\n", "\n")
    bounds = grapheme_boundaries(stored)
    start = data.draw(st.sampled_from(bounds[:-1]))
    end = data.draw(st.sampled_from([b for b in bounds if b > start]))
    folder = tmp_path_factory.mktemp("prop")
    with Project.create(folder / "a.sqlite") as first:
        import_documents(first, read_jsonl(write_lines(folder / "in.jsonl", {"id": "p", "text": text})))
        key = first.document_by_id("p").key
        first.add_span(key, "mona", start, end, "TARGET")
        write_jsonl(first, folder / "out.jsonl")
    with Project.create(folder / "b.sqlite") as second:
        import_documents(second, read_jsonl(folder / "out.jsonl"))
        (exported,) = records(second)
    (span,) = exported["spans"]
    assert (span["start"], span["end"]) == (start, end)
    assert exported["text"][span["start"]:span["end"]] == stored[start:end] == span["text"]


def test_gold_export_holds_only_adjudicated_documents_with_provenance(project, tmp_path):
    from annotator.core import adjudicate

    other = record(id="doc-2", text=TEXT + "\nسطر آخر.", layer="karim")
    import_documents(project, read_jsonl(write_lines(tmp_path / "in.jsonl", record(), record(layer="karim"), other)))
    first, second = (project.document_by_id(i).key for i in ("doc-1", "doc-2"))
    for key in (first, second):
        adjudicate.accept_agreed(project, key, by="rania")
    adjudicate.set_adjudicated(project, first)
    out = tmp_path / "gold.jsonl"
    write_jsonl(project, out, layer="gold")
    (gold,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert gold["id"] == "doc-1" and gold["layer"] == "gold" and gold["status"] == "done"
    assert [s["provenance"]["decision"] for s in gold["spans"]] == ["agreed", "agreed"]
    assert gold["spans"][0]["provenance"]["sources"] == ["karim", "mona"]
    assert gold["relations"] == [{"id": 1, "type": "SAID_BY", "head": 2, "child": 1}]
    write_jsonl(project, out, layer="gold+review")
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2
    with Project.create(tmp_path / "copy.sqlite") as copy:
        import_documents(copy, read_jsonl(out))
        again = tmp_path / "again.jsonl"
        write_jsonl(copy, again, layer="gold+review")
    assert again.read_bytes() == out.read_bytes()


def test_an_export_that_does_not_read_back_intact_is_not_put_in_place(project, tmp_path, monkeypatch):
    from annotator.core.errors import AnnotatorError
    from annotator.formats import native_export as native

    import_documents(project, read_jsonl(write_lines(tmp_path / "in.jsonl", record())))
    real = native._write_lines

    def lose_a_line(project, out, layer, progress):
        return real(project, out, layer, progress) + 1  # as if a line never reached the disk

    monkeypatch.setattr(native, "_write_lines", lose_a_line)
    out = tmp_path / "out.jsonl"
    out.write_text("the previous export\n", encoding="utf-8")
    with pytest.raises(AnnotatorError, match="read back 1 line"):
        write_jsonl(project, out)
    assert out.read_text(encoding="utf-8") == "the previous export\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_an_export_whose_bytes_change_on_disk_before_the_check_is_not_put_in_place(project, tmp_path, monkeypatch):
    """Every format's export goes through the one atomic writer, which reads back before renaming."""
    from annotator.core.errors import AnnotatorError
    from annotator.formats import common, registry

    import_documents(project, read_jsonl(write_lines(tmp_path / "in.jsonl", record())))
    real = common.verify_written

    def flip_a_byte_then_verify(path, expected_sha256, expected_lines=None):
        data = bytearray(path.read_bytes())
        data[2] ^= 0x01  # inside the first line's first key: the line count stays the same
        path.write_bytes(bytes(data))
        real(path, expected_sha256, expected_lines)

    monkeypatch.setattr(common, "verify_written", flip_a_byte_then_verify)
    for name in ("jsonl", "doccano", "prodigy", "conll"):
        out = tmp_path / f"out-{name}.jsonl"
        out.write_text("the previous export\n", encoding="utf-8")
        with pytest.raises(AnnotatorError, match="did not read back as it was written"):
            registry.export(project, name, out)
        assert out.read_text(encoding="utf-8") == "the previous export\n", name
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


# -- the orjson fast paths (issue #7): the same records, refusals and messages as before --


def _read_both_ways(path: Path):
    """What read_jsonl gives (a list of records, or the InputError's message) along the
    fast path, and along the json-module path that an explicit encoding takes."""
    outcomes = []
    for encoding in (None, "utf-8"):
        try:
            outcomes.append([(r.text, r.line, r.id, r.title, r.meta, r.layer) for r in read_jsonl(path, encoding)])
        except InputError as error:
            outcomes.append(str(error))
    return outcomes


@pytest.mark.parametrize("line", [
    '{"text": "نص", "id": "a", "id": "b"}',
    '{"text": "نص", "meta": {"a": 1, "a": 2}}',
    '{"text": "نص", "meta": {"a": "\\u003a", "a": 1}}',  # an escaped colon in the value kept
    '{"text": "نص" , "meta" : {"a" : 1, "a" : 2}}',
    '{"text": "نص", "meta": {"a:b": 1, "a:b": 2}}',
    '{"text": "نص: «اقتباس»", "meta": {"x": [{"k": "v:w"}, {"k": 1, "k": 1}]}}',
])
def test_a_key_given_twice_is_refused_however_the_line_is_written(tmp_path, line):
    source = tmp_path / "dup.jsonl"
    source.write_text('{"text": "سطر سليم: أول"}\n' + line + "\n", encoding="utf-8")
    fast, slow = _read_both_ways(source)
    assert fast == slow
    assert fast.startswith(f"{source}:2: the key ") and "appears twice" in fast


@pytest.mark.parametrize("meta", [
    {"n": 2 ** 70}, {"n": -(2 ** 64) - 1}, {"n": 2 ** 64 - 1}, {"x": 1.5, "y": 1e-300, "z": -0.0},
    {"s": "a:b", "t": "\u2028\u0085", "q": '"quoted": yes'}, {"deep": [[[{"a": [1, None, True]}]]]},
])
def test_numbers_and_strings_are_read_exactly_as_the_json_module_reads_them(tmp_path, meta):
    source = write_lines(tmp_path / "meta.jsonl", {"text": "نص: عربي", "meta": meta})
    fast, slow = _read_both_ways(source)
    assert fast == slow
    assert fast[0][4] == meta and [type(v) for v in fast[0][4].values()] == [type(v) for v in meta.values()]


keys = st.sampled_from(["a", "b", "a:b", ":", "ن", "\\u003a", "\\u003A", '\\"'])
scalars = st.sampled_from(['1', '1.5', '123456789012345678901234567890', 'true', 'null', '"x"', '"y:z"',
                           '"\\u003a"', '"\\u003A"', '"\\u0000"', '"\\ud800"', '"\\n"', 'NaN', '1e400'])
json_values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3).map(lambda items: "[" + ", ".join(items) + "]"),
        st.lists(st.tuples(keys, st.sampled_from([":", " :", ": "]), inner), max_size=3).map(
            lambda pairs: "{" + ", ".join(f'"{k}"{sep}{v}' for k, sep, v in pairs) + "}"),
    ),
    max_leaves=8,
)


@settings(max_examples=300, deadline=None)
@given(meta=json_values, text=st.sampled_from(['"نص"', '"a:b"', '"x\\r\\ny"', '"\\u003a"']))
def test_fuzz_the_fast_reader_agrees_with_the_json_module(tmp_path_factory, meta, text):
    source = tmp_path_factory.mktemp("agree") / "in.jsonl"
    source.write_text('{"text": ' + text + ', "meta": ' + meta + '}\n', encoding="utf-8")
    fast, slow = _read_both_ways(source)
    assert fast == slow


def test_reading_holds_the_file_and_one_record_not_every_record(tmp_path):
    """The import streams: each record is parsed when the import asks for it."""
    source = write_lines(tmp_path / "many.jsonl", *(
        {"id": f"a{n}", "text": f"{TEXT} (المقال {n})\n\n" + "فقرة طويلة من الخبر. " * 40} for n in range(500)))
    size = source.stat().st_size
    tracemalloc.start()
    try:
        count = sum(1 for _ in read_jsonl(source))
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 500
    # Every record at once would be the file's text again, twice over (two bytes a letter).
    assert peak < 1.5 * size, (peak, size)


def test_a_line_in_another_encoding_switches_the_rest_of_the_file_to_what_detection_reads(tmp_path):
    """ASCII lines read the same in the encoding detected for the whole file; the report
    names that encoding, as when the whole file was read that way."""
    source = tmp_path / "mixed.jsonl"
    arabic = (json.dumps({"id": "c", "text": "بيان الحكومة اليوم"}, ensure_ascii=False) + "\n").encode("cp1256")
    source.write_bytes(b'{"id": "a", "text": "hello"}\n\n{"id": "b", "text": "world"}\n' + arabic)
    read = list(read_jsonl(source))
    assert [(r.id, r.text, r.line) for r in read] == [
        ("a", "hello", 1), ("b", "world", 3), ("c", "بيان الحكومة اليوم", 4)]
    assert [(r.text, r.line) for r in read] == [(r.text, r.line) for r in read_jsonl(source, "cp1256")]
    with Project.create(tmp_path / "p.sqlite") as project:
        report = import_documents(project, read_jsonl(source))
    assert report.encodings == {str(source): "Windows-1256"}


def test_a_utf8_line_then_lines_in_another_encoding_are_refused_not_misread(tmp_path):
    """Detection reads the whole file as Windows-1256, which would turn the UTF-8 first
    line into other letters; the file is refused at the line where the encoding changes."""
    source = tmp_path / "two-encodings.jsonl"
    later = "".join(json.dumps({"text": "بيان الحكومة حول الأزمة الاقتصادية " * 3}, ensure_ascii=False) + "\n"
                    for _ in range(20))
    source.write_bytes('{"text": "café"}\n'.encode("utf-8") + later.encode("cp1256"))
    with pytest.raises(InputError, match="not in the encoding of the lines before it") as refused:
        list(read_jsonl(source))
    assert str(refused.value).startswith(f"{source}:2: ")


def test_utf8_lines_then_a_broken_one_refuse_the_file_naming_that_line(tmp_path):
    source = tmp_path / "broken.jsonl"
    good = (json.dumps({"text": TEXT}, ensure_ascii=False) + "\n").encode("utf-8")
    source.write_bytes(good * 3 + (json.dumps({"text": "بيان"}, ensure_ascii=False) + "\n").encode("cp1256"))
    with Project.create(tmp_path / "p.sqlite") as project:
        with pytest.raises(InputError, match="looks like UTF-8 but is not valid UTF-8") as refused:
            import_documents(project, read_jsonl(source))
        assert project.document_count() == 0
    assert str(refused.value).startswith(f"{source}:4: ")


def test_an_imported_text_is_stored_as_text_and_its_meta_as_json(project, tmp_path):
    import_documents(project, read_jsonl(write_lines(tmp_path / "in.jsonl", record())))
    type_of = "typeof(text)" if isinstance(project.path, Path) else "CAST(pg_typeof(text) AS TEXT)"
    stored = project.db.execute(f"SELECT {type_of}, text, meta FROM documents").fetchone()
    assert stored[:2] == ("text", TEXT)
    assert json.loads(stored[2]) == {"source": "test"}


def test_export_lines_read_back_as_the_records_with_spans_in_offset_order(project, tmp_path):
    text = "قال الوزير: «الخطة ستنجح» في العام المقبل.\nسطر ثان."
    spans = [  # given out of order; exported by start, end, label, then the order they were added
        {"id": 1, "start": 12, "end": 25, "label": "CLAIM", "attrs": {"stance": "FAVOR"}},
        {"id": 2, "start": 0, "end": 10, "label": "SPEAKER"},
        {"id": 3, "start": 12, "end": 17, "label": "TARGET"},
        {"id": 4, "start": 12, "end": 17, "label": "CLAIM", "attrs": {"stance": "AGAINST"}},
    ]
    import_documents(project, read_jsonl(write_lines(
        tmp_path / "in.jsonl", {"id": "d", "text": text, "meta": {"n": 2 ** 70, "f": 0.1}, "layer": "mona",
                                "spans": spans, "relations": [{"type": "SAID_BY", "head": 1, "child": 2}]},
        {"id": "bare", "text": "بلا طبقة"})))
    out = tmp_path / "out.jsonl"
    assert write_jsonl(project, out) == 2
    lines = out.read_bytes().split(b"\n")
    assert lines[-1] == b"" and [json.loads(line) for line in lines[:-1]] == list(records(project))
    first = json.loads(lines[0])
    assert [(s["start"], s["end"], s["label"]) for s in first["spans"]] == [
        (0, 10, "SPEAKER"), (12, 17, "CLAIM"), (12, 17, "TARGET"), (12, 25, "CLAIM")]
    assert [s["id"] for s in first["spans"]] == [1, 2, 3, 4]
    assert first["relations"] == [{"id": 1, "type": "SAID_BY", "head": 4, "child": 1}]
    assert first["meta"] == {"n": 2 ** 70, "f": 0.1}


def test_a_record_holding_nan_is_refused_as_before():
    from annotator.formats.native_export import encode_record

    for where in ("meta", "attrs"):
        broken = record()
        if where == "meta":
            broken["meta"] = {"score": float("nan")}
        else:
            broken["spans"][1]["attrs"] = {"stance": float("inf")}
        with pytest.raises(ValueError, match="Out of range float"):
            encode_record(broken)
    assert json.loads(encode_record(record())) == record()


def test_a_write_that_fails_in_the_writer_thread_fails_the_export(tmp_path):
    from annotator.formats.native_export import _ThreadedWriter

    target = tmp_path / "read-only.bin"
    target.write_bytes(b"")
    with open(target, "rb") as read_only:  # a real file that refuses writes, as a full disk would
        out = _ThreadedWriter(read_only)
        for _ in range(3):
            out.write(b"x" * (1 << 20))
        with pytest.raises(OSError):
            out.close()
    assert not out.thread.is_alive()
