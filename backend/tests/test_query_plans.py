"""Every main list is served by indexes: each statement a list request sends, explained by PostgreSQL with
sequential scans priced out (`enable_seqscan = off`), reads no table of the organisation's size in full.

With sequential scans off the planner still chooses one when no index can serve the query, so a plan that scans one
of these tables names a missing index, whatever the size of the test data. PostgreSQL only: it is the production
database, and SQLite's planner has no such switch.
"""

from typing import Any

import httpx
import pytest
from sqlalchemy import event

from itaku.demo import DemoLogin
from tests.conftest import TestDatabase
from tests.test_dashboard import demo_admin

# Tables that grow with the register (vendors and what each one accumulates).
ORGANISATION_SIZED = {
    "vendors",
    "vendor_contacts",
    "vendor_processing",
    "vendor_certifications",
    "vendor_subcontracts",
    "assessments",
    "findings",
    "contracts",
    "contract_clauses",
    "monitoring_items",
    "vendor_reports",
    "audits",
    "change_requests",
    "incidents",
    "incident_obligations",
    "audit_events",
}

# The lists a user waits for, with the filters and sorts the screens offer.
LISTS: list[tuple[str, dict[str, Any]]] = [
    ("/api/v1/vendors", {}),
    ("/api/v1/vendors", {"tier": ["high", "critical"]}),
    ("/api/v1/vendors", {"status": ["active"]}),
    ("/api/v1/vendors", {"q": "クラウド"}),
    ("/api/v1/vendors", {"sort": "-updated_at"}),
    ("/api/v1/vendors", {"sort": "-tier"}),
    ("/api/v1/vendors", {"sort": "persons_total"}),
    ("/api/v1/vendors", {"missing_incident_contact": True}),
    ("/api/v1/vendors", {"no_active_contract": True}),
    ("/api/v1/assessments", {"status": ["submitted", "under_review"]}),
    ("/api/v1/assessments", {"overdue": True}),
    ("/api/v1/findings", {"overdue": True}),
    ("/api/v1/findings", {"status": ["open", "in_remediation"]}),
    ("/api/v1/monitoring-items", {"stage": ["overdue"]}),
    ("/api/v1/monitoring-items", {"stage": ["due", "due_soon"]}),
    ("/api/v1/vendor-reports", {"status": ["submitted"]}),
    ("/api/v1/change-requests", {"status": ["pending"]}),
    ("/api/v1/contracts", {}),
    ("/api/v1/contract-gaps", {}),
    ("/api/v1/incidents", {}),
    ("/api/v1/audit-events", {}),
    ("/api/v1/audit-events", {"entity_type": "vendor"}),
    ("/api/v1/dashboard", {}),
]


def seq_scans(plan: list[str]) -> set[str]:
    found = set()
    for line in plan:
        if "Seq Scan on " in line:
            found.add(line.split("Seq Scan on ", 1)[1].split()[0])
    return found & ORGANISATION_SIZED


@pytest.mark.parametrize(("path", "params"), LISTS, ids=[f"{p} {q}" for p, q in LISTS])
async def test_the_list_reads_no_organisation_sized_table_in_full(
    app: Any,
    client: httpx.AsyncClient,
    database: TestDatabase,
    demo_login: DemoLogin,
    path: str,
    params: dict[str, Any],
) -> None:
    if database.backend != "postgresql":
        pytest.skip("plans are checked on PostgreSQL, the production database")
    headers = await demo_admin(client, demo_login)
    sent: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            sent.append((statement, parameters))

    engine = app.state.db.engine.sync_engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        r = await client.get(path, params=params, headers=headers)
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert r.status_code == 200, r.text
    assert sent

    scanned: dict[str, set[str]] = {}
    async with app.state.db.engine.connect() as conn:
        await conn.exec_driver_sql("SET enable_seqscan = off")
        for statement, parameters in sent:
            plan = [row[0] for row in await conn.exec_driver_sql("EXPLAIN " + statement, parameters)]
            if tables := seq_scans(plan):
                scanned[statement] = tables
    assert scanned == {}, "\n\n".join(f"{sorted(t)} scanned by:\n{s}" for s, t in scanned.items())
