"""The command line on a team's project on a PostgreSQL server (issue 19): a
``postgresql://`` URL wherever a project file is taken, a backup to an ordinary project
file and a restore into an empty database, and one line for each way a connection fails,
never with the password of the URL in it."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.cli import cli
from annotator.core.model import GOLD_LAYER
from annotator.core.store import Project
from annotator.core.store.project_file import LATEST_VERSION
from annotator.core.store.server_address import ServerAddress
from tests.pg_cluster import SUPERUSER_PASSWORD
from tests.test_cli_review import annotate, reviewed_project

SECRET = "s3cret-of-the-lead"


def run(*args, env=None):
    return CliRunner(env=env).invoke(cli, [str(a) for a in args], catch_exceptions=False)


def annotator(*args, env=None, timeout=120) -> subprocess.CompletedProcess:
    """The installed command in a process of its own, as a user runs it."""
    merged = {key: value for key, value in {**os.environ, **(env or {})}.items() if value is not None}
    return subprocess.run([sys.executable, "-m", "annotator", *map(str, args)], capture_output=True, text=True,
                          env=merged, timeout=timeout)


@pytest.fixture
def jsonl(tmp_path) -> Path:
    """The native JSONL of the source project: every layer, the gold one too."""
    out = tmp_path / "source.jsonl"
    assert run("export", reviewed_project(tmp_path / "source.sqlite"), "-o", out).exit_code == 0
    return out


@pytest.fixture
def lead_url(pg_cluster) -> str:
    """A new, empty database owned by a login role with a password of its own, not a superuser."""
    database = pg_cluster.new_database()
    pg_cluster.admin("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'lead') THEN "
                     f"CREATE ROLE lead LOGIN PASSWORD '{SECRET}'; END IF; END $$")
    pg_cluster.admin(f"ALTER DATABASE {database} OWNER TO lead")
    pg_cluster.admin("ALTER SCHEMA public OWNER TO lead", database)
    return pg_cluster.url(database, "lead", SECRET)


def both(tmp_path, url, jsonl) -> tuple[str, Path]:
    """The same JSONL imported into a project on the server and into a project file."""
    file = tmp_path / "file.sqlite"
    for project in (url, file):
        assert run("init", project).exit_code == 0
        imported = run("import", project, jsonl)
        assert imported.exit_code == 0, imported.output
    return url, file


def no_secret(*outputs: str) -> None:
    for output in outputs:
        assert SECRET not in output and SUPERUSER_PASSWORD not in output


def spans_of(project: Project) -> dict:
    return {(document.id, layer): sorted((s.start, s.end, s.label, json.dumps(s.attrs, sort_keys=True))
                                         for s in project.spans(document.key, layer))
            for document in project.documents() for layer in project.layers_of(document.key)}


def test_init_import_and_export_on_a_url_give_the_file_projects_export(tmp_path, lead_url, jsonl):
    url, file = both(tmp_path, lead_url, jsonl)
    exported = {}
    for name, project in (("server", url), ("file", file)):
        out = tmp_path / f"{name}.jsonl"
        done = run("export", project, "-o", out)
        assert done.exit_code == 0, done.output
        exported[name] = out.read_bytes()
        no_secret(done.output)
    assert exported["server"] == exported["file"]
    assert exported["server"] == jsonl.read_bytes()  # what went in comes out, byte for byte
    created = run("init", lead_url)
    assert created.exit_code == 1 and "already holds an Annotator project" in created.output
    no_secret(created.output)


def test_a_release_from_a_url_is_the_file_projects_release(tmp_path, lead_url, jsonl):
    url, file = both(tmp_path, lead_url, jsonl)
    for project, folder in ((url, tmp_path / "server"), (file, tmp_path / "file")):
        done = run("export", project, "--release", folder, "--layer", "gold+review")
        assert done.exit_code == 0, done.output
        no_secret(done.output, *(path.read_text(encoding="utf-8") for path in folder.iterdir()))
    assert (tmp_path / "server" / "train.jsonl").read_bytes() == (tmp_path / "file" / "train.jsonl").read_bytes()


def test_stats_agreement_check_and_settling_on_a_url_as_on_the_file(tmp_path, lead_url, jsonl):
    url, file = both(tmp_path, lead_url, jsonl)
    for command in (("stats", "--json"), ("agreement", "--json"), ("suggest",), ("notes", "--json")):
        on_server, on_file = run(command[0], url, *command[1:]), run(command[0], file, *command[1:])
        assert on_server.exit_code == 0, on_server.output
        no_secret(on_server.output)
        if "--json" in command:  # the same figures; only the project's name differs
            server_figures, file_figures = json.loads(on_server.output), json.loads(on_file.output)
            assert server_figures.pop("project", str(ServerAddress(url))) == str(ServerAddress(url))
            file_figures.pop("project", None)
            assert server_figures == file_figures, command
        else:
            assert on_server.output == on_file.output, command
    checked = run("check", url)
    assert checked.exit_code == 0 and checked.output.strip().endswith(": sound")
    settled = {}
    for project in (url, file):
        done = run("review", project, "--accept-agreed", "--reviewer", "lead")
        assert done.exit_code == 0, done.output
        assert "settled 3 unit(s) in 2 of 4 document(s)" in done.output
        no_secret(done.output)
        out = tmp_path / f"gold-{len(settled)}.jsonl"
        assert run("export", project, "-o", out, "--layer", "gold+review").exit_code == 0
        settled[project] = re.sub(rb'"decided_at":"[^"]+"', b"", out.read_bytes())  # when each run was
    assert settled[url] == settled[file] and settled[url].count(b"\n") == 3
    undone = run("review", url, "--undo-accept-agreed", "last")
    assert undone.exit_code == 0, undone.output
    with Project.open(url) as opened:
        assert not any(opened.spans(document.key, GOLD_LAYER) for document in opened.documents()
                       if document.id != "doc-04")


def test_backup_to_a_file_and_restore_into_an_empty_database(tmp_path, pg_cluster, lead_url, jsonl):
    url, _ = both(tmp_path, lead_url, jsonl)
    refused = run("backup", url)
    assert refused.exit_code == 1 and "-o" in refused.output
    copy = tmp_path / "copy.annotator"
    done = run("backup", url, "-o", copy)
    assert done.exit_code == 0, done.output
    no_secret(done.output)
    with Project.open(url, read_only=True) as on_server, Project.open(copy, read_only=True) as backed_up:
        assert spans_of(backed_up) == spans_of(on_server) and len(spans_of(backed_up)) == 9

    target = pg_cluster.url(pg_cluster.new_database())
    restored = run("restore", copy, target)
    assert restored.exit_code == 0, restored.output
    assert "restored" in restored.output and "(5 document(s))" in restored.output
    no_secret(restored.output)
    for project, out in ((url, tmp_path / "before.jsonl"), (target, tmp_path / "after.jsonl")):
        assert run("export", project, "-o", out).exit_code == 0
    assert (tmp_path / "after.jsonl").read_bytes() == (tmp_path / "before.jsonl").read_bytes()
    with Project.open(target) as reopened:  # ids go on after the restored ones
        key = reopened.document_by_id("doc-03").key
        annotate(reopened, key, "huda")
        assert len(reopened.spans(key, "huda")) == 2

    again = run("restore", copy, target)
    assert again.exit_code == 1
    assert again.output.splitlines() == [
        f"annotator: {target.replace(':' + SUPERUSER_PASSWORD, '')} already holds an Annotator project; nothing was "
        "restored: restore into a new, empty database (createdb NAME) or a new schema of this one "
        "(?schema=NAME in the URL)"]
    other = pg_cluster.new_database()
    pg_cluster.admin("CREATE TABLE accounts (id integer)", other)
    foreign = run("restore", pg_cluster.url(other), copy)  # the URL first, as the file case names its target
    assert foreign.exit_code == 1 and "is not empty (it has 1 table(s)); nothing was restored" in foreign.output
    in_schema = run("restore", f"{url}?schema=second", copy)
    assert in_schema.exit_code == 0, in_schema.output
    with Project.open(f"{url}?schema=second", read_only=True) as second, Project.open(copy, read_only=True) as file:
        assert spans_of(second) == spans_of(file)


def test_restore_of_a_file_still_puts_the_backup_in_place(tmp_path, jsonl):
    project = tmp_path / "p.sqlite"
    assert run("init", project).exit_code == 0 and run("import", project, jsonl).exit_code == 0
    assert run("backup", project, "-o", tmp_path / "b.sqlite").exit_code == 0
    assert run("init", tmp_path / "empty.sqlite").exit_code == 0
    done = run("restore", tmp_path / "empty.sqlite", tmp_path / "b.sqlite")
    assert done.exit_code == 0, done.output
    with Project.open(tmp_path / "empty.sqlite", read_only=True) as restored:
        assert restored.document_count() == 5


def _cluster_url(pg_cluster, database, user="postgres", password=SUPERUSER_PASSWORD, port=None):
    url = pg_cluster.url(database, user, password)
    return url if port is None else url.replace(f":{pg_cluster.port}/", f":{port}/")


def _newer_project(pg_cluster) -> str:
    database = pg_cluster.new_database()
    Project.create(pg_cluster.url(database)).close()
    pg_cluster.admin(f"UPDATE project_format SET version = {LATEST_VERSION + 1}", database)
    return database


def _closed_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


FAULTS = {
    "no server": (lambda c: _cluster_url(c, "postgres", port=_closed_port()),
                  "no PostgreSQL server answers at 127.0.0.1:{port} (connection refused); check that the server "
                  "is running and that the host and port in the URL are right"),
    "wrong password": (lambda c: _cluster_url(c, "postgres", password="wrong-" + SECRET),
                       'the PostgreSQL server at 127.0.0.1:{port} refused the password of user "postgres"; check '
                       "the user name and password (PGPASSWORD, ~/.pgpass, or the one the lead set with "
                       "`annotator team add`)"),
    "no password": (lambda c: _cluster_url(c, "postgres", password=None),
                    'the PostgreSQL server at 127.0.0.1:{port} wants a password for user "postgres" and none was '
                    "given; put it in PGPASSWORD or ~/.pgpass"),
    "no database": (lambda c: _cluster_url(c, "no_such_db"),
                    'the PostgreSQL server at 127.0.0.1:{port} has no database "no_such_db"; check the database '
                    "name in the URL, or ask the server's administrator to create it (createdb no_such_db)"),
    "not a project": (lambda c: _with_a_table(c),
                      "is a database but not an Annotator project (it holds 1 other table(s)); check the database "
                      "name in the URL (and ?schema=NAME if the project is in a schema of its own)"),
    "empty database": (lambda c: _cluster_url(c, c.new_database()),
                       "is an empty database, not yet an Annotator project; create one there with `annotator init "
                       "postgresql://postgres@127.0.0.1:{port}/"),
    "newer project": (lambda c: _cluster_url(c, _newer_project(c)),
                      f"was made by a newer Annotator (project format {LATEST_VERSION + 1}; this version reads up "
                      f"to format {LATEST_VERSION}). Install a newer Annotator to open it."),
}


def _with_a_table(pg_cluster) -> str:
    database = pg_cluster.new_database()
    pg_cluster.admin("CREATE TABLE accounts (id integer)", database)
    return _cluster_url(pg_cluster, database)


@pytest.mark.parametrize("fault", FAULTS)
def test_a_connection_that_fails_is_one_line_naming_the_server_without_the_password(fault, pg_cluster, tmp_path):
    make_url, words = FAULTS[fault]
    url = make_url(pg_cluster)
    port = url.split("@127.0.0.1:")[1].split("/")[0]
    env = {"PGPASSFILE": str(tmp_path / "no-pgpass"), "PGPASSWORD": None, "ANNOTATOR_LOG_DIR": str(tmp_path / "log")}
    done = annotator("stats", url, env=env)
    assert done.returncode == 1, done.stderr
    (line,) = done.stderr.splitlines()
    assert line.startswith("annotator: postgresql://postgres@127.0.0.1:") and words.format(port=port) in line
    assert "Traceback" not in done.stderr and done.stdout == ""
    no_secret(done.stderr)
    logs = tmp_path / "log"
    assert not logs.exists() or not any(SECRET in path.read_text() for path in logs.rglob("*") if path.is_file())


def test_the_same_fault_line_from_every_command(pg_cluster, tmp_path):
    url = _cluster_url(pg_cluster, "postgres", password="wrong-" + SECRET)
    for command in (("import", url, tmp_path / "none.jsonl"), ("export", url), ("agreement", url), ("check", url),
                    ("review", url, "--accept-agreed", "--reviewer", "lead"), ("suggest", url), ("notes", url),
                    ("backup", url, "-o", tmp_path / "b.annotator"), ("init", url)):
        (tmp_path / "none.jsonl").write_text("", encoding="utf-8")
        done = run(*command)
        assert done.exit_code == 1, (command, done.output)
        (line,) = done.output.splitlines()
        assert 'refused the password of user "postgres"' in line and SECRET not in line, command


def test_pgpassword_and_pgpass_give_the_password_a_url_leaves_out(pg_cluster, lead_url, tmp_path):
    assert run("init", lead_url).exit_code == 0
    bare = lead_url.replace(f":{SECRET}@", "@")
    isolated = {"PGPASSFILE": str(tmp_path / "none"), "PGPASSWORD": None}
    refused = run("stats", bare, env=isolated)
    assert refused.exit_code == 1 and "wants a password for user \"lead\"" in refused.output
    given = run("stats", bare, env={**isolated, "PGPASSWORD": SECRET})
    assert given.exit_code == 0 and "documents: 0" in given.output
    pgpass = tmp_path / "pgpass"
    pgpass.write_text(f"127.0.0.1:{pg_cluster.port}:*:lead:{SECRET}\n", encoding="utf-8")
    pgpass.chmod(0o600)
    from_file = run("stats", bare, env={"PGPASSFILE": str(pgpass), "PGPASSWORD": None})
    assert from_file.exit_code == 0 and "documents: 0" in from_file.output


def test_a_bad_url_is_a_usage_error_in_one_line(lead_url):
    bad_port = run("stats", lead_url.replace("127.0.0.1:", "127.0.0.1:x"))
    assert bad_port.exit_code == 2 and "not a valid postgresql://USER@HOST:PORT/DATABASE URL" in bad_port.output
    no_secret(bad_port.output)


def test_find_and_speakers_on_a_url_answer_as_on_the_file(tmp_path, lead_url, jsonl):
    url, file = both(tmp_path, lead_url, jsonl)
    for command in (("find", "label:CLAIM"), ("find", "label:SPEAKER layer:mona"), ("find", "stance:AGAINST"),
                    ("speakers",)):
        on_server, on_file = run(command[0], url, *command[1:]), run(command[0], file, *command[1:])
        assert on_server.exit_code == on_file.exit_code == 0, on_server.output
        assert on_server.output == on_file.output and on_file.output.strip()
        no_secret(on_server.output)


def test_a_missing_project_file_is_refused_as_before(tmp_path):
    done = run("stats", tmp_path / "missing.sqlite")
    assert done.exit_code == 2 and "File" in done.output and "does not exist" in done.output


def test_the_window_opens_a_project_on_a_server(lead_url, tmp_path, jsonl):
    assert run("init", lead_url).exit_code == 0 and run("import", lead_url, jsonl).exit_code == 0
    config = tmp_path / "config"
    config.mkdir()
    (config / "settings.ini").write_text("[General]\nannotator=mona\n", encoding="utf-8")
    done = annotator("open", lead_url, env={"QT_QPA_PLATFORM": "offscreen", "ANNOTATOR_QUIT_AFTER_MS": "1500",
                                            "ANNOTATOR_CONFIG_DIR": str(config),
                                            "ANNOTATOR_LOG_DIR": str(tmp_path / "log")})
    assert done.returncode == 0, done.stderr
    assert "annotator:" not in done.stderr
    no_secret(done.stderr, (config / "settings.ini").read_text(encoding="utf-8"))
    assert "doc-" in (config / "settings.ini").read_text(encoding="utf-8")  # the window opened a document


def test_export_workers_reopen_a_server_project_by_its_url(lead_url, tmp_path):
    """Past 2,000 documents an export forks workers, each reopening the project: on a
    server by its full connection string, the password with it (``str`` leaves it out)."""
    assert run("init", lead_url).exit_code == 0
    source = tmp_path / "many.jsonl"
    source.write_text("".join(json.dumps({"id": f"d{n}", "text": f"نص رقم {n} عن المياه"}, ensure_ascii=False) + "\n"
                              for n in range(300)), encoding="utf-8")
    assert run("import", lead_url, source).exit_code == 0
    script = ("import sys\nfrom annotator.formats import workers\nworkers.WORKERS_FROM_DOCUMENTS = 10\n"
              "assert workers.default_workers() > 1 and workers.forking_is_safe()\n"
              "from annotator.cli import main\nsys.argv = ['annotator', *sys.argv[1:]]\nmain()\n")
    out = tmp_path / "out.jsonl"  # Prodigy's lines are made by workers (registry.Format.uses_workers)
    done = subprocess.run([sys.executable, "-c", script, "export", lead_url, "--format", "prodigy", "-o", out],
                          capture_output=True, text=True, timeout=120, env={**os.environ, "ANNOTATOR_LOG_DIR": str(tmp_path / "log")})
    assert done.returncode == 0, done.stderr
    alone = tmp_path / "alone.jsonl"
    assert run("export", lead_url, "--format", "prodigy", "-o", alone).exit_code == 0
    assert out.read_bytes() == alone.read_bytes() and out.read_bytes().count(b"\n") == 300
