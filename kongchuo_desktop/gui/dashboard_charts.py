"""The dashboard's four QtCharts charts, built from services.dashboard figures, with Chinese-capable fonts."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QHorizontalBarSeries,
    QLineSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QCoreApplication, QMargins, Qt
from PySide6.QtGui import QColor, QFont, QPen
from PySide6.QtWidgets import QApplication

from kongchuo_desktop.gui.domain_labels import label as domain_label
from kongchuo_desktop.services.dashboard import Bar, Series

PALETTE = ["#2d6cdf", "#e67e22", "#27ae60", "#8e44ad", "#c0392b", "#16a085", "#d4ac0d", "#7f8c8d", "#34495e",
           "#e84393", "#00a8ff", "#6ab04c"]  # fmt: skip
TARGET = QColor("#c0392b")


def _font(delta: float = 0.0, bold: bool = False) -> QFont:
    # The application font carries the bundled CJK family (gui.app.register_font); QtCharts does
    # not always inherit it, so every text item gets it explicitly.
    font = QFont(QApplication.font())
    if delta:
        font.setPointSizeF(max(7.0, font.pointSizeF() + delta))
    font.setBold(bold)
    return font


def make_chart(title: str) -> QChart:
    """An empty chart with our fonts, no animation and a compact legend at the bottom."""
    chart = QChart()
    chart.setTitle(title)
    chart.setTitleFont(_font(1.0, bold=True))
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.setBackgroundRoundness(4)
    legend = chart.legend()
    legend.setFont(_font(-1.0))
    legend.setAlignment(Qt.AlignmentFlag.AlignBottom)
    return chart


def _value_axis(maximum: float, title: str = "") -> QValueAxis:
    """A count axis from 0 with whole-number ticks."""
    axis = QValueAxis()
    axis.setLabelsFont(_font(-1.0))
    axis.setTitleFont(_font(-1.0))
    if title:
        axis.setTitleText(title)
    top = max(1, math.ceil(maximum))
    axis.setLabelFormat("%d")
    if top <= 5:
        axis.setRange(0, top)
        axis.setTickCount(top + 1)
    else:
        step = _nice_step(top / 5)
        top = step * math.ceil(top / step)
        axis.setRange(0, top)
        axis.setTickCount(int(top // step) + 1)
    return axis


def _nice_step(raw: float) -> int:
    """1, 2, 5, 10, 20, 50 … : the smallest at least `raw`."""
    power = 10 ** max(0, math.floor(math.log10(max(raw, 1))))
    for factor in (1, 2, 5, 10):
        if factor * power >= raw:
            return int(factor * power)
    return int(10 * power)


def _category_axis(labels: Sequence[str]) -> QBarCategoryAxis:
    axis = QBarCategoryAxis()
    axis.append(list(labels))
    axis.setLabelsFont(_font(-1.0))
    return axis


def _bar_set(label: str, values: Sequence[float], color: str) -> QBarSet:
    bar_set = QBarSet(label)
    bar_set.append([float(v) for v in values])
    bar_set.setColor(QColor(color))
    bar_set.setBorderColor(QColor(color))
    bar_set.setLabelFont(_font(-1.5))
    bar_set.setLabelColor(QColor("#1c2833"))
    return bar_set


def dropout_chart(months: Sequence[dt.date], series: Sequence[Series]) -> tuple[QChart, list[QBarSet]]:
    """New dropouts per month, one stacked bar set per unit (the months' span in the title)."""
    title = QCoreApplication.translate("Dashboard", "近12个月新增辍学（按月）")
    if months:
        first, last = months[0], months[-1]
        title = (
            QCoreApplication.translate("Dashboard", "新增辍学（%1年%2月–%3年%4月，按月）")
            .replace("%1", str(first.year)).replace("%2", str(first.month))
            .replace("%3", str(last.year)).replace("%4", str(last.month))
        )  # fmt: skip
    chart = make_chart(title)
    bars = QStackedBarSeries()
    sets = []
    for i, s in enumerate(series):
        bar_set = _bar_set(s.label, s.values, PALETTE[i % len(PALETTE)])
        bars.append(bar_set)
        sets.append(bar_set)
    chart.addSeries(bars)
    month = QCoreApplication.translate("Dashboard", "%1月")
    axis_x = _category_axis([month.replace("%1", str(m.month)) for m in months])
    totals = [sum(s.values[i] for s in series) for i in range(len(months))] or [0]
    axis_y = _value_axis(max(totals), title=QCoreApplication.translate("Dashboard", "人"))
    chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
    bars.attachAxis(axis_x)
    bars.attachAxis(axis_y)
    chart.legend().setVisible(bool(series))
    return chart, sets


def horizontal_chart(
    title: str, bars_in: Sequence[Bar], label: str, percent: bool = False, target: float | None = None
) -> tuple[QChart, QBarSet]:
    """One horizontal bar per unit (long township and school names stay readable on the left);
    percent: a 0–100% axis with value labels; target: a vertical target line (e.g. 100%)."""
    chart = make_chart(title)
    series = QHorizontalBarSeries()
    bar_set = _bar_set(label, [b.value for b in reversed(bars_in)], PALETTE[0])
    series.append(bar_set)
    series.setLabelsVisible(True)
    series.setLabelsPosition(QHorizontalBarSeries.LabelsPosition.LabelsInsideEnd)
    series.setBarWidth(min(0.8, 0.25 * max(1, len(bars_in))))  # one or two bars: not a wall of colour
    if percent:
        series.setLabelsFormat("@value%")
        series.setLabelsPrecision(4)
        bar_set.setLabelColor(QColor("#ffffff"))
    else:
        series.setLabelsFormat("@value")
        bar_set.setLabelColor(QColor("#ffffff"))
    chart.addSeries(series)
    axis_y = _category_axis([domain_label(b.label) for b in reversed(bars_in)])  # top to bottom in the given order
    if percent:
        axis_x = QValueAxis()
        axis_x.setLabelsFont(_font(-1.0))
        axis_x.setRange(0, 100)
        axis_x.setTickCount(6)
        axis_x.setLabelFormat("%d%%")
    else:
        axis_x = _value_axis(max([b.value for b in bars_in] or [0]))
        axis_x.setTitleText(label)
    chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
    chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(axis_y)
    series.attachAxis(axis_x)
    if target is not None and bars_in:
        line = QLineSeries()
        line.setName(QCoreApplication.translate("Dashboard", "目标 %1%").replace("%1", f"{target:g}"))
        pen = QPen(TARGET)
        pen.setWidthF(2.0)
        pen.setStyle(Qt.PenStyle.DashLine)
        line.setPen(pen)
        n = len(bars_in)
        line.append(target, -0.5)
        line.append(target, n - 0.5)
        chart.addSeries(line)
        hidden = QValueAxis()
        hidden.setRange(-0.5, n - 0.5)
        hidden.setVisible(False)
        chart.addAxis(hidden, Qt.AlignmentFlag.AlignRight)
        line.attachAxis(axis_x)
        line.attachAxis(hidden)
    chart.legend().setVisible(target is not None and bool(bars_in))
    if target is not None:
        for marker in chart.legend().markers(series):
            marker.setVisible(False)
    return chart, bar_set


def vertical_chart(title: str, bars_in: Sequence[Bar], label: str) -> tuple[QChart, QBarSet]:
    """One vertical bar per category with its count on it (few, short labels: special groups)."""
    from PySide6.QtCharts import QBarSeries

    chart = make_chart(title)
    series = QBarSeries()
    bar_set = _bar_set(label, [b.value for b in bars_in], PALETTE[2])
    series.append(bar_set)
    series.setLabelsVisible(True)
    series.setLabelsFormat("@value")
    series.setLabelsPosition(QBarSeries.LabelsPosition.LabelsOutsideEnd)
    chart.addSeries(series)
    axis_x = _category_axis([domain_label(b.label) for b in bars_in])
    axis_y = _value_axis(max([b.value for b in bars_in] or [0]) * 1.1, title=QCoreApplication.translate("Dashboard", "人"))
    chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(axis_x)
    series.attachAxis(axis_y)
    chart.legend().setVisible(False)
    return chart, bar_set

