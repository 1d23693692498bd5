"""changes.apply patches the project and its index by bisection: it must give exactly
what sorting everything afresh gives, for any sequence of edits."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import replace

from negotiator_gui.domain import changes
from negotiator_gui.domain.changes import ChangeSet, index_of
from negotiator_gui.domain.dates import PartialDate
from negotiator_gui.domain.model import Event, Item, Link, Project


def _event(rng: random.Random, n: int) -> Event:
    items = tuple(Item(f"i{n}-{k}", f"text {k}", subject=rng.choice(["", "a", "b", "c"]))
                  for k in range(rng.randint(0, 3)))
    return Event(f"e{n}", f"Event {n}", "t", PartialDate(2000 + rng.randrange(5),
                                                         rng.randint(1, 12), rng.randint(1, 28)),
                 items=items, kind=rng.choice(["round", "meeting", "statement"]),
                 parties=tuple(rng.sample(["p1", "p2", "p3"], rng.randint(0, 2))))


def _by_sorting(project: Project, change: ChangeSet) -> tuple:
    events = {e.id: e for e in project.events}
    for event_id in change.delete_events:
        events.pop(event_id, None)
    for event in change.put_events:
        events[event.id] = event
    links = {lk.key: lk for lk in project.links}
    for key in change.delete_links:
        links.pop(key, None)
    for link in change.put_links:
        links[link.key] = link
    return (tuple(sorted(events.values(), key=lambda e: (e.start.iso(), e.id))),
            tuple(sorted(links.values(), key=lambda lk: lk.key)))


def _check_index(project: Project) -> None:
    index = index_of(project)
    assert index.events == {e.id: e for e in project.events}
    assert index.order == [(e.start.iso(), e.id) for e in project.events]
    assert index.links == {lk.key: lk for lk in project.links}
    assert index.link_order == [lk.key for lk in project.links]
    assert index.item_count == sum(len(e.items) for e in project.events)
    assert index.subjects == Counter(i.subject for e in project.events for i in e.items
                                     if i.subject)
    assert index.tally("kinds") == Counter(e.kind for e in project.events)
    assert index.tally("lead_parties") == Counter(p for e in project.events
                                                  for p in e.parties[:1])
    assert index.counts() == project._counted()


def test_small_edits_patch_the_project_as_a_full_sort_would():
    rng = random.Random(7)
    project = Project(events=tuple(_event(rng, n) for n in range(40)))
    project = changes.apply(project, ChangeSet())   # sorted once
    for name in ("subjects", "kinds", "lead_parties"):  # built, so that they are carried over
        index_of(project).tally(name)
    index_of(project).item_count  # noqa: B018
    for step in range(300):
        ids = [e.id for e in project.events]
        put = tuple(_event(rng, rng.randrange(60)) for _ in range(rng.randint(0, 3)))
        gone = tuple(rng.sample(ids, min(len(ids), rng.randint(0, 2))))
        items = [i.id for e in project.events for i in e.items]
        new_links = tuple(Link(*rng.sample(items, 2)) for _ in range(rng.randint(0, 2))) \
            if len(items) > 1 else ()
        old_links = tuple(lk.key for lk in project.links if rng.random() < 0.1)
        change = ChangeSet(put_events=put, delete_events=gone, put_links=new_links,
                           delete_links=old_links)
        expected = _by_sorting(project, change)
        previous, project = project, changes.apply(project, change)
        assert (project.events, project.links) == expected, f"step {step}"
        _check_index(project)
        if step % 10 == 0:  # the base gave its parts away: it makes them again when asked
            _check_index(previous)
            index_of(previous).tally("kinds")


def test_a_project_listed_out_of_order_is_sorted_by_apply():
    rng = random.Random(3)
    events = [_event(rng, n) for n in range(20)]
    rng.shuffle(events)
    links = (Link("z", "a"), Link("a", "b"))
    project = Project(events=tuple(events), links=links)
    moved = Event("e5", "Moved", "t", PartialDate(1999, 1, 1))
    after = changes.apply(project, ChangeSet(put_events=(moved,), put_links=(Link("m", "n"),)))
    assert (after.events, after.links) == _by_sorting(
        project, ChangeSet(put_events=(moved,), put_links=(Link("m", "n"),)))
    assert after.events[0] is moved
    _check_index(after)


def test_the_same_event_put_twice_keeps_the_last_and_the_base_is_untouched():
    rng = random.Random(5)
    project = changes.apply(Project(events=tuple(_event(rng, n) for n in range(10))),
                            ChangeSet())
    before = (project.events, dict(index_of(project).events), list(index_of(project).order))
    first = Event("e3", "First", "t", PartialDate(2010, 1, 1))
    last = Event("e3", "Last", "t", PartialDate(1990, 1, 1))
    after = changes.apply(project, ChangeSet(put_events=(first, last)))
    assert [e for e in after.events if e.id == "e3"] == [last]
    assert after.events[0] is last
    assert (project.events, index_of(project).events, index_of(project).order) == before
    _check_index(after)


def test_the_index_is_no_field_of_the_project():
    project = Project(events=(Event("a", "A", "t", PartialDate(2000)),))
    twin = Project(events=project.events)
    index_of(project).events  # noqa: B018
    assert project == twin
    assert "_project_index" not in repr(project)


def test_history_after_snapshots_need_only_the_records_a_change_puts():
    from negotiator_gui.storage.versioned import WritePlan, _snapshot, written
    rng = random.Random(11)
    project = changes.apply(Project(events=tuple(_event(rng, n) for n in range(30)),
                                    links=(Link("i1-0", "i2-0"), Link("i3-0", "i4-0"))),
                            ChangeSet())
    for fresh in range(1000, 1200):  # item ids stay unique across events, as validation keeps
        events = list(project.events)
        a, b = rng.sample(events, 2)
        if a.items:  # an item moves from a to b
            a, b = replace(a, items=a.items[1:]), replace(b, items=(*b.items, a.items[0]))
        gone = rng.choice([e for e in events if e.id not in (a.id, b.id)])
        change = ChangeSet(put_events=(a, b, _event(rng, fresh)),
                           delete_events=(gone.id,),
                           put_links=(Link("i5-0", f"i{rng.randrange(30)}-1"),),
                           delete_links=tuple(lk.key for lk in project.links[:1]))
        keys = WritePlan.of(change, project).keys
        assert _snapshot(written(project, change), keys) == \
            _snapshot(changes.apply(project, change), keys)
        project = changes.apply(project, change)


def test_a_copied_or_pickled_project_makes_its_own_index():
    import copy
    import pickle
    rng = random.Random(9)
    project = changes.apply(Project(events=tuple(_event(rng, n) for n in range(5))),
                            ChangeSet())
    index_of(project).events  # noqa: B018
    for twin in (pickle.loads(pickle.dumps(project)), copy.deepcopy(project),
                 copy.copy(project)):
        assert twin == project
        _check_index(twin)
        assert index_of(twin) is not index_of(project) or twin is project
