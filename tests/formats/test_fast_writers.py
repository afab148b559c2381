"""The fast writers write what the plain ones wrote, on many random documents: the
Prodigy task line against the task the writer used to build and ``dumps_line``, the
CoNLL block against the rows the writer used to make token by token, and
``spaced_json`` against ``json.dumps``. The plain versions are kept here, as they were."""

from __future__ import annotations

import json
import random
from bisect import bisect_left, bisect_right
from typing import Any

from annotator.formats import conll, prodigy
from annotator.formats.common import ExportReport, dumps_line, spaced_json
from annotator.formats.tokens import _TOKEN, split_at
from tests.formats.test_tokens import ALPHABET

PIECES = ALPHABET + ["قال", "الوزير", "Hydromar", "2.5", "%", "\\", '"', "{", "}", ":", ","]


def random_record(draw: random.Random) -> dict[str, Any]:
    text = "".join(draw.choice(PIECES) for _ in range(draw.randint(0, 30)))
    bounds = [0, *(m.end() for m in regex_clusters(text))]  # span ends on grapheme boundaries
    spans = []
    for number in range(1, draw.randint(0, 4) + 1):
        if len(bounds) < 2:
            break
        start, end = sorted(draw.sample(bounds, 2))
        attrs = draw.choice([{}, {"stance": "FAVOR"}, {"entity": 'ق "x", y: z\\'}, {"score": "1"}])
        spans.append({"id": number, "start": start, "end": end, "label": draw.choice(["CLAIM", "SPEAKER"]),
                      "text": text[start:end], "attrs": attrs})
    relations = [{"id": 1, "type": "SAID_BY", "head": spans[0]["id"], "child": spans[-1]["id"]}] if spans else []
    return {"id": f"d{draw.randint(0, 9)}", "title": "t", "text": text, "meta": draw.choice([{}, {"k": "v, w: x"}]),
            "layer": draw.choice([None, "mona"]), "status": "done", "spans": spans, "relations": relations}


def regex_clusters(text: str):
    import regex

    return regex.finditer(r"\X", text)


def plain_prodigy_task(record: dict[str, Any], report: ExportReport) -> dict[str, Any]:
    """The Prodigy task as the writer built it before it was made faster."""
    text = record["text"]
    cuts = [offset for span in record["spans"] for offset in (span["start"], span["end"])]
    tokens, _ = split_at([m.span() for m in _TOKEN.finditer(text)], cuts)
    starts, ends = [s for s, _ in tokens], [e for _, e in tokens]
    spans = {}
    for span in record["spans"]:
        result = {"start": span["start"], "end": span["end"], "text": span["text"],
                  "token_start": bisect_left(ends, span["start"] + 1),
                  "token_end": bisect_right(starts, span["end"] - 1) - 1, "label": span["label"]}
        result.update({k: v for k, v in span["attrs"].items() if k not in prodigy.SPAN_KEYS})
        spans[span["id"]] = result
    task: dict[str, Any] = {"_input_hash": prodigy.stable_hash(text)}
    if record["layer"] is not None:
        task.update({"_annotator_id": record["layer"], "_session_id": record["layer"], "answer": "accept"})
    task["meta"] = prodigy._meta(record, report)
    task.update({
        "text": text,
        "tokens": [{"text": text[s:e], "start": s, "end": e, "id": n, "ws": text[e:e + 1].isspace()}
                   for n, (s, e) in enumerate(tokens)],
        "spans": list(spans.values()),
        "relations": [prodigy._relation(relation, spans) for relation in record["relations"]],
    })
    task["_task_hash"] = prodigy.stable_hash(text, record["layer"], task["spans"], task["relations"])
    return task


def plain_conll_rows(record: dict[str, Any]) -> list[str]:
    """The token rows as the CoNLL writer made them before, a token at a time."""
    report = ExportReport()
    kept = conll.keep_one_label_per_token(record["spans"], report)
    tokens, _ = split_at([m.span() for m in _TOKEN.finditer(record["text"])],
                         [o for s in kept for o in (s["start"], s["end"])])
    tags = ["O"] * len(tokens)
    for span in kept:
        inside = [n for n, (s, e) in enumerate(tokens) if span["start"] <= s and e <= span["end"]]
        for n in inside:
            tags[n] = ("B-" if n == inside[0] else "I-") + span["label"]
    return [f"{record['text'][s:e]}\t{tag}" for (s, e), tag in zip(tokens, tags)]


def test_the_prodigy_line_is_the_plain_writers() -> None:
    draw = random.Random(5)
    for _ in range(3000):
        record = random_record(draw)
        line, _ = prodigy.task_line(record, ExportReport())
        expected = (dumps_line(plain_prodigy_task(record, ExportReport())) + "\n").encode("utf-8")
        assert line == expected, repr(record["text"])


def test_the_conll_rows_are_the_plain_writers() -> None:
    draw = random.Random(6)
    for _ in range(3000):
        record = random_record(draw)
        block, _ = conll.document_block(record, ExportReport())
        rows = [line for line in block.split("\n") if line and not line.startswith("# ")]
        assert rows == [row for row in plain_conll_rows(record) if row], repr(record["text"])


def test_spaced_json_is_json_dumps() -> None:
    draw = random.Random(7)
    words = ['"', "\\", ",", ":", ", ", ": ", "ق", "x", "\u2028", "\n", "{", "]", "1"]

    def value(depth: int) -> Any:
        kind = draw.randint(0, 6 if depth < 3 else 3)
        if kind == 0:
            return "".join(draw.choice(words) for _ in range(draw.randint(0, 4)))
        if kind == 1:
            return draw.choice([0, -5, 2**40, True, False, None])
        if kind in (2, 3):
            return draw.choice(words)
        if kind in (4, 5):
            return {"".join(draw.choice(words) for _ in range(2)): value(depth + 1) for _ in range(draw.randint(0, 3))}
        return [value(depth + 1) for _ in range(draw.randint(0, 3))]

    written = 0
    for _ in range(5000):
        item = value(0)
        for sort_keys in (False, True):
            spaced = spaced_json(item, sort_keys)
            if spaced is not None:
                written += 1
                assert spaced == json.dumps(item, ensure_ascii=False, sort_keys=sort_keys).encode("utf-8")
    assert written > 5000  # most values have no escaped quote: orjson wrote them
