"""The ICS calendar: one all-day VEVENT per event, escaped and folded as RFC 5545 says."""

from __future__ import annotations

import datetime as dt

from negotiator_gui.domain.dates import PartialDate
from negotiator_gui.domain.selection import Selection
from negotiator_gui.export.ics import escape_text, fold, ics_text, write_ics
from negotiator_gui.operations import sample_document
from tests.builders import a_project, an_event, an_item

ISSUED = dt.date(2024, 5, 3)


def parse(text: str) -> list[dict[str, list[tuple[str, str]]]]:
    """The VEVENTs of a calendar as {name: [(parameters, value)]}, checking the
    structure on the way: CRLF ends, lines of at most 75 octets, balanced blocks."""
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    physical = text.split("\r\n")[:-1]
    assert all(len(line.encode("utf-8")) <= 75 for line in physical)
    unfolded: list[str] = []
    for line in physical:
        if line.startswith(" "):
            unfolded[-1] += line[1:]
        else:
            unfolded.append(line)
    assert unfolded[0] == "BEGIN:VCALENDAR" and unfolded[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in unfolded and any(u.startswith("PRODID:") for u in unfolded)
    events, current = [], None
    for line in unfolded[1:-1]:
        if line == "BEGIN:VEVENT":
            assert current is None
            current = {}
        elif line == "END:VEVENT":
            events.append(current)
            current = None
        elif current is not None:
            name_params, value = line.split(":", 1)
            name, _, params = name_params.partition(";")
            current.setdefault(name, []).append((params, value))
    assert current is None
    return events


def unescape(value: str) -> str:
    out, chars = [], iter(value)
    for char in chars:
        if char == "\\":
            nxt = next(chars)
            out.append("\n" if nxt in "nN" else nxt)
        else:
            out.append(char)
    return "".join(out)


def test_one_all_day_vevent_per_event():
    project = sample_document()
    events = parse(ics_text(project, Selection(), ISSUED))
    assert len(events) == len(project.events)
    by_title = {unescape(e["SUMMARY"][0][1]): e for e in events}
    almaty = by_title["Almaty talks, first round"]
    assert almaty["DTSTART"] == [("VALUE=DATE", "20130226")]
    assert almaty["DTEND"] == [("VALUE=DATE", "20130228")]  # the day after the last
    assert almaty["DTSTAMP"] == [("", "20240503T000000Z")]
    for event in events:
        for required in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"):
            assert len(event[required]) == 1


def test_month_and_year_precision_cover_the_whole_month_or_year():
    project = a_project(events=(an_event(id="m", start=PartialDate(2013, 2), end=None),
                                an_event(id="y", start=PartialDate(2014), end=None)))
    events = {e["UID"][0][1]: e for e in parse(ics_text(project, Selection(), ISSUED))}
    assert events["m@negotiator"]["DTSTART"][0][1] == "20130201"
    assert events["m@negotiator"]["DTEND"][0][1] == "20130301"
    assert events["y@negotiator"]["DTSTART"][0][1] == "20140101"
    assert events["y@negotiator"]["DTEND"][0][1] == "20150101"


def test_text_is_escaped_and_folded():
    title = "Talks, round 2; Vienna\\Geneva\nsecond line " + "é" * 80 + " مذاکرات \x1b"
    project = a_project(events=(an_event(title=title, location="A, B; C"),))
    event = parse(ics_text(project, Selection(), ISSUED))[0]
    assert unescape(event["SUMMARY"][0][1]) == title.replace("\x1b", "[ESC]")
    assert event["LOCATION"][0][1] == "A\\, B\\; C"
    assert escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"


def test_folding_never_splits_a_character():
    line = "SUMMARY:" + "ж" * 100
    folded = fold(line)
    parts = folded.split("\r\n")
    assert all(len(p.encode("utf-8")) <= 75 for p in parts)
    assert "".join(p[1:] if n else p for n, p in enumerate(parts)) == line


def test_restricted_events_and_items_are_left_out():
    secret = an_event(id="secret", title="Secret ZQX", restricted=True)
    shown = an_event(items=(an_item(text="Restricted RRW", restricted=True),
                            an_item(id="ok", text="Open item")))
    project = a_project(events=(shown, secret))
    text = ics_text(project, Selection(include_restricted=False), ISSUED).replace("\r\n ", "")
    assert "ZQX" not in text and "RRW" not in text and "Open item" in text
    full = ics_text(project, Selection(), ISSUED).replace("\r\n ", "")
    assert "ZQX" in full and "CLASS:CONFIDENTIAL" in full


def test_write_ics_replaces_the_file(tmp_path):
    path = tmp_path / "talks.ics"
    path.write_text("old")
    write_ics(sample_document(), Selection(), path, ISSUED)
    assert path.read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")
    assert [p.name for p in tmp_path.iterdir()] == ["talks.ics"]
