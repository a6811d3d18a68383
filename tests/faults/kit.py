"""Helpers for the fault tests: the fork server client, seeded kill points, and the checks every
killed database must pass (integrity, foreign keys, opens normally)."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEED = int(os.environ.get("KONGCHUO_CRASH_SEED", "20261128"))
SCALE = float(os.environ.get("KONGCHUO_CRASH_SCALE", "1"))


def points(n: int) -> int:
    """Kill points for one operation: `n` in CI, scaled by KONGCHUO_CRASH_SCALE for longer local runs."""
    return max(1, round(n * SCALE))


class ForkServer:
    """Client of tests/faults/forkserver.py (or the server module MODULE names): run `kongchuo ARGS`
    in a forked child, kill it, reap it."""

    MODULE = "tests.faults.forkserver"

    def __init__(self, cwd: Path, env: dict[str, str]) -> None:
        self.cwd = cwd
        self.proc = subprocess.Popen(
            [sys.executable, "-m", self.MODULE],
            cwd=cwd,
            env={**env, "PYTHONPATH": str(ROOT)},
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            bufsize=1,
        )
        assert self._read() == {"ready": True}
        self.count = 0

    def _read(self) -> dict[str, object]:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError("fork server died")
        return json.loads(line)  # type: ignore[no-any-return]

    def _send(self, request: dict[str, object]) -> dict[str, object]:
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps(request, ensure_ascii=False) + "\n")
        self.proc.stdin.flush()
        return self._read()

    def start(self, argv: list[str]) -> tuple[int, Path, Path]:
        """Fork a child running `kongchuo argv`; (pid, stdout file, stderr file)."""
        self.count += 1
        out = self.cwd / f"run{self.count}.out"
        err = self.cwd / f"run{self.count}.err"
        answer = self._send({"run": argv, "out": str(out), "err": str(err)})
        return int(answer["pid"]), out, err  # type: ignore[call-overload]

    def wait(self, pid: int) -> Run:
        answer = self._send({"wait": pid})
        return Run(answer["signal"] == signal.SIGKILL, answer["code"], float(answer["seconds"]), 0.0)  # type: ignore[arg-type]

    def run(self, argv: list[str], kill_after: float | None = None) -> Run:
        """Run to the end (kill_after None) or SIGKILL the child after `kill_after` seconds."""
        pid, out, err = self.start(argv)
        if kill_after is not None:
            time.sleep(kill_after)
            with contextlib.suppress(ProcessLookupError):  # it may have finished already
                os.kill(pid, signal.SIGKILL)
        run = self.wait(pid)
        run.delay = kill_after or 0.0
        run.stdout = out.read_text(encoding="utf-8", errors="replace")
        run.stderr = err.read_text(encoding="utf-8", errors="replace")
        return run

    def close(self) -> None:
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        self.proc.wait(timeout=30)


@dataclass
class Run:
    """One child run: killed by us, or its exit code; seconds from fork to exit; the kill delay."""

    killed: bool
    code: int | None
    seconds: float
    delay: float
    stdout: str = ""
    stderr: str = ""


def kill_runs(
    server: ForkServer,
    n: int,
    duration: float,
    prepare: Callable[[int], list[str]],
    check: Callable[[int, Run], None],
    seed: int,
) -> list[Run]:
    """n runs of the command `prepare(i)` returns, each SIGKILLed after a seeded random delay within
    `duration` (the uninterrupted run's time); `check(i, run)` after each. Returns the runs."""
    rng = random.Random(seed)
    runs = []
    for i in range(n):
        argv = prepare(i)
        delay = rng.uniform(0.0, duration)
        run = server.run(argv, kill_after=delay)
        assert run.killed or run.code == 0, (i, delay, run)
        try:
            check(i, run)
        except AssertionError as exc:
            raise AssertionError(f"kill point {i} (seed {seed}, {delay:.3f} s after start): {exc}") from exc
        runs.append(run)
    return runs


def assert_sound(path: Path) -> None:
    """PRAGMA integrity_check is ok, no broken foreign keys (the checks the app's start-up runs), and
    the app's open_database accepts it."""
    from kongchuo_desktop.store.database import open_database

    conn = sqlite3.connect(str(path))
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()
    db = open_database(path)
    db.close()


def count(path: Path, table: str, where: str = "") -> int:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return int(conn.execute(f'SELECT count(*) FROM "{table}" {where}').fetchone()[0])
    finally:
        conn.close()


def counts(path: Path, *tables: str) -> dict[str, int]:
    return {t: count(path, t) for t in tables}


def table_hash(path: Path, table: str) -> str:
    """A hash of one table's rows in primary-key order."""
    digest = hashlib.sha256()
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        for row in conn.execute(f'SELECT * FROM "{table}" ORDER BY 1'):
            digest.update(repr(row).encode())
    finally:
        conn.close()
    return digest.hexdigest()


def temp_leftovers(folder: Path, finals: set[str]) -> list[str]:
    """Names in `folder` other than `finals`, the database's own side files and run logs — each must
    be one of our temporary names (…part…), never a look-alike of a result."""
    side = (".lock", "-wal", "-shm", "-journal")
    out = []
    for p in folder.iterdir():
        if p.name in finals or p.is_dir() or p.suffix in (".out", ".err"):
            continue
        if any(p.name.endswith(s) and p.name[: -len(s)] in finals for s in side):
            continue
        out.append(p.name)
    return out
