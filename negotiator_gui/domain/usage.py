"""What uses a party, track or source, and the change sets that add, edit, merge and delete them."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

from negotiator_gui.domain.changes import ChangeSet
from negotiator_gui.domain.errors import NegotiatorError
from negotiator_gui.domain.model import Event, Item, Party, Project, Source, Track

Record = Party | Track | Source

# The kinds of record these editors handle, and the project list that holds each.
KINDS = {"party": "parties", "track": "tracks", "source": "sources"}
_ALIASES = {**{k: k for k in KINDS}, **{v: k for k, v in KINDS.items()}}
_CLIP = 60


class RecordError(NegotiatorError, ValueError):
    """A change to parties, tracks or sources that cannot be made as asked."""


class RecordInUseError(RecordError):
    """A record cannot be deleted while events, items or parties still use it.

    Attributes:
        usages: what still uses it, one description each.
    """

    def __init__(self, kind: str, label: str, usages: list[str]) -> None:
        self.usages = list(usages)
        super().__init__(f"{kind} “{label}” is still used by {len(usages)} record(s): "
                         + "; ".join(usages))


def kind_of(kind: str) -> str:
    """The singular kind ('party', 'track', 'source') for a singular or plural name.

    Raises:
        RecordError: not one of those kinds.
    """
    try:
        return _ALIASES[kind]
    except KeyError:
        raise RecordError(f"unknown kind of record '{kind}'") from None


def records(project: Project, kind: str) -> tuple[Record, ...]:
    """The parties, tracks or sources of `project`, in their order."""
    return getattr(project, KINDS[kind_of(kind)])


def find(project: Project, kind: str, record_id: str) -> Record | None:
    """The record of `kind` with `record_id`, or None."""
    return next((r for r in records(project, kind) if r.id == record_id), None)


def label(record: Record) -> str:
    """How a person names the record: a party's short name, a track's name, a title."""
    if isinstance(record, Party):
        return record.label
    text = record.name if isinstance(record, Track) else record.title
    return text or record.id


def clip(text: str, limit: int = _CLIP) -> str:
    """`text` on one line, cut to `limit` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _event(event: Event, role: str) -> str:
    return f"event “{clip(event.title or event.id)}” ({role})"


def _item(item: Item, roles: Iterable[str]) -> str:
    return f"item “{clip(item.text or item.id)}” ({', '.join(roles)})"


def usages(project: Project, kind: str, record_id: str) -> list[str]:
    """Every event, item and party that names the record, described for a person.

    Args:
        project: the project to look in.
        kind: 'party', 'track' or 'source' (or the plural).
        record_id: the id of the record.

    Returns:
        Descriptions such as 'event “Almaty talks, first round” (parties)',
        in event order; empty when nothing uses the record.
    """
    kind = kind_of(kind)
    found: list[str] = []
    for event in project.events:
        if kind == "track" and event.track == record_id:
            found.append(_event(event, "track"))
        elif kind != "track" and record_id in getattr(event, KINDS[kind]):
            found.append(_event(event, KINDS[kind]))
        for item in event.items:
            roles = _item_roles(item, kind, record_id)
            if roles:
                found.append(_item(item, roles))
    if kind == "party":
        found += [f"party “{clip(p.label)}” (members)" for p in project.parties
                  if record_id in p.members]
    return found


def _item_roles(item: Item, kind: str, record_id: str) -> list[str]:
    if kind == "party":
        return [role for role in ("by", "to") if getattr(item, role) == record_id]
    if kind == "source" and record_id in item.sources:
        return ["sources"]
    return []


# -- change sets ---------------------------------------------------------------


def _with_list(kind: str, new: Sequence[Record]) -> ChangeSet:
    return ChangeSet(**{KINDS[kind_of(kind)]: tuple(new)})


def put_record(project: Project, kind: str, record: Record) -> ChangeSet:
    """Add `record`, or replace the record of the same id, keeping the list's order."""
    old = records(project, kind)
    if any(r.id == record.id for r in old):
        return _with_list(kind, [record if r.id == record.id else r for r in old])
    return _with_list(kind, [*old, record])


def reorder_tracks(project: Project, ids: Sequence[str]) -> ChangeSet:
    """Tracks in the order of `ids` (any not named keep their place at the end),
    numbered 1, 2, 3... ."""
    index = {t.id: t for t in project.tracks}
    ordered = [index[i] for i in dict.fromkeys(ids) if i in index]
    ordered += [t for t in project.tracks if t.id not in set(ids)]
    return ChangeSet(tracks=tuple(replace(t, order=n) for n, t in enumerate(ordered, 1)))


def next_track_order(project: Project) -> int:
    """The order that puts a new track after every other."""
    return max((t.order for t in project.tracks), default=0) + 1


def delete_record(project: Project, kind: str, record_id: str) -> ChangeSet:
    """Remove an unused party, track or source.

    Raises:
        RecordInUseError: something still uses it; its `usages` say what.
        RecordError: there is no such record.
    """
    record = _existing(project, kind, record_id)
    used = usages(project, kind, record_id)
    if used:
        raise RecordInUseError(kind_of(kind), label(record), used)
    return _with_list(kind, [r for r in records(project, kind) if r.id != record_id])


def _existing(project: Project, kind: str, record_id: str) -> Record:
    record = find(project, kind, record_id)
    if record is None:
        raise RecordError(f"there is no {kind_of(kind)} '{record_id}'")
    return record


def _check_pair(project: Project, kind: str, keep_id: str, drop_id: str) -> None:
    if keep_id == drop_id:
        raise RecordError(f"a {kind_of(kind)} cannot be merged into itself")
    _existing(project, kind, keep_id)
    _existing(project, kind, drop_id)


def _swap(values: Iterable[str], keep_id: str, drop_id: str) -> tuple[str, ...]:
    """`values` with `drop_id` replaced by `keep_id`, each value once."""
    return tuple(dict.fromkeys(keep_id if v == drop_id else v for v in values))


def _rewrite_events(project: Project, event_fix: Callable[[Event], Event],
                    item_fix: Callable[[Item], Item]) -> tuple[Event, ...]:
    """Every event that changes when `event_fix` and `item_fix` are applied."""
    changed = []
    for event in project.events:
        new = replace(event_fix(event), items=tuple(item_fix(i) for i in event.items))
        if new != event:
            changed.append(new)
    return tuple(changed)


def merge_parties(project: Project, keep_id: str, drop_id: str) -> ChangeSet:
    """Make every reference to party `drop_id` name `keep_id`, then remove `drop_id`.

    Events list the kept party once; items given by or to the dropped party
    are given by or to the kept one; coalitions that had the dropped party as
    a member have the kept one instead (never themselves); the kept party
    gains the dropped party's members.

    Raises:
        RecordError: either party does not exist, or they are the same.
    """
    _check_pair(project, "party", keep_id, drop_id)

    def fix_item(item: Item) -> Item:
        return replace(item, by=keep_id if item.by == drop_id else item.by,
                       to=keep_id if item.to == drop_id else item.to)

    events = _rewrite_events(
        project, lambda e: replace(e, parties=_swap(e.parties, keep_id, drop_id)), fix_item)
    dropped = _existing(project, "party", drop_id)
    parties = []
    for party in project.parties:
        if party.id == drop_id:
            continue
        members = party.members + (dropped.members if party.id == keep_id else ())
        members = tuple(m for m in _swap(members, keep_id, drop_id) if m != party.id)
        parties.append(replace(party, members=members))
    return ChangeSet(put_events=events, parties=tuple(parties))


def merge_tracks(project: Project, keep_id: str, drop_id: str) -> ChangeSet:
    """Move every event of track `drop_id` onto `keep_id`, then remove `drop_id`.

    Raises:
        RecordError: either track does not exist, or they are the same.
    """
    _check_pair(project, "track", keep_id, drop_id)
    events = _rewrite_events(
        project, lambda e: replace(e, track=keep_id) if e.track == drop_id else e,
        lambda i: i)
    return ChangeSet(put_events=events,
                     tracks=tuple(t for t in project.tracks if t.id != drop_id))


def merge_sources(project: Project, keep_id: str, drop_id: str) -> ChangeSet:
    """Make every event and item citing `drop_id` cite `keep_id`, then remove `drop_id`.

    Raises:
        RecordError: either source does not exist, or they are the same.
    """
    _check_pair(project, "source", keep_id, drop_id)
    events = _rewrite_events(
        project, lambda e: replace(e, sources=_swap(e.sources, keep_id, drop_id)),
        lambda i: replace(i, sources=_swap(i.sources, keep_id, drop_id)))
    return ChangeSet(put_events=events,
                     sources=tuple(s for s in project.sources if s.id != drop_id))


_MERGES = {"party": merge_parties, "track": merge_tracks, "source": merge_sources}


def merge_records(project: Project, kind: str, keep_id: str, drop_id: str) -> ChangeSet:
    """`merge_parties`, `merge_tracks` or `merge_sources`, by `kind`."""
    return _MERGES[kind_of(kind)](project, keep_id, drop_id)


def new_id(name: str, taken: Iterable[str], fallback: str = "record") -> str:
    """An id made from `name`: a lower-case ascii slug not in `taken`.

    'New party' gives 'new-party', or 'new-party-2' when that is taken;
    a name with no ascii letters or digits gives `fallback`.
    """
    # Accents fall away (é -> e); any other mark or script separates words.
    chars = [c.lower() if c.isascii() and c.isalnum() else "-"
             for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)]
    base = re.sub(r"-+", "-", "".join(chars)).strip("-")[:60].strip("-") or fallback
    used = set(taken)
    candidate, n = base, 2
    while candidate in used:
        candidate, n = f"{base}-{n}", n + 1
    return candidate
