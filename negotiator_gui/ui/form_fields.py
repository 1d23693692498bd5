"""Form fields: one record field bound to one widget, committed as one change, and the
widgets the inspector's forms share (choice combos, check lists, multi-line text)."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QWheelEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from negotiator_gui.domain.changes import ChangeSet
from negotiator_gui.domain.errors import NegotiatorError, Problem
from negotiator_gui.ui.palette import is_dark
from negotiator_gui.ui.session import ProjectSession


class _Mixed:
    """The value of a field that differs between the selected events."""

    def __repr__(self) -> str:
        return "MIXED"


MIXED: Any = _Mixed()
_UNKNOWN: Any = object()  # no value known to be shown


@dataclass
class FieldBinding:
    """One record field shown in one widget, with the label that reports its errors."""

    name: str
    noun: str
    widget: QWidget
    read: Callable[[], Any]
    write: Callable[[Any], None]
    typing: Callable[[], bool]
    error: QLabel
    row: QWidget | None = None

    def busy(self) -> bool:
        """True while the widget holds something the user typed and has not kept."""
        return self.typing() or bool(self.error.text())

    def shows(self, value: Any) -> bool:
        """True when the widget already shows `value`."""
        try:
            return self.read() == value
        except NegotiatorError:
            return False

    def show_error(self, text: str) -> None:
        """Say in red beside the field what is wrong."""
        self.error.setText(text)
        self.error.setVisible(True)

    def clear_error(self) -> None:
        """Take the error away."""
        self.error.setText("")
        self.error.setVisible(False)


class FieldForm(QWidget):
    """A form whose fields each commit one change through the session.

    Subclasses build fields with `bind` and `add_row`, and say with
    `change_for` what setting a field means; this class reads the widget,
    shows problems, applies the change and keeps what the user typed when the
    change is refused.
    """

    def __init__(self, session: ProjectSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.fields: dict[str, FieldBinding] = {}
        self._loading = False
        self._committing = False
        self._shown = 0  # counts full loads: a write after apply must be for the same record
        # What each field was last loaded with, while nothing else has changed its widget
        # since (an edit, a refill of its choices): loading it again can be skipped.
        self._known: dict[str, Any] = {}

    def bind(self, name: str, noun: str, widget: QWidget, read: Callable[[], Any],
             write: Callable[[Any], None], signal: Any,
             typing: Callable[[], bool] = lambda: False) -> FieldBinding:
        """Tie record field `name` to `widget`; `signal` fires when the user commits."""
        error = QLabel()
        error.setTextFormat(Qt.TextFormat.PlainText)
        error.setWordWrap(True)
        error.setStyleSheet(f"color: {'#ff7b72' if is_dark() else '#b3261e'}")
        error.setVisible(False)
        binding = FieldBinding(name, noun, widget, read, write, typing, error)
        signal.connect(lambda *_: self._on_field_edited(name))
        self.fields[name] = binding
        return binding

    def add_row(self, form: QFormLayout, label: str, binding: FieldBinding) -> None:
        """Add the field and its error label to `form`, under `label` (with a mnemonic)."""
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(binding.widget)
        layout.addWidget(binding.error)
        binding.row = box
        name = label.replace("&", "") or getattr(binding.widget, "text", lambda: "")()
        binding.widget.setAccessibleName(name.replace("&", ""))
        binding.error.setAccessibleName(fill(self.tr("Problem with %1"), binding.noun))
        if label:
            buddy = QLabel(label)
            buddy.setBuddy(binding.widget)
            form.addRow(buddy, box)
        else:
            form.addRow("", box)

    def load(self, values: dict[str, Any], force: bool) -> None:
        """Show `values`; unless `force`, leave alone fields the user is typing in."""
        self._loading = True
        self._shown += bool(force)
        if force:
            self._known.clear()
        try:
            for name, value in values.items():
                binding, known = self.fields[name], self._known.get(name, _UNKNOWN)
                if force:
                    binding.clear_error()
                elif known == value or binding.busy():
                    continue  # shown as loaded and untouched since, or being typed in
                # A field known to show another value needs no reading to know it differs.
                if force or known is not _UNKNOWN or not binding.shows(value):
                    binding.write(value)
                self._known[name] = value
        finally:
            self._loading = False

    def forget_shown(self) -> None:
        """Load every field again next time: something else changed the widgets
        (call before refilling their choices)."""
        self._known.clear()

    def commit_typing(self) -> None:
        """Keep whatever was typed and not yet committed."""
        for name, binding in self.fields.items():
            if binding.typing() and not binding.error.text():
                self._on_field_edited(name)

    def error_text(self, name: str) -> str:
        """The problem shown beside field `name`, or ''."""
        return self.fields[name].error.text()

    def change_for(self, name: str, value: Any) -> tuple[ChangeSet, str] | Problem | None:
        """The change (and its undo name) setting `name` to `value`; a Problem; or None
        when nothing would change."""
        raise NotImplementedError

    def problem_text(self, problem: Problem) -> str:
        """A sentence for the user about `problem`."""
        return problem.message

    def _on_field_edited(self, name: str) -> None:
        self._known.pop(name, None)  # the widget may now show something else
        if self._loading or self._committing or not self.session.editable:
            return
        binding = self.fields[name]
        try:
            value = binding.read()
        except NegotiatorError as exc:
            binding.show_error(str(exc))
            return
        outcome = None if value is MIXED else self.change_for(name, value)
        if isinstance(outcome, Problem):
            binding.show_error(self.problem_text(outcome))
            return
        binding.clear_error()
        if outcome is not None:
            self._apply(binding, value, *outcome)

    def _apply(self, binding: FieldBinding, value: Any, changes: ChangeSet, text: str) -> None:
        self._committing = True
        shown = self._shown
        try:
            written = self.session.apply(changes, text)
        finally:
            self._committing = False
        # Not written: what the user typed stays, still marked as typed. Written: show
        # the kept form, unless the form has meanwhile moved on to another record.
        if written and shown == self._shown:
            self._loading = True
            try:
                binding.write(value)
            finally:
                self._loading = False


class ChoiceCombo(QComboBox):
    """A combo box of (id, label) choices; shows 'Mixed' when the events differ."""

    def __init__(self, empty_label: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.empty_label = empty_label
        self._choices: list[tuple[str, str]] = []
        self.setPlaceholderText(self.tr("Mixed"))
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(8)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def set_choices(self, choices: list[tuple[str, str]]) -> None:
        """Offer `choices`, keeping the current value where it is still offered."""
        if self.empty_label is not None:
            choices = [("", self.empty_label), *choices]
        if choices == self._choices:
            return
        value = self.value()
        self.blockSignals(True)
        self.clear()
        for key, label in choices:
            self.addItem(label, key)
        self._choices = choices
        self.set_value(value)
        self.blockSignals(False)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.hasFocus():
            super().wheelEvent(event)
        else:  # scrolling the panel must not change the value under the pointer
            event.ignore()

    def value(self) -> Any:
        """The chosen id, or MIXED when nothing is chosen."""
        return MIXED if self.currentIndex() < 0 else self.currentData()

    def set_value(self, value: Any) -> None:
        """Choose `value` (MIXED or an id not offered: choose nothing)."""
        self.setCurrentIndex(-1 if value is MIXED else self.findData(value))


class CompactList(QListWidget):
    """A list as tall as its first `max_rows` rows (at least two), not a fixed 256 pixels."""

    def __init__(self, max_rows: int = 5, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.max_rows = max_rows
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)  # re-wrap rows to the new width

    def sizeHint(self) -> QSize:
        rows = min(self.count(), self.max_rows)
        height = sum(self._row_height(r) for r in range(rows))
        height += (self.fontMetrics().height() + 6) * max(0, 2 - rows)
        return QSize(super().sizeHint().width(), height + 2 * self.frameWidth())

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def updateGeometries(self) -> None:
        super().updateGeometries()
        if self.wordWrap():
            self.updateGeometry()  # wrapped rows grow taller as the list narrows

    def _row_height(self, row: int) -> int:
        height = self.sizeHintForRow(row)
        if self.wordWrap():  # as wrapped at the width left beside any scroll bar
            scrolls = self.count() > self.max_rows and not self.verticalScrollBar().isVisible()
            bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent) * scrolls
            box = QRect(0, 0, max(60, self.viewport().width() - bar - 6), 1_000_000)
            wrapped = self.fontMetrics().boundingRect(box, Qt.TextFlag.TextWordWrap,
                                                      self.item(row).text())
            height = max(height, wrapped.height() + 4)
        return height + 2 * self.spacing()


class CheckList(CompactList):
    """Choices with check boxes (parties, sources); every tick is one change.

    Signals:
        checks_changed: the user ticked or unticked a choice.
    """

    checks_changed = Signal()

    def __init__(self, max_rows: int = 5, parent: QWidget | None = None) -> None:
        super().__init__(max_rows, parent)
        self._choices: list[tuple[str, str]] = []
        self._read_only = False
        self.setUniformItemSizes(True)
        self.itemChanged.connect(self._on_self_item_changed)

    def set_choices(self, choices: list[tuple[str, str]]) -> None:
        """Offer `choices` (id, label), keeping the ticks of those still offered."""
        if choices == self._choices:
            return
        checked = self.checked()
        self.blockSignals(True)
        self.clear()
        for key, label in choices:
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setToolTip(tip(label))
            self.addItem(item)
        self._choices = list(choices)
        self.blockSignals(False)
        self.set_read_only(self._read_only)
        self.set_checked(checked)
        self.updateGeometry()

    def checked(self) -> tuple[str, ...]:
        """The ticked ids, in list order."""
        return tuple(self.item(r).data(Qt.ItemDataRole.UserRole) for r in range(self.count())
                     if self.item(r).checkState() == Qt.CheckState.Checked)

    def set_checked(self, ids: Any) -> None:
        """Tick exactly `ids` (MIXED: none)."""
        wanted = set() if ids is MIXED else set(ids)
        self.blockSignals(True)
        for row in range(self.count()):
            item = self.item(row)
            on = item.data(Qt.ItemDataRole.UserRole) in wanted
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self.blockSignals(False)

    def set_read_only(self, read_only: bool) -> None:
        """Show the ticks without letting them change."""
        self._read_only = read_only
        self.blockSignals(True)
        for row in range(self.count()):
            item = self.item(row)
            flags = item.flags() | Qt.ItemFlag.ItemIsUserCheckable
            item.setFlags(flags & ~Qt.ItemFlag.ItemIsUserCheckable if read_only else flags)
        self.blockSignals(False)

    def _on_self_item_changed(self, _item: QListWidgetItem) -> None:
        self.checks_changed.emit()


class CommitTextEdit(QPlainTextEdit):
    """Multi-line text kept when the user leaves it or presses Ctrl+Enter.

    With `single_paragraph`, Enter alone keeps it (no line breaks in the text).

    Signals:
        editing_finished: the user is done typing.
    """

    editing_finished = Signal()

    def __init__(self, rows: int = 3, single_paragraph: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.single_paragraph = single_paragraph
        self.setTabChangesFocus(True)
        margins = self.contentsMargins()
        self.setFixedHeight(self.fontMetrics().lineSpacing() * rows + 2 * self.frameWidth()
                            + int(2 * self.document().documentMargin())
                            + margins.top() + margins.bottom())

    def text(self) -> str:
        """The text, as typed (one paragraph: line breaks turned to spaces)."""
        text = self.toPlainText()
        return " ".join(text.split()) if self.single_paragraph else text

    def set_text(self, text: str) -> None:
        """Show `text` as kept, not typed."""
        if self.toPlainText() != text:
            self.setPlainText(text)
        self.document().setModified(False)

    def is_modified(self) -> bool:
        """True when the user typed since the text was last set."""
        return self.document().isModified()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if enter and (self.single_paragraph or ctrl):
            self.editing_finished.emit()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if self.is_modified():
            self.editing_finished.emit()


def fill(pattern: str, *values: str) -> str:
    """`pattern` with %1, %2… replaced by `values` in one pass (user text is left alone)."""
    return re.sub(r"%(\d)", lambda m: values[int(m.group(1)) - 1], pattern)


def tip(text: str) -> str:
    """A tooltip showing `text` as written, never read as markup."""
    return "<p>" + html.escape(text).replace("\n", "<br>") + "</p>"


def quoted(text: str, limit: int = 40) -> str:
    """`text` in curly quotes, cut to `limit` characters, for undo names."""
    text = " ".join(text.split())
    return f"“{text if len(text) <= limit else text[: limit - 1] + '…'}”"


def keep_order(before: tuple[str, ...], checked: tuple[str, ...]) -> tuple[str, ...]:
    """The checked ids: those kept in their old order, then the new ones."""
    kept = tuple(i for i in before if i in checked)
    return kept + tuple(i for i in checked if i not in kept)
