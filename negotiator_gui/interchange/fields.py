"""Reading one JSON record's fields with their types, noting every problem and its place."""

from __future__ import annotations

from typing import Any

from negotiator_gui.domain.dates import PartialDate
from negotiator_gui.domain.errors import DateError, Problem

_TYPE_NAMES = {str: "text", bool: "true or false", int: "a whole number",
               list: "a list", dict: "an object"}


def kind_of(value: Any) -> str:
    """A person's word for a JSON value's type."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "an object"


class RecordReader:
    """Takes fields out of one record, collecting problems and unknown keys."""

    def __init__(self, record: Any, where: str, known: set[str],
                 problems: list[Problem], warnings: list[Problem]) -> None:
        self.where = where
        self.problems = problems
        self.ok = isinstance(record, dict)
        self.record: dict[str, Any] = record if self.ok else {}
        if not self.ok:
            problems.append(Problem(where, f"expected an object, got {kind_of(record)}"))
        self.extra = {k: v for k, v in self.record.items() if k not in known}
        for key in self.extra:
            warnings.append(Problem(f"{where}.{key}", "unknown field, kept as it is"))

    def _get(self, key: str, kind: type, default: Any, required: bool) -> Any:
        if key not in self.record:
            if required and self.ok:
                self.problems.append(Problem(f"{self.where}.{key}", "missing"))
            return default
        value = self.record[key]
        if kind is int and isinstance(value, bool) or not isinstance(value, kind):
            self.problems.append(Problem(
                f"{self.where}.{key}", f"expected {_TYPE_NAMES[kind]}, got {kind_of(value)}"))
            return default
        return value

    def text(self, key: str, default: str = "", required: bool = False) -> str:
        """A text field ("" when absent)."""
        return self._get(key, str, default, required)

    def flag(self, key: str) -> bool:
        """A true/false field (false when absent)."""
        return self._get(key, bool, False, False)

    def number(self, key: str, default: int = 0) -> int:
        """A whole-number field."""
        return self._get(key, int, default, False)

    def id_list(self, key: str) -> tuple[str, ...]:
        """A list of ids (or tags); each entry must be text."""
        values = self._get(key, list, [], False)
        out = []
        for i, value in enumerate(values):
            if isinstance(value, str):
                out.append(value)
            else:
                self.problems.append(Problem(f"{self.where}.{key}[{i}]",
                                             f"expected text, got {kind_of(value)}"))
        return tuple(out)

    def records(self, key: str) -> list[Any]:
        """A list of nested records."""
        return self._get(key, list, [], False)

    def date(self, key: str, required: bool = False) -> PartialDate | None:
        """A date field of the form YYYY-MM-DD, YYYY-MM or YYYY."""
        text = self._get(key, str, None, required)
        if text is None or (not required and text == ""):
            return None
        try:
            return PartialDate.parse(text)
        except DateError as exc:
            self.problems.append(Problem(f"{self.where}.{key}", str(exc)))
            return None
