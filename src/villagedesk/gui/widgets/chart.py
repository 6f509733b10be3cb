"""A small bar chart painted with QPainter (Qt Charts is not in PySide6-Essentials)."""

from __future__ import annotations

from villagedesk.gui.qt import QColor, QPainter, QPen, QRect, QSize, Qt, QWidget


class BarChart(QWidget):
    """Horizontal bars with their value written at the end; an optional target line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bars: list[tuple[str, float, str]] = []  # label, value, value text
        self.maximum = 100.0
        self.target: float | None = None
        self.setMinimumHeight(60)

    def set_bars(
        self,
        bars: list[tuple[str, float, str]],
        *,
        maximum: float | None = None,
        target: float | None = None,
    ) -> None:
        self.bars = bars
        self.maximum = maximum or max([v for _l, v, _t in bars] + [1.0])
        self.target = target
        self.setMinimumHeight(30 * max(len(bars), 1) + 12)
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(420, 30 * max(len(self.bars), 1) + 12)

    def paintEvent(self, _event: object) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = painter.fontMetrics()
        label_w = max([metrics.horizontalAdvance(lbl) for lbl, _v, _t in self.bars] + [40]) + 8
        text_w = max([metrics.horizontalAdvance(t) for _l, _v, t in self.bars] + [40]) + 8
        width = max(self.width() - label_w - text_w - 8, 10)
        for i, (label, value, text) in enumerate(self.bars):
            y = 6 + i * 30
            painter.setPen(self.palette().text().color())
            painter.drawText(
                QRect(0, y, label_w - 6, 24),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                label,
            )
            bar_w = int(width * max(0.0, min(value / self.maximum, 1.0)))
            painter.fillRect(QRect(label_w, y + 3, bar_w, 18), QColor("#1565c0"))
            painter.drawText(
                QRect(label_w + bar_w + 4, y, text_w, 24),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                text,
            )
        if self.target is not None:
            x = label_w + int(width * min(self.target / self.maximum, 1.0))
            painter.setPen(QPen(QColor("#c62828"), 2, Qt.PenStyle.DashLine))
            painter.drawLine(x, 2, x, self.height() - 2)
        painter.end()
