"""How to create, in a given organisation, each resource that an API path addresses by id.

The isolation guard (test_isolation.py) walks every operation of the OpenAPI document that takes an id
in its path and fails for any path parameter registered nowhere here, so a new endpoint cannot skip
the cross-organisation check. A later feature registers its resources with `@resource("<param>")`, and
a request body for its writes with `BODIES`.
"""

from collections.abc import Awaitable, Callable
from typing import Any

import httpx

from tests.builders import Org, api_key, invite

Factory = Callable[[httpx.AsyncClient, Org, dict[str, str]], Awaitable[str]]
FACTORIES: dict[str, Factory] = {}

# Valid bodies for write operations, so the request reaches the lookup instead of stopping at validation.
BODIES: dict[tuple[str, str], dict[str, Any]] = {
    ("PATCH", "/api/v1/users/{user_id}"): {"version": 1, "role": "viewer"},
}


def resource(param: str) -> Callable[[Factory], Factory]:
    def register(factory: Factory) -> Factory:
        FACTORIES[param] = factory
        return factory

    return register


@resource("user_id")
async def _user(client: httpx.AsyncClient, org: Org, _ids: dict[str, str]) -> str:
    return str((await invite(client, org, "manager"))["id"])


@resource("api_key_id")
async def _api_key(client: httpx.AsyncClient, org: Org, _ids: dict[str, str]) -> str:
    return str((await api_key(client, org))["id"])


@resource("event_id")
async def _audit_event(client: httpx.AsyncClient, org: Org, _ids: dict[str, str]) -> str:
    r = await client.get("/api/v1/audit-events", params={"size": 1}, headers=org.headers)
    return str(r.json()["items"][0]["id"])
