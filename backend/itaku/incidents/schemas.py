import uuid
from datetime import date, datetime
from enum import StrEnum

from pydantic import AwareDatetime, Field, ValidationInfo, field_validator, model_validator

from itaku.core.schemas import InputSchema, ReadSchema, TextRead
from itaku.core.vocabulary import DataCategory, Jurisdiction, Tier
from itaku.incidents.exposure import DamagesClass
from itaku.incidents.models import IncidentStatus, ReportedVia
from itaku.regulation.rules import GdprRisk, Kind, Trigger

Long = Field(default=None, max_length=10_000)


def max_not_below_estimate(most: int | None, info: ValidationInfo) -> int | None:
    """A field validator for affected_persons_max (declared after the estimate), so the error names that field."""
    est = info.data.get("affected_persons_estimate")
    if est is not None and most is not None and most < est:
        raise ValueError(f"the maximum is below the estimate ({est})")
    return most


class _Facts(InputSchema):
    """What can be known about an incident; every field may be filled in as it becomes known."""

    occurred_at: AwareDatetime | None = None
    vendor_discovered_at: AwareDatetime | None = Field(default=None, description="when the vendor learned of it")
    vendor_notified_at: AwareDatetime | None = Field(default=None, description="when the vendor told us")
    discovered_by: str | None = Field(default=None, max_length=300)
    data_categories: list[DataCategory] | None = Field(default=None, max_length=10)
    data_items: str | None = Long
    affected_persons_estimate: int | None = Field(default=None, ge=0, le=10**10)
    affected_persons_max: int | None = Field(default=None, ge=0, le=10**10)
    financial_damage_possible: bool | None = Field(
        default=None, description="null: judged from the data categories (financial, credentials)"
    )
    wrongful_intent_possible: bool | None = None
    data_being_acquired: bool | None = None
    strongly_encrypted: bool | None = Field(default=None, description="advanced encryption with the key kept safe")
    my_number_system: bool | None = None
    wrongful_use: bool | None = None
    publicly_viewable: bool | None = None
    gdpr_risk: GdprRisk | None = None
    description: str | None = Long
    cause: str | None = Long
    containment: str | None = Long
    secondary_harm: str | None = Long
    secondary_harm_occurred: bool | None = None
    individual_response: str | None = Long
    publication_status: str | None = Long
    measures_done: str | None = Long
    measures_planned: str | None = Long
    other: str | None = Long
    contact_point: str | None = Field(default=None, max_length=2000)

    _counts_in_order = field_validator("affected_persons_max")(max_not_below_estimate)


class IncidentCreate(_Facts):
    vendor_id: uuid.UUID
    contract_id: uuid.UUID | None = Field(
        default=None, description="the contract concerned; the vendor's only active contract when left out"
    )
    processing_ids: list[uuid.UUID] = Field(default_factory=list, max_length=100)
    source_incident_id: uuid.UUID | None = Field(default=None, description="the incident it was registered from")
    title: str = Field(min_length=1, max_length=300)
    status: IncidentStatus = IncidentStatus.suspected
    aware_at: AwareDatetime = Field(description="when any of our departments knew (the clocks start here)")


class IncidentUpdate(_Facts):
    version: int = Field(ge=1)
    contract_id: uuid.UUID | None = None
    processing_ids: list[uuid.UUID] | None = Field(default=None, max_length=100)
    title: str | None = Field(default=None, min_length=1, max_length=300)
    status: IncidentStatus | None = None
    aware_at: AwareDatetime | None = None


class ObligationStatus(StrEnum):
    pending = "pending"
    done = "done"
    overdue = "overdue"
    not_required = "not_required"


class Party(StrEnum):
    principal = "principal"  # ours
    vendor = "vendor"  # the vendor's notice to us


class IncidentObligationRead(ReadSchema):
    id: uuid.UUID
    jurisdiction: Jurisdiction
    kind: Kind
    party: Party
    status: ObligationStatus
    required: bool = Field(description="whether the rules require it on today's facts")
    due_date: date | None
    due_at: datetime | None
    target_date: date | None
    legal_reference: str = Field(description="the citation as the law's own (Japanese) text")
    legal_basis: TextRead = Field(description="the citation in Japanese and English")
    reason: TextRead
    not_required_reason: TextRead | None
    done_at: datetime | None
    reference: str | None
    note: str | None
    waived_reason: str | None
    days_left: int | None = Field(
        description="days from today (the organisation's) to the due date; negative: late; null: no date"
    )
    version: int


class ObligationUpdate(InputSchema):
    version: int = Field(ge=1)
    done_at: AwareDatetime | None = Field(default=None, description="when it was done; null: not done")
    reference: str | None = Field(default=None, max_length=200, description="e.g. the regulator's receipt number")
    note: str | None = Field(default=None, max_length=5000)
    waived_reason: str | None = Field(
        default=None, max_length=2000, description="why a person judged it not required; null: follow the rules"
    )


class EvaluationSummary(ReadSchema):
    jurisdiction: Jurisdiction
    rule_set: str
    reportable: bool
    triggers: list[Trigger]
    notes: list[TextRead]


class VendorNoticeRead(ReadSchema):
    """Whether the vendor told us within the contract's notice time (issue 5/7)."""

    contract_hours: int | None = Field(description="the contract's notice time; null: the contract states none")
    discovered_at: datetime | None
    due_at: datetime | None
    notified_at: datetime | None
    hours_taken: float | None
    met: bool | None = Field(description="null: not yet notified and not yet late, or nothing to compare")


class NextDeadline(ReadSchema):
    obligation_id: uuid.UUID
    kind: Kind
    due_date: date | None
    due_at: datetime | None
    days_left: int | None = Field(description="days from today (the organisation's) to the due date; negative: late")


class IncidentSummary(ReadSchema):
    id: uuid.UUID
    title: str
    vendor_id: uuid.UUID
    vendor_name: str
    status: IncidentStatus
    aware_at: datetime
    reportable: bool
    triggers: list[Trigger]
    affected_persons_estimate: int | None
    affected_persons_max: int | None
    next_deadline: NextDeadline | None
    overdue: int = Field(description="obligations past their due time and not done")
    reported_via: ReportedVia
    source_incident_id: uuid.UUID | None
    created_at: datetime
    updated_at: datetime


class IncidentRead(IncidentSummary):
    exposure: "ExposureRead"
    contract_id: uuid.UUID | None
    contract_title: str | None
    processing_ids: list[uuid.UUID]
    occurred_at: datetime | None
    vendor_discovered_at: datetime | None
    vendor_notified_at: datetime | None
    effective_aware_at: datetime = Field(description="the earlier of aware_at and vendor_notified_at: the clock")
    discovered_by: str | None
    data_categories: list[DataCategory]
    data_items: str | None
    financial_damage_possible: bool | None
    wrongful_intent_possible: bool
    data_being_acquired: bool
    strongly_encrypted: bool
    my_number_system: bool
    wrongful_use: bool
    publicly_viewable: bool
    gdpr_risk: GdprRisk
    description: str | None
    cause: str | None
    containment: str | None
    secondary_harm: str | None
    secondary_harm_occurred: bool
    individual_response: str | None
    publication_status: str | None
    measures_done: str | None
    measures_planned: str | None
    other: str | None
    contact_point: str | None
    vendor_contact_point: str | None = Field(description="whom at the vendor to ask, as given in its portal report")
    evaluations: list[EvaluationSummary]
    obligations: list[IncidentObligationRead]
    vendor_notice: VendorNoticeRead | None
    allowed_statuses: list[IncidentStatus]
    closed_at: datetime | None
    version: int


class IncidentEventRead(ReadSchema):
    id: uuid.UUID
    at: datetime
    kind: str
    actor_type: str
    actor_name: str
    message: str | None
    changes: dict[str, object] | None


class IncidentNoteCreate(InputSchema):
    message: str = Field(min_length=1, max_length=10_000)


class AmountRange(InputSchema):
    low: int = Field(ge=0, le=10_000_000, description="yen per person")
    high: int = Field(ge=0, le=10_000_000, description="yen per person")

    @model_validator(mode="after")
    def _in_order(self) -> "AmountRange":
        if self.high < self.low:
            raise ValueError("high is below low")
        return self


class IncidentPolicyValues(InputSchema):
    """The numbers the law leaves open (REGULATION.md §1.6 [U]) and the damages assumptions (§4.2)."""

    preliminary_target_days: int = Field(default=3, ge=1, le=30, description="aim for the preliminary report by")
    preliminary_due_days: int = Field(default=5, ge=1, le=30, description="the preliminary report is late after")
    vendor_notice_target_days: int = Field(default=3, ge=1, le=30)
    vendor_notice_due_days: int = Field(default=5, ge=1, le=30)
    damages_basic: AmountRange = Field(default_factory=lambda: AmountRange(low=3_000, high=5_500))
    damages_detailed: AmountRange = Field(default_factory=lambda: AmountRange(low=10_000, high=15_000))
    damages_sensitive: AmountRange = Field(default_factory=lambda: AmountRange(low=30_000, high=35_000))
    lawyer_fee_percent: int = Field(default=10, ge=0, le=100)

    @model_validator(mode="after")
    def _targets_before_dues(self) -> "IncidentPolicyValues":
        if self.preliminary_target_days > self.preliminary_due_days:
            raise ValueError("preliminary_target_days is after preliminary_due_days")
        if self.vendor_notice_target_days > self.vendor_notice_due_days:
            raise ValueError("vendor_notice_target_days is after vendor_notice_due_days")
        return self


class IncidentPolicyRead(IncidentPolicyValues):
    is_default: bool
    version: int = Field(description="the organisation's version, for the next update")
    cases: dict[str, list["CourtCaseRead"]] = Field(
        description="the court cases the default amounts of each damages class rest on (basic, detailed, sensitive)"
    )


class IncidentPolicyUpdate(InputSchema):
    version: int = Field(ge=1)
    policy: IncidentPolicyValues | None = Field(description="null restores the defaults")


class CourtCaseRead(ReadSchema):
    name: TextRead
    court: TextRead
    decided: str
    amount: int = Field(description="yen per person as awarded, lawyer fee included")
    summary: TextRead


class ExposureRead(ReadSchema):
    damages_class: DamagesClass
    per_person_low: int
    per_person_high: int
    lawyer_fee_percent: int
    persons_low: int | None
    persons_high: int | None
    low: int | None = Field(description="yen, lawyer fee included; null: no count known yet")
    high: int | None
    cases: list[CourtCaseRead]
    reason: TextRead
    explanation: TextRead
    note: TextRead


class ReachProcessing(ReadSchema):
    id: uuid.UUID
    service: str
    data_categories: list[str]
    persons_estimate: int


class ReachRead(ReadSchema):
    vendor_id: uuid.UUID
    name: str
    tier: Tier
    depth: int = Field(description="1: passes data straight to the incident's vendor; 2: through one more; ...")
    path: list[str] = Field(description="vendor names from ours to the incident's vendor")
    processing: list[ReachProcessing]
    persons: int = Field(description="people in our processing at this vendor (estimates added up)")
    categories: list[str]
    incident_id: uuid.UUID | None = Field(description="the incident registered for this vendor from this one")


class ReachRegister(InputSchema):
    vendor_ids: list[uuid.UUID] = Field(min_length=1, max_length=200)


IncidentRead.model_rebuild()
IncidentPolicyRead.model_rebuild()


# --- what a vendor's contact sees in the portal: classes of their own, so an internal score, note or rule
# cannot reach the vendor by being added to a staff shape ----------------------------------------------------


class PortalIncidentReport(InputSchema):
    """The standard first report: when, what and how many, the cause as known, where it stands, what comes next."""

    title: str = Field(min_length=1, max_length=300)
    occurred_at: AwareDatetime | None = Field(default=None, description="when it happened, if known")
    discovered_at: AwareDatetime = Field(description="when your company learned of it")
    description: str = Field(min_length=1, max_length=10_000, description="what happened")
    data_categories: list[DataCategory] = Field(default_factory=list, max_length=10)
    data_items: str | None = Field(default=None, max_length=10_000, description="which data, as far as known")
    affected_persons_estimate: int | None = Field(default=None, ge=0, le=10**10)
    affected_persons_max: int | None = Field(default=None, ge=0, le=10**10)
    cause: str | None = Field(default=None, max_length=10_000)
    wrongful_intent_possible: bool = Field(default=False, description="an attack, theft or insider misuse possible")
    strongly_encrypted: bool = Field(
        default=False, description="the data was strongly encrypted and the key was not taken with it"
    )
    containment: str | None = Field(default=None, max_length=10_000, description="where it stands now")
    next_steps: str | None = Field(default=None, max_length=10_000)
    contact_point: str | None = Field(
        default=None, max_length=2000, description="who at your company answers the company's questions, and how"
    )

    _counts_in_order = field_validator("affected_persons_max")(max_not_below_estimate)


class PortalIncidentUpdate(InputSchema):
    """A message and the facts now known; a fact omitted or null stays as it was."""

    message: str = Field(min_length=1, max_length=10_000, description="what is new")
    wrongful_intent_possible: bool | None = None
    contact_point: str | None = Field(default=None, max_length=2000)
    affected_persons_estimate: int | None = Field(default=None, ge=0, le=10**10)
    affected_persons_max: int | None = Field(default=None, ge=0, le=10**10)
    data_items: str | None = Field(default=None, max_length=10_000)
    cause: str | None = Field(default=None, max_length=10_000)
    containment: str | None = Field(default=None, max_length=10_000)
    next_steps: str | None = Field(default=None, max_length=10_000)


class PortalIncidentEvent(ReadSchema):
    at: datetime
    kind: str
    author: str
    message: str | None


class PortalIncident(ReadSchema):
    id: uuid.UUID
    title: str
    status: IncidentStatus
    occurred_at: datetime | None
    discovered_at: datetime | None
    notified_at: datetime | None
    description: str | None
    data_categories: list[DataCategory]
    data_items: str | None
    affected_persons_estimate: int | None
    affected_persons_max: int | None
    cause: str | None
    wrongful_intent_possible: bool
    strongly_encrypted: bool
    containment: str | None
    next_steps: str | None
    contact_point: str | None
    updated_at: datetime = Field(description="when anything about the incident last changed, on either side")
    updates: list[PortalIncidentEvent] = Field(description="what your company reported, oldest first")
