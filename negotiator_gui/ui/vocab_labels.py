"""The vocabulary's labels in the user's language, for everything the window shows.

domain/vocab.py keeps the English labels (the CLI, the interchange files and the PDF
briefing use them; the domain imports no Qt). Here each label is written out again inside a
literal `QT_TRANSLATE_NOOP("Vocabulary", ...)` so pyside6-lupdate extracts it, and looked up
in the installed translation when shown; tests/ui/test_translations.py checks both lists
hold the same words and labels.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

_EVENT_KINDS = {
    "round": QT_TRANSLATE_NOOP("Vocabulary", "Round of talks"),
    "expert-meeting": QT_TRANSLATE_NOOP("Vocabulary", "Technical-experts meeting"),
    "meeting": QT_TRANSLATE_NOOP("Vocabulary", "Meeting"),
    "statement": QT_TRANSLATE_NOOP("Vocabulary", "Statement"),
    "report": QT_TRANSLATE_NOOP("Vocabulary", "Report"),
    "deadline": QT_TRANSLATE_NOOP("Vocabulary", "Deadline"),
    "milestone": QT_TRANSLATE_NOOP("Vocabulary", "Milestone"),
    "other": QT_TRANSLATE_NOOP("Vocabulary", "Other"),
}
_EVENT_STATUSES = {
    "planned": QT_TRANSLATE_NOOP("Vocabulary", "Planned"),
    "held": QT_TRANSLATE_NOOP("Vocabulary", "Held"),
    "postponed": QT_TRANSLATE_NOOP("Vocabulary", "Postponed"),
    "cancelled": QT_TRANSLATE_NOOP("Vocabulary", "Cancelled"),
}
_ITEM_TYPES = {
    "proposal": QT_TRANSLATE_NOOP("Vocabulary", "Proposal"),
    "concession": QT_TRANSLATE_NOOP("Vocabulary", "Concession"),
    "relief": QT_TRANSLATE_NOOP("Vocabulary", "Relief"),
    "demand": QT_TRANSLATE_NOOP("Vocabulary", "Demand"),
    "commitment": QT_TRANSLATE_NOOP("Vocabulary", "Commitment"),
    "red-line": QT_TRANSLATE_NOOP("Vocabulary", "Red line"),
}
_ITEM_STATUSES = {
    "floated": QT_TRANSLATE_NOOP("Vocabulary", "Floated"),
    "proposed": QT_TRANSLATE_NOOP("Vocabulary", "Proposed"),
    "agreed": QT_TRANSLATE_NOOP("Vocabulary", "Agreed"),
    "implemented": QT_TRANSLATE_NOOP("Vocabulary", "Implemented"),
    "rejected": QT_TRANSLATE_NOOP("Vocabulary", "Rejected"),
    "withdrawn": QT_TRANSLATE_NOOP("Vocabulary", "Withdrawn"),
}
# Lower case: a link kind sits inside a sentence ("A in exchange for B").
_LINK_KINDS = {
    "in-exchange-for": QT_TRANSLATE_NOOP("Vocabulary", "in exchange for"),
    "responds-to": QT_TRANSLATE_NOOP("Vocabulary", "responds to"),
    "supersedes": QT_TRANSLATE_NOOP("Vocabulary", "supersedes"),
    "conditional-on": QT_TRANSLATE_NOOP("Vocabulary", "conditional on"),
}
# The kinds of record the history and the conflict dialog name (not in domain/vocab.py).
_RECORD_KINDS = {
    "event": QT_TRANSLATE_NOOP("Vocabulary", "Event"),
    "item": QT_TRANSLATE_NOOP("Vocabulary", "Item"),
    "link": QT_TRANSLATE_NOOP("Vocabulary", "Link"),
    "party": QT_TRANSLATE_NOOP("Vocabulary", "Party"),
    "track": QT_TRANSLATE_NOOP("Vocabulary", "Track"),
    "source": QT_TRANSLATE_NOOP("Vocabulary", "Source"),
    "project": QT_TRANSLATE_NOOP("Vocabulary", "Project"),
}
ENGLISH = {"event_kinds": _EVENT_KINDS, "event_statuses": _EVENT_STATUSES,
           "item_types": _ITEM_TYPES, "item_statuses": _ITEM_STATUSES,
           "link_kinds": _LINK_KINDS}


def _translated(words: dict[str, str]) -> dict[str, str]:
    return {word: QCoreApplication.translate("Vocabulary", label)
            for word, label in words.items()}


def event_kinds() -> dict[str, str]:
    """Word -> label of each event kind, in the vocabulary's order."""
    return _translated(_EVENT_KINDS)


def event_statuses() -> dict[str, str]:
    """Word -> label of each event status."""
    return _translated(_EVENT_STATUSES)


def item_types() -> dict[str, str]:
    """Word -> label of each item type."""
    return _translated(_ITEM_TYPES)


def item_statuses() -> dict[str, str]:
    """Word -> label of each item status."""
    return _translated(_ITEM_STATUSES)


def link_kinds() -> dict[str, str]:
    """Word -> label of each link kind."""
    return _translated(_LINK_KINDS)


def _one(words: dict[str, str], word: str) -> str:
    label = words.get(word)
    return word if label is None else QCoreApplication.translate("Vocabulary", label)


def event_kind(word: str) -> str:
    """The label of an event kind; an unknown word is shown as it is."""
    return _one(_EVENT_KINDS, word)


def event_status(word: str) -> str:
    """The label of an event status; an unknown word is shown as it is."""
    return _one(_EVENT_STATUSES, word)


def item_type(word: str) -> str:
    """The label of an item type; an unknown word is shown as it is."""
    return _one(_ITEM_TYPES, word)


def item_status(word: str) -> str:
    """The label of an item status; an unknown word is shown as it is."""
    return _one(_ITEM_STATUSES, word)


def link_kind(word: str) -> str:
    """The label of a link kind; an unknown word is shown as it is."""
    return _one(_LINK_KINDS, word)


def record_name(kind: str, record_id: str, doc: dict | None) -> str:
    """'Event “Almaty talks”': a record's kind and its title, name or text (its id when it
    has none; a link's id is cut at its first end)."""
    doc = doc or {}
    name = doc.get("title") or doc.get("name") or doc.get("text") or \
        record_id.split("\x1f")[0]
    word = _RECORD_KINDS.get(kind)
    word = kind if word is None else QCoreApplication.translate("Vocabulary", word)
    return QCoreApplication.translate("Vocabulary", "{kind} “{name}”").format(kind=word,
                                                                              name=name)
