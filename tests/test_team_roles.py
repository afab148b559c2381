"""Roles on a team's server project, enforced by the database (issue 19, item 3).

Each test makes a project as the server's superuser (its owner and lead), imports three
Arabic articles with layers by mona, karim and gold plus a row of every table of theirs,
and puts mona and karim on the team as annotators and huda as reviewer. Then it attacks
as each member with plain SQL over TCP (psycopg, no Annotator code in between): what the
database lets them read and change is what the role says, whatever the client.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner

from annotator.cli import cli
from annotator.core.store import Project

ARTICLES = [
    ("a1", "قال وزير الخارجية إن المفاوضات ستستأنف الأسبوع المقبل في القاهرة."),
    ("a2", "أكدت المتحدثة باسم الحكومة أن الميزانية الجديدة تدعم التعليم والصحة."),
    ("a3", "صرح رئيس البلدية بأن مشروع النقل العام سيكتمل قبل نهاية العام."),
]
LAYERS = ("mona", "karim", "gold")
MEMBERS = {"mona": "annotator", "karim": "annotator", "huda": "reviewer"}
# The corpus search's caches, where the project has them: rows of a span, and rows of a
# layer. A reviewer's search, or that of an annotator who may see others, folds every span
# they read, so they may write those rows too (an annotation itself never changes).
CACHES_OF_SPANS = {"span_words", "span_words_pending"}
CACHES_OF_LAYERS = {"label_signatures", "label_signatures_pending"}


def _record(doc_id: str, text: str, layer: str) -> dict:
    first, second = text.split(" ")[:2]
    return {"id": doc_id, "text": text, "layer": layer, "status": "in_progress",
            "spans": [{"id": 1, "start": 0, "end": len(first), "label": "CLAIM"},
                      {"id": 2, "start": len(first) + 1, "end": len(first) + 1 + len(second), "label": "SPEAKER"}],
            "relations": [{"id": 1, "type": "SAID_BY", "head": 1, "child": 2}]}


def _write_jsonl(path: Path, layer: str, articles=ARTICLES) -> Path:
    path.write_text("".join(json.dumps(_record(doc_id, text, layer), ensure_ascii=False) + "\n"
                            for doc_id, text in articles), encoding="utf-8")
    return path


class Team:
    """The project's database, and a connection to it as anyone."""

    def __init__(self, cluster, database: str, tmp_path: Path) -> None:
        self.cluster = cluster
        self.database = database
        self.tmp_path = tmp_path
        self.members: set[str] = set()

    def url(self, user: str = "postgres") -> str:
        if user == "postgres":
            return self.cluster.url(self.database)
        return self.cluster.url(self.database, user, f"secret-{user}")

    def connect(self, user: str) -> psycopg.Connection:
        return psycopg.connect(self.url(user), autocommit=True)

    def add(self, name: str, role: str, by: str = "postgres") -> None:
        password = self.tmp_path / f"{name}.password"
        password.write_text(f"secret-{name}\n")
        done = CliRunner().invoke(cli, ["team", "add", self.url(by), name, "--role", role,
                                        "--password-file", str(password)])
        assert done.exit_code == 0, done.output
        self.members.add(name)

    def layer_ids(self) -> dict[str, int]:
        with self.connect("postgres") as conn:
            return dict(conn.execute("SELECT name, id FROM layers").fetchall())

    def state(self) -> dict[str, set[tuple[str, str]]]:
        """Every table's rows, each with its row version (xmin): an UPDATE that rewrites a
        row to the same values still shows."""
        with self.connect("postgres") as conn:
            tables = [row[0] for row in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")]
            return {table: {(row[0], row[1]) for row in conn.execute(
                f"SELECT xmin::text, row_to_json(t)::text FROM {table} t")} for table in tables}


@pytest.fixture
def team(pg_cluster, tmp_path):
    database = pg_cluster.new_database()
    made = Team(pg_cluster, database, tmp_path)
    Project.create(made.url()).close()
    for layer in LAYERS:
        done = CliRunner().invoke(cli, ["import", made.url(), str(_write_jsonl(tmp_path / f"{layer}.jsonl", layer))])
        assert done.exit_code == 0, done.output
    ids = made.layer_ids()
    with made.connect("postgres") as conn:
        for layer in LAYERS:
            for key in (1, 2, 3):
                values = {"d": key, "l": ids[layer], "n": layer}
                conn.execute("INSERT INTO notes (document, layer, text, created_at, updated_at) "
                             "VALUES (%(d)s, %(l)s, 'ملاحظة ' || %(n)s, 'now', 'now')", values)
                conn.execute("INSERT INTO active_time VALUES (%(d)s, %(l)s, '2026-12-07', 12.5)", values)
                conn.execute("INSERT INTO document_labels (document, layer, name, value, updated_at) "
                             "VALUES (%(d)s, %(l)s, 'topic', 'politics', 'now')", values)
                conn.execute("INSERT INTO rejected_suggestions VALUES (%(d)s, %(l)s, 'suggestion-' || %(n)s, 'now')",
                             values)
                conn.execute("INSERT INTO edit_log (at, layer, document, action) VALUES ('now', %(n)s, %(d)s, "
                             "'add_span')", values)
                if layer != "gold":
                    conn.execute("INSERT INTO assignments VALUES (%(d)s, %(l)s, 'now')", values)
        conn.execute("INSERT INTO provenance (span, decision, decided_by, decided_at) "
                     "SELECT id, 'agreed', 'huda', 'now' FROM spans WHERE layer = %s", [ids["gold"]])
        conn.execute("INSERT INTO rejections (document, unit, decided_by, decided_at) VALUES (1, 'u1', 'huda', 'now')")
        if conn.execute("SELECT to_regclass('span_words') IS NOT NULL").fetchone()[0]:  # the search's caches
            conn.execute("INSERT INTO span_words SELECT id, label, label FROM spans ON CONFLICT DO NOTHING")
            conn.execute("INSERT INTO label_signatures SELECT DISTINCT document, layer, label, 'signature' "
                         "FROM spans ON CONFLICT DO NOTHING")
            conn.execute("INSERT INTO span_words_pending SELECT id FROM spans ON CONFLICT DO NOTHING")
            conn.execute("INSERT INTO label_signatures_pending SELECT DISTINCT document, layer, label "
                         "FROM spans ON CONFLICT DO NOTHING")
    for name, role in MEMBERS.items():
        made.add(name, role)
    yield made
    pg_cluster.admin(f"DROP DATABASE {database} WITH (FORCE)")
    groups = [f"annotator_{database}_{role}" for role in ("annotator", "reviewer", "lead")]
    for role in [*made.members, *groups]:
        pg_cluster.admin(f'DROP ROLE IF EXISTS "{role}"')


def _owner_of(table: str, row: str, ids: dict[str, int], name: str, span_layers: dict[int, int]) -> bool:
    """Whether a row (as row_to_json gives it) of ``table`` is of ``name``'s layer."""
    values = json.loads(row)
    if table in CACHES_OF_SPANS:
        return span_layers.get(values["span"]) == ids[name]
    if table in ("provenance", "rejections"):  # the gold layer's decisions
        return name == "gold"
    if "layer" in values and table != "edit_log":
        return values["layer"] == ids[name]
    if table == "edit_log":
        return values["layer"] == name
    return False


def _changed(before, after) -> dict[str, set]:
    """Per table, the row versions gone and the ones new."""
    return {table: (before[table] - after.get(table, set())) | (after.get(table, set()) - before[table])
            for table in before}


def _attack(conn: psycopg.Connection, statements: list[str]) -> list[str]:
    refused = []
    for statement in statements:
        try:
            conn.execute(statement)
        except psycopg.errors.InsufficientPrivilege:
            refused.append(statement)
    return refused


def _tables(team: Team) -> list[str]:
    return sorted(team.state())


def _first_column(team: Team, table: str) -> str:
    with team.connect("postgres") as conn:
        return conn.execute("SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' "
                            "AND table_name = %s ORDER BY ordinal_position LIMIT 1", [table]).fetchone()[0]


def _only_own_rows_changed(team: Team, before, name: str, caches_of: tuple[str, ...] = ()) -> None:
    """Only rows of ``name``'s layer changed; in the search's caches, also rows of the
    layers ``caches_of`` (what the member may read: their search folds it)."""
    ids = team.layer_ids()
    span_layers = {json.loads(row)["id"]: json.loads(row)["layer"] for _, row in before["spans"]}

    def allowed(table: str, row: str) -> bool:
        if table in CACHES_OF_SPANS | CACHES_OF_LAYERS:
            return any(_owner_of(table, row, ids, layer, span_layers) for layer in (name, *caches_of))
        return _owner_of(table, row, ids, name, span_layers)

    changed = _changed(before, team.state())
    strangers = {table: sorted(row for _, row in rows if not allowed(table, row)) for table, rows in changed.items()}
    assert {table: rows for table, rows in strangers.items() if rows} == {}


def test_an_annotator_who_updates_and_deletes_every_table_changes_only_their_own_layer(team):
    tables = _tables(team)
    before = team.state()
    with team.connect("mona") as mona:
        updates = [f'UPDATE {table} SET "{_first_column(team, table)}" = "{_first_column(team, table)}"'
                   for table in tables]
        refused = _attack(mona, updates)
    _only_own_rows_changed(team, before, "mona")
    changed = _changed(before, team.state())
    for table in ("spans", "relations", "document_status", "notes", "active_time", "document_labels",
                  "rejected_suggestions"):
        assert changed[table], f"mona's own rows of {table} were not updated: the attack proved nothing"
    assert "UPDATE documents SET \"key\" = \"key\"" in refused

    before = team.state()
    with team.connect("mona") as mona:
        refused = _attack(mona, [f"DELETE FROM {table}" for table in reversed(tables)]
                          + [f"TRUNCATE {table} CASCADE" for table in tables])
    _only_own_rows_changed(team, before, "mona")
    after = team.state()
    ids = team.layer_ids()
    assert not [row for row in after["spans"] if json.loads(row[1])["layer"] == ids["mona"]]  # hers are gone
    assert len([row for row in after["spans"] if json.loads(row[1])["layer"] == ids["karim"]]) == 6
    assert len(after["documents"]) == 3 and len(after["layers"]) == 3
    assert all(f"TRUNCATE {table} CASCADE" in refused for table in tables)


def test_an_annotator_reads_the_documents_and_only_their_own_layer(team):
    ids = team.layer_ids()
    with team.connect("mona") as mona:
        assert mona.execute("SELECT count(*) FROM documents").fetchone()[0] == 3
        assert mona.execute("SELECT name FROM layers").fetchall() == [("mona",)]
        assert mona.execute("SELECT name FROM annotators").fetchall() == [("mona",)]
        for table in ("spans", "relations", "document_status", "notes", "active_time", "document_labels",
                      "rejected_suggestions", "assignments"):
            layers = {row[0] for row in mona.execute(f"SELECT layer FROM {table}")}
            assert layers == {ids["mona"]}, table
        assert {row[0] for row in mona.execute("SELECT layer FROM edit_log")} <= {"mona", None}
        if mona.execute("SELECT to_regclass('span_words') IS NOT NULL").fetchone()[0]:  # the search's caches
            for table in ("span_words", "span_words_pending"):
                layers = {row[0] for row in mona.execute(f"SELECT s.layer FROM {table} w JOIN spans s ON s.id = w.span")}
                hidden = mona.execute(f"SELECT count(*) FROM {table} WHERE span NOT IN (SELECT id FROM spans)")
                assert layers == {ids["mona"]} and hidden.fetchone()[0] == 0, table
            for table in ("label_signatures", "label_signatures_pending"):
                assert {row[0] for row in mona.execute(f"SELECT layer FROM {table}")} == {ids["mona"]}, table
        assert mona.execute("SELECT count(*) FROM provenance").fetchone()[0] == 0
        assert mona.execute("SELECT count(*) FROM rejections").fetchone()[0] == 0
        # the policy holds for whatever the query asks, by id or by join
        assert mona.execute("SELECT count(*) FROM spans WHERE layer = %s", [ids["karim"]]).fetchone()[0] == 0
        # a settings table of her own in front of the project's does not switch the policies
        mona.execute("CREATE TEMP TABLE settings (key text, value text)")
        mona.execute("INSERT INTO pg_temp.settings VALUES ('annotators_see_each_other', 'true')")
        mona.execute("SET search_path = pg_temp, public")
        assert {row[0] for row in mona.execute("SELECT layer FROM public.spans")} == {ids["mona"]}
        mona.execute("RESET search_path")
        # SET ROLE to the group does not make her anyone else: the policies name the login role
        mona.execute('SET ROLE "' + f"annotator_{team.database}_annotator" + '"')
        assert {row[0] for row in mona.execute("SELECT layer FROM spans")} == {ids["mona"]}


def test_an_annotator_cannot_write_into_another_layer_or_make_one(team):
    ids = team.layer_ids()
    before = team.state()
    with team.connect("mona") as mona:
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            mona.execute('INSERT INTO spans (document, layer, start, "end", label) VALUES (1, %s, 0, 3, %s)',
                         [ids["karim"], "CLAIM"])
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="karim's layer is not theirs"):
            mona.execute("INSERT INTO layers (name, kind) VALUES ('karim', 'annotator')")
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="zaid's layer is not theirs"):
            mona.execute("INSERT INTO annotators (name, created_at) VALUES ('zaid', 'now')")
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="the gold layer is not theirs"):
            mona.execute("INSERT INTO layers (name, kind) VALUES ('gold', 'gold')")
        # her own span moved into karim's layer, or a relation tying karim's spans in her layer: refused
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            mona.execute("UPDATE spans SET layer = %s WHERE layer = %s", [ids["karim"], ids["mona"]])
        karim_span = team.connect("postgres").execute("SELECT id FROM spans WHERE layer = %s LIMIT 1",
                                                      [ids["karim"]]).fetchone()[0]
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            mona.execute("INSERT INTO relations (document, layer, type, head, child) "
                         "SELECT document, layer, 'SAID_BY', id, %s FROM spans WHERE layer = %s LIMIT 1",
                         [karim_span, ids["mona"]])
        for statement in ("INSERT INTO documents (key, id, title, text, text_sha256, imported_at) "
                          "VALUES (9, 'x', 'x', 'نص', repeat('0', 64), 'now')",
                          "UPDATE settings SET value = value",
                          "INSERT INTO assignments VALUES (1, %s, 'now')" % ids["mona"],
                          "INSERT INTO edit_log (at, layer, action) VALUES ('now', 'karim', 'add_span')",
                          "SELECT setval('spans_id_seq', 1)"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                mona.execute(statement)
        # what she may do: her own span
        mona.execute('INSERT INTO spans (document, layer, start, "end", label) VALUES (1, %s, 0, 3, %s)',
                     [ids["mona"], "CLAIM"])
    assert len(team.state()["spans"]) == len(before["spans"]) + 1


def test_a_new_annotator_makes_their_own_layer_and_no_other(team):
    team.add("salma", "annotator")
    with team.connect("postgres") as conn:  # as if the lead had not made it at `team add`
        conn.execute("DELETE FROM layers WHERE name = 'salma'")
        conn.execute("DELETE FROM annotators WHERE name = 'salma'")
    with team.connect("salma") as salma:
        salma.execute("INSERT INTO annotators (name, created_at) VALUES ('salma', 'now')")
        salma.execute("INSERT INTO layers (name, kind, annotator) "
                      "VALUES ('salma', 'annotator', (SELECT id FROM annotators WHERE name = 'salma'))")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            salma.execute("INSERT INTO layers (name, kind, annotator) VALUES ('salma2', 'annotator', NULL)")
        assert salma.execute("SELECT name FROM layers").fetchall() == [("salma",)]


def test_a_reviewer_reads_every_layer_and_writes_only_gold(team):
    ids = team.layer_ids()
    with team.connect("huda") as huda:
        assert {row[0] for row in huda.execute("SELECT layer FROM spans")} == set(ids.values())
        assert huda.execute("SELECT count(*) FROM layers").fetchone()[0] == 3
        assert huda.execute("SELECT count(*) FROM provenance").fetchone()[0] == 6
        huda.execute('INSERT INTO spans (document, layer, start, "end", label) VALUES (2, %s, 0, 4, %s)',
                     [ids["gold"], "CLAIM"])
        huda.execute("INSERT INTO rejections (document, unit, decided_by, decided_at) VALUES (2, 'u2', 'huda', 'now')")
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            huda.execute('INSERT INTO spans (document, layer, start, "end", label) VALUES (2, %s, 0, 4, %s)',
                         [ids["mona"], "CLAIM"])
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="huda may write only the gold layer"):
            huda.execute("INSERT INTO layers (name, kind) VALUES ('huda', 'annotator')")
    tables = _tables(team)
    before = team.state()
    with team.connect("huda") as huda:
        _attack(huda, [f'UPDATE {table} SET "{_first_column(team, table)}" = "{_first_column(team, table)}"'
                       for table in tables if table not in ("provenance", "rejections")])
        _attack(huda, [f"DELETE FROM {table}" for table in reversed(tables)
                       if table not in ("provenance", "rejections")])
    _only_own_rows_changed(team, before, "gold", caches_of=LAYERS)
    assert not [row for row in team.state()["spans"] if json.loads(row[1])["layer"] == ids["gold"]]


def test_the_lead_does_everything_and_manages_the_team(team):
    team.add("lina", "lead")
    ids = team.layer_ids()
    with team.connect("lina") as lina:
        assert {row[0] for row in lina.execute("SELECT layer FROM spans")} == set(ids.values())
        lina.execute("DELETE FROM spans WHERE layer = %s", [ids["karim"]])
        lina.execute("INSERT INTO assignments VALUES (3, %s, 'now')", [ids["gold"]])
        lina.execute("""INSERT INTO settings VALUES ('x', '1')""")
    text = "خبر جديد عن الانتخابات."
    done = CliRunner().invoke(cli, ["import", team.url("lina"),
                                    str(_write_jsonl(team.tmp_path / "new.jsonl", "karim", [("a4", text)]))])
    assert done.exit_code == 0, done.output
    team.add("omar", "annotator", by="lina")
    with team.connect("omar") as omar:
        assert omar.execute("SELECT name FROM layers").fetchall() == [("omar",)]
    listed = CliRunner().invoke(cli, ["team", "list", team.url("lina")])
    assert listed.exit_code == 0, listed.output
    assert listed.output.split("\n")[:5] == ["huda   reviewer", "karim  annotator", "lina   lead",
                                             "mona   annotator", "omar   annotator"]


def test_when_the_lead_lets_annotators_see_each_other_mona_reads_karim_but_still_cannot_write(team):
    ids = team.layer_ids()
    with team.connect("mona") as mona:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            mona.execute("INSERT INTO settings VALUES ('annotators_see_each_other', 'true')")
    done = CliRunner().invoke(cli, ["team", "see-each-other", team.url(), "on"])
    assert done.exit_code == 0, done.output
    before = team.state()
    with team.connect("mona") as mona:
        assert {row[0] for row in mona.execute("SELECT layer FROM spans")} == {ids["mona"], ids["karim"]}
        assert {row[0] for row in mona.execute("SELECT name FROM layers")} == {"mona", "karim"}
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            mona.execute('INSERT INTO spans (document, layer, start, "end", label) VALUES (1, %s, 0, 3, %s)',
                         [ids["karim"], "CLAIM"])
        _attack(mona, [f"UPDATE {table} SET \"{_first_column(team, table)}\" = \"{_first_column(team, table)}\""
                       for table in _tables(team)])
        _attack(mona, [f"DELETE FROM {table}" for table in reversed(_tables(team))])
    _only_own_rows_changed(team, before, "mona", caches_of=("karim",))
    assert CliRunner().invoke(cli, ["team", "see-each-other", team.url(), "off"]).exit_code == 0
    with team.connect("mona") as mona:
        assert mona.execute("SELECT count(*) FROM spans WHERE layer = %s", [ids["karim"]]).fetchone()[0] == 0


def test_importing_into_another_layer_through_the_app_is_refused_in_one_line(team):
    before = team.state()
    file = _write_jsonl(team.tmp_path / "karim-by-mona.jsonl", "mona")
    done = CliRunner().invoke(cli, ["import", team.url("mona"), str(file), "--annotator", "karim"])
    assert done.exit_code == 1
    assert done.output.strip() == "annotator: mona may write only their own layer; karim's layer is not theirs " \
                                  "(nothing was changed)"
    assert team.state() == before
    new = _write_jsonl(team.tmp_path / "new.jsonl", "mona", [("a9", "وثيقة جديدة لم تستورد من قبل.")])
    done = CliRunner().invoke(cli, ["import", team.url("mona"), str(new)])
    assert done.exit_code == 1
    assert done.output.strip().splitlines() == [
        f"annotator: mona may not change documents of {team.url('mona').replace(':secret-mona', '')}: "
        "only the project's lead can (nothing was changed)"]
    assert team.state() == before
    # her own layer she may import into
    done = CliRunner().invoke(cli, ["import", team.url("mona"), str(file), "--replace"])
    assert done.exit_code == 0, done.output


def test_only_the_lead_manages_the_team(team):
    password = team.tmp_path / "p"
    password.write_text("x\n")
    done = CliRunner().invoke(cli, ["team", "add", team.url("mona"), "zaid", "--role", "lead",
                                    "--password-file", str(password)])
    assert done.exit_code == 1
    assert done.output.startswith("annotator: only the project's lead can manage the team of ")
    assert len(done.output.strip().splitlines()) == 1
    done = CliRunner().invoke(cli, ["team", "remove", team.url("mona"), "karim"])
    assert done.exit_code == 1 and "only the project's lead" in done.output
    done = CliRunner().invoke(cli, ["team", "list", "/tmp/not-a-server.sqlite"])
    assert done.exit_code == 1 and "PostgreSQL server" in done.output


def test_team_list_and_remove(team):
    done = CliRunner().invoke(cli, ["team", "list", team.url()])
    assert done.exit_code == 0, done.output
    assert done.output.splitlines() == ["huda   reviewer", "karim  annotator", "mona   annotator",
                                        "blind annotation: each annotator sees only their own layer"]
    mona = team.connect("mona")
    done = CliRunner().invoke(cli, ["team", "remove", team.url(), "mona"])
    assert done.exit_code == 0, done.output
    assert "mona is off the team" in done.output and "dropped" in done.output
    with pytest.raises(psycopg.errors.InsufficientPrivilege):  # her open session can no longer write
        mona.execute("DELETE FROM spans")
    mona.close()
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        team.connect("mona")
    listed = CliRunner().invoke(cli, ["team", "list", team.url()])
    assert "mona" not in listed.output
    assert "mona" in team.layer_ids()  # her work stays


def test_each_member_does_their_own_work_through_the_app(team):
    """The roles take nothing an annotator or a reviewer needs: their actions through the
    store all pass as they would on the lead's connection."""
    from annotator.core import adjudicate
    from annotator.core.store import active_time, notes

    with Project.open(team.url("mona")) as mona:
        assert mona.layer_names() == ["mona"]
        start = ARTICLES[1][1].index("باسم")
        added = mona.add_span(2, "mona", start, start + 4, "SPEAKER").spans_added[0]
        claim = next(span for span in mona.spans(2, "mona") if span.label == "CLAIM")
        mona.add_relation("SAID_BY", claim.id, added.id)
        mona.set_status(2, "mona", "done")
        notes.put_note(mona, 2, "mona", added.id, notes.written(2, "mona", added.id, "فاعل القول", None))
        active_time.add_active_time(mona, 2, "mona", 30.0)
        mona.reject_suggestion(2, "mona", "some-suggestion")
        mona.delete_span(added.id)
        assert mona.status(2, "mona") == "done"
        assert mona.spans(2, "karim") == []  # hidden, not refused: she reads what she may
    with team.connect("postgres") as lead:  # document 3 not yet reviewed
        lead.execute("DELETE FROM spans WHERE document = 3 AND layer = %s", [team.layer_ids()["gold"]])
    with Project.open(team.url("huda")) as huda:
        unit = adjudicate.line_up(huda, 3)[0]
        adjudicate.pick(huda, 3, unit.key, "karim", by="huda")
        adjudicate.reject(huda, 3, adjudicate.line_up(huda, 3)[-1].key, by="huda", reason="غامض")
        adjudicate.set_adjudicated(huda, 3)
        assert huda.status(3, "gold") == "done"
        with pytest.raises(Exception, match="huda may not write these rows of spans"):
            huda.add_span(3, "mona", 0, 3, "CLAIM")


def test_someone_not_on_the_team_is_told_so_in_one_line(team):
    team.cluster.admin("CREATE ROLE stranger LOGIN PASSWORD 'secret-stranger'")
    team.members.add("stranger")
    done = CliRunner().invoke(cli, ["stats", team.url("stranger")])
    assert done.exit_code == 1
    assert done.output.startswith("annotator: stranger is not on the team of postgresql://stranger@")
    assert "annotator team add" in done.output and len(done.output.strip().splitlines()) == 1
    with team.connect("stranger") as stranger:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            stranger.execute("SELECT count(*) FROM spans")


def test_a_project_in_a_schema_has_roles_of_its_own(pg_cluster, tmp_path):
    """Two projects in two schemas of one database: each its own three groups, and a member
    of one is held to their layer there and sees nothing of the other."""
    database = pg_cluster.new_database()
    one = Team(pg_cluster, database, tmp_path)
    urls = {schema: f"{one.url()}?schema={schema}" for schema in ("first", "second")}
    try:
        for schema, url in urls.items():
            Project.create(url).close()
            for layer in ("rana", "karim"):
                done = CliRunner().invoke(cli, ["import", url, str(_write_jsonl(tmp_path / f"{layer}.jsonl", layer))])
                assert done.exit_code == 0, done.output
        password = tmp_path / "rana.password"
        password.write_text("secret-rana\n")
        done = CliRunner().invoke(cli, ["team", "add", urls["first"], "rana", "--role", "annotator",
                                        "--password-file", str(password)])
        assert done.exit_code == 0, done.output
        rana_url = f"{one.url('rana')}?schema=first"
        with Project.open(rana_url) as rana:
            assert rana.layer_names() == ["rana"]
            rana.add_span(1, "rana", 0, 3, "CLAIM")
        done = CliRunner().invoke(cli, ["import", rana_url, str(tmp_path / "karim.jsonl"), "--annotator", "karim"])
        assert "rana may write only their own layer; karim's layer is not theirs" in done.output
        done = CliRunner().invoke(cli, ["stats", f"{one.url('rana')}?schema=second"])
        assert done.exit_code == 1 and "rana is not on the team of" in done.output
        with pg_cluster_connection(one) as conn:
            groups = {row[0] for row in conn.execute("SELECT rolname FROM pg_roles WHERE rolname LIKE %s",
                                                     [f"annotator_{database}_%"])}
        assert groups == {f"annotator_{database}_first_{role}" for role in ("annotator", "reviewer", "lead")}
    finally:
        pg_cluster.admin(f"DROP DATABASE {database} WITH (FORCE)")
        for role in ["rana", *[f"annotator_{database}_first_{r}" for r in ("annotator", "reviewer", "lead")]]:
            pg_cluster.admin(f'DROP ROLE IF EXISTS "{role}"')


def pg_cluster_connection(team: Team) -> psycopg.Connection:
    return team.connect("postgres")


def test_an_annotators_search_finds_their_own_spans_and_folds_only_what_they_may_read(team):
    with Project.open(team.url("mona")) as mona:
        start = ARTICLES[0][1].index("القاهرة")
        mona.add_span(1, "mona", start, start + len("القاهرة"), "SPEAKER")
        from annotator.core.find_query import parse
        from annotator.core.store.find import find

        hits, _ = find(mona, parse("label:SPEAKER", mona.schema, mona.layer_names()))
        assert {hit.layer for hit in hits} == {"mona"} and len(hits) == 4
    with team.connect("postgres") as lead:  # her search folded hers; karim's wait for someone who may read them
        pending = {row[0] for row in lead.execute(
            "SELECT l.name FROM span_words_pending p JOIN spans s ON s.id = p.span JOIN layers l ON l.id = s.layer")}
    assert "mona" not in pending and "karim" in pending


def test_a_restored_copy_never_lets_a_new_member_into_the_project_it_was_copied_from(team, pg_cluster, tmp_path):
    copy = tmp_path / "copy.sqlite"
    backed_up = CliRunner().invoke(cli, ["backup", team.url(), "-o", str(copy)])
    assert backed_up.exit_code == 0, backed_up.output
    with sqlite3.connect(copy) as file:  # a file has no team: the server's roles stay behind
        assert file.execute("SELECT count(*) FROM settings WHERE key = 'team_roles'").fetchone()[0] == 0
    other = pg_cluster.new_database()
    restored = CliRunner().invoke(cli, ["restore", str(copy), pg_cluster.url(other)])
    assert restored.exit_code == 0, restored.output
    password = tmp_path / "zaid.password"
    password.write_text("secret-zaid\n")
    added = CliRunner().invoke(cli, ["team", "add", pg_cluster.url(other), "zaid", "--role", "annotator",
                                     "--password-file", str(password)])
    assert added.exit_code == 0, added.output
    try:
        with psycopg.connect(pg_cluster.url(other, "zaid", "secret-zaid"), autocommit=True) as conn:
            assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == len(ARTICLES)
        with psycopg.connect(pg_cluster.url(team.database, "zaid", "secret-zaid"), autocommit=True) as conn:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute("SELECT count(*) FROM documents")
    finally:
        pg_cluster.admin(f"DROP DATABASE {other} WITH (FORCE)")
        for role in ["zaid", *(f"annotator_{other}_{kind}" for kind in ("annotator", "reviewer", "lead"))]:
            pg_cluster.admin(f'DROP ROLE IF EXISTS "{role}"')
