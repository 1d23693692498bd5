"""Errors about interchange files: which file, and every problem with its place."""

from __future__ import annotations

from pathlib import Path

from negotiator_gui.domain.errors import Problem, ValidationError


class InterchangeFileError(ValidationError):
    """An import file that cannot be used; lists each problem with its place."""

    def __init__(self, path: Path | str, problems: list[Problem]) -> None:
        self.path = Path(path)
        super().__init__(problems)

    def summary(self, limit: int = 20) -> str:
        """The file name, then one problem per line."""
        return f"{self.path}:\n" + super().summary(limit)
