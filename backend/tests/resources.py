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

# Valid bodies for write operations, so the request reaches the lookup instead of stopping at validation:
# a dict, or an async function of (client, owner org, ids) that makes one.
BodyFactory = Callable[[httpx.AsyncClient, Org, dict[str, str]], Awaitable[dict[str, Any]]]
BODIES: dict[tuple[str, str], dict[str, Any] | BodyFactory] = {
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


async def _vendor_id(client: httpx.AsyncClient, org: Org, ids: dict[str, str]) -> str:
    if "vendor_id" not in ids:
        r = await client.post("/api/v1/vendors", json={"name": "株式会社テスト委託先"}, headers=org.headers)
        assert r.status_code == 201, r.text
        ids["vendor_id"] = r.json()["id"]
    return ids["vendor_id"]


resource("vendor_id")(_vendor_id)


def _vendor_child(collection: str, body: dict[str, Any]) -> Factory:
    async def make(client: httpx.AsyncClient, org: Org, ids: dict[str, str]) -> str:
        vendor_id = await _vendor_id(client, org, ids)
        payload = dict(body)
        if collection == "subcontractors":
            r = await client.post("/api/v1/vendors", json={"name": "再委託先株式会社"}, headers=org.headers)
            payload["subcontractor_id"] = r.json()["id"]
        r = await client.post(f"/api/v1/vendors/{vendor_id}/{collection}", json=payload, headers=org.headers)
        assert r.status_code == 201, r.text
        return str(r.json()["id"])

    return make


resource("contact_id")(_vendor_child("contacts", {"name": "窓口 一郎", "role": "incident_contact"}))
resource("processing_id")(
    _vendor_child(
        "processing",
        {"service": "給与計算", "data_categories": ["ordinary"], "persons_estimate": 10, "access_type": "none"},
    )
)
resource("subcontract_id")(_vendor_child("subcontractors", {"work": "印刷"}))
resource("certification_id")(_vendor_child("certifications", {"kind": "privacy_mark"}))


@resource("file_id")
async def _file(client: httpx.AsyncClient, org: Org, _ids: dict[str, str]) -> str:
    r = await client.post(
        "/api/v1/files", files={"file": ("evidence.pdf", b"%PDF-1.4 test", "application/pdf")}, headers=org.headers
    )
    assert r.status_code == 201, r.text
    return str(r.json()["id"])


BODIES.update(
    {
        ("PATCH", "/api/v1/vendors/{vendor_id}"): {"version": 1, "notes": "x"},
        ("PUT", "/api/v1/vendors/{vendor_id}/tier-override"): {"version": 1, "tier": "high", "reason": "test"},
        ("PATCH", "/api/v1/vendors/{vendor_id}/contacts/{contact_id}"): {"version": 1, "name": "x"},
        ("PATCH", "/api/v1/vendors/{vendor_id}/processing/{processing_id}"): {"version": 1, "persons_estimate": 5},
        ("PATCH", "/api/v1/vendors/{vendor_id}/subcontractors/{subcontract_id}"): {"version": 1, "work": "x"},
        ("PATCH", "/api/v1/vendors/{vendor_id}/certifications/{certification_id}"): {"version": 1, "number": "1"},
        ("POST", "/api/v1/vendors/{vendor_id}/contacts"): {"name": "x", "role": "other"},
        ("POST", "/api/v1/vendors/{vendor_id}/processing"): {
            "data_categories": ["ordinary"],
            "persons_estimate": 1,
            "access_type": "none",
        },
        ("POST", "/api/v1/vendors/{vendor_id}/certifications"): {"kind": "iso27001"},
    }
)


async def _subcontract_body(client: httpx.AsyncClient, org: Org, _ids: dict[str, str]) -> dict[str, Any]:
    r = await client.post("/api/v1/vendors", json={"name": "別の再委託先"}, headers=org.headers)
    return {"subcontractor_id": r.json()["id"], "work": "発送"}


BODIES[("POST", "/api/v1/vendors/{vendor_id}/subcontractors")] = _subcontract_body
