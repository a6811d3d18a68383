"""Turn a letter template and one party's data into the pages of an official document."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import PageBreak, Paragraph, Spacer
from reportlab.platypus.flowables import Flowable

from kongchuo_desktop.documents import official as o
from kongchuo_desktop.documents.fonts import Fonts, default_fonts
from kongchuo_desktop.services.letter_templates import PARENT, TEACHER, VILLAGE, Block, fill, parse_template
from kongchuo_desktop.services.letters_data import TABLE_COLUMNS, LetterData

# Signature blocks when a template's 【签名栏】 line names none: (left lines, right lines).
DEFAULT_SIGNATURES: dict[str, tuple[list[str], list[str]]] = {
    TEACHER: (["甲方（盖章）：", "{学校名称}", "校长（签字）："], ["乙方：", "{班级}班主任", "班主任（签字）："]),
    VILLAGE: (
        ["甲方（盖章）：", "{乡镇名称}人民政府", "负责人（签字）："],
        ["乙方（盖章）：", "{村委会}", "负责人（签字）："],
    ),
    PARENT: (["学校（盖章）：", "{学校名称}"], ["承诺人（家长签字）：", "学生：{学生姓名}"]),
}
DRAFT_NUMBER = "（样稿，未登记）"


@dataclass
class LetterJob:
    """One letter to draw: its parsed template, its data, and its number (None for a draft)."""

    blocks: list[Block]
    kind: str
    data: LetterData
    number: str | None


class LetterRenderer:
    """Makes the flowables of letters; holds the styles so a batch builds them once."""

    def __init__(self, fonts: Fonts | None = None) -> None:
        self.fonts = fonts or default_fonts()
        self.styles = o.Styles.for_fonts(self.fonts)
        self.right = ParagraphStyle("right", parent=self.styles.flush, alignment=TA_RIGHT)
        self._parsed: dict[str, list[Block]] = {}

    def blocks(self, template_id: str, body: str) -> list[Block]:
        """The parsed template, cached by version id."""
        found = self._parsed.get(template_id)
        if found is None:
            found = self._parsed[template_id] = parse_template(body)
        return found

    def document(self, job: LetterJob) -> o.OfficialDocument:
        """The letter as a document of a build (its flowables are made when its turn comes)."""
        number = job.number
        return o.OfficialDocument(
            flowables=lambda: self.flowables(job),
            number=number if number is not None else DRAFT_NUMBER,
            qr=number,
            label=f"{job.data.party_b} {job.data.subject}".strip(),
            file_name=(f"{number}_" if number else "") + (job.data.file_stem or job.data.party_b),
        )

    def documents(self, jobs: Iterable[LetterJob]) -> Iterator[o.OfficialDocument]:
        """Documents for a stream of jobs."""
        for job in jobs:
            yield self.document(job)

    def flowables(self, job: LetterJob) -> list[Flowable]:
        """The letter's content."""
        st = self.styles
        values = job.data.values
        if job.number:
            values = {**values, "编号": job.number}
        out: list[Flowable] = []
        blocks = job.blocks
        for i, block in enumerate(blocks):
            text = fill(block.text, values)
            kind = block.kind
            if kind == "title":
                followed = i + 1 < len(blocks) and blocks[i + 1].kind == "subtitle"
                out.append(o.HeavyTitle(text, self.fonts, space_after=0 if followed else o.BODY_LEADING))
            elif kind == "subtitle":
                out.append(st.paragraph(text, st.subtitle))
                out.append(Spacer(1, o.BODY_LEADING))
            elif kind == "flush":
                out.append(st.paragraph(text, st.flush))
            elif kind == "right":
                out.append(st.paragraph(text, self.right))
            elif kind == "heading1":
                out.append(self._heading(text))
            elif kind in ("heading2", "heading3", "body"):
                out.append(st.paragraph(text, st.body))
            elif kind == "pagebreak":
                out.append(PageBreak())
            elif kind == "attachment":
                out.extend(self._attachment(text))
            elif kind == "table":
                out.append(self._table(job))
            elif kind == "signature":
                out.append(self._signature(job.kind, block.text, values))
        return out

    def _heading(self, text: str) -> Paragraph:
        # 一级标题 in 黑体; when the line goes on after its first full stop, the rest is body text.
        st = self.styles
        cut = text.find("。")
        head, rest = (text, "") if cut < 0 or cut == len(text) - 1 else (text[: cut + 1], text[cut + 1 :])
        markup = f'<font name="{self.fonts.hei.primary}">{self.fonts.hei.markup(head)}</font>'
        if rest:
            markup += self.fonts.song.markup(rest)
        return Paragraph(markup, st.heading1 if not rest else st.body)

    def _attachment(self, text: str) -> list[Flowable]:
        st = self.styles
        out: list[Flowable] = [PageBreak(), st.paragraph("附件", st.attachment), Spacer(1, o.BODY_LEADING * 0.5)]
        if text:
            out.append(o.HeavyTitle(text, self.fonts, size=18, space_after=o.BODY_LEADING * 0.6))
        return out

    def _table(self, job: LetterJob) -> Flowable:
        spec = TABLE_COLUMNS.get(job.kind, TABLE_COLUMNS[TEACHER])
        if not job.data.rows:
            return self.styles.paragraph("（无）", self.styles.flush)
        columns = [o.Column(h, w, align, wrap) for h, w, align, wrap in spec]
        return o.data_table(self.styles, columns, job.data.rows)

    def _signature(self, kind: str, spec: str, values: dict[str, str]) -> Flowable:
        left, right = DEFAULT_SIGNATURES.get(kind, DEFAULT_SIGNATURES[TEACHER])
        if spec.strip():
            sides = spec.replace("｜", "|").split("|", 1)
            left = [line.strip() for line in sides[0].split("；")]
            right = [line.strip() for line in sides[1].split("；")] if len(sides) > 1 else []
        date = values.get("签订日期", "")
        return o.signature_block(
            self.styles,
            o.Party([fill(line, values) for line in left], date),
            o.Party([fill(line, values) for line in right], date if right else ""),
        )
