"""Letters registered whose PDF is not in place yet: remembered in the very transaction that registers
them, and finished when the letters page or `kongchuo letters` opens.

A batch is printed to a hidden temporary file (or folder) first; then one transaction registers its
letters *and* records the batch here (in local_state, which never travels with sync); then the file
is renamed into place and the record dropped. A kill between the commit and the rename therefore
leaves a record, and `finish_pending` completes it: it renames the temporary file into place, or,
when that file is gone, prints the registered letters again (the same numbers, template versions,
parties and date give the same letters). So no registered letter is ever left without its PDF.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import shutil
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from kongchuo_desktop.services import file_errors
from kongchuo_desktop.services.errors import ServiceError
from kongchuo_desktop.store.database import Database
from kongchuo_desktop.store.local_values import put_local
from kongchuo_desktop.store.models import LocalState

PREFIX = "letters_pdf:"
NOTE_SIZE = 200  # local_state.note is VARCHAR(200): a batch's JSON is stored in pieces of this size

log = logging.getLogger(__name__)


@dataclass
class PendingBatch:
    """A registered batch whose PDF may not be in place.

    token: names the batch and its temporary file; out: the PDF (or, when separate, the folder of
    one PDF per letter); staged: the hidden temporary file (or folder) beside it; template_id,
    year, school_id, township_id, issued_on: what `issue_letters` printed, to print it again;
    title, author: the PDF's metadata.
    """

    token: str
    out: str
    staged: str
    separate: bool
    template_id: str
    year: int
    school_id: str | None
    township_id: str | None
    issued_on: str
    title: str = ""
    author: str = ""


@dataclass
class Finished:
    """What `finish_pending` did: the PDFs (or folders) completed, and those it could not complete yet."""

    done: list[Path] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def warnings(self) -> list[str]:
        """One sentence per batch, for the command's or the page's message."""
        lines = [f"上次中断的一批责任书已补全：{path}" for path in self.done]
        return lines + self.failed


def new_token() -> str:
    """A fresh batch token."""
    return uuid.uuid4().hex[:12]


def staged_file(out: Path, token: str) -> Path:
    """The hidden temporary PDF beside `out`."""
    return out.with_name(f".{out.name}.{token}.part.pdf")


def staged_folder(out: Path, token: str) -> Path:
    """The hidden temporary folder inside the output folder `out`."""
    return out / f".kongchuo-letters-{token}.part"


def remember(session: Session, batch: PendingBatch) -> None:
    """Record the batch inside the caller's transaction (the one that registers its letters)."""
    text = json.dumps(asdict(batch), ensure_ascii=False, separators=(",", ":"))
    pieces = [text[i : i + NOTE_SIZE] for i in range(0, len(text), NOTE_SIZE)]
    for n, piece in enumerate(pieces):
        put_local(session, f"{PREFIX}{batch.token}:{n:03d}", len(pieces), piece)


def forget(db: Database, token: str) -> None:
    """Drop a batch's record once its PDF is in place."""
    with db.transaction() as session:
        session.execute(delete(LocalState).where(LocalState.key.like(f"{PREFIX}{token}:%")))


def pending(db: Database) -> list[PendingBatch]:
    """Every recorded batch (normally none)."""
    with db.read_session() as session:
        rows = session.execute(
            select(LocalState.key, LocalState.value, LocalState.note)
            .where(LocalState.key.like(f"{PREFIX}%"))
            .order_by(LocalState.key)
        ).all()
    pieces: dict[str, list[tuple[int, str]]] = {}
    for key, _count, note in rows:
        token, _, index = key[len(PREFIX) :].rpartition(":")
        pieces.setdefault(token, []).append((int(index), note or ""))
    out: list[PendingBatch] = []
    for token, parts in pieces.items():
        try:
            out.append(PendingBatch(**json.loads("".join(text for _i, text in sorted(parts)))))
        except (ValueError, TypeError):
            log.error("unreadable pending letters record %s", token)
    return out


def place(batch: PendingBatch, order: list[str] | None = None) -> list[Path]:
    """Move the batch's temporary file (or every file of its temporary folder) into place; the files moved.

    `order`: the names of the folder's files in the order to report them (default: by name).
    """
    staged, out = Path(batch.staged), Path(batch.out)
    if not batch.separate:
        try:
            os.replace(staged, out)
        except FileNotFoundError:
            if not out.exists():  # someone else finished it only if the PDF is there
                raise
        return [out]
    moved: list[Path] = []
    if staged.is_dir():
        present = set(os.listdir(staged))
        for name in [n for n in order or () if n in present] + sorted(present - set(order or ())):
            if (staged / name).is_file():
                target = _free_name(out, name)
                os.replace(staged / name, target)
                moved.append(target)
        shutil.rmtree(staged, ignore_errors=True)
    return moved


def _free_name(folder: Path, name: str) -> Path:
    """`folder/name`, or `name（2）` … when a file of that name is already there (as build_separate does)."""
    stem, suffix = os.path.splitext(name)
    candidate, n = folder / name, 2
    while candidate.exists():
        candidate, n = folder / f"{stem}（{n}）{suffix}", n + 1
    return candidate


def discard(batch: PendingBatch) -> None:
    """Remove the temporary file or folder of a batch that was not registered."""
    staged = Path(batch.staged)
    if batch.separate:
        shutil.rmtree(staged, ignore_errors=True)
    else:
        staged.unlink(missing_ok=True)


def finish_pending(db: Database) -> Finished:
    """Complete every recorded batch: rename its temporary file into place, or print its letters again.

    A batch that cannot be completed now (the folder is gone, the disk is full) keeps its record and
    is named in `failed`; the next call tries again.
    """
    result = Finished()
    for batch in pending(db):
        try:
            if Path(batch.staged).exists():
                place(batch)
            _print_missing(db, batch)
            forget(db, batch.token)
        except (OSError, ServiceError) as exc:
            log.warning("could not complete the letters batch %s", batch.token, exc_info=True)
            reason = file_errors.reason(exc) if isinstance(exc, OSError) else str(exc)
            result.failed.append(f"上次中断的一批责任书（{batch.out}）暂时无法补全：{reason}；下次打开时会再试")
        else:
            result.done.append(Path(batch.out))
    return result


def _print_missing(db: Database, batch: PendingBatch) -> None:
    """Print again the batch's letters that have no PDF in place (the temporary file was lost)."""
    from kongchuo_desktop.documents.official import build_pdf, build_separate
    from kongchuo_desktop.services.letters import registered_jobs
    from kongchuo_desktop.services.letters_render import LetterRenderer

    out = Path(batch.out)
    if not batch.separate and out.exists():
        return
    folder = out if batch.separate else out.parent
    if not folder.is_dir():  # e.g. the USB stick is not plugged in: never create its mount point
        raise FileNotFoundError(2, "folder not found", str(folder))
    renderer = LetterRenderer()
    jobs = registered_jobs(db, batch, renderer)
    if batch.separate:
        present = os.listdir(out) if out.is_dir() else []
        jobs = [j for j in jobs if not any(name.startswith(f"{j.number}_") for name in present)]
    if not jobs:
        return
    log.warning("printing %d letters of batch %s again into %s", len(jobs), batch.token, out)
    documents = renderer.documents(jobs)
    if batch.separate:
        build_separate(out, documents, fonts=renderer.fonts, total=len(jobs), author=batch.author)
    else:
        build_pdf(out, documents, fonts=renderer.fonts, total=len(jobs), title=batch.title, author=batch.author)


def issued_on(batch: PendingBatch) -> dt.date:
    """The date the batch was printed on (its letters carry it)."""
    return dt.date.fromisoformat(batch.issued_on)
