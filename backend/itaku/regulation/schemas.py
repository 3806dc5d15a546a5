"""The rule engine over HTTP: the facts in, the obligations out (shapes of rules.py)."""

from datetime import date, datetime

from pydantic import AwareDatetime, Field, model_validator

from itaku.core.schemas import InputSchema, ReadSchema, TextRead
from itaku.core.vocabulary import DataCategory, Jurisdiction
from itaku.regulation.rules import GdprRisk, IncidentRole, Kind, Trigger


class RegulationFacts(InputSchema):
    data_categories: list[DataCategory] = Field(default_factory=list, max_length=10)
    affected_persons_estimate: int | None = Field(default=None, ge=0, le=10**10)
    affected_persons_max: int | None = Field(
        default=None, ge=0, le=10**10, description="the most people possibly affected; thresholds are judged on it"
    )
    financial_damage_possible: bool | None = Field(
        default=None, description="null: judged from the data categories (financial, credentials)"
    )
    wrongful_intent_possible: bool = False
    data_being_acquired: bool = Field(
        default=False, description="the information was being acquired (e.g. web skimming), not yet held"
    )
    strongly_encrypted: bool = Field(default=False, description="advanced encryption with the key kept safe")
    my_number_system: bool = Field(default=False, description="JP-MYNUMBER: in the network or a My Number system")
    wrongful_use: bool = Field(default=False, description="JP-MYNUMBER: wrongful use or provision")
    publicly_viewable: bool = Field(default=False, description="JP-MYNUMBER: viewable by an unspecified number")
    gdpr_risk: GdprRisk = Field(default=GdprRisk.risk, description="EU-GDPR: risk to people's rights and freedoms")
    contract_notice_hours: int | None = Field(
        default=None, ge=1, le=24 * 365, description="the contract's notice time from vendor to principal"
    )

    @model_validator(mode="after")
    def _maximum_not_below_estimate(self) -> "RegulationFacts":
        est, most = self.affected_persons_estimate, self.affected_persons_max
        if est is not None and most is not None and most < est:
            raise ValueError("affected_persons_max is below affected_persons_estimate")
        return self


class EvaluateRequest(InputSchema):
    jurisdiction: Jurisdiction
    role: IncidentRole = Field(description="who we are in this incident: principal (委託元) or vendor (委託先)")
    aware_at: AwareDatetime = Field(description="when we became aware (any department), with its offset")
    facts: RegulationFacts = Field(default_factory=RegulationFacts)


class ObligationRead(ReadSchema):
    kind: Kind
    due_date: date | None = Field(description="local date in the rule set's time zone; null: no number is set")
    due_at: datetime | None = Field(description="the exact instant (end of due_date for day-counted deadlines)")
    target_date: date | None = Field(description="the earlier date to aim for where the law gives a range")
    legal_reference: str = Field(description="the citation as the law's own (Japanese) text")
    legal_basis: TextRead = Field(description="the citation in Japanese and English")
    reason: TextRead
    released_by: Kind | None = Field(description="a vendor's own duty that ends when it notifies the principal")


class EvaluationRead(ReadSchema):
    jurisdiction: Jurisdiction
    rule_set: str = Field(description="the dated rule set applied, chosen by the moment of awareness")
    role: IncidentRole
    aware_date: date
    reportable: bool
    triggers: list[Trigger]
    obligations: list[ObligationRead]
    notes: list[TextRead]
