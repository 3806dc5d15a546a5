import uuid
from datetime import date, datetime

from pydantic import Field, model_validator

from itaku.contracts.clauses import Comparison, Level, ParamType, Profile
from itaku.contracts.gaps import Status
from itaku.contracts.models import ContractStatus
from itaku.core.schemas import InputSchema, ReadSchema, TextRead

ParamValue = int | bool | str | None


class ParameterRead(ReadSchema):
    name: str
    type: ParamType
    title: TextRead
    compare: Comparison
    unit: str | None
    choices: list[str]
    limit: int | None = Field(description="the organisation's policy value a stated value is held against")
    only_when_my_number: bool


class ClauseRequirementRead(ReadSchema):
    key: str
    custom: bool = Field(description="added by the organisation (editable by administrators), not built in")
    id: uuid.UUID | None = Field(description="the organisation's requirement; null for a built-in one")
    version: int | None = Field(description="for the next update of the organisation's requirement")
    title: TextRead
    standard_wording: TextRead | None = Field(description="with the organisation's policy values filled in")
    level: Level | None = Field(description="required or desirable under the organisation's profile; null: not applied")
    levels: dict[Profile, Level]
    required_for_my_number: bool
    parameters: list[ParameterRead]


class TextInput(InputSchema):
    """Japanese, English or both; a side left out takes the other's text."""

    ja: str | None = Field(default=None, max_length=200)
    en: str | None = Field(default=None, max_length=200)

    @model_validator(mode="after")
    def _one_language_at_least(self) -> "TextInput":
        if not (self.ja or self.en):
            raise ValueError("give the text in Japanese, English or both")
        return self


class WordingInput(TextInput):
    ja: str | None = Field(default=None, max_length=5000)
    en: str | None = Field(default=None, max_length=5000)


class OrganizationRequirementCreate(InputSchema):
    key: str | None = Field(
        default=None,
        pattern=r"^org_[a-z0-9_]{1,60}$",
        description='what contract clauses name; starts with "org_"; made from a random suffix when left out',
    )
    title: TextInput
    standard_wording: WordingInput | None = Field(default=None, description="the clause text for the addendum")
    level: Level


class OrganizationRequirementUpdate(InputSchema):
    version: int = Field(ge=1)
    title: TextInput | None = None
    standard_wording: WordingInput | None = None
    level: Level | None = None


class ContractPolicyValues(InputSchema):
    max_incident_notice_hours: int = Field(default=24, ge=1, le=24 * 30, description="the longest notice accepted")
    min_audit_frequency_per_year: int = Field(default=1, ge=0, le=52)
    min_report_frequency_per_year: int = Field(default=1, ge=0, le=365)
    required_keys: list[str] = Field(
        default_factory=list, max_length=50, description="library clauses the organisation requires under any profile"
    )


class ContractPolicyRead(ContractPolicyValues):
    is_default: bool
    version: int = Field(description="the organisation's version, for the next update")


class ContractPolicyUpdate(InputSchema):
    version: int = Field(ge=1)
    policy: ContractPolicyValues | None = Field(description="null restores the defaults")


class ClauseInput(InputSchema):
    requirement_key: str = Field(min_length=1, max_length=64)
    values: dict[str, ParamValue] = Field(default_factory=dict, description="the parameter values the clause states")
    article: str | None = Field(default=None, max_length=100, description="article or section number, e.g. 第12条")
    excerpt: str | None = Field(default=None, max_length=10_000)


class ClauseRead(ReadSchema):
    id: uuid.UUID
    requirement_key: str
    values: dict[str, ParamValue]
    article: str | None
    excerpt: str | None


class GapSummaryRead(ReadSchema):
    total: int
    met: int
    missing: int
    weaker: int
    required_missing: int
    required_weaker: int
    complete: bool


class ContractCreate(InputSchema):
    vendor_id: uuid.UUID
    title: str = Field(min_length=1, max_length=300)
    number: str | None = Field(default=None, max_length=100)
    signed_date: date | None = None
    start_date: date | None = None
    end_date: date | None = None
    auto_renewal: bool = False
    notice_period_days: int | None = Field(default=None, ge=0, le=3650)
    status: ContractStatus = ContractStatus.draft
    processing_ids: list[uuid.UUID] = Field(default_factory=list, max_length=100)
    notes: str | None = Field(default=None, max_length=10_000)
    clauses: list[ClauseInput] = Field(default_factory=list, max_length=100)

    @model_validator(mode="after")
    def _dates_in_order(self) -> "ContractCreate":
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValueError("end_date is before start_date")
        return self


class ContractUpdate(InputSchema):
    version: int = Field(ge=1)
    title: str | None = Field(default=None, min_length=1, max_length=300)
    number: str | None = Field(default=None, max_length=100)
    signed_date: date | None = None
    start_date: date | None = None
    end_date: date | None = None
    auto_renewal: bool | None = None
    notice_period_days: int | None = Field(default=None, ge=0, le=3650)
    status: ContractStatus | None = None
    processing_ids: list[uuid.UUID] | None = Field(default=None, max_length=100)
    notes: str | None = Field(default=None, max_length=10_000)
    clauses: list[ClauseInput] | None = Field(default=None, max_length=100, description="replaces every clause")


class ContractRead(ReadSchema):
    id: uuid.UUID
    vendor_id: uuid.UUID
    vendor_name: str
    title: str
    number: str | None
    signed_date: date | None
    start_date: date | None
    end_date: date | None
    auto_renewal: bool
    notice_period_days: int | None
    status: ContractStatus
    processing_ids: list[uuid.UUID]
    covers_my_number: bool
    document_file_id: uuid.UUID | None
    notes: str | None
    clauses: list[ClauseRead]
    incident_notice_hours: int | None = Field(description="the shortest incident-notice time the contract states")
    notice_date: date | None = Field(description="the last day to give notice before the end date")
    renewal_due: bool = Field(description="active and inside its notice period (or past its end): decide now")
    gaps: GapSummaryRead = Field(description="the gap analysis in figures (GET /contracts/{id}/gaps for the rows)")
    created_at: datetime
    updated_at: datetime
    version: int


class ReasonRead(ReadSchema):
    code: str
    ja: str
    en: str


class GapRowRead(ReadSchema):
    key: str
    title: TextRead
    level: Level
    source: TextRead = Field(
        description="where the level comes from: a law, a guideline, the product, the organisation"
    )
    status: Status
    reasons: list[ReasonRead]
    ref: str | None = Field(description="where the contract's clause stands (article or excerpt)")


class GapReportRead(ReadSchema):
    contract_id: uuid.UUID
    profile: Profile
    covers_my_number: bool
    rows: list[GapRowRead]
    summary: GapSummaryRead
    unknown_clause_keys: list[str]


class GapCellRead(ReadSchema):
    key: str
    level: Level
    status: Status


class ContractGapsRead(ReadSchema):
    contract_id: uuid.UUID
    title: str
    vendor_id: uuid.UUID
    vendor_name: str
    status: ContractStatus
    covers_my_number: bool
    renewal_due: bool
    summary: GapSummaryRead
    cells: list[GapCellRead] = Field(description="one per requirement that applies to this contract")


class RequirementGapsRead(ReadSchema):
    key: str
    title: TextRead
    custom: bool
    missing: int = Field(description="contracts that lack the clause where it applies")
    weaker: int
    met: int
    required_missing: int = Field(description="of those missing, where the clause is required")


class GapOverviewRead(ReadSchema):
    profile: Profile
    requirements: list[RequirementGapsRead] = Field(description="every requirement that applies to a contract listed")
    contracts: list[ContractGapsRead]
    vendors_without_active_contract: int = Field(
        description="vendors entrusted with personal data that have no active contract (the register's filter)"
    )
