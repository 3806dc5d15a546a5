"""List paging and sorting shared by every list endpoint.

A list pages by number (`page`, `size`) and, where it offers a cursor, by keyset: `cursor` names the last row seen
and the next page starts after it, at the same cost however deep it is. The total is counted up to COUNT_CAP rows;
past that it reads "more than COUNT_CAP" (`total_exact` false) rather than counting a large register row by row on
every page.
"""

import base64
import binascii
import json
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Annotated, Any, ClassVar, Generic, TypeVar

from fastapi import Query
from sqlalchemy import Select, func, literal, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from itaku.core.errors import AppError

MAX_PAGE_SIZE = 100
MAX_PAGE = 100_000
COUNT_CAP = 10_000

T = TypeVar("T")
U = TypeVar("U")


class InvalidCursor(AppError):
    status_code = 422
    code = "invalid_cursor"
    message = (
        "The cursor does not belong to this list and sort, or was cut short; start again from the first page "
        "(without `cursor`) and follow `next_cursor`."
    )


@dataclass(frozen=True)
class PageParams:
    page: int
    size: int
    cursor: str | None = None
    # Count every row, however many: for figures shown as numbers (the dashboard), not for lists.
    exact_total: bool = False

    @property
    def offset(self) -> int:
        return 0 if self.cursor else (self.page - 1) * self.size


def page_params(
    page: Annotated[int, Query(ge=1, le=MAX_PAGE, description="1-based page number")] = 1,
    size: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE, description=f"items per page, at most {MAX_PAGE_SIZE}")] = 50,
    cursor: Annotated[
        str | None,
        Query(
            max_length=1000,
            description="where a page starts: the `next_cursor` of the page before (lists that offer one); "
            "`page` is then ignored",
        ),
    ] = None,
) -> PageParams:
    return PageParams(page=page, size=size, cursor=cursor or None)


@dataclass(frozen=True)
class Paged(Generic[T]):
    """One page of rows and what the response says about the rest."""

    rows: list[T]
    total: int
    total_exact: bool = True
    next_cursor: str | None = None

    def with_rows(self, rows: list[U]) -> "Paged[U]":
        return replace(self, rows=rows)  # type: ignore[arg-type, return-value]


def order_by(
    sort: str, columns: dict[str, InstrumentedAttribute[Any]], tiebreak: InstrumentedAttribute[Any]
) -> list[Any]:
    """`-name` sorts descending; the tiebreak keeps pages stable when values repeat."""
    desc = sort.startswith("-")
    column = columns[sort.lstrip("-")]
    return [column.desc() if desc else column.asc(), tiebreak.desc() if desc else tiebreak.asc()]


@dataclass(frozen=True)
class Keyset:
    """A sort that can be paged by cursor: one column and a unique tiebreak, both in the same direction, served by an
    index on (organisation, column, tiebreak). The cursor holds the sort and the last row's two values."""

    sort: str
    columns: dict[str, Any]
    tiebreak: Any
    LABELS: ClassVar[tuple[str, str]] = ("_keyset_value", "_keyset_id")

    @property
    def column(self) -> Any:
        return self.columns[self.sort.lstrip("-")]

    def order_by(self) -> list[Any]:
        return order_by(self.sort, self.columns, self.tiebreak)

    def after(self, cursor: str) -> Any:
        try:
            sort, value, last_id = json.loads(base64.urlsafe_b64decode(cursor.encode() + b"==="))
            value = self._load(self.column, value)
            last_id = self._load(self.tiebreak, last_id)
        except (ValueError, TypeError, binascii.Error) as exc:
            raise InvalidCursor() from exc
        if sort != self.sort:
            raise InvalidCursor()
        keys = tuple_(self.column, self.tiebreak)
        return keys < (value, last_id) if self.sort.startswith("-") else keys > (value, last_id)

    def cursor(self, value: Any, last_id: Any) -> str:
        plain = [self.sort, _dump(value), _dump(last_id)]
        return base64.urlsafe_b64encode(json.dumps(plain).encode()).decode().rstrip("=")

    @staticmethod
    def _load(column: Any, value: Any) -> Any:
        # A TypeDecorator (UTCDateTime) names its stored type in `impl`.
        python_type = getattr(column.type, "impl", column.type).python_type
        if value is None or isinstance(value, python_type):
            return value
        if python_type is datetime:
            return datetime.fromisoformat(value)
        return python_type(value)


def _dump(value: Any) -> Any:
    if isinstance(value, int | str | float) or value is None:
        return value
    return value.isoformat() if isinstance(value, datetime) else str(value)


async def all_rows(session: AsyncSession, stmt: Select[*tuple[Any, ...]]) -> list[Any]:
    """Every row of a statement, as `paginate` shapes them: for the `all_…` repository functions."""
    if len(stmt.column_descriptions) == 1:
        return list((await session.scalars(stmt)).all())
    return [tuple(row) for row in (await session.execute(stmt)).all()]


def _shape(rows: list[Any], width: int) -> list[Any]:
    return [row[0] if width == 1 else tuple(row[:width]) for row in rows]


async def paginate(
    session: AsyncSession,
    stmt: Select[*tuple[Any, ...]],
    params: PageParams,
    *,
    count_from: Select[Any] | None = None,
    total: int | None = None,
    keyset: Keyset | None = None,
) -> Paged[Any]:
    """One page of an ordered statement and the number of all its rows (up to COUNT_CAP): the one way every list pages.

    A row is the selected entity when the statement selects one thing, else a tuple of what it selects. The count is
    made on `count_from` when the caller has a cheaper statement with the same rows (the filters without the joins),
    or is `total` when it is known already. With a `keyset`, the page is ordered by it, can start at a cursor and
    ends with the cursor of the next page. Services that need every row call their repository's `all_…` function
    instead: a page is never used to mean "all"."""
    exact = True
    if total is None:
        # Counted on one constant column: the rows' own columns would be read (whole rows, not an index) for nothing.
        counted = (
            (count_from if count_from is not None else stmt)
            .with_only_columns(literal(1), maintain_column_froms=True)
            .order_by(None)
        )
        if not params.exact_total:
            counted = counted.limit(COUNT_CAP + 1)
        total = int(await session.scalar(select(func.count()).select_from(counted.subquery())) or 0)
        exact = params.exact_total or total <= COUNT_CAP
        total = total if exact else COUNT_CAP
    if params.size == 0:
        return Paged([], total, exact)
    if keyset is None:
        if params.cursor:
            raise InvalidCursor("This list pages by page number only; leave out `cursor`.")
        return Paged(await all_rows(session, stmt.limit(params.size).offset(params.offset)), total, exact)

    width = len(stmt.column_descriptions)
    stmt = stmt.order_by(*keyset.order_by()).add_columns(
        keyset.column.label(Keyset.LABELS[0]), keyset.tiebreak.label(Keyset.LABELS[1])
    )
    if params.cursor:
        stmt = stmt.where(keyset.after(params.cursor))
    # One row more than the page tells whether there is a next page.
    rows = list((await session.execute(stmt.limit(params.size + 1).offset(params.offset))).all())
    next_cursor = keyset.cursor(*rows[params.size - 1][-2:]) if len(rows) > params.size else None
    return Paged(_shape(rows[: params.size], width), total, exact, next_cursor)
