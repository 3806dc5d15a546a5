"""The shared vocabulary: the values every domain, the API and the screens name in the same words. The OpenAPI
document carries them as enums, and the frontend's generated client as value lists (src/client)."""

from enum import StrEnum


class DataCategory(StrEnum):
    """What kind of personal data a vendor handles for us."""

    ordinary = "ordinary"
    special_care = "special_care"  # 要配慮個人情報 (APPI Art. 2(3))
    my_number = "my_number"  # 特定個人情報
    financial = "financial"
    children = "children"
    credentials = "credentials"


class AccessType(StrEnum):
    """How a vendor reaches the data."""

    none = "none"
    remote = "remote"
    on_site = "on_site"
    privileged = "privileged"


class Tier(StrEnum):
    """How closely a vendor is supervised, from its data and access (risk.tier decides)."""

    critical = "critical"
    high = "high"
    medium = "medium"
    low = "low"


class Jurisdiction(StrEnum):
    """A body of rules: the organisation's profile, and each rule set the regulation engine applies."""

    jp_appi = "JP-APPI"
    jp_mynumber = "JP-MYNUMBER"
    eu_gdpr = "EU-GDPR"
