"""Typed application errors with stable codes; one handler renders them as {"error", "detail"}."""

from typing import Any, ClassVar

from pydantic import BaseModel


class ErrorBody(BaseModel):
    error: str
    detail: Any = None


class AppError(Exception):
    status_code: ClassVar[int] = 400
    code: ClassVar[str] = "bad_request"
    message: ClassVar[str] = "The request could not be processed."
    headers: dict[str, str] | None = None
    # Commit what the request wrote before refusing (see core.db.Database.unit_of_work).
    keeps_writes: ClassVar[bool] = False

    def __init__(self, detail: Any = None, *, headers: dict[str, str] | None = None) -> None:
        self.detail = detail if detail is not None else self.message
        self.headers = headers
        super().__init__(str(self.detail))


class NotAuthenticated(AppError):
    status_code = 401
    code = "not_authenticated"
    message = "Sign in, or send a valid bearer token or API key."


class InvalidCredentials(AppError):
    status_code = 401
    code = "invalid_credentials"
    message = "The email or password is wrong."


class Forbidden(AppError):
    status_code = 403
    code = "forbidden"
    message = "Your role does not allow this action."


class NotFound(AppError):
    status_code = 404
    code = "not_found"
    message = "Nothing exists at this address."


class Conflict(AppError):
    status_code = 409
    code = "conflict"
    message = "The request conflicts with the current state."


class StaleVersion(Conflict):
    code = "stale_version"
    message = "Someone else changed this record since you read it; reload it and apply your change again."


def ensure_version(row: Any, version: int) -> None:
    """Optimistic locking: a write names the version it read; another writer in between makes it a 409."""
    if row.version != version:
        raise StaleVersion()


def field_problem(*loc: str | int, msg: str, kind: str = "invalid") -> dict[str, Any]:
    """One entry of a 422's `detail` in FastAPI's own shape: where in the body, what is wrong, which kind of wrong."""
    return {"loc": ["body", *loc], "msg": msg, "type": kind}


class TooManyRequests(AppError):
    status_code = 429
    code = "too_many_requests"
    message = "Too many attempts; wait before trying again."


class PayloadTooLarge(AppError):
    status_code = 413
    code = "payload_too_large"
    message = "The upload is larger than allowed."


def error_responses(*errors: type[AppError]) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses=` for an endpoint: each status it can answer, in the shared error shape."""
    out: dict[int | str, dict[str, Any]] = {}
    for err in errors:
        entry = out.setdefault(err.status_code, {"model": ErrorBody, "description": ""})
        codes = [c for c in entry["description"].split(", ") if c]
        codes.append(err.code)
        entry["description"] = ", ".join(dict.fromkeys(codes))
    return out
