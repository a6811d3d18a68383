"""Letter templates: the text language, checking it, and keeping versions (控辍责任状模板).

A template is plain text, one paragraph a line, that a principal can edit in the app:

- ``{学校名称}`` and the other placeholders of `PLACEHOLDERS` are filled in for each letter
  (full-width braces ｛｝ work too, so the Chinese input method need not be switched off);
- a line that is just ``{学生名单}`` becomes the table of pupils (inline it is a list of names);
- lines starting with a clause label — 一、 （一） 1． （1） — are clauses: 一、 in 黑体;
- lines starting with a directive in 【】 set the layout: 【标题】 centred heavy title, 【副标题】
  centred line, 【顶格】 a line without indent (the parties), 【居右】 a right-aligned line,
  【附件】 the 附件 label on a new page followed by the attachment's title, 【分页】 a page
  break, 【签名栏】 the signature blocks (optionally ``左栏；第二行|右栏；第二行``);
- any other line is a body paragraph with a two-character first-line indent.

Saving checks the text: an unknown placeholder, one the template's kind cannot fill, or an
unbalanced brace is refused with its line and column (`TemplateError.problems`). Every save adds
a version; letters record the version they were printed from, so an old letter can be reprinted
exactly. The three templates we ship (resources/letters/*.txt) are written into the database on
first use with fixed ids, so sites that sync see the same rows.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import dataclass

from sqlalchemy import func, select

from kongchuo_desktop.paths import resource
from kongchuo_desktop.services import permissions as perms
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.errors import NotFoundError, ServiceError, ValidationError
from kongchuo_desktop.store import audit
from kongchuo_desktop.store.changes import stamped_update
from kongchuo_desktop.store.database import Database
from kongchuo_desktop.store.models import LetterTemplate

TEACHER, VILLAGE, PARENT = "teacher", "village", "parent"
KINDS: dict[str, str] = {
    TEACHER: "学校与班主任",
    VILLAGE: "乡镇与村（居）委会",
    PARENT: "学校与家长（家长承诺书）",
}
# Who one letter is for, by kind (for messages and the register).
KIND_PARTY: dict[str, str] = {TEACHER: "班主任", VILLAGE: "村（居）委会", PARENT: "学生家长"}
DEFAULT_NAMES: dict[str, str] = {
    TEACHER: "班主任控辍保学目标责任书",
    VILLAGE: "村（居）委会控辍保学目标责任书",
    PARENT: "控辍保学家长承诺书",
}

_COMMON = {
    "学年": "学年，如 2026—2027",
    "年度": "年度，如 2026",
    "目标巩固率": "目标巩固率，如 100%",
    "签订日期": "签订日期（中文数字）",
    "编号": "责任书编号",
    "乡镇名称": "乡镇（街道）名称",
}
PLACEHOLDERS: dict[str, dict[str, str]] = {
    TEACHER: {
        **_COMMON,
        "学校名称": "学校名称",
        "校长姓名": "校长姓名",
        "教师姓名": "班主任姓名",
        "班级": "班级，如 三年级（2）班",
        "年级": "年级，如 三年级",
        "学生名单": "本班学生名单（单独一行时为表格）",
        "学生人数": "本班学生人数",
    },
    VILLAGE: {
        **_COMMON,
        "村委会": "村（居）委会名称",
        "村干部姓名": "村干部姓名",
        "学生名单": "本村适龄儿童名单（单独一行时为表格）",
        "学生人数": "本村适龄儿童人数",
    },
    PARENT: {
        **_COMMON,
        "学校名称": "学校名称",
        "校长姓名": "校长姓名",
        "教师姓名": "班主任姓名",
        "班级": "班级",
        "年级": "年级",
        "学生姓名": "学生姓名",
        "家长姓名": "家长（监护人）姓名",
    },
}
ALL_PLACEHOLDERS: frozenset[str] = frozenset(name for names in PLACEHOLDERS.values() for name in names)

DIRECTIVES = ("标题", "副标题", "顶格", "居右", "附件", "分页", "签名栏")
MAX_BODY = 20_000
_DEFAULT_NAMESPACE = uuid.UUID("6f1b7c52-3a51-4d0e-9a43-5e1b8f0c2d11")
_OPEN = "{｛"
_CLOSE = "}｝"
_DIRECTIVE_RE = re.compile(r"^【(" + "|".join(DIRECTIVES) + r")】")


@dataclass(frozen=True)
class TemplateProblem:
    """Where a template is wrong: 1-based line and column, the length to mark, and why (Chinese)."""

    line: int
    column: int
    length: int
    message: str

    def __str__(self) -> str:
        return f"第{self.line}行第{self.column}个字：{self.message}"


class TemplateError(ValidationError):
    """A template refused on save; `template_problems` say where."""

    def __init__(self, problems: list[TemplateProblem]) -> None:
        self.template_problems = problems
        super().__init__({f"body:{p.line}:{p.column}": str(p) for p in problems})


@dataclass(frozen=True)
class Block:
    """One line of a parsed template.

    kind: title | subtitle | flush | right | attachment | pagebreak | signature | table |
    heading1 | heading2 | heading3 | body; text: the line without its directive (placeholders
    still in it); line: 1-based line number in the template.
    """

    kind: str
    text: str
    line: int


@dataclass(frozen=True)
class TemplateInfo:
    """One template version as plain data."""

    id: str
    key: str
    version: int
    name: str
    kind: str
    body: str
    is_default: bool
    is_current: bool
    updated_at: dt.datetime | None = None
    updated_by: str | None = None

    @property
    def kind_label(self) -> str:
        """学校与班主任 / …"""
        return KINDS.get(self.kind, self.kind)

    @property
    def label(self) -> str:
        """Name and version, as lists show it."""
        return f"{self.name}（第{self.version}版）"


# ---------------------------------------------------------------------------------------------
# The text language


def _placeholders(line: str, line_no: int, kind: str | None, problems: list[TemplateProblem]) -> None:
    i = 0
    n = len(line)
    while i < n:
        ch = line[i]
        if ch in _CLOSE:
            problems.append(TemplateProblem(line_no, i + 1, 1, "多了一个右花括号“}”，找不到与它配对的“{”"))
            i += 1
            continue
        if ch not in _OPEN:
            i += 1
            continue
        j = i + 1
        while j < n and line[j] not in _OPEN and line[j] not in _CLOSE:
            j += 1
        if j >= n or line[j] in _OPEN:
            problems.append(TemplateProblem(line_no, i + 1, j - i, "花括号“{”没有配对的“}”"))
            i = j
            continue
        name = line[i + 1 : j].strip()
        if name not in ALL_PLACEHOLDERS:
            problems.append(TemplateProblem(line_no, i + 1, j - i + 1, f"不认识的占位符“{{{name}}}”"))
        elif kind is not None and name not in PLACEHOLDERS[kind]:
            problems.append(
                TemplateProblem(line_no, i + 1, j - i + 1, f"占位符“{{{name}}}”不能用于{KINDS[kind]}的责任书")
            )
        i = j + 1


def check_template(body: str, kind: str | None = None) -> list[TemplateProblem]:
    """Everything wrong with a template's text (empty when it can be saved)."""
    problems: list[TemplateProblem] = []
    if not body.strip():
        return [TemplateProblem(1, 1, 0, "模板内容是空的")]
    if len(body) > MAX_BODY:
        problems.append(TemplateProblem(1, 1, 0, f"模板太长（{len(body)} 字），最多 {MAX_BODY} 字"))
    for line_no, line in enumerate(body.splitlines(), start=1):
        _placeholders(line, line_no, kind, problems)
        stripped = line.strip()
        if stripped.startswith("【签名栏】") and stripped.count("|") + stripped.count("｜") > 1:
            problems.append(TemplateProblem(line_no, 1, len(line), "签名栏只能分左右两栏，用一个“|”隔开"))
    return problems


def parse_template(body: str) -> list[Block]:
    """The template's lines as layout blocks (blank lines are dropped)."""
    from kongchuo_desktop.documents.official import clause_level

    blocks = []
    for line_no, raw in enumerate(body.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        match = _DIRECTIVE_RE.match(line)
        if match:
            name = match.group(1)
            rest = line[match.end() :].strip()
            kind = {
                "标题": "title", "副标题": "subtitle", "顶格": "flush", "居右": "right",
                "附件": "attachment", "分页": "pagebreak", "签名栏": "signature",
            }[name]  # fmt: skip
            blocks.append(Block(kind, rest, line_no))
            continue
        if _normalise_braces(line) == "{学生名单}":
            blocks.append(Block("table", "", line_no))
            continue
        level = clause_level(line)
        if level is not None and level[0] <= 3:
            blocks.append(Block(f"heading{level[0]}", line, line_no))
        else:
            blocks.append(Block("body", line, line_no))
    return blocks


def _normalise_braces(text: str) -> str:
    return text.replace("｛", "{").replace("｝", "}")


_FILL_RE = re.compile(r"[{｛]\s*([^{}｛｝]+?)\s*[}｝]")


def fill(text: str, values: dict[str, str]) -> str:
    """`text` with its placeholders replaced by `values` (unknown ones are left as they are)."""
    if "{" not in text and "｛" not in text:
        return text
    return _FILL_RE.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def renumber(body: str) -> str:
    """The template with its clause labels renumbered in order (一、二、… （一）（二）…)."""
    from kongchuo_desktop.documents.official import renumber_clauses

    return "\n".join(renumber_clauses(body.split("\n")))


# ---------------------------------------------------------------------------------------------
# Stored templates


def default_text(kind: str) -> str:
    """The text we ship for a default template (resources/letters/<kind>.txt)."""
    return resource("letters", f"{kind}.txt").read_text(encoding="utf-8")


def _default_id(key: str, version: int) -> str:
    return uuid.uuid5(_DEFAULT_NAMESPACE, f"letter_template:{key}:{version}").hex


def _info(row: LetterTemplate) -> TemplateInfo:
    return TemplateInfo(
        row.id, row.template_key, row.version, row.name, row.kind, row.body, row.is_default, row.is_current,
        row.updated_at, row.updated_by,
    )  # fmt: skip


def ensure_default_templates(db: Database) -> None:
    """Write the shipped templates into the database if they are not there yet (cheap when they are)."""
    with db.read_session() as session:
        present = set(
            session.execute(select(LetterTemplate.template_key).where(LetterTemplate.template_key.in_(KINDS))).scalars()
        )
    missing = [k for k in KINDS if k not in present]
    if not missing:
        return
    with db.transaction(user="system") as session:
        for kind in missing:
            row = LetterTemplate(
                id=_default_id(kind, 1), template_key=kind, version=1, name=DEFAULT_NAMES[kind], kind=kind,
                body=default_text(kind), is_default=True, is_current=True,
            )  # fmt: skip
            session.add(row)
            session.flush()
            audit.record(session, "create", "letter_template", row.id, {"name": (None, row.name), "version": (None, 1)})


def list_templates(db: Database) -> list[TemplateInfo]:
    """The current version of every template: shipped ones first, then by name."""
    ensure_default_templates(db)
    with db.read_session() as session:
        rows = session.execute(
            select(LetterTemplate)
            .where(LetterTemplate.is_current.is_(True), LetterTemplate.deleted.is_(False))
            .order_by(LetterTemplate.is_default.desc(), LetterTemplate.name)
        ).scalars()
        order = list(KINDS)
        infos = [_info(r) for r in rows]
    return sorted(infos, key=lambda t: (not t.is_default, order.index(t.key) if t.key in order else 0, t.name))


def versions(db: Database, key: str) -> list[TemplateInfo]:
    """Every version of one template, newest first."""
    with db.read_session() as session:
        rows = session.execute(
            select(LetterTemplate).where(LetterTemplate.template_key == key).order_by(LetterTemplate.version.desc())
        ).scalars()
        return [_info(r) for r in rows]


def get_version(db: Database, template_id: str) -> TemplateInfo:
    """One stored version by id."""
    with db.read_session() as session:
        row = session.get(LetterTemplate, template_id)
        if row is None:
            raise NotFoundError("找不到这个责任书模板版本")
        return _info(row)


def find_template(db: Database, ref: str) -> TemplateInfo:
    """The current version of a template named by kind (teacher / village / parent) or by name."""
    ensure_default_templates(db)
    ref = ref.strip()
    with db.read_session() as session:
        base = select(LetterTemplate).where(LetterTemplate.is_current.is_(True), LetterTemplate.deleted.is_(False))
        row = session.execute(base.where(LetterTemplate.template_key == ref)).scalars().first()
        if row is None:
            row = session.execute(base.where(LetterTemplate.name == ref)).scalars().first()
        if row is None:
            names = "、".join(
                session.execute(base.with_only_columns(LetterTemplate.name).order_by(LetterTemplate.name)).scalars()
            )
            raise NotFoundError(f"没有名为“{ref}”的责任书模板。可用：teacher、village、parent，或 {names}")
        return _info(row)


def save_template(
    db: Database, actor: Actor, *, name: str, kind: str, body: str, key: str | None = None, note: str | None = None
) -> TemplateInfo:
    """Save a template: a new one (key None) or the next version of `key`.

    Refuses (TemplateError) a text with unknown placeholders or unbalanced braces, and
    (ValidationError) an empty or taken name or an unknown kind. Saving an unchanged text and name
    returns the current version without adding one.
    """
    actor.require(perms.LETTERS_MAKE)
    name = name.strip()
    problems: dict[str, str] = {}
    if not name:
        problems["name"] = "请填写模板名称"
    elif len(name) > 60:
        problems["name"] = "模板名称最多 60 个字"
    elif name in KINDS:
        problems["name"] = f"“{name}”是保留的名称，请换一个"
    if kind not in KINDS:
        problems["kind"] = "请选择责任书类别"
    if problems:
        raise ValidationError(problems)
    found = check_template(body, kind)
    if found:
        raise TemplateError(found)
    body = body.replace("\r\n", "\n").strip("\n") + "\n"
    with db.transaction(user=actor.user) as session:
        clash = session.execute(
            select(LetterTemplate.template_key).where(
                LetterTemplate.name == name,
                LetterTemplate.is_current.is_(True),
                LetterTemplate.deleted.is_(False),
                LetterTemplate.template_key != (key or ""),
            )
        ).first()
        if clash:
            raise ValidationError({"name": f"已经有名为“{name}”的模板，请换一个名称"})
        if key is None:
            row = LetterTemplate(template_key=uuid.uuid4().hex, version=1, name=name, kind=kind, body=body, note=note)
            session.add(row)
            session.flush()
            audit.record(session, "create", "letter_template", row.id, {"name": (None, name), "kind": (None, kind)})
            return _info(row)
        current = session.execute(
            select(LetterTemplate).where(LetterTemplate.template_key == key, LetterTemplate.is_current.is_(True))
        ).scalar_one_or_none()
        if current is None or current.deleted:
            raise NotFoundError("这个模板已被删除")
        if current.kind != kind:
            raise ValidationError({"kind": "已有模板不能改变类别；请“另存为新模板”"})
        if current.body == body and current.name == name:
            return _info(current)
        last = session.execute(
            select(func.max(LetterTemplate.version)).where(LetterTemplate.template_key == key)
        ).scalar_one()
        stamped_update(session, LetterTemplate, LetterTemplate.template_key == key, {"is_current": False})
        row = LetterTemplate(
            template_key=key, version=last + 1, name=name, kind=kind, body=body, is_default=current.is_default,
            is_current=True, note=note,
        )  # fmt: skip
        session.add(row)
        session.flush()
        audit.record(
            session, "update", "letter_template", row.id,
            {"version": (current.version, row.version), "name": (current.name, name), "body": (current.body, body)},
        )  # fmt: skip
        return _info(row)


def restore_default(db: Database, actor: Actor, key: str) -> TemplateInfo:
    """Save the shipped text of a default template as its next version."""
    if key not in KINDS:
        raise ServiceError("只有软件自带的模板可以恢复默认内容")
    ensure_default_templates(db)
    return save_template(db, actor, name=DEFAULT_NAMES[key], kind=key, body=default_text(key), key=key)


def delete_template(db: Database, actor: Actor, key: str) -> None:
    """Remove a template made in the app (its versions stay for the letters printed from them)."""
    actor.require(perms.LETTERS_MAKE)
    if key in KINDS:
        raise ServiceError("软件自带的模板不能删除，可以修改或恢复默认内容")
    with db.transaction(user=actor.user) as session:
        rows = session.execute(select(LetterTemplate).where(LetterTemplate.template_key == key)).scalars().all()
        if not rows:
            raise NotFoundError("找不到这个模板")
        for row in rows:
            if row.is_current:
                audit.record(session, "delete", "letter_template", row.id, {"name": (row.name, None)})
            row.deleted = True
