"""Run `kongchuo ARGS` and SIGKILL the process itself at a named point of printing letters, for kill
points too narrow to hit with a random delay (tests/faults/test_crash.py).

`python -m tests.faults.kill_at POINT ARGS…` with POINT:
  registered — right after the transaction that registers the letters (and records the batch) commits,
               before the PDF is moved into place;
  placed     — after the PDF is in place, before the batch's record is dropped;
  moving     — (with --separate) after the first of the letters' files has been moved into the folder.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path


def _die() -> None:
    sys.stdout.flush()
    os.kill(os.getpid(), signal.SIGKILL)


def main(point: str, argv: list[str]) -> int:
    from kongchuo_desktop.cli.main import main as kongchuo
    from kongchuo_desktop.services import letters_pending as lp

    real_place = lp.place

    if point == "registered":
        lp.place = lambda batch, order=None: _die()  # type: ignore[assignment, return-value]
    elif point == "placed":

        def place_then_die(batch: lp.PendingBatch, order: list[str] | None = None) -> list[Path]:
            real_place(batch, order)
            _die()
            return []

        lp.place = place_then_die  # type: ignore[assignment]
    elif point == "moving":

        def move_one_then_die(batch: lp.PendingBatch, order: list[str] | None = None) -> list[Path]:
            staged = Path(batch.staged)
            first = sorted(os.listdir(staged))[0]
            os.replace(staged / first, Path(batch.out) / first)
            _die()
            return []

        lp.place = move_one_then_die  # type: ignore[assignment]
    else:
        raise SystemExit(f"unknown kill point {point}")
    return kongchuo(argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2:]))
