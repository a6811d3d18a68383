"""Run the `kongchuo` command as a user would: a subprocess, reading exit code, stdout, stderr."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def command() -> list[str]:
    """The installed console script next to this interpreter, else `python -m kongchuo_desktop`."""
    script = Path(sys.executable).with_name("kongchuo")
    if script.exists():
        return [str(script)]
    found = shutil.which("kongchuo")
    return [found] if found else [sys.executable, "-m", "kongchuo_desktop"]


@pytest.fixture
def kongchuo(tmp_path: Path) -> Callable[..., subprocess.CompletedProcess[str]]:
    env = {**os.environ, "KONGCHUO_DATA_DIR": str(tmp_path / "data"), "PYTHONPATH": str(ROOT)}

    def run(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*command(), *args], capture_output=True, text=True, env=env, timeout=timeout, cwd=tmp_path, stdin=subprocess.DEVNULL
        )

    return run
