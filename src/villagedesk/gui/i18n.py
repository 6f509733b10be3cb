"""User-facing text: English source strings, Simplified Chinese by default (Qt .ts/.qm).

Every visible string goes through ``_()``. ``tools/i18n.py`` extracts them into
``resources/translations/villagedesk_zh_CN.ts`` and compiles the ``.qm`` that is loaded here;
a test fails when a string has no finished Chinese translation.
"""

from __future__ import annotations

from villagedesk.gui.qt import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from villagedesk.paths import resource_path

CONTEXT = "villagedesk"
LANGUAGES = {"zh_CN": "简体中文", "en": "English"}
DEFAULT_LANGUAGE = "zh_CN"

_installed: list[QTranslator] = []


def _(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def N_(text: str) -> str:
    """Marks a string for translation where it is defined; ``_()`` translates it when shown."""
    return text


def current_language() -> str:
    """The language the GUI shows now (what ``install_language`` last installed)."""
    return DEFAULT_LANGUAGE if _installed else "en"


def one_language(text: str) -> str:
    """The part of a bilingual label ("报表日期 report date", as the county's spreadsheets
    carry them) in the language the GUI shows; other text unchanged."""
    head, sep, tail = text.partition(" ")
    if not sep or not head or ord(head[0]) < 0x2E80 or not tail[:1].isascii():
        return text
    return head if current_language() != "en" else tail


def qm_path(language: str) -> str:
    return str(resource_path("translations", f"villagedesk_{language}.qm"))


def install_language(language: str) -> bool:
    """Switch the application's language; English needs no translator."""
    app = QCoreApplication.instance()
    if app is None:
        return False
    while _installed:
        app.removeTranslator(_installed.pop())
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return True
    translator = QTranslator(app)
    if not translator.load(qm_path(language)):
        return False
    app.installTranslator(translator)
    _installed.append(translator)
    # Qt's own texts (Yes/No/OK/Cancel of message boxes, edit menus) from PySide6's files.
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in ("qtbase", "qt"):
        own = QTranslator(app)
        if own.load(f"{name}_{language}", qt_dir):
            app.installTranslator(own)
            _installed.append(own)
            break
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    return True
