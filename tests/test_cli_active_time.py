"""``annotator stats`` shows each annotator's active time: total, and the median per
document and per 1,000 words."""

import json

from click.testing import CliRunner

from annotator.cli import cli
from annotator.core.ingest import DocumentInput, import_documents
from annotator.core.store import Project
from annotator.core.store.active_time import add_active_time

# Written for these tests: two short news sentences, of 6 and 9 words.
FIRST = "قال المتحدث إن الاجتماع سيعقد غدا."
SECOND = "أعلنت الوزارة أن الخطة جاهزة للتنفيذ في الربيع المقبل."


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def timed_project(path):
    with Project.create(path) as project:
        import_documents(project, [DocumentInput(text=FIRST, path="a.txt", id="a"),
                                   DocumentInput(text=SECOND, path="b.txt", id="b")])
        first, second = project.document_by_id("a").key, project.document_by_id("b").key
        add_active_time(project, first, "mona", 60)
        add_active_time(project, second, "mona", 180)
        add_active_time(project, first, "omar", 90)
    return path


def test_stats_shows_each_annotators_median_minutes(tmp_path):
    path = timed_project(tmp_path / "p.sqlite")
    shown = run("stats", path)
    assert shown.exit_code == 0
    assert ("  mona active time: 4.0 min on 2 documents, median 2.0 min per document, "
            "250.0 min per 1,000 words") in shown.output.splitlines()
    assert ("  omar active time: 1.5 min on 1 document, median 1.5 min per document, "
            "250.0 min per 1,000 words") in shown.output.splitlines()
    figures = json.loads(run("stats", path, "--json").output)
    assert figures["active_time"]["mona"] == {"documents": 2, "minutes": 4.0, "median_minutes_per_document": 2.0,
                                              "median_minutes_per_1000_words": 250.0}


def test_stats_of_a_project_without_time_says_nothing_of_it(tmp_path):
    path = tmp_path / "p.sqlite"
    Project.create(path).close()
    shown = run("stats", path)
    assert shown.exit_code == 0 and "active time" not in shown.output
    assert json.loads(run("stats", path, "--json").output)["active_time"] == {}
