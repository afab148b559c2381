#!/usr/bin/env bash
# What the system must provide before .venv can be made and Qt can start, checked in a
# fraction of a second, and installed when missing. `make run` and `make test` call it
# first, and .ci/run on a bare machine.
#
#   scripts/system-packages.sh [--check] [test|run|all]
#
#   test  Qt's own libraries (the tests run offscreen), Python with venv, make, and the
#         PostgreSQL server programs (the tests start a throwaway server)
#   run   Qt's own libraries, Python, make, and the libraries of Qt's xcb plugin that a
#         real window needs (no server: the demo is a project file)
#   all   test and run, and Xvfb with xauth: a window on a machine without a screen (CI)
#
# On Debian and Ubuntu the missing packages are installed with apt-get: as root directly,
# otherwise through sudo after saying which and why. Elsewhere it names what to install
# (dnf, pacman, zypper; nothing beyond Python on macOS). --check only says what is
# missing: exit status 1 if anything is, 0 if not. ANNOTATOR_SYSTEM_PACKAGES=skip skips
# the check, for systems that keep their libraries where it cannot see them. PYTHON names
# the Python that makes .venv; OS_RELEASE_FILE another /etc/os-release (for the tests).
#
# Written for bash 3.2 too (macOS): no associative arrays, no empty array expansions.
set -euo pipefail

PYTHON=${PYTHON:-python3}
MINIMUM_PYTHON=3.11

# Debian and Ubuntu packages, by what they are for.
DEBIAN_QT="libglib2.0-0 libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3"
DEBIAN_WINDOW="libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0"
DEBIAN_XVFB="xvfb xauth"
WHY_QT="Qt's own libraries, for every window and for the tests (offscreen)"
WHY_WINDOW="Qt's xcb plugin, which shows the window on an X11 or XWayland desktop"
WHY_XVFB="a window on a machine without a screen (Xvfb)"
WHY_MAKE="the README's commands"
WHY_VENV="Python's venv, which makes .venv"
DEBIAN_SERVER="postgresql"
WHY_SERVER="the PostgreSQL server programs, which the tests start as a throwaway server (team projects)"

# Elsewhere: the shared libraries Qt loads (their file names), and the packages that hold them.
SONAMES_QT="libglib-2.0.so.0 libGL.so.1 libEGL.so.1 libxkbcommon.so.0 libfontconfig.so.1 libdbus-1.so.3"
SONAMES_WINDOW="libxcb-cursor.so.0 libxkbcommon-x11.so.0 libxcb-icccm.so.4 libxcb-keysyms.so.1
libxcb-shape.so.0 libxcb-image.so.0 libxcb-render-util.so.0"
FEDORA_QT="glib2 libglvnd-glx libglvnd-egl libxkbcommon fontconfig dbus-libs"
FEDORA_WINDOW="xcb-util-cursor libxkbcommon-x11 xcb-util-wm xcb-util-keysyms xcb-util-image xcb-util-renderutil libxcb"
FEDORA_XVFB="xorg-x11-server-Xvfb xorg-x11-xauth"
ARCH_QT="glib2 libglvnd libxkbcommon fontconfig dbus"
ARCH_WINDOW="xcb-util-cursor libxkbcommon-x11 xcb-util-wm xcb-util-keysyms xcb-util-image xcb-util-renderutil libxcb"
ARCH_XVFB="xorg-server-xvfb xorg-xauth"
SUSE_QT="libglib-2_0-0 libGL1 libEGL1 libxkbcommon0 libfontconfig1 libdbus-1-3"
SUSE_WINDOW="libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-image0
libxcb-render-util0"
SUSE_XVFB="xorg-x11-server-Xvfb xauth"

say() { printf 'system-packages: %s\n' "$*" >&2; }
usage() { say "usage: $0 [--check] [test|run|all]"; exit 2; }

check_only=false
need=test
for argument in "$@"; do
    case "$argument" in
        --check) check_only=true ;;
        test | run | all) need=$argument ;;
        -h | --help) sed -n '2,18p' "$0"; exit 0 ;;
        *) usage ;;
    esac
done
[ "${ANNOTATOR_SYSTEM_PACKAGES:-}" = skip ] && exit 0

wants() {  # wants run|server|all: whether this need includes that one
    case "$1" in
        run) [ "$need" != test ] ;;
        server) [ "$need" != run ] ;;
        all) [ "$need" = all ] ;;
    esac
}

# Prints "VERSION REAL_PATH VENV" for $PYTHON, or nothing if it does not run.
python_facts() {
    # find_spec, not import: importing ensurepip takes ten times as long as starting Python.
    "$PYTHON" -c 'import os, sys
from importlib.util import find_spec
has_venv = "venv" if find_spec("ensurepip") and find_spec("venv") else "no-venv"
print("%d.%d" % sys.version_info[:2], os.path.realpath(sys.executable), has_venv)' 2>/dev/null || true
}

version_at_least() {  # version_at_least 3.12 3.11
    local major=${1%%.*} minor=${1#*.} least_major=${2%%.*} least_minor=${2#*.}
    [ "$major" -gt "$least_major" ] || { [ "$major" -eq "$least_major" ] && [ "$minor" -ge "$least_minor" ]; }
}

# Python is checked everywhere; a Python that is too old is never replaced behind the user's back.
PYTHON_VERSION="" PYTHON_PATH="" PYTHON_VENV=""
read -r PYTHON_VERSION PYTHON_PATH PYTHON_VENV <<<"$(python_facts)" || true
if [ -n "$PYTHON_VERSION" ] && ! version_at_least "$PYTHON_VERSION" "$MINIMUM_PYTHON"; then
    say "annotator needs Python $MINIMUM_PYTHON or newer; $PYTHON is Python $PYTHON_VERSION ($PYTHON_PATH)."
    say "Install a newer one and name it: make run PYTHON=python3.12"
    say "(Debian 12 and Ubuntu 24.04 have one as python3)."
    exit 1
fi

# --- macOS and Windows: Qt's wheels bring every library they load -------------------------
case "$(uname -s)" in
    Darwin | MINGW* | MSYS* | CYGWIN*)
        if [ -z "$PYTHON_VERSION" ] || [ "$PYTHON_VENV" != venv ]; then
            say "nothing beyond Python $MINIMUM_PYTHON+ with venv is needed here, and $PYTHON is missing or lacks venv:"
            say "  brew install python@3.12 (or Python from python.org), then: make run PYTHON=python3.12"
            exit 1
        fi
        $check_only && say "nothing to install: Qt's wheels bring their libraries; $PYTHON is $PYTHON_VERSION"
        exit 0
        ;;
esac

# --- Debian and Ubuntu: dpkg knows what is installed, apt-get installs the rest -----------
if command -v dpkg-query >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
    packages="$DEBIAN_QT make"
    wants run && packages="$packages $DEBIAN_WINDOW"
    wants all && packages="$packages $DEBIAN_XVFB"
    wants server && packages="$packages $DEBIAN_SERVER"
    installed=" "
    # shellcheck disable=SC2086  # one word per package
    while read -r package status; do
        case "$status" in *"ok installed") installed="$installed$package " ;; esac
    done <<<"$(dpkg-query -W -f='${Package} ${Status}\n' $packages 2>/dev/null || true)"
    missing="" reasons=""
    note_missing() {  # note_missing WHY PACKAGE...
        local why=$1 found="" package
        shift
        for package in "$@"; do
            case "$installed" in *" $package "*) ;; *) found="$found $package" ;; esac
        done
        [ -z "$found" ] && return
        missing="$missing$found"
        reasons="$reasons  ${found# }: $why"$'\n'
    }
    # shellcheck disable=SC2086
    {
        note_missing "$WHY_QT" $DEBIAN_QT
        note_missing "$WHY_MAKE" make
        if wants run; then note_missing "$WHY_WINDOW" $DEBIAN_WINDOW; fi
        if wants all; then note_missing "$WHY_XVFB" $DEBIAN_XVFB; fi
        if wants server; then note_missing "$WHY_SERVER" $DEBIAN_SERVER; fi
    }
    if [ -z "$PYTHON_VERSION" ]; then
        missing="$missing python3 python3-venv"
        reasons="$reasons  python3 python3-venv: Python, which runs annotator ($PYTHON is not there)"$'\n'
    elif [ "$PYTHON_VENV" != venv ]; then
        case "$PYTHON_PATH" in
            /usr/bin/*)  # Debian's own Python, whose venv and ensurepip come apart
                missing="$missing python$PYTHON_VERSION-venv"
                reasons="$reasons  python$PYTHON_VERSION-venv: $WHY_VENV"$'\n'
                ;;
            *)
                say "$PYTHON ($PYTHON_PATH) has no venv module, and no Debian package adds one to it;"
                say "use a Python that has it: make run PYTHON=/usr/bin/python3"
                exit 1
                ;;
        esac
    fi
    missing=${missing# }
    [ -z "$missing" ] && { $check_only && say "every system package for '$need' is installed"; exit 0; }

    install="apt-get install -y --no-install-recommends $missing"
    say "these system packages are missing:"
    printf '%s' "$reasons" >&2
    if $check_only; then
        say "install them with: sudo apt-get update && sudo $install"
        exit 1
    fi
    if [ "$(id -u)" -eq 0 ]; then
        say "installing them: $install"
        apt-get update -qq
        # shellcheck disable=SC2086
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
        exit 0
    fi
    if ! command -v sudo >/dev/null 2>&1; then
        say "sudo is not installed, so they cannot be installed from here; as root, run:"
        say "  apt-get update && $install"
        exit 1
    fi
    say "installing them with sudo (it may ask for your password): sudo $install"
    # shellcheck disable=SC2086
    if sudo apt-get update -qq && sudo apt-get install -y --no-install-recommends $missing; then
        exit 0
    fi
    say "the installation did not finish; run it yourself, then try again:"
    say "  sudo apt-get update && sudo $install"
    exit 1
fi

# --- Other Linux systems: look for the libraries themselves, say what to install ---------
sonames=$SONAMES_QT
wants run && sonames="$sonames $SONAMES_WINDOW"
# The loader's cache (ldconfig -p) knows where the libraries are; without ldconfig, the usual folders.
library_cache=""
for ldconfig in "$(command -v ldconfig || true)" /sbin/ldconfig /usr/sbin/ldconfig; do
    if [ -n "$ldconfig" ] && [ -x "$ldconfig" ]; then
        library_cache=$("$ldconfig" -p 2>/dev/null || true)
        break
    fi
done
found() {  # found SONAME
    local folder
    if [ -n "$library_cache" ]; then
        case "$library_cache" in *"$1 "*) return 0 ;; *) return 1 ;; esac
    fi
    for folder in /usr/lib64 /usr/lib /lib64 /lib /usr/lib/*-linux-gnu /usr/local/lib; do
        [ -e "$folder/$1" ] && return 0
    done
    return 1
}
missing=""
for soname in $sonames; do
    found "$soname" || missing="$missing $soname"
done
if wants all; then
    command -v Xvfb >/dev/null 2>&1 || missing="$missing Xvfb"
    command -v xauth >/dev/null 2>&1 || missing="$missing xauth"
fi
if wants server && ! command -v initdb >/dev/null 2>&1 && ! command -v pg_ctl >/dev/null 2>&1; then
    missing="$missing initdb"
fi
[ -z "$PYTHON_VERSION" ] && missing="$missing python$MINIMUM_PYTHON+"
[ -n "$PYTHON_VERSION" ] && [ "$PYTHON_VENV" != venv ] && missing="$missing python-venv"
if [ -z "$missing" ]; then
    $check_only && say "every library for '$need' is installed"
    exit 0
fi

distribution=""
os_release=${OS_RELEASE_FILE:-/etc/os-release}
[ -r "$os_release" ] && distribution=$(. "$os_release" && printf '%s %s' "${ID:-}" "${ID_LIKE:-}")
fedora=$FEDORA_QT arch=$ARCH_QT suse=$SUSE_QT
wants run && { fedora="$fedora $FEDORA_WINDOW"; arch="$arch $ARCH_WINDOW"; suse="$suse $SUSE_WINDOW"; }
wants all && { fedora="$fedora $FEDORA_XVFB"; arch="$arch $ARCH_XVFB"; suse="$suse $SUSE_XVFB"; }
wants server && { fedora="$fedora postgresql-server"; arch="$arch postgresql"; suse="$suse postgresql-server"; }
# shellcheck disable=SC2086  # the lists to one line each
{
    fedora_line="sudo dnf install python3 make "$(echo $fedora)
    arch_line="sudo pacman -S --needed python make "$(echo $arch)
    suse_line="sudo zypper install python311 make "$(echo $suse)
}
say "not found on this system:$missing"
say "  what they are for: $WHY_QT"
wants run && say "  and $WHY_WINDOW"
wants all && say "  and $WHY_XVFB"
wants server && say "  and $WHY_SERVER"
case " $distribution " in
    *" fedora "* | *" rhel "* | *" centos "*) say "install them with: $fedora_line" ;;
    *" arch "*) say "install them with: $arch_line" ;;
    *" suse "* | *" opensuse "*) say "install them with: $suse_line" ;;
    *)
        say "install them with your package manager, e.g."
        say "  Fedora:   $fedora_line"
        say "  Arch:     $arch_line"
        say "  openSUSE: $suse_line"
        ;;
esac
say "(if they are installed where this check cannot see them: ANNOTATOR_SYSTEM_PACKAGES=skip make ...)"
exit 1
