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
        """The file name and a count, then one problem per line."""
        count = len(self.problems)
        if count == 1 and not self.problems[0].where:
            return f"{self.path}: {self.problems[0].message}"
        head = f"{self.path}: {count} problem{'s' if count != 1 else ''}, nothing was imported"
        return head + "\n" + super().summary(limit)
