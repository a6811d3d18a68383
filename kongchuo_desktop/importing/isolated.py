"""Read a legacy .xls workbook in a child process with a memory cap and a time limit.

Byte flips inside the BIFF records of an .xls can make python-calamine reserve gigabytes and abort
the whole program (an upstream bug; not an exception we could catch). So the parent never hands an
.xls to python-calamine itself: it starts this module as a child (`python -m
kongchuo_desktop.importing.isolated`, or in the frozen app the `kongchuo` program itself with
CHILD_FLAG first, see `child_command`), the child caps its own memory (importing/memory_limit.py),
reads every sheet as the in-process reader would and sends the rows back pickled on stdout. A child
that dies, overruns the time limit or answers nonsense becomes one Chinese message naming the file
("文件“…”已损坏或过大，无法读取"), and nothing is imported.

Protocol: argv = PATH MAX_ROWS MEMORY_BYTES; stdout = one pickle of
{"names": [...], "hidden": [...], "sheets": {name: rows}, "failed": {name: (code, message)}} or
{"error": (code, message)}; exit code 0 whenever such an answer was written.
"""

from __future__ import annotations

import logging
import os
import pickle
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kongchuo_desktop.importing.errors import ImportFileError

CHILD_FLAG = "--read-workbook-child"
"""First argument that makes the frozen `kongchuo` program run `child_main` (see the entry point)."""

MIB = 1 << 20
MEMORY_FLOOR = 1024 * MIB
MEMORY_CEILING = 4096 * MIB
MEMORY_PER_FILE_BYTE = 100
"""A legitimate .xls takes at most a few dozen times its size once read into Python rows."""

TIME_FLOOR = 60.0
TIME_PER_MIB = 2.0

log = logging.getLogger(__name__)


@dataclass
class ChildBook:
    """What the child read: sheet names in order, hidden sheets, rows per sheet, and sheets it refused."""

    names: list[str]
    hidden: set[str] = field(default_factory=set)
    sheets: dict[str, list[list[Any]]] = field(default_factory=dict)
    failed: dict[str, ImportFileError] = field(default_factory=dict)


def damaged_or_big_message(file_name: str) -> str:
    """The message for a workbook whose reading child was killed, timed out or failed."""
    return f"文件“{file_name}”已损坏或过大，无法读取；请用Excel或WPS打开后另存为.xlsx再导入"


def memory_cap(size: int) -> int:
    """Bytes of memory the child may use for a file of `size` bytes."""
    return min(max(MEMORY_FLOOR, 256 * MIB + MEMORY_PER_FILE_BYTE * size), MEMORY_CEILING)


def time_cap(size: int) -> float:
    """Seconds the child may take for a file of `size` bytes."""
    return TIME_FLOOR + TIME_PER_MIB * size / MIB


def child_command() -> list[str]:
    """The program and first arguments that start a child (the frozen app runs itself)."""
    if getattr(sys, "frozen", False):
        return [str(_console_program()), CHILD_FLAG]
    return [sys.executable, "-m", __name__]


def _console_program() -> Path:
    """The frozen console program `kongchuo` beside the running one: the windowed `kongchuo-gui`
    on Windows may have no standard output to answer on (CREATE_NO_WINDOW keeps the console
    program's window from showing)."""
    running = Path(sys.executable)
    sibling = running.with_name("kongchuo" + running.suffix)
    return sibling if sibling.is_file() else running


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    if not getattr(sys, "frozen", False):
        # The child must find this package even when it runs from a source checkout.
        root = str(Path(__file__).resolve().parents[2])
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH", "")) if p)
    env["RUST_BACKTRACE"] = "0"  # the log gets python-calamine's one-line reason, not a stack
    return env


_last: dict[tuple[str, int, int, int], bytes] = {}


def read_in_child(path: Path, max_rows: int, size: int) -> ChildBook:
    """Every sheet of the workbook at `path`, read by a capped child; ImportFileError when refused.

    The last answer is kept (as its pickle, so every caller gets fresh rows) for as long as the
    file's size and modification time stay the same: the wizard's preview and the import that
    follows read the file once.
    """
    try:
        stat = path.stat()
        key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns, max_rows)
    except OSError:
        key = None
    raw = _last.get(key) if key is not None else None
    if raw is None:
        raw = _run_child(path, max_rows, size)
        _last.clear()
        if key is not None:
            _last[key] = raw
    answer = _answer(raw)
    if answer is None:
        _last.clear()
        log.warning("the child reading %s answered something that is not a workbook", path)
        raise ImportFileError("corrupt", damaged_or_big_message(path.name))
    if "error" in answer:
        raise ImportFileError(*answer["error"])
    return ChildBook(
        names=list(answer["names"]),
        hidden=set(answer["hidden"]),
        sheets=answer["sheets"],
        failed={name: ImportFileError(code, message) for name, (code, message) in answer["failed"].items()},
    )


def _run_child(path: Path, max_rows: int, size: int) -> bytes:
    """The child's answer as written (a pickle); ImportFileError when the child failed."""
    command = [*child_command(), str(path), str(max_rows), str(memory_cap(size))]
    flags = subprocess.CREATE_NO_WINDOW if sys.platform == "win32" else 0  # type: ignore[attr-defined]
    try:
        done = subprocess.run(
            command, stdin=subprocess.DEVNULL, capture_output=True, timeout=time_cap(size), env=_child_env(),
            creationflags=flags,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        log.warning("reading %s in a child timed out after %.0f s", path, time_cap(size))
        raise ImportFileError("corrupt", damaged_or_big_message(path.name)) from None
    except OSError as exc:
        log.exception("could not start the child that reads %s", path)
        raise ImportFileError(
            "unreadable", f"无法读取文件“{path.name}”：读取旧版Excel文件的辅助程序无法启动（{exc.strerror or exc}）"
        ) from None
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace")[:1000]
        log.warning("the child reading %s ended with %s: %s", path, done.returncode, said)
        raise ImportFileError("corrupt", damaged_or_big_message(path.name))
    return done.stdout


def _answer(raw: bytes) -> dict[str, Any] | None:
    try:
        answer = pickle.loads(raw)  # our own child's output, never a user's file
    except Exception:
        return None
    return answer if isinstance(answer, dict) else None


# ---------------------------------------------------------------------------------------------
# The child


def child_main(argv: list[str]) -> int:
    """Cap memory, read the workbook, write the pickled answer to stdout; the child's exit code."""
    path, max_rows, memory = Path(argv[0]), int(argv[1]), int(argv[2])
    from kongchuo_desktop.importing.memory_limit import limit_memory

    try:
        limit_memory(memory)
    except (OSError, ValueError) as exc:  # still isolated from the app, only without the cap
        print(f"memory limit not set: {exc}", file=sys.stderr)
    from kongchuo_desktop.importing import reader

    answer: dict[str, Any]
    try:
        book = reader._open_calamine(path, max_rows)
        sheets: dict[str, list[list[Any]]] = {}
        failed: dict[str, tuple[str, str]] = {}
        for name in book.sheet_names:
            try:
                sheets[name] = book.read(name).rows
            except ImportFileError as exc:
                failed[name] = (exc.code, exc.message)
        book.close()
        answer = {"names": book.sheet_names, "hidden": sorted(book.hidden), "sheets": sheets, "failed": failed}
    except ImportFileError as exc:
        answer = {"error": (exc.code, exc.message)}
    except MemoryError:
        return 3  # the parent reports the file as damaged or too big
    data = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    sys.exit(child_main(sys.argv[1:]))
