"""The filter in a line, in the window's language: 'Iran, P5+1 · Round of talks · since Feb 2013'.

The window's counterpart of domain.filtering.describe (which stays English for the
command line): the vocabulary through ui/vocab_labels, dates through ui/date_text,
the rest through tr().
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication

from negotiator_gui.domain.dates import PartialDate
from negotiator_gui.domain.filtering import FilterSpec, names_in_order
from negotiator_gui.domain.model import Project
from negotiator_gui.ui import date_text, vocab_labels


def describe(spec: FilterSpec, project: Project | None = None) -> str:
    """A one-line account of the filter, for a status bar; '' for an empty filter.

    Args:
        spec: the filter.
        project: gives parties' and tracks' names (in the project's order); ids
            are shown without it.
    """
    party_names = {p.id: p.label for p in project.parties} if project else {}
    track_names = {t.id: t.name for t in project.tracks} if project else {}
    restricted = {
        "only": QCoreApplication.translate("FilterText", "restricted only"),
        "hide": QCoreApplication.translate("FilterText", "restricted hidden"),
    }.get(spec.restricted, "")
    text = spec.text.strip()
    parts = [
        names_in_order(spec.parties, party_names),
        names_in_order(spec.tracks, track_names),
        _joined(vocab_labels.event_kind(k) for k in sorted(spec.kinds)),
        _joined(vocab_labels.item_type(t) for t in sorted(spec.item_types)),
        _joined(_status(s) for s in sorted(spec.statuses)),
        _joined(f"#{tag}" for tag in sorted(spec.tags)),
        _period(spec.start, spec.end),
        restricted,
        QCoreApplication.translate("FilterText", "“{0}”").format(text) if text else "",
    ]
    return " · ".join(part for part in parts if part)


def _joined(parts: Iterable[str]) -> str:
    return ", ".join(parts)


def _status(word: str) -> str:
    events, items = vocab_labels.event_statuses(), vocab_labels.item_statuses()
    return events.get(word) or items.get(word) or word


def _period(start: PartialDate | None, end: PartialDate | None) -> str:
    if start and end:
        return QCoreApplication.translate("FilterText", "{0} – {1}").format(
            date_text.label(start, short=True), date_text.label(end, short=True))
    if start:
        return QCoreApplication.translate("FilterText", "since {0}").format(
            date_text.label(start, short=True))
    if end:
        return QCoreApplication.translate("FilterText", "until {0}").format(
            date_text.label(end, short=True))
    return ""
