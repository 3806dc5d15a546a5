"""The rule engine over HTTP. rules.py and calendar.py stay pure; this module only reads the caller's policy."""

from fastapi import APIRouter

from itaku.auth.dependencies import Reader
from itaku.core.dependencies import SessionDep
from itaku.core.errors import AppError, Forbidden, NotAuthenticated, error_responses
from itaku.core.views import Overlay
from itaku.incidents import policy as incident_policy
from itaku.organizations import service as organization_service
from itaku.regulation import rules
from itaku.regulation.schemas import EvaluateRequest, EvaluationRead

router = APIRouter(prefix="/regulation", tags=["regulation"], responses=error_responses(NotAuthenticated, Forbidden))


class NoRuleSet(AppError):
    status_code = 422
    code = "no_rule_set"
    message = "No rule set of this jurisdiction was in force at that moment of awareness."


def facts_of(body: EvaluateRequest) -> rules.Facts:
    f = body.facts
    return rules.Facts(
        **{
            **f.model_dump(exclude={"data_categories"}),
            "data_categories": frozenset(c.value for c in f.data_categories),
        }
    )


def evaluation_read(result: rules.Evaluation) -> EvaluationRead:
    obligations = [
        Overlay(o, legal_reference=o.legal_reference.ja, legal_basis=o.legal_reference) for o in result.obligations
    ]
    return EvaluationRead.model_validate(Overlay(result, obligations=obligations), from_attributes=True)


@router.post("/evaluate", response_model=EvaluationRead, responses=error_responses(NoRuleSet))
async def evaluate_regulation(body: EvaluateRequest, session: SessionDep, principal: Reader) -> EvaluationRead:
    """Whether an incident is reportable under a jurisdiction's rules, and the obligations with their due dates,
    legal references and reasons, from the facts given (nothing is stored). The days the law leaves open come from
    your incident policy."""
    org = await organization_service.get(session, principal.organization_id)
    policy = incident_policy.rules_policy(incident_policy.policy_values(org.incident_policy))
    try:
        result = rules.evaluate(body.jurisdiction, body.role, body.aware_at, facts_of(body), policy)
    except rules.NoRuleSet as exc:
        raise NoRuleSet(str(exc)) from exc
    return evaluation_read(result)
