"""EventForm: the fields of the selected event (or the shared ones of several), one step each."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QFormLayout, QLabel, QLineEdit, QWidget

from negotiator_gui.domain.changes import ChangeSet, index_of
from negotiator_gui.domain.errors import Problem
from negotiator_gui.domain.model import Event
from negotiator_gui.domain.validation import validate_event_fields
from negotiator_gui.ui import vocab_labels
from negotiator_gui.ui.form_fields import (
    MIXED,
    CheckList,
    ChoiceCombo,
    CommitTextEdit,
    FieldForm,
    fill,
    keep_order,
    quoted,
)
from negotiator_gui.ui.partial_date_edit import PartialDateEdit
from negotiator_gui.ui.session import ProjectSession

# Fields that mean the same for every selected event, so several can be set at once.
SHARED_FIELDS = ("kind", "track", "status", "restricted")


class EventForm(FieldForm):
    """Every field of one event; with several events, the fields they can share.

    Each committed change (Enter or leaving a text field, a pick in a list) is
    one `session.apply`; invalid input is shown in red beside the field, is not
    written, and stays in the field for the user to correct.
    """

    def __init__(self, session: ProjectSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self._ids: list[str] = []
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setVisible(False)
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.addRow(self.heading)
        self._build_text_fields()
        self._build_lists()
        self._refill_choices()

    # -- building --------------------------------------------------------------

    def _build_text_fields(self) -> None:
        self.title_edit = QLineEdit()
        self._line_field("title", self.tr("&Title"), self.tr("title"), self.title_edit,
                         strip=True)
        self.kind_combo = ChoiceCombo()
        self.kind_combo.set_choices(list(vocab_labels.event_kinds().items()))
        self._combo_field("kind", self.tr("Ki&nd"), self.tr("kind"), self.kind_combo)
        self.track_combo = ChoiceCombo()
        self._combo_field("track", self.tr("Trac&k"), self.tr("track"), self.track_combo)
        self.start_edit = PartialDateEdit()
        self._date_field("start", self.tr("&Start"), self.tr("start date"), self.start_edit)
        self.end_edit = PartialDateEdit(self.tr("No end date: a one-date event"))
        self._date_field("end", self.tr("En&d"), self.tr("end date"), self.end_edit)
        self.location_edit = QLineEdit()
        self._line_field("location", self.tr("&Location"), self.tr("location"),
                         self.location_edit, strip=True)

    def _build_lists(self) -> None:
        self.parties_list = CheckList(max_rows=12)
        self._checks_field("parties", self.tr("&Parties"), self.tr("parties"),
                           self.parties_list)
        self.status_combo = ChoiceCombo()
        self.status_combo.set_choices(list(vocab_labels.event_statuses().items()))
        self._combo_field("status", self.tr("Stat&us"), self.tr("status"), self.status_combo)
        self.summary_edit = CommitTextEdit(rows=5)
        self.summary_edit.setToolTip(self.tr("Ctrl+Enter or leaving the field keeps it"))
        binding = self.bind("summary", self.tr("summary"), self.summary_edit,
                            self.summary_edit.text, self.summary_edit.set_text,
                            self.summary_edit.editing_finished, self.summary_edit.is_modified)
        self.add_row(self.form, self.tr("Su&mmary"), binding)
        self.tags_edit = QLineEdit()
        self.tags_edit.setPlaceholderText(self.tr("comma-separated, e.g. sanctions, enrichment"))
        binding = self.bind("tags", self.tr("tags"), self.tags_edit,
                            lambda: split_tags(self.tags_edit.text()),
                            lambda tags: self._set_line(self.tags_edit, ", ".join(tags)),
                            self.tags_edit.editingFinished, self.tags_edit.isModified)
        self.add_row(self.form, self.tr("Ta&gs"), binding)
        self.sources_list = CheckList(max_rows=4)
        self._checks_field("sources", self.tr("Sour&ces"), self.tr("sources"),
                           self.sources_list)
        self.restricted_check = QCheckBox(self.tr("Restr&icted: not for wider distribution"))
        binding = self.bind("restricted", self.tr("restriction"), self.restricted_check,
                            self._read_restricted, self._write_restricted,
                            self.restricted_check.clicked)
        self.add_row(self.form, "", binding)

    def _line_field(self, name: str, label: str, noun: str, edit: QLineEdit,
                    strip: bool) -> None:
        binding = self.bind(name, noun, edit,
                            lambda: edit.text().strip() if strip else edit.text(),
                            lambda value: self._set_line(edit, value),
                            edit.editingFinished, edit.isModified)
        self.add_row(self.form, label, binding)

    def _combo_field(self, name: str, label: str, noun: str, combo: ChoiceCombo) -> None:
        binding = self.bind(name, noun, combo, combo.value, combo.set_value,
                            combo.currentIndexChanged)
        self.add_row(self.form, label, binding)

    def _date_field(self, name: str, label: str, noun: str, edit: PartialDateEdit) -> None:
        binding = self.bind(name, noun, edit, edit.date, edit.set_date,
                            edit.editing_finished, edit.is_modified)
        self.add_row(self.form, label, binding)

    def _checks_field(self, name: str, label: str, noun: str, checks: CheckList) -> None:
        binding = self.bind(name, noun, checks, lambda: self._read_checks(name, checks),
                            checks.set_checked, checks.checks_changed)
        self.add_row(self.form, label, binding)

    @staticmethod
    def _set_line(edit: QLineEdit, text: str) -> None:
        if edit.text() != text:
            edit.setText(text)
        edit.setModified(False)

    # -- showing ---------------------------------------------------------------

    def show_events(self, events: list[Event], choices: bool = True) -> None:
        """Show `events`: every field of one, the shared fields of several.

        A new choice of events replaces every field (what was being typed for
        the previous event is kept for it first); the same events again only
        update fields the user is not typing in. `choices`: False when the
        project's tracks, parties and sources are as last shown.
        """
        if self._committing:
            return  # our own change coming back; the field that made it updates itself
        ids = [e.id for e in events]
        if choices or ids != self._ids:
            self._refill_choices()
        if ids != self._ids:
            self.commit_typing()
            self._ids = ids
            self._show_shape(len(events))
            self.load(self._values(events), force=True)
        else:
            self.load(self._values(events), force=False)

    def _show_shape(self, count: int) -> None:
        several = count > 1
        self.heading.setVisible(several)
        self.heading.setText(self.tr("A change here applies to every selected event."))
        for name, binding in self.fields.items():
            self.form.setRowVisible(binding.row, not several or name in SHARED_FIELDS)

    def _values(self, events: list[Event]) -> dict[str, Any]:
        values: dict[str, Any] = {}
        names = SHARED_FIELDS if len(events) > 1 else self.fields if events else ()
        for name in names:
            found = {getattr(e, name) for e in events}
            values[name] = getattr(events[0], name) if len(found) == 1 else MIXED
        return values

    def _refill_choices(self) -> None:
        self.forget_shown()
        project = self.session.project
        self.track_combo.set_choices([(t.id, t.name) for t in project.tracks])
        self.parties_list.set_choices([(p.id, p.name) for p in project.parties])
        self.sources_list.set_choices([(s.id, s.title) for s in project.sources])

    def focus_title(self) -> None:
        """Put the cursor in the title with all of it selected, ready to retype."""
        self.title_edit.setFocus()
        self.title_edit.selectAll()

    def set_editable(self, editable: bool) -> None:
        """Allow changes (True) or only reading (False)."""
        for edit in (self.title_edit, self.location_edit, self.tags_edit):
            edit.setReadOnly(not editable)
        self.summary_edit.setReadOnly(not editable)
        for date_edit in (self.start_edit, self.end_edit):
            date_edit.set_read_only(not editable)
        for widget in (self.kind_combo, self.track_combo, self.status_combo,
                       self.restricted_check):
            widget.setEnabled(editable)
        for checks in (self.parties_list, self.sources_list):
            checks.set_read_only(not editable)

    # -- changing --------------------------------------------------------------

    def current_events(self) -> list[Event]:
        """The shown events as the project holds them now."""
        index = index_of(self.session.project).events
        return [index[i] for i in self._ids if i in index]

    def change_for(self, name: str, value: Any) -> tuple[ChangeSet, str] | Problem | None:
        """The change setting field `name` to `value` on every shown event."""
        events = self.current_events()
        changed = [replace(e, **{name: value}) for e in events if getattr(e, name) != value]
        if not changed:
            return None
        for event in changed:
            problems = validate_event_fields(event)
            if problems:
                return problems[0]
        noun = self.fields[name].noun
        if len(events) == 1:
            text = fill(self.tr("Edit %1 of %2"), noun, quoted(events[0].title))
        else:
            text = fill(self.tr("Set %1 of %n events", "", len(events)), noun)
        return ChangeSet(put_events=tuple(changed)), text

    def problem_text(self, problem: Problem) -> str:
        """A sentence for a problem with an event's fields."""
        where = problem.where.rsplit(".", 1)[-1]
        if where == "end":
            return self.tr("The end date is before the start date.")
        if where == "title":
            return self.tr("An event needs a title.")
        return f"{where}: {problem.message}"

    def _read_checks(self, name: str, checks: CheckList) -> tuple[str, ...]:
        events = self.current_events()
        before = getattr(events[0], name) if events else ()
        return keep_order(before, checks.checked())

    def _read_restricted(self) -> Any:
        return self.restricted_check.isChecked()

    def _write_restricted(self, value: Any) -> None:
        self.restricted_check.setTristate(value is MIXED)
        self.restricted_check.setCheckState(_check_state(None if value is MIXED else value))


def split_tags(text: str) -> tuple[str, ...]:
    """Tags from comma-separated text, trimmed, without blanks or repeats."""
    return tuple(dict.fromkeys(t.strip() for t in text.split(",") if t.strip()))


def _check_state(value: bool | None) -> Qt.CheckState:
    if value is None:
        return Qt.CheckState.PartiallyChecked
    return Qt.CheckState.Checked if value else Qt.CheckState.Unchecked
