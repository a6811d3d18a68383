"""Pick a pupil by typing in a line edit: name, pinyin (全拼 or 首字母) or ID; matches pop up below."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCompleter, QLineEdit

from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.errors import ServiceError
from kongchuo_desktop.services.pupil_search import PupilHit, search_pupils
from kongchuo_desktop.store.database import Database


class PupilPicker(QObject):
    """Turns a QLineEdit into a pupil search: results appear in a popup (arrow keys + Enter, or a
    click), and `picked(PupilHit)` says which pupil was chosen.

    hits: the pupils in the popup, in order; chosen: the pupil picked last (None after editing).
    """

    picked = Signal(object)
    DELAY_MS = 150

    def __init__(self, edit: QLineEdit, db: Database, actor: Actor) -> None:
        super().__init__(edit)
        self.edit = edit
        self._db = db
        self._actor = actor
        self.hits: list[PupilHit] = []
        self.chosen: PupilHit | None = None
        self._model = QStringListModel(self)
        self.completer = QCompleter(self._model, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setWidget(edit)
        self.completer.activated[QModelIndex].connect(self._activated)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(self.DELAY_MS)
        self._timer.timeout.connect(self.search_now)
        edit.textEdited.connect(self._edited)
        edit.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 — Qt API
        """Enter in the search picks the only match and goes no further (it must not also press the
        dialog's default button and save before the rest of the form is filled in)."""
        if (
            watched is self.edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.chosen is None
        ):
            self._return_pressed()
            return True
        return super().eventFilter(watched, event)

    def _edited(self, _text: str) -> None:
        self.chosen = None
        self._timer.start()

    def search_now(self) -> list[PupilHit]:
        """Search for the text typed so far and show the matches."""
        self._timer.stop()
        text = self.edit.text()
        try:
            self.hits = search_pupils(self._db, self._actor, text) if text.strip() else []
        except ServiceError:
            self.hits = []
        self._model.setStringList([hit.label for hit in self.hits])
        if self.hits and self.edit.hasFocus():
            self.completer.complete()
        return self.hits

    def _return_pressed(self) -> None:
        # Enter with a single match picks it without opening the list.
        if self.chosen is None:
            hits = self.search_now() if self._timer.isActive() or not self.hits else self.hits
            if len(hits) == 1:
                self.pick(hits[0])

    def _activated(self, index: QModelIndex) -> None:
        row = index.row()
        if 0 <= row < len(self.hits):
            self.pick(self.hits[row])

    def pick(self, hit: PupilHit) -> None:
        """Choose a pupil (shows the name in the edit)."""
        self.chosen = hit
        self.completer.popup().hide()
        self.edit.setText(hit.name)
        self.picked.emit(hit)
