"""LinkPickerDialog: pick the partner item of a new link from a searchable list."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from negotiator_gui.domain.model import Item, Link, Project
from negotiator_gui.domain.vocab import DEFAULT_LINK_KIND
from negotiator_gui.ui import date_text, vocab_labels
from negotiator_gui.ui.form_fields import fill, tip

ITEM_ROLE = Qt.ItemDataRole.UserRole
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 1


class LinkPickerDialog(QDialog):
    """Choose another item to link the given one to, the kind of link and a note.

    The dialog only chooses: `link()` is the link to add; whoever opened it
    applies it (on `accepted`). Open it with `open()`; tests set the fields and
    call `accept()` without blocking.
    """

    def __init__(self, project: Project, item_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.item_id = item_id
        self._texts = {i.id: i.text for i in project.items()}
        self._existing = {lk.key for lk in project.links}
        self.setWindowTitle(self.tr("Link to Another Item"))
        self._build()
        self._fill()
        self._update()
        self.resize(520, 520)

    def _build(self) -> None:
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Words from the item, its event or date"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName(self.tr("Search items"))
        self.candidates = QListWidget()
        self.candidates.setAccessibleName(self.tr("Items to link to"))
        self.candidates.setWordWrap(True)
        self.candidates.setAlternatingRowColors(True)
        self.candidates.setSpacing(2)
        self.kind_combo = QComboBox()
        for word, label in vocab_labels.link_kinds().items():
            self.kind_combo.addItem(label, word)
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(DEFAULT_LINK_KIND))
        self.kind_combo.setAccessibleName(self.tr("Kind of link"))
        self.reverse_check = QCheckBox(self.tr("&Reverse: the chosen item relates to this one"))
        self.note_edit = QLineEdit()
        self.note_edit.setAccessibleName(self.tr("Note"))
        self.preview = QLabel()
        self.preview.setTextFormat(Qt.TextFormat.PlainText)
        self.preview.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Add Link"))
        self._lay_out()
        self.filter_edit.textChanged.connect(self._on_filter_edit_text_changed)
        self.candidates.currentItemChanged.connect(self._on_candidates_current_item_changed)
        self.candidates.itemDoubleClicked.connect(self._on_candidates_item_double_clicked)
        self.kind_combo.currentIndexChanged.connect(self._on_kind_combo_current_index_changed)
        self.reverse_check.toggled.connect(self._on_reverse_check_toggled)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def _lay_out(self) -> None:
        layout = QVBoxLayout(self)
        intro = QLabel(fill(self.tr("Link “%1” to:"), self._texts.get(self.item_id, "")))
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        find_label = QLabel(self.tr("&Find:"))
        find_label.setBuddy(self.filter_edit)
        form.addRow(find_label, self.filter_edit)
        layout.addLayout(form)
        layout.addWidget(self.candidates, 1)
        details = QFormLayout()
        kind_label = QLabel(self.tr("&Kind:"))
        kind_label.setBuddy(self.kind_combo)
        details.addRow(kind_label, self.kind_combo)
        details.addRow("", self.reverse_check)
        note_label = QLabel(self.tr("&Note:"))
        note_label.setBuddy(self.note_edit)
        details.addRow(note_label, self.note_edit)
        layout.addLayout(details)
        layout.addWidget(self.preview)
        layout.addWidget(self.buttons)

    def _fill(self) -> None:
        for event in self.project.events:
            when = date_text.span(event.start, event.end, short=True)
            for item in event.items:
                if item.id != self.item_id:
                    self.candidates.addItem(self._row(item, event.title, when))

    @staticmethod
    def _row(item: Item, event_title: str, when: str) -> QListWidgetItem:
        where = f"{vocab_labels.item_type(item.type)} · {event_title} · {when}"
        row = QListWidgetItem(f"{item.text}\n{where}")
        row.setData(ITEM_ROLE, item.id)
        row.setData(SEARCH_ROLE, " ".join((item.text, item.subject, where, item.id)).casefold())
        row.setToolTip(tip(f"{item.text}\n{where}"))
        return row

    # -- choosing --------------------------------------------------------------

    def set_filter(self, text: str) -> None:
        """Show only the items whose text, event or date hold every word of `text`."""
        self.filter_edit.setText(text)

    def visible_ids(self) -> list[str]:
        """The ids of the items the search leaves in the list, in order."""
        return [self.candidates.item(r).data(ITEM_ROLE) for r in range(self.candidates.count())
                if not self.candidates.item(r).isHidden()]

    def choose(self, item_id: str) -> bool:
        """Make `item_id` the partner; False when the search has left it out."""
        for row in range(self.candidates.count()):
            item = self.candidates.item(row)
            if item.data(ITEM_ROLE) == item_id and not item.isHidden():
                self.candidates.setCurrentRow(row)
                return True
        return False

    def set_kind(self, kind: str) -> None:
        """Choose the kind of link (a word of LINK_KINDS)."""
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(kind))

    def partner(self) -> str:
        """The chosen item's id, or ''."""
        row = self.candidates.currentItem()
        return row.data(ITEM_ROLE) if row is not None and not row.isHidden() else ""

    def link(self) -> Link | None:
        """The link to add, or None while no partner is chosen."""
        partner = self.partner()
        if not partner:
            return None
        ends = (partner, self.item_id) if self.reverse_check.isChecked() \
            else (self.item_id, partner)
        return Link(*ends, self.kind_combo.currentData(), self.note_edit.text().strip())

    def accept(self) -> None:
        """Close with the link chosen; refused while there is no new link to add."""
        link = self.link()
        if link is not None and link.key not in self._existing:
            super().accept()

    # -- keeping the preview and the OK button true ---------------------------

    def _update(self) -> None:
        link = self.link()
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if link is None:
            self.preview.setText(self.tr("Choose the item to link to."))
            ok.setEnabled(False)
            return
        kind = vocab_labels.link_kind(link.kind)
        sentence = fill(self.tr("“%1” %2 “%3”."), self._texts[link.source], kind,
                        self._texts[link.target])
        taken = link.key in self._existing
        if taken:
            sentence += " " + self.tr("These items are already linked this way.")
        self.preview.setText(sentence)
        ok.setEnabled(not taken)

    def _on_filter_edit_text_changed(self, text: str) -> None:
        words = text.casefold().split()
        for row in range(self.candidates.count()):
            item = self.candidates.item(row)
            item.setHidden(not all(w in item.data(SEARCH_ROLE) for w in words))
        self._update()

    def _on_candidates_current_item_changed(self, *_args: object) -> None:
        self._update()

    def _on_candidates_item_double_clicked(self, _item: QListWidgetItem) -> None:
        self.accept()

    def _on_kind_combo_current_index_changed(self, _index: int) -> None:
        self._update()

    def _on_reverse_check_toggled(self, _checked: bool) -> None:
        self._update()
