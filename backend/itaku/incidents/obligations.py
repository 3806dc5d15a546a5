"""The regulation engine applied to an incident: the judgement under each jurisdiction that applies, the vendor's own
duty to tell us, and the stored obligations kept in line with both (REGULATION.md §1, §5).

The engine (itaku.regulation.rules) is pure, so an incident's facts are judged once per distinct set of facts:
reading an incident after a change, or many times in one request, does not evaluate the rules again."""

import functools
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from itaku.core.text import Text
from itaku.core.views import RowView
from itaku.core.vocabulary import Jurisdiction
from itaku.incidents import repository
from itaku.incidents.models import Incident, IncidentObligation, IncidentStatus
from itaku.incidents.policy import policy_values, rules_policy
from itaku.regulation import rules

S = IncidentStatus


@dataclass
class ObligationView(RowView):
    """A stored obligation as it stands now."""

    row_field = "row"
    row: IncidentObligation
    status: str
    not_required_reason: Text | None
    days_left: int | None = None  # to the due date from the organisation's today; negative: late

    @property
    def obligation_id(self) -> uuid.UUID:
        return self.row.id

    @property
    def legal_basis(self) -> Text:
        return Text(self.row.legal_reference, self.row.legal_reference_en or self.row.legal_reference)

    @property
    def reason(self) -> Text:
        return Text(self.row.reason_ja, self.row.reason_en)


NO_RULE_SET = Text("事態を知った時点で施行されていた規則がありません。", "No rule set was in force then.")


@dataclass
class Judgement:
    jurisdiction: Jurisdiction
    evaluation: rules.Evaluation | None  # None: no rule set was in force at the moment of awareness

    @property
    def rule_set(self) -> str:
        return self.evaluation.rule_set if self.evaluation else ""

    @property
    def reportable(self) -> bool:
        return bool(self.evaluation and self.evaluation.reportable)

    @property
    def triggers(self) -> list[rules.Trigger]:
        return list(self.evaluation.triggers) if self.evaluation else []

    @property
    def notes(self) -> list[Text]:
        return list(self.evaluation.notes) if self.evaluation else [NO_RULE_SET]


def effective_aware_at(incident: Incident) -> datetime:
    """We know at the latest when the vendor's notice reaches us (guideline 3-5-3-5; REGULATION.md §1.5)."""
    notified = incident.vendor_notified_at
    return min(incident.aware_at, notified) if notified else incident.aware_at


def jurisdictions(profile: str, categories: Iterable[str]) -> list[Jurisdiction]:
    """The organisation's profile; in Japan APPI always applies, and the My Number rules as well when My Number
    data is involved (番号法29条の4 beside 個人情報保護法26条)."""
    primary = Jurisdiction(profile)
    if primary == Jurisdiction.eu_gdpr:
        return [primary]
    out = [Jurisdiction.jp_appi]
    if primary == Jurisdiction.jp_mynumber or "my_number" in categories:
        out.append(Jurisdiction.jp_mynumber)
    return out


def facts_of(incident: Incident, contract_hours: int | None) -> rules.Facts:
    return rules.Facts(
        data_categories=frozenset(incident.data_categories or []),
        affected_persons_estimate=incident.affected_persons_estimate,
        affected_persons_max=incident.affected_persons_max,
        financial_damage_possible=incident.financial_damage_possible,
        wrongful_intent_possible=incident.wrongful_intent_possible,
        data_being_acquired=incident.data_being_acquired,
        strongly_encrypted=incident.strongly_encrypted,
        my_number_system=incident.my_number_system,
        wrongful_use=incident.wrongful_use,
        publicly_viewable=incident.publicly_viewable,
        gdpr_risk=rules.GdprRisk(incident.gdpr_risk),
        contract_notice_hours=contract_hours,
    )


@functools.lru_cache(maxsize=4096)
def evaluate(
    jurisdiction: Jurisdiction,
    role: rules.IncidentRole,
    aware_at: datetime,
    facts: rules.Facts,
    policy: rules.Policy,
) -> rules.Evaluation:
    """The engine is pure and its inputs are frozen values, so the same facts are judged once: a change recomputes the
    obligations and the answer that follows reads the same judgement (and so do later reads until the facts move)."""
    return rules.evaluate(jurisdiction, role, aware_at, facts, policy)


def judge(incident: Incident, org: Any, contract_hours: int | None) -> list[Judgement]:
    facts = facts_of(incident, contract_hours)
    policy = rules_policy(policy_values(org.incident_policy))
    out = []
    for j in jurisdictions(org.jurisdiction, incident.data_categories or []):
        try:
            evaluation = evaluate(j, rules.IncidentRole.principal, effective_aware_at(incident), facts, policy)
            out.append(Judgement(j, evaluation))
        except rules.NoRuleSet:
            out.append(Judgement(j, None))
    return out


def _vendor_notice(incident: Incident, org: Any, contract_hours: int | None) -> rules.Obligation | None:
    """The vendor's own duty to tell us, from when it learned of the incident (REGULATION.md §1.5, §5.1 Art. 33(2))."""
    primary = jurisdictions(org.jurisdiction, incident.data_categories or [])[0]
    since = incident.vendor_discovered_at or effective_aware_at(incident)
    policy = rules_policy(policy_values(org.incident_policy))
    try:
        result = evaluate(primary, rules.IncidentRole.vendor, since, facts_of(incident, contract_hours), policy)
    except rules.NoRuleSet:
        return None
    kinds = (rules.Kind.notify_principal, rules.Kind.notify_controller)
    return next((o for o in result.obligations if o.kind in kinds), None)


NOT_A_BREACH = Text("事案ではないと判断されました。", "The incident was judged not to be a breach.")
NO_LONGER = Text(
    "現在判明している事実では必要ありません（事実が変われば再評価されます）。",
    "Not required on the facts as they stand (re-evaluated when they change).",
)


def obligation_view(row: IncidentObligation, incident: Incident, now: datetime) -> ObligationView:
    if row.done_at is not None:
        return ObligationView(row, "done", None)
    if incident.status == S.not_a_breach.value:
        return ObligationView(row, "not_required", NOT_A_BREACH)
    if row.waived_reason:
        return ObligationView(row, "not_required", Text(row.waived_reason, row.waived_reason))
    if not row.required:
        return ObligationView(row, "not_required", NO_LONGER)
    if row.due_at is not None and now > row.due_at:
        return ObligationView(row, "overdue", None)
    return ObligationView(row, "pending", None)


async def recompute(
    session: AsyncSession, incident: Incident, org: Any, contract_hours: int | None
) -> list[IncidentObligation]:
    """Bring the stored obligations in line with the engine: new ones added, changed dates moved, ones the facts no
    longer call for kept (with what was done) but no longer required."""
    existing = {(o.jurisdiction, o.kind): o for o in await repository.obligations(session, [incident.id])}
    produced: dict[tuple[str, str], tuple[rules.Obligation, str]] = {}
    for judgement in judge(incident, org, contract_hours):
        for ob in judgement.evaluation.obligations if judgement.evaluation else ():
            produced[(judgement.jurisdiction.value, ob.kind.value)] = (ob, "principal")
    notice = _vendor_notice(incident, org, contract_hours)
    if notice is not None:
        primary = jurisdictions(org.jurisdiction, incident.data_categories or [])[0]
        produced[(primary.value, notice.kind.value)] = (notice, "vendor")
    for (jurisdiction, kind), (ob, party) in produced.items():
        row = existing.get((jurisdiction, kind))
        if row is None:
            row = IncidentObligation(
                organization_id=incident.organization_id, incident_id=incident.id, jurisdiction=jurisdiction, kind=kind
            )
            session.add(row)
            existing[(jurisdiction, kind)] = row
        row.party = party
        row.required = True
        # Kept in UTC like every stored instant, so a response reads the same whether just computed or loaded.
        row.due_date, row.target_date = ob.due_date, ob.target_date
        row.due_at = ob.due_at.astimezone(UTC) if ob.due_at else None
        row.legal_reference, row.legal_reference_en = ob.legal_reference.ja, ob.legal_reference.en
        row.reason_ja, row.reason_en = ob.reason.ja, ob.reason.en
        if party == "vendor":
            row.done_at = incident.vendor_notified_at  # the vendor's notice is done when it reached us
    for key, row in existing.items():
        if key not in produced:
            row.required = False
    await session.flush()
    return sorted(
        existing.values(), key=lambda o: (o.party != "vendor", o.due_at is None, o.due_at or incident.aware_at)
    )
