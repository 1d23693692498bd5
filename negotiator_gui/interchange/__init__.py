"""JSON and CSV in and out (shared/INTERCHANGE.md)."""
