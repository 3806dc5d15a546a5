"""The isolation guard: nothing addressed by id crosses organisations, for every endpoint there is; and in the
portal, nothing crosses vendors either."""

import re
from typing import Any

import httpx
import pytest

from itaku.main import create_app
from tests.builders import api_key, auth, register
from tests.conftest import test_settings
from tests.resources import BODIES, FACTORIES, SECRET_PATHS, UPLOADS, portal_session

PARAM = re.compile(r"{([^}]+)}")


def operations_with_ids() -> list[tuple[str, str]]:
    spec = create_app(test_settings("sqlite+aiosqlite:///:memory:")).openapi()
    return sorted(
        (method.upper(), path)
        for path, item in spec["paths"].items()
        for method in item
        if PARAM.search(path)
        and method in {"get", "post", "put", "patch", "delete"}
        and (method.upper(), path) not in SECRET_PATHS
    )


OPERATIONS = operations_with_ids()


def test_every_id_parameter_has_a_registered_factory() -> None:
    params = {p for _, path in OPERATIONS for p in PARAM.findall(path)}
    missing = sorted(params - FACTORIES.keys())
    assert not missing, f"register how to create {missing} in tests/resources.py"
    assert OPERATIONS, "the guard found no operation to check"


@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
async def test_other_organisation_gets_404(client: httpx.AsyncClient, method: str, path: str) -> None:
    owner = await register(client, organization_name="所有者株式会社")
    ids: dict[str, str] = {}
    for param in PARAM.findall(path):
        ids[param] = await FACTORIES[param](client, owner, ids)
    url = path.format(**ids)
    outsider = await register(client, organization_name="部外者株式会社")
    if path.startswith("/api/v1/portal/"):
        # A vendor contact of the same organisation and one of another organisation, each in its own session.
        owner_headers = auth(await portal_session(client, owner, ids))
        callers = [
            ("contact of another vendor", auth(await portal_session(client, owner, {}))),
            ("contact of another organisation's vendor", auth(await portal_session(client, outsider, {}))),
        ]
    else:
        owner_headers = owner.headers
        outsider_key = (await api_key(client, outsider, ["read", "write"]))["key"]
        callers = [("user", outsider.headers), ("api key", auth(outsider_key))]
    body: Any = BODIES.get((method, path))
    if callable(body):
        body = await body(client, owner, ids)
    upload = UPLOADS.get((method, path))
    payload: dict[str, Any] = {"files": await upload(client, owner, ids)} if upload else {"json": body}
    for who, headers in callers:
        r = await client.request(method, url, headers=headers, **payload)
        assert r.status_code == 404, f"{who} got {r.status_code} on {method} {url}: {r.text}"
        assert r.json()["error"].endswith("not_found")
    # The owner still reaches it, so the 404 above is about the organisation, not a broken path.
    r = await client.request(method, url, headers=owner_headers, **payload)
    assert r.status_code < 400, f"owner got {r.status_code} on {method} {url}: {r.text}"
