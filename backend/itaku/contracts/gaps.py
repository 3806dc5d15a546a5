"""Gap analysis of one contract against the clause library and the organisation's policy: which requirements the
contract meets, which it lacks, and which it states more weakly than policy accepts, each with its reasons in
Japanese and English. Pure: values in, a report out; the service stores and serves it."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from itaku.contracts.clauses import (
    INCIDENT_REPORTING,
    ORGANISATION_SOURCE,
    Comparison,
    Level,
    Message,
    Parameter,
    Policy,
    Profile,
    Requirement,
    Text,
    Value,
    policy_limit,
    typed_value,
)


class Status(StrEnum):
    met = "met"
    missing = "missing"
    weaker = "weaker"  # present, but a parameter fails policy or a must-be-true parameter is false or absent


@dataclass(frozen=True)
class ContractClause:
    """A clause the contract contains: the requirement it answers, the values it states, where it stands."""

    requirement_key: str
    values: Mapping[str, Value] = field(default_factory=dict)
    ref: str | None = None  # article number or excerpt


@dataclass(frozen=True)
class Reason:
    code: str
    ja: str
    en: str
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class GapRow:
    key: str
    title: Text
    level: Level
    source: Text  # why the requirement has this level here
    status: Status
    reasons: tuple[Reason, ...]
    ref: str | None  # where the contract's clause stands, when it has one


@dataclass(frozen=True)
class Summary:
    total: int
    met: int
    missing: int
    weaker: int
    required_missing: int
    required_weaker: int
    desirable_missing: int
    desirable_weaker: int
    complete: bool  # no required requirement missing or weaker


@dataclass(frozen=True)
class GapReport:
    profile: Profile
    covers_my_number: bool
    rows: tuple[GapRow, ...]
    summary: Summary
    unknown_clause_keys: tuple[str, ...]  # clauses naming no requirement in the library or the policy

    @property
    def gaps(self) -> tuple[GapRow, ...]:
        return tuple(r for r in self.rows if r.status != Status.met)


MY_NUMBER_SOURCE = Text(
    ja="番号法ガイドライン（事業者編）— 特定個人情報を取り扱う委託では必須",
    en="My Number guideline (事業者編) — required whenever the processing includes My Number data",
)


def analyse(
    requirements: Sequence[Requirement],
    contract_clauses: Sequence[ContractClause],
    policy: Policy,
    profile: Profile | str,
    covers_my_number: bool,
) -> GapReport:
    """One row per requirement that applies: under the profile, raised by My Number data, or the organisation's."""
    profile = Profile(profile)
    # A contract analysed under the My Number profile is about My Number data even if the flag was not set.
    my_number = covers_my_number or profile == Profile.jp_mynumber
    library = [*requirements, *policy.extra]
    keys = [r.key for r in library]
    if len(set(keys)) != len(keys):
        repeated = sorted({k for k in keys if keys.count(k) > 1})
        raise ValueError(f"requirement keys repeat between the library and the organisation's: {repeated}")

    by_key: dict[str, list[ContractClause]] = {}
    for clause in contract_clauses:
        by_key.setdefault(clause.requirement_key, []).append(clause)

    rows: list[GapRow] = []
    for requirement in library:
        applicable = _level(requirement, policy, profile, my_number)
        if applicable is None:
            continue
        level, source = applicable
        clauses = by_key.get(requirement.key, [])
        if not clauses:
            rows.append(
                GapRow(
                    requirement.key,
                    requirement.title,
                    level,
                    source,
                    Status.missing,
                    (_missing(requirement, level),),
                    None,
                )
            )
            continue
        # Several clauses may answer one requirement (e.g. two articles); the contract binds the vendor to the best.
        checked = [(clause, _check(requirement, clause, policy, my_number)) for clause in clauses]
        clause, reasons = min(checked, key=lambda pair: len(pair[1]))
        status = Status.weaker if reasons else Status.met
        rows.append(GapRow(requirement.key, requirement.title, level, source, status, tuple(reasons), clause.ref))

    known = set(keys)
    unknown = tuple(dict.fromkeys(c.requirement_key for c in contract_clauses if c.requirement_key not in known))
    return GapReport(profile, covers_my_number, tuple(rows), _summary(rows), unknown)


def incident_notice_hours(contract_clauses: Sequence[ContractClause]) -> int | None:
    """The hours within which the contract makes the vendor report an incident (for the incident engine); the
    shortest when several clauses state one, None when none does."""
    hours = [c.values.get("notice_hours") for c in contract_clauses if c.requirement_key == INCIDENT_REPORTING]
    stated = [h for h in hours if isinstance(h, int) and not isinstance(h, bool)]
    return min(stated) if stated else None


def _level(requirement: Requirement, policy: Policy, profile: Profile, my_number: bool) -> tuple[Level, Text] | None:
    under_profile = requirement.levels.get(profile)
    if requirement.key in policy.required_keys:
        source = under_profile.source if under_profile and under_profile.level == Level.required else None
        return Level.required, source or ORGANISATION_SOURCE
    if my_number and requirement.required_for_my_number:
        if under_profile and under_profile.level == Level.required:
            return Level.required, under_profile.source
        return Level.required, MY_NUMBER_SOURCE
    if under_profile is None:
        return None
    return under_profile.level, under_profile.source


def _missing(requirement: Requirement, level: Level) -> Reason:
    title = requirement.title
    if level == Level.required:
        return Reason(
            "missing_required",
            f"必須の条項「{title.ja}」が契約にありません。",
            f'Required clause missing: "{title.en}".',
        )
    return Reason(
        "missing_desirable",
        f"推奨される条項「{title.ja}」が契約にありません。",
        f'Recommended clause missing: "{title.en}".',
    )


def _check(requirement: Requirement, clause: ContractClause, policy: Policy, my_number: bool) -> list[Reason]:
    reasons: list[Reason] = []
    for p in requirement.parameters:
        if not p.checked or (p.only_when_my_number and not my_number):
            continue
        stated = typed_value(p, clause.values.get(p.name))
        if p.compare == Comparison.must_be_true:
            if stated is not True:
                reasons.append(_reason(p.fail or _generic_fail(p), p, stated, None))
            continue
        limit = policy_limit(p, policy)
        assert isinstance(limit, int), p.name
        if stated is None:
            reasons.append(_reason(p.unstated or _generic_unstated(p), p, None, limit))
        elif isinstance(stated, int) and (
            (p.compare == Comparison.max and stated > limit) or (p.compare == Comparison.min and stated < limit)
        ):
            reasons.append(_reason(p.fail or _generic_fail(p), p, stated, limit))
    return reasons


def _reason(message: Message, p: Parameter, stated: Value, limit: int | None) -> Reason:
    values = {"stated": stated, "limit": limit}

    def fill(template: str) -> str:
        # Not str.format: an organisation's own title may hold braces of its own.
        for name, value in values.items():
            template = template.replace("{" + name + "}", str(value))
        return template

    return Reason(
        message.code,
        fill(message.ja),
        fill(message.en),
        {"parameter": p.name, **{k: v for k, v in values.items() if v is not None}},
    )


# An organisation's own parameters may come without messages of their own; these say the same in general terms.


def _generic_fail(p: Parameter) -> Message:
    if p.compare == Comparison.must_be_true:
        return Message(
            f"{p.name}_missing", f"「{p.title.ja}」が定められていません。", f'"{p.title.en}" is not provided for.'
        )
    if p.compare == Comparison.max:
        return Message(
            f"{p.name}_over_policy",
            f"「{p.title.ja}」が{{stated}}です。方針では{{limit}}以下です。",
            f'"{p.title.en}" is {{stated}}; policy requires at most {{limit}}.',
        )
    return Message(
        f"{p.name}_below_policy",
        f"「{p.title.ja}」が{{stated}}です。方針では{{limit}}以上です。",
        f'"{p.title.en}" is {{stated}}; policy requires at least {{limit}}.',
    )


def _generic_unstated(p: Parameter) -> Message:
    bound_ja, bound_en = ("以下", "at most") if p.compare == Comparison.max else ("以上", "at least")
    return Message(
        f"{p.name}_not_stated",
        f"「{p.title.ja}」が定められていません。方針では{{limit}}{bound_ja}です。",
        f'"{p.title.en}" is not stated; policy requires {bound_en} {{limit}}.',
    )


def _summary(rows: Sequence[GapRow]) -> Summary:
    def count(status: Status, level: Level | None = None) -> int:
        return sum(1 for r in rows if r.status == status and (level is None or r.level == level))

    required_missing = count(Status.missing, Level.required)
    required_weaker = count(Status.weaker, Level.required)
    return Summary(
        total=len(rows),
        met=count(Status.met),
        missing=count(Status.missing),
        weaker=count(Status.weaker),
        required_missing=required_missing,
        required_weaker=required_weaker,
        desirable_missing=count(Status.missing, Level.desirable),
        desirable_weaker=count(Status.weaker, Level.desirable),
        complete=required_missing == 0 and required_weaker == 0,
    )
