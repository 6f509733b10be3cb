"""Declarative base and the columns every synced row carries."""

from __future__ import annotations

import uuid
from typing import Any, ClassVar

from sqlalchemy import JSON, Boolean, Integer, MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_uuid() -> str:
    return str(uuid.uuid4())


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON}


class Synced:
    """Columns of every row that travels between counter and county (DESIGN.md, Storage).

    ``rev`` counts revisions, ``*_hlc`` are hybrid-logical-clock stamps, ``origin`` is the
    station that made the row and ``deleted`` is the tombstone. Rows are never hard-deleted.
    Change capture (``store.capture``) maintains all of these; services never set them.
    """

    # Ledgers are append-only: a correction is a new reversing row, never an edit.
    __append_only__: ClassVar[bool] = False

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    rev: Mapped[int] = mapped_column(Integer, default=0)
    created_hlc: Mapped[str] = mapped_column(String(40), default="")
    updated_hlc: Mapped[str] = mapped_column(String(40), default="")
    origin: Mapped[str] = mapped_column(String(12), default="")
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)

    # Columns maintained by capture; they are not "fields" of a mutation.
    SYNC_COLUMNS: ClassVar[frozenset[str]] = frozenset(
        {"id", "rev", "created_hlc", "updated_hlc", "origin"}
    )
