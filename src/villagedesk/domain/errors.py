"""Errors that name the field and the rule that was broken."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldError:
    """One broken rule: ``field`` is the input's name, ``rule`` a stable code, ``message`` text."""

    field: str
    rule: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message} [{self.rule}]"


class ValidationError(ValueError):
    """Raised when input breaks one or more rules; nothing has been written."""

    def __init__(self, errors: list[FieldError] | FieldError) -> None:
        self.errors: list[FieldError] = [errors] if isinstance(errors, FieldError) else errors
        super().__init__("; ".join(str(e) for e in self.errors))

    @classmethod
    def single(cls, field: str, rule: str, message: str) -> ValidationError:
        return cls(FieldError(field, rule, message))

    def fields(self) -> set[str]:
        return {e.field for e in self.errors}

    def rules(self) -> set[str]:
        return {e.rule for e in self.errors}
