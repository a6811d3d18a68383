"""Fixtures for the importer tests: messy spreadsheet files built on the fly, the shared samples."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pytest


class Files:
    """Builders of spreadsheet files in a temporary folder."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def xlsx(
        self,
        name: str,
        rows: Iterable[Iterable[Any]],
        *,
        sheet: str = "Sheet1",
        merge: Iterable[str] = (),
        extra_sheets: dict[str, list[list[Any]]] | None = None,
        first_sheets: dict[str, list[list[Any]]] | None = None,
        hidden: Iterable[str] = (),
        text_columns: Iterable[int] = (),
    ) -> Path:
        from openpyxl import Workbook

        book = Workbook()
        default = book.active
        for title, content in (first_sheets or {}).items():
            extra = book.create_sheet(title)
            for row in content:
                extra.append(list(row))
        ws = book.create_sheet(sheet)
        book.remove(default)
        text_cols = set(text_columns)
        for row in rows:
            ws.append(list(row))
        if text_cols:
            for r in ws.iter_rows():
                for c in r:
                    if c.column - 1 in text_cols:
                        c.number_format = "@"
        for ref in merge:
            ws.merge_cells(ref)
        for title, content in (extra_sheets or {}).items():
            extra = book.create_sheet(title)
            for row in content:
                extra.append(list(row))
        for title in hidden:
            book[title].sheet_state = "hidden"
        path = self.root / name
        book.save(path)
        return path

    def csv(self, name: str, rows: Iterable[Iterable[Any]], *, encoding: str = "utf-8", delimiter: str = ",") -> Path:
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
        for row in rows:
            writer.writerow(["" if v is None else v for v in row])
        path = self.root / name
        path.write_bytes(buffer.getvalue().encode(encoding))
        return path

    def raw(self, name: str, data: bytes) -> Path:
        path = self.root / name
        path.write_bytes(data)
        return path

    def ods(self, name: str, rows: Iterable[Iterable[Any]], sheet: str = "名册") -> Path:
        """A minimal OpenDocument spreadsheet, zipped by hand."""
        cells_xml = []
        for row in rows:
            cells = []
            for value in row:
                if value is None or value == "":
                    cells.append("<table:table-cell/>")
                elif isinstance(value, (int, float)) and not isinstance(value, bool):
                    cells.append(
                        f'<table:table-cell office:value-type="float" office:value="{value}"><text:p>{value}</text:p></table:table-cell>'
                    )
                else:
                    cells.append(
                        f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}</text:p></table:table-cell>'
                    )
            cells_xml.append("<table:table-row>" + "".join(cells) + "</table:table-row>")
        content = (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
            'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
            'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
            f'<office:body><office:spreadsheet><table:table table:name="{escape(sheet)}">'
            + "".join(cells_xml)
            + "</table:table></office:spreadsheet></office:body></office:document-content>"
        )
        manifest = (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
            '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
            '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
            "</manifest:manifest>"
        )
        path = self.root / name
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
            zf.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
            zf.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
        return path


@pytest.fixture
def files(tmp_path: Path) -> Files:
    return Files(tmp_path)


@pytest.fixture
def samples_dir() -> Path:
    from tests.helpers import shared_samples

    return shared_samples()
