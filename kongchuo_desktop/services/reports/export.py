"""Write the monthly reports to a workbook (.xlsx) or a PDF, chosen by the file's suffix."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kongchuo_desktop.services.errors import ValidationError
from kongchuo_desktop.services.reports.layout import report_layout
from kongchuo_desktop.services.reports.monthly import MonthlyReport

SUFFIXES = (".xlsx", ".pdf")


@dataclass(frozen=True)
class ExportResult:
    """What was written: the file, its format, pages (PDF only) and whether the data check passed
    (when it did not, the file holds the data check instead of the report)."""

    path: Path
    format: str
    pages: int
    adds_up: bool


def check_target(path: str | Path) -> Path:
    """The output path, refused (ValidationError) when its suffix is neither .xlsx nor .pdf or its
    folder does not exist."""
    target = Path(path)
    if target.suffix.lower() not in SUFFIXES:
        raise ValidationError({"out": f"输出文件“{target.name}”应以 .xlsx 或 .pdf 结尾"})
    if not target.parent.is_dir():
        raise ValidationError({"out": f"文件夹“{target.parent}”不存在"})
    return target


def export_report(report: MonthlyReport, path: str | Path) -> ExportResult:
    """Write `report` to `path` (.xlsx: one sheet per part; .pdf: A4 landscape). OSError when the
    file cannot be written (nothing is left behind)."""
    target = check_target(path)
    layout = report_layout(report)
    if target.suffix.lower() == ".xlsx":
        from kongchuo_desktop.documents.report_xlsx import write_report_xlsx

        write_report_xlsx(target, layout)
        return ExportResult(target, "xlsx", 0, report.adds_up)
    from kongchuo_desktop.documents.report_pdf import write_report_pdf

    pages = write_report_pdf(target, layout)
    return ExportResult(target, "pdf", pages, report.adds_up)
