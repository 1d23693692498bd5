"""The `negotiator` command: results, exit codes and one-line refusals."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from negotiator_gui.cli import main
from negotiator_gui.storage.schema import SCHEMA_VERSION
from tests.conftest import HISTORY, sha256


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def assert_refused(code: int, err: str, *fragments: str) -> None:
    assert code == 1
    first = err.splitlines()[0]
    assert first.startswith("negotiator: ")
    for fragment in fragments:
        assert fragment in err
    assert "Traceback" not in err


def test_new_makes_an_empty_project_with_a_title(capsys, tmp_path):
    path = tmp_path / "vienna.sqlite"
    assert run(capsys, "new", str(path), "--title", "Vienna talks")[0] == 0
    code, out, _ = run(capsys, "info", str(path))
    assert code == 0
    assert "title: Vienna talks" in out
    assert "events: 0" in out


def test_demo_makes_the_sample_and_info_counts_it(capsys, tmp_path):
    path = tmp_path / "demo.sqlite"
    assert run(capsys, "demo", str(path))[0] == 0
    code, out, _ = run(capsys, "info", str(path))
    assert code == 0
    assert "events: 5" in out and "links: 8" in out
    assert "period: February 2013 – 6 April 2013" in out


def test_new_and_demo_refuse_an_existing_file(capsys, demo_file):
    before = sha256(demo_file)
    for command in ("new", "demo"):
        code, _, err = run(capsys, command, str(demo_file))
        assert_refused(code, err, str(demo_file), "exists already")
    assert sha256(demo_file) == before


def test_check_reports_identity_schema_and_integrity(capsys, demo_file):
    code, out, _ = run(capsys, "check", str(demo_file))
    assert code == 0
    assert f"a Negotiator project, file format {SCHEMA_VERSION}" in out
    assert "integrity: ok" in out


def test_check_and_info_refuse_a_file_that_is_not_a_project(capsys, tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_text("hello")
    before = sha256(path)
    for command in ("check", "info"):
        code, _, err = run(capsys, command, str(path))
        assert_refused(code, err, "notes.sqlite: this is a text file")
        assert len(err.splitlines()) == 1
    assert sha256(path) == before


def test_export_and_import_json_round_trip(capsys, demo_file, tmp_path):
    out = tmp_path / "out.json"
    assert run(capsys, "export", str(demo_file), "-o", str(out))[0] == 0
    target = tmp_path / "copy.sqlite"
    run(capsys, "new", str(target))
    code, text, _ = run(capsys, "import", str(target), str(out))
    assert code == 0 and "5 events (+5)" in text
    again = tmp_path / "again.json"
    run(capsys, "export", str(target), "-o", str(again))
    assert again.read_text("utf-8") == out.read_text("utf-8")


def test_export_filters_apply(capsys, demo_file, tmp_path):
    out = tmp_path / "part.json"
    code = run(capsys, "export", str(demo_file), "-o", str(out), "--from", "2013-03",
               "--to", "2013-03", "--track", "experts")[0]
    assert code == 0
    assert [e["id"] for e in json.loads(out.read_text("utf-8"))["events"]] == \
        ["istanbul-experts"]


def test_export_names_unknown_tracks_and_parties(capsys, demo_file, tmp_path):
    code, _, err = run(capsys, "export", str(demo_file), "-o", str(tmp_path / "x.json"),
                       "--party", "atlantis")
    assert_refused(code, err, "no party with id 'atlantis'")


def test_every_export_format_is_written(capsys, demo_file, tmp_path):
    for suffix in (".pdf", ".ics", ".svg", ".png", ".json", ".csv"):
        out = tmp_path / f"o{suffix}"
        code, text, err = run(capsys, "export", str(demo_file), "-o", str(out),
                              "--paper", "letter")
        assert code == 0, err
        assert out.stat().st_size > 0
    assert (tmp_path / "o.pdf").read_bytes().startswith(b"%PDF")
    assert (tmp_path / "o.ics").read_text("utf-8").startswith("BEGIN:VCALENDAR")
    assert (tmp_path / "o.png").read_bytes().startswith(b"\x89PNG")


def test_an_unknown_export_type_is_refused(capsys, demo_file, tmp_path):
    code, _, err = run(capsys, "export", str(demo_file), "-o", str(tmp_path / "o.docx"))
    assert_refused(code, err, "unknown export type '.docx'")
    assert not (tmp_path / "o.docx").exists()


def test_a_wider_distribution_briefing_leaves_restricted_records_out(capsys, tmp_path):
    from pypdf import PdfReader

    from tests.conftest import HISTORY
    path = tmp_path / "h.sqlite"
    run(capsys, "new", str(path))
    run(capsys, "import", str(path), str(HISTORY))
    out = tmp_path / "wide.pdf"
    assert run(capsys, "export", str(path), "-o", str(out), "--no-restricted")[0] == 0
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    import json
    doc = json.loads(HISTORY.read_text("utf-8"))
    secret = [e["title"] for e in doc["events"] if e.get("restricted")]
    assert secret and not any(title in text for title in secret)


def test_import_refuses_a_bad_document_and_leaves_the_file(capsys, demo_file, tmp_path):
    source = tmp_path / "bad.json"
    source.write_text('{"format": "negotiation-timeline", "version": 1, "events": '
                      '[{"id": "x", "title": "t", "track": "political", "start": "2013-05-02",'
                      ' "end": "2013-05-01"}]}', encoding="utf-8")
    before = sha256(demo_file)
    code, _, err = run(capsys, "import", str(demo_file), str(source))
    assert_refused(code, err, "bad.json", "events[0].end: before start")
    assert sha256(demo_file) == before


def test_import_refuses_an_unknown_file_type(capsys, demo_file, tmp_path):
    source = tmp_path / "data.xlsx"
    source.write_bytes(b"PK\x03\x04")
    code, _, err = run(capsys, "import", str(demo_file), str(source))
    assert_refused(code, err, "cannot import '.xlsx' files")


def test_import_into_a_read_only_file_is_refused(capsys, demo_file, tmp_path, monkeypatch):
    import sqlite3
    conn = sqlite3.connect(demo_file)
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    before = sha256(demo_file)
    source = tmp_path / "in.json"
    source.write_text('{"format": "negotiation-timeline", "version": 1}', encoding="utf-8")
    code, _, err = run(capsys, "import", str(demo_file), str(source))
    assert_refused(code, err, "read-only", "newer version")
    assert sha256(demo_file) == before


@pytest.mark.parametrize("args", [
    [], ["bogus"], ["new"], ["export", "x.sqlite"], ["export", "x.sqlite", "-o", "y.json",
                                                     "--from", "yesterday"],
    ["export", "x.sqlite", "-o", "y.json", "--paper", "a3"],
])
def test_a_wrong_command_line_exits_2(capsys, args):
    code, _, err = run(capsys, *args)
    assert code == 2
    assert "usage:" in err


def test_importing_the_real_history_from_the_installed_command(tmp_path):
    path = tmp_path / "history.sqlite"
    exe = [sys.executable, "-m", "negotiator_gui.cli"]
    assert subprocess.run([*exe, "new", str(path)], capture_output=True).returncode == 0
    done = subprocess.run([*exe, "import", str(path), str(HISTORY)], capture_output=True,
                          text=True)
    assert done.returncode == 0, done.stderr
    info = subprocess.run([*exe, "info", str(path)], capture_output=True, text=True)
    assert int(info.stdout.split("events: ")[1].split()[0]) >= 150


def test_the_console_script_refuses_without_a_traceback(tmp_path):
    path = tmp_path / "x.sqlite"
    path.write_bytes(b"")
    done = subprocess.run([sys.executable, "-m", "negotiator_gui.cli", "check", str(path)],
                          capture_output=True, text=True)
    assert done.returncode == 1
    assert done.stderr.startswith(f"negotiator: {path}: the file is empty")
    assert "Traceback" not in done.stderr


def test_briefing_options_from_the_command_line(capsys, demo_file, tmp_path):
    from pypdf import PdfReader
    out = tmp_path / "meeting.pdf"
    code, _, err = run(capsys, "export", str(demo_file), "-o", str(out), "--meeting",
                       "almaty-2", "--landscape", "--since", "2013-01", "--prepared-by",
                       "Iran desk", "--item-type", "proposal")
    assert code == 0, err
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Iran desk" in text and "Almaty talks, second round" in text
    code, _, err = run(capsys, "export", str(demo_file), "-o", str(tmp_path / "x.pdf"),
                       "--meeting", "atlantis")
    assert_refused(code, err, "atlantis")
    assert not (tmp_path / "x.pdf").exists()
    assert run(capsys, "export", str(demo_file), "-o", str(out), "--item-type", "bribe")[0] == 2
