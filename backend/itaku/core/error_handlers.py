"""Every error leaves as {"error": code, "detail": ...}; a 500 never carries a stack trace."""

import logging

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.orm.exc import StaleDataError
from starlette.exceptions import HTTPException as StarletteHTTPException

from itaku.core.context import request_id_var
from itaku.core.errors import AppError, StaleVersion
from itaku.core.middleware import DATABASE_RETRY_SECONDS, DATABASE_UNAVAILABLE, BodyTooLarge

log = logging.getLogger("itaku.errors")

HTTP_CODES = {
    400: "bad_request",
    401: "not_authenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    413: "payload_too_large",
    415: "unsupported_media_type",
}


def error_response(status: int, code: str, detail: object, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": code, "detail": jsonable_encoder(detail)}, status_code=status, headers=headers)


async def app_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, AppError)
    return error_response(exc.status_code, exc.code, exc.detail, exc.headers)


async def http_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    code = HTTP_CODES.get(exc.status_code, "http_error")
    detail = exc.detail if exc.status_code != 404 else "Nothing exists at this address."
    return error_response(exc.status_code, code, detail, getattr(exc, "headers", None))


async def validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    fields = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")} for e in exc.errors()]
    return error_response(422, "validation_error", fields)


async def stale_data(_request: Request, _exc: Exception) -> JSONResponse:
    return error_response(StaleVersion.status_code, StaleVersion.code, StaleVersion.message)


def database_unavailable() -> JSONResponse:
    return error_response(
        503,
        "database_unavailable",
        DATABASE_UNAVAILABLE,
        headers={"Retry-After": str(DATABASE_RETRY_SECONDS)},
    )


async def unhandled(_request: Request, exc: Exception) -> JSONResponse:
    log.error("unhandled_error", exc_info=exc)
    return error_response(
        500,
        "internal_error",
        f"Something went wrong on our side. Quote request id {request_id_var.get()} when reporting it.",
    )


async def body_too_large(_request: Request, _exc: Exception) -> JSONResponse:
    return error_response(413, "payload_too_large", "The request body is larger than allowed.")


def install(app: FastAPI) -> None:
    app.add_exception_handler(BodyTooLarge, body_too_large)
    app.add_exception_handler(AppError, app_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(StaleDataError, stale_data)
    app.add_exception_handler(Exception, unhandled)
