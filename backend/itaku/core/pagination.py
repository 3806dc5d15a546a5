"""List paging and sorting shared by every list endpoint."""

from dataclasses import dataclass
from typing import Annotated, Any, TypeVar

from fastapi import Query
from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

MAX_PAGE_SIZE = 100
MAX_PAGE = 100_000

T = TypeVar("T")


@dataclass(frozen=True)
class PageParams:
    page: int
    size: int

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.size


def page_params(
    page: Annotated[int, Query(ge=1, le=MAX_PAGE, description="1-based page number")] = 1,
    size: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE, description=f"items per page, at most {MAX_PAGE_SIZE}")] = 50,
) -> PageParams:
    return PageParams(page=page, size=size)


def order_by(
    sort: str, columns: dict[str, InstrumentedAttribute[Any]], tiebreak: InstrumentedAttribute[Any]
) -> list[Any]:
    """`-name` sorts descending; the tiebreak keeps pages stable when values repeat."""
    desc = sort.startswith("-")
    column = columns[sort.lstrip("-")]
    return [column.desc() if desc else column.asc(), tiebreak.desc() if desc else tiebreak.asc()]


async def all_rows(session: AsyncSession, stmt: Select[*tuple[Any, ...]]) -> list[Any]:
    """Every row of a statement, as `paginate` shapes them: for the `all_…` repository functions."""
    if len(stmt.column_descriptions) == 1:
        return list((await session.scalars(stmt)).all())
    return [tuple(row) for row in (await session.execute(stmt)).all()]


async def paginate(
    session: AsyncSession,
    stmt: Select[*tuple[Any, ...]],
    params: PageParams,
    *,
    total: Select[tuple[int]] | Select[Any] | int | None = None,
) -> tuple[list[Any], int]:
    """One page of an ordered statement and the number of all its rows: the one way every list pages.

    A row is the selected entity when the statement selects one thing, else a tuple of what it selects. `total` is
    a cheaper count when the caller has one (the same filters without the joins), or the count itself when it is
    known already; by default the statement is counted as a subquery. Services that need every row call their
    repository's `all_…` function instead: a page is never used to mean "all"."""
    if total is None:
        total = select(func.count()).select_from(stmt.order_by(None).subquery())
    count = total if isinstance(total, int) else int(await session.scalar(total) or 0)
    return await all_rows(session, stmt.limit(params.size).offset(params.offset)), count
