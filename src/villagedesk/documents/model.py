"""What a document says, without how it is drawn: the builders make these, ``render`` draws them.

A document is a title and a column of blocks (field grids, tables, paragraphs, signature
lines). Every block wraps its text to the page width and tables continue on the next page
with their header repeated, so no builder has to think about page breaks.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum


class PageFormat(StrEnum):
    A4 = "A4"  # portrait: certificates, statements, cards, letters, lists
    A4_LANDSCAPE = "A4L"  # wide report tables
    A5_LANDSCAPE = "A5L"  # slips and receipts


class Align(StrEnum):
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"


@dataclass(frozen=True)
class Field:
    """A label and its value; ``wide`` makes the value take the rest of the row."""

    label: str
    value: str
    wide: bool = False
    mono: bool = False  # ID numbers and codes: the monospaced face


@dataclass(frozen=True)
class FieldGrid:
    """Label/value pairs laid out ``pairs_per_row`` to a row, boxed like a printed form."""

    fields: tuple[Field, ...]
    title: str = ""
    pairs_per_row: int = 2


@dataclass(frozen=True)
class Column:
    header: str
    weight: float = 1.0  # share of the table width
    align: Align = Align.LEFT
    mono: bool = False


@dataclass(frozen=True)
class Table:
    """A ruled table; long tables continue on the next page with the header repeated."""

    columns: tuple[Column, ...]
    rows: tuple[tuple[str, ...], ...]
    title: str = ""
    footer: tuple[str, ...] | None = None  # a totals row, drawn bold-ruled
    empty_text: str = "（无）"
    font_size: float = 0.0  # 0: the page format's default
    row_padding: float = 0.0  # extra points above and below each row (room to write by hand)


@dataclass(frozen=True)
class Paragraph:
    text: str
    style: str = "body"  # body | lead | note | small | center
    # The text is plain: renderers escape it. ``emphasis`` are substrings drawn larger.
    emphasis: tuple[str, ...] = ()


@dataclass(frozen=True)
class Signatures:
    """Signature / seal lines at the foot of a form, e.g. ("经办人（签字）", "服务站（盖章）")."""

    labels: tuple[str, ...]
    date_line: bool = True


@dataclass(frozen=True)
class Spacer:
    height_mm: float = 4.0


@dataclass(frozen=True)
class PageBreak:
    pass


Block = FieldGrid | Table | Paragraph | Signatures | Spacer | PageBreak


@dataclass(frozen=True)
class DocumentContent:
    """One document for one person (or one list), ready to be numbered, signed and drawn.

    ``facts`` are the few things a reader would check against the paper (name, masked ID,
    the amounts); they are signed into the QR code so the county can show what was issued.
    ``as_of`` is the date the content describes (a reprint rebuilds as of the original date).
    """

    kind: str
    title: str
    blocks: tuple[Block, ...]
    facts: Mapping[str, str | int]
    page_format: PageFormat = PageFormat.A4
    person_id: str | None = None
    subtitle: str = ""
    as_of: str = ""  # ISO date
    # Shown under the title on every page: "姓名：黄秀英  身份证号：…" for multi-page documents.
    running_head: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)
