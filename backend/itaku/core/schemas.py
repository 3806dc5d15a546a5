"""Base shapes: strict inputs, attribute-reading outputs, and the list envelope."""

from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")


class InputSchema(BaseModel):
    """Unknown fields are refused, so a typo in an integration is a 422, not silently ignored."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class ReadSchema(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int = Field(ge=0)
    page: int = Field(ge=1)
    size: int = Field(ge=1)


class TextRead(ReadSchema):
    """The same text in Japanese and English."""

    ja: str
    en: str
