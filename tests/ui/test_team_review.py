"""On a team's server project, review and the agreement dashboard are for its reviewers
and its lead: an annotator's window says why it does not open them (the server would show
them only their own layer while annotation is blind, and refuses them gold)."""

from __future__ import annotations

from click.testing import CliRunner

from annotator.cli import cli
from annotator.ui.main_window import MainWindow
from tests.test_team_roles import team  # noqa: F401  (the fixture)


def window_of(qtbot, team, member: str) -> MainWindow:  # noqa: F811
    window = MainWindow(team.url(member), annotator=member)
    qtbot.addWidget(window)
    return window


def test_an_annotator_is_told_why_review_does_not_open_and_a_reviewer_reviews(qtbot, team):  # noqa: F811
    team.add("mona", "annotator")
    team.add("huda", "reviewer")
    mona = window_of(qtbot, team, "mona")
    assert mona.open_review() is None
    assert "mona is an annotator here: reviewing is for the team's reviewers and lead" in \
        mona.statusBar().currentMessage()
    assert mona.open_dashboard() is None
    assert "the agreement dashboard is" in mona.statusBar().currentMessage()
    huda = window_of(qtbot, team, "huda")
    review = huda.open_review()
    assert review is not None and set(review.layers) == {"karim", "mona"}
    huda.review.close()


def test_an_annotator_who_may_see_the_others_sees_the_dashboard_but_does_not_review(qtbot, team):  # noqa: F811
    team.add("mona", "annotator")
    done = CliRunner().invoke(cli, ["team", "see-each-other", team.url(), "on"])
    assert done.exit_code == 0, done.output
    mona = window_of(qtbot, team, "mona")
    assert mona.open_dashboard() is not None
    assert mona.open_review() is None
