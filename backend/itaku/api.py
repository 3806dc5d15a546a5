"""The v1 API: one include line per domain."""

from fastapi import APIRouter

from itaku.api_keys.endpoints import router as api_keys
from itaku.assessments.endpoints import assessments, findings, questionnaires
from itaku.audit.endpoints import router as audit_events
from itaku.auth.endpoints import router as auth
from itaku.contracts.endpoints import overview_router as contract_gaps
from itaku.contracts.endpoints import policy_router as contract_policy
from itaku.contracts.endpoints import requirements_router as clause_requirements
from itaku.contracts.endpoints import router as contracts
from itaku.dashboard.endpoints import router as dashboard
from itaku.files.endpoints import router as files
from itaku.incidents.endpoints import policy_router as incident_policy
from itaku.incidents.endpoints import router as incidents
from itaku.jobs.endpoints import deliveries_router as mail_deliveries
from itaku.jobs.endpoints import router as jobs
from itaku.monitoring.endpoints import audits_router as audits
from itaku.monitoring.endpoints import calendar_router as calendar
from itaku.monitoring.endpoints import changes_router as change_requests
from itaku.monitoring.endpoints import feeds_router as calendar_feeds
from itaku.monitoring.endpoints import items_router as monitoring_items
from itaku.monitoring.endpoints import policy_router as monitoring_policy
from itaku.monitoring.endpoints import reports_router as vendor_reports
from itaku.monitoring.endpoints import summary_router as vendor_monitoring
from itaku.organizations.endpoints import router as organization
from itaku.portal.endpoints import router as portal
from itaku.regulation.endpoints import router as regulation
from itaku.users.endpoints import router as users
from itaku.vendors.endpoints import policy_router as risk_policy
from itaku.vendors.endpoints import router as vendors

api_router = APIRouter(prefix="/api/v1")
api_router.include_router(auth)
api_router.include_router(users)
api_router.include_router(api_keys)
api_router.include_router(organization)
api_router.include_router(audit_events)
api_router.include_router(vendors)
api_router.include_router(files)
api_router.include_router(risk_policy)
api_router.include_router(questionnaires)
api_router.include_router(assessments)
api_router.include_router(findings)
api_router.include_router(portal)
api_router.include_router(clause_requirements)
api_router.include_router(contract_policy)
api_router.include_router(contracts)
api_router.include_router(contract_gaps)
api_router.include_router(incidents)
api_router.include_router(incident_policy)
api_router.include_router(regulation)
api_router.include_router(monitoring_items)
api_router.include_router(monitoring_policy)
api_router.include_router(vendor_monitoring)
api_router.include_router(vendor_reports)
api_router.include_router(audits)
api_router.include_router(change_requests)
api_router.include_router(calendar_feeds)
api_router.include_router(calendar)
api_router.include_router(dashboard)
api_router.include_router(jobs)
api_router.include_router(mail_deliveries)
