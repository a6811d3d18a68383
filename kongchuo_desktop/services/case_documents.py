"""The papers of a case, as official documents (documents.official): the written report
辍学学生情况报告表 built from the case log, and the township's 限期返校通知书 with a delivery receipt."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable
from sqlalchemy import select

from kongchuo_desktop.documents import official as o
from kongchuo_desktop.documents.fonts import Fonts, default_fonts
from kongchuo_desktop.domain.ethnicity import name_of
from kongchuo_desktop.services import permissions as perms
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.cases import CaseDetail, default_issuer, get_case, load_case, today
from kongchuo_desktop.services.errors import NotFoundError, ValidationError
from kongchuo_desktop.store.database import Database
from kongchuo_desktop.store.models import CaseNotice

REPORT_TITLE = "辍学学生情况报告表"
NOTICE_TITLE = "限期返校通知书"


def _d(day: dt.date | None) -> str:
    return f"{day:%Y-%m-%d}" if day else ""


def _grade(detail: CaseDetail) -> str:
    if detail.grade is None:
        return ""
    return f"{detail.grade}年级" + (f"{detail.class_no}班" if detail.class_no else "")


class CaseDocuments:
    """Makes the flowables of a case's documents; holds the fonts and styles."""

    def __init__(self, fonts: Fonts | None = None) -> None:
        self.fonts = fonts or default_fonts()
        self.styles = o.Styles.for_fonts(self.fonts)
        st = self.styles
        self.cell = ParagraphStyle("cell", parent=st.table, alignment=0)
        self.cell_center = st.table
        self.label = ParagraphStyle("label", parent=st.table_header)
        # Section headings in 四号 黑体: a form, not a letter, so it stays on two pages.
        self.section = ParagraphStyle(
            "section",
            parent=st.heading1,
            fontSize=o.SIZE_4,
            leading=o.SIZE_4 * 1.5,
            spaceBefore=6,
            spaceAfter=3,
            firstLineIndent=0,
        )
        self.right = ParagraphStyle("right", parent=st.flush, alignment=TA_RIGHT)
        self.center = ParagraphStyle("center", parent=st.flush, alignment=TA_CENTER)
        self.small = st.small

    # --- pieces --------------------------------------------------------------------------------
    def _p(self, text: str, style: ParagraphStyle | None = None) -> Flowable:
        return self.styles.paragraph(text, style or self.cell)

    def form_table(
        self, rows: Sequence[Sequence[str | None]], widths_mm: Sequence[float], row_height_mm: float | None = None
    ) -> Table:
        """A ruled form: cells alternate label, value; None continues the cell to its left (span);
        row_height_mm: fixed row heights (room to sign in)."""
        data: list[list[object]] = []
        spans: list[tuple[object, ...]] = []
        for r, row in enumerate(rows):
            out: list[object] = []
            start = None
            for c, value in enumerate(row):
                if value is None:
                    out.append("")
                    if start is None:
                        start = c - 1
                    continue
                if start is not None:
                    spans.append(("SPAN", (start, r), (c - 1, r)))
                    start = None
                out.append(self._p(value, self.label if c % 2 == 0 else self.cell))
            if start is not None:
                spans.append(("SPAN", (start, r), (len(row) - 1, r)))
            data.append(out)
        heights = [row_height_mm * mm] * len(data) if row_height_mm else None
        table = Table(data, colWidths=[w * mm for w in widths_mm], rowHeights=heights, hAlign="CENTER")
        table.setStyle(
            TableStyle(
                [
                    self.styles.fonts.cell_font(),
                    ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                    *spans,
                ]
            )
        )
        return table

    def heading(self, n: int, text: str) -> Flowable:
        """一、学生基本情况 (黑体)."""
        return self.styles.paragraph(f"{o.clause_label(1, n)}{text}", self.section)

    def boxed_text(self, text: str, height_mm: float = 0) -> Table:
        """A ruled box with text in it (or empty room to write in)."""
        table = Table([[self._p(text)]], colWidths=[o.TYPE_WIDTH], rowHeights=[height_mm * mm] if height_mm else None)
        table.setStyle(TableStyle([self.styles.fonts.cell_font(), ("BOX", (0, 0), (-1, -1), 0.6, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        return table

    # --- the report --------------------------------------------------------------------------------
    def report(self, detail: CaseDetail, made_on: dt.date) -> list[Flowable]:
        """The 辍学学生情况报告表 of a case."""
        st = self.styles
        out: list[Flowable] = [o.HeavyTitle(REPORT_TITLE, self.fonts, space_after=o.BODY_LEADING * 0.3)]
        out.append(
            self._p(
                f"填报单位：{detail.school_name}（{detail.township_name}）　填报日期：{o.cn_date(made_on)}",
                ParagraphStyle("meta", parent=self.cell, alignment=TA_CENTER),
            )
        )
        out.append(Spacer(1, 3 * mm))
        out.append(self.heading(1, "学生基本情况"))
        ethnicity = name_of(detail.ethnicity_code) if detail.ethnicity_code else ""
        rows: list[list[str | None]] = [
            ["姓名", detail.student_name, "性别", detail.sex],
            ["出生日期", _d(detail.birth_date), "民族", ethnicity or ""],
            ["身份证件号", detail.id_number or "", "学籍号", detail.student_no or ""],
            ["学校", detail.school_name, "年级班级", _grade(detail)],
            ["学籍状态", detail.student_status, "个案状态", detail.status],
            ["家庭住址", detail.address or "", None, None],
            ["特殊群体", "、".join(detail.flags) or "无", None, None],
        ]
        out.append(self.form_table(rows, [26, 52, 26, 52]))
        out.append(self.heading(2, "家庭情况"))
        if detail.guardians:
            out.append(
                o.data_table(
                    st,
                    [
                        o.Column("关系", 20),
                        o.Column("姓名", 26),
                        o.Column("联系电话", 32),
                        o.Column("工作单位或去向", None, "LEFT", True),
                        o.Column("外出务工", 20),
                    ],  # fmt: skip
                    [
                        [
                            str(g.get("relation") or ""),
                            str(g.get("name") or ""),
                            str(g.get("phone") or ""),
                            str(g.get("workplace") or ""),
                            "是" if g.get("away_working") else "否",
                        ]  # fmt: skip
                        for g in detail.guardians
                    ],
                )
            )
        else:
            out.append(self.boxed_text("未登记监护人信息"))
        out.append(self.heading(3, "缺课情况"))
        out.append(
            o.data_table(
                st,
                [
                    o.Column("开始缺课", 30),
                    o.Column("返校日期", 30),
                    o.Column("缺课上学日", 26),
                    o.Column("说明", None, "LEFT", True),
                ],  # fmt: skip
                [
                    [_d(a.first_day), _d(a.return_day) or "尚未返校", str(a.school_days), a.note or ""]
                    for a in detail.absences
                ],
            )
        )
        state = detail.state
        status_line = f"累计缺课 {detail.absent_days} 个上学日；个案状态：{detail.status}"
        if state.suspected_on:
            status_line += f"；{_d(state.suspected_on)}列为疑似辍学"
        if state.dropout_on:
            status_line += f"；{_d(state.dropout_on)}认定辍学"
        out.append(Spacer(1, 1.5 * mm))
        out.append(self._p(status_line, self.cell))
        out.append(self.heading(4, "走访劝返情况（三访）"))
        out.append(
            o.data_table(
                st,
                [
                    o.Column("轮次", 12),
                    o.Column("走访时间", 24, wrap=True),
                    o.Column("方式", 14),
                    o.Column("走访人员", 38, "LEFT", True),
                    o.Column("见到", 14, wrap=True),
                    o.Column("家长态度", 20, wrap=True),
                    o.Column("结果", None, "LEFT", True),
                ],  # fmt: skip
                [
                    [
                        v.round,
                        f"{v.visited_at:%m-%d %H:%M}",
                        v.kind,
                        v.participants,
                        v.met_with or "",
                        v.attitude or "",
                        _visit_result(v),
                    ]  # fmt: skip
                    for v in detail.visits
                ],
                size=10.5,
            )
        )
        # 五 in one ruled form (reasons, measures, 包保责任人): it keeps the report on two pages.
        out.append(self.heading(5, "原因、措施和包保责任人"))
        reasons = Counter(v.reason for v in detail.visits if v.reason)
        main = detail.reason or (reasons.most_common(1)[0][0] if reasons else "")
        reason_text = f"主要原因：{main or '未查明'}"
        others = [r for r in reasons if r != main]
        if others:
            reason_text += f"；其他：{'、'.join(others)}"
        notes = list(dict.fromkeys(v.note for v in detail.visits if v.note))
        if notes:
            reason_text += f"。走访记录：{'；'.join(notes)}"
        measures = []
        if detail.measures:
            measures.append(detail.measures)
        rounds = [v.round for v in detail.visits]
        if rounds:
            measures.append(f"学校和村（居）委会共走访{len(rounds)}次（{'、'.join(dict.fromkeys(rounds))}）")
        for n in detail.notices:
            measures.append(f"{_d(n.issued_on)}{n.issuer}发出限期返校通知书（{n.number}），限{_d(n.deadline)}前返校")
        for r in detail.referrals:
            answer = f"，{_d(r.answered_on)}答复：{r.answer}" if r.answer else "，尚未答复"
            measures.append(f"{_d(r.referred_on)}转介{r.agency}（{r.request}）{answer}")
        people = {k: (p.name if p else "") for k, p in detail.responsible.items()}
        form: list[list[str | None]] = [
            ["缺课（辍学）原因", reason_text, None, None],
            ["已采取的措施", "；".join(measures) + "。" if measures else "（无）", None, None],
            ["学校包保责任人", f"校长：{people['principal_id']}　班主任：{people['teacher_id']}", None, None],
            ["政府包保责任人",
             f"乡镇干部：{people['township_cadre_id']}　村（居）干部：{people['village_cadre_id']}", None, None],
        ]  # fmt: skip
        if detail.responsible_note:
            form.append(["其他包保人员", detail.responsible_note, None, None])
        out.append(self.form_table(form, [30, 42, 42, 42]))
        out.append(self._closing(detail))
        return out

    def _closing(self, detail: CaseDetail) -> Flowable:
        st = self.styles
        signature = o.signature_block(
            st,
            o.Party(
                ["报告单位（盖章）：", detail.school_name, "校长（签字）：", "班主任（签字）："], "　　年　　月　　日"
            ),
            o.Party(
                [
                    f"{default_issuer(detail.township_name)}（盖章）：",
                    "",
                    "包保干部（签字）：",
                    "村（居）委会（签字）：",
                ],
                "　　年　　月　　日",
            ),
            seal_room_mm=6,
        )
        # signature_block is itself a KeepTogether; reportlab cannot nest those (the inner one
        # reports an endless height), so its content joins the outer group.
        parts = list(getattr(signature, "_content", [signature]))
        return KeepTogether([self.heading(6, "处理意见"), self.boxed_text("", height_mm=16), *parts])

    # --- the notice --------------------------------------------------------------------------------
    def notice(self, detail: CaseDetail, notice_id: str) -> list[Flowable]:
        """The 限期返校通知书, with a tear-off delivery receipt (送达回执) at the bottom."""
        st = self.styles
        notice = next(n for n in detail.notices if n.id == notice_id)
        guardian = notice.guardian_name or "____________"
        out: list[Flowable] = [
            o.HeavyTitle(NOTICE_TITLE, self.fonts, space_after=0),
            st.paragraph(notice.number, st.subtitle),
            Spacer(1, o.BODY_LEADING * 0.5),
            st.paragraph(f"{guardian}（学生{detail.student_name}的监护人）：", st.flush),
        ]
        born = f"，{detail.birth_date.year}年{detail.birth_date.month}月出生" if detail.birth_date else ""
        first = detail.absences[0].first_day if detail.absences else detail.state.episode_start
        out.append(
            st.paragraph(
                f"你的子女{detail.student_name}（{detail.sex}{born}）系{detail.school_name}{_grade(detail)}学生，"
                f"自{o.cn_date(first)}起未经请假不到校上学，至本通知发出之日已累计缺课{detail.absent_days}个上学日。"
                f"学校和村（居）民委员会已先后{len(detail.visits)}次上门（电话）劝返，学生至今未返校就读。"
            )
        )
        out.append(
            st.paragraph(
                "根据《中华人民共和国义务教育法》第五条、第十一条的规定，适龄儿童、少年的父母或者其他法定监护人"
                "应当依法保证其按时入学接受并完成义务教育。依照该法第五十八条的规定，现责令你："
            )
        )
        out.append(
            st.paragraph(
                f"于{o.cn_date(notice.deadline)}前，送子女{detail.student_name}到{detail.school_name}返校就读。"
            )
        )
        out.append(
            st.paragraph(
                f"逾期仍不送子女返校的，{notice.issuer}将会同有关部门依法予以批评教育、责令改正，并依法作进一步处理。"
                f"如有特殊困难，请及时与学校或{notice.issuer}联系，我们将帮助解决。"
            )
        )
        if notice.note:
            out.append(st.paragraph(notice.note))
        out.append(st.paragraph("特此通知。"))
        out.append(
            o.signature_block(
                st, o.Party([]), o.Party([f"{notice.issuer}（盖章）"], o.cn_date(notice.issued_on)), seal_room_mm=12
            )
        )
        contact = detail.responsible.get("township_cadre_id") or detail.responsible.get("teacher_id")
        if contact is not None:
            out.append(self._p(f"联系人：{contact.name}（{contact.role}）", self.small))
        # The delivery receipt (送达回执) is a sheet of its own: the deliverer brings it back signed.
        receipt = [
            PageBreak(),
            o.HeavyTitle("送达回执", self.fonts),
            self.form_table(
                [
                    ["通知书文号", notice.number, "学生姓名", detail.student_name],
                    ["受送达人", guardian, "与学生关系", ""],
                    ["受送达人（签字）", "", "送达日期", "　　年　　月　　日"],
                    ["送达人（签字）", "", "见证人（签字）", ""],
                ],
                [36, 42, 36, 42],
                row_height_mm=13,
            ),
            Spacer(1, o.BODY_LEADING),
            self._p(
                "说明：请受送达人在回执上签字并注明日期；受送达人拒绝签收的，送达人应注明情况，并由见证人签字。",
                self.cell,
            ),  # fmt: skip
        ]
        out.extend(receipt)
        return out


def _visit_result(v: object) -> str:
    text = v.outcome  # type: ignore[attr-defined]
    if v.promised_on:  # type: ignore[attr-defined]
        text += f"，承诺{v.promised_on:%m月%d日}前返校"  # type: ignore[attr-defined]
    if v.next_step:  # type: ignore[attr-defined]
        text += f"；下一步：{v.next_step}"  # type: ignore[attr-defined]
    return text


def report_pdf(db: Database, actor: Actor, case_id: str, made_on: dt.date | None = None) -> bytes:
    """The 辍学学生情况报告表 of a case as PDF bytes; refused for a case with no visits."""
    actor.require(perms.CASE_READ)
    detail = get_case(db, actor, case_id, made_on)
    if not detail.visits:
        raise ValidationError({"case": "这个个案还没有任何走访记录，不能生成情况报告。请先登记家访。"})
    docs = CaseDocuments()
    document = o.OfficialDocument(
        flowables=lambda: docs.report(detail, made_on or today()),
        number=detail.number,
        number_label="个案编号：",
        label=f"{detail.student_name} {REPORT_TITLE}",
        file_name=f"{REPORT_TITLE}_{detail.student_name}_{detail.number}",
    )
    data, _result = o.pdf_bytes([document], title=f"{REPORT_TITLE}（{detail.student_name}）", author=detail.school_name)
    return data


def notice_pdf(db: Database, actor: Actor, notice_id: str) -> bytes:
    """A 限期返校通知书 as PDF bytes."""
    actor.require(perms.CASE_READ)
    with db.read_session() as session:
        notice = session.get(CaseNotice, notice_id)
        if notice is None or notice.deleted:
            raise NotFoundError("找不到这份通知书。")
        load_case(session, actor, notice.case_id)
        case_id, issued_on = notice.case_id, notice.issued_on
    detail = get_case(db, actor, case_id, issued_on)
    docs = CaseDocuments()
    document = o.OfficialDocument(
        flowables=lambda: docs.notice(detail, notice_id),
        label=f"{detail.student_name} {NOTICE_TITLE}",
        file_name=f"{NOTICE_TITLE}_{detail.student_name}",
    )
    data, _result = o.pdf_bytes([document], title=f"{NOTICE_TITLE}（{detail.student_name}）", page_numbers="none")
    return data


def latest_notice_id(db: Database, actor: Actor, case_id: str) -> str | None:
    """The most recent notice of a case."""
    actor.require(perms.CASE_READ)
    with db.read_session() as session:
        load_case(session, actor, case_id)
        return session.execute(
            select(CaseNotice.id)
            .where(CaseNotice.case_id == case_id, CaseNotice.deleted.is_(False))
            .order_by(CaseNotice.issued_on.desc(), CaseNotice.updated_at.desc())
            .limit(1)
        ).scalar_one_or_none()
