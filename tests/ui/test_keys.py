from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent

from annotator.ui.keys import key_for_scan_code, physical_key


def test_scan_codes_map_to_the_us_layout_position():
    assert key_for_scan_code(10, "linux") == ord("1")
    assert key_for_scan_code(39, "linux") == ord("S")   # types س on an Arabic layout
    assert key_for_scan_code(0x1F, "win32") == ord("S")
    assert key_for_scan_code(39, "darwin") is None


def test_without_a_scan_code_the_key_code_counts_and_arabic_digits_are_digits():
    arabic_two = QKeyEvent(QEvent.Type.KeyPress, 0x0662, Qt.KeyboardModifier.NoModifier, "٢")
    assert physical_key(arabic_two) == ord("2")
    plain = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_G, Qt.KeyboardModifier.NoModifier, "g")
    assert physical_key(plain) == ord("G")
