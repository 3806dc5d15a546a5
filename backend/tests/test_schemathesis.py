"""Schemathesis against the running app: no server errors, no responses outside the contract.

Staff endpoints run with a staff token. Portal endpoints take a portal session instead, so they get a run of
their own with one, and with the ids of a real assessment, evidence file and finding fixed, so the requests
reach the answering rules rather than stopping at a 404."""

import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx

from tests.builders import PASSWORD, auth, link_token, unique_email
from tests.conftest import LiveServer
from tests.mailbox import take_mail

CHECKS = ("not_a_server_error", "response_schema_conformance", "status_code_conformance", "content_type_conformance")


def register(live_server: LiveServer) -> str:
    email = unique_email("fuzz")
    r = httpx.post(
        f"{live_server.url}/api/v1/auth/register",
        json={"organization_name": "スキーマ検査株式会社", "name": "検査 係", "email": email, "password": PASSWORD},
    )
    assert r.status_code == 202, r.text
    r = httpx.post(f"{live_server.url}/api/v1/auth/register/confirm", json={"token": link_token(take_mail(email))})
    assert r.status_code == 201, r.text
    return str(r.json()["access_token"])


def schemathesis(live_server: LiveServer, tmp_path: Path, token: str, *args: str, config: str = "") -> None:
    config_file = tmp_path / "schemathesis.toml"
    # The checks are chosen in the file rather than with --checks, so that one operation can set one aside.
    checks = "".join(f"{name}.enabled = true\n" for name in CHECKS)
    config_file.write_text(f"[checks]\nenabled = false\n{checks}{config}", encoding="utf-8")
    cmd = [
        str(Path(sys.executable).with_name("schemathesis")),
        "--config-file",
        str(config_file),
        "run",
        f"{live_server.url}/openapi.json",
        "--max-examples",
        "20",
        "--seed",
        "1",
        "--workers",
        "1",
        "--no-color",
        "--header",
        f"Authorization: Bearer {token}",
        "--request-timeout",
        "10",
        "--generation-database",
        "none",
        "--report-dir",
        str(tmp_path),
        *args,
    ]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]


def test_schemathesis_finds_no_server_error_or_schema_violation(live_server: LiveServer, tmp_path: Path) -> None:
    # Signing out would end the session the rest of the run uses; those operations have tests of their own.
    ending = "^/api/v1/auth/(sign-out|sign-out-everywhere|sessions/)"
    schemathesis(live_server, tmp_path, register(live_server), "--exclude-path-regex", ending)


def test_schemathesis_finds_no_server_error_or_schema_violation_in_the_portal(
    live_server: LiveServer, tmp_path: Path
) -> None:
    staff = auth(register(live_server))
    with httpx.Client(base_url=f"{live_server.url}/api/v1", headers=staff) as c:

        def ok(r: httpx.Response) -> Any:
            assert r.status_code < 300, r.text
            return r.json()

        vendor = ok(c.post("/vendors", json={"name": "株式会社検査委託先"}))
        contact = ok(c.post(f"/vendors/{vendor['id']}/contacts", json={"name": "窓口", "role": "security_officer"}))
        template = next(q for q in ok(c.get("/questionnaires")) if q["builtin_key"] == "selection-review")
        assessment = ok(
            c.post(
                "/assessments",
                json={"vendor_id": vendor["id"], "questionnaire_id": template["id"], "kind": "selection"},
            )
        )
        link = ok(c.post(f"/assessments/{assessment['id']}/send", json={"contact_id": contact["id"]}))["link"]
        finding = ok(c.post("/findings", json={"vendor_id": vendor["id"], "severity": "low", "title": "規程の改訂"}))
        token = ok(c.post("/portal/session", json={"token": link.split("#token=")[1]}, headers={}))["access_token"]
        question = next(
            q for s in assessment["definition"]["sections"] for q in s["questions"] if q["type"] == "yes_no_na"
        )
        evidence = ok(
            c.post(
                f"/portal/assessments/{assessment['id']}/answers/{question['key']}/evidence",
                files={"file": ("evidence.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")},
                headers=auth(token),
            )
        )
    config = (
        "[parameters]\n"
        f'"path.assessment_id" = "{assessment["id"]}"\n'
        f'"path.question_key" = "{question["key"]}"\n'
        f'"path.file_id" = "{evidence["id"]}"\n'
        f'"path.finding_id" = "{finding["id"]}"\n'
    )
    schemathesis(live_server, tmp_path, token, "--include-path-regex", "^/api/v1/portal/", config=config)
