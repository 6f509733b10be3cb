"""Who is acting, and the checks every service shares."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from sqlalchemy.orm import Session

from villagedesk.domain.categories import Role
from villagedesk.domain.errors import FieldError, ValidationError
from villagedesk.store.base import Base

T = TypeVar("T", bound=Base)


class PermissionDenied(PermissionError):
    """The acting clerk's role may not do this (enforced here, not only hidden in the GUI)."""


class NotFound(LookupError):
    """A referenced record does not exist (or is a tombstone)."""


@dataclass(frozen=True)
class Actor:
    username: str
    role: Role
    display_name: str = ""

    @property
    def is_supervisor(self) -> bool:
        return self.role is Role.SUPERVISOR


SYSTEM = Actor(username="system", role=Role.SUPERVISOR, display_name="system")


def require_supervisor(actor: Actor, *, action: str) -> None:
    if not actor.is_supervisor:
        raise PermissionDenied(f"{action} needs a supervisor; {actor.username} is a clerk")


def get_live(session: Session, model: type[T], row_id: str, *, field: str) -> T:
    """Load a row by id, refusing missing rows and tombstones with a field-named error."""
    obj = session.get(model, row_id)
    if obj is None or getattr(obj, "deleted", False):
        raise ValidationError.single(field, "not_found", f"no such record: {row_id}")
    return obj


class Checks:
    """Collects every broken rule of one input, so the clerk sees them all at once."""

    def __init__(self) -> None:
        self.errors: list[FieldError] = []

    def add(self, field: str, rule: str, message: str) -> None:
        self.errors.append(FieldError(field, rule, message))

    def required(self, field: str, value: object) -> bool:
        if value is None or (isinstance(value, str) and not value.strip()):
            self.add(field, "required", "is required")
            return False
        return True

    def max_length(self, field: str, value: str, limit: int) -> None:
        if len(value) > limit:
            self.add(field, "too_long", f"must be at most {limit} characters")

    def not_future(self, field: str, value: date | None, today: date) -> None:
        if value is not None and value > today:
            self.add(field, "future", "must not be in the future")

    def non_negative(self, field: str, value: int | None) -> None:
        if value is not None and value < 0:
            self.add(field, "negative", "must not be negative")

    def one_of(self, field: str, value: str | None, allowed: type) -> None:
        if value is None:
            return
        try:
            allowed(value)
        except ValueError:
            self.add(field, "choice", f"{value!r} is not one of the allowed values")

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationError(list(self.errors))
