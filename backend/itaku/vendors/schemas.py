import uuid
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import EmailStr, Field, HttpUrl, field_validator

from itaku.core.schemas import InputSchema, ReadSchema
from itaku.core.vocabulary import AccessType, DataCategory, Tier
from itaku.vendors import corporate_number, kana
from itaku.vendors.models import ApprovalStatus, CertificationKind, ContactRole, StorageType, VendorStatus

CountryCode = Annotated[str, Field(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2, e.g. JP")]


def check_corporate_number(value: str | None) -> str | None:
    if value is None or value == "":
        return None
    value = corporate_number.normalise(value)
    problem = corporate_number.validate(value)
    if problem:
        raise ValueError(problem)
    return value


def check_kana(value: str | None) -> str | None:
    if value is None or value == "":
        return None
    value = kana.normalise(value)
    if not kana.is_katakana_name(value):
        raise ValueError("write the reading in katakana (カタカナ); hiragana is converted, kanji cannot be read")
    return value


class TierReason(ReadSchema):
    code: str
    points: int
    ja: str
    en: str


class VendorCreate(InputSchema):
    name: str = Field(min_length=1, max_length=200, description="legal name")
    name_kana: str | None = Field(default=None, max_length=200)
    corporate_number: str | None = Field(default=None, description="法人番号: 13 digits with its check digit")
    address: str | None = Field(default=None, max_length=400)
    country: CountryCode = "JP"
    website: HttpUrl | None = None
    status: VendorStatus = VendorStatus.candidate
    owner_user_id: uuid.UUID | None = Field(
        default=None, description="the internal owner, a member of your organisation"
    )
    notes: str | None = Field(default=None, max_length=10_000)
    handles_confidential_info: bool = Field(
        default=False, description="our important confidential information is handled on the vendor's systems"
    )
    critical_to_continuity: bool = Field(
        default=False, description="an outage at the vendor would hold up our business unacceptably"
    )
    network_access: bool = Field(default=False, description="our internal systems are reachable from the vendor")

    _cn = field_validator("corporate_number")(check_corporate_number)
    _kana = field_validator("name_kana")(check_kana)


class VendorUpdate(InputSchema):
    version: int = Field(ge=1)
    name: str | None = Field(default=None, min_length=1, max_length=200)
    name_kana: str | None = Field(default=None, max_length=200)
    corporate_number: str | None = None
    address: str | None = Field(default=None, max_length=400)
    country: CountryCode | None = None
    website: HttpUrl | None = None
    status: VendorStatus | None = Field(default=None, description="only the lifecycle's allowed transitions")
    owner_user_id: uuid.UUID | None = None
    notes: str | None = Field(default=None, max_length=10_000)
    handles_confidential_info: bool | None = None
    critical_to_continuity: bool | None = None
    network_access: bool | None = None

    _cn = field_validator("corporate_number")(check_corporate_number)
    _kana = field_validator("name_kana")(check_kana)


class TierOverride(InputSchema):
    version: int = Field(ge=1)
    tier: Tier | None = Field(description="the tier to use instead of the computed one; null removes the override")
    reason: str | None = Field(default=None, max_length=2000, description="required when setting an override")


class VendorSummary(ReadSchema):
    id: uuid.UUID
    name: str
    name_kana: str | None
    corporate_number: str | None
    country: str
    status: VendorStatus
    owner_user_id: uuid.UUID | None
    tier: Tier
    tier_overridden: bool
    data_categories: list[DataCategory]
    persons_total: int
    missing_incident_contact: bool
    updated_at: datetime
    version: int


class VendorRead(VendorSummary):
    address: str | None
    website: str | None
    notes: str | None
    handles_confidential_info: bool
    critical_to_continuity: bool
    network_access: bool
    computed_tier: Tier
    tier_score: int
    tier_reasons: list[TierReason]
    tier_override_reason: str | None
    required_star: int = Field(description="METI supply-chain evaluation level to require: 3 or 4")
    allowed_status_transitions: list[VendorStatus]
    created_at: datetime


class ContactCreate(InputSchema):
    name: str = Field(min_length=1, max_length=200)
    email: EmailStr | None = None
    phone: str | None = Field(default=None, max_length=40, pattern=r"^[0-9+()\- ]*$")
    role: ContactRole
    notes: str | None = Field(default=None, max_length=2000)


class ContactUpdate(InputSchema):
    version: int = Field(ge=1)
    name: str | None = Field(default=None, min_length=1, max_length=200)
    email: EmailStr | None = None
    phone: str | None = Field(default=None, max_length=40, pattern=r"^[0-9+()\- ]*$")
    role: ContactRole | None = None
    notes: str | None = Field(default=None, max_length=2000)


class ContactRead(ReadSchema):
    id: uuid.UUID
    vendor_id: uuid.UUID
    name: str
    email: str | None
    phone: str | None
    role: ContactRole
    notes: str | None
    version: int


class ProcessingCreate(InputSchema):
    service: str = Field(default="", max_length=300, description="the work entrusted, e.g. payroll calculation")
    data_categories: list[DataCategory] = Field(min_length=1, max_length=6)
    persons_estimate: int = Field(ge=0, le=10_000_000_000, description="number of people whose data is handled")
    access_type: AccessType
    storage_country: CountryCode = "JP"
    storage_type: StorageType = StorageType.cloud
    cloud_provider: str | None = Field(default=None, max_length=200)
    retention: str | None = Field(default=None, max_length=200)
    leaves_japan: bool | None = Field(default=None, description="defaults to true when stored outside Japan")
    foreign_regime_notes: str | None = Field(
        default=None,
        max_length=5000,
        description="what is known of the foreign data-protection regime (guideline 10-7)",
    )


class ProcessingUpdate(InputSchema):
    version: int = Field(ge=1)
    service: str | None = Field(default=None, max_length=300)
    data_categories: list[DataCategory] | None = Field(default=None, min_length=1, max_length=6)
    persons_estimate: int | None = Field(default=None, ge=0, le=10_000_000_000)
    access_type: AccessType | None = None
    storage_country: CountryCode | None = None
    storage_type: StorageType | None = None
    cloud_provider: str | None = Field(default=None, max_length=200)
    retention: str | None = Field(default=None, max_length=200)
    leaves_japan: bool | None = None
    foreign_regime_notes: str | None = Field(default=None, max_length=5000)


class ProcessingRead(ReadSchema):
    id: uuid.UUID
    vendor_id: uuid.UUID
    service: str
    data_categories: list[DataCategory]
    persons_estimate: int
    access_type: AccessType
    storage_country: str
    storage_type: StorageType
    cloud_provider: str | None
    retention: str | None
    leaves_japan: bool
    foreign_regime_notes: str | None
    version: int


class SubcontractCreate(InputSchema):
    subcontractor_id: uuid.UUID = Field(description="a vendor of your register")
    work: str = Field(min_length=1, max_length=300, description="the part of the work entrusted onward")
    approval_status: ApprovalStatus = ApprovalStatus.requested
    approval_date: date | None = None


class SubcontractUpdate(InputSchema):
    version: int = Field(ge=1)
    work: str | None = Field(default=None, min_length=1, max_length=300)
    approval_status: ApprovalStatus | None = None
    approval_date: date | None = None


class SubcontractRead(ReadSchema):
    id: uuid.UUID
    vendor_id: uuid.UUID
    subcontractor_id: uuid.UUID
    subcontractor_name: str
    work: str
    approval_status: ApprovalStatus
    approval_date: date | None
    version: int


class SubcontractNode(ReadSchema):
    link_id: uuid.UUID
    vendor_id: uuid.UUID
    name: str
    tier: Tier
    work: str
    approval_status: ApprovalStatus
    approval_date: date | None
    depth: int
    my_number_unapproved: bool = Field(description="My Number data flows here without approval (番号法10条)")
    children: list["SubcontractNode"]


class ExposedVendor(ReadSchema):
    vendor_id: uuid.UUID
    name: str
    tier: Tier
    depth: int = Field(description="1 = entrusts directly to the vendor asked about")
    path: list[str] = Field(description="names along the chain, from this vendor down to the one asked about")


class CertificationCreate(InputSchema):
    kind: CertificationKind
    name: str | None = Field(default=None, max_length=200, description="for kind `other`")
    number: str | None = Field(default=None, max_length=100)
    scope: str | None = Field(default=None, max_length=5000)
    issued_date: date | None = None
    expiry_date: date | None = None
    evidence_file_id: uuid.UUID | None = Field(default=None, description="an uploaded file (POST /api/v1/files)")


class CertificationUpdate(InputSchema):
    version: int = Field(ge=1)
    kind: CertificationKind | None = None
    name: str | None = Field(default=None, max_length=200)
    number: str | None = Field(default=None, max_length=100)
    scope: str | None = Field(default=None, max_length=5000)
    issued_date: date | None = None
    expiry_date: date | None = None
    evidence_file_id: uuid.UUID | None = None


class CertificationRead(ReadSchema):
    id: uuid.UUID
    vendor_id: uuid.UUID
    kind: CertificationKind
    name: str | None
    number: str | None
    scope: str | None
    issued_date: date | None
    expiry_date: date | None
    evidence_file_id: uuid.UUID | None
    state: Literal["valid", "expiring", "expired", "no_expiry"]
    version: int


class TierChangeRead(ReadSchema):
    id: uuid.UUID
    at: datetime
    from_tier: Tier | None
    to_tier: Tier
    cause: str
    reason: str | None
    actor_label: str


class ImportProblem(ReadSchema):
    line: int = Field(description="line in the file, the header being line 1")
    column: str | None = Field(description="the column's header label, when one column is at fault")
    message: str


class ImportReport(ReadSchema):
    dry_run: bool
    ok: bool = Field(description="true when every row is valid; nothing is written otherwise")
    rows: int
    created: int
    updated: int
    unknown_columns: list[str] = Field(description="header labels that were ignored")
    errors: list[ImportProblem]


Points = Annotated[int, Field(ge=0, le=100)]


class PersonsStep(ReadSchema):
    over: int = Field(ge=0, le=10_000_000_000, description="more than this many people...")
    points: Points = Field(description="...adds these points")


class TierThresholds(ReadSchema):
    critical: int = Field(ge=1, le=1000)
    high: int = Field(ge=1, le=1000)
    medium: int = Field(ge=1, le=1000)


class RiskPolicySettings(ReadSchema):
    """Points per fact and the score where each tier starts (the default is Itaku's, see the README)."""

    category_points: dict[DataCategory, Points]
    persons_points: list[PersonsStep] = Field(min_length=1, max_length=6)
    access_points: dict[AccessType, Points]
    subcontract_points_per_tier: Points
    subcontract_points_max: Points
    unapproved_subcontract_points: Points
    cross_border_points: Points
    confidential_info_points: Points
    continuity_points: Points
    network_access_points: Points
    thresholds: TierThresholds
    my_number_floor: Tier = Field(description="the lowest tier of a vendor handling My Number data")
    special_care_over_threshold_floor: Tier = Field(
        description="the lowest tier of a vendor handling special-care data of more than 1,000 people"
    )


class RiskPolicyRead(ReadSchema):
    policy: RiskPolicySettings
    is_default: bool
    version: int = Field(description="the organisation's version, for PUT")


class RiskPolicyUpdate(InputSchema):
    version: int = Field(ge=1)
    policy: RiskPolicySettings | None = Field(description="null goes back to Itaku's defaults")

    @field_validator("policy")
    @classmethod
    def _ordered(cls, policy: RiskPolicySettings | None) -> RiskPolicySettings | None:
        if policy is not None:
            t = policy.thresholds
            if not t.critical > t.high > t.medium:
                raise ValueError("thresholds must rise: medium < high < critical")
            if set(policy.category_points) != set(DataCategory) or set(policy.access_points) != set(AccessType):
                raise ValueError("give points for every data category and every access type")
        return policy


class RiskPolicyApplied(RiskPolicyRead):
    vendors_retiered: int = Field(description="vendors whose tier changed with the new policy")


class PortalLinkIssue(InputSchema):
    message: str | None = Field(default=None, max_length=4000, description="added to the email")


class PortalLinkIssued(ReadSchema):
    link: str = Field(description="the single-use link (shown once; only its hash is kept)")
    expires_at: datetime
    emailed: bool = Field(description="whether it was mailed to the contact")
    emailed_to: str | None = Field(description="the address it was mailed to")
