"""The monitoring domain's errors, each with its stable code."""

from typing import Any

from itaku.core.errors import (
    AppError,
    Conflict,
    NotFound,
)


class MonitoringItemNotFound(NotFound):
    code = "monitoring_item_not_found"
    message = "No such item on the review calendar."


class InvalidMonitoring(AppError):
    status_code = 422
    code = "invalid_monitoring"
    message = "The request cannot be applied."

    def __init__(self, problems: list[dict[str, Any]]) -> None:
        super().__init__(detail=problems)


class ItemAlreadyDone(Conflict):
    code = "monitoring_item_done"
    message = "This item is already done."
