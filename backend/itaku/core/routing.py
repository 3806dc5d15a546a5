"""A request is matched against the few routes that can answer its path, not against all of them in turn.

The router tries its routes one after the other until one matches: with some 180 routes, /healthz and the last
domains' endpoints paid for every route before them on each request. `RouteIndex`, installed in front of the app's
routes, groups them by the first segments of the paths they can answer. For a request it tries, in their order, only
the routes of its group; the first that matches fully answers, else the first that matched the path but not the
method (405), exactly as the full scan would decide, since every route that can match the path is in the group. A
path of no group (an unknown address) is left to the full scan.
"""

from typing import Any

from starlette._utils import get_route_path
from starlette.routing import BaseRoute, Match, Mount, NoMatchFound, Route, WebSocketRoute
from starlette.types import Receive, Scope, Send

# Three segments tell the API's domains apart: /api/v1/vendors/...
KEY_SEGMENTS = 3
_SELECTED = "itaku.route"


def _segments(path: str) -> tuple[str, ...]:
    return tuple(path.split("/")[1 : KEY_SEGMENTS + 1])


def _literal_segments(route: BaseRoute) -> tuple[str, ...]:
    """The whole segments that begin every path this route can answer; () when it may answer any path."""
    if isinstance(route, Mount):
        template = route.path + "/{path:path}"
    elif isinstance(route, Route | WebSocketRoute):
        template = route.path
    else:
        return ()  # a host, or a kind of route we cannot read: tried for every path
    literal, parameter, _rest = template.partition("{")
    parts = literal.split("/")[1:]
    # Text just before a parameter begins a segment the parameter ends, unknown in full.
    return tuple(parts[:-1] if parameter else parts)[:KEY_SEGMENTS]


def _may_answer(literal: tuple[str, ...], key: tuple[str, ...]) -> bool:
    common = min(len(literal), len(key))
    return literal[:common] == key[:common]


class RouteIndex(BaseRoute):
    """Stands first among the app's routes and answers for them; not a route of its own (no URL, no schema)."""

    def __init__(self, routes: list[BaseRoute]) -> None:
        literals = [(route, _literal_segments(route)) for route in routes]
        keys = {literal for _route, literal in literals}
        self.groups: dict[tuple[str, ...], list[BaseRoute]] = {
            key: [route for route, literal in literals if _may_answer(literal, key)] for key in keys
        }

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        if scope["type"] != "http":
            return Match.NONE, {}
        group = self.groups.get(_segments(get_route_path(scope)))
        if group is None:
            return Match.NONE, {}
        partial: tuple[BaseRoute, Scope] | None = None
        for route in group:
            match, child_scope = route.matches(scope)
            if match is Match.FULL:
                return Match.FULL, {**child_scope, _SELECTED: route}
            if match is Match.PARTIAL and partial is None:
                partial = route, child_scope
        if partial is None:
            return Match.NONE, {}
        route, child_scope = partial
        return Match.PARTIAL, {**child_scope, _SELECTED: route}

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        route: BaseRoute = scope.pop(_SELECTED)
        await route.handle(scope, receive, send)

    def url_path_for(self, name: str, /, **path_params: Any) -> Any:
        raise NoMatchFound(name, path_params)


def index_routes(routes: list[BaseRoute]) -> None:
    """Put a `RouteIndex` of `routes` (the app's, once all are added) in front of them."""
    routes.insert(0, RouteIndex(list(routes)))
