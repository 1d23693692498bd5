"""Errors the user can cause in the domain, with messages a person can act on."""

from __future__ import annotations

from dataclasses import dataclass


class NegotiatorError(Exception):
    """Base of every error whose message is meant for the user."""


class DateError(NegotiatorError, ValueError):
    """A date that is not of a known form or not on the calendar."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a record, and where it is (`events[3].end`)."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


class ValidationError(NegotiatorError):
    """One or more problems that stop records from being accepted."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__(self.summary())

    def summary(self, limit: int = 20) -> str:
        """All problems, one per line, cut after `limit` with a count."""
        lines = [str(p) for p in self.problems[:limit]]
        extra = len(self.problems) - limit
        if extra > 0:
            lines.append(f"… and {extra} more problem(s)")
        return "\n".join(lines)
