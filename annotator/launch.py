"""The ``annotator`` command's entry point; the window starts without loading click.

``annotator``, ``annotator demo`` and ``annotator open PROJECT`` are how people start the
window (``make run``, the desktop launcher, the bundle). Importing click and the rest of
the command line would slow those starts, so these three forms go straight to the
window. Everything else (the other commands, --help, --version, an ``open`` whose
PROJECT is not a file) goes to the click command line in ``annotator.cli``, which
defines every command, reports misuse, and starts its windows with the functions here.

A reader that stops early (``annotator suggest P --json | head``) ends every command
quietly here, as it ends a Unix tool: no message, exit status 141 (see ``main``).
"""

from __future__ import annotations

import gc
import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from annotator.core.errors import AnnotatorError
from annotator.core.store.project_file import check_file


class Failure(Exception):
    """An expected failure, already worded for the user: one line on stderr, exit 1."""


@contextmanager
def user_errors(passing: tuple[type[BaseException], ...] = ()) -> Iterator[None]:
    """Turn every expected failure into a ``Failure``; log an unexpected one (a bug) and
    keep its traceback out of the user's way. ``passing`` goes through unchanged."""
    try:
        yield
    except (Failure, *passing):  # already worded (an inner user_errors), or the caller's to word
        raise
    except BrokenPipeError:  # the reader of our output has gone: no error, main ends quietly
        raise
    except AnnotatorError as error:
        raise Failure(command_line_message(error)) from None
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        raise Failure(f"{where}{error.strerror or error}") from None
    except Exception as error:
        log = write_crash_log()
        raise Failure(f"unexpected error ({type(error).__name__}: {error}); details in {log}") from None


def command_line_message(error: AnnotatorError) -> str:
    """The error's message with its remedy in the command line's words (its flags)."""
    from annotator.core.errors import Remedy

    if error.remedy == Remedy.NAME_ENCODING:
        from annotator.core.text import SUPPORTED_ENCODINGS

        return f"{error}; try --encoding NAME with one of: {', '.join(SUPPORTED_ENCODINGS)}"
    if error.remedy == Remedy.NAME_FORMAT:
        from annotator.formats.registry import FORMATS

        return f"{error}; name it with --format ({', '.join(FORMATS)})"
    hints = {Remedy.NAME_LAYER: "name one with --annotator NAME",
             Remedy.REPLACE_LAYER: "use --replace to replace them"}
    return f"{error}; {hints[error.remedy]}" if error.remedy in hints else str(error)


def write_crash_log() -> Path:
    import traceback

    from annotator.paths import user_log_dir

    log = user_log_dir() / "crash.log"
    with open(log, "a", encoding="utf-8") as handle:
        handle.write(traceback.format_exc() + "\n")
    return log


def collect_later() -> None:
    """No garbage collection while a window starts; ``ui.app.event_loop`` turns it back
    on once the window is up (and says why)."""
    gc.disable()


def check_project(project: Path) -> None:
    """Refuse, before a window loads Qt, a project it could not open: a file's header is
    read; a project on a server (a ``ServerAddress``) is connected to and its format read."""
    if isinstance(project, Path):
        check_file(project)
        return
    from annotator.core.store import Project

    Project.open(project, read_only=True).close()


def open_window(project: Path) -> int:
    """The annotator's window on ``project``; the exit status once it closes."""
    with user_errors():
        # Refused here, on the terminal, before Qt loads; only the header is read, since
        # the window's open checks the file's health itself and a second check would
        # read the whole file again.
        check_project(project)
        collect_later()
        from annotator.ui.app import run

        return run(project)


def open_demo() -> int:
    """The demo project (made in the user's data folder if missing) in the window."""
    with user_errors():
        from annotator.demo import ensure_demo_project

        project = ensure_demo_project()
    return open_window(project)


def welcome() -> int:
    """The welcome window: recent projects, new, open, the demo, import articles."""
    with user_errors():
        collect_later()
        from annotator.ui.app import run_welcome

        return run_welcome()


def _window_start(args: list[str]) -> tuple | None:
    """The window to start and its arguments when ``args`` ask for one the short way."""
    if not args:
        return (welcome,)
    if args == ["demo"]:
        return (open_demo,)
    if len(args) == 2 and args[0] == "open" and not args[1].startswith("-") and Path(args[1]).is_file():
        return (open_window, Path(args[1]))
    return None


# The status a shell reports for a tool that SIGPIPE ended, as `seq 1000000 | head` ends
# seq: scripts with `set -o pipefail` see what they see with any Unix tool, and can tell a
# reader that stopped early from a failure (1).
READER_GONE = 128 + 13


def main() -> None:
    """Run the command, and end it quietly with READER_GONE once a reader of its output has
    gone: Python's own advice (catch BrokenPipeError at the top, point stdout at devnull
    so that the interpreter's last flush meets no closed pipe), in the one place every
    command passes through."""
    with _closed_pipes_noticed() as closed_pipes:
        try:
            try:
                status = _run(sys.argv[1:])
            finally:
                _flush_stdout()  # here, where a closed pipe is caught; not at the interpreter's exit
        except BrokenPipeError:
            status = READER_GONE
        except SystemExit as done:
            # click answers a closed pipe itself (exit 1, quietly) before the error reaches
            # here; the kernel's SIGPIPE says that is what the 1 meant.
            if done.code in (0, None) or not closed_pipes:
                raise
            status = READER_GONE
    if status == READER_GONE:
        _discard_output()
    sys.exit(status)


def _run(args: list[str]) -> int:
    start = _window_start(args)
    if start is None:
        from annotator.cli import main as command_line

        command_line()
        return 0
    window, *arguments = start
    try:
        return window(*arguments)
    except Failure as failure:
        print(f"annotator: {failure}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:  # Ctrl+C on the terminal: what the click command line says
        print("\nAborted!", file=sys.stderr)
        return 1


@contextmanager
def _closed_pipes_noticed() -> Iterator[list[int]]:
    """A list that fills when a write meets a pipe without a reader. The kernel signals
    SIGPIPE on such a write; Python ignores it unless told to listen. It is ignored again
    afterwards: at exit Python would reset a signal it listened to to the system's default,
    which ends the process."""
    if not hasattr(signal, "SIGPIPE"):  # Windows
        yield []
        return
    met: list[int] = []
    previous = signal.signal(signal.SIGPIPE, lambda number, frame: met.append(number))
    try:
        yield met
    finally:
        signal.signal(signal.SIGPIPE, signal.SIG_IGN if previous is None else previous)


def _flush_stdout() -> None:
    if sys.stdout is not None:  # None in a bundle started without a console
        sys.stdout.flush()


def _discard_output() -> None:
    """Point stdout at devnull, so that nothing left in its buffer fails again at exit."""
    if sys.stdout is None:
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # a replaced stdout without a descriptor: nothing to flush
        pass
    finally:
        os.close(devnull)
