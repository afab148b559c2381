"""A team on a project on a PostgreSQL server, from the command line (issue 19, item 3).

``annotator team add URL NAME --role annotator|reviewer|lead [--password-file FILE]``
makes NAME a login role of the server holding that role on the project; ``team list``
says who holds which; ``team remove`` takes a member off; ``team see-each-other URL on|off``
is the lead's switch between blind annotation (the default) and annotators reading each
other's layers. The database enforces the roles (``core/store/server_roles.py``), for the
window, these commands and psql alike; this module only says what happened.
"""

from __future__ import annotations

from pathlib import Path

import click

from annotator.cli_errors import CommandFailure, command_errors
from annotator.core.store import Project


@click.group("team")
def team() -> None:
    """Who works on a project on a PostgreSQL server, and as what (annotator, reviewer, lead)."""


def _server_project(url: str) -> Project:
    from annotator.core.store.server_address import is_server_url

    if not is_server_url(url):
        raise CommandFailure(f"{url}: a team works on a project on a PostgreSQL server (postgresql://…); "
                             "a project file has no roles of its own")
    return Project.open(url)


def _password(file: Path | None) -> str | None:
    if file is None:
        return None
    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise CommandFailure(f"{file}: the password file is not UTF-8 text") from None
    password = text.rstrip("\r\n")
    if not password or "\n" in password:
        raise CommandFailure(f"{file}: the password file must hold the password on one line")
    return password


@team.command("add")
@click.argument("url", type=click.STRING)
@click.argument("name")
@click.option("--role", type=click.Choice(("annotator", "reviewer", "lead")), required=True,
              help="annotator: their own layer; reviewer: every layer read, the gold layer written; "
                   "lead: everything, the team too.")
@click.option("--password-file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A file holding the member's password on its first line (never on the command line).")
def team_add(url: str, name: str, role: str, password_file: Path | None) -> None:
    """Add NAME to the project's team as ROLE (making their login role on the server), or
    change the role of a member."""
    from annotator.core.store import server_roles

    with command_errors():
        password = _password(password_file)
        with _server_project(url) as opened:
            made = server_roles.add_member(opened, name, role, password)
            where = opened.path
    name = name.strip()
    layer = f"; their layer is {name}" if role == "annotator" else ""
    click.echo(f"{name} is on the team of {where} as {role}{layer}")
    if made and password is None:
        click.echo(f"{name} has no password yet: connections over the network need one "
                   f"(annotator team add {where} {name} --role {role} --password-file FILE)", err=True)


@team.command("list")
@click.argument("url", type=click.STRING)
def team_list(url: str) -> None:
    """Who is on the project's team, and as what."""
    from annotator.core.store import server_roles

    with command_errors(), _server_project(url) as opened:
        members = server_roles.list_members(opened)
        see = server_roles.annotators_see_each_other(opened)
    if not members:
        click.echo("no team yet: `annotator team add URL NAME --role annotator|reviewer|lead` makes one")
        return
    width = max(len(member) for member, _ in members)
    for member, role in members:
        click.echo(f"{member:<{width}}  {role}")
    click.echo("annotators see each other's layers" if see
               else "blind annotation: each annotator sees only their own layer")


@team.command("remove")
@click.argument("url", type=click.STRING)
@click.argument("name")
def team_remove(url: str, name: str) -> None:
    """Take NAME off the project's team; their layer stays. Their login role is dropped
    unless another project has them."""
    from annotator.core.store import server_roles

    with command_errors(), _server_project(url) as opened:
        dropped = server_roles.remove_member(opened, name)
        where = opened.path
    name = name.strip()
    click.echo(f"{name} is off the team of {where}" + ("; their login role is dropped" if dropped else
                                                        "; they keep their login role for another project"))


@team.command("see-each-other")
@click.argument("url", type=click.STRING)
@click.argument("switch", type=click.Choice(("on", "off")))
def team_see_each_other(url: str, switch: str) -> None:
    """on: annotators read each other's layers; off (the default): blind annotation. Each
    still writes only their own."""
    from annotator.core.store import server_roles

    with command_errors(), _server_project(url) as opened:
        server_roles.set_annotators_see_each_other(opened, switch == "on")
    click.echo("annotators now see each other's layers" if switch == "on"
               else "blind annotation: each annotator now sees only their own layer")
