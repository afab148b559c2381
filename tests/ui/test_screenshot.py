"""The demo article as a user first sees it, rendered at a fixed size.

Set ANNOTATOR_SCREENSHOT_DIR to keep the PNG and look at it.
"""

import os
from pathlib import Path

from PySide6.QtGui import QColor

from annotator.core.schema import DEFAULT_SCHEMA
from annotator.demo import ensure_demo_project
from annotator.ui.highlighter import HIGHLIGHT_ALPHA
from annotator.ui.main_window import MainWindow


def over_white(color: QColor, alpha: int) -> QColor:
    """What a translucent highlight looks like on the white page."""
    mix = lambda c: round(c * alpha / 255 + 255 * (1 - alpha / 255))  # noqa: E731
    return QColor(mix(color.red()), mix(color.green()), mix(color.blue()))


def near(color: QColor, wanted: QColor, tolerance: int = 12) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(color.getRgb()[:3], wanted.getRgb()[:3]))


def test_the_demo_article_renders_highlighted_and_right_aligned(qtbot, tmp_path):
    window = MainWindow(ensure_demo_project(tmp_path / "demo.sqlite"), annotator="mona")
    qtbot.addWidget(window)
    window.resize(1400, 850)
    window.guidelines.hide()  # the article at the width it has without the guidelines beside it
    window.show()
    qtbot.waitExposed(window)
    window.open_document("01-water-crisis")
    image = window.article.viewport().grab().toImage()
    keep = os.environ.get("ANNOTATOR_SCREENSHOT_DIR")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        window.grab().save(str(Path(keep) / "editor.png"))
        image.save(str(Path(keep) / "article.png"))

    width, height = image.width(), image.height()
    background = QColor(image.pixel(width // 2, height - 2))
    inked_rows = 0
    reaches_right = 0
    label_pixels = {label.name: 0 for label in DEFAULT_SCHEMA.labels}
    wanted = {label.name: over_white(QColor(label.color), HIGHLIGHT_ALPHA) for label in DEFAULT_SCHEMA.labels}
    for y in range(0, height, 3):
        xs = [x for x in range(0, width, 2) if QColor(image.pixel(x, y)) != background]
        if not xs:
            continue
        inked_rows += 1
        if max(xs) > width * 0.93:
            reaches_right += 1
        for x in xs:
            color = QColor(image.pixel(x, y))
            for name, target in wanted.items():
                if near(color, target):
                    label_pixels[name] += 1
    assert inked_rows > height / 3 / 3, "the article view is nearly blank"
    assert reaches_right > inked_rows / 2, "right-to-left lines do not reach the right margin"
    assert all(count > 50 for count in label_pixels.values()), label_pixels
