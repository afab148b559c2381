"""scripts/system-packages.sh, which `make run`, `make test` and .ci/run call first: it names
what is missing and why, installs it on Debian and Ubuntu (apt-get as root, sudo
otherwise), and elsewhere says what to install there.

The system's commands are small fakes in tmp_path, the only folder on PATH: dpkg-query
answers from FAKE_INSTALLED, apt-get and sudo write what they were asked to FAKE_LOG,
ldconfig lists FAKE_LIBRARIES; nothing is installed for real."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).parents[1] / "scripts" / "system-packages.sh"
BASH = shutil.which("bash")

QT = "libglib2.0-0 libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3".split()
WINDOW = "libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0".split()
XVFB = ["xvfb", "xauth"]
SERVER = ["postgresql"]
EVERY_PACKAGE = [*QT, *WINDOW, *XVFB, *SERVER, "make"]
QT_LIBRARIES = "libglib-2.0.so.0 libGL.so.1 libEGL.so.1 libxkbcommon.so.0 libfontconfig.so.1 libdbus-1.so.3".split()
WINDOW_LIBRARIES = ("libxcb-cursor.so.0 libxkbcommon-x11.so.0 libxcb-icccm.so.4 libxcb-keysyms.so.1 "
                    "libxcb-shape.so.0 libxcb-image.so.0 libxcb-render-util.so.0").split()

FAKES = {
    "id": 'echo "$FAKE_UID"',
    "uname": 'echo "$FAKE_SYSTEM"',
    "dpkg-query": """for name in "$@"; do
  case "$name" in -*) continue ;; esac
  case " $FAKE_INSTALLED " in *" $name "*) echo "$name install ok installed" ;; *) echo "no $name" >&2 ;; esac
done""",
    "apt-get": 'echo "apt-get $*" >> "$FAKE_LOG"',
    "initdb": "exit 0",
    "sudo": 'echo "sudo $*" >> "$FAKE_LOG"; exec "$@"',
    "ldconfig": """echo "libs found in cache /etc/ld.so.cache"
for name in $FAKE_LIBRARIES; do echo "	$name (libc6,x86-64) => /usr/lib64/$name"; done""",
}
DEBIAN = ("id", "uname", "dpkg-query", "apt-get", "sudo")
ELSEWHERE = ("id", "uname", "ldconfig", "initdb")


class System:
    """A machine with only the given commands, where the script runs."""

    def __init__(self, folder: Path, commands: tuple[str, ...], *, root: bool = False, system: str = "Linux",
                 installed: list[str] = (), libraries: list[str] = (), distribution: str = "debian"):
        self.bin, self.log = folder / "bin", folder / "commands.log"
        self.bin.mkdir()
        for name in commands:
            fake = self.bin / name
            fake.write_text(f"#!/bin/sh\n{FAKES[name]}\n", encoding="utf-8")
            fake.chmod(0o755)
        os_release = folder / "os-release"
        os_release.write_text(f"ID={distribution}\n", encoding="utf-8")
        self.env = {"PATH": str(self.bin), "PYTHON": sys.executable, "FAKE_UID": "0" if root else "1000",
                    "FAKE_SYSTEM": system, "FAKE_INSTALLED": " ".join(installed),
                    "FAKE_LIBRARIES": " ".join(libraries), "FAKE_LOG": str(self.log),
                    "OS_RELEASE_FILE": str(os_release)}

    def python(self, version: str, path: str, venv: bool) -> None:
        """Make PYTHON a Python of this version, at this path, with or without venv."""
        fake = self.bin / "fake-python"
        fake.write_text(f"#!/bin/sh\necho {version} {path} {'venv' if venv else 'no-venv'}\n", encoding="utf-8")
        fake.chmod(0o755)
        self.env["PYTHON"] = str(fake)

    def run(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([BASH, SCRIPT, *args], env=self.env, capture_output=True, text=True, timeout=60)

    def commands(self) -> list[str]:
        return self.log.read_text(encoding="utf-8").splitlines() if self.log.exists() else []


def without(packages: list[str], *missing: str) -> list[str]:
    return [package for package in packages if package not in missing]


def test_with_everything_installed_nothing_is_said_or_installed(tmp_path):
    system = System(tmp_path, DEBIAN, installed=EVERY_PACKAGE)
    for need in ("test", "run", "all"):
        done = system.run(need)
        assert (done.returncode, done.stderr) == (0, "")
        assert system.run("--check", need).returncode == 0
    assert system.commands() == []


def test_the_check_names_what_is_missing_and_why_and_installs_nothing(tmp_path):
    system = System(tmp_path, DEBIAN, installed=without(EVERY_PACKAGE, "libxcb-cursor0", "libxcb-icccm4", "libegl1"))
    done = system.run("--check", "run")
    assert done.returncode == 1
    assert "  libegl1: Qt's own libraries, for every window and for the tests (offscreen)" in done.stderr
    assert "  libxcb-cursor0 libxcb-icccm4: Qt's xcb plugin, which shows the window" in done.stderr
    assert ("sudo apt-get update && sudo apt-get install -y --no-install-recommends "
            "libegl1 libxcb-cursor0 libxcb-icccm4") in done.stderr
    assert system.commands() == []


def test_the_tests_run_offscreen_without_the_window_libraries(tmp_path):
    system = System(tmp_path, DEBIAN, installed=[*QT, *SERVER, "make"])
    assert system.run("--check", "test").returncode == 0
    done = system.run("--check", "run")
    assert done.returncode == 1 and " ".join(WINDOW) in done.stderr and "xvfb" not in done.stderr
    assert "xvfb xauth: a window on a machine without a screen" in system.run("--check", "all").stderr


def test_the_tests_need_the_postgresql_server_and_the_window_does_not(tmp_path):
    system = System(tmp_path, DEBIAN, installed=without(EVERY_PACKAGE, "postgresql"))
    assert system.run("--check", "run").returncode == 0
    for need in ("test", "all"):
        done = system.run("--check", need)
        assert done.returncode == 1
        assert "postgresql: the PostgreSQL server programs, which the tests start" in done.stderr


def test_elsewhere_a_missing_postgresql_server_is_named_with_its_package(tmp_path):
    system = System(tmp_path, ("id", "uname", "ldconfig"), libraries=QT_LIBRARIES, distribution="fedora")
    done = system.run("test")
    assert done.returncode == 1 and "initdb" in done.stderr and "postgresql-server" in done.stderr


def test_as_root_the_missing_packages_are_installed_with_apt_get(tmp_path):
    system = System(tmp_path, DEBIAN, root=True, installed=without(EVERY_PACKAGE, "libegl1", "xvfb", "make"))
    done = system.run("all")
    assert done.returncode == 0, done.stderr
    assert system.commands() == ["apt-get update -qq",
                                 "apt-get install -y -qq --no-install-recommends libegl1 make xvfb"]


def test_a_bare_machine_gets_python_too(tmp_path):
    system = System(tmp_path, DEBIAN, root=True)
    system.env["PYTHON"] = str(tmp_path / "no-python-here")
    assert system.run("all").returncode == 0
    assert system.commands()[-1] == f"apt-get install -y -qq --no-install-recommends {' '.join(QT)} make " \
                                    f"{' '.join(WINDOW)} {' '.join(XVFB)} postgresql python3 python3-venv"


def test_as_a_user_sudo_installs_them_after_saying_which_and_why(tmp_path):
    system = System(tmp_path, DEBIAN, installed=without(EVERY_PACKAGE, "libxkbcommon-x11-0"))
    done = system.run("run")
    assert done.returncode == 0, done.stderr
    assert "libxkbcommon-x11-0: Qt's xcb plugin" in done.stderr and "sudo" in done.stderr
    assert system.commands() == ["sudo apt-get update -qq", "apt-get update -qq",
                                 "sudo apt-get install -y --no-install-recommends libxkbcommon-x11-0",
                                 "apt-get install -y --no-install-recommends libxkbcommon-x11-0"]


def test_without_sudo_the_command_to_run_as_root_is_printed(tmp_path):
    system = System(tmp_path, without(list(DEBIAN), "sudo"), installed=without(EVERY_PACKAGE, "libgl1"))
    done = system.run("test")
    assert done.returncode == 1
    assert "sudo is not installed" in done.stderr
    assert "apt-get update && apt-get install -y --no-install-recommends libgl1" in done.stderr
    assert system.commands() == []


def test_a_refused_sudo_leaves_the_command_to_run(tmp_path):
    system = System(tmp_path, DEBIAN, installed=without(EVERY_PACKAGE, "libgl1"))
    (system.bin / "sudo").write_text('#!/bin/sh\necho "sudo: a password is required" >&2\nexit 1\n')
    done = system.run("test")
    assert done.returncode == 1
    assert "sudo apt-get update && sudo apt-get install -y --no-install-recommends libgl1" in done.stderr


def test_python_without_venv_on_debian_adds_its_venv_package(tmp_path):
    system = System(tmp_path, DEBIAN, installed=EVERY_PACKAGE)
    system.python("3.11", "/usr/bin/python3.11", venv=False)
    done = system.run("--check", "test")
    assert done.returncode == 1 and "python3.11-venv: Python's venv, which makes .venv" in done.stderr


def test_a_python_too_old_is_named_and_not_replaced(tmp_path):
    system = System(tmp_path, DEBIAN, root=True, installed=EVERY_PACKAGE)
    system.python("3.10", "/usr/bin/python3.10", venv=True)
    done = system.run("run")
    assert done.returncode == 1
    assert "needs Python 3.11 or newer" in done.stderr and "Python 3.10" in done.stderr
    assert system.commands() == []


@pytest.mark.parametrize(("distribution", "command", "window_package"), [
    ("fedora", "sudo dnf install", "xcb-util-cursor"),
    ("arch", "sudo pacman -S --needed", "xcb-util-cursor"),
    ("opensuse-tumbleweed suse", "sudo zypper install", "libxcb-cursor0"),
])
def test_without_apt_the_distributions_own_command_is_named(tmp_path, distribution, command, window_package):
    system = System(tmp_path, ELSEWHERE, libraries=QT_LIBRARIES, distribution=distribution)
    system.env["OS_RELEASE_FILE"] = str(tmp_path / "os-release")
    (tmp_path / "os-release").write_text(
        f'ID={distribution.split()[0]}\nID_LIKE="{" ".join(distribution.split()[1:])}"\n')
    assert system.run("test").returncode == 0  # Qt's own libraries are there
    done = system.run("run")
    assert done.returncode == 1
    assert "libxcb-cursor.so.0" in done.stderr and "Qt's xcb plugin" in done.stderr
    line = next(line for line in done.stderr.splitlines() if command in line)
    assert line.startswith(f"system-packages: install them with: {command}") and window_package in line.split()
    assert [name for name in ("dnf", "pacman", "zypper") if name in done.stderr] == [command.split()[1]]


def test_without_apt_on_an_unknown_distribution_each_command_is_named(tmp_path):
    done = System(tmp_path, ELSEWHERE, distribution="gentoo").run("--check", "test")
    assert done.returncode == 1
    for name in ("Fedora:   sudo dnf install", "Arch:     sudo pacman -S --needed", "openSUSE: sudo zypper install"):
        assert name in done.stderr
    assert "xcb-util-cursor" not in done.stderr  # the tests run offscreen


def test_without_apt_with_every_library_nothing_is_asked(tmp_path):
    done = System(tmp_path, ELSEWHERE, libraries=[*QT_LIBRARIES, *WINDOW_LIBRARIES]).run("run")
    assert (done.returncode, done.stderr) == (0, "")


def test_on_macos_nothing_beyond_python_is_needed(tmp_path):
    system = System(tmp_path, ("id", "uname"), system="Darwin")
    assert system.run("run").returncode == 0
    done = system.run("--check", "run")
    assert done.returncode == 0 and "nothing to install" in done.stderr
    system.python("3.11", "/usr/local/bin/python3.11", venv=False)
    done = system.run("run")
    assert done.returncode == 1 and "brew install python@3.12" in done.stderr


def test_a_bad_argument_says_how_to_call_it(tmp_path):
    done = System(tmp_path, DEBIAN, installed=EVERY_PACKAGE).run("window")
    assert done.returncode == 2 and "usage:" in done.stderr
