"""A project's tables on a PostgreSQL server, at the same format version as the project
file (``project_file.LATEST_VERSION``).

A server project starts at format 10: ``FORMAT_10`` is the file's ten migrations as they
stand, in PostgreSQL's words. Later formats append a step here as well as a migration in
``migrations.py``; ``project_format`` holds the version (the file keeps it in
``user_version``), and a database at a newer version is refused before anything writes.

The store's SQL is written once, in the dialect the project file speaks; what it uses of
SQLite that PostgreSQL lacks (``json_extract``, ``json_valid``, ``instr``, ``total``, a
``sum`` of comparisons, ``group_concat``) is defined here as functions of the project's
schema, so the same statements run on both. Identifiers follow SQLite's affinities: text
stays text (JSON too, checked by ``json_valid``), integers are ``bigint``.
"""

from __future__ import annotations

import re

FIRST_SERVER_VERSION = 10

SQLITE_FUNCTIONS = r"""
CREATE FUNCTION json_valid(document text) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    PERFORM document::jsonb;
    RETURN true;
EXCEPTION WHEN others THEN
    RETURN false;
END $$;
CREATE FUNCTION json_path(path text) RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
    SELECT coalesce(array_agg(coalesce(replace(m[1], '\"', '"'), m[2], m[3]) ORDER BY n), ARRAY[]::text[])
    FROM regexp_matches(substr(path, 2), '\."((?:[^"\\]|\\.)*)"|\.([^.[]+)|\[(\d+)\]', 'g')
         WITH ORDINALITY AS r(m, n)
$$;
CREATE FUNCTION json_extract(document text, path text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT document::jsonb #>> json_path(path)
$$;
CREATE FUNCTION json_each(document text) RETURNS TABLE (key text, value text) LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE jsonb_typeof(document::jsonb) WHEN 'array' THEN lpad((e.number - 1)::text, 12, '0') ELSE e.key END,
           e.value
    FROM (SELECT o.key, o.value, 0::bigint AS number FROM jsonb_each_text(
              CASE jsonb_typeof(document::jsonb) WHEN 'object' THEN document::jsonb ELSE '{}' END) o
          UNION ALL
          SELECT NULL, a.value, a.number FROM jsonb_array_elements_text(
              CASE jsonb_typeof(document::jsonb) WHEN 'array' THEN document::jsonb ELSE '[]' END)
              WITH ORDINALITY AS a(value, number)) e
    ORDER BY e.number, e.key
$$;
CREATE FUNCTION substr(string text, first bigint, length bigint) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT substr(string, first::integer, length::integer)
$$;
CREATE FUNCTION substr(string text, first bigint) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT substr(string, first::integer)
$$;
CREATE FUNCTION instr(haystack text, needle text) RETURNS integer LANGUAGE sql IMMUTABLE AS $$
    SELECT strpos(haystack, needle)
$$;
-- as SQLite's: NULL over no rows or only NULLs, else the count of the true ones
CREATE FUNCTION bool_count(total bigint, value boolean) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN value IS NULL THEN total ELSE coalesce(total, 0) + CASE WHEN value THEN 1 ELSE 0 END END
$$;
CREATE AGGREGATE sum(boolean) (SFUNC = bool_count, STYPE = bigint);
CREATE FUNCTION running_total(total double precision, value double precision) RETURNS double precision
    LANGUAGE sql IMMUTABLE AS $$ SELECT total + coalesce(value, 0) $$;
CREATE AGGREGATE total(double precision) (SFUNC = running_total, STYPE = double precision, INITCOND = '0');
CREATE FUNCTION json_array_text(items bigint[]) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT coalesce(to_json(items)::text, '[]')
$$;
CREATE AGGREGATE json_group_array(bigint) (SFUNC = array_append, STYPE = bigint[],
                                           FINALFUNC = json_array_text, INITCOND = '{}');
CREATE FUNCTION json_array_text(items text[]) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT coalesce(to_json(items)::text, '[]')
$$;
CREATE AGGREGATE json_group_array(text) (SFUNC = array_append, STYPE = text[],
                                         FINALFUNC = json_array_text, INITCOND = '{}');
-- a text state, not string_agg's internal one, which only a superuser may declare: a
-- database's owner makes the project
CREATE FUNCTION group_concat_step(so_far text, value text, separator text) RETURNS text
    LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN value IS NULL THEN so_far WHEN so_far IS NULL THEN value ELSE so_far || separator || value END
$$;
CREATE AGGREGATE group_concat(text, text) (SFUNC = group_concat_step, STYPE = text);
"""

FORMAT_10 = r"""
CREATE TABLE project_format (
    application text NOT NULL CHECK (application = 'annotator'),
    version integer NOT NULL
);
CREATE TABLE documents (
    key bigint PRIMARY KEY,
    id text NOT NULL UNIQUE,
    title text NOT NULL,
    text text NOT NULL,
    text_sha256 text NOT NULL UNIQUE CHECK (length(text_sha256) = 64),
    source text,
    url text,
    published text,
    meta text NOT NULL DEFAULT '{}' CHECK (json_valid(meta)),
    imported_at text NOT NULL
);
CREATE TABLE annotators (
    id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    name text NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    created_at text NOT NULL
);
CREATE TABLE layers (
    id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    name text NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    kind text NOT NULL CHECK (kind IN ('annotator', 'gold')),
    annotator bigint REFERENCES annotators(id)
);
CREATE TABLE spans (
    id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    document bigint NOT NULL REFERENCES documents(key) ON DELETE CASCADE,
    layer bigint NOT NULL REFERENCES layers(id) ON DELETE CASCADE,
    start bigint NOT NULL CHECK (start >= 0),
    "end" bigint NOT NULL,
    label text NOT NULL,
    attrs text NOT NULL DEFAULT '{}' CHECK (json_valid(attrs)),
    CHECK (start < "end")
);
CREATE INDEX spans_by_document ON spans (document, layer, start);
CREATE INDEX spans_by_label ON spans (label, document, layer, start, "end");
CREATE TABLE relations (
    id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    document bigint NOT NULL REFERENCES documents(key) ON DELETE CASCADE,
    layer bigint NOT NULL REFERENCES layers(id) ON DELETE CASCADE,
    type text NOT NULL,
    head bigint NOT NULL REFERENCES spans(id) ON DELETE CASCADE,
    child bigint NOT NULL REFERENCES spans(id) ON DELETE CASCADE,
    UNIQUE (head, child, type)
);
CREATE INDEX relations_by_document ON relations (document, layer);
CREATE INDEX relations_by_child ON relations (child);
CREATE TABLE document_status (
    document bigint NOT NULL REFERENCES documents(key) ON DELETE CASCADE,
    layer bigint NOT NULL REFERENCES layers(id) ON DELETE CASCADE,
    status text NOT NULL CHECK (status IN ('new', 'in_progress', 'done')),
    updated_at text NOT NULL,
    PRIMARY KEY (document, layer)
);
CREATE INDEX document_status_by_layer ON document_status (layer, status, document);
CREATE TABLE edit_log (
    id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    at text NOT NULL,
    layer text,
    document bigint,
    action text NOT NULL,
    detail text NOT NULL DEFAULT '{}' CHECK (json_valid(detail))
);
CREATE TABLE settings (
    key text PRIMARY KEY,
    value text NOT NULL CHECK (json_valid(value))
);
CREATE TABLE provenance (
    id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    span bigint UNIQUE REFERENCES spans(id) ON DELETE CASCADE,
    relation bigint UNIQUE REFERENCES relations(id) ON DELETE CASCADE,
    decision text NOT NULL CHECK (decision IN ('agreed', 'picked', 'combined', 'edited')),
    unit text,
    sources text NOT NULL DEFAULT '[]' CHECK (json_valid(sources)),
    decided_by text NOT NULL,
    decided_at text NOT NULL,
    reason text,
    category text CHECK (category IN ('annotator_error', 'ambiguous_text', 'guideline_gap', 'schema_gap')),
    guidelines_need_update integer CHECK (guidelines_need_update IN (0, 1)),
    decision_ms bigint CHECK (decision_ms >= 0),
    CHECK ((span IS NULL) <> (relation IS NULL))
);
CREATE TABLE rejections (
    id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    document bigint NOT NULL REFERENCES documents(key) ON DELETE CASCADE,
    unit text NOT NULL,
    decided_by text NOT NULL,
    decided_at text NOT NULL,
    reason text,
    category text CHECK (category IN ('annotator_error', 'ambiguous_text', 'guideline_gap', 'schema_gap')),
    guidelines_need_update integer CHECK (guidelines_need_update IN (0, 1)),
    decision_ms bigint CHECK (decision_ms >= 0),
    UNIQUE (document, unit)
);
CREATE TABLE rejected_suggestions (
    document bigint NOT NULL REFERENCES documents(key) ON DELETE CASCADE,
    layer bigint NOT NULL REFERENCES layers(id) ON DELETE CASCADE,
    suggestion text NOT NULL,
    rejected_at text NOT NULL,
    PRIMARY KEY (document, layer, suggestion)
);
CREATE TABLE notes (
    id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    document bigint NOT NULL REFERENCES documents(key) ON DELETE CASCADE,
    layer bigint NOT NULL REFERENCES layers(id) ON DELETE CASCADE,
    span bigint REFERENCES spans(id) ON DELETE CASCADE,
    text text NOT NULL CHECK (length(trim(text)) > 0),
    created_at text NOT NULL,
    updated_at text NOT NULL
);
CREATE UNIQUE INDEX notes_by_subject ON notes (document, layer, coalesce(span, 0));
CREATE TABLE active_time (
    document bigint NOT NULL REFERENCES documents(key) ON DELETE CASCADE,
    layer bigint NOT NULL REFERENCES layers(id) ON DELETE CASCADE,
    day text NOT NULL CHECK (length(day) = 10),
    seconds double precision NOT NULL CHECK (seconds >= 0),
    PRIMARY KEY (document, layer, day)
);
CREATE TABLE document_labels (
    document bigint NOT NULL REFERENCES documents(key) ON DELETE CASCADE,
    layer bigint NOT NULL REFERENCES layers(id) ON DELETE CASCADE,
    name text NOT NULL,
    value text NOT NULL CHECK (length(value) > 0),
    updated_at text NOT NULL,
    decision text CHECK (decision IN ('agreed', 'picked', 'edited')),
    sources text CHECK (sources IS NULL OR json_valid(sources)),
    decided_by text,
    decided_at text,
    reason text,
    PRIMARY KEY (document, layer, name)
);
CREATE TABLE assignments (
    document bigint NOT NULL REFERENCES documents(key) ON DELETE CASCADE,
    layer bigint NOT NULL REFERENCES layers(id) ON DELETE CASCADE,
    assigned_at text NOT NULL,
    PRIMARY KEY (document, layer)
);
CREATE INDEX assignments_by_layer ON assignments (layer, document);
CREATE TABLE document_words (
    document bigint PRIMARY KEY REFERENCES documents(key) ON DELETE CASCADE,
    words bigint NOT NULL CHECK (words >= 0)
);
CREATE FUNCTION count_document_words() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO document_words (document, words)
    VALUES (NEW.key, coalesce(array_length(regexp_split_to_array(trim(NEW.text), '[ \n]+'), 1), 0)
                     * (length(trim(NEW.text)) > 0)::int)
    ON CONFLICT (document) DO UPDATE SET words = excluded.words;
    RETURN NULL;
END $$;
CREATE TRIGGER document_words_on_insert AFTER INSERT ON documents
    FOR EACH ROW EXECUTE FUNCTION count_document_words();
CREATE SEQUENCE project_changes;
CREATE FUNCTION notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM nextval('project_changes');
    PERFORM pg_notify('annotator_changes', '');
    RETURN NULL;
END $$;
"""

# The tables whose rows get their id from the server: an insert into one hands it back in
# the same message (``server.ServerCursor.lastrowid``).
IDENTITY_TABLES = frozenset(re.findall(r"CREATE TABLE (\w+) \(\s*id bigint GENERATED", FORMAT_10))

# Every table whose rows a window shows: a statement that changes one draws a number from
# ``project_changes`` at once and tells every listening connection, after its commit, that
# something changed (``ServerConnection.change_token`` reads both). The notification says
# nothing more, so the server sends one per transaction however many tables it changed:
# with 20 annotators' windows listening, three per action cost each of them a third more
# latency at the 95th percentile (bench_server b).
WATCHED_TABLES = ("documents", "annotators", "layers", "spans", "relations", "document_status", "edit_log",
                  "settings", "provenance", "rejections", "rejected_suggestions", "notes", "active_time",
                  "document_labels", "assignments")


def change_triggers() -> str:
    return "".join(f"CREATE TRIGGER {table}_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
                   "FOR EACH STATEMENT EXECUTE FUNCTION notify_change();\n" for table in WATCHED_TABLES)


def statements(script: str) -> list[str]:
    """The statements of ``script``, split at semicolons that end a line outside ``$$`` bodies."""
    found, current, in_body = [], [], False
    for line in script.splitlines():
        current.append(line)
        in_body ^= line.count("$$") % 2 == 1
        if not in_body and line.rstrip().endswith(";"):
            found.append("\n".join(current).strip())
            current = []
    if "".join(current).strip():
        found.append("\n".join(current).strip())
    return found


# What the corpus search reads (``span_words.py``; the file's migration 0009). ``span_words``
# holds each span's folded words and name, folded in Python by the first search after a
# write (``span_words.flush``), which locks the pending tables; the triggers note each span
# written and its label's group (a new span by a trigger for each row, as the store inserts
# one a statement; an update or a delete, which may touch many, by one for the statement).
# Unlike the file's, they take a deleted span's words, and the signature of a group left
# without spans, away at once: a flush sees only the spans its role may read (row-level
# security), so what it finds no span for it leaves pending, for a member who may see it,
# and a pending row always has spans. A trigram index answers ``LIKE '%words%'`` where the
# server has pg_trgm (a trusted extension since PostgreSQL 13, which the database's owner
# may create); without it the search reads the table, and is still right. No reference to
# ``spans`` from ``span_words``: it would make a flush wait for a writer that waits for it.
SEARCH_TABLES = r"""
CREATE TABLE span_words (
    span bigint PRIMARY KEY,
    words text NOT NULL,
    name text NOT NULL
);
CREATE TABLE label_signatures (
    document bigint NOT NULL,
    layer bigint NOT NULL,
    label text NOT NULL,
    signature text NOT NULL,
    PRIMARY KEY (label, document, layer)
);
CREATE TABLE span_words_pending (span bigint PRIMARY KEY);
CREATE TABLE label_signatures_pending (
    document bigint NOT NULL,
    layer bigint NOT NULL,
    label text NOT NULL,
    PRIMARY KEY (document, layer, label)
);
CREATE FUNCTION note_search_pending() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN  -- first the pending table, which waits for a flush under way
        DELETE FROM span_words_pending WHERE span IN (SELECT id FROM old_spans);
        DELETE FROM span_words WHERE span IN (SELECT id FROM old_spans);
    ELSE  -- an update
        INSERT INTO span_words_pending SELECT id FROM new_spans ON CONFLICT DO NOTHING;
        INSERT INTO label_signatures_pending SELECT DISTINCT document, layer, label FROM new_spans
            ON CONFLICT DO NOTHING;
    END IF;
    -- a group left with spans is pending; one left with none has no signature
    INSERT INTO label_signatures_pending SELECT DISTINCT o.document, o.layer, o.label FROM old_spans o
        WHERE EXISTS (SELECT 1 FROM spans s WHERE s.label = o.label AND s.document = o.document
                                              AND s.layer = o.layer)
        ON CONFLICT DO NOTHING;
    DELETE FROM label_signatures_pending p USING old_spans o
        WHERE p.label = o.label AND p.document = o.document AND p.layer = o.layer
          AND NOT EXISTS (SELECT 1 FROM spans s WHERE s.label = o.label AND s.document = o.document
                                                  AND s.layer = o.layer);
    DELETE FROM label_signatures g USING old_spans o
        WHERE g.label = o.label AND g.document = o.document AND g.layer = o.layer
          AND NOT EXISTS (SELECT 1 FROM spans s WHERE s.label = o.label AND s.document = o.document
                                                  AND s.layer = o.layer);
    RETURN NULL;
END $$;
CREATE FUNCTION note_new_span() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO span_words_pending VALUES (NEW.id) ON CONFLICT DO NOTHING;
    INSERT INTO label_signatures_pending VALUES (NEW.document, NEW.layer, NEW.label) ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;
CREATE TRIGGER search_pending_on_insert AFTER INSERT ON spans FOR EACH ROW EXECUTE FUNCTION note_new_span();
CREATE TRIGGER search_pending_on_update AFTER UPDATE ON spans REFERENCING OLD TABLE AS old_spans
    NEW TABLE AS new_spans FOR EACH STATEMENT EXECUTE FUNCTION note_search_pending();
CREATE TRIGGER search_pending_on_delete AFTER DELETE ON spans REFERENCING OLD TABLE AS old_spans
    FOR EACH STATEMENT EXECUTE FUNCTION note_search_pending();
DO $$
DECLARE
    operators text;
BEGIN
    BEGIN
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
    EXCEPTION WHEN others THEN
        RAISE NOTICE 'no pg_trgm (%): the corpus search reads span_words without a trigram index', SQLERRM;
    END;
    SELECT format('%I.gin_trgm_ops', n.nspname) INTO operators
    FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm';
    IF operators IS NOT NULL THEN
        EXECUTE format('CREATE INDEX span_words_by_words ON span_words USING gin (words %s)', operators);
        EXECUTE format('CREATE INDEX span_words_by_name ON span_words USING gin (name %s)', operators);
    END IF;
END $$;
"""


def format_10_script() -> list[str]:
    """Every statement that makes an empty schema a project at format 10."""
    return (statements(SQLITE_FUNCTIONS) + statements(FORMAT_10) + statements(SEARCH_TABLES)
            + statements(change_triggers())
            + ["INSERT INTO project_format (application, version) VALUES ('annotator', 10)"])
