"""ItemEditor: the items of one event, the chosen item's fields and its links."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from negotiator_gui.domain.changes import ChangeSet, index_of
from negotiator_gui.domain.errors import Problem
from negotiator_gui.domain.model import Event, Item, Link
from negotiator_gui.ui import vocab_labels
from negotiator_gui.ui.form_fields import (
    CheckList,
    ChoiceCombo,
    CommitTextEdit,
    CompactList,
    FieldForm,
    fill,
    keep_order,
    quoted,
    tip,
)
from negotiator_gui.ui.link_picker_dialog import LinkPickerDialog
from negotiator_gui.ui.selection import EventSelection
from negotiator_gui.ui.session import ProjectSession

ID_ROLE = Qt.ItemDataRole.UserRole


class ItemEditor(FieldForm):
    """What was put on the table at one event: a list of items, the chosen item's
    fields, and the links between it and other items.

    Every change is one `session.apply`; choosing an item tells the selection
    (`set_current_item`), so the other views can highlight it and its partners.
    """

    def __init__(self, session: ProjectSession, selection: EventSelection,
                 parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.selection = selection
        self.link_picker: LinkPickerDialog | None = None
        self._event_id: str | None = None
        self._item_id = ""
        self._fields_shown_for: str | None = None
        self._editable = True
        self._build_list()
        self._build_fields()
        self._build_links()
        self._lay_out()
        selection.current_item_changed.connect(self._on_selection_current_item_changed)

    # -- building --------------------------------------------------------------

    def _build_list(self) -> None:
        self.items_list = CompactList(max_rows=6)
        self.items_list.setSpacing(2)
        self.items_list.setAccessibleName(self.tr("Items of the event"))
        self.items_list.setWordWrap(True)
        self.items_list.setAlternatingRowColors(True)
        self.items_list.currentRowChanged.connect(self._on_items_list_current_row_changed)
        self.add_button = self._button(self.tr("Add"), self.tr("Add an item to this event"),
                                       self._on_add_button_clicked)
        self.delete_button = self._button(self.tr("Delete"), self.tr(
            "Delete the chosen item (and its links)"), self._on_delete_button_clicked)
        self.up_button = self._button(self.tr("Up"), self.tr("Move the chosen item up"),
                                      lambda: self._move(-1))
        self.down_button = self._button(self.tr("Down"), self.tr("Move the chosen item down"),
                                        lambda: self._move(1))

    def _button(self, text: str, tip: str, slot: Any) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        button.clicked.connect(slot)
        return button

    def _build_fields(self) -> None:
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.type_combo = self._combo("type", self.tr("T&ype"), self.tr("type"),
                                      vocab_labels.item_types())
        self.by_combo = self._combo("by", self.tr("&By"), self.tr("giver"), None)
        self.to_combo = self._combo("to", self.tr("T&o"), self.tr("receiver"), None)
        self.text_edit = CommitTextEdit(rows=3, single_paragraph=True)
        self.text_edit.setToolTip(self.tr("Enter or leaving the field keeps it"))
        self.add_row(self.form, self.tr("Te&xt"), self.bind(
            "text", self.tr("text"), self.text_edit, self.text_edit.text,
            self.text_edit.set_text, self.text_edit.editing_finished, self.text_edit.is_modified))
        self.status_combo = self._combo("status", self.tr("St&atus"), self.tr("status"),
                                        vocab_labels.item_statuses())
        self.subject_combo = QComboBox()
        self.subject_combo.setEditable(True)
        self.subject_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        edit = self.subject_combo.lineEdit()
        edit.setPlaceholderText(self.tr("e.g. sanctions, enrichment"))
        self.add_row(self.form, self.tr("Sub&ject"), self.bind(
            "subject", self.tr("subject"), self.subject_combo,
            lambda: self.subject_combo.currentText().strip(), self._set_subject,
            edit.editingFinished, edit.isModified))
        self.subject_combo.activated.connect(lambda *_: self._on_field_edited("subject"))
        self.sources_list = CheckList(max_rows=3)
        self.add_row(self.form, self.tr("Sou&rces"), self.bind(
            "sources", self.tr("sources"), self.sources_list, self._read_sources,
            self.sources_list.set_checked, self.sources_list.checks_changed))
        self.restricted_check = QCheckBox(self.tr("Restricted (not for &wider distribution)"))
        self.add_row(self.form, "", self.bind(
            "restricted", self.tr("restriction"), self.restricted_check,
            self.restricted_check.isChecked, self.restricted_check.setChecked,
            self.restricted_check.clicked))

    def _combo(self, name: str, label: str, noun: str, words: dict[str, str] | None
               ) -> ChoiceCombo:
        combo = ChoiceCombo(None if words else self.tr("(nobody)"))
        if words:
            combo.set_choices(list(words.items()))
        self.add_row(self.form, label, self.bind(name, noun, combo, combo.value,
                                                 combo.set_value, combo.currentIndexChanged))
        return combo

    def _build_links(self) -> None:
        self.links_list = CompactList(max_rows=4)
        self.links_list.setSpacing(2)
        self.links_list.setAccessibleName(self.tr("Links of the chosen item"))
        self.links_list.setWordWrap(True)
        self.links_list.currentRowChanged.connect(lambda *_: self._update_buttons())
        self.add_link_button = self._button(
            self.tr("Add Link…"), self.tr("Link the chosen item to another item"),
            self.open_link_picker)
        self.remove_link_button = self._button(
            self.tr("Remove Link"), self.tr("Remove the chosen link"),
            self._on_remove_link_button_clicked)

    def _lay_out(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.items_list)
        layout.addLayout(_row_of(self.add_button, self.delete_button, self.up_button,
                                 self.down_button))
        self.none_label = QLabel()
        self.none_label.setWordWrap(True)
        self.none_label.setEnabled(False)
        layout.addWidget(self.none_label)
        self.details = QWidget()
        details = QVBoxLayout(self.details)
        details.setContentsMargins(0, 0, 0, 0)
        details.addLayout(self.form)
        links_label = QLabel(self.tr("&Links of this item"))
        links_label.setBuddy(self.links_list)
        details.addWidget(links_label)
        details.addWidget(self.links_list)
        details.addLayout(_row_of(self.add_link_button, self.remove_link_button))
        layout.addWidget(self.details)

    # -- showing ---------------------------------------------------------------

    def show_event(self, event: Event | None) -> None:
        """Show the items of `event` (None: nothing), keeping the chosen item if it is there."""
        event_id = event.id if event is not None else None
        if event_id != self._event_id:
            self.commit_typing()
            self._event_id = event_id
            wanted = self.selection.current_item
            self._item_id = wanted
            self._fields_shown_for = None
        if self._item_id and not (event and any(i.id == self._item_id for i in event.items)):
            self._item_id = ""  # deleted, here or by a colleague, or of another event
            self.selection.set_current_item("")
        self._refill_choices()
        self._fill_items_list(event)
        self._show_item()

    def current_item_id(self) -> str:
        """The id of the item being edited, or ''."""
        return self._item_id

    def set_editable(self, editable: bool) -> None:
        """Allow changes (True) or only reading (False)."""
        self._editable = editable
        self.text_edit.setReadOnly(not editable)
        for widget in (self.type_combo, self.by_combo, self.to_combo, self.status_combo,
                       self.subject_combo, self.restricted_check):
            widget.setEnabled(editable)
        self.sources_list.set_read_only(not editable)
        self._update_buttons()

    def _event(self) -> Event | None:
        if not self._event_id:
            return None
        return index_of(self.session.project).events.get(self._event_id)

    def _item(self) -> Item | None:
        event = self._event()
        items = event.items if event is not None else ()
        return next((i for i in items if i.id == self._item_id), None)

    def _refill_choices(self) -> None:
        self.forget_shown()
        project = self.session.project
        parties = [(p.id, p.label) for p in project.parties]
        self.by_combo.set_choices(parties)
        self.to_combo.set_choices(parties)
        self.sources_list.set_choices([(s.id, s.title) for s in project.sources])
        subjects = sorted(index_of(project).subjects, key=str.casefold)
        if subjects != [self.subject_combo.itemText(r) for r in range(self.subject_combo.count())]:
            self._loading = True
            edit = self.subject_combo.lineEdit()
            text, typed = edit.text(), edit.isModified()
            self.subject_combo.clear()
            self.subject_combo.addItems(subjects)
            self.subject_combo.setEditText(text)
            edit.setModified(typed)
            self._loading = False

    def _fill_items_list(self, event: Event | None) -> None:
        rows = [(i.id, self._item_label(i)) for i in (event.items if event else ())]
        shown = [(self.items_list.item(r).data(ID_ROLE), self.items_list.item(r).text())
                 for r in range(self.items_list.count())]
        self.items_list.blockSignals(True)
        if rows != shown:
            self.items_list.clear()
            for item_id, label in rows:
                row = QListWidgetItem(label)
                row.setData(ID_ROLE, item_id)
                row.setToolTip(tip(label))
                self.items_list.addItem(row)
        ids = [item_id for item_id, _ in rows]
        self.items_list.setCurrentRow(ids.index(self._item_id) if self._item_id in ids else -1)
        self.items_list.blockSignals(False)

    def _item_label(self, item: Item) -> str:
        labels = {p.id: p.label for p in self.session.project.parties}
        who = f"{labels.get(item.by, item.by or '?')} → {labels.get(item.to, item.to or '?')}"
        kind = vocab_labels.item_type(item.type)
        status = vocab_labels.item_status(item.status)
        return f"{kind} · {who} · {status}\n{item.text}"

    def _show_item(self) -> None:
        item = self._item()
        self.details.setVisible(item is not None)
        self.none_label.setVisible(item is None)
        self.none_label.setText(self.tr("Choose an item above to edit it.")
                                if self.items_list.count() else
                                self.tr("Nothing tabled at this event yet: Add an item."))
        if item is not None:
            force = self._fields_shown_for != item.id
            self._fields_shown_for = item.id
            self.load({name: getattr(item, name) for name in self.fields}, force=force)
            self._fill_links(item)
        self._update_buttons()

    def _fill_links(self, item: Item) -> None:
        project = self.session.project
        owners = {i.id: (i, e) for e in project.events for i in e.items}
        self.links_list.clear()
        for link in project.links:
            if item.id not in (link.source, link.target):
                continue
            outgoing = link.source == item.id
            partner, event = owners[link.target if outgoing else link.source]
            kind = vocab_labels.link_kind(link.kind)
            where = f"{partner.text} ({event.title})"
            text = f"{kind} → {where}" if outgoing else \
                fill(self.tr("← %1 this: %2"), kind, where)
            row = QListWidgetItem(text)
            row.setData(ID_ROLE, link.key)
            row.setToolTip(tip(text + (f"\n{link.note}" if link.note else "")))
            self.links_list.addItem(row)

    def _set_subject(self, value: str) -> None:
        self.subject_combo.setEditText(value)
        self.subject_combo.lineEdit().setModified(False)

    def _update_buttons(self) -> None:
        event = self._event()
        count = len(event.items) if event else 0
        row = self.items_list.currentRow() if self._item() else -1
        on = self._editable and self.session.editable
        self.add_button.setEnabled(on and event is not None)
        self.delete_button.setEnabled(on and row >= 0)
        self.up_button.setEnabled(on and row > 0)
        self.down_button.setEnabled(on and 0 <= row < count - 1)
        self.add_link_button.setEnabled(on and row >= 0)
        self.remove_link_button.setEnabled(on and self.links_list.currentRow() >= 0)

    # -- changing --------------------------------------------------------------

    def change_for(self, name: str, value: Any) -> tuple[ChangeSet, str] | Problem | None:
        """The change setting field `name` of the chosen item to `value`."""
        event, item = self._event(), self._item()
        if event is None or item is None or getattr(item, name) == value:
            return None
        if name == "text" and not value:
            return Problem("text", self.tr("An item needs a text."))
        new = replace(item, **{name: value})
        items = tuple(new if i.id == item.id else i for i in event.items)
        text = fill(self.tr("Edit %1 of item %2"), self.fields[name].noun, quoted(item.text))
        return ChangeSet(put_events=(replace(event, items=items),)), text

    def _read_sources(self) -> tuple[str, ...]:
        item = self._item()
        return keep_order(item.sources if item is not None else (), self.sources_list.checked())

    def _put_items(self, event: Event, items: tuple[Item, ...], text: str) -> bool:
        return self.session.apply(ChangeSet(put_events=(replace(event, items=items),)), text)

    def _on_add_button_clicked(self) -> None:
        event = self._event()
        if event is None:
            return
        item = Item(new_item_id(event.id, {i.id for i in self.session.project.items()}),
                    self.tr("New item"))
        self.commit_typing()
        if self._put_items(event, event.items + (item,),
                           fill(self.tr("Add item to %1"), quoted(event.title))):
            self._choose(item.id)
            self.text_edit.setFocus()
            self.text_edit.selectAll()

    def _on_delete_button_clicked(self) -> None:
        event, item = self._event(), self._item()
        if event is None or item is None:
            return
        row = [i.id for i in event.items].index(item.id)
        items = tuple(i for i in event.items if i.id != item.id)
        if self._put_items(event, items, fill(self.tr("Delete item %1"),
                                                                quoted(item.text))):
            self._choose(items[min(row, len(items) - 1)].id if items else "")

    def _move(self, step: int) -> None:
        event, item = self._event(), self._item()
        if event is None or item is None:
            return
        items = list(event.items)
        row = items.index(item)
        if not 0 <= row + step < len(items):
            return
        items[row], items[row + step] = items[row + step], items[row]
        word = self.tr("up") if step < 0 else self.tr("down")
        self._put_items(event, tuple(items), fill(
            self.tr("Move item %1 %2"), quoted(item.text), word))

    def open_link_picker(self) -> LinkPickerDialog | None:
        """Open the dialog that links the chosen item to another (not blocking)."""
        if self._item() is None:
            return None
        self.link_picker = LinkPickerDialog(self.session.project, self._item_id, self)
        self.link_picker.accepted.connect(self._on_link_picker_accepted)
        self.link_picker.open()
        return self.link_picker

    def _on_link_picker_accepted(self) -> None:
        link = self.link_picker.link() if self.link_picker is not None else None
        if link is not None:
            self.session.apply(ChangeSet(put_links=(link,)), self._link_text(
                self.tr("Link %1 to %2"), link))

    def _on_remove_link_button_clicked(self) -> None:
        row = self.links_list.currentItem()
        link = next((lk for lk in self.session.project.links
                     if row is not None and lk.key == tuple(row.data(ID_ROLE))), None)
        if link is not None:
            self.session.apply(ChangeSet(delete_links=(link.key,)), self._link_text(
                self.tr("Remove link between %1 and %2"), link))

    def _link_text(self, pattern: str, link: Link) -> str:
        texts = {i.id: i.text for i in self.session.project.items()}
        return fill(pattern, quoted(texts.get(link.source, link.source), 30),
                    quoted(texts.get(link.target, link.target), 30))

    # -- choosing --------------------------------------------------------------

    def _choose(self, item_id: str) -> None:
        if item_id != self._item_id:
            self.commit_typing()
            self._item_id = item_id
            self._fill_items_list(self._event())
            self._show_item()
        self.selection.set_current_item(item_id)

    def _on_items_list_current_row_changed(self, row: int) -> None:
        item = self.items_list.item(row) if row >= 0 else None
        self._choose(item.data(ID_ROLE) if item is not None else "")

    def _on_selection_current_item_changed(self, item_id: str) -> None:
        event = self._event()
        if item_id and event is not None and any(i.id == item_id for i in event.items):
            self._choose(item_id)


def new_item_id(event_id: str, taken: set[str]) -> str:
    """`<event>-item-<n>` with the smallest n not yet used in the project."""
    n = 1
    while f"{event_id}-item-{n}" in taken:
        n += 1
    return f"{event_id}-item-{n}"


def _row_of(*buttons: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    return row
