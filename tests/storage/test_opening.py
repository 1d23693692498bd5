"""Every bad file gets its own clear message and is left byte-identical."""

from __future__ import annotations

import os
import sqlite3
import zipfile
from pathlib import Path

import pytest

from negotiator_gui.storage import errors, opening, schema
from negotiator_gui.storage.project_store import ProjectStore
from tests.conftest import sha256


def refused(path: Path, kind: type[errors.ProjectFileError], fragment: str) -> None:
    """Opening `path` raises `kind` naming the file and `fragment`; the file is unchanged."""
    before = sha256(path)
    with pytest.raises(kind) as caught:
        ProjectStore.open(path)
    message = str(caught.value)
    assert message.startswith(str(path))
    assert fragment in message
    assert sha256(path) == before
    assert not Path(f"{path}-journal").exists()


def test_a_text_file_is_not_a_project(tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_text("Minutes of the meeting\n")
    refused(path, errors.NotAProjectError, "this is a text file, not a Negotiator project")


def test_a_pdf_renamed_is_named_as_a_pdf(tmp_path):
    path = tmp_path / "brief.sqlite"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    refused(path, errors.NotAProjectError, "this is a PDF document")


def test_a_zip_renamed_is_named_as_an_archive(tmp_path):
    path = tmp_path / "doc.sqlite"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    refused(path, errors.NotAProjectError, "ZIP archive")


def test_a_zero_byte_file_is_empty_not_a_new_database(tmp_path):
    path = tmp_path / "empty.sqlite"
    path.write_bytes(b"")
    refused(path, errors.EmptyFileError, "the file is empty (0 bytes)")
    assert path.stat().st_size == 0


def test_a_truncated_project_is_damaged(demo_file):
    data = demo_file.read_bytes()
    demo_file.write_bytes(data[: len(data) // 2 + 100])
    refused(demo_file, errors.DamagedFileError, "truncated")


def test_a_project_damaged_inside_fails_the_integrity_check(demo_file):
    data = bytearray(demo_file.read_bytes())
    page = 4096
    for offset in range(2 * page + 8, len(data) - page, page):  # every b-tree page header
        data[offset:offset + 4] = b"\xff\xff\xff\xff"
    demo_file.write_bytes(bytes(data))
    refused(demo_file, errors.DamagedFileError, "damaged")


def test_a_header_only_fragment_is_damaged(tmp_path, demo_file):
    path = tmp_path / "frag.sqlite"
    path.write_bytes(demo_file.read_bytes()[:60])
    refused(path, errors.DamagedFileError, "ends inside its header")


def test_another_applications_database_is_foreign(tmp_path):
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    conn.close()
    refused(path, errors.ForeignFileError, "belongs to another application (it holds "
                                           "tables customers)")


def test_another_applications_id_is_foreign(tmp_path):
    path = tmp_path / "geo.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id = 1196444487")  # GeoPackage's 'GPKG'
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    refused(path, errors.ForeignFileError, "application id 0x47504B47")


def test_an_empty_sqlite_database_is_not_a_project(tmp_path):
    path = tmp_path / "blank.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 0")
    conn.execute("VACUUM")
    conn.close()
    refused(path, errors.ForeignFileError, "an empty SQLite database")


def test_missing_tables_or_columns_are_refused(demo_file):
    conn = sqlite3.connect(demo_file)
    conn.execute("DROP TABLE links")
    conn.execute("ALTER TABLE events DROP COLUMN summary")
    conn.commit()
    conn.close()
    refused(demo_file, errors.IncompatibleSchemaError, "table links")
    refused(demo_file, errors.IncompatibleSchemaError, "column events.summary")


def test_a_missing_path_and_a_folder_are_named(tmp_path):
    with pytest.raises(errors.FileMissingError, match="there is no such file"):
        ProjectStore.open(tmp_path / "nope.sqlite")
    with pytest.raises(errors.FileMissingError, match="folder"):
        ProjectStore.open(tmp_path)


def _set_version(path: Path, version: int) -> None:
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {version}")
    conn.commit()
    conn.close()


def test_a_newer_versions_file_is_viewed_read_only_and_never_written(demo_file):
    _set_version(demo_file, schema.SCHEMA_VERSION + 1)
    before = sha256(demo_file)
    with ProjectStore.open(demo_file) as store:
        assert "made by a newer version of Negotiator" in store.read_only_reason
        assert len(store.load().events) == 5
        with pytest.raises(errors.ReadOnlyProjectError, match="newer version"):
            with store.transaction():
                pass
    assert sha256(demo_file) == before


def test_foreign_triggers_make_a_file_read_only_and_cannot_act(demo_file):
    conn = sqlite3.connect(demo_file)
    conn.execute("CREATE TRIGGER wipe AFTER UPDATE ON project BEGIN DELETE FROM events; END")
    conn.execute("CREATE VIEW spy AS SELECT * FROM events")
    conn.commit()
    conn.close()
    before = sha256(demo_file)
    with ProjectStore.open(demo_file) as store:
        assert "triggers or views that Negotiator did not create (spy, wipe)" \
            in store.read_only_reason
        assert len(store.load().events) == 5
    assert sha256(demo_file) == before


def test_the_authorizer_stops_a_foreign_trigger_even_on_a_writable_connection(demo_file):
    conn = sqlite3.connect(demo_file)
    conn.execute("CREATE TRIGGER wipe AFTER UPDATE ON project BEGIN DELETE FROM events; END")
    conn.commit()
    conn.close()
    from negotiator_gui.storage import connection
    guarded = connection.connect(demo_file, read_only=False)
    with pytest.raises(sqlite3.DatabaseError, match="not authorized|prohibited"):
        guarded.execute("UPDATE project SET title = 'x'")
    assert guarded.execute("SELECT count(*) FROM events").fetchone()[0] == 5
    guarded.close()


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                    reason="root may write any file")
def test_a_file_without_write_permission_opens_read_only(demo_file):
    demo_file.chmod(0o444)
    with ProjectStore.open(demo_file) as store:
        assert "you do not have permission to change this file" in store.read_only_reason


def test_a_file_the_user_may_not_write_opens_read_only(demo_file, monkeypatch):
    real_access = os.access

    def no_write(path, mode, *args, **kwargs):
        if mode & os.W_OK and Path(path) == demo_file:
            return False
        return real_access(path, mode, *args, **kwargs)

    monkeypatch.setattr(opening.os, "access", no_write)
    before = sha256(demo_file)
    with ProjectStore.open(demo_file) as store:
        assert store.read_only_reason == "you do not have permission to change this file"
        assert store.load().info.title
    assert sha256(demo_file) == before


def test_read_only_on_request_says_so(demo_file):
    with ProjectStore.open(demo_file, read_only=True) as store:
        assert store.read_only_reason == "it was opened read-only as asked"
        assert store.file_restriction is None


def test_a_hot_journal_left_by_a_crashed_writer_is_rolled_back(demo_file, tmp_path):
    crashed = make_hot_journal(demo_file, tmp_path)
    with ProjectStore.open(crashed) as store:
        assert store.load().info.title == "P5+1 talks with Iran: Almaty 2013"
        assert store.conn.execute("SELECT count(*) FROM settings").fetchone()[0] == 0
    assert not Path(f"{crashed}-journal").exists()


def test_a_view_standing_in_for_a_table_is_refused(demo_file):
    conn = sqlite3.connect(demo_file)
    conn.execute("ALTER TABLE links RENAME TO links_real")
    conn.execute("CREATE VIEW links AS SELECT * FROM links_real")
    conn.commit()
    conn.close()
    refused(demo_file, errors.IncompatibleSchemaError, "links should be a table but is a view")


def make_hot_journal(demo_file, tmp_path) -> Path:
    conn = sqlite3.connect(demo_file, isolation_level=None)
    conn.execute("PRAGMA cache_size=1")
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("UPDATE project SET title = 'half-written'")
    conn.executemany("INSERT INTO settings (key, value) VALUES (?, ?)",
                     ((f"k{i}", "x" * 500) for i in range(2000)))
    crashed = tmp_path / "crashed.sqlite"
    crashed.write_bytes(demo_file.read_bytes())
    Path(f"{crashed}-journal").write_bytes(Path(f"{demo_file}-journal").read_bytes())
    conn.execute("ROLLBACK")
    conn.close()
    return crashed


def test_a_hot_journal_in_a_read_only_folder_is_explained_and_nothing_changes(
        demo_file, tmp_path, monkeypatch):
    crashed = make_hot_journal(demo_file, tmp_path)
    monkeypatch.setattr(opening, "_writable", lambda path: "its folder is read-only")
    before = sha256(crashed)
    with pytest.raises(errors.DamagedFileError, match="stopped half way.*folder is read-only"):
        ProjectStore.open(crashed)
    assert sha256(crashed) == before
    assert Path(f"{crashed}-journal").exists()


def test_a_value_too_large_to_read_costs_only_its_record(demo_file):
    conn = sqlite3.connect(demo_file)
    conn.execute("UPDATE events SET summary = ? WHERE id = 'almaty-1'", ("x" * 50_000_000,))
    conn.commit()
    conn.close()
    before = sha256(demo_file)
    with ProjectStore.open(demo_file) as store:
        project = store.load()
        assert "almaty-1" not in {e.id for e in project.events}
        assert len(project.events) == 4
        assert "larger than this program reads" in str(store.load_problems[0])
    assert sha256(demo_file) == before


def test_records_pointing_at_missing_records_and_bad_dates_are_flagged(demo_file):
    conn = sqlite3.connect(demo_file)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("UPDATE events SET start = '2013-02-31' WHERE id = 'almaty-2'")
    conn.execute("UPDATE events SET track_id = 'ghost' WHERE id = 'almaty-1'")
    conn.commit()
    conn.close()
    with ProjectStore.open(demo_file) as store:
        project = store.load()
        ids = {e.id for e in project.events}
        assert "almaty-2" not in ids and "almaty-1" in ids
        assert any("almaty-2" in str(p) for p in store.load_problems)
        assert any("track 'ghost' does not exist" in str(p) for p in store.load_problems)
