"""Base shapes: strict inputs, attribute-reading outputs, and the list envelope."""

from datetime import UTC, date, datetime
from typing import Annotated, Any, Generic, TypeVar

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field, field_validator

from itaku.core.pagination import COUNT_CAP, Paged, PageParams

T = TypeVar("T")

# The days a date or an instant may fall on. Wider than any contract, incident or review can need, narrow enough
# that adding years to one (a retention period, a review cycle) or moving it to UTC never leaves the calendar.
EARLIEST_DAY = date(1900, 1, 1)
LATEST_DAY = date(2999, 12, 31)
RANGE_MESSAGE = f"must fall between {EARLIEST_DAY.isoformat()} and {LATEST_DAY.isoformat()}"


def in_supported_range(value: date) -> bool:
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            # 0001-01-01T00:00+14:00 is a valid ISO 8601 string whose UTC instant lies before year 1.
            try:
                value = value.astimezone(UTC)
            except OverflowError:
                return False
        value = value.date()
    return EARLIEST_DAY <= value <= LATEST_DAY


def check_day_range(value: Any) -> Any:
    if isinstance(value, date) and not in_supported_range(value):
        raise ValueError(RANGE_MESSAGE)
    return value


# For query parameters (inputs in bodies are checked by InputSchema itself).
Instant = Annotated[AwareDatetime, AfterValidator(check_day_range)]
Day = Annotated[date, AfterValidator(check_day_range)]


class InputSchema(BaseModel):
    """Unknown fields are refused, so a typo in an integration is a 422, not silently ignored."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @field_validator("*", mode="after")
    @classmethod
    def _well_formed(cls, value: Any) -> Any:
        # PostgreSQL text cannot hold U+0000, and no person types it: refuse it as malformed input everywhere.
        if _any(value, lambda v: isinstance(v, str) and "\x00" in v):
            raise ValueError("must not contain the NUL character (U+0000)")
        if _any(value, lambda v: isinstance(v, date) and not in_supported_range(v)):
            raise ValueError(RANGE_MESSAGE)
        return value


def _any(value: Any, test: Any) -> bool:
    if isinstance(value, list | tuple | set):
        return any(_any(v, test) for v in value)
    if isinstance(value, dict):
        return any(_any(k, test) or _any(v, test) for k, v in value.items())
    return bool(test(value))


class ReadSchema(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int = Field(ge=0, description="how many items the list holds; a lower bound when `total_exact` is false")
    total_exact: bool = Field(
        True, description=f"false: the list holds more than `total` ({COUNT_CAP}) items, which were not all counted"
    )
    page: int = Field(ge=1)
    size: int = Field(ge=1)
    next_cursor: str | None = Field(
        None, description="pass as `cursor` for the page after this one (lists that page by cursor); null on the last"
    )

    @classmethod
    def of(cls, items: list[T], paged: Paged[Any], params: PageParams) -> "Page[T]":
        return cls(
            items=items,
            total=paged.total,
            total_exact=paged.total_exact,
            page=params.page,
            size=params.size,
            next_cursor=paged.next_cursor,
        )


class TextRead(ReadSchema):
    """The same text in Japanese and English."""

    ja: str
    en: str
