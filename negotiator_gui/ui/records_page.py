"""RecordsPage: one tab of the records dialog: a list of parties, tracks or sources and a form."""

from __future__ import annotations

import html
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex, Qt, QTimer
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from negotiator_gui.domain import usage
from negotiator_gui.domain.dates import parse_optional
from negotiator_gui.domain.errors import DateError
from negotiator_gui.domain.model import Party, Source, Track
from negotiator_gui.domain.validation import COLOR, check_id
from negotiator_gui.ui.session import ProjectSession

if TYPE_CHECKING:
    from negotiator_gui.ui.records_dialog import RecordsDialog

ID_ROLE = Qt.ItemDataRole.UserRole
MAX_LISTED = 15


class _Field(NamedTuple):
    name: str   # the record's attribute
    label: str  # the form's label, translated when shown
    kind: str   # id, required, text, color or date


_FIELDS = {
    "party": (_Field("id", "Id", "id"), _Field("name", "Name", "required"),
              _Field("short", "Short name", "text"), _Field("color", "Colour", "color")),
    "track": (_Field("id", "Id", "id"), _Field("name", "Name", "required"),
              _Field("color", "Colour", "color")),
    "source": (_Field("id", "Id", "id"), _Field("title", "Title", "required"),
               _Field("publisher", "Publisher", "text"), _Field("date", "Date", "date"),
               _Field("url", "Web address", "text"), _Field("note", "Note", "text")),
}
# The labels above, marked for pyside6-lupdate; shown through _label().
_LABELS = (QT_TRANSLATE_NOOP("RecordsPage", "Id"), QT_TRANSLATE_NOOP("RecordsPage", "Name"),
           QT_TRANSLATE_NOOP("RecordsPage", "Short name"),
           QT_TRANSLATE_NOOP("RecordsPage", "Colour"), QT_TRANSLATE_NOOP("RecordsPage", "Title"),
           QT_TRANSLATE_NOOP("RecordsPage", "Publisher"),
           QT_TRANSLATE_NOOP("RecordsPage", "Date"),
           QT_TRANSLATE_NOOP("RecordsPage", "Web address"),
           QT_TRANSLATE_NOOP("RecordsPage", "Note"))
_CLASSES = {"party": Party, "track": Track, "source": Source}
_TABS = {"parties": "party", "tracks": "track", "sources": "source"}


def _label(text: str) -> str:
    """A field's label (one of _LABELS) in the user's language."""
    return QCoreApplication.translate("RecordsPage", text)


def swatch(color: str, size: int = 16) -> QIcon:
    """A square of `color`; an outlined empty square for no (automatic) colour."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setPen(QColor("#808080"))
    if COLOR.fullmatch(color):
        painter.setBrush(QColor(color))
    painter.drawRect(0, 0, size - 1, size - 1)
    painter.end()
    return QIcon(pixmap)


def _name(record: Party | Track | Source) -> str:
    """The record's name as undo steps and prompts quote it."""
    return usage.clip(usage.label(record), 40)


def _list_widget() -> QListWidget:
    """A list whose long texts are cut with an ellipsis instead of scrolling sideways."""
    widget = QListWidget()
    widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    widget.setTextElideMode(Qt.TextElideMode.ElideRight)
    widget.setUniformItemSizes(True)
    return widget


class RecordsPage(QWidget):
    """One tab: the list of parties, tracks or sources, and a form for the chosen one."""

    def __init__(self, session: ProjectSession, kind: str, host: RecordsDialog) -> None:
        super().__init__()
        self.session, self.kind, self.host = session, kind, host
        self.fields = _FIELDS[kind]
        self.word = {"party": self.tr("party"), "track": self.tr("track"),
                     "source": self.tr("source")}[kind]
        self.current_id: str | None = None
        self.draft = False
        self._id_typed = False
        self._filling = False
        self.editors: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        self.color_buttons: dict[str, QToolButton] = {}
        self.members: QListWidget | None = None
        self._build()

    # -- building ------------------------------------------------------------

    def _build(self) -> None:
        self.list = _list_widget()
        self.list.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Expanding)
        self.list.setAccessibleName(self.tr("List of {0} records").format(self.word))
        self.list.currentItemChanged.connect(self._on_list_current_item_changed)
        left = QVBoxLayout()
        left.addWidget(self.list)
        if self.kind == "track":
            self.list.model().rowsMoved.connect(self._on_list_rows_moved)
            left.addLayout(self._order_buttons())
        self.form = QWidget()
        form = QFormLayout(self.form)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for spec in self.fields:
            form.addRow(_label(spec.label), self._field_widget(spec))
        if self.kind == "party":
            self.members = _list_widget()
            self.members.setAccessibleName(self.tr("Members"))
            self.members.itemChanged.connect(self._on_members_item_changed)
            form.addRow(self.tr("Members"), self.members)
        self.hint = QLabel()
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setWordWrap(True)
        right = QVBoxLayout()
        right.addWidget(self.hint)
        right.addWidget(self.form, 1)
        right.addLayout(self._action_buttons())
        layout = QHBoxLayout(self)
        layout.addLayout(left, 2)
        layout.addLayout(right, 3)

    def _button(self, text: str, handler, tip: str = "") -> QPushButton:
        button = QPushButton(text)
        button.setAutoDefault(False)
        button.setToolTip(tip)
        button.clicked.connect(handler)
        return button

    def _order_buttons(self) -> QHBoxLayout:
        self.up_button = self._button(self.tr("Move &Up"), partial(self._move, -1),
                                      self.tr("Move this track one lane up"))
        self.down_button = self._button(self.tr("Move Do&wn"), partial(self._move, 1),
                                        self.tr("Move this track one lane down"))
        row = QHBoxLayout()
        row.addWidget(self.up_button)
        row.addWidget(self.down_button)
        return row

    def _action_buttons(self) -> QHBoxLayout:
        word = self.word
        self.add_button = self._button(self.tr("&Add"), self._on_add_clicked,
                                       self.tr("Add a new {0}").format(word))
        self.delete_button = self._button(self.tr("&Delete…"), self._on_delete_clicked,
                                          self.tr("Delete this {0} if nothing uses it")
                                          .format(word))
        self.merge_button = self._button(
            self.tr("&Merge into…"), self._on_merge_clicked,
            self.tr("Replace this {0} everywhere by another, then remove it").format(word))
        self.create_button = self._button(self.tr("&Create"), self._on_create_clicked)
        self.cancel_button = self._button(self.tr("Cancel"), self._on_cancel_clicked)
        row = QHBoxLayout()
        for button in (self.add_button, self.delete_button, self.merge_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.create_button)
        row.addWidget(self.cancel_button)
        return row

    def _field_widget(self, spec: _Field) -> QWidget:
        editor = QLineEdit()
        editor.setAccessibleName(_label(spec.label))
        editor.editingFinished.connect(partial(self._on_editor_editing_finished, spec.name))
        editor.returnPressed.connect(self._on_editor_return_pressed)
        editor.textEdited.connect(partial(self._on_editor_text_edited, spec.name))
        self.editors[spec.name] = editor
        error = QLabel()
        error.setTextFormat(Qt.TextFormat.PlainText)
        error.setWordWrap(True)
        error.setStyleSheet("color: #c0392b;")
        error.hide()
        self.errors[spec.name] = error
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(editor, 1)
        if spec.kind == "color":
            editor.setPlaceholderText(self.tr("#rrggbb, or empty for automatic"))
            editor.textChanged.connect(self._on_color_text_changed)
            button = QToolButton()
            button.setText(self.tr("Choose…"))
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setIcon(swatch(""))
            button.clicked.connect(partial(self._on_color_button_clicked, spec.name))
            self.color_buttons[spec.name] = button
            row.addWidget(button)
        if spec.kind == "date":
            editor.setPlaceholderText(self.tr("YYYY, YYYY-MM or YYYY-MM-DD"))
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addLayout(row)
        column.addWidget(error)
        return box

    # -- showing -------------------------------------------------------------

    def records(self) -> tuple:
        """The parties, tracks or sources of the project, in order."""
        return usage.records(self.session.project, self.kind)

    def current_record(self) -> Party | Track | Source | None:
        """The record shown in the form (None while adding one)."""
        if self.draft or self.current_id is None:
            return None
        return usage.find(self.session.project, self.kind, self.current_id)

    def select(self, record_id: str | None) -> None:
        """Show the record with `record_id` in the list and the form."""
        for row in range(self.list.count()):
            if self.list.item(row).data(ID_ROLE) == record_id:
                self.list.setCurrentRow(row)
                return
        self.list.setCurrentRow(-1)

    def reset(self) -> None:
        """Show a newly opened project: the first record, nothing typed kept."""
        self.draft, self.current_id = False, None
        self._fill_list()
        self.select(self.records()[0].id if self.records() else None)
        self._load_form(keep_edits=False)

    def refresh(self) -> None:
        """Follow a change of the project, keeping what the user is typing."""
        row = self.list.currentRow()
        self._fill_list()
        if not self.draft and self.current_record() is None and self.list.count():
            self.list.setCurrentRow(min(max(row, 0), self.list.count() - 1))
        self._load_form(keep_edits=True)

    def _fill_list(self) -> None:
        wanted = [(r.id, self._list_text(r), getattr(r, "color", None)) for r in self.records()]
        same = [self.list.item(i).data(ID_ROLE) for i in range(self.list.count())] \
            == [w[0] for w in wanted]
        self._filling = True
        self.list.blockSignals(True)
        if not same:
            self.list.clear()
        for row, (record_id, text, color) in enumerate(wanted):
            item = self.list.item(row) if same else QListWidgetItem(self.list)
            item.setText(text)
            item.setData(ID_ROLE, record_id)
            item.setToolTip(html.escape(text) + "<br>" + html.escape(
                self.tr("Id: {0}").format(record_id)))
            if color:
                item.setIcon(swatch(color))
            elif color is not None and item.icon():
                item.setIcon(QIcon())
        if not same:
            self.list.setCurrentRow(-1)
            self.select(self.current_id)
        self.list.blockSignals(False)
        self._filling = False
        if self.current_id is not None and self.list.currentItem() is None:
            self.current_id = None

    def _list_text(self, record: Party | Track | Source) -> str:
        if isinstance(record, Party) and record.short and record.short != record.name:
            return f"{record.short} — {record.name}"
        return usage.label(record)

    def _text_of(self, record, name: str) -> str:
        value = getattr(record, name)
        return value.iso() if name == "date" and value is not None else str(value or "")

    def _load_form(self, keep_edits: bool) -> None:
        record = self.current_record()
        for spec in self.fields:
            editor = self.editors[spec.name]
            if keep_edits and (editor.hasFocus() or not self.errors[spec.name].isHidden()):
                continue
            self._show_error(spec.name, "")
            text = self._text_of(record, spec.name) if record is not None else ""
            if editor.text() != text:
                editor.setText(text)
                editor.setCursorPosition(0)
        self._fill_members(record, keep_checks=keep_edits)
        self._update_state()

    def _fill_members(self, record: Party | None, keep_checks: bool) -> None:
        if self.members is None:
            return
        own = record.id if record is not None else None
        others = [p for p in self.session.project.parties if p.id != own]
        checked = set(record.members) if record is not None \
            else set(self._checked_members() if keep_checks else ())
        same = [self.members.item(i).data(ID_ROLE) for i in range(self.members.count())] \
            == [p.id for p in others]
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.session.editable:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        self.members.blockSignals(True)
        if not same:
            self.members.clear()
        for row, party in enumerate(others):
            item = self.members.item(row) if same else QListWidgetItem(self.members)
            item.setText(self._list_text(party))
            item.setData(ID_ROLE, party.id)
            item.setFlags(flags)
            state = Qt.CheckState.Checked if party.id in checked else Qt.CheckState.Unchecked
            if item.checkState() != state or not same:
                item.setCheckState(state)
        self.members.blockSignals(False)

    def _checked_members(self) -> list[str]:
        if self.members is None:
            return []
        items = [self.members.item(i) for i in range(self.members.count())]
        return [i.data(ID_ROLE) for i in items if i.checkState() == Qt.CheckState.Checked]

    def _update_state(self) -> None:
        editable = self.session.editable
        record = self.current_record()
        shown = record is not None or self.draft
        self.form.setEnabled(shown)
        for name, editor in self.editors.items():
            editor.setReadOnly(not editable or (name == "id" and not self.draft))
        # An id never changes once made: show it as text, not as a field.
        self.editors["id"].setFrame(self.draft)
        self.editors["id"].setStyleSheet("" if self.draft else "background: transparent;")
        for button in self.color_buttons.values():
            button.setEnabled(editable)
        self.add_button.setEnabled(editable)
        self.delete_button.setEnabled(editable and record is not None)
        self.merge_button.setEnabled(editable and record is not None and len(self.records()) > 1)
        for button in (self.add_button, self.delete_button, self.merge_button):
            button.setVisible(not self.draft)
        self.create_button.setVisible(self.draft)
        self.cancel_button.setVisible(self.draft)
        if self.kind == "track":
            row = self.list.currentRow()
            self.up_button.setEnabled(editable and record is not None and row > 0)
            self.down_button.setEnabled(editable and record is not None
                                        and 0 <= row < self.list.count() - 1)
            self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove if editable
                                      else QAbstractItemView.DragDropMode.NoDragDrop)
        self.hint.setText(self._hint(record))

    def _hint(self, record) -> str:
        if self.draft:
            return self.tr("New {0}: fill in the fields, then press Create.").format(self.word)
        if record is None:
            return self.tr("Choose a {0} in the list, or add one.").format(self.word)
        if not self.session.editable:
            return self.tr("This project can only be viewed.")
        return self.tr("Changes are saved when you leave a field or press Enter.")

    def _show_error(self, name: str, message: str) -> None:
        self.errors[name].setText(message)
        self.errors[name].setVisible(bool(message))

    # -- reading the form ----------------------------------------------------

    def _read(self, spec: _Field) -> tuple[object, str]:
        """The value typed for `spec`, and a message when it cannot be kept."""
        text = self.editors[spec.name].text().strip()
        if spec.kind == "required" and not text:
            return text, self.tr("This must not be empty.")
        if spec.kind == "color" and text and not COLOR.fullmatch(text):
            return text, self.tr("Use #rrggbb, or leave it empty for automatic.")
        if spec.kind == "date":
            try:
                return parse_optional(text), ""
            except DateError as exc:
                return None, str(exc)
        if spec.kind == "id":
            return text, self._id_problem(text)
        return (text.lower() if spec.kind == "color" else text), ""

    def _id_problem(self, text: str) -> str:
        if not self.draft:
            return ""
        if check_id(text, "id"):
            return self.tr("Give an id: letters, digits and dashes, such as “{0}”.").format(
                usage.new_id(self.editors[self.fields[1].name].text(), (), self.kind))
        if usage.find(self.session.project, self.kind, text) is not None:
            return self.tr("“{0}” is already the id of another {1}.").format(text, self.word)
        return ""

    def _edit_text(self, name: str, record) -> str:
        what = {"name": self.tr("Rename {0} “{1}”"), "title": self.tr("Rename {0} “{1}”"),
                "color": self.tr("Recolour {0} “{1}”"),
                "members": self.tr("Set members of {0} “{1}”")}.get(name)
        field = next((f.label for f in self.fields if f.name == name), name)
        what = what or self.tr("Edit {2} of {0} “{1}”")
        return what.format(self.word, _name(record), _label(field).lower())

    # -- editing -------------------------------------------------------------

    def _commit(self, name: str, value: object) -> None:
        record = self.current_record()
        if record is None or not self.session.editable:
            return
        new = replace(record, **{name: value})
        if new != record:
            self.session.apply(usage.put_record(self.session.project, self.kind, new),
                               self._edit_text(name, record))

    def _on_editor_editing_finished(self, name: str) -> None:
        if self.draft or self._filling or name == "id":
            return
        spec = next(f for f in self.fields if f.name == name)
        value, error = self._read(spec)
        self._show_error(name, error)
        if not error:
            self._commit(name, value)

    def _on_editor_return_pressed(self) -> None:
        if self.draft:
            self._on_create_clicked()

    def _on_editor_text_edited(self, name: str, text: str) -> None:
        if not self.draft:
            return
        if name == "id":
            self._id_typed = True
        elif name == self.fields[1].name and not self._id_typed:
            taken = [r.id for r in self.records()]
            self.editors["id"].setText(usage.new_id(text or self.word, taken, self.kind))

    def _on_color_text_changed(self, text: str) -> None:
        for button in self.color_buttons.values():
            button.setIcon(swatch(text.strip()))

    def _on_color_button_clicked(self, name: str) -> None:
        chosen = self.host.choose_color(self.editors[name].text().strip())
        if chosen is None:
            return
        self.editors[name].setText(chosen)
        self._show_error(name, "")
        if not self.draft:
            self._commit(name, chosen)

    def _on_members_item_changed(self, _item: QListWidgetItem) -> None:
        record = self.current_record()
        if record is None:
            return
        checked = self._checked_members()
        members = [m for m in record.members if m in checked]
        self._commit("members", tuple(members + [m for m in checked if m not in members]))

    def _on_list_current_item_changed(self, current: QListWidgetItem | None, _previous) -> None:
        record_id = current.data(ID_ROLE) if current is not None else None
        if record_id == self.current_id and not self.draft:
            self._update_state()
            return
        self.draft, self.current_id = False, record_id
        self._load_form(keep_edits=False)

    # -- adding --------------------------------------------------------------

    def _on_add_clicked(self) -> None:
        self.draft, self._id_typed, self.current_id = True, False, None
        self.list.blockSignals(True)
        self.list.setCurrentRow(-1)
        self.list.blockSignals(False)
        self._load_form(keep_edits=False)
        name = self.editors[self.fields[1].name]
        name.setText(self.tr("New {0}").format(self.word))
        self._on_editor_text_edited(self.fields[1].name, name.text())
        name.setFocus()
        name.selectAll()

    def _on_cancel_clicked(self) -> None:
        self.draft = False
        self.list.setCurrentRow(0 if self.list.count() else -1)
        self._load_form(keep_edits=False)

    def _on_create_clicked(self) -> None:
        if not self.draft:
            return
        values, bad = {}, []
        for spec in self.fields:
            values[spec.name], error = self._read(spec)
            self._show_error(spec.name, error)
            if error:
                bad.append(spec.name)
        if bad:
            self.editors[bad[0]].setFocus()
            return
        if self.kind == "party":
            values["members"] = tuple(self._checked_members())
        if self.kind == "track":
            values["order"] = usage.next_track_order(self.session.project)
        record = _CLASSES[self.kind](**values)
        text = self.tr("Add {0} “{1}”").format(self.word, _name(record))
        if self.session.apply(usage.put_record(self.session.project, self.kind, record), text):
            self.draft, self.current_id = False, record.id
            self.refresh()
            self.select(record.id)

    # -- deleting, merging, ordering -----------------------------------------

    def _on_delete_clicked(self) -> None:
        record = self.current_record()
        if record is None:
            return
        name = _name(record)
        used = usage.usages(self.session.project, self.kind, record.id)
        if used:
            self.host.inform(self.tr("Cannot Delete"), self._in_use_text(name, used))
            return
        question = self.tr("Delete {0} “{1}”? Nothing uses it.").format(self.word, name)
        if self.host.confirm(self.tr("Delete"), question):
            changes = usage.delete_record(self.session.project, self.kind, record.id)
            self.session.apply(changes, self.tr("Delete {0} “{1}”").format(self.word, name))

    def _in_use_text(self, name: str, used: list[str]) -> str:
        lines = [f"• {u}" for u in used[:MAX_LISTED]]
        if len(used) > MAX_LISTED:
            lines.append(self.tr("… and {0} more").format(len(used) - MAX_LISTED))
        return "\n".join([
            self.tr("“{0}” cannot be deleted: it is still used by").format(name),
            *lines, "",
            self.tr("Merge it into another {0}, or change these first.").format(self.word)])

    def _on_merge_clicked(self) -> None:
        record = self.current_record()
        if record is None:
            return
        name = _name(record)
        choices = [(r.id, self._list_text(r)) for r in self.records() if r.id != record.id]
        keep_id = self.host.choose_record(self.tr("Merge"), self.tr(
            "Merge “{0}” into which {1}? Everything that uses “{0}” will use the {1} you "
            "choose instead, and “{0}” will be removed.").format(name, self.word), choices)
        keep = usage.find(self.session.project, self.kind, keep_id or "")
        if keep is None or keep.id == record.id:
            return
        changes = usage.merge_records(self.session.project, self.kind, keep.id, record.id)
        text = self.tr("Merge “{0}” into “{1}”").format(name, _name(keep))
        if self.session.apply(changes, text):
            self.select(keep.id)

    def _move(self, step: int) -> None:
        record = self.current_record()
        ids = [t.id for t in self.records()]
        if record is None or not 0 <= ids.index(record.id) + step < len(ids):
            return
        at = ids.index(record.id)
        ids[at], ids[at + step] = ids[at + step], ids[at]
        text = (self.tr("Move track “{0}” up") if step < 0
                else self.tr("Move track “{0}” down")).format(_name(record))
        self.session.apply(usage.reorder_tracks(self.session.project, ids), text)

    def _on_list_rows_moved(self, *_args: QModelIndex | int) -> None:
        if not self._filling:
            QTimer.singleShot(0, self._apply_list_order)

    def _apply_list_order(self) -> None:
        ids = [self.list.item(i).data(ID_ROLE) for i in range(self.list.count())]
        if ids == [t.id for t in self.records()]:
            return
        changes = usage.reorder_tracks(self.session.project, ids)
        if not self.session.apply(changes, self.tr("Reorder tracks")):
            self.list.clear()
            self.refresh()
