"""A team on a project on a PostgreSQL server: its members' roles, enforced by the database.

Each project (a database, or a schema of one) has three group roles, ``NOLOGIN`` and
named for it so that two projects on one server never share one
(``annotator_<database>[_<schema>]_annotator|reviewer|lead``); a member is a login role
granted one of them. The names are kept in the ``team_roles`` setting.

What each may do is said by grants and row-level security policies, so it holds for
any client, psql as much as the window:

- an annotator reads the documents and their own layer, the layer named as their role
  (others' too when the lead lets annotators see each other, ``annotators_see_each_other``:
  blind annotation is the default), and writes only rows of their own layer; they may
  add their own annotator and layer rows, nobody else's;
- a reviewer reads every layer and writes the gold layer, its provenance and the
  rejected units;
- a lead does everything: imports documents, assigns, sets settings, manages the team;
- the corpus search's caches (``SEARCH_CACHES``, where the project has them) follow what
  a member may read: their search folds those spans, so it writes those rows.

Policies name the member by ``session_user``, the role that logged in, which ``SET ROLE``
cannot change. The project's owner (who ran ``annotator init``) is not held by the
policies (an owner never is, unless forced); a superuser never is. The first
``team add`` turns all this on (``enable_security``), so it must be run by the owner.
A lead needs ``CREATEROLE`` to make members, which ``team add --role lead`` grants.

A password goes to the server as a SCRAM verifier computed here (``ALTER ROLE … PASSWORD``
with a literal): never the password itself, never logged.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg import sql as pgsql

from annotator.core.errors import ProjectError, ValidationError
from annotator.core.model import GOLD_LAYER
from annotator.core.store.records import log_action, now
from annotator.core.store.settings import read_setting, write_setting

ROLES = ("annotator", "reviewer", "lead")
ROLES_SETTING = "team_roles"
SEE_EACH_OTHER_SETTING = "annotators_see_each_other"

# Tables whose rows belong to a layer (a ``layer`` column naming ``layers.id``).
LAYERED = ("spans", "relations", "document_status", "notes", "active_time", "document_labels",
           "rejected_suggestions")
# Read by every member, written by the lead alone; no row of them belongs to a layer.
SHARED = ("project_format", "documents", "document_words", "settings")
# Tables with policies of their own (below).
OWN_POLICIES = ("annotators", "layers", "edit_log", "provenance", "rejections", "assignments")
# What the corpus search keeps of the spans, written by any member's search (its flush)
# and by the triggers on ``spans``: a member reads and writes the rows of the spans and
# layers they may read (a flush folds what it can see and leaves the rest pending), and
# the rows of a span that is gone (the trigger on a delete takes its words away).
SEARCH_CACHES = ("span_words", "span_words_pending", "label_signatures", "label_signatures_pending")
_SPAN_VISIBLE = "(span IN (SELECT id FROM spans) OR NOT span_exists(span))"

_SEE = f"(coalesce((SELECT value FROM settings WHERE key = '{SEE_EACH_OTHER_SETTING}'), 'false') = 'true')"
_OWN_LAYER = "(layer IN (SELECT id FROM layers WHERE name = session_user AND kind = 'annotator'))"
_GOLD_LAYER = f"(layer IN (SELECT id FROM layers WHERE name = '{GOLD_LAYER}' AND kind = 'gold'))"
# Through the policies on ``layers``: what the member may see of them.
_VISIBLE_LAYER = "(layer IN (SELECT id FROM layers))"


def _same_layer_spans(table: str) -> str:
    """A row's spans are of the row's own layer (a relation cannot tie another's spans)."""
    if table == "relations":
        return ("(EXISTS (SELECT 1 FROM spans s WHERE s.id = relations.head AND s.layer = relations.layer) "
                "AND EXISTS (SELECT 1 FROM spans s WHERE s.id = relations.child AND s.layer = relations.layer))")
    if table == "notes":
        return ("(notes.span IS NULL "
                "OR EXISTS (SELECT 1 FROM spans s WHERE s.id = notes.span AND s.layer = notes.layer))")
    return "true"


def _policies(groups: dict[str, str], tables: set[str]) -> list[tuple[str, str, str, str | None, str | None]]:
    """(table, command, group, USING, WITH CHECK) for every policy; ``tables``: the
    project's, for the search's caches, which a project may not have yet."""
    annotator, reviewer, lead = groups["annotator"], groups["reviewer"], groups["lead"]
    found = []
    for table in (*LAYERED, *OWN_POLICIES):
        found.append((table, "ALL", lead, "true", "true"))
    for table in LAYERED:
        check = _same_layer_spans(table)
        found += [(table, "SELECT", annotator, _VISIBLE_LAYER, None),
                  (table, "ALL", annotator, _OWN_LAYER, f"{_OWN_LAYER} AND {check}"),
                  (table, "SELECT", reviewer, "true", None),
                  (table, "ALL", reviewer, _GOLD_LAYER, f"{_GOLD_LAYER} AND {check}")]
    gold_spans = f"(SELECT id FROM spans WHERE {_GOLD_LAYER})"
    gold_relations = f"(SELECT id FROM relations WHERE {_GOLD_LAYER})"
    found += [
        ("annotators", "SELECT", annotator, f"(name = session_user OR {_SEE})", None),
        ("annotators", "INSERT", annotator, None, "name = session_user"),
        ("annotators", "SELECT", reviewer, "true", None),
        ("layers", "SELECT", annotator, f"((name = session_user OR {_SEE}) AND kind = 'annotator')", None),
        ("layers", "INSERT", annotator, None,
         "name = session_user AND kind = 'annotator' AND "
         "(annotator IS NULL OR annotator IN (SELECT id FROM annotators WHERE name = session_user))"),
        ("layers", "SELECT", reviewer, "true", None),
        ("layers", "INSERT", reviewer, None, f"name = '{GOLD_LAYER}' AND kind = 'gold' AND annotator IS NULL"),
        ("edit_log", "SELECT", annotator, "(layer IS NULL OR layer IN (SELECT name FROM layers))", None),
        # an import of their own layer logs itself with no layer (``ingest.import_documents``)
        ("edit_log", "INSERT", annotator, None, "layer = session_user OR (layer IS NULL AND action = 'import')"),
        ("edit_log", "SELECT", reviewer, "true", None),
        ("edit_log", "INSERT", reviewer, None, f"layer = '{GOLD_LAYER}'"),
        ("provenance", "ALL", reviewer, "true",
         f"(span IN {gold_spans} OR relation IN {gold_relations})"),
        ("rejections", "ALL", reviewer, "true", "true"),
        ("assignments", "SELECT", annotator, _VISIBLE_LAYER, None),
        ("assignments", "SELECT", reviewer, "true", None),
    ]
    for table in sorted(tables & set(SEARCH_CACHES)):
        seen = _SPAN_VISIBLE if table.startswith("span_words") else _VISIBLE_LAYER
        found += [(table, "ALL", lead, "true", "true"), (table, "ALL", reviewer, "true", "true"),
                  (table, "ALL", annotator, seen, seen)]
    return found


def _grants(table: str, role: str) -> str:
    """The table privileges ``role`` has on ``table``; the policies narrow them to rows."""
    if role == "lead":
        return "SELECT, INSERT, UPDATE, DELETE, TRUNCATE"
    if table in LAYERED or table in SEARCH_CACHES or (role == "reviewer" and table in ("provenance", "rejections")):
        return "SELECT, INSERT, UPDATE, DELETE"
    if table in ("annotators", "layers", "edit_log"):
        return "SELECT, INSERT"
    return "SELECT"  # SHARED, and any table this module does not know: read only


# The database says which name a refused layer has (``refused_write`` passes it on as it is).
_REFUSE_OTHERS_LAYER = """
CREATE OR REPLACE FUNCTION refuse_others_layer() RETURNS trigger LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF pg_has_role({lead}, 'MEMBER')
       OR (pg_has_role({annotator}, 'MEMBER') AND NEW.name = session_user
           AND coalesce(to_jsonb(NEW) ->> 'kind', 'annotator') = 'annotator')
       OR (pg_has_role({reviewer}, 'MEMBER') AND TG_TABLE_NAME = 'layers' AND NEW.name = {gold}) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege', MESSAGE = format(
        '%s may write only %s; %s is not theirs', session_user,
        CASE WHEN pg_has_role({annotator}, 'MEMBER') THEN 'their own layer' ELSE 'the gold layer' END,
        CASE WHEN NEW.name = {gold} THEN 'the gold layer' ELSE format('%s''s layer', NEW.name) END);
END $$
"""


# Whether a span is there at all, read as the function's owner (the project's): the search's
# caches may hold the rows of a span that is gone, which no member can read in ``spans``.
_SPAN_EXISTS = """
CREATE OR REPLACE FUNCTION span_exists(span bigint) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp AS $$
    SELECT EXISTS (SELECT 1 FROM {schema}.spans WHERE id = span)
$$
"""


def group_names(db: Any) -> dict[str, str]:
    """The project's three group roles, named after its own database and schema. Never
    taken from the ``team_roles`` setting, which a restored copy of another project may
    carry: its roles would let a new member into that project."""
    database, schema = db.conn.execute("SELECT current_database(), current_schema()").fetchone()
    stem = f"annotator_{database}" + (f"_{schema}" if schema != "public" else "")
    if len(stem) > 50:  # a role's name holds 63 bytes; keep it whole and unique
        stem = stem[:40] + "_" + hashlib.sha256(stem.encode()).hexdigest()[:8]
    return {role: f"{stem}_{role}" for role in ROLES}


def security_enabled(db: Any) -> bool:
    return read_setting(db, ROLES_SETTING) == group_names(db)


def _run(db: Any, statement: Any, parameters: Any = None) -> Any:
    return db.conn.execute(statement, parameters)


def _role_exists(db: Any, name: str) -> bool:
    return _run(db, "SELECT 1 FROM pg_roles WHERE rolname = %s", [name]).fetchone() is not None


def enable_security(db: Any) -> dict[str, str]:
    """Make the project's group roles, grant them their tables, and turn on row-level
    security with the policies above; run again, it puts them back as they should be.
    Only the project's owner (or a superuser) may. Returns the group roles' names."""
    db = _connection(db)
    groups = group_names(db)
    ident = {role: pgsql.Identifier(name) for role, name in groups.items()}
    schema = _run(db, "SELECT current_schema()").fetchone()[0]
    with _worded(db), db.atomic():
        for role, name in groups.items():
            if not _role_exists(db, name):
                _run(db, pgsql.SQL("CREATE ROLE {} NOLOGIN").format(ident[role]))
        superuser = _run(db, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user").fetchone()[0]
        if not superuser:  # the owner is the first lead
            _run(db, pgsql.SQL("GRANT {} TO current_user").format(ident["lead"]))
        tables = [row[0] for row in _run(db, "SELECT tablename FROM pg_tables WHERE schemaname = %s", [schema])]
        everyone = pgsql.SQL(", ").join(ident.values())
        _run(db, pgsql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(pgsql.Identifier(schema), everyone))
        for table in tables:
            _run(db, pgsql.SQL("REVOKE ALL ON TABLE {} FROM {}").format(pgsql.Identifier(table), everyone))
            for role in ROLES:
                _run(db, pgsql.SQL("GRANT {} ON TABLE {} TO {}").format(
                    pgsql.SQL(_grants(table, role)), pgsql.Identifier(table), ident[role]))
        _run(db, pgsql.SQL("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {} TO {}").format(
            pgsql.Identifier(schema), everyone))
        _run(db, pgsql.SQL("GRANT UPDATE ON ALL SEQUENCES IN SCHEMA {} TO {}").format(
            pgsql.Identifier(schema), ident["lead"]))
        _run(db, pgsql.SQL("GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA {} TO {}").format(
            pgsql.Identifier(schema), everyone))
        literal = {role: pgsql.Literal(name) for role, name in groups.items()}
        _run(db, pgsql.SQL(_REFUSE_OTHERS_LAYER).format(gold=pgsql.Literal(GOLD_LAYER), **literal))
        for table in ("annotators", "layers"):
            _run(db, pgsql.SQL("DROP TRIGGER IF EXISTS {} ON {}").format(
                pgsql.Identifier(f"{table}_refuse_others"), pgsql.Identifier(table)))
            _run(db, pgsql.SQL("CREATE TRIGGER {} BEFORE INSERT OR UPDATE ON {} FOR EACH ROW "
                               "EXECUTE FUNCTION refuse_others_layer()").format(
                pgsql.Identifier(f"{table}_refuse_others"), pgsql.Identifier(table)))
        _run(db, pgsql.SQL(_SPAN_EXISTS).format(schema=pgsql.Identifier(schema)))
        for table in (*LAYERED, *OWN_POLICIES, *(set(SEARCH_CACHES) & set(tables))):
            for (policy,) in _run(db, "SELECT policyname FROM pg_policies WHERE schemaname = %s AND tablename = %s",
                                  [schema, table]).fetchall():
                _run(db, pgsql.SQL("DROP POLICY {} ON {}").format(pgsql.Identifier(policy), pgsql.Identifier(table)))
            _run(db, pgsql.SQL("ALTER TABLE {} ENABLE ROW LEVEL SECURITY").format(pgsql.Identifier(table)))
        for number, (table, command, group, using, check) in enumerate(_policies(groups, set(tables)), 1):
            statement = pgsql.SQL("CREATE POLICY {} ON {} FOR {} TO {}").format(
                pgsql.Identifier(f"team_{number}_{command.lower()}"), pgsql.Identifier(table),
                pgsql.SQL(command), pgsql.Identifier(group))
            if using is not None:
                statement += pgsql.SQL(" USING ({})").format(pgsql.SQL(using))
            if check is not None:
                statement += pgsql.SQL(" WITH CHECK ({})").format(pgsql.SQL(check))
            _run(db, statement)
        write_setting(db, ROLES_SETTING, groups)
        log_action(db, "team_security", None, None, {"groups": groups})
    return groups


def add_member(db: Any, name: str, role: str, password: str | None) -> bool:
    """Give ``name`` the ``role`` on this project, making their login role if missing (True
    then); a password given replaces theirs. An annotator's layer is made for them."""
    db = _connection(db)
    name = _member_name(name)
    if role not in ROLES:
        raise ValidationError(f"a member's role is {', '.join(ROLES)}, not {role!r}")
    if role == "annotator" and name == GOLD_LAYER:
        raise ValidationError(f"an annotator cannot be called {GOLD_LAYER!r}: that is the reviewers' layer")
    groups = group_names(db) if security_enabled(db) else enable_security(db)
    member = pgsql.Identifier(name)
    with _worded(db), db.atomic():
        row = _run(db, "SELECT rolsuper FROM pg_roles WHERE rolname = %s", [name]).fetchone()
        if row is not None and row[0]:
            raise ValidationError(f"{name} is a superuser of the server, whom no policy holds to a layer; "
                                  "add a member who is not")
        made = row is None
        if made:
            _run(db, pgsql.SQL("CREATE ROLE {} LOGIN").format(member))
        if password is not None:
            verifier = pgsql.Literal(_verifier(db, name, password))
            _run(db, pgsql.SQL("ALTER ROLE {} PASSWORD {}").format(member, verifier))
        for other in ROLES:
            if other != role:
                _run(db, pgsql.SQL("REVOKE {} FROM {}").format(pgsql.Identifier(groups[other]), member))
        if role == "lead":
            _run(db, pgsql.SQL("GRANT {} TO {} WITH ADMIN OPTION").format(
                pgsql.SQL(", ").join(pgsql.Identifier(groups[each]) for each in ROLES), member))
            _run(db, pgsql.SQL("ALTER ROLE {} CREATEROLE").format(member))
        else:
            _run(db, pgsql.SQL("GRANT {} TO {}").format(pgsql.Identifier(groups[role]), member))
        if role == "annotator":
            _ensure_annotator_layer(db, name)
        log_action(db, "team_add", None, None, {"member": name, "role": role})
    return made


def _verifier(db: Any, name: str, password: str) -> str:
    """The password as the server keeps it (SCRAM-SHA-256, or whatever its
    ``password_encryption`` says), computed here as psql's ``\\password`` does: the password
    itself never travels to the server, nor into a server log that quotes a failed statement."""
    return db.conn.pgconn.encrypt_password(password.encode(), name.encode()).decode()


def _ensure_annotator_layer(db: Any, name: str) -> None:
    db.execute("INSERT OR IGNORE INTO annotators (name, created_at) VALUES (?, ?)", [name, now()])
    if db.execute("SELECT 1 FROM layers WHERE name = ?", [name]).fetchone() is None:
        db.execute("INSERT INTO layers (name, kind, annotator) VALUES (?, 'annotator', "
                   "(SELECT id FROM annotators WHERE name = ?))", [name, name])


def list_members(db: Any) -> list[tuple[str, str]]:
    """(member, role) of everyone on the project's team, by name; a lead who is also
    granted the other groups (to manage them) is listed once, as lead."""
    db = _connection(db)
    if not security_enabled(db):
        return []
    groups = group_names(db)
    rank = {name: ROLES.index(role) for role, name in groups.items()}
    rows = _run(db, """SELECT m.rolname, g.rolname FROM pg_auth_members a
                       JOIN pg_roles g ON g.oid = a.roleid JOIN pg_roles m ON m.oid = a.member
                       WHERE g.rolname = ANY(%s) AND m.rolname <> ALL(%s)""",
                [list(groups.values()), list(groups.values())]).fetchall()
    best: dict[str, int] = {}
    for member, group in rows:
        best[member] = max(best.get(member, -1), rank[group])
    return [(member, ROLES[best[member]]) for member in sorted(best)]


def remove_member(db: Any, name: str) -> bool:
    """Take ``name`` off the team; their layer stays. Their login role is dropped when no
    other project (no other role) has them (True then), so they can no longer connect."""
    db = _connection(db)
    name = _member_name(name)
    if not any(member == name for member, _ in list_members(db)):
        raise ValidationError(f"{name} is not on the team of {db.address}; `annotator team list` shows who is")
    if name == _run(db, "SELECT session_user").fetchone()[0]:
        raise ValidationError(f"{name} cannot take themself off the team; another lead can")
    groups = group_names(db)
    member = pgsql.Identifier(name)
    with _worded(db), db.atomic():
        _run(db, pgsql.SQL("REVOKE {} FROM {}").format(
            pgsql.SQL(", ").join(pgsql.Identifier(groups[role]) for role in ROLES), member))
        log_action(db, "team_remove", None, None, {"member": name})
        still = _run(db, """SELECT count(*) FROM pg_auth_members a JOIN pg_roles m ON m.oid = a.member
                            WHERE m.rolname = %s""", [name]).fetchone()[0]
        owns = _run(db, "SELECT count(*) FROM pg_shdepend d JOIN pg_roles r ON r.oid = d.refobjid "
                        "WHERE r.rolname = %s AND d.refclassid = 'pg_authid'::regclass", [name]).fetchone()[0]
        if still or owns:
            return False
        try:
            with db.atomic():  # a savepoint: a role another database still refers to stays
                _run(db, pgsql.SQL("DROP ROLE {}").format(member))
        except psycopg.errors.DependentObjectsStillExist:
            return False
    return True


@contextmanager
def refused_opening(address: Any) -> Iterator[None]:
    """Opening a project the user is not on the team of: one line saying whom to ask."""
    who = address.user or "this user"
    advice = f"ask the project's lead to add them with `annotator team add {address} {who} --role …`"
    try:
        yield
    except psycopg.errors.InsufficientPrivilege as error:
        raise ProjectError(f"{who} is not on the team of {address} ({_first_line(error)}); {advice}") from None
    except ProjectError as error:
        # a schema they may not use looks empty to them (never asked of a server not reached)
        if address.schema and "Annotator project" in str(error) and _schema_closed(address):
            raise ProjectError(f"{who} is not on the team of {address} (no access to the schema "
                               f"{address.schema}); {advice}") from None
        raise


def _schema_closed(address: Any) -> bool:
    from annotator.core.store.server import connect_server

    db = connect_server(address)
    try:
        return db.conn.execute("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = %s) "
                               "AND NOT has_schema_privilege(%s, 'USAGE')",
                               [address.schema, address.schema]).fetchone()[0]
    finally:
        db.close()


def review_refusal(project_or_db: Any, dashboard: bool = False) -> str | None:
    """Why the member connected may not review this team project (``dashboard``: may not
    see its agreement), or None. An annotator who is not also a reviewer or the lead is
    kept from the gold layer, and, while annotation is blind, from the others' layers: a
    review or a dashboard would show them their own layer as the whole team's work."""
    db = _connection(project_or_db)
    if not security_enabled(db):
        return None
    groups = group_names(db)
    member, annotator, reviewing = _run(db, """SELECT session_user, pg_has_role(session_user, %s, 'MEMBER'),
        pg_has_role(session_user, %s, 'MEMBER') OR pg_has_role(session_user, %s, 'MEMBER')""",
                                        [groups["annotator"], groups["reviewer"], groups["lead"]]).fetchone()
    if not annotator or reviewing or (dashboard and annotators_see_each_other(db)):
        return None
    what = "the agreement dashboard is" if dashboard else "reviewing is"
    return f"{member} is an annotator here: {what} for the team's reviewers and lead"


def annotators_see_each_other(db: Any) -> bool:
    db = _connection(db)
    return bool(read_setting(db, SEE_EACH_OTHER_SETTING, False))


def set_annotators_see_each_other(db: Any, see: bool) -> None:
    """The lead's switch: annotators read each other's layers (writing stays their own)."""
    db = _connection(db)
    with _worded(db), db.atomic():
        write_setting(db, SEE_EACH_OTHER_SETTING, bool(see))
        log_action(db, "annotators_see_each_other", None, None, {"to": bool(see)})


def _connection(project_or_db: Any) -> Any:
    """The store's connection of a ``Project`` (what the command line passes), or the
    connection itself."""
    return getattr(project_or_db, "db", project_or_db)


def _member_name(name: str) -> str:
    if not isinstance(name, str) or not name.strip():
        raise ValidationError("a member's name must be a non-empty text")
    if len(name.strip().encode()) > 63:
        raise ValidationError(f"{name.strip()!r} is longer than the 63 bytes a PostgreSQL role's name holds")
    return name.strip()


class _worded:
    """The server's refusal of a team change as one line naming who may do it."""

    def __init__(self, db: Any) -> None:
        self.db = db

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: Any, error: BaseException | None, _trace: Any) -> bool:
        if not isinstance(error, psycopg.errors.InsufficientPrivilege):
            return False
        user = self.db.address.user or "this user"
        reason = _first_line(error)
        if "must be owner" in reason:
            raise ProjectError(f"{user} cannot turn on the team's roles on {self.db.address}: the project's owner "
                               "(who ran `annotator init`) runs the first `annotator team add`") from None
        raise ProjectError(f"only the project's lead can manage the team of {self.db.address}; {user} is not "
                           f"one ({reason})") from None


def _first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]


def refused_write(path: Any, error: BaseException) -> str:
    """One line for a write the server refused by a grant or a policy (SQLSTATE 42501);
    nothing of the action was stored."""
    reason = _first_line(error)
    user = getattr(path, "user", None) or "this user"
    if " may write only " in reason:  # refuse_others_layer's words, naming the layer
        return f"{reason} (nothing was changed)"
    table = getattr(getattr(error, "diag", None), "table_name", None) or _quoted(reason)
    if "row-level security" in reason:
        return (f"{user} may not write these rows of {table}: an annotator writes only their own layer, a "
                "reviewer only the gold layer (nothing was changed)")
    if "permission denied for table" in reason:
        return f"{user} may not change {table} of {path}: only the project's lead can (nothing was changed)"
    return (f"{user} may not do this on {path} ({reason}); ask the lead (`annotator team list` shows the team) "
            "(nothing was changed)")


def _quoted(reason: str) -> str:
    parts = reason.split('"')
    return parts[1] if len(parts) > 2 else reason.rsplit(" ", 1)[-1]
