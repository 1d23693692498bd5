"""Exports: briefing PDF, timeline figure, ICS, SVG/PNG (reportlab; no Qt)."""
