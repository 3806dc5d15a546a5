"""The v1 API: one line per domain, registered flat on the app.

FastAPI 0.163 keeps an included router as a branch of the route tree and walks it again at every level of nesting:
a request to /api/v1/... was matched three times over (the app, the v1 router, the domain's router), and every
branch first asked the whole tree whether a route had been added since. Registered one by one on the app's own
router, with what `include_router` would have combined (prefix, the app's responses and operation ids), each route
is matched once, as plain Starlette routes are; the OpenAPI document is the same.
"""

from fastapi import APIRouter, FastAPI
from fastapi.routing import APIRoute

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

API_PREFIX = "/api/v1"
ROUTERS: tuple[APIRouter, ...] = (
    auth,
    users,
    api_keys,
    organization,
    audit_events,
    vendors,
    files,
    risk_policy,
    questionnaires,
    assessments,
    findings,
    portal,
    clause_requirements,
    contract_policy,
    contracts,
    contract_gaps,
    incidents,
    incident_policy,
    regulation,
    monitoring_items,
    monitoring_policy,
    vendor_monitoring,
    vendor_reports,
    audits,
    change_requests,
    calendar_feeds,
    calendar,
    dashboard,
    jobs,
    mail_deliveries,
)


def include_api(app: FastAPI) -> None:
    """Every route of `ROUTERS`, in order, on the app's router (what `include_router` did before FastAPI 0.163)."""
    for router in ROUTERS:
        for route in router.routes:
            if not isinstance(route, APIRoute):
                raise TypeError(f"{route!r}: only API routes can be registered flat")
            app.router.add_api_route(
                API_PREFIX + route.path,
                route.endpoint,
                response_model=route.response_model,
                status_code=route.status_code,
                tags=route.tags,
                dependencies=route.dependencies,
                summary=route.summary,
                description=route.description,
                response_description=route.response_description,
                responses=route.responses,
                deprecated=route.deprecated,
                methods=route.methods,
                operation_id=route.operation_id,
                response_model_include=route.response_model_include,
                response_model_exclude=route.response_model_exclude,
                response_model_by_alias=route.response_model_by_alias,
                response_model_exclude_unset=route.response_model_exclude_unset,
                response_model_exclude_defaults=route.response_model_exclude_defaults,
                response_model_exclude_none=route.response_model_exclude_none,
                include_in_schema=route.include_in_schema,
                response_class=route.response_class,
                name=route.name,
                route_class_override=type(route),
                callbacks=route.callbacks,
                openapi_extra=route.openapi_extra,
                generate_unique_id_function=route.generate_unique_id_function,
                strict_content_type=route.strict_content_type,
            )
