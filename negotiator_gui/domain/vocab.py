"""The fixed words of the domain: event kinds and statuses, item types, link kinds."""

from __future__ import annotations

EVENT_KINDS: dict[str, str] = {
    "round": "Round of talks",
    "expert-meeting": "Technical-experts meeting",
    "meeting": "Meeting",
    "statement": "Statement",
    "report": "Report",
    "deadline": "Deadline",
    "milestone": "Milestone",
    "other": "Other",
}

EVENT_STATUSES: dict[str, str] = {
    "planned": "Planned",
    "held": "Held",
    "postponed": "Postponed",
    "cancelled": "Cancelled",
}

ITEM_TYPES: dict[str, str] = {
    "proposal": "Proposal",
    "concession": "Concession",
    "relief": "Relief",
    "demand": "Demand",
    "commitment": "Commitment",
    "red-line": "Red line",
}

ITEM_STATUSES: dict[str, str] = {
    "floated": "Floated",
    "proposed": "Proposed",
    "agreed": "Agreed",
    "implemented": "Implemented",
    "rejected": "Rejected",
    "withdrawn": "Withdrawn",
}

LINK_KINDS: dict[str, str] = {
    "in-exchange-for": "in exchange for",
    "responds-to": "responds to",
    "supersedes": "supersedes",
    "conditional-on": "conditional on",
}

DEFAULT_EVENT_KIND = "other"
DEFAULT_EVENT_STATUS = "held"
DEFAULT_ITEM_TYPE = "proposal"
DEFAULT_ITEM_STATUS = "proposed"
DEFAULT_LINK_KIND = "in-exchange-for"


def choices_text(words: dict[str, str]) -> str:
    """The allowed words, for a message: 'planned, held, postponed or cancelled'."""
    keys = list(words)
    return ", ".join(keys[:-1]) + " or " + keys[-1]
