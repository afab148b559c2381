"""PySide6 6.12.0 on Python < 3.12 lowers None's refcount on every void Qt call; after
about 5,000 calls the interpreter aborts (`Fatal Python error: none_dealloc`). The pin in
pyproject keeps that build away; this proves the installed one survives a real session's
worth of calls. It runs in a child process so that an abort fails one test, not the run."""

import subprocess
import sys
import textwrap

CHILD = textwrap.dedent(
    """
    from PySide6.QtGui import QTextCursor, QTextDocument
    document = QTextDocument("قال المتحدث إن الاجتماع سيُعقد غداً")
    cursor = QTextCursor(document)
    for i in range(20_000):
        cursor.setPosition(i % 10)
    print("survived", cursor.position())
    """
)


def test_twenty_thousand_void_qt_calls_do_not_crash_the_interpreter():
    done = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True, timeout=120,
                          env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "survived 9"
