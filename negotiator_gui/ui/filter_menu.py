"""FilterMenu: the Filters menu of the filter bar: tick boxes per criterion, dates, dim or hide."""

from __future__ import annotations

import html
from collections import Counter
from dataclasses import replace
from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QMenu, QWidget, QWidgetAction

from negotiator_gui.domain.errors import DateError
from negotiator_gui.domain.filtering import FilterSpec
from negotiator_gui.domain.model import Party
from negotiator_gui.ui import vocab_labels
from negotiator_gui.ui.partial_date_edit import parse_date_text
from negotiator_gui.ui.session import ProjectSession

FLAT_LIMIT = 30      # more choices than this are grouped into submenus
GROUP_SIZE = 25
MOST_USED = 10
_INVALID_STYLE = "QLineEdit { border: 1px solid #d55e00; }"
Choices = list[tuple[str, str]]


class StayOpenMenu(QMenu):
    """A menu whose check boxes can be ticked one after another without it closing."""

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        action = self.actionAt(event.position().toPoint())
        if action is not None and action.isEnabled() and action.isCheckable() \
                and action.actionGroup() is None:
            action.trigger()
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        action = self.activeAction()
        if event.key() == Qt.Key.Key_Space and action is not None and action.isCheckable():
            action.trigger()
            return
        super().keyPressEvent(event)


class FilterMenu(StayOpenMenu):
    """Choices for every criterion but the text; sections fill from the project when opened.

    Signals:
        spec_edited(object): the FilterSpec the user made by ticking or typing here.

    Attributes:
        sections: name ("parties", "tracks", "kinds", "item_types", "statuses",
            "tags") -> its submenu.
        clear_action: "Clear filters"; the bar acts on it.
    """

    spec_edited = Signal(object)

    def __init__(self, session: ProjectSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.spec = FilterSpec()
        self.sections: dict[str, QMenu] = {}
        for name, title in self._section_titles().items():
            section = StayOpenMenu(title, self)
            section.aboutToShow.connect(partial(self._fill_section, name))
            self.addMenu(section)
            self.sections[name] = section
        self.restricted_menu = self.addMenu(self.tr("Restricted"))
        self.restricted_actions = self._radio_section(
            self.restricted_menu, "restricted",
            {"all": self.tr("All events"), "only": self.tr("Only restricted"),
             "hide": self.tr("Hide restricted")})
        self.addSeparator()
        self.addAction(self._date_action())
        self.addSection(self.tr("Events that do not match"))
        self.mode_actions = self._radio_section(
            self, "mode", {"dim": self.tr("Dim the rest"), "hide": self.tr("Hide the rest")})
        self.addSeparator()
        self.clear_action = QAction(self.tr("Clear filters"), self)
        self.clear_action.setToolTip(self.tr("Show every event again"))
        self.addAction(self.clear_action)

    def _section_titles(self) -> dict[str, str]:
        return {"parties": self.tr("Parties"), "tracks": self.tr("Tracks"),
                "kinds": self.tr("Kinds"), "item_types": self.tr("Item types"),
                "statuses": self.tr("Statuses"), "tags": self.tr("Tags")}

    def _radio_section(self, menu: QMenu, field: str,
                       labels: dict[str, str]) -> dict[str, QAction]:
        group = QActionGroup(menu)
        actions = {}
        for value, label in labels.items():
            action = menu.addAction(label)
            action.setCheckable(True)
            group.addAction(action)
            action.triggered.connect(partial(self._on_radio_triggered, field, value))
            actions[value] = action
        return actions

    def _date_action(self) -> QWidgetAction:
        box = QWidget(self)
        layout = QHBoxLayout(box)
        layout.setContentsMargins(24, 4, 10, 4)
        layout.addWidget(QLabel(self.tr("From")))
        self.from_edit, self.to_edit = QLineEdit(), QLineEdit()
        for edit, name in ((self.from_edit, self.tr("From date")),
                           (self.to_edit, self.tr("To date"))):
            edit.setPlaceholderText(self.tr("YYYY[-MM[-DD]]"))
            edit.setAccessibleName(name)
            edit.setFixedWidth(edit.fontMetrics().horizontalAdvance("YYYY[-MM[-DD]]__") + 12)
            edit.editingFinished.connect(self._on_date_edit_editing_finished)
            layout.addWidget(edit)
            if edit is self.from_edit:
                layout.addWidget(QLabel(self.tr("to")))
        action = QWidgetAction(self)
        action.setDefaultWidget(box)
        return action

    # -- showing the filter --------------------------------------------------------

    def show_spec(self, spec: FilterSpec) -> None:
        """Tick, title and fill everything as `spec` says (typed dates with focus stay)."""
        self.spec = spec
        for name, title in self._section_titles().items():
            chosen = getattr(spec, name)
            self.sections[name].setTitle(f"{title} ({len(chosen)})" if chosen else title)
            _sync_checks(self.sections[name], chosen)
        self.restricted_actions[spec.restricted].setChecked(True)
        self.restricted_menu.setTitle({"only": self.tr("Restricted (only)"),
                                       "hide": self.tr("Restricted (hidden)")}.get(
            spec.restricted, self.tr("Restricted")))
        self.mode_actions[spec.mode].setChecked(True)
        for edit, value in ((self.from_edit, spec.start), (self.to_edit, spec.end)):
            if not edit.hasFocus():
                edit.setText(value.iso() if value else "")
                self._mark_date(edit, "")
        self.clear_action.setEnabled(not spec.is_empty())

    def _fill_section(self, name: str) -> None:
        section = self.sections[name]
        section.clear()
        chosen = getattr(self.spec, name)
        groups = self._choices(name)
        known = {value for group in groups.values() for value, _ in group}
        stale = [(value, value) for value in sorted(chosen - known)]
        if stale:
            groups[self.tr("No longer in the project")] = stale
        for heading, choices in groups.items():
            if heading:
                section.addSection(heading)
            self._add_choices(section, name, choices, chosen)
        if not section.actions():
            section.addAction(self.tr("None in this project")).setEnabled(False)

    def _add_choices(self, menu: QMenu, name: str, choices: Choices,
                     chosen: frozenset[str]) -> None:
        if len(choices) > FLAT_LIMIT:
            for start in range(0, len(choices), GROUP_SIZE):
                group = choices[start:start + GROUP_SIZE]
                title = f"{group[0][1]} – {group[-1][1]}"
                self._add_choices(menu.addMenu(StayOpenMenu(title, menu)).menu(),
                                  name, group, chosen)
            return
        for value, label in choices:
            action = menu.addAction(label)
            action.setCheckable(True)
            action.setData(value)
            action.setChecked(value in chosen)
            action.toggled.connect(partial(self._on_choice_toggled, name, value))

    def _choices(self, name: str) -> dict[str, Choices]:
        """The values to offer for a section, under headings ('' for none)."""
        project = self.session.project
        if name == "parties":
            return {"": [(p.id, party_label(p)) for p in project.parties]}
        if name == "tracks":
            tracks = sorted(project.tracks, key=lambda t: t.order)
            return {"": [(t.id, t.name) for t in tracks]}
        if name == "kinds":
            return {"": list(vocab_labels.event_kinds().items())}
        if name == "item_types":
            return {"": list(vocab_labels.item_types().items())}
        if name == "statuses":
            return {self.tr("Events"): list(vocab_labels.event_statuses().items()),
                    self.tr("Items"): list(vocab_labels.item_statuses().items())}
        return self._tag_choices()

    def _tag_choices(self) -> dict[str, Choices]:
        """Every tag, A to Z; with many, the most used come first."""
        counts = Counter(tag for event in self.session.project.events for tag in event.tags)
        every = [(tag, tag) for tag in sorted(counts, key=str.casefold)]
        if len(every) <= FLAT_LIMIT:
            return {"": every}
        top = [(tag, tag) for tag, _ in counts.most_common(MOST_USED)]
        return {self.tr("Most used"): top, self.tr("All tags"): every}

    def _mark_date(self, edit: QLineEdit, problem: str) -> None:
        edit.setStyleSheet(_INVALID_STYLE if problem else "")
        edit.setToolTip(html.escape(problem) if problem
                        else self.tr("A year, a month (2013-02) or a day (2013-02-26)"))

    # -- handlers ----------------------------------------------------------------------

    def _on_choice_toggled(self, name: str, value: str, checked: bool) -> None:
        values = set(getattr(self.spec, name))
        values = values | {value} if checked else values - {value}
        self.spec_edited.emit(self.spec.with_values(name, values))

    def _on_radio_triggered(self, field: str, value: str) -> None:
        self.spec_edited.emit(replace(self.spec, **{field: value}))

    def _on_date_edit_editing_finished(self) -> None:
        dates = {}
        for edit, field in ((self.from_edit, "start"), (self.to_edit, "end")):
            try:
                dates[field] = parse_date_text(edit.text())
            except DateError as exc:
                self._mark_date(edit, str(exc))
                return
            self._mark_date(edit, "")
        start, end = dates["start"], dates["end"]
        if start and end and end.last_day() < start.first_day():
            self._mark_date(self.to_edit, self.tr("The range ends before it starts"))
            return
        if (start, end) != (self.spec.start, self.spec.end):
            self.spec_edited.emit(replace(self.spec, start=start, end=end))


def party_label(party: Party) -> str:
    """'US — United States'; just the name when it begins with the short name."""
    name = party.name if len(party.name) <= 50 else party.name[:49] + "…"
    if not party.short or party.name.startswith(party.short):
        return name or party.id
    return f"{party.short} — {name}"


def _sync_checks(menu: QMenu, chosen: frozenset[str]) -> None:
    """Tick exactly the chosen values, in `menu` and its submenus, without signals."""
    for action in menu.actions():
        if action.menu() is not None:
            _sync_checks(action.menu(), chosen)
        elif action.isCheckable() and action.data() is not None:
            blocked = action.blockSignals(True)
            action.setChecked(action.data() in chosen)
            action.blockSignals(blocked)
