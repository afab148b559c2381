"""A team project's URL: what goes to libpq, and what is shown (never the password)."""

from __future__ import annotations

import pytest

from annotator.core.store.server_address import ServerAddress


@pytest.mark.parametrize(("url", "conninfo", "shown"), [
    ("postgresql://mona:s3cret@db.example:5433/news?schema=team&sslmode=require",
     "postgresql://mona:s3cret@db.example:5433/news?sslmode=require",
     "postgresql://mona@db.example:5433/news?schema=team&sslmode=require"),
    ("postgresql:///?service=news", "postgresql:///?service=news", "postgresql:///?service=news"),
    ("postgresql://?service=news", "postgresql://?service=news", "postgresql://?service=news"),
    ("postgres:///news", "postgres:///news", "postgres:///news"),
])
def test_libpq_gets_the_url_and_the_user_never_sees_its_password(url, conninfo, shown):
    address = ServerAddress(url)
    assert address.conninfo == conninfo
    assert str(address) == shown and "s3cret" not in repr(address)


def test_a_schema_is_ours_and_names_the_project():
    address = ServerAddress("postgresql://lead@127.0.0.1:5432/news?schema=second")
    assert address.schema == "second" and address.name == "news.second"
    assert "schema" not in address.conninfo
