"""A warm process that forks one child per `kongchuo` command, so crash tests can SIGKILL real CLI runs
without paying the interpreter's start-up (≈ 1 s of imports) for every kill point.

Run as `python -m tests.faults.forkserver` (cwd and environment given by the test). Protocol, one JSON
object per line on stdin/stdout:
  → {"run": [argv…], "out": FILE, "err": FILE}   ← {"pid": PID}
  → {"wait": PID}                                 ← {"pid": PID, "signal": N|null, "code": N|null, "seconds": S}
The child runs `kongchuo_desktop.cli.main.main(argv)` — the same code as the `kongchuo` command —
with its stdout/stderr in the named files, and exits with the command's exit code.
"""

from __future__ import annotations

import json
import os
import sys
import time


def _preload() -> None:
    """Import what the commands import lazily, once, before any fork."""
    import openpyxl  # noqa: F401
    import python_calamine  # noqa: F401
    import reportlab.pdfgen.canvas  # noqa: F401

    import kongchuo_desktop.cli.commands  # noqa: F401
    import kongchuo_desktop.cli.main  # noqa: F401
    import kongchuo_desktop.services.backups  # noqa: F401
    import kongchuo_desktop.services.case_ledgers  # noqa: F401
    import kongchuo_desktop.services.letters  # noqa: F401
    import kongchuo_desktop.services.roster_import  # noqa: F401


def _child(argv: list[str], out: str, err: str) -> None:
    code = 3
    try:
        for fd, name in ((1, out), (2, err)):
            target = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            os.dup2(target, fd)
            os.close(target)
        sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
        sys.stderr = open(2, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
        from kongchuo_desktop.cli.main import main

        code = main(argv)
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        os._exit(code)


def serve() -> None:
    """Answer requests until stdin closes."""
    _preload()
    started: dict[int, float] = {}
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        if "run" in request:
            pid = os.fork()
            if pid == 0:
                _child(request["run"], request["out"], request["err"])
            started[pid] = time.perf_counter()
            print(json.dumps({"pid": pid}), flush=True)
        elif "wait" in request:
            pid = int(request["wait"])
            _, status = os.waitpid(pid, 0)
            seconds = time.perf_counter() - started.pop(pid)
            answer = {
                "pid": pid,
                "signal": os.WTERMSIG(status) if os.WIFSIGNALED(status) else None,
                "code": os.WEXITSTATUS(status) if os.WIFEXITED(status) else None,
                "seconds": seconds,
            }
            print(json.dumps(answer), flush=True)


if __name__ == "__main__":
    serve()
