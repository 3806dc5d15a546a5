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


async def paginate(session: AsyncSession, stmt: Select[Any], params: PageParams) -> tuple[list[Any], int]:
    total = await session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery()))
    rows = (await session.scalars(stmt.limit(params.size).offset(params.offset))).all()
    return list(rows), int(total or 0)
