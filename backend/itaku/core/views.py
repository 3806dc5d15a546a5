"""A service's view of a row: the row plus what the service derived for it (a vendor's name, a stage, a count).
Attribute reads fall through to the row, so a read schema validates the view with from_attributes and a router
writes out no field by hand: only what is derived is named on the view."""

from typing import Any, ClassVar


class RowView:
    row_field: ClassVar[str]  # the dataclass field that holds the row

    def __getattr__(self, name: str) -> Any:
        # Only reached for names the view itself does not have; never for the row field or dunders (copy, pickle).
        if name == self.row_field or name.startswith("__"):
            raise AttributeError(name)
        return getattr(getattr(self, self.row_field), name)


class Overlay:
    """A row with a few values laid over it (a joined name, a derived id), to validate a read schema from both."""

    def __init__(self, row: Any, **values: Any) -> None:
        self._row, self._values = row, values

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return self._values[name] if name in self._values else getattr(self._row, name)
