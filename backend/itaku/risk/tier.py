"""Inherent risk of a vendor and the tier it decides: pure, explainable, driven by the organisation's policy.

The tier scales how hard a vendor is supervised (APPI Art. 25 supervision is risk-based: the harm to
people if the data leaked, the nature and volume of the data, how the vendor reaches it — PPC guideline
通則編 3-4-4). Every point added comes with a reason a person can read in Japanese and English.
"""

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from itaku.core.vocabulary import AccessType, DataCategory, Tier

TIER_ORDER = (Tier.low, Tier.medium, Tier.high, Tier.critical)

# Reportable-breach thresholds: APPI Enforcement Rules Art. 7(4) "more than 1,000 persons";
# My Number rules "more than 100 persons" (REGULATION.md §1.2, §1.8).
APPI_PERSONS_THRESHOLD = 1000
MY_NUMBER_PERSONS_THRESHOLD = 100


@dataclass(frozen=True)
class RiskPolicy:
    """Points per fact and the score each tier starts at. Organisations may change any of them."""

    category_points: dict[str, int] = field(
        default_factory=lambda: {
            "my_number": 40,
            "special_care": 35,
            "financial": 25,
            "credentials": 25,
            "children": 20,
            "ordinary": 5,
        }
    )
    persons_points: tuple[tuple[int, int], ...] = ((100_000, 30), (APPI_PERSONS_THRESHOLD, 20), (100, 5))
    access_points: dict[str, int] = field(
        default_factory=lambda: {
            "privileged": 25,
            "remote": 15,
            "on_site": 10,
            "none": 0,
        }
    )
    subcontract_points_per_tier: int = 8
    subcontract_points_max: int = 20
    unapproved_subcontract_points: int = 10
    cross_border_points: int = 10
    confidential_info_points: int = 10
    continuity_points: int = 15
    network_access_points: int = 15
    thresholds: dict[str, int] = field(default_factory=lambda: {"critical": 70, "high": 45, "medium": 20})
    # Whatever the score, these facts alone put a vendor at least at this tier.
    my_number_floor: Tier = Tier.high
    special_care_over_threshold_floor: Tier = Tier.high

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["persons_points"] = [{"over": o, "points": p} for o, p in self.persons_points]
        out["my_number_floor"] = self.my_number_floor.value
        out["special_care_over_threshold_floor"] = self.special_care_over_threshold_floor.value
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> "RiskPolicy":
        """An organisation's stored policy; what it does not set keeps the default."""
        if not data:
            return cls()
        default = cls()
        values: dict[str, Any] = {}
        for name in cls.__dataclass_fields__:
            if name not in data:
                continue
            value = data[name]
            if name == "persons_points":
                value = tuple(sorted(((int(s["over"]), int(s["points"])) for s in value), reverse=True))
            elif name.endswith("_floor"):
                value = Tier(value)
            elif isinstance(getattr(default, name), dict):
                value = {**getattr(default, name), **value}
            values[name] = value
        return cls(**values)


@dataclass(frozen=True)
class ProcessingFacts:
    data_categories: frozenset[DataCategory]
    persons_estimate: int
    access_type: AccessType
    leaves_japan: bool = False


@dataclass(frozen=True)
class VendorFacts:
    processing: Sequence[ProcessingFacts]
    subcontracting_depth: int = 0
    unapproved_subcontractors: int = 0
    handles_confidential_info: bool = False
    critical_to_continuity: bool = False
    network_access: bool = False


@dataclass(frozen=True)
class Reason:
    code: str
    points: int
    ja: str
    en: str


@dataclass(frozen=True)
class Assessment:
    tier: Tier
    score: int
    reasons: tuple[Reason, ...]
    required_star: int


CATEGORY_LABELS = {
    DataCategory.my_number: ("マイナンバー（特定個人情報）", "My Number data (specific personal information)"),
    DataCategory.special_care: ("要配慮個人情報", "special-care personal information"),
    DataCategory.financial: ("決済・金融情報", "payment or financial data"),
    DataCategory.credentials: ("決済機能のあるサービスの認証情報", "credentials of services with payment functions"),
    DataCategory.children: ("子どもの個人情報", "children's personal data"),
    DataCategory.ordinary: ("通常の個人情報", "ordinary personal data"),
}
ACCESS_LABELS = {
    AccessType.privileged: ("特権アクセス", "privileged access"),
    AccessType.remote: ("リモートアクセス", "remote access"),
    AccessType.on_site: ("オンサイトでのアクセス", "on-site access"),
}


def required_star(facts: VendorFacts) -> int:
    """METI supply-chain evaluation level to ask for (REGULATION.md §3.1 model flow):
    ★4 when confidential information sits on the supplier's systems, its outage would hold up our
    business, or our internal systems are reachable from its environment; otherwise ★3."""
    return 4 if (facts.handles_confidential_info or facts.critical_to_continuity or facts.network_access) else 3


def assess(facts: VendorFacts, policy: RiskPolicy | None = None) -> Assessment:
    policy = policy or RiskPolicy()
    reasons: list[Reason] = []
    categories = _categories(facts.processing)
    persons = sum(p.persons_estimate for p in facts.processing)

    for cat in sorted(categories, key=lambda c: -policy.category_points.get(c.value, 0)):
        pts = policy.category_points.get(cat.value, 0)
        ja, en = CATEGORY_LABELS[cat]
        reasons.append(Reason(f"category_{cat.value}", pts, f"{ja}を取り扱う", f"handles {en}"))

    for limit, pts in policy.persons_points:
        if persons > limit:
            note_ja = "（個人情報保護委員会への報告基準1,000人超）" if limit >= APPI_PERSONS_THRESHOLD else ""
            note_en = (
                " (over the regulator's 1,000-person reporting threshold)" if limit >= APPI_PERSONS_THRESHOLD else ""
            )
            reasons.append(
                Reason(
                    "persons", pts, f"本人の数が約{persons:,}人{note_ja}", f"about {persons:,} people's data{note_en}"
                )
            )
            break

    access = _widest_access(facts.processing)
    if access is not None and policy.access_points.get(access.value, 0):
        ja, en = ACCESS_LABELS[access]
        reasons.append(
            Reason(
                f"access_{access.value}",
                policy.access_points[access.value],
                f"委託先が{ja}を持つ",
                f"the vendor has {en}",
            )
        )

    if facts.subcontracting_depth > 0:
        pts = min(policy.subcontract_points_per_tier * facts.subcontracting_depth, policy.subcontract_points_max)
        reasons.append(
            Reason(
                "subcontracting",
                pts,
                f"再委託が{facts.subcontracting_depth}階層ある",
                f"{facts.subcontracting_depth} tier(s) of subcontracting",
            )
        )
    if facts.unapproved_subcontractors:
        reasons.append(
            Reason(
                "unapproved_subcontractors",
                policy.unapproved_subcontract_points,
                f"承認されていない再委託先が{facts.unapproved_subcontractors}社ある",
                f"{facts.unapproved_subcontractors} subcontractor(s) not approved",
            )
        )
    if any(p.leaves_japan for p in facts.processing):
        # PPC guideline 10-7: data handled abroad needs the foreign regime understood.
        reasons.append(
            Reason(
                "cross_border",
                policy.cross_border_points,
                "データが国外で取り扱われる",
                "data is handled outside Japan",
            )
        )
    if facts.handles_confidential_info:
        reasons.append(
            Reason(
                "confidential_info",
                policy.confidential_info_points,
                "当社の重要な機密情報を委託先のシステムで扱う",
                "our important confidential information sits on the vendor's systems",
            )
        )
    if facts.critical_to_continuity:
        reasons.append(
            Reason(
                "continuity",
                policy.continuity_points,
                "委託先の停止が当社の事業継続に影響する",
                "an outage at the vendor would hold up our business",
            )
        )
    if facts.network_access:
        reasons.append(
            Reason(
                "network_access",
                policy.network_access_points,
                "委託先の環境から当社の社内システムに接続できる",
                "our internal systems are reachable from the vendor's environment",
            )
        )

    score = sum(r.points for r in reasons)
    tier = _tier_for(score, policy)
    if DataCategory.my_number in categories:
        tier = _at_least(tier, policy.my_number_floor)
    if DataCategory.special_care in categories and persons > APPI_PERSONS_THRESHOLD:
        tier = _at_least(tier, policy.special_care_over_threshold_floor)
    if not reasons:
        reasons.append(
            Reason(
                "no_personal_data", 0, "登録された個人データの取扱いがない", "no processing of personal data recorded"
            )
        )
    return Assessment(tier=tier, score=score, reasons=tuple(reasons), required_star=required_star(facts))


def _categories(processing: Iterable[ProcessingFacts]) -> set[DataCategory]:
    return {c for p in processing for c in p.data_categories}


def _widest_access(processing: Sequence[ProcessingFacts]) -> AccessType | None:
    order = (AccessType.none, AccessType.on_site, AccessType.remote, AccessType.privileged)
    present = [p.access_type for p in processing]
    return max(present, key=order.index) if present else None


def _tier_for(score: int, policy: RiskPolicy) -> Tier:
    for tier in (Tier.critical, Tier.high, Tier.medium):
        if score >= policy.thresholds[tier.value]:
            return tier
    return Tier.low


def _at_least(tier: Tier, floor: Tier) -> Tier:
    return max(tier, floor, key=TIER_ORDER.index)
