"""The project file on SQLite via sqlite-utils: schema, migrations, checks, edits."""
