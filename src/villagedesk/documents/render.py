"""Drawing documents into one PDF with reportlab.

The page frame — who issued it, the serial number, title, clerk, date, page numbers, the QR
code, the 补打 (reprint) stamp or the 样张 (preview) watermark — is drawn around the body by
the page template; the body is platypus flowables, which wrap text to the width and move to
the next page when full, so nothing runs off a page. Several documents (a batch of slips)
go into one PDF, each starting on a new page and numbered on its own ("第 1 页 共 2 页").
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, A5, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    LongTable,
    NextPageTemplate,
    PageTemplate,
    TableStyle,
)
from reportlab.platypus import PageBreak as RLPageBreak
from reportlab.platypus import Paragraph as RLParagraph
from reportlab.platypus import Spacer as RLSpacer
from reportlab.platypus import Table as RLTable

from villagedesk.documents.fonts import FONT, FONT_MONO, register_fonts
from villagedesk.documents.labels import cn_date
from villagedesk.documents.model import (
    Align,
    Block,
    DocumentContent,
    FieldGrid,
    PageBreak,
    PageFormat,
    Paragraph,
    Signatures,
    Spacer,
    Table,
)
from villagedesk.documents.qr import qr_matrix

QR_QUIET_MODULES = 1  # the page leaves more white around the code
STAMP_RED = colors.Color(0.78, 0.1, 0.1)
LABEL_BG = colors.Color(0.94, 0.94, 0.94)
HEADER_BG = colors.Color(0.88, 0.88, 0.88)
RULE = colors.Color(0.15, 0.15, 0.15)


@dataclass(frozen=True)
class Stamp:
    """What issuing adds to a document: drawn in the page frame of each of its pages."""

    station_name: str
    station_code: str
    serial: str  # "" in a preview
    printed_at: datetime
    clerk: str  # the clerk's display name
    qr: str = ""  # the QR code's text; "" in a preview
    reprint_of_serial: str = ""  # set on a reprint (补打)
    original_printed_at: datetime | None = None
    preview: bool = False


@dataclass(frozen=True)
class RenderJob:
    content: DocumentContent
    stamp: Stamp


@dataclass(frozen=True)
class RenderedPdf:
    pdf: bytes
    pages: int
    pages_per_document: tuple[int, ...]


# --------------------------------------------------------------------------- geometry


@dataclass(frozen=True)
class _Geometry:
    size: tuple[float, float]
    margin: float
    top_line: float  # baseline of the issuer/serial line, from the top
    title_base: float  # baseline of the title, from the top
    subtitle_base: float
    header_rule: float
    body_top: float
    footer_rule: float  # from the bottom
    qr_size: float
    qr_bottom: float
    title_size: float
    small_size: float
    body_size: float
    table_size: float


_GEOMETRY: dict[PageFormat, _Geometry] = {
    PageFormat.A4: _Geometry(
        size=A4,
        margin=18 * mm,
        top_line=12 * mm,
        title_base=25 * mm,
        subtitle_base=31 * mm,
        header_rule=34 * mm,
        body_top=37 * mm,
        footer_rule=42 * mm,
        qr_size=30 * mm,
        qr_bottom=8 * mm,
        title_size=18,
        small_size=8.5,
        body_size=10.5,
        table_size=9,
    ),
    PageFormat.A4_LANDSCAPE: _Geometry(
        size=landscape(A4),
        margin=15 * mm,
        top_line=10 * mm,
        title_base=21 * mm,
        subtitle_base=27 * mm,
        header_rule=30 * mm,
        body_top=33 * mm,
        footer_rule=39 * mm,
        qr_size=28 * mm,
        qr_bottom=7 * mm,
        title_size=17,
        small_size=8.5,
        body_size=10,
        table_size=9,
    ),
    PageFormat.A5_LANDSCAPE: _Geometry(
        size=landscape(A5),
        margin=12 * mm,
        top_line=8.5 * mm,
        title_base=18.5 * mm,
        subtitle_base=23.5 * mm,
        header_rule=26 * mm,
        body_top=28 * mm,
        footer_rule=34.5 * mm,
        qr_size=25 * mm,
        qr_bottom=6 * mm,
        title_size=15,
        small_size=7.5,
        body_size=9.5,
        table_size=8.5,
    ),
}


def _body_frame(fmt: PageFormat) -> Frame:
    g = _GEOMETRY[fmt]
    width, height = g.size
    bottom = g.footer_rule + 2 * mm
    return Frame(
        g.margin,
        bottom,
        width - 2 * g.margin,
        height - g.body_top - bottom,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id=f"body-{fmt.value}",
    )


# --------------------------------------------------------------------------- styles


@dataclass(frozen=True)
class _Styles:
    body: ParagraphStyle
    lead: ParagraphStyle
    note: ParagraphStyle
    small: ParagraphStyle
    center: ParagraphStyle
    section: ParagraphStyle
    label: ParagraphStyle
    value: ParagraphStyle
    value_mono: ParagraphStyle
    cell: dict[tuple[Align, bool], ParagraphStyle]
    head: ParagraphStyle


def _style(name: str, size: float, **kw: Any) -> ParagraphStyle:
    # reportlab's CJK wrapping lets one closing mark ("）", "。") hang past the line end; an
    # indent of one em on the right keeps that mark inside the cell or the frame.
    # The ink of a full-width "）" or "。" is in the left half of its em box.
    hang = size * 0.5 if kw.get("alignment", TA_LEFT) == TA_LEFT else 0
    return ParagraphStyle(
        name,
        fontName=kw.pop("fontName", FONT),
        bulletFontName=FONT,
        fontSize=size,
        leading=kw.pop("leading", size * 1.38),
        wordWrap="CJK",  # break between any two CJK characters, and at spaces
        rightIndent=kw.pop("rightIndent", hang),
        **kw,
    )


def _make_styles(fmt: PageFormat) -> _Styles:
    g = _GEOMETRY[fmt]
    b, t = g.body_size, g.table_size
    cell = {
        (align, mono): _style(
            f"cell-{align}-{mono}",
            t,
            fontName=FONT_MONO if mono else FONT,
            alignment={Align.LEFT: TA_LEFT, Align.CENTER: TA_CENTER, Align.RIGHT: TA_RIGHT}[align],
        )
        for align in Align
        for mono in (False, True)
    }
    return _Styles(
        body=_style("body", b, leading=b * 1.7, firstLineIndent=2 * b, spaceBefore=b * 0.4),
        lead=_style("lead", b, leading=b * 1.7, spaceBefore=b * 0.4),
        note=_style("note", b - 1.5, textColor=colors.Color(0.25, 0.25, 0.25), spaceBefore=b * 0.4),
        small=_style("small", b - 1.5, spaceBefore=b * 0.4),
        center=_style("center", b, alignment=TA_CENTER, rightIndent=0, spaceBefore=b * 0.3),
        section=_style("section", b + 0.5, spaceBefore=b * 0.5, spaceAfter=b * 0.3),
        label=_style("label", b - 1),
        value=_style("value", b - 0.5),
        value_mono=_style("value-mono", b - 0.5, fontName=FONT_MONO),
        cell=cell,
        head=_style("head", t, alignment=TA_CENTER),
    )


def _markup(text: str, emphasis: Sequence[str] = ()) -> str:
    out = escape(text).replace("\n", "<br/>")
    for part in emphasis:
        if part:
            safe = escape(part)
            out = out.replace(safe, f"<u>{safe}</u>", 1)
    return out


# --------------------------------------------------------------------------- blocks

_CELL_PAD = 4.0  # left and right padding of field-grid cells
_TABLE_PAD = 3.0  # left and right padding of data-table cells


def _cell(text: str, style: ParagraphStyle, width: float, pad: float) -> str | RLParagraph:
    """A plain string when the text fits on one line (the table draws it: much faster than a
    paragraph, which matters for a batch of 500 slips), else a wrapping paragraph."""
    room = width - 2 * pad - style.rightIndent - 0.5
    if "\n" not in text and stringWidth(text, style.fontName, style.fontSize) <= room:
        return text
    return RLParagraph(_markup(text), style)


def _text_style(col: int, rows: tuple[int, int], style: ParagraphStyle) -> list[tuple[Any, ...]]:
    """Table commands that draw plain-string cells as ``style`` would."""
    first, last = (col, rows[0]), (col, rows[1])
    return [
        ("FONTNAME", first, last, style.fontName),
        ("FONTSIZE", first, last, style.fontSize),
        ("LEADING", first, last, style.leading),
    ]


def _field_grid(block: FieldGrid, width: float, st: _Styles) -> list[Flowable]:
    pairs = max(1, block.pairs_per_row)
    label_w = width * (0.34 / pairs if pairs > 1 else 0.22)
    value_w = width / pairs - label_w
    widths = [label_w, value_w] * pairs
    rows: list[list[Any]] = []
    spans: list[int] = []
    current: list[Any] = []

    def flush() -> None:
        nonlocal current
        if current:
            current += [""] * (2 * pairs - len(current))
            rows.append(current)
            current = []

    mono_cells: list[tuple[int, int]] = []
    for f in block.fields:
        value_style = st.value_mono if f.mono else st.value
        room = width - label_w if f.wide else value_w
        label = _cell(f.label, st.label, label_w, _CELL_PAD)
        value = _cell(f.value or "—", value_style, room, _CELL_PAD)
        if f.wide:
            flush()
            rows.append([label, value] + [""] * (2 * pairs - 2))
            spans.append(len(rows) - 1)
            if f.mono:
                mono_cells.append((1, len(rows) - 1))
            continue
        if f.mono:
            mono_cells.append((len(current) + 1, len(rows)))
        current += [label, value]
        if len(current) == 2 * pairs:
            flush()
    flush()
    style: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("GRID", (0, 0), (-1, -1), 0.6, RULE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.8),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.6),
        ("LEFTPADDING", (0, 0), (-1, -1), _CELL_PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), _CELL_PAD),
    ]
    for col in range(0, 2 * pairs, 2):
        style.append(("BACKGROUND", (col, 0), (col, -1), LABEL_BG))
        style += _text_style(col, (0, -1), st.label)
        style += _text_style(col + 1, (0, -1), st.value)
    for col, row in mono_cells:
        style.append(("FONTNAME", (col, row), (col, row), FONT_MONO))
    for r in spans:
        style.append(("SPAN", (1, r), (-1, r)))
        style.append(("BACKGROUND", (1, r), (-1, r), colors.white))
    table = RLTable(rows, colWidths=widths, style=TableStyle(style), hAlign="LEFT")
    out: list[Flowable] = []
    if block.title:
        out.append(RLParagraph(_markup(block.title), st.section))
    out.append(table)
    return out


def _data_table(block: Table, width: float, st: _Styles, fmt: PageFormat) -> list[Flowable]:
    total = sum(c.weight for c in block.columns) or 1.0
    widths = [width * c.weight / total for c in block.columns]
    size = block.font_size or _GEOMETRY[fmt].table_size
    cell_styles = st.cell
    head_style = st.head
    if block.font_size:
        cell_styles = {
            key: ParagraphStyle(f"{s.name}-{size}", parent=s, fontSize=size, leading=size * 1.3)
            for key, s in st.cell.items()
        }
        head_style = ParagraphStyle(
            f"head-{size}", parent=st.head, fontSize=size, leading=size * 1.3
        )
    header = [
        _cell(c.header, head_style, w, _TABLE_PAD)
        for c, w in zip(block.columns, widths, strict=True)
    ]
    rows: list[list[Any]] = [header]
    for row in block.rows:
        rows.append(
            [
                _cell(text, cell_styles[(col.align, col.mono)], w, _TABLE_PAD)
                for col, text, w in zip(block.columns, row, widths, strict=True)
            ]
        )
    align_names = {Align.LEFT: "LEFT", Align.CENTER: "CENTER", Align.RIGHT: "RIGHT"}
    column_style: list[tuple[Any, ...]] = [("ALIGN", (0, 0), (-1, 0), "CENTER")]
    for c, col in enumerate(block.columns):
        column_style += _text_style(c, (0, -1), cell_styles[(col.align, col.mono)])
        column_style.append(("ALIGN", (c, 1), (c, -1), align_names[col.align]))
    column_style += _text_style(0, (0, 0), head_style)
    column_style.append(("FONTNAME", (0, 0), (-1, 0), FONT))
    style: list[tuple[Any, ...]] = [
        *column_style,
        ("GRID", (0, 0), (-1, -1), 0.5, RULE),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_BG),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.9),
        ("LEFTPADDING", (0, 0), (-1, -1), _TABLE_PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), _TABLE_PAD),
    ]
    if block.row_padding:
        style.append(("TOPPADDING", (0, 1), (-1, -1), 1.0 + block.row_padding))
        style.append(("BOTTOMPADDING", (0, 1), (-1, -1), 1.9 + block.row_padding))
    if not block.rows:
        rows.append([RLParagraph(_markup(block.empty_text), cell_styles[(Align.CENTER, False)])])
        rows[-1] += [""] * (len(block.columns) - 1)
        style.append(("SPAN", (0, 1), (-1, 1)))
    if block.footer is not None:
        rows.append(
            [
                RLParagraph(_markup(text), cell_styles[(col.align, col.mono)])
                for col, text in zip(block.columns, block.footer, strict=True)
            ]
        )
        style.append(("LINEABOVE", (0, -1), (-1, -1), 1.2, RULE))
        style.append(("BACKGROUND", (0, -1), (-1, -1), LABEL_BG))
    table = LongTable(rows, colWidths=widths, repeatRows=1, style=TableStyle(style), hAlign="LEFT")
    out: list[Flowable] = []
    if block.title:
        out.append(RLParagraph(_markup(block.title), st.section))
    out.append(table)
    return out


def _signatures(block: Signatures, width: float, st: _Styles) -> list[Flowable]:
    n = max(1, len(block.labels))
    cells = [RLParagraph(_markup(f"{text}："), st.lead) for text in block.labels]
    rows: list[list[Any]] = [cells]
    if block.date_line:
        rows.append([RLParagraph("　　　　年　　月　　日", st.lead) for _ in block.labels])
    table = RLTable(
        rows,
        colWidths=[width / n] * n,
        style=TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, 0), 0),
                ("BOTTOMPADDING", (0, 0), (-1, 0), 9 * mm if block.date_line else 6 * mm),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        ),
        hAlign="LEFT",
    )
    return [RLSpacer(1, 3 * mm), KeepTogether([table])]


def _flowables(block: Block, width: float, st: _Styles, fmt: PageFormat) -> list[Flowable]:
    match block:
        case FieldGrid():
            return _field_grid(block, width, st)
        case Table():
            return _data_table(block, width, st, fmt)
        case Paragraph():
            style = {
                "body": st.body,
                "lead": st.lead,
                "note": st.note,
                "small": st.small,
                "center": st.center,
                "section": st.section,
            }.get(block.style, st.body)
            return [RLParagraph(_markup(block.text, block.emphasis), style)]
        case Signatures():
            return _signatures(block, width, st)
        case Spacer():
            return [RLSpacer(1, block.height_mm * mm)]
        case PageBreak():
            return [RLPageBreak()]
    raise TypeError(f"not a document block: {block!r}")


# --------------------------------------------------------------------------- QR codes


def qr_modules(text: str) -> list[bytearray]:
    """The QR code's modules (1 = dark), row by row from the top (level M, fixed mask)."""
    return qr_matrix(text)


_BITS = bytes.maketrans(b"\x00\x01", b"01")


def _draw_qr(canvas: Canvas, modules: Sequence[bytes | bytearray], size: float) -> None:
    """Draw the code in a ``size`` square as a 1-bit stencil mask (an inline image painted in
    black where a module is dark), scaled without interpolation so the modules stay sharp.

    One small image costs a tenth of a vector path of ~1,800 rectangles (a batch of 500
    slips would spend seconds formatting them). At printer resolution every renderer draws
    it sharp; some screen renderers soften the edges when zoomed out, which does not stop a
    phone from reading it. The tests decode it back from a rendered page.
    """
    n = len(modules)
    quiet = QR_QUIET_MODULES
    cell = size / (n + 2 * quiet)
    pad = -n % 8
    rows = []
    for row in modules:
        bits = bytes(row).translate(_BITS) + b"0" * pad
        rows.append(int(bits, 2).to_bytes((n + pad) // 8, "big").hex())
    side = cell * n
    canvas.addLiteral(
        f"q 0 g {side:.4f} 0 0 {side:.4f} {quiet * cell:.4f} {quiet * cell:.4f} cm\n"
        f"BI /W {n} /H {n} /BPC 1 /IM true /D [1 0] /I false /F /AHx ID\n"
        + "".join(rows)
        + ">\nEI Q"
    )


# --------------------------------------------------------------------------- the template


class _Marker(Flowable):
    """Zero-size flowable at the start of each document: tells the frame which one it is."""

    def __init__(self, index: int) -> None:
        super().__init__()
        self.index = index
        self.width = self.height = 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return (0, 0)

    def draw(self) -> None:
        return None


class _FormCanvas(Canvas):
    """A canvas that defines late forms (page totals, QR codes) just before saving."""

    def __init__(self, *args: Any, finalize: Callable[[Canvas], None], **kw: Any) -> None:
        super().__init__(*args, **kw)
        self._finalize = finalize

    def save(self) -> None:
        self._finalize(self)
        super().save()


def _fit_font(text: str, font: str, size: float, width: float, minimum: float) -> float:
    while size > minimum and stringWidth(text, font, size) > width:
        size -= 0.25
    return size


def _time(at: datetime) -> str:
    return f"{cn_date(at)} {at:%H:%M}"


class _Template(BaseDocTemplate):
    def __init__(self, buffer: io.BytesIO, jobs: Sequence[RenderJob], **kw: Any) -> None:
        self.jobs = list(jobs)
        formats = [job.content.page_format for job in self.jobs]
        order = list(dict.fromkeys(formats))
        first = _GEOMETRY[order[0]]
        super().__init__(buffer, pagesize=first.size, **kw)
        self.addPageTemplates(
            [
                PageTemplate(
                    id=fmt.value,
                    frames=[_body_frame(fmt)],
                    pagesize=_GEOMETRY[fmt].size,
                    onPageEnd=self._decorate,
                )
                for fmt in order
            ]
        )
        self.current = 0
        self.page_in_document = 0
        self.last_document = -1
        self.pages_per_document = [0] * len(self.jobs)

    # platypus hook: called after each flowable is drawn
    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, _Marker):
            self.current = flowable.index

    def _decorate(self, canvas: Canvas, _doc: BaseDocTemplate) -> None:
        index = self.current
        if index != self.last_document:
            self.page_in_document = 0
            self.last_document = index
        self.page_in_document += 1
        self.pages_per_document[index] = self.page_in_document
        job = self.jobs[index]
        fmt = job.content.page_format
        g = _GEOMETRY[fmt]
        canvas.saveState()
        self._header(canvas, job, g, self.page_in_document)
        self._footer(canvas, job, g, index, self.page_in_document)
        if job.stamp.preview:
            self._watermark(canvas, g)
        canvas.restoreState()

    def _header(self, canvas: Canvas, job: RenderJob, g: _Geometry, page: int) -> None:
        width, height = g.size
        content, stamp = job.content, job.stamp
        left, right = g.margin, width - g.margin
        small = g.small_size
        serial = f"编号：{stamp.serial}" if stamp.serial else "编号：（预览，未编号）"
        serial_w = stringWidth(serial, FONT_MONO, small)
        canvas.setFillColor(colors.black)
        canvas.setFont(FONT_MONO, small)
        canvas.drawRightString(right, height - g.top_line, serial)
        issuer = f"出具单位：{stamp.station_name}（站点代码 {stamp.station_code}）"
        room = right - left - serial_w - 6 * mm
        size = _fit_font(issuer, FONT, small, room, 6.5)
        lines = simpleSplit(issuer, FONT, size, room)[:2]
        canvas.setFont(FONT, size)
        for i, line in enumerate(lines):
            canvas.drawString(left, height - g.top_line - i * size * 1.25, line)
        title = content.title if page == 1 else f"{content.title}（续）"
        title_size = _fit_font(title, FONT, g.title_size, right - left - 30 * mm, 10)
        canvas.setFont(FONT, title_size)
        # a faux-bold title: fill and a thin stroke of the same colour
        text = canvas.beginText()
        text.setTextRenderMode(2)
        canvas.setLineWidth(0.35)
        text.setFont(FONT, title_size)
        title_w = stringWidth(title, FONT, title_size)
        text.setTextOrigin(width / 2 - title_w / 2, height - g.title_base)
        text.textOut(title)
        text.setTextRenderMode(0)
        canvas.drawText(text)
        sub = content.subtitle if page == 1 else (content.running_head or content.subtitle)
        if sub:
            sub_size = _fit_font(sub, FONT, small + 0.5, right - left, 6)
            canvas.setFont(FONT, sub_size)
            canvas.drawCentredString(width / 2, height - g.subtitle_base, sub)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(1.1)
        canvas.line(left, height - g.header_rule, right, height - g.header_rule)
        canvas.setLineWidth(0.4)
        canvas.line(
            left, height - g.header_rule - 0.7 * mm, right, height - g.header_rule - 0.7 * mm
        )
        if stamp.reprint_of_serial:
            self._reprint_stamp(canvas, left + 14 * mm, height - g.title_base + 1.5 * mm)

    def _reprint_stamp(self, canvas: Canvas, x: float, y: float) -> None:
        canvas.saveState()
        canvas.translate(x, y)
        canvas.rotate(12)
        canvas.setStrokeColor(STAMP_RED)
        canvas.setFillColor(STAMP_RED)
        canvas.setLineWidth(1.6)
        canvas.roundRect(-13 * mm, -5.5 * mm, 26 * mm, 11 * mm, 2 * mm, stroke=1, fill=0)
        canvas.setFont(FONT, 15)
        canvas.drawCentredString(0, -2.2 * mm, "补打")
        canvas.restoreState()

    def _footer(self, canvas: Canvas, job: RenderJob, g: _Geometry, index: int, page: int) -> None:
        width, _height = g.size
        stamp = job.stamp
        left, right = g.margin, width - g.margin
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.6)
        canvas.line(left, g.footer_rule, right, g.footer_rule)
        qr_left = right - g.qr_size
        text_w = qr_left - left - 4 * mm
        small = g.small_size
        lines: list[tuple[str, colors.Color]] = []
        lines.append(
            (
                f"经办人：{stamp.clerk}　　打印时间：{_time(stamp.printed_at)}",
                colors.black,
            )
        )
        if stamp.reprint_of_serial:
            original = (
                f"，原件打印于{_time(stamp.original_printed_at)}"
                if stamp.original_printed_at
                else ""
            )
            lines.append((f"补打件：原件编号 {stamp.reprint_of_serial}{original}。", STAMP_RED))
        if stamp.preview:
            lines.append(("样张：仅供核对内容，未编号、未签名，不作凭证使用。", STAMP_RED))
        else:
            lines.append(
                (
                    "本件经服务站电子签名。扫描右侧二维码可向县级社会保险经办机构核验真伪；"
                    "涂改无效。",
                    colors.Color(0.3, 0.3, 0.3),
                )
            )
        for note in job.content.notes:
            lines.append((note, colors.Color(0.3, 0.3, 0.3)))
        y = g.footer_rule - small * 1.5
        leading = small * 1.35
        for text, colour in lines:
            canvas.setFillColor(colour)
            canvas.setFont(FONT, small)
            for part in simpleSplit(text, FONT, small, text_w):
                if y < g.qr_bottom:
                    break
                canvas.drawString(left, y, part)
                y -= leading
        # page number: "第 n 页" now, the total ("共 m 页") as a form defined at the end
        canvas.setFillColor(colors.black)
        canvas.setFont(FONT, small)
        page_y = g.qr_bottom
        label = f"第 {page} 页　共"
        canvas.drawString(left, page_y, label)
        x = left + stringWidth(label, FONT, small)
        canvas.saveState()
        canvas.translate(x, page_y)
        canvas.doForm(f"vdpages{index}")
        canvas.restoreState()
        canvas.drawString(x + stringWidth(" 000 ", FONT, small), page_y, "页")
        # the QR code
        canvas.saveState()
        canvas.translate(qr_left, g.qr_bottom)
        if stamp.qr:
            canvas.doForm(f"vdqr{index}")
        else:
            canvas.setDash(2, 2)
            canvas.setStrokeColor(colors.grey)
            canvas.rect(0, 0, g.qr_size, g.qr_size, stroke=1, fill=0)
            canvas.setFillColor(colors.grey)
            canvas.setFont(FONT, small)
            canvas.drawCentredString(g.qr_size / 2, g.qr_size / 2, "预览无二维码")
        canvas.restoreState()

    def _watermark(self, canvas: Canvas, g: _Geometry) -> None:
        width, height = g.size
        canvas.saveState()
        canvas.setFillColor(STAMP_RED)
        canvas.setFillAlpha(0.12)
        canvas.translate(width / 2, height / 2)
        canvas.rotate(30)
        canvas.setFont(FONT, min(width, height) / 6)
        canvas.drawCentredString(0, 0, "样张 · 预览")
        canvas.restoreState()

    def finalize(self, canvas: Canvas) -> None:
        """Define the forms pages refer to: page totals and QR codes."""
        for index, job in enumerate(self.jobs):
            g = _GEOMETRY[job.content.page_format]
            canvas.beginForm(f"vdpages{index}")
            canvas.setFont(FONT, g.small_size)
            total = str(self.pages_per_document[index])
            box = stringWidth(" 000 ", FONT, g.small_size)
            canvas.drawCentredString(box / 2, 0, total)
            canvas.endForm()
            if job.stamp.qr:
                canvas.beginForm(f"vdqr{index}", 0, 0, g.qr_size, g.qr_size)
                _draw_qr(canvas, qr_modules(job.stamp.qr), g.qr_size)
                canvas.endForm()


def _story(jobs: Sequence[RenderJob]) -> list[Flowable]:
    story: list[Flowable] = []
    styles: dict[PageFormat, _Styles] = {}
    for index, job in enumerate(jobs):
        content = job.content
        fmt = content.page_format
        st = styles.get(fmt) or styles.setdefault(fmt, _make_styles(fmt))
        g = _GEOMETRY[fmt]
        width = g.size[0] - 2 * g.margin
        if index > 0:
            story.append(NextPageTemplate(fmt.value))
            story.append(RLPageBreak())
        story.append(_Marker(index))
        for block in content.blocks:
            story.extend(_flowables(block, width, st, fmt))
    return story


def render_pdf(jobs: Sequence[RenderJob], *, title: str = "", author: str = "") -> RenderedPdf:
    """Draw documents into one PDF, each starting on a new page."""
    if not jobs:
        raise ValueError("nothing to render")
    register_fonts()
    buffer = io.BytesIO()
    template = _Template(
        buffer,
        jobs,
        title=title or jobs[0].content.title,
        author=author or jobs[0].stamp.station_name,
        creator="villagedesk",
        subject=", ".join(job.stamp.serial for job in jobs[:20] if job.stamp.serial),
        pageCompression=1,
        initialFontName=FONT,
    )

    def canvasmaker(*args: Any, **kw: Any) -> Canvas:
        return _FormCanvas(*args, finalize=template.finalize, **kw)

    template.build(_story(jobs), canvasmaker=canvasmaker)
    per_document = tuple(template.pages_per_document)
    return RenderedPdf(
        pdf=buffer.getvalue(), pages=sum(per_document), pages_per_document=per_document
    )
