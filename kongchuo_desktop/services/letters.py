"""Responsibility letters (控辍责任状): print a batch, keep the register, mark signed, assess.

The autumn round: `issue_letters` makes one letter per class teacher (or village committee, or
pupil's parents) of a school or township into one PDF or one file each, and records every letter
in the register as 已发放 with a number that is printed on it and in its QR code. A letter already
issued to the same party for the same year and template keeps its number when printed again.
When signed copies come back, `mark_signed` attaches the scan (已签回); at the end of the year
`assess` records 合格 / 不合格 / 一票否决 with a reason (已考核). `list_letters(not_returned=True)`
is the list of letters still out; `export_register` writes the register to .xlsx.

Printing and the register are all or nothing: the PDF is written to a temporary name, the
register rows are committed, and only then is the file renamed into place; a cancelled batch
leaves neither a file nor register rows. The transaction that registers the letters also records
the batch as "PDF pending" (services/letters_pending.py) until the file is in place, so a kill
between the commit and the rename is completed the next time letters are printed or the letters
page opens: no registered letter is left without its PDF.
"""

from __future__ import annotations

import datetime as dt
import mimetypes
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError

from kongchuo_desktop.documents.official import Cancelled, build_pdf, build_separate
from kongchuo_desktop.services import letters_pending as pdf_pending
from kongchuo_desktop.services import permissions as perms
from kongchuo_desktop.services.actor import SYSTEM, Actor
from kongchuo_desktop.services.attachments import attach, read_proof_file
from kongchuo_desktop.services.errors import NotFoundError, PermissionDenied, ServiceError, ValidationError
from kongchuo_desktop.services.letter_templates import KINDS, TemplateInfo, find_template, get_version
from kongchuo_desktop.services.letters_data import Collected, LetterData, Scope, collect, resolve_scope, sample_letter
from kongchuo_desktop.services.letters_pending import PendingBatch, finish_pending
from kongchuo_desktop.services.letters_render import LetterJob, LetterRenderer
from kongchuo_desktop.store import audit
from kongchuo_desktop.store.base import utcnow
from kongchuo_desktop.store.database import Database
from kongchuo_desktop.store.models import AttachmentBlob, Letter, LetterTemplate

ISSUED, SIGNED, ASSESSED = "已发放", "已签回", "已考核"
STATUSES = (ISSUED, SIGNED, ASSESSED)
PASS, FAIL, VETO = "合格", "不合格", "一票否决"
ASSESSMENTS = (PASS, FAIL, VETO)
KIND_CODES = {"teacher": "JS", "village": "CW", "parent": "JZ"}
OWNER_TYPE = "letter"

ProgressFn = Callable[[int, int, str], None]
CancelFn = Callable[[], bool]

__all__ = [
    "ASSESSMENTS", "ASSESSED", "Cancelled", "ISSUED", "IssueResult", "LetterRow", "SIGNED", "STATUSES", "Scope",
    "assess", "find_by_number", "finish_pending", "issue_letters", "letter_scan", "list_letters", "mark_signed",
    "preview_template", "reprint_letters",
]  # fmt: skip


@dataclass
class IssueResult:
    """What a batch did: letters printed (new and printed again), pages, files, numbers, warnings."""

    letters: int = 0
    new: int = 0
    again: int = 0
    pages: int = 0
    files: list[Path] = field(default_factory=list)
    numbers: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    template: str = ""
    version: int = 0
    draft: bool = False

    def as_dict(self) -> dict[str, object]:
        """For --json."""
        return {
            "letters": self.letters, "new": self.new, "printed_again": self.again, "pages": self.pages,
            "files": [str(f) for f in self.files], "first_number": self.numbers[0] if self.numbers else None,
            "last_number": self.numbers[-1] if self.numbers else None, "template": self.template,
            "version": self.version, "draft": self.draft, "skipped": self.skipped, "warnings": self.warnings,
        }  # fmt: skip


@dataclass(frozen=True)
class LetterRow:
    """One letter of the register, as the list shows it."""

    id: str
    number: str
    kind: str
    year: int
    party_a: str
    party_b: str
    subject: str
    pupils: int
    template_key: str
    template_version: int
    status: str
    issued_on: dt.date
    signed_on: dt.date | None
    has_scan: bool
    assessment: str | None
    assessment_reason: str | None
    school_id: str | None
    township_id: str | None

    @property
    def kind_label(self) -> str:
        """学校与班主任 / …"""
        return KINDS.get(self.kind, self.kind)

    @property
    def school_year(self) -> str:
        """2026—2027."""
        return f"{self.year}—{self.year + 1}"


# ---------------------------------------------------------------------------------------------
# Printing


def _site_tag(db: Database) -> str:
    site_id = db.extra.get("site_id")
    return str(site_id)[:4].upper() if site_id else ""


def _next_seq(session: object, year: int, code: str) -> int:
    prefix = f"{year}{code}"
    numbers = session.execute(select(Letter.number).where(Letter.number.like(f"{prefix}%"))).scalars()  # type: ignore[attr-defined]
    best = 0
    for number in numbers:
        digits = number[len(prefix) :].split("-", 1)[0]
        if digits.isdigit():
            best = max(best, int(digits))
    return best + 1


def letter_number(year: int, kind: str, seq: int, site_tag: str = "") -> str:
    """2026JS0001-3F9A: year, kind code, sequence, and the issuing site's tag."""
    number = f"{year}{KIND_CODES.get(kind, 'ZD')}{seq:04d}"
    return f"{number}-{site_tag}" if site_tag else number


def _existing(db: Database, key: str, year: int) -> dict[tuple[str | None, ...], Letter]:
    with db.read_session() as session:
        rows = session.execute(
            select(Letter).where(Letter.template_key == key, Letter.year == year, Letter.deleted.is_(False))
        ).scalars()
        return {(r.class_id, r.teacher_id, r.village, r.student_id): r for r in rows}


def _require_make(actor: Actor) -> None:
    actor.require(perms.LETTERS_MAKE)


def issue_letters(
    db: Database,
    actor: Actor,
    template: str | TemplateInfo,
    year: int,
    out: str | Path,
    *,
    scope: Scope | None = None,
    separate: bool = False,
    draft: bool = False,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
    today: dt.date | None = None,
) -> IssueResult:
    """Print every letter of a template for `year` in `scope`, and record them in the register.

    `template` is a TemplateInfo or a reference (teacher / village / parent or a template name).
    `out` is the PDF (or with separate=True a folder for one PDF per letter). A draft prints
    "样稿" instead of numbers and records nothing. Raises PermissionDenied outside the actor's
    scope, ValidationError when there is nothing to print, Cancelled when `cancel()` said so.
    First completes any earlier batch whose PDF a crash left pending (said in `warnings`).
    """
    _require_make(actor)
    earlier = finish_pending(db)
    if not 2000 <= year <= 2100:
        raise ValidationError({"year": f"年度“{year}”不对，应为四位年份，如 2026"})
    info = template if isinstance(template, TemplateInfo) else find_template(db, template)
    today = today or dt.date.today()
    resolved = resolve_scope(db, actor, info.kind, scope or Scope())
    collected = collect(db, actor, info.kind, year, resolved, today)
    if not collected.letters:
        reason = "；".join(collected.skipped[:3]) or "所选范围内没有可生成的对象"
        raise ValidationError({"letters": f"没有可生成的责任书：{reason}"})
    result = IssueResult(template=info.name, version=info.version, draft=draft, skipped=collected.skipped)
    renderer = LetterRenderer()
    jobs, new_rows, again_rows = _plan(db, info, year, collected, draft, renderer)
    result.letters = len(jobs)
    result.new = len(new_rows)
    result.again = len(again_rows)
    result.numbers = [j.number for j in jobs if j.number]
    out = Path(out)
    total = len(jobs)
    documents = renderer.documents(jobs)
    options = dict(fonts=renderer.fonts, total=total, progress=progress, cancel=cancel, author=actor.display_name)
    if draft:  # nothing is registered: straight to the final name (build_* write temporaries themselves)
        if separate:
            built = build_separate(out, documents, **options)  # type: ignore[arg-type]
        else:
            out.parent.mkdir(parents=True, exist_ok=True)
            built = build_pdf(out, documents, title=info.name, **options)  # type: ignore[arg-type]
        result.files = built.files
    else:
        token = pdf_pending.new_token()
        if separate:
            out.mkdir(parents=True, exist_ok=True)
            staged = pdf_pending.staged_folder(out, token)
        else:
            out.parent.mkdir(parents=True, exist_ok=True)
            staged = pdf_pending.staged_file(out, token)
        batch = PendingBatch(
            token=token, out=str(out.absolute()), staged=str(staged.absolute()), separate=separate,
            template_id=info.id, year=year, school_id=resolved.school_id, township_id=resolved.township_id,
            issued_on=today.isoformat(), title=info.name, author=actor.display_name,
        )  # fmt: skip
        try:
            if separate:
                built = build_separate(staged, documents, **options)  # type: ignore[arg-type]
            else:
                built = build_pdf(staged, documents, title=info.name, **options)  # type: ignore[arg-type]
            _record(db, actor, info, year, today, new_rows, again_rows, batch)
        except BaseException:
            pdf_pending.discard(batch)
            raise
        # Registered: from here on a crash leaves the batch recorded, and finish_pending completes it.
        result.files = pdf_pending.place(batch, [f.name for f in built.files])
        pdf_pending.forget(db, token)
    result.pages = built.pages
    result.warnings = earlier.warnings() + built.warnings
    return result


def _plan(
    db: Database, info: TemplateInfo, year: int, collected: Collected, draft: bool, renderer: LetterRenderer
) -> tuple[list[LetterJob], list[tuple[LetterData, str]], list[tuple[Letter, LetterData]]]:
    """Which letters are new (with their numbers) and which were issued before (printed again)."""
    current = renderer.blocks(info.id, info.body)
    if draft:
        return [LetterJob(current, info.kind, d, None) for d in collected.letters], [], []
    existing = _existing(db, info.key, year)
    versions: dict[str, list] = {}
    tag = _site_tag(db)
    code = KIND_CODES.get(info.kind, "ZD")
    with db.read_session() as session:
        seq = _next_seq(session, year, code)
    jobs: list[LetterJob] = []
    new_rows: list[tuple[LetterData, str]] = []
    again_rows: list[tuple[Letter, LetterData]] = []
    for data in collected.letters:
        old = existing.get(data.party)
        if old is None:
            number = letter_number(year, info.kind, seq, tag)
            seq += 1
            new_rows.append((data, number))
            jobs.append(LetterJob(current, info.kind, data, number))
            continue
        again_rows.append((old, data))
        blocks = current
        if old.status != ISSUED and old.template_id != info.id:
            # A letter that came back signed is printed again exactly as it was signed.
            blocks = versions.get(old.template_id)  # type: ignore[assignment]
            if blocks is None:
                was = get_version(db, old.template_id)
                blocks = versions[old.template_id] = renderer.blocks(was.id, was.body)
        jobs.append(LetterJob(blocks, info.kind, data, old.number))
    return jobs, new_rows, again_rows


def _record(
    db: Database,
    actor: Actor,
    info: TemplateInfo,
    year: int,
    today: dt.date,
    new_rows: Sequence[tuple[LetterData, str]],
    again_rows: Sequence[tuple[Letter, LetterData]],
    batch: PendingBatch,
) -> None:
    now = utcnow()
    try:
        with db.transaction(user=actor.user) as session:
            pdf_pending.remember(session, batch)
            created: list[Letter] = []
            for data, number in new_rows:
                row = Letter(
                    number=number, template_id=info.id, template_key=info.key, template_version=info.version,
                    kind=info.kind, year=year, school_id=data.school_id, class_id=data.class_id,
                    teacher_id=data.teacher_id, township_id=data.township_id, village=data.village,
                    student_id=data.student_id, party_a=data.party_a[:100], party_b=data.party_b[:100],
                    subject=(data.subject or None) and data.subject[:100], pupils=len(data.rows), status=ISSUED,
                    issued_at=now, issued_by=actor.user, issued_on=today,
                )  # fmt: skip
                session.add(row)
                created.append(row)
            session.flush()
            for row in created:
                audit.record(
                    session, "create", "letter", row.id, {"number": (None, row.number), "party_b": (None, row.party_b)}
                )
            for old, data in again_rows:
                row = session.get(Letter, old.id)
                if row is None:
                    continue
                changes = {}
                if row.status == ISSUED and row.template_id != info.id:
                    changes["template_version"] = (row.template_version, info.version)
                    row.template_id, row.template_version = info.id, info.version
                if row.pupils != len(data.rows):
                    changes["pupils"] = (row.pupils, len(data.rows))
                    row.pupils = len(data.rows)
                if changes:
                    audit.record(session, "update", "letter", row.id, changes, reason="重新打印")
    except IntegrityError as exc:
        raise ServiceError("责任书编号与刚刚在别处生成的重复，请重新生成一次。") from exc


def registered_jobs(db: Database, batch: PendingBatch, renderer: LetterRenderer) -> list[LetterJob]:
    """The registered letters of a recorded batch, as `issue_letters` printed them (for finish_pending)."""
    info = get_version(db, batch.template_id)
    scope = Scope(batch.school_id, batch.township_id)
    collected = collect(db, SYSTEM, info.kind, batch.year, scope, pdf_pending.issued_on(batch))
    jobs, new_rows, _again = _plan(db, info, batch.year, collected, False, renderer)
    unregistered = {number for _data, number in new_rows}  # parties added since: never numbered here
    return [job for job in jobs if job.number not in unregistered]


def reprint_letters(
    db: Database,
    actor: Actor,
    letter_ids: Sequence[str],
    out: str | Path,
    *,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
) -> IssueResult:
    """Print letters of the register again, each from the template version it records."""
    _require_make(actor)
    with db.read_session() as session:
        rows = (
            session.execute(select(Letter).where(Letter.id.in_(list(letter_ids)), Letter.deleted.is_(False)))
            .scalars()
            .all()
        )
    if not rows:
        raise ValidationError({"letters": "请先选择要重新打印的责任书"})
    for row in rows:
        _require_letter_scope(actor, row)
    renderer = LetterRenderer()
    jobs: list[LetterJob] = []
    groups: dict[tuple[str, int, str | None, str | None], list[Letter]] = {}
    for row in rows:
        groups.setdefault((row.template_key, row.year, row.school_id, row.township_id), []).append(row)
    for (_key, year, school_id, township_id), letters in groups.items():
        kind = letters[0].kind
        scope = Scope(school_id, township_id) if kind != "village" else Scope(None, township_id)
        collected = collect(db, actor, kind, year, scope, letters[0].issued_on)
        by_party = {d.party: d for d in collected.letters}
        for row in letters:
            data = by_party.get((row.class_id, row.teacher_id, row.village, row.student_id))
            if data is None:
                continue
            version = get_version(db, row.template_id)
            jobs.append(LetterJob(renderer.blocks(version.id, version.body), kind, data, row.number))
    if not jobs:
        raise ValidationError({"letters": "所选责任书的对象已不在名册中，无法重新打印"})
    order = {r.id: i for i, r in enumerate(rows)}
    numbers = {r.number: r.id for r in rows}
    jobs.sort(key=lambda j: order.get(numbers.get(j.number or "", ""), 0))
    built = build_pdf(
        Path(out), renderer.documents(jobs), fonts=renderer.fonts, total=len(jobs), progress=progress, cancel=cancel
    )
    return IssueResult(
        letters=len(jobs), again=len(jobs), pages=built.pages, files=[Path(out)],
        numbers=[j.number for j in jobs if j.number], warnings=built.warnings,
    )  # fmt: skip


def preview_template(
    body: str, kind: str, *, template_id: str = "preview", year: int | None = None, today: dt.date | None = None
) -> tuple[bytes, list[str]]:
    """A one-letter PDF of a template text filled with made-up data (for the editor's preview)."""
    import io

    today = today or dt.date.today()
    year = year or (today.year if today.month >= 7 else today.year - 1)
    renderer = LetterRenderer()
    job = LetterJob(renderer.blocks(f"{template_id}:{hash(body)}", body), kind, sample_letter(kind, year, today), None)
    buffer = io.BytesIO()
    built = build_pdf(buffer, [renderer.document(job)], fonts=renderer.fonts, total=1)
    return buffer.getvalue(), built.warnings


# ---------------------------------------------------------------------------------------------
# The register


def _require_letter_scope(actor: Actor, row: Letter) -> None:
    if not actor.can_see_school(row.school_id, row.township_id):
        raise PermissionDenied("这份责任书不属于您的学校（乡镇），不能查看或修改。")


def _row(letter: Letter) -> LetterRow:
    return LetterRow(
        letter.id, letter.number, letter.kind, letter.year, letter.party_a, letter.party_b, letter.subject or "",
        letter.pupils, letter.template_key, letter.template_version, letter.status, letter.issued_on,
        letter.signed_on, letter.scan_attachment_id is not None, letter.assessment, letter.assessment_reason,
        letter.school_id, letter.township_id,
    )  # fmt: skip


def list_letters(
    db: Database,
    actor: Actor,
    *,
    year: int | None = None,
    status: str | None = None,
    not_returned: bool = False,
    kind: str | None = None,
    search: str | None = None,
) -> list[LetterRow]:
    """The register in the actor's scope, newest year first, then by number."""
    stmt = select(Letter).where(Letter.deleted.is_(False))
    if actor.school_id is not None:
        stmt = stmt.where(Letter.school_id == actor.school_id)
    elif actor.township_id is not None:
        stmt = stmt.where(Letter.township_id == actor.township_id)
    if year is not None:
        stmt = stmt.where(Letter.year == year)
    if not_returned:
        stmt = stmt.where(Letter.status == ISSUED)
    elif status:
        stmt = stmt.where(Letter.status == status)
    if kind:
        stmt = stmt.where(Letter.kind == kind)
    if search and search.strip():
        like = f"%{search.strip()}%"
        stmt = stmt.where(
            or_(
                Letter.number.like(like),
                Letter.party_a.like(like),
                Letter.party_b.like(like),
                Letter.subject.like(like),
            )
        )
    stmt = stmt.order_by(Letter.year.desc(), Letter.number)
    with db.read_session() as session:
        return [_row(r) for r in session.execute(stmt).scalars()]


def letter_years(db: Database, actor: Actor) -> list[int]:
    """Years that have letters in the actor's scope, newest first."""
    return sorted({r.year for r in list_letters(db, actor)}, reverse=True)


def find_by_number(db: Database, actor: Actor, text: str) -> LetterRow | None:
    """The letter whose number is `text` (typed, or read from its QR code by a scanner)."""
    number = text.strip().upper()
    if not number:
        return None
    with db.read_session() as session:
        row = session.execute(
            select(Letter).where(Letter.number == number, Letter.deleted.is_(False))
        ).scalar_one_or_none()
        if row is None:
            return None
        _require_letter_scope(actor, row)
        return _row(row)


def get_letter(db: Database, actor: Actor, letter_id: str) -> LetterRow:
    """One letter of the register."""
    with db.read_session() as session:
        row = session.get(Letter, letter_id)
        if row is None or row.deleted:
            raise NotFoundError("找不到这份责任书")
        _require_letter_scope(actor, row)
        return _row(row)


def mark_signed(
    db: Database,
    actor: Actor,
    letter_id: str,
    *,
    scan_path: str | Path | None = None,
    scan: tuple[str, bytes] | None = None,
    signed_on: dt.date | None = None,
) -> LetterRow:
    """Record that a letter came back signed, with its scan (a photo, image or PDF): 已签回.

    A letter already 已签回 may get a better scan; one already assessed may not be changed.
    """
    _require_make(actor)
    if scan is None:
        if scan_path is None:
            raise ValidationError({"scan": "请选择签回责任书的扫描件或照片"})
        scan = read_proof_file(scan_path)
    signed_on = signed_on or dt.date.today()
    with db.transaction(user=actor.user) as session:
        row = session.get(Letter, letter_id)
        if row is None or row.deleted:
            raise NotFoundError("找不到这份责任书")
        _require_letter_scope(actor, row)
        if row.status == ASSESSED:
            raise ValidationError({"status": "这份责任书已经考核，不能再修改签回信息"})
        if signed_on < row.issued_on:
            raise ValidationError({"signed_on": "签回日期不能早于发放日期"})
        attachment = attach(session, OWNER_TYPE, row.id, scan[0], scan[1])
        session.flush()
        changes = {"status": (row.status, SIGNED), "signed_on": (row.signed_on, signed_on), "scan": (None, scan[0])}
        row.status, row.signed_on, row.scan_attachment_id = SIGNED, signed_on, attachment.id
        audit.record(session, "update", "letter", row.id, changes)
        return _row(row)


def assess(db: Database, actor: Actor, letter_id: str, result: str, reason: str | None = None) -> LetterRow:
    """Record the year's assessment of a signed letter: 合格, 不合格 or 一票否决 (the latter two with a reason)."""
    _require_make(actor)
    reason = (reason or "").strip() or None
    if result not in ASSESSMENTS:
        raise ValidationError({"assessment": "考核结果应为合格、不合格或一票否决"})
    if result != PASS and not reason:
        raise ValidationError({"reason": f"考核结果为“{result}”时，请写明原因"})
    with db.transaction(user=actor.user) as session:
        row = session.get(Letter, letter_id)
        if row is None or row.deleted:
            raise NotFoundError("找不到这份责任书")
        _require_letter_scope(actor, row)
        if row.status == ISSUED:
            raise ValidationError({"status": "责任书还没有签回，请先登记签回（附扫描件）再考核"})
        changes = {
            "status": (row.status, ASSESSED), "assessment": (row.assessment, result),
            "assessment_reason": (row.assessment_reason, reason),
        }  # fmt: skip
        row.status, row.assessment, row.assessment_reason = ASSESSED, result, reason
        row.assessed_at, row.assessed_by = utcnow(), actor.user
        audit.record(session, "update", "letter", row.id, changes)
        return _row(row)


def letter_scan(db: Database, actor: Actor, letter_id: str) -> tuple[str, bytes, str | None]:
    """The signed letter's scan: file name, bytes and MIME type."""
    from kongchuo_desktop.store.models import Attachment

    with db.read_session() as session:
        row = session.get(Letter, letter_id)
        if row is None or row.deleted:
            raise NotFoundError("找不到这份责任书")
        _require_letter_scope(actor, row)
        if row.scan_attachment_id is None:
            raise NotFoundError("这份责任书还没有扫描件")
        attachment = session.get(Attachment, row.scan_attachment_id)
        blob = session.get(AttachmentBlob, attachment.sha256) if attachment else None
        if attachment is None or blob is None:
            raise NotFoundError("扫描件的内容缺失")
        mime = attachment.mime_type or mimetypes.guess_type(attachment.file_name)[0]
        return attachment.file_name, blob.data, mime


def template_of(db: Database, letter_id: str) -> TemplateInfo:
    """The template version a letter was printed from."""
    with db.read_session() as session:
        row = session.get(Letter, letter_id)
        if row is None:
            raise NotFoundError("找不到这份责任书")
        template = session.get(LetterTemplate, row.template_id)
        if template is None:
            raise NotFoundError("找不到这份责任书的模板")
        return get_version(db, template.id)
