"""Request id, access log and security headers, as plain ASGI middleware (cheaper than BaseHTTPMiddleware)."""

import json
import logging
import re
import time
import uuid
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from itaku.core.context import client_ip_var, request_id_var
from itaku.core.db import is_unavailable

log = logging.getLogger("itaku.access")

REQUEST_ID_HEADER = "X-Request-ID"
REQUEST_ID_HEADER_RAW = REQUEST_ID_HEADER.lower().encode("latin-1")
_VALID_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")

# The SPA is served from our own origin; nothing is framed, no inline scripts.
APP_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "font-src 'self' data:; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; "
    "form-action 'self'"
)
# Swagger UI and ReDoc load their bundles from a CDN and start with an inline script.
DOCS_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
    "style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net https://fonts.googleapis.com; "
    "img-src 'self' data: https://fastapi.tiangolo.com https://cdn.redoc.ly; "
    "font-src 'self' https://fonts.gstatic.com; "
    "worker-src blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'"
)
# Exactly these paths: a prefix test would also relax /docs-anything.
DOCS_PATHS = frozenset({"/docs", "/redoc", "/openapi.json"})
HSTS = "max-age=63072000; includeSubDomains"


def is_docs_path(path: str) -> bool:
    return path in DOCS_PATHS or path.startswith("/docs/")


def _raw(headers: dict[str, str]) -> list[tuple[bytes, bytes]]:
    return [(name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in headers.items()]


# Set on every answer, replacing what the app may have set.
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
}
# Given unless the app chose its own (the SPA's files say how long they may be cached).
_CSP = b"content-security-policy"
_CACHE_CONTROL = b"cache-control"
_CSP_OF = {False: APP_CSP.encode("latin-1"), True: DOCS_CSP.encode("latin-1")}
_CACHE_OF = {True: b"no-store", False: b"no-cache"}  # API answers are never stored


class RequestContextMiddleware:
    def __init__(self, app: ASGIApp, max_body_bytes: int = 25 * 1024 * 1024, https: bool = False) -> None:
        self.app = app
        # Uploads are checked again per endpoint; this stops an oversized body before it is parsed at all.
        self.max_body_bytes = max_body_bytes
        # The headers every answer gets, encoded once rather than set one by one per response. Served at an https
        # address (ITAKU_PUBLIC_URL), browsers are also told never to use plain http for it.
        self.security_headers = _raw(SECURITY_HEADERS | ({"Strict-Transport-Security": HSTS} if https else {}))
        self.replaced = frozenset(name for name, _value in self.security_headers) | {REQUEST_ID_HEADER_RAW}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = declared = None
        for name, value in scope["headers"]:
            if name == b"x-request-id" and incoming is None:
                incoming = value.decode("latin-1")
            elif name == b"content-length" and declared is None:
                declared = value
        request_id = incoming if incoming and _VALID_ID.match(incoming) else uuid.uuid4().hex
        rid_token = request_id_var.set(request_id)
        client = scope.get("client")
        ip_token = client_ip_var.set(client[0] if client else None)
        path: str = scope["path"]
        defaults = ((_CSP, _CSP_OF[is_docs_path(path)]), (_CACHE_CONTROL, _CACHE_OF[path.startswith("/api/")]))
        own_headers = [(REQUEST_ID_HEADER_RAW, request_id.encode("latin-1")), *self.security_headers]
        started = time.perf_counter()
        status_code = 500
        response_started = False
        body = _BodyLimit(receive, self.max_body_bytes)

        async def send_headed(message: Message) -> None:
            nonlocal status_code, response_started
            if message["type"] == "http.response.start":
                response_started = True
                status_code = message["status"]
                headers: list[tuple[bytes, bytes]] = list(message.get("headers", ()))
                names = {name for name, _value in headers}
                if not names.isdisjoint(self.replaced):
                    headers = [(name, value) for name, value in headers if name not in self.replaced]
                headers += own_headers
                headers += [(name, value) for name, value in defaults if name not in names]
                message["headers"] = headers
            await send(message)

        async def send_wrapper(message: Message) -> None:
            # A body that outgrew the limit while streaming (chunked, no Content-Length) surfaces in the app as a
            # parsing failure; whatever it answers then, the answer is 413.
            if body.exceeded:
                if message["type"] == "http.response.start" and not response_started:
                    await _too_large(send_headed, self.max_body_bytes)
                return
            await send_headed(message)

        try:
            if declared is not None and declared.isdigit() and int(declared) > self.max_body_bytes:
                await _too_large(send_headed, self.max_body_bytes)
            elif b"%00" in scope.get("query_string", b""):
                # As in bodies (core.schemas.InputSchema): PostgreSQL text cannot hold U+0000.
                await _json(send_headed, 422, "validation_error", [nul_error("query")])
            else:
                await self.app(scope, body.receive, send_wrapper)
        except BodyTooLarge:
            if not response_started:
                await _too_large(send_headed, self.max_body_bytes)
        except Exception as error:
            # Answer here, while the request id and the security headers are still at hand.
            if response_started:
                log.exception("unhandled_error")
                raise
            if is_unavailable(error):
                log.warning("database_unavailable", extra={"error": repr(error)[:300]})
                await _json(
                    send_headed,
                    503,
                    "database_unavailable",
                    DATABASE_UNAVAILABLE,
                    {"Retry-After": str(DATABASE_RETRY_SECONDS)},
                )
                return
            log.exception("unhandled_error")
            await _json(
                send_headed,
                500,
                "internal_error",
                f"Something went wrong on our side. Quote request id {request_id} when reporting it.",
            )
        finally:
            if log.isEnabledFor(logging.INFO):
                log.info(
                    "request",
                    extra={
                        "method": scope["method"],
                        "path": path,
                        "status": status_code,
                        "duration_ms": round((time.perf_counter() - started) * 1000, 2),
                    },
                )
            request_id_var.reset(rid_token)
            client_ip_var.reset(ip_token)


DATABASE_UNAVAILABLE = "The database does not answer at the moment; try again in a few seconds."
DATABASE_RETRY_SECONDS = 5


class BodyTooLarge(Exception):
    pass


class _BodyLimit:
    """The request body as the app reads it, refused once it passes the limit."""

    def __init__(self, receive: Receive, limit: int) -> None:
        self._receive = receive
        self._limit = limit
        self._seen = 0
        self.exceeded = False

    async def receive(self) -> Message:
        message = await self._receive()
        if message["type"] == "http.request":
            self._seen += len(message.get("body", b""))
            if self._seen > self._limit:
                self.exceeded = True
                raise BodyTooLarge()
        return message


async def _too_large(send: Send, limit: int) -> None:
    await _json(send, 413, "payload_too_large", f"The request body is larger than {limit:,} bytes.")


def nul_error(where: str) -> dict[str, Any]:
    return {"loc": [where], "msg": "must not contain the NUL character (U+0000)", "type": "value_error"}


async def _json(
    send: Send, status: int, code: str, detail: str | list[dict[str, Any]], extra: dict[str, str] | None = None
) -> None:
    body = json.dumps({"error": code, "detail": detail}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    headers += [(k.lower().encode(), v.encode()) for k, v in (extra or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
