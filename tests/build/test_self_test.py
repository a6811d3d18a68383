"""`kongchuo self-test` from the source tree (CI runs the same command in the frozen build)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kongchuo_desktop.cli.commands import self_test

ROOT = Path(__file__).resolve().parents[2]


def test_self_test_passes_from_source(tmp_path):
    shot = tmp_path / "window.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", KONGCHUO_DATA_DIR=str(tmp_path / "data"))
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "kongchuo_desktop",
            "self-test",
            "--json",
            "--students",
            "200",
            "--screenshot",
            str(shot),
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    result = json.loads(done.stdout)
    assert result["ok"] is True and result["frozen"] is False
    steps = {s["step"]: s for s in result["steps"]}
    assert list(steps) == ["database", "window", "import", "letters", "sync"]
    assert all(steps[k]["ok"] is True for k in ("database", "window", "import", "letters", "sync"))
    assert "回执已确认" in steps["sync"]["detail"]
    assert shot.read_bytes().startswith(b"\x89PNG")
    assert not list(tmp_path.glob("kongchuo-self-test-*"))  # its temporary folder is gone


def test_a_failed_step_fails_the_run_and_its_dependants(monkeypatch, tmp_path):
    def broken(_state):
        raise self_test.StepFailed("坏了")

    steps = [
        ("database", "数据库", broken, ""),
        ("window", "主窗口", lambda _s: "不应运行", "database"),
        ("sync", "同步", lambda _s: None, ""),
    ]
    monkeypatch.setattr(self_test, "STEPS", steps)
    seen = []
    result = self_test.run_steps(self_test._State(tmp_path, 1, None), seen.append)
    assert [(s.key, s.ok) for s in result] == [("database", False), ("window", False), ("sync", None)]
    assert result[0].detail == "坏了" and "前面的步骤失败" in result[1].detail
    assert seen == result


@pytest.mark.parametrize("error", [RuntimeError("意外"), KeyError("x")])
def test_an_unexpected_error_is_a_failed_step_not_a_crash(monkeypatch, tmp_path, error):
    def boom(_state):
        raise error

    monkeypatch.setattr(self_test, "STEPS", [("database", "数据库", boom, "")])
    (step,) = self_test.run_steps(self_test._State(tmp_path, 1, None), lambda _s: None)
    assert step.ok is False and type(error).__name__ in step.detail
