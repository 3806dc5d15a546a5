"""Schemathesis against the running app: no server errors, no responses outside the contract."""

import subprocess
import sys
from pathlib import Path

import httpx

from tests.builders import PASSWORD, unique_email
from tests.conftest import LiveServer

CHECKS = "not_a_server_error,response_schema_conformance,status_code_conformance,content_type_conformance"


def test_schemathesis_finds_no_server_error_or_schema_violation(live_server: LiveServer, tmp_path: Path) -> None:
    r = httpx.post(
        f"{live_server.url}/api/v1/auth/register",
        json={
            "organization_name": "スキーマ検査株式会社",
            "name": "検査 係",
            "email": unique_email("fuzz"),
            "password": PASSWORD,
        },
    )
    assert r.status_code == 201, r.text
    token = r.json()["access_token"]
    cmd = [
        str(Path(sys.executable).with_name("schemathesis")),
        "run",
        f"{live_server.url}/openapi.json",
        "--checks",
        CHECKS,
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
    ]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
