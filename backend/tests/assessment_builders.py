"""Builders for assessment tests: a vendor with a contact, an assessment sent from a built-in template, and
the portal session its link opens."""

from dataclasses import dataclass
from typing import Any

import httpx

from tests.builders import Org, auth


@dataclass
class Sent:
    vendor: dict[str, Any]
    contact: dict[str, Any]
    assessment: dict[str, Any]
    link: str

    @property
    def token(self) -> str:
        return self.link.split("#token=")[1]


async def template_id(client: httpx.AsyncClient, org: Org, key: str = "selection-review") -> str:
    r = await client.get("/api/v1/questionnaires", headers=org.headers)
    assert r.status_code == 200, r.text
    return next(q["id"] for q in r.json() if q["builtin_key"] == key)


async def vendor_with_contact(
    client: httpx.AsyncClient,
    org: Org,
    name: str = "株式会社給与クラウド",
    email: str | None = "security@payroll.example",
) -> tuple[dict[str, Any], dict[str, Any]]:
    r = await client.post("/api/v1/vendors", json={"name": name}, headers=org.headers)
    assert r.status_code == 201, r.text
    vendor = r.json()
    r = await client.post(
        f"/api/v1/vendors/{vendor['id']}/contacts",
        json={"name": "情報セキュリティ 担当", "email": email, "role": "security_officer"},
        headers=org.headers,
    )
    assert r.status_code == 201, r.text
    return vendor, r.json()


async def create_assessment(
    client: httpx.AsyncClient, org: Org, vendor_id: str, key: str = "selection-review", **body: Any
) -> dict[str, Any]:
    payload = {"vendor_id": vendor_id, "questionnaire_id": await template_id(client, org, key), "kind": "selection"}
    r = await client.post("/api/v1/assessments", json={**payload, **body}, headers=org.headers)
    assert r.status_code == 201, r.text
    return dict(r.json())


async def send(client: httpx.AsyncClient, org: Org, key: str = "selection-review", **vendor_kw: Any) -> Sent:
    vendor, contact = await vendor_with_contact(client, org, **vendor_kw)
    a = await create_assessment(client, org, vendor["id"], key, due_date="2030-01-31")
    r = await client.post(
        f"/api/v1/assessments/{a['id']}/send", json={"contact_id": contact["id"]}, headers=org.headers
    )
    assert r.status_code == 201, r.text
    return Sent(vendor, contact, r.json()["assessment"], r.json()["link"])


async def portal_token(client: httpx.AsyncClient, link_token: str) -> str:
    r = await client.post("/api/v1/portal/session", json={"token": link_token})
    assert r.status_code == 200, r.text
    return str(r.json()["access_token"])


def sample_value(question: dict[str, Any], *, good: bool = True) -> Any:
    """A valid answer to any non-file question; `good` picks the best-scoring option."""
    t = question["type"]
    if t in ("yes_no_na", "single_choice"):
        scored = [o for o in question["options"] if o.get("score") is not None]
        if scored:
            pick = max(scored, key=lambda o: o["score"]) if good else min(scored, key=lambda o: o["score"])
            return pick["key"]
        flagged = {k for rule in question["findings"] for k in rule["when"]}
        return next(o["key"] for o in question["options"] if (o["key"] in flagged) != good)
    if t == "multiple_choice":
        return [o["key"] for o in question["options"] if (o.get("score") or 0) > 0][:2] or [
            question["options"][0]["key"]
        ]
    if t == "text":
        return "当社の規程に従い運用しています。"
    if t == "number":
        return 12
    if t == "date":
        return "2026-04-01"
    return None


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


async def answer_everything(client: httpx.AsyncClient, token: str, assessment: dict[str, Any]) -> None:
    """Answer every question well, through the portal, with one evidence file for each file question."""
    for section in assessment["definition"]["sections"]:
        for q in section["questions"]:
            if q["type"] == "file":
                r = await client.post(
                    f"/api/v1/portal/assessments/{assessment['id']}/answers/{q['key']}/evidence",
                    files={"file": ("evidence.pdf", PDF, "application/pdf")},
                    headers=auth(token),
                )
                assert r.status_code == 201, r.text
                continue
            r = await client.put(
                f"/api/v1/portal/assessments/{assessment['id']}/answers/{q['key']}",
                json={"value": sample_value(q)},
                headers=auth(token),
            )
            assert r.status_code == 200, r.text


def definition(**overrides: Any) -> dict[str, Any]:
    """A small template of one's own: a scored yes/no question that raises a finding, a choice, a text."""
    return {
        "title": {"ja": "簡易チェック", "en": "Quick check"},
        "sections": [
            {
                "key": "basics",
                "title": {"ja": "基本", "en": "Basics"},
                "questions": [
                    {
                        "key": "policy",
                        "type": "yes_no_na",
                        "text": {"ja": "方針はありますか", "en": "Is there a policy?"},
                        "findings": [{"when": ["no"], "severity": "high"}],
                    },
                    {
                        "key": "training",
                        "type": "single_choice",
                        "text": {"ja": "教育", "en": "Training"},
                        "options": [
                            {"key": "yearly", "label": {"ja": "毎年", "en": "Yearly"}, "score": 1},
                            {"key": "never", "label": {"ja": "なし", "en": "Never"}, "score": 0},
                        ],
                    },
                    {"key": "notes", "type": "text", "text": {"ja": "補足", "en": "Notes"}, "required": False},
                ],
            }
        ],
        **overrides,
    }
