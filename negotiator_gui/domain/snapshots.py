"""Records as plain dicts (dates as text), for the change history's before and after."""

from __future__ import annotations

import dataclasses
import functools
from typing import Any

from negotiator_gui.domain.dates import PartialDate
from negotiator_gui.domain.model import Project

RecordKey = tuple[str, str]


def plain(value: Any) -> Any:
    """A record (or part of one) as JSON-ready values."""
    if isinstance(value, PartialDate):
        return value.iso()
    names = _field_names(type(value))
    if names is not None:
        return {name: plain(getattr(value, name)) for name in names}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    return value


@functools.cache
def _field_names(kind: type) -> tuple[str, ...] | None:
    """A dataclass's fields but its items (None: not a dataclass); asked once per class."""
    if not dataclasses.is_dataclass(kind):
        return None
    return tuple(f.name for f in dataclasses.fields(kind) if f.name != "items")


def record_documents(project: Project, keys: set[RecordKey],
                     link_id=lambda key: "\x1f".join(key)) -> dict[RecordKey, dict]:
    """The keyed records of `project` as dicts; keys not in the project are left out.

    Keys are (kind, id) with kinds event, item, link, party, track and source;
    a link's id is its from, to and kind joined by `link_id`.
    """
    wanted: dict[str, set[str]] = {}
    for kind, rid in keys:
        wanted.setdefault(kind, set()).add(rid)
    out: dict[RecordKey, dict] = {}
    for kind, records in (("party", project.parties), ("track", project.tracks),
                          ("source", project.sources), ("event", project.events)):
        for record in records:
            if record.id in wanted.get(kind, ()):
                out[(kind, record.id)] = plain(record)
    for event in project.events:
        for item in event.items:
            if item.id in wanted.get("item", ()):
                out[("item", item.id)] = {**plain(item), "event": event.id}
    for link in project.links:
        rid = link_id(link.key)
        if rid in wanted.get("link", ()):
            out[("link", rid)] = plain(link)
    return out
