"""Preview, print and save the documents of issue 5: certificates, receipts, slips, lists.

The documents layer (``villagedesk.documents.api``, no Qt) makes the PDF; this module shows
it and sends it on:

* ``PrintPreviewDialog`` — page thumbnails and the page, zoom, Print…, Save as PDF…, Close.
  What it shows first is the 样张 preview: nothing is numbered or logged. Print… or Save as
  PDF… issues the document (numbers, signs and logs it, once per dialog) and from then on
  the dialog shows, prints and saves the issued pages.
* ``open_preview`` / ``open_reprint`` — build the preview in the background (a 500-slip batch
  takes seconds) under a cancellable progress dialog, then open the preview.
* ``print_certification_slips`` / ``print_worklist`` — the batch buttons of the certification
  queue and the home page.

PySide6-Essentials has no QtPdf, so the pages are rasterised by poppler's ``pdftoppm``
(bundled under ``resources/poppler/`` in a frozen build, else found on PATH) into QImages in
a worker thread, and printed as images of up to ``PRINT_DPI`` with QPainter on the QPrinter,
also in the worker (Qt allows painting on a QPrinter outside the GUI thread).

Numbering and logging is one database transaction in the documents layer: it cannot be
cancelled half-way, so its progress dialog has no Cancel button. Building the preview and
sending pages to the printer can be cancelled.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from villagedesk.documents.api import (
    PrintedRecord,
    PrintResult,
    preview_document,
    print_document,
    reprint_document,
)
from villagedesk.documents.registry import KINDS, DocumentRequest
from villagedesk.domain.errors import ValidationError
from villagedesk.gui.context import AppContext
from villagedesk.gui.i18n import N_, _
from villagedesk.gui.labels import rule_text
from villagedesk.gui.qt import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QIcon,
    QImage,
    QKeySequence,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMarginsF,
    QMessageBox,
    QPageLayout,
    QPageSize,
    QPainter,
    QPixmap,
    QPrintDialog,
    QPrinter,
    QProgressDialog,
    QPushButton,
    QRect,
    QScrollArea,
    QShortcut,
    QSize,
    QSizeF,
    Qt,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)
from villagedesk.gui.tasks import Cancelled, TaskHandle

PRINT_DPI = 300  # pages go to the printer as images of at most this resolution
SCREEN_DPI = 96  # zoom 100 %: the page at its paper size on an ordinary screen
THUMB_WIDTH = 90  # thumbnail width in screen pixels
THUMB_CHUNK = 20  # thumbnails rendered per background job
CACHE_PAGES = 12  # rendered pages kept for going back and forth
FIT_WIDTH, FIT_PAGE = "width", "page"
ZOOMS: tuple[tuple[str, str], ...] = (
    (FIT_WIDTH, N_("Fit width")),
    (FIT_PAGE, N_("Whole page")),
    ("0.5", "50 %"),
    ("0.75", "75 %"),
    ("1", "100 %"),
    ("1.25", "125 %"),
    ("1.5", "150 %"),
    ("2", "200 %"),
)

# What the clerk reads for each kind (the Chinese title is printed on the form itself).
KIND_LABELS: dict[str, str] = {
    "enrolment-certificate": N_("Enrolment certificate"),
    "contribution-receipt": N_("Contribution receipt"),
    "entitlement-statement": N_("Entitlement statement"),
    "certification-slip": N_("Survival-certification slip"),
    "certification-slips": N_("Survival-certification slips of a day"),
    "labour-card": N_("Labour registration card"),
    "referral-letter": N_("Referral letter"),
    "unemployment-estimate": N_("Unemployment-benefit estimate"),
    "home-visit-list": N_("Home-visit work-list"),
    "report-tables": N_("Report tables"),
}

# Why the documents layer could not make a document (rules it raises beyond labels.py's).
_DOCUMENT_RULES: dict[str, str] = {
    "no_certification": N_("no survival certification is recorded"),
    "no_contribution": N_("no contribution is recorded"),
    "no_labour_survey": N_("no labour survey is recorded"),
    "no_referral": N_("no referral is recorded"),
    "other_person": N_("belongs to another person"),
    "mismatch": N_("does not match the document printed before"),
    "type": N_("has the wrong format"),
}


def kind_text(code: str) -> str:
    label = KIND_LABELS.get(code)
    if label is not None:
        return _(label)
    kind = KINDS.get(code)
    return kind.title if kind is not None else code


def problem_text(exc: Exception) -> str:
    """What the clerk is told when a document cannot be made, printed or saved."""
    if isinstance(exc, ValidationError):
        reasons = []
        for e in exc.errors:
            rule = _DOCUMENT_RULES.get(e.rule)
            reasons.append(_(rule) if rule is not None else rule_text(e.rule) or e.message)
        return _("The document cannot be made: {reason}.").format(reason="; ".join(reasons))
    if isinstance(exc, PdfToolMissing):
        return _(
            "The pages cannot be shown or printed: the program {tool} (poppler) is missing. "
            "Save as PDF still works."
        ).format(tool=exc.tool)
    if isinstance(exc, PrinterFailed):
        return _("The printer could not be started.")
    return _("Something went wrong: {error}").format(error=exc)


def now_at_counter(ctx: AppContext) -> datetime:
    """The print time: the counter's date (``ctx.today``) at the clock's time of day."""
    return datetime.combine(ctx.today(), datetime.now().time().replace(microsecond=0))


# --------------------------------------------------------------------------- PDF pages


class PdfToolMissing(RuntimeError):
    def __init__(self, tool: str) -> None:
        super().__init__(f"{tool} is missing (poppler-utils)")
        self.tool = tool


class PrinterFailed(RuntimeError):
    """QPainter could not begin on the printer (no printer, file not writable…)."""


_NO_WINDOW = getattr(subprocess, "CREATE_NO_WINDOW", 0)  # no console flashing on Windows


def _tool(name: str) -> str:
    from villagedesk.paths import resource_path

    exe = name + (".exe" if sys.platform == "win32" else "")
    bundled = resource_path("poppler", exe)
    if bundled.is_file():
        return str(bundled)
    found = shutil.which(name)
    if found is None:
        raise PdfToolMissing(name)
    return found


def _run(args: Sequence[str]) -> bytes:
    out = subprocess.run(
        list(args), capture_output=True, check=True, timeout=300, creationflags=_NO_WINDOW
    )
    return out.stdout


_PAGE_SIZE = re.compile(r"^Page\s+(\d+)\s+size:\s+([\d.]+)\s+x\s+([\d.]+)\s+pts", re.M)
_PAGES = re.compile(r"^Pages:\s+(\d+)", re.M)


@dataclass(frozen=True)
class PageSize:
    width_pt: float
    height_pt: float

    @property
    def landscape(self) -> bool:
        return self.width_pt > self.height_pt


class PdfFile:
    """A PDF in its own temporary folder, with its pages' sizes; renders pages to QImages.

    No widgets: made and used in worker threads (QImage, not QPixmap, off the GUI thread).
    """

    def __init__(self, pdf: bytes) -> None:
        self.data = pdf
        self._dir = tempfile.TemporaryDirectory(prefix="villagedesk-", ignore_cleanup_errors=True)
        self.path = Path(self._dir.name) / "document.pdf"
        self.path.write_bytes(pdf)
        self.sizes = self._read_sizes()

    @property
    def pages(self) -> int:
        return len(self.sizes)

    def _read_sizes(self) -> list[PageSize]:
        text = _run([_tool("pdfinfo"), "-f", "1", "-l", "100000", str(self.path)])
        info = text.decode("utf-8", errors="replace")
        count = _PAGES.search(info)
        sizes = {int(m[1]): PageSize(float(m[2]), float(m[3])) for m in _PAGE_SIZE.finditer(info)}
        pages = int(count[1]) if count else len(sizes)
        a4 = PageSize(595.28, 841.89)
        return [sizes.get(n, sizes.get(1, a4)) for n in range(1, pages + 1)]

    def render(self, first: int, last: int, dpi: int, *, gray: bool = False) -> list[QImage]:
        """Pages ``first``..``last`` (0-based, inclusive) at ``dpi``."""
        with tempfile.TemporaryDirectory(
            prefix="pages-", dir=self._dir.name, ignore_cleanup_errors=True
        ) as out:
            args = [_tool("pdftoppm"), "-r", str(dpi), "-f", str(first + 1), "-l", str(last + 1)]
            if gray:
                args.append("-gray")
            _run([*args, str(self.path), os.path.join(out, "p")])
            images = []
            for name in sorted(os.listdir(out)):
                image = QImage(os.path.join(out, name))
                if image.isNull():
                    raise RuntimeError(f"pdftoppm wrote an unreadable page: {name}")
                images.append(image)
        return images

    def close(self) -> None:
        self._dir.cleanup()


def page_layout(size: PageSize) -> QPageLayout:
    """The paper of a page (A4, A5… recognised), its orientation, no margins."""
    short, long = sorted((size.width_pt, size.height_pt))
    paper = QPageSize(QSizeF(short, long), QPageSize.Unit.Point, "")
    orientation = (
        QPageLayout.Orientation.Landscape if size.landscape else QPageLayout.Orientation.Portrait
    )
    return QPageLayout(paper, orientation, QMarginsF(0, 0, 0, 0))


def page_rect(size: PageSize, paper: QRect, resolution: int) -> QRect:
    """Where a page goes on the paper (device pixels): its own size at the top left, or
    shrunk to fit when the paper is smaller."""
    width = size.width_pt / 72 * resolution
    height = size.height_pt / 72 * resolution
    scale = min(1.0, paper.width() / width, paper.height() / height)
    return QRect(paper.left(), paper.top(), round(width * scale), round(height * scale))


def print_pages(
    document: PdfFile, printer: QPrinter, pages: Sequence[int], handle: TaskHandle
) -> int:
    """Paint ``pages`` on ``printer`` (in a worker); Cancel aborts the print job."""
    resolution = printer.resolution()
    dpi = min(resolution, PRINT_DPI)
    gray = printer.colorMode() == QPrinter.ColorMode.GrayScale
    paper = printer.pageLayout().fullRectPixels(resolution)
    painter = QPainter()
    if not painter.begin(printer):
        raise PrinterFailed()
    try:
        for n, page in enumerate(pages):
            handle.report(n, len(pages), "")
            image = document.render(page, page, dpi, gray=gray)[0]
            if n:
                printer.newPage()
            painter.drawImage(page_rect(document.sizes[page], paper, resolution), image)
        handle.report(len(pages), len(pages), "")
    except Cancelled:
        printer.abort()
        raise
    finally:
        painter.end()
    return len(pages)


# --------------------------------------------------------------------------- background work


def run_with_progress(
    ctx: AppContext,
    parent: QWidget | None,
    job: Callable[[TaskHandle], Any],
    *,
    title: str,
    label: Callable[[int, int], str],
    on_done: Callable[[Any], None],
    cancellable: bool = True,
    on_failed: Callable[[Exception], None] | None = None,
) -> TaskHandle:
    """Run ``job`` in ``ctx.tasks`` under a progress dialog; a result that arrives after
    Cancel is dropped, a failure is told to the clerk (``on_failed`` is called after)."""
    progress = QProgressDialog(label(0, 0), _("Cancel") if cancellable else "", 0, 0, parent)
    progress.setObjectName("printProgress")
    progress.setWindowTitle(title)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(300)
    progress.setAutoClose(False)
    progress.setAutoReset(False)
    if not cancellable:
        progress.setCancelButton(None)
    state: dict[str, Any] = {"handle": None, "cancelled": False, "open": True}

    def finish() -> None:
        if state["open"]:
            state["open"] = False
            try:
                progress.close()
                progress.deleteLater()
            except RuntimeError:  # its window was closed (and deleted) meanwhile
                pass

    def cancel() -> None:
        if not state["open"]:  # closing the dialog when done emits canceled too
            return
        state["cancelled"] = True
        if state["handle"] is not None:
            state["handle"].cancel()
        finish()

    def done(result: Any) -> None:
        finish()
        if not state["cancelled"]:
            on_done(result)

    def failed(exc: Exception) -> None:
        finish()
        if not isinstance(exc, Cancelled) and not state["cancelled"]:
            QMessageBox.warning(parent, title, problem_text(exc))
        if on_failed is not None:
            on_failed(exc)

    def moved(done_: int, total: int, _text: str) -> None:
        if state["open"]:
            progress.setMaximum(total)
            progress.setValue(done_)
            progress.setLabelText(label(done_, total))

    def started(handle: TaskHandle) -> Any:  # the handle is known from the job's first step
        state["handle"] = handle
        if state["cancelled"]:
            raise Cancelled()
        return job(handle)

    progress.canceled.connect(cancel)
    handle = ctx.tasks.start(started, on_done=done, on_error=failed, on_progress=moved)
    state["handle"] = handle
    return handle


# --------------------------------------------------------------------------- the dialog

Issuer = Callable[[], PrintResult]
_OPEN: set[PrintPreviewDialog] = set()  # preview dialogs without a parent stay alive here


class PrintPreviewDialog(QDialog):
    """The pages, then Print… (system printer dialog), Save as PDF… or Close."""

    issued = Signal(object)  # the PrintResult, once the document is numbered and logged

    def __init__(
        self,
        ctx: AppContext,
        document: PdfFile,
        *,
        title: str,
        issue: Issuer | None,
        file_stem: str,
        note: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("printPreview")
        self.ctx = ctx
        self.document = document
        self.issue = issue
        self.printed: PrintResult | None = None
        self.file_stem = file_stem
        self.note = note
        self.current = 0
        self._closed = False
        self._busy = False  # issuing or printing: no second Print/Save, no Close
        self._generation = 0  # bumped when the pages shown change (issued)
        self._cache: dict[tuple[int, int, int], QImage] = {}
        self._rendering: tuple[int, int, int] | None = None
        self.setWindowTitle(_("Preview: {title}").format(title=title))
        self.setSizeGripEnabled(True)

        self.thumbs = QListWidget()
        self.thumbs.setObjectName("pageThumbnails")
        self.thumbs.setIconSize(QSize(THUMB_WIDTH, round(THUMB_WIDTH * 1.42)))
        self.thumbs.setFixedWidth(THUMB_WIDTH + 56)
        self.thumbs.setSpacing(4)
        self.thumbs.setViewMode(QListWidget.ViewMode.IconMode)  # the number under the page
        self.thumbs.setFlow(QListWidget.Flow.TopToBottom)
        self.thumbs.setWrapping(False)
        self.thumbs.setMovement(QListWidget.Movement.Static)
        self.thumbs.currentRowChanged.connect(self.show_page)
        self.page_image = QLabel()
        self.page_image.setObjectName("pageImage")
        self.page_image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.scroll = QScrollArea()
        self.scroll.setObjectName("pageScroll")
        self.scroll.setWidget(self.page_image)
        self.scroll.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.scroll.viewport().setStyleSheet("background: #8c8c8c;")  # paper on a grey desk
        self.scroll.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        self.page_info = QLabel()
        self.page_info.setObjectName("pageInfo")
        self.zoom_label = QLabel(_("&Zoom"))
        self.zoom = QComboBox()
        self.zoom.setObjectName("zoom")
        for code, text in ZOOMS:
            self.zoom.addItem(_(text), code)
        self.zoom_label.setBuddy(self.zoom)
        self.zoom.currentIndexChanged.connect(lambda _i: self.render_current())
        top = QHBoxLayout()
        top.addWidget(self.page_info)
        top.addStretch(1)
        top.addWidget(self.zoom_label)
        top.addWidget(self.zoom)

        self.status = QLabel()
        self.status.setObjectName("printStatus")
        self.status.setWordWrap(True)
        self.print_button = QPushButton(_("&Print…"))
        self.print_button.setObjectName("printButton")
        self.save_button = QPushButton(_("Save as P&DF…"))
        self.save_button.setObjectName("savePdfButton")
        self.close_button = QPushButton(_("&Close"))
        self.close_button.setObjectName("closeButton")
        buttons = QDialogButtonBox()
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.print_button.setDefault(True)
        self.print_button.clicked.connect(self.print_)
        self.save_button.clicked.connect(self.save_pdf)
        buttons.rejected.connect(self.reject)

        pages = QHBoxLayout()
        pages.addWidget(self.thumbs)
        pages.addWidget(self.scroll, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(pages, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)

        keys: list[tuple[str, Callable[[], None]]] = [
            ("PgDown", lambda: self.show_page(self.current + 1)),
            ("PgUp", lambda: self.show_page(self.current - 1)),
            ("Ctrl+Home", lambda: self.show_page(0)),
            ("Ctrl+End", lambda: self.show_page(self.document.pages - 1)),
            ("Ctrl++", lambda: self.step_zoom(1)),
            ("Ctrl+=", lambda: self.step_zoom(1)),
            ("Ctrl+-", lambda: self.step_zoom(-1)),
            ("Ctrl+P", self.print_),
            ("Ctrl+S", self.save_pdf),
        ]
        for key, slot in keys:
            QShortcut(QKeySequence(key), self, slot)
        self._resize_timer = QTimer(self)
        self._resize_timer.setSingleShot(True)
        self._resize_timer.setInterval(120)
        self._resize_timer.timeout.connect(self.render_current)
        self.finished.connect(self._on_finished)

        screen = self.screen().availableGeometry() if self.screen() else QRect(0, 0, 1280, 900)
        self.resize(min(1100, screen.width() - 80), min(900, screen.height() - 80))
        self._fill_pages()
        self._show_status()
        self.thumbs.setFocus()
        _OPEN.add(self)

    # -- pages --------------------------------------------------------------------------------
    @property
    def pages(self) -> int:
        return self.document.pages

    def _fill_pages(self) -> None:
        self.thumbs.blockSignals(True)
        self.thumbs.clear()
        blank = QPixmap(self.thumbs.iconSize())
        blank.fill(Qt.GlobalColor.white)
        for n in range(self.pages):
            item = QListWidgetItem(QIcon(blank), str(n + 1))
            item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter)
            item.setToolTip(_("Page {n}").format(n=n + 1))
            self.thumbs.addItem(item)
        self.thumbs.blockSignals(False)
        self.current = min(self.current, max(self.pages - 1, 0))
        self.thumbs.setCurrentRow(self.current)
        self.show_page(self.current)
        self._render_thumbnails(0, self._generation)

    def show_page(self, page: int) -> None:
        if self.pages == 0:
            return
        page = max(0, min(page, self.pages - 1))
        self.current = page
        if self.thumbs.currentRow() != page:
            self.thumbs.setCurrentRow(page)
        self.page_info.setText(_("Page {n} of {total}").format(n=page + 1, total=self.pages))
        self.render_current()

    def zoom_factor(self) -> float:
        code = str(self.zoom.currentData())
        size = self.document.sizes[self.current]
        width = size.width_pt / 72 * SCREEN_DPI
        height = size.height_pt / 72 * SCREEN_DPI
        room = self.scroll.viewport().size()
        if code == FIT_WIDTH:
            return max(0.1, (room.width() - 24) / width)
        if code == FIT_PAGE:
            return max(0.1, min((room.width() - 24) / width, (room.height() - 24) / height))
        return float(code)

    def step_zoom(self, step: int) -> None:
        fixed = [i for i, (code, _t) in enumerate(ZOOMS) if code not in (FIT_WIDTH, FIT_PAGE)]
        factor = self.zoom_factor()
        values = [float(ZOOMS[i][0]) for i in fixed]
        if step > 0:
            bigger = [i for i, v in zip(fixed, values, strict=True) if v > factor + 0.01]
            target = bigger[0] if bigger else fixed[-1]
        else:
            smaller = [i for i, v in zip(fixed, values, strict=True) if v < factor - 0.01]
            target = smaller[-1] if smaller else fixed[0]
        self.zoom.setCurrentIndex(target)

    def _dpi(self) -> int:
        return max(20, min(600, round(SCREEN_DPI * self.zoom_factor() * self.devicePixelRatio())))

    def render_current(self) -> None:
        """Show the current page at the zoom's resolution (rendered in the background)."""
        if self._closed or self.pages == 0 or not self.isVisible():
            return
        key = (self._generation, self.current, self._dpi())
        image = self._cache.get(key)
        if image is not None:
            self._display(image)
            return
        if self._rendering == key:
            return
        self._rendering = key
        document, page, dpi = self.document, self.current, key[2]

        def job(_handle: TaskHandle) -> QImage:
            return document.render(page, page, dpi)[0]

        self.ctx.tasks.start(
            job,
            on_done=lambda image: self._rendered(key, image),
            on_error=lambda exc: self._render_failed(key, exc),
        )

    def _rendered(self, key: tuple[int, int, int], image: QImage) -> None:
        if self._closed:
            return
        if self._rendering == key:
            self._rendering = None
        if len(self._cache) >= CACHE_PAGES:
            self._cache.pop(next(iter(self._cache)))
        self._cache[key] = image
        if key == (self._generation, self.current, self._dpi()):
            self._display(image)
        else:
            self.render_current()

    def _render_failed(self, key: tuple[int, int, int], exc: Exception) -> None:
        if self._closed or key[0] != self._generation:
            return
        if self._rendering == key:
            self._rendering = None
        self.page_image.setPixmap(QPixmap())
        self.page_image.setWordWrap(True)
        self.page_image.setText(problem_text(exc))
        self.page_image.resize(self.scroll.viewport().size())

    def _display(self, image: QImage) -> None:
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(self.devicePixelRatio())
        self.page_image.setPixmap(pixmap)
        self.page_image.adjustSize()

    def _render_thumbnails(self, first: int, generation: int) -> None:
        """Thumbnails a chunk at a time, each chunk a background job, until all are shown."""
        if self._closed or generation != self._generation or first >= self.pages:
            return
        last = min(first + THUMB_CHUNK, self.pages) - 1
        document = self.document
        dpi = max(8, round(THUMB_WIDTH * self.devicePixelRatio() * 72 / document.sizes[0].width_pt))

        def job(_handle: TaskHandle) -> list[QImage]:
            return document.render(first, last, dpi)

        def done(images: list[QImage]) -> None:
            if self._closed or generation != self._generation:
                return
            for n, image in enumerate(images):
                item = self.thumbs.item(first + n)
                if item is not None:
                    pixmap = QPixmap.fromImage(image)
                    pixmap.setDevicePixelRatio(self.devicePixelRatio())
                    icon = QIcon(pixmap)
                    icon.addPixmap(pixmap, QIcon.Mode.Selected)  # not tinted when current
                    item.setIcon(icon)
            self._render_thumbnails(last + 1, generation)

        self.ctx.tasks.start(job, on_done=done, on_error=lambda _exc: None)

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.render_current()

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        if str(self.zoom.currentData()) in (FIT_WIDTH, FIT_PAGE):
            self._resize_timer.start()

    # -- issuing, printing, saving -------------------------------------------------------
    def _show_status(self) -> None:
        if self.printed is not None:
            docs = self.printed.documents
            serials = docs[0].serial if len(docs) == 1 else f"{docs[0].serial} – {docs[-1].serial}"
            text = _("Numbered and logged: {n} document(s), {serials}.").format(
                n=len(docs), serials=serials
            )
            if docs[0].reprint_of:
                text += " " + _("Marked 补打 (reprint).")
        elif self.issue is None:
            text = ""
        else:
            text = _(
                "Preview (样张): {pages} page(s). Nothing is numbered or logged until you print "
                "or save."
            ).format(pages=self.pages)
        self.status.setText(" ".join(t for t in (self.note, text) if t))

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        if not self._closed:
            self.print_button.setEnabled(not busy)
            self.save_button.setEnabled(not busy)

    def reject(self) -> None:
        if not self._busy:  # the pages are being logged or printed: wait for it
            super().reject()

    def _with_issued(self, then: Callable[[], None]) -> None:
        """Number, sign and log the document if not done yet, then ``then()``."""
        if self.issue is None or self.printed is not None:
            then()
            return
        issue = self.issue
        self.set_busy(True)

        def job(_handle: TaskHandle) -> tuple[PrintResult, PdfFile]:
            result = issue()
            return result, PdfFile(result.pdf)

        def done(value: tuple[PrintResult, PdfFile]) -> None:
            result, document = value
            self.set_busy(False)
            self.printed = result
            self._use_document(document)
            self.file_stem = result.documents[0].serial
            self._show_status()
            self.issued.emit(result)
            self.ctx.events.data_changed.emit()
            then()

        run_with_progress(
            self.ctx,
            self,
            job,
            title=self.windowTitle(),
            label=lambda _d, _t: _("Numbering, signing and logging…"),
            on_done=done,
            cancellable=False,
            on_failed=lambda _exc: self.set_busy(False),
        )

    def _use_document(self, document: PdfFile) -> None:
        old, self.document = self.document, document
        self._generation += 1
        self._cache.clear()
        self._rendering = None
        self._fill_pages()
        if old is not document:
            old.close()

    def ask_printer(self) -> QPrinter | None:
        """The system's printer dialog on a printer set to the document's paper."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self.prepare_printer(printer)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(_("Print"))
        dialog.setMinMax(1, max(self.pages, 1))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return printer

    def prepare_printer(self, printer: QPrinter) -> None:
        if self.pages:
            printer.setPageLayout(page_layout(self.document.sizes[0]))
        printer.setFullPage(True)
        printer.setDocName(self.file_stem)
        printer.setCreator("villagedesk")

    def pages_to_print(self, printer: QPrinter) -> list[int]:
        if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
            first = max(printer.fromPage(), 1)
            last = min(printer.toPage() or self.pages, self.pages)
            return list(range(first - 1, last))
        return list(range(self.pages))

    def print_(self) -> None:
        if self._busy:
            return
        printer = self.ask_printer()
        if printer is not None:
            self._with_issued(lambda: self.print_to(printer))

    def print_to(self, printer: QPrinter) -> TaskHandle:
        """Send the (issued) pages to ``printer`` in the background, with progress."""
        printer.setFullPage(True)  # pages are placed on the paper, margins and all
        pages = self.pages_to_print(printer)
        document = self.document
        where = printer.printerName() or printer.outputFileName()
        self.set_busy(True)

        def done(count: int) -> None:
            self.set_busy(False)
            if not self._closed:
                self._show_status()
                self.status.setText(
                    self.status.text()
                    + " "
                    + _("{n} page(s) sent to {printer}.").format(n=count, printer=where)
                )

        def failed(exc: Exception) -> None:
            self.set_busy(False)
            if not self._closed and isinstance(exc, Cancelled):
                self._show_status()
                self.status.setText(self.status.text() + " " + _("Printing cancelled."))

        return run_with_progress(
            self.ctx,
            self,
            lambda handle: print_pages(document, printer, pages, handle),
            title=_("Print"),
            label=lambda n, total: _("Printing page {n} of {total}…").format(
                n=min(n + 1, total or len(pages)), total=total or len(pages)
            ),
            on_done=done,
            on_failed=failed,
        )

    def ask_save_path(self) -> Path | None:
        start = Path.home() / "Documents"
        if not start.is_dir():
            start = Path.home()
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Save as PDF"), str(start / f"{self.file_stem}.pdf"), _("PDF files (*.pdf)")
        )
        if not name:
            return None
        path = Path(name)
        return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")

    def save_pdf(self) -> None:
        if self._busy:
            return
        path = self.ask_save_path()
        if path is not None:
            self._with_issued(lambda: self.write_to(path))

    def write_to(self, path: Path) -> None:
        try:
            if self.printed is not None:
                self.printed.write(path)
            else:
                path.write_bytes(self.document.data)
        except OSError as exc:
            QMessageBox.warning(
                self,
                _("Save as PDF"),
                _("The file could not be written: {error}").format(error=exc.strerror or exc),
            )
            return
        self._show_status()
        self.status.setText(self.status.text() + " " + _("Saved to {path}.").format(path=path))

    def _on_finished(self, _code: int) -> None:
        self._closed = True
        self._resize_timer.stop()
        self.document.close()
        _OPEN.discard(self)
        self.deleteLater()  # late results of page renders see ``_closed`` and are dropped


# --------------------------------------------------------------------------- opening


def _title(request: DocumentRequest) -> str:
    kind = KINDS.get(request.kind)
    return f"{kind_text(request.kind)} — {kind.title}" if kind is not None else request.kind


def open_preview(
    ctx: AppContext,
    parent: QWidget | None,
    request: DocumentRequest,
    *,
    issue: Issuer | None = None,
    note: str = "",
    on_shown: Callable[[PrintPreviewDialog], None] | None = None,
) -> TaskHandle:
    """Build the 样张 preview of ``request`` in the background, then open the dialog, whose
    Print/Save issues the document (``print_document`` unless ``issue`` says otherwise)."""
    db, clerk = ctx.db, ctx.user
    now = now_at_counter(ctx)
    title = _title(request)

    def build(handle: TaskHandle) -> PdfFile:
        pdf = preview_document(db=db, request=request, clerk=clerk, now=now)
        handle.report(1, 2, "")  # a Cancel pressed meanwhile stops here
        return PdfFile(pdf)

    def print_it() -> PrintResult:
        return print_document(db=db, request=request, clerk=clerk, now=now_at_counter(ctx))

    def show(document: PdfFile) -> None:
        stem = f"{request.kind}-{(request.on or ctx.today()).isoformat()}"
        dialog = PrintPreviewDialog(
            ctx,
            document,
            title=title,
            issue=issue or print_it,
            file_stem=stem,
            note=note,
            parent=parent,
        )
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        if on_shown is not None:
            on_shown(dialog)

    return run_with_progress(
        ctx,
        parent,
        build,
        title=title,
        label=lambda _d, _t: _("Preparing the preview…"),
        on_done=show,
    )


def open_reprint(
    ctx: AppContext,
    parent: QWidget | None,
    record: PrintedRecord,
    request: DocumentRequest,
    *,
    original_on: date | None = None,
    on_shown: Callable[[PrintPreviewDialog], None] | None = None,
) -> TaskHandle:
    """Preview a document printed before as of its date; Print/Save reprints it (补打, a new
    serial pointing at the original). ``request`` gives what the log does not keep."""
    db, clerk = ctx.db, ctx.user
    base = replace(request, kind=record.kind, person_id=record.person_id)

    def reprint() -> PrintResult:
        return reprint_document(
            db=db, serial=record.serial, clerk=clerk, now=now_at_counter(ctx), request=base
        )

    shown_as_of = replace(base, on=original_on or record.printed_at.date())
    note = _("Reprint (补打) of {serial}, printed {date}.").format(
        serial=record.serial, date=record.printed_at.strftime("%Y-%m-%d %H:%M")
    )
    return open_preview(ctx, parent, shown_as_of, issue=reprint, note=note, on_shown=on_shown)


def print_certification_slips(
    ctx: AppContext,
    parent: QWidget | None,
    on: date,
    *,
    on_shown: Callable[[PrintPreviewDialog], None] | None = None,
) -> TaskHandle:
    """A slip for every certification made on ``on``, in one PDF (the queue's batch button)."""
    request = DocumentRequest(kind="certification-slips", on=on)
    return open_preview(ctx, parent, request, on_shown=on_shown)


def print_worklist(
    ctx: AppContext,
    parent: QWidget | None,
    on: date,
    codes: Sequence[str] = (),
    *,
    on_shown: Callable[[PrintPreviewDialog], None] | None = None,
) -> TaskHandle:
    """The home-visit list of ``on`` for the work-lists ``codes`` (all visit lists if none)."""
    request = DocumentRequest(kind="home-visit-list", on=on, lists=tuple(codes))
    return open_preview(ctx, parent, request, on_shown=on_shown)


__all__ = [
    "KIND_LABELS",
    "PdfFile",
    "PdfToolMissing",
    "PrintPreviewDialog",
    "kind_text",
    "open_preview",
    "open_reprint",
    "page_layout",
    "print_certification_slips",
    "print_pages",
    "print_worklist",
    "run_with_progress",
]
