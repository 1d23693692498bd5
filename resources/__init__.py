"""Bundled data: the sample project, fonts, icons (installed as negotiator_gui.resources)."""
