"""A separate writer process for the shared-file tests: adds events, one transaction each.

python -m tests.storage.writer_worker FILE COUNT PREFIX
Prints each event id once its transaction has committed.
"""

from __future__ import annotations

import sys

from negotiator_gui.domain.changes import ChangeSet
from negotiator_gui.domain.dates import PartialDate
from negotiator_gui.domain.model import Event, Item, Project
from negotiator_gui.storage.errors import ProjectBusyError
from negotiator_gui.storage.project_store import ProjectStore


def main(path: str, count: int, prefix: str) -> int:
    failures = 0
    with ProjectStore.open(path) as store:
        for n in range(count):
            event_id = f"{prefix}-{n}"
            event = Event(event_id, f"Meeting {prefix} {n}", "political",
                          PartialDate(2014, 1 + n % 12, 1 + n % 28),
                          items=(Item(f"{event_id}-i", f"Offer {n}", by="iran"),))
            try:
                store.write_versioned(ChangeSet(put_events=(event,)), Project(), {},
                                      f"Add {event_id}")
            except ProjectBusyError as exc:
                failures += 1
                print(f"BUSY {exc}", file=sys.stderr, flush=True)
                continue
            print(event_id, flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2]), sys.argv[3]))
