"""`kongchuo letters`: exit codes, summary, and the PDF it writes (run in-process for speed)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from kongchuo_desktop.cli.main import main
from tests.letters.pdftext import letters_of, page_texts


@pytest.fixture
def db_file(sample_template, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    path = tmp_path / "site.sqlite"
    shutil.copyfile(sample_template[0], path)
    return path


def test_letters_command(db_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "teachers.pdf"
    code = main(
        [
            "letters",
            "teacher",
            "--year",
            "2026",
            "--school",
            "金河镇中心学校",
            "--out",
            str(out),
            "--db",
            str(db_file),
            "--json",
        ]
    )
    assert code == 0, capsys.readouterr().err
    summary = json.loads(capsys.readouterr().out)
    assert summary["letters"] == 3 and summary["new"] == 3 and summary["first_number"].startswith("2026JS0001")
    assert len(letters_of(page_texts(out))) == 3
    code = main(["letters", "teacher", "--year", "2026", "--out", str(out), "--db", str(db_file)])
    assert code == 0
    text = capsys.readouterr().out
    assert "已生成4份责任书" in text and "重新打印3份" in text  # the township site: both its schools


def test_letters_command_errors(db_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "x.pdf"
    assert main(["letters", "nosuch", "--year", "2026", "--out", str(out), "--db", str(db_file)]) == 1
    assert "没有名为“nosuch”的责任书模板" in capsys.readouterr().err
    assert (
        main(
            ["letters", "teacher", "--year", "2026", "--school", "不存在学校", "--out", str(out), "--db", str(db_file)]
        )
        == 1
    )
    assert main(["letters", "teacher", "--year", "2026", "--out", str(tmp_path / "x.txt"), "--db", str(db_file)]) == 2
    assert main(["letters", "teacher", "--out", str(out), "--db", str(db_file)]) == 2  # --year missing
    assert not out.exists()
