"""The interface language: which one is chosen, and installing its translations (ours and Qt's own)."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

from kongchuo_desktop.paths import resource

log = logging.getLogger(__name__)

# Simplified Chinese is the source language: it needs no file of ours, only Qt's own texts.
SOURCE_LANGUAGE = "zh_CN"
LANGUAGES: dict[str, str] = {"zh_CN": "简体中文", "en": "English"}
ENV_VAR = "KONGCHUO_LANG"
# What people (and the command line's --lang) may call a language, besides its code.
ALIASES = {"zh": "zh_CN", "zh-cn": "zh_CN", "zh_cn": "zh_CN", "cn": "zh_CN", "en_us": "en", "en-us": "en"}
# The translators installed by install_translator, so that a second call replaces them.
TRANSLATOR_NAME = "kongchuo-translator"


def normalize(code: object) -> str | None:
    """A known language code for `code` ("en", "zh", "zh_CN", …), or None."""
    text = str(code or "").strip()
    if text in LANGUAGES:
        return text
    return ALIASES.get(text.lower())


def current_language() -> str:
    """The chosen language: KONGCHUO_LANG when set to a known one, else the 设置 choice (ui/language),
    else Simplified Chinese."""
    chosen = normalize(os.environ.get(ENV_VAR))
    if chosen:
        return chosen
    from kongchuo_desktop.gui import ui_state

    return normalize(ui_state.settings().value(ui_state.LANGUAGE_KEY)) or SOURCE_LANGUAGE


def set_language(code: str) -> str:
    """Remember the language for the next start (ui/language); returns the normalized code.
    Raises ValueError for a language we do not ship."""
    chosen = normalize(code)
    if chosen is None:
        raise ValueError(f"unknown language: {code!r}")
    from kongchuo_desktop.gui import ui_state

    store = ui_state.settings()
    store.setValue(ui_state.LANGUAGE_KEY, chosen)
    store.sync()
    return chosen


def translation_file(code: str) -> Path:
    """Our compiled translation for a language: resources/translations/kongchuo_<code>.qm."""
    return resource("translations", f"kongchuo_{code}.qm")


def qt_translation_file(code: str) -> Path | None:
    """Qt's own translation qtbase_<code>.qm: where QLibraryInfo says, else beside the PySide6
    package (PyInstaller puts the wheel's translations in PySide6/Qt/translations, on Windows in
    PySide6/translations); None when there is none."""
    import PySide6

    package = Path(PySide6.__file__).resolve().parent
    folders = [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
               package / "Qt" / "translations", package / "translations"]  # fmt: skip
    return next((f / f"qtbase_{code}.qm" for f in folders if (f / f"qtbase_{code}.qm").is_file()), None)


def remove_translators(app: QCoreApplication) -> None:
    """Uninstall the translators install_translator put in (the interface falls back to Chinese)."""
    for old in app.findChildren(QTranslator, TRANSLATOR_NAME):
        app.removeTranslator(old)
        old.setObjectName("")  # deleted later: not found by the next call meanwhile
        old.deleteLater()


def _install(app: QCoreApplication, path: Path) -> bool:
    translator = QTranslator(app)
    translator.setObjectName(TRANSLATOR_NAME)
    if path.is_file() and translator.load(str(path)):
        app.installTranslator(translator)
        return True
    translator.deleteLater()
    return False


def install_translator(app: QCoreApplication, code: str | None = None) -> str:
    """Install the translations of `code` (default: current_language()) into the application:
    ours (none for Chinese, the source language) and Qt's own qtbase_<code>.qm, so that standard
    buttons and text-box menus speak the same language. Returns the language in use; a missing
    or unreadable file is logged and the app carries on in Chinese for those texts."""
    chosen = normalize(code) if code is not None else current_language()
    chosen = chosen or SOURCE_LANGUAGE
    remove_translators(app)
    if chosen != SOURCE_LANGUAGE:
        ours = translation_file(chosen)
        if not _install(app, ours):
            log.warning("translation %s could not be loaded; the interface stays in Chinese", ours)
            chosen = SOURCE_LANGUAGE
    qt_file = qt_translation_file(chosen)
    if qt_file is None or not _install(app, qt_file):
        log.info("Qt's own translation qtbase_%s.qm is not available", chosen)
    return chosen
