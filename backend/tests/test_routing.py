"""The route index (core/routing.py) and the flat API routes (api.py) choose what the plain router would have chosen."""

import uuid
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from starlette.routing import BaseRoute, Match, Mount, Route

from itaku.api import API_PREFIX, ROUTERS
from itaku.core.routing import RouteIndex
from itaku.main import create_app
from tests.conftest import test_settings

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
SAMPLES = {"uuid": str(uuid.UUID(int=7)), "int": "7", "path": "a/b.txt", "str": "x"}


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> FastAPI:
    # A built SPA, so that its catch-all route and the assets mount are among the routes.
    spa = tmp_path_factory.mktemp("spa")
    (spa / "index.html").write_text("<!doctype html>")
    (spa / "assets").mkdir()
    return create_app(test_settings("sqlite+aiosqlite:///:memory:", spa_dir=spa))


def _path_of(route: BaseRoute) -> str:
    """A concrete path the route answers."""
    template = route.path + "/{path:path}" if isinstance(route, Mount) else getattr(route, "path", "/")
    for name, convertor in getattr(route, "param_convertors", {}).items():
        kind = next(k for k in SAMPLES if type(convertor).__name__.lower().startswith(k))
        template = template.replace(f"{{{name}:{kind}}}", SAMPLES[kind]).replace(f"{{{name}}}", SAMPLES[kind])
    return template


def _scope(path: str, method: str) -> dict[str, Any]:
    return {"type": "http", "method": method, "path": path, "root_path": "", "headers": [], "query_string": b""}


def _linear(routes: list[BaseRoute], scope: dict[str, Any]) -> tuple[Match, BaseRoute | None]:
    """What the router decides without the index: the first full match, else the first partial one."""
    partial = None
    for route in routes:
        match, _ = route.matches(scope)
        if match is Match.FULL:
            return match, route
        if match is Match.PARTIAL and partial is None:
            partial = route
    return (Match.PARTIAL, partial) if partial is not None else (Match.NONE, None)


def test_the_index_stands_first_and_answers_every_route_as_the_router_would(app: FastAPI) -> None:
    index, *routes = app.router.routes
    assert isinstance(index, RouteIndex)
    assert any(isinstance(r, Mount) for r in routes) and routes[-1].path == "/{path:path}"  # type: ignore[attr-defined]
    paths = {_path_of(route) for route in routes} | {"/api/v1/unknown", "/api/v1/vendors/x/y/z", "/healthz/", "/"}
    assert len(paths) > 100
    for path in paths:
        for method in METHODS:
            scope = _scope(path, method)
            match, child_scope = index.matches(scope)
            expected, route = _linear(routes, scope)
            if match is Match.NONE:
                # Left to the full scan; for a known prefix that only happens when nothing matches at all.
                assert expected is Match.NONE or index.groups.get(tuple(path.split("/")[1:4])) is None, (path, method)
            else:
                assert (match, child_scope["itaku.route"]) == (expected, route), (path, method)


def test_every_domain_route_is_registered_once_under_the_api_prefix(app: FastAPI) -> None:
    flat = [r for r in app.router.routes if isinstance(r, APIRoute) and r.path.startswith(API_PREFIX)]
    declared = [route for router in ROUTERS for route in router.routes]
    assert [(API_PREFIX + r.path, r.methods, r.endpoint) for r in declared] == [  # type: ignore[attr-defined]
        (r.path, r.methods, r.endpoint) for r in flat
    ]
    assert not any(isinstance(r, Route) and not isinstance(r, APIRoute) and r.path.startswith("/api") for r in flat)


def test_an_index_of_routes_that_cannot_be_read_tries_them_for_every_path() -> None:
    class Odd(BaseRoute):
        def matches(self, scope: Any) -> tuple[Match, dict[str, Any]]:
            return Match.FULL, {}

    odd = Odd()
    index = RouteIndex([Route("/api/v1/things", lambda r: None), odd])
    assert all(odd in group for group in index.groups.values())
    assert index.matches(_scope("/api/v1/things", "GET"))[1]["itaku.route"] is not odd
