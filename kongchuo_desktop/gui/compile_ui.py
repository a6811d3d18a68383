"""Compile the Designer files ui/*.ui into kongchuo_desktop/gui/generated/ (`python -m kongchuo_desktop.gui.compile_ui`)."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from kongchuo_desktop.paths import bundle_root

GENERATED_DIR = Path(__file__).resolve().parent / "generated"
HEADER = (
    "# generated — do not edit: change ui/{name} in Qt Designer, then run `python -m kongchuo_desktop.gui.compile_ui`\n"
)
# uic stamps its own version into the file; that line alone must not make a file look stale.
VERSION_MARK = "Created by: Qt User Interface Compiler version"


def ui_dir() -> Path:
    """The folder of Designer files."""
    return bundle_root() / "ui"


def module_name(ui_file: Path) -> str:
    """ui/student_form.ui → ui_student_form.py."""
    return f"ui_{ui_file.stem}.py"


def compile_one(ui_file: Path, out_file: Path) -> None:
    """Run pyside6-uic on one file and prepend the "generated" header."""
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / out_file.name
        # pyside6-uic is PySide6.scripts.pyside_tool:uic; calling it through this interpreter finds
        # the uic binary of the PySide6 we run on, whatever the PATH says.
        code = "import sys; from PySide6.scripts.pyside_tool import uic; sys.argv[0] = 'pyside6-uic'; sys.exit(uic())"
        subprocess.run([sys.executable, "-c", code, str(ui_file), "-o", str(raw)], check=True)
        text = raw.read_text(encoding="utf-8")
    out_file.write_text(HEADER.format(name=ui_file.name) + text, encoding="utf-8", newline="\n")


def compile_all(out_dir: Path = GENERATED_DIR, source_dir: Path | None = None) -> list[Path]:
    """Compile every ui/*.ui into `out_dir`; returns the files written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for ui_file in sorted((source_dir or ui_dir()).glob("*.ui")):
        target = out_dir / module_name(ui_file)
        compile_one(ui_file, target)
        written.append(target)
    return written


def comparable(text: str) -> str:
    """Generated text without the uic version line (for staleness checks)."""
    return "\n".join(line for line in text.splitlines() if VERSION_MARK not in line)


def main() -> int:
    """Compile and list what was written."""
    for path in compile_all():
        print(path.relative_to(bundle_root()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
