"""Bilingual text as a value: the pure rule modules (regulation, risk, contracts) speak in it, and the API shows
it as `core.schemas.TextRead` (same fields, read with from_attributes). Japanese comes first: it is the default."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Text:
    ja: str
    en: str

    def __add__(self, other: "Text") -> "Text":
        """Two sources for one statement, read as one: 'A; B'."""
        return Text(ja=f"{self.ja}；{other.ja}", en=f"{self.en}; {other.en}")
