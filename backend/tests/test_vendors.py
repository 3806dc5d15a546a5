from typing import Any

import httpx

from tests.builders import Org, api_key, auth, member_token, register


async def vendor(client: httpx.AsyncClient, org: Org, **body: Any) -> dict[str, Any]:
    r = await client.post("/api/v1/vendors", json={"name": "株式会社テスト", **body}, headers=org.headers)
    assert r.status_code == 201, r.text
    return dict(r.json())


async def processing(client: httpx.AsyncClient, org: Org, vendor_id: str, **body: Any) -> dict[str, Any]:
    payload = {
        "service": "業務",
        "data_categories": ["ordinary"],
        "persons_estimate": 10,
        "access_type": "none",
        **body,
    }
    r = await client.post(f"/api/v1/vendors/{vendor_id}/processing", json=payload, headers=org.headers)
    assert r.status_code == 201, r.text
    return dict(r.json())


async def get(client: httpx.AsyncClient, org: Org, vendor_id: str) -> dict[str, Any]:
    r = await client.get(f"/api/v1/vendors/{vendor_id}", headers=org.headers)
    assert r.status_code == 200, r.text
    return dict(r.json())


async def test_valid_corporate_number_is_accepted_and_a_wrong_check_digit_refused(client: httpx.AsyncClient) -> None:
    org = await register(client)
    ok = await client.post(
        "/api/v1/vendors",
        json={"name": "給与クラウド株式会社", "corporate_number": "7000012050002"},
        headers=org.headers,
    )
    assert ok.status_code == 201
    assert ok.json()["corporate_number"] == "7000012050002"
    bad = await client.post(
        "/api/v1/vendors", json={"name": "誤り株式会社", "corporate_number": "7000012050003"}, headers=org.headers
    )
    assert bad.status_code == 422
    errors = bad.json()["detail"]
    assert errors[0]["loc"][-1] == "corporate_number"
    assert "check digit" in errors[0]["msg"]


async def test_the_same_corporate_number_twice_in_one_register_is_a_conflict(client: httpx.AsyncClient) -> None:
    org = await register(client)
    await vendor(client, org, corporate_number="7000012050002")
    r = await client.post(
        "/api/v1/vendors", json={"name": "x", "corporate_number": "7000012050002"}, headers=org.headers
    )
    assert r.status_code == 409 and r.json()["error"] == "corporate_number_taken"
    # Another organisation may register the same company.
    other = await register(client)
    await vendor(client, other, corporate_number="7000012050002")


async def test_special_care_data_of_5000_people_is_high_risk_with_both_facts_named(client: httpx.AsyncClient) -> None:
    org = await register(client)
    v = await vendor(client, org, name="健診センター株式会社")
    await processing(
        client, org, v["id"], data_categories=["special_care"], persons_estimate=5000, access_type="remote"
    )
    got = await get(client, org, v["id"])
    assert got["tier"] in {"critical", "high"}
    assert got["tier_overridden"] is False
    reasons = " ".join(r["en"] for r in got["tier_reasons"])
    assert "special-care" in reasons and "5,000" in reasons
    assert got["data_categories"] == ["special_care"] and got["persons_total"] == 5000


async def test_ordinary_data_of_50_people_without_access_is_low(client: httpx.AsyncClient) -> None:
    org = await register(client)
    v = await vendor(client, org)
    await processing(client, org, v["id"], data_categories=["ordinary"], persons_estimate=50, access_type="none")
    assert (await get(client, org, v["id"]))["tier"] == "low"


async def test_override_needs_a_reason_and_is_kept_in_history(client: httpx.AsyncClient) -> None:
    org = await register(client)
    v = await vendor(client, org)
    no_reason = await client.put(
        f"/api/v1/vendors/{v['id']}/tier-override", json={"version": v["version"], "tier": "high"}, headers=org.headers
    )
    assert no_reason.status_code == 422 and no_reason.json()["error"] == "override_reason_required"
    r = await client.put(
        f"/api/v1/vendors/{v['id']}/tier-override",
        json={"version": v["version"], "tier": "high", "reason": "基幹システムを運用"},
        headers=org.headers,
    )
    assert r.status_code == 200
    body = r.json()
    assert body["tier"] == "high" and body["computed_tier"] == "low" and body["tier_overridden"] is True
    # New facts do not undo the override, but the computed tier keeps moving.
    await processing(client, org, v["id"], data_categories=["my_number"], persons_estimate=300, access_type="remote")
    after = await get(client, org, v["id"])
    assert after["tier"] == "high" and after["computed_tier"] in {"high", "critical"}
    removed = await client.put(
        f"/api/v1/vendors/{v['id']}/tier-override",
        json={"version": after["version"], "tier": None},
        headers=org.headers,
    )
    assert removed.json()["tier"] == after["computed_tier"] and removed.json()["tier_overridden"] is False
    history = (await client.get(f"/api/v1/vendors/{v['id']}/tier-history", headers=org.headers)).json()
    causes = [h["cause"] for h in history]
    assert causes[0] == "override_removed" and "override_set" in causes
    assert any(h["reason"] == "基幹システムを運用" for h in history)


async def test_status_follows_the_lifecycle(client: httpx.AsyncClient) -> None:
    org = await register(client)
    v = await vendor(client, org)
    assert v["status"] == "candidate" and set(v["allowed_status_transitions"]) == {"under_review", "terminated"}
    skip = await client.patch(
        f"/api/v1/vendors/{v['id']}", json={"version": v["version"], "status": "active"}, headers=org.headers
    )
    assert skip.status_code == 409 and skip.json()["error"] == "invalid_status_transition"
    version = v["version"]
    for status in ("under_review", "approved", "active", "suspended", "active", "terminated"):
        r = await client.patch(
            f"/api/v1/vendors/{v['id']}", json={"version": version, "status": status}, headers=org.headers
        )
        assert r.status_code == 200, (status, r.text)
        version = r.json()["version"]
    assert r.json()["allowed_status_transitions"] == []


async def test_vendor_without_incident_contact_is_flagged(client: httpx.AsyncClient) -> None:
    org = await register(client)
    v = await vendor(client, org)
    assert v["missing_incident_contact"] is True
    r = await client.post(
        f"/api/v1/vendors/{v['id']}/contacts",
        json={"name": "夜間 窓口", "email": "soc@example.com", "phone": "03-1234-5678", "role": "incident_contact"},
        headers=org.headers,
    )
    assert r.status_code == 201
    assert (await get(client, org, v["id"]))["missing_incident_contact"] is False
    flagged = (
        await client.get("/api/v1/vendors", params={"missing_incident_contact": True}, headers=org.headers)
    ).json()
    assert v["id"] not in [i["id"] for i in flagged["items"]]


async def test_subcontracting_tree_exposure_and_cycle(client: httpx.AsyncClient) -> None:
    org = await register(client)
    school_album = await vendor(client, org, name="卒業アルバム制作株式会社")
    printer = await vendor(client, org, name="印刷工房株式会社")
    binder = await vendor(client, org, name="製本所株式会社")
    await processing(
        client, org, school_album["id"], data_categories=["children"], persons_estimate=2000, access_type="remote"
    )
    before = await get(client, org, school_album["id"])
    r = await client.post(
        f"/api/v1/vendors/{school_album['id']}/subcontractors",
        json={
            "subcontractor_id": printer["id"],
            "work": "印刷",
            "approval_status": "approved",
            "approval_date": "2026-04-01",
        },
        headers=org.headers,
    )
    assert r.status_code == 201 and r.json()["subcontractor_name"] == "印刷工房株式会社"
    r = await client.post(
        f"/api/v1/vendors/{printer['id']}/subcontractors",
        json={"subcontractor_id": binder["id"], "work": "製本"},
        headers=org.headers,
    )
    assert r.status_code == 201
    tree = (await client.get(f"/api/v1/vendors/{school_album['id']}/subcontractors/tree", headers=org.headers)).json()
    assert tree[0]["name"] == "印刷工房株式会社" and tree[0]["depth"] == 1
    assert tree[0]["children"][0]["name"] == "製本所株式会社" and tree[0]["children"][0]["depth"] == 2
    assert tree[0]["children"][0]["approval_status"] == "requested"
    # Depth and the unapproved link raise the top vendor's score.
    after = await get(client, org, school_album["id"])
    assert after["tier_score"] > before["tier_score"]
    assert {"subcontracting", "unapproved_subcontractors"} <= {r["code"] for r in after["tier_reasons"]}
    exposed = (await client.get(f"/api/v1/vendors/{binder['id']}/exposure", headers=org.headers)).json()
    assert [(e["name"], e["depth"]) for e in exposed] == [("印刷工房株式会社", 1), ("卒業アルバム制作株式会社", 2)]
    assert exposed[1]["path"] == ["卒業アルバム制作株式会社", "印刷工房株式会社", "製本所株式会社"]
    loop = await client.post(
        f"/api/v1/vendors/{binder['id']}/subcontractors",
        json={"subcontractor_id": school_album["id"], "work": "x"},
        headers=org.headers,
    )
    assert loop.status_code == 409 and loop.json()["error"] == "subcontract_cycle"


async def test_my_number_passed_on_without_approval_is_flagged(client: httpx.AsyncClient) -> None:
    org = await register(client)
    payroll = await vendor(client, org, name="給与計算株式会社")
    sub = await vendor(client, org, name="データ入力株式会社")
    await processing(
        client, org, payroll["id"], data_categories=["my_number"], persons_estimate=800, access_type="remote"
    )
    link = (
        await client.post(
            f"/api/v1/vendors/{payroll['id']}/subcontractors",
            json={"subcontractor_id": sub["id"], "work": "入力"},
            headers=org.headers,
        )
    ).json()
    tree = (await client.get(f"/api/v1/vendors/{payroll['id']}/subcontractors/tree", headers=org.headers)).json()
    assert tree[0]["my_number_unapproved"] is True
    await client.patch(
        f"/api/v1/vendors/{payroll['id']}/subcontractors/{link['id']}",
        json={"version": link["version"], "approval_status": "approved", "approval_date": "2026-05-01"},
        headers=org.headers,
    )
    tree = (await client.get(f"/api/v1/vendors/{payroll['id']}/subcontractors/tree", headers=org.headers)).json()
    assert tree[0]["my_number_unapproved"] is False


async def test_list_filters_and_search(client: httpx.AsyncClient) -> None:
    org = await register(client)
    a = await vendor(
        client,
        org,
        name="みなと給与クラウド株式会社",
        name_kana="ミナトキュウヨクラウド",
        corporate_number="7000012050002",
    )
    b = await vendor(client, org, name="ひかり物流株式会社")
    await processing(client, org, a["id"], data_categories=["my_number"], persons_estimate=500, access_type="remote")
    await processing(client, org, b["id"], data_categories=["ordinary"], persons_estimate=20)
    await client.post(
        f"/api/v1/vendors/{b['id']}/certifications",
        json={"kind": "privacy_mark", "expiry_date": "2020-01-01"},
        headers=org.headers,
    )

    async def ids(**params: Any) -> list[str]:
        r = await client.get("/api/v1/vendors", params=params, headers=org.headers)
        assert r.status_code == 200, r.text
        return [i["id"] for i in r.json()["items"]]

    assert await ids(q="給与") == [a["id"]]
    assert await ids(q="ミナト") == [a["id"]]
    assert await ids(q="7000012") == [a["id"]]
    assert await ids(data_category="my_number") == [a["id"]]
    assert await ids(tier=["low"]) == [b["id"]]
    assert await ids(certification="expired") == [b["id"]]
    assert await ids(certification="none") == [a["id"]]
    assert await ids(sort="-tier") == [a["id"], b["id"]]
    assert (await client.get("/api/v1/vendors", params={"sort": "bogus"}, headers=org.headers)).status_code == 422


async def test_certification_states(client: httpx.AsyncClient) -> None:
    org = await register(client)
    v = await vendor(client, org)
    states = {}
    for kind, expiry in (("iso27001", "2099-01-01"), ("privacy_mark", "2000-01-01"), ("ismap", None)):
        r = await client.post(
            f"/api/v1/vendors/{v['id']}/certifications", json={"kind": kind, "expiry_date": expiry}, headers=org.headers
        )
        states[kind] = r.json()["state"]
    assert states == {"iso27001": "valid", "privacy_mark": "expired", "ismap": "no_expiry"}


async def test_evidence_upload_limits_and_leaves_nothing_on_refusal(client: httpx.AsyncClient, app: Any) -> None:
    org = await register(client)
    pdf = await client.post(
        "/api/v1/files", files={"file": ("証明書.pdf", b"%PDF-1.7\n...", "application/pdf")}, headers=org.headers
    )
    assert pdf.status_code == 201 and pdf.json()["content_type"] == "application/pdf"
    exe = await client.post(
        "/api/v1/files", files={"file": ("cert.pdf", b"MZ\x90\x00binary", "application/pdf")}, headers=org.headers
    )
    assert exe.status_code == 415 and exe.json()["error"] == "unsupported_file_type"
    limit = app.state.settings.upload_max_bytes
    big = await client.post(
        "/api/v1/files", files={"file": ("big.pdf", b"%PDF-" + b"0" * limit, "application/pdf")}, headers=org.headers
    )
    assert big.status_code == 413 and big.json()["error"] == "payload_too_large"
    content = await client.get(f"/api/v1/files/{pdf.json()['id']}/content", headers=org.headers)
    assert content.content == b"%PDF-1.7\n..."


async def test_viewer_and_read_key_cannot_write_the_register(client: httpx.AsyncClient) -> None:
    org = await register(client)
    _, viewer = await member_token(client, org, "viewer")
    read_key = (await api_key(client, org, ["read"]))["key"]
    write_key = (await api_key(client, org, ["read", "write"]))["key"]
    for token in (viewer, read_key):
        r = await client.post("/api/v1/vendors", json={"name": "x"}, headers=auth(token))
        assert r.status_code == 403
        assert (await client.get("/api/v1/vendors", headers=auth(token))).status_code == 200
    assert (await client.post("/api/v1/vendors", json={"name": "x"}, headers=auth(write_key))).status_code == 201


async def test_every_register_change_is_audited(client: httpx.AsyncClient) -> None:
    org = await register(client)
    v = await vendor(client, org)
    await processing(client, org, v["id"])
    r = await client.get("/api/v1/audit-events", params={"entity_type": "vendor_processing"}, headers=org.headers)
    event = r.json()["items"][0]
    assert event["action"] == "created" and event["changes"]["after"]["persons_estimate"] == 10


async def test_organisation_policy_re_tiers_every_vendor(client: httpx.AsyncClient) -> None:
    org = await register(client)
    v = await vendor(client, org)
    await processing(client, org, v["id"], data_categories=["ordinary"], persons_estimate=50, access_type="none")
    assert (await get(client, org, v["id"]))["tier"] == "low"
    current = (await client.get("/api/v1/risk-policy", headers=org.headers)).json()
    assert current["is_default"] is True and current["policy"]["thresholds"] == {
        "critical": 70,
        "high": 45,
        "medium": 20,
    }
    strict = {**current["policy"], "category_points": {**current["policy"]["category_points"], "ordinary": 50}}
    r = await client.put(
        "/api/v1/risk-policy", json={"version": current["version"], "policy": strict}, headers=org.headers
    )
    assert r.status_code == 200, r.text
    assert r.json()["is_default"] is False and r.json()["vendors_retiered"] == 1
    assert (await get(client, org, v["id"]))["tier"] == "high"
    history = (await client.get(f"/api/v1/vendors/{v['id']}/tier-history", headers=org.headers)).json()
    assert history[0]["from_tier"] == "low" and history[0]["to_tier"] == "high"
    # New vendors are tiered with the organisation's policy too, and null goes back to the defaults.
    reset = await client.put(
        "/api/v1/risk-policy", json={"version": r.json()["version"], "policy": None}, headers=org.headers
    )
    assert reset.json()["is_default"] is True and (await get(client, org, v["id"]))["tier"] == "low"


async def test_policy_thresholds_must_rise_and_only_admins_set_them(client: httpx.AsyncClient) -> None:
    org = await register(client)
    current = (await client.get("/api/v1/risk-policy", headers=org.headers)).json()
    upside_down = {**current["policy"], "thresholds": {"critical": 10, "high": 45, "medium": 20}}
    r = await client.put(
        "/api/v1/risk-policy", json={"version": current["version"], "policy": upside_down}, headers=org.headers
    )
    assert r.status_code == 422 and "rise" in r.json()["detail"][0]["msg"]
    _, manager = await member_token(client, org, "manager")
    r = await client.put(
        "/api/v1/risk-policy", json={"version": current["version"], "policy": None}, headers=auth(manager)
    )
    assert r.status_code == 403
