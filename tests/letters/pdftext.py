"""Read back what a PDF says: text per page, and the fonts it uses and embeds (pypdf)."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader


def page_texts(path: Path | bytes) -> list[str]:
    """The extracted text of every page."""
    import io

    reader = PdfReader(io.BytesIO(path) if isinstance(path, bytes) else str(path))
    return [page.extract_text() or "" for page in reader.pages]


def letters_of(texts: list[str]) -> list[str]:
    """Pages grouped into letters (a letter starts on the page showing its 编号), joined."""
    letters: list[list[str]] = []
    for text in texts:
        if "编号" in text or not letters:
            letters.append([])
        letters[-1].append(text)
    return ["\n".join(pages) for pages in letters]


def fonts(path: Path | bytes) -> dict[str, bool]:
    """Base font name → whether its program is embedded, over all pages."""
    import io

    reader = PdfReader(io.BytesIO(path) if isinstance(path, bytes) else str(path))
    found: dict[str, bool] = {}
    for page in reader.pages:
        resources = page.get("/Resources")
        if resources is None:
            continue
        font_dict = resources.get_object().get("/Font")
        if font_dict is None:
            continue
        for ref in font_dict.get_object().values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            embedded = False
            if descriptor is not None:
                d = descriptor.get_object()
                embedded = any(k in d for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            found[str(font.get("/BaseFont"))] = embedded
    return found
