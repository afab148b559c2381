"""Shortcuts by physical key, whatever the keyboard layout.

Annotators type with an Arabic layout, where the key labelled S types س: a shortcut
must follow the key's position, not the letter it types. Qt gives the hardware scan
code; we map it to the key the US layout has there. Events with no scan code (keys sent
by QTest, some platforms) fall back to Qt's key code, with Arabic-Indic digits read as
digits.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent

# evdev key codes + 8, as X11 and Wayland report them, for the US layout's rows.
_LINUX_ROWS = {
    10: "1234567890",
    24: "QWERTYUIOP",
    38: "ASDFGHJKL",
    52: "ZXCVBNM",
}
# PC set-1 scan codes, as Windows reports them.
_WINDOWS_ROWS = {
    0x02: "1234567890",
    0x10: "QWERTYUIOP",
    0x1E: "ASDFGHJKL",
    0x2C: "ZXCVBNM",
}


def _table(rows: dict[int, str]) -> dict[int, int]:
    return {first + i: ord(ch) for first, keys in rows.items() for i, ch in enumerate(keys)}


_BY_SCAN_CODE = {"linux": _table(_LINUX_ROWS), "win32": _table(_WINDOWS_ROWS)}
_ARABIC_INDIC_DIGITS = {0x0660 + i: ord("0") + i for i in range(10)}
_ARABIC_INDIC_DIGITS.update({0x06F0 + i: ord("0") + i for i in range(10)})


def key_for_scan_code(scan_code: int, platform: str = sys.platform) -> int | None:
    """The US-layout Qt key at this physical position, if we know the platform's codes."""
    table = _BY_SCAN_CODE.get("linux" if platform.startswith("linux") else platform)
    return table.get(scan_code) if table else None


def physical_key(event: QKeyEvent) -> int:
    """The Qt key code (``Qt.Key`` value) of the key pressed, independent of layout."""
    if event.nativeScanCode():
        key = key_for_scan_code(event.nativeScanCode())
        if key is not None:
            return key
    key = int(event.key().value if hasattr(event.key(), "value") else event.key())
    return _ARABIC_INDIC_DIGITS.get(key, key)


def key_name(key: int) -> str:
    return chr(key) if 0x20 < key < 0x7F else Qt.Key(key).name.removeprefix("Key_")
