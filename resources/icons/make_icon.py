"""Draw the application icon (a child with an open book on a blue tile) as PNGs and a Windows .ico.

Run from the checkout after changing the drawing, then commit the output files:
    python resources/icons/make_icon.py
Writes kongchuo-<size>.png for every size in SIZES and kongchuo.ico (all sizes, for build.spec's
EXE icon). Qt draws every size from the vector shapes, so small sizes stay crisp; Pillow (already
installed as a reportlab dependency) packs the .ico. Original artwork, no third-party images.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPointF, QRectF, Qt  # noqa: E402
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QImage, QLinearGradient, QPainter, QPainterPath, QPen  # noqa: E402

HERE = Path(__file__).resolve().parent
SIZES = (16, 24, 32, 48, 64, 128, 256)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)

TILE_TOP = QColor("#3a7bea")
TILE_BOTTOM = QColor("#1d4aa8")
CHILD = QColor("#ffc53d")
PAGE_LEFT = QColor("#ffffff")
PAGE_RIGHT = QColor("#e3ebf8")
SPINE = QColor("#1d4aa8")


def draw(size: int) -> QImage:
    """The icon at `size` × `size` pixels (drawn on a 256-unit canvas, scaled)."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.scale(size / 256, size / 256)

    margin = 8 if size >= 32 else 4
    tile = QRectF(margin, margin, 256 - 2 * margin, 256 - 2 * margin)
    gradient = QLinearGradient(tile.topLeft(), tile.bottomLeft())
    gradient.setColorAt(0, TILE_TOP)
    gradient.setColorAt(1, TILE_BOTTOM)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QBrush(gradient))
    p.drawRoundedRect(tile, 52, 52)

    # The child: a head and shoulders, half hidden behind the book.
    p.setBrush(CHILD)
    p.drawEllipse(QPointF(128, 78), 32, 32)
    body = QPainterPath()
    body.moveTo(72, 176)
    body.cubicTo(72, 120, 184, 120, 184, 176)
    body.closeSubpath()
    p.drawPath(body)

    # The open book, pages curving down to the spine.
    left = QPainterPath()
    left.moveTo(36, 146)
    left.cubicTo(70, 134, 108, 140, 128, 160)
    left.lineTo(128, 220)
    left.cubicTo(108, 200, 70, 194, 36, 206)
    left.closeSubpath()
    right = QPainterPath()
    right.moveTo(220, 146)
    right.cubicTo(186, 134, 148, 140, 128, 160)
    right.lineTo(128, 220)
    right.cubicTo(148, 200, 186, 194, 220, 206)
    right.closeSubpath()
    p.setBrush(PAGE_LEFT)
    p.drawPath(left)
    p.setBrush(PAGE_RIGHT)
    p.drawPath(right)
    if size >= 32:  # the spine and a few text lines only where they show
        p.setPen(QPen(SPINE, 5, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        p.drawLine(QPointF(128, 162), QPointF(128, 216))
        p.setPen(QPen(QColor("#9db5dd"), 5, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        for dy in (0, 18):
            p.drawLine(QPointF(56, 164 + dy), QPointF(108, 172 + dy))
            p.drawLine(QPointF(148, 172 + dy), QPointF(200, 164 + dy))
    p.end()
    return image


def main() -> int:
    """Write the PNGs and the .ico beside this script."""
    app = QGuiApplication.instance() or QGuiApplication(sys.argv)  # noqa: F841 - QPainter needs it
    for size in SIZES:
        path = HERE / f"kongchuo-{size}.png"
        if not draw(size).save(str(path)):
            print(f"could not write {path}", file=sys.stderr)
            return 1
        print(path.name)
    from PIL import Image

    images = [Image.open(HERE / f"kongchuo-{size}.png").convert("RGBA") for size in ICO_SIZES]
    largest = images[-1]
    largest.save(HERE / "kongchuo.ico", sizes=[(s, s) for s in ICO_SIZES], append_images=images[:-1])
    print("kongchuo.ico")
    return 0


if __name__ == "__main__":
    sys.exit(main())
