"""Resources must travel with the package: a wheel that lacks the font or the demo corpus
installs fine and then fails on a user's machine."""

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from annotator.paths import resource_path

ROOT = Path(__file__).resolve().parent.parent
NEEDED = [
    "annotator/resources/fonts/NotoNaskhArabic-Regular.ttf",
    "annotator/resources/fonts/OFL.txt",
    "annotator/resources/samples/README.md",
]


def test_resources_resolve_from_this_install():
    font = resource_path("fonts", "NotoNaskhArabic-Regular.ttf")
    assert font.read_bytes()[:4] in (b"\x00\x01\x00\x00", b"OTTO")
    assert any(resource_path("samples", "articles").glob("*.txt"))


def test_a_missing_resource_says_which():
    with pytest.raises(FileNotFoundError, match="fonts/nothing.ttf"):
        resource_path("fonts", "nothing.ttf")


@pytest.mark.slow
def test_the_wheel_carries_the_resources(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--quiet", "-w", str(tmp_path), str(ROOT)],
        check=True, capture_output=True, timeout=300,
    )
    (wheel,) = tmp_path.glob("annotator-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in NEEDED:
        assert needed in names
    assert any(n.startswith("annotator/resources/samples/articles/") and n.endswith(".txt") for n in names)
    assert any(n.startswith("annotator/resources/samples/annotations/") for n in names)
    assert not any(n.startswith("tests/") for n in names)
