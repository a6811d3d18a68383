"""The grade a pupil is counted in during a report month's school year: the rule of
domain/past_grade.py (shared with the indicators), and the note the reports print about it."""

from __future__ import annotations

from kongchuo_desktop.domain.past_grade import BOTH, ENTRY_GRADES, TOP_GRADE, grade_in, offset, reference_year

__all__ = ["BOTH", "ENTRY_GRADES", "NOTE", "TOP_GRADE", "grade_in", "offset", "reference_year"]

NOTE = (
    "年级：本软件没有统一的升级操作，登记的年级是最近一次填写或导入时的年级。各月所在年级按学年推算："
    "有入学日期的学生，若登记的年级与从入学年级（小学、九年一贯制学校为一年级，初中为七年级）起每学年升一级相符，"
    "按入学学年逐年推算；其余学生（如中途转入）以登记的年级为本学年（已离校的为离校学年）的年级逐年推算。"
    "9月的上月末人数为8月末人数升一个年级。"
)
