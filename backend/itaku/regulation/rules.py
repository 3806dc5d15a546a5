"""The breach-reporting rules as dated rule sets: given the facts of an incident, whether it is reportable, under
which triggers, and which obligations arise, each with its due date, legal reference and reason in Japanese and
English. Pure: plain values in, plain values out; every number cites REGULATION.md.

Rule sets are chosen by the moment of awareness, so an incident is judged by the rules in force when it was known:
JP-APPI from 2022-04-01 (reporting became mandatory) and again from 2024-04-01 (category 3 extended to information
being acquired); JP-MYNUMBER from 2022-04-01; EU-GDPR from 2018-05-25."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from itaku.core.text import Text
from itaku.core.vocabulary import Jurisdiction
from itaku.regulation.calendar import closed_because, next_open_day

TOKYO = ZoneInfo("Asia/Tokyo")
# A supervisory authority sits in one member state; Itaku dates GDPR deadlines in Central European time (the zone of
# most member states), and gives the exact instant beside it.
BRUSSELS = ZoneInfo("Europe/Brussels")


class IncidentRole(StrEnum):
    principal = "principal"  # 委託元: us
    vendor = "vendor"  # 委託先


class Kind(StrEnum):
    regulator_preliminary_report = "regulator_preliminary_report"
    regulator_final_report = "regulator_final_report"
    notify_individuals = "notify_individuals"
    notify_principal = "notify_principal"
    authority_notification = "authority_notification"
    notify_controller = "notify_controller"


class Trigger(StrEnum):
    special_care = "special_care"  # APPI Rules Art. 7(1)
    financial_damage = "financial_damage"  # APPI Rules Art. 7(2)
    wrongful_intent = "wrongful_intent"  # APPI Rules Art. 7(3); My Number Rules Art. 2(2)
    over_threshold = "over_threshold"  # APPI Rules Art. 7(4) (> 1,000); My Number Rules Art. 2(4) (> 100)
    my_number_system = "my_number_system"  # My Number Rules Art. 2(1)
    publicly_viewable = "publicly_viewable"  # My Number Rules Art. 2(3)
    risk_to_rights = "risk_to_rights"  # GDPR Art. 33(1): anything but "unlikely to result in a risk"
    high_risk = "high_risk"  # GDPR Art. 34(1)


class GdprRisk(StrEnum):
    unlikely = "unlikely"
    risk = "risk"
    high = "high"


@dataclass(frozen=True)
class Facts:
    """What is known about the incident. A None count is unknown; `financial_damage_possible` None is judged from
    the data categories (payment data and credentials of services with payment functions, guideline 3-5-3-1)."""

    data_categories: frozenset[str] = frozenset()
    affected_persons_estimate: int | None = None
    affected_persons_max: int | None = None
    financial_damage_possible: bool | None = None
    wrongful_intent_possible: bool = False
    # Category 3 since 2024-04-01 also covers personal information being acquired (web skimming), REGULATION.md §1.4.
    data_being_acquired: bool = False
    strongly_encrypted: bool = False  # advanced encryption with the key kept safe (規則7条1号 parenthesis)
    # JP-MYNUMBER only
    my_number_system: bool = False  # in the information-provision network or a My Number processing system
    wrongful_use: bool = False  # wrongful use or provision of 特定個人情報
    publicly_viewable: bool = False  # viewable by an unspecified number of people
    # EU-GDPR only
    gdpr_risk: GdprRisk = GdprRisk.risk
    # Whoever notifies whom: the vendor's notice to us, and the contract's notice time (issue 5/7)
    contract_notice_hours: int | None = None


@dataclass(frozen=True)
class Policy:
    """The [U] numbers of REGULATION.md §1.6 as settings: the preliminary report's "about 3–5 days" (target, due)
    and the same for the vendor's notice to the principal. Days after the day of awareness (民法140条: the first
    day is not counted — the guideline's day-1 rule is the final report's own)."""

    preliminary_target_days: int = 3
    preliminary_due_days: int = 5
    vendor_notice_target_days: int = 3
    vendor_notice_due_days: int = 5


@dataclass(frozen=True)
class Obligation:
    kind: Kind
    legal_reference: Text  # the citation in both languages
    reason: Text
    due_date: date | None = None  # local date in the rule set's time zone
    due_at: datetime | None = None  # the exact instant (end of due_date for day-counted deadlines)
    target_date: date | None = None  # the earlier date to aim for where the law gives a range
    released_by: Kind | None = None  # a vendor's own duty ends when it notifies the principal (§1.5)


@dataclass(frozen=True)
class Evaluation:
    jurisdiction: Jurisdiction
    rule_set: str  # the dated rule set applied, e.g. "JP-APPI 2024-04-01"
    role: IncidentRole
    aware_date: date
    reportable: bool
    triggers: tuple[Trigger, ...]
    obligations: tuple[Obligation, ...]
    notes: tuple[Text, ...] = field(default=())


class NoRuleSet(ValueError):
    """No rule set of the jurisdiction was in force at the moment of awareness."""


@dataclass(frozen=True)
class _RuleSet:
    jurisdiction: Jurisdiction
    effective: date
    zone: ZoneInfo
    threshold: int | None = None  # persons: reportable when strictly more
    data_being_acquired_counts: bool = False

    @property
    def name(self) -> str:
        return f"{self.jurisdiction.value} {self.effective.isoformat()}"


RULE_SETS: tuple[_RuleSet, ...] = (
    # APPI Art. 26 and Enforcement Rules Arts. 7–10, mandatory from 2022-04-01 (REGULATION.md §1).
    _RuleSet(Jurisdiction.jp_appi, date(2022, 4, 1), TOKYO, threshold=1000),
    # PPC Rules 2023 No. 5: category 3 includes information being acquired, in force 2024-04-01 (§1.4).
    _RuleSet(Jurisdiction.jp_appi, date(2024, 4, 1), TOKYO, threshold=1000, data_being_acquired_counts=True),
    # 番号法29条の4 and 特定個人情報漏えい等報告規則 Art. 2 (§1.11(a)).
    _RuleSet(Jurisdiction.jp_mynumber, date(2022, 4, 1), TOKYO, threshold=100),
    # GDPR Arts. 33–34 apply from 2018-05-25 (§5.1).
    _RuleSet(Jurisdiction.eu_gdpr, date(2018, 5, 25), BRUSSELS),
)


def rule_set(jurisdiction: Jurisdiction, aware_at: datetime) -> _RuleSet:
    candidates = [r for r in RULE_SETS if r.jurisdiction == jurisdiction]
    local = aware_at.astimezone(candidates[0].zone).date()
    in_force = [r for r in candidates if r.effective <= local]
    if not in_force:
        raise NoRuleSet(f"no {jurisdiction.value} rule set was in force on {local.isoformat()}")
    return max(in_force, key=lambda r: r.effective)


def evaluate(
    jurisdiction: Jurisdiction | str,
    role: IncidentRole | str,
    aware_at: datetime,
    facts: Facts,
    policy: Policy = Policy(),
) -> Evaluation:
    """The obligations that arise for `role` from an incident known at `aware_at` (for a vendor: when it learned
    of it; for the principal: when any of its departments did, or at the latest when the vendor's notice came)."""
    if aware_at.tzinfo is None:
        raise ValueError("aware_at needs a time zone offset")
    rules = rule_set(Jurisdiction(jurisdiction), aware_at)
    role = IncidentRole(role)
    if rules.jurisdiction == Jurisdiction.eu_gdpr:
        return _gdpr(rules, role, aware_at, facts)
    return _japan(rules, role, aware_at, facts, policy)


# --- Japan: APPI and My Number ----------------------------------------------------------------------------------

_FINANCIAL_CATEGORIES = frozenset({"financial", "credentials"})


def _persons(facts: Facts) -> int | None:
    """The count the threshold is judged on: the maximum possible when the number cannot be fixed (guideline
    3-5-3-1)."""
    counts = [n for n in (facts.affected_persons_max, facts.affected_persons_estimate) if n is not None]
    return max(counts) if counts else None


def _japan_triggers(rules: _RuleSet, facts: Facts) -> list[Trigger]:
    wrongful = facts.wrongful_intent_possible or (rules.jurisdiction == Jurisdiction.jp_mynumber and facts.wrongful_use)
    if facts.data_being_acquired and rules.jurisdiction == Jurisdiction.jp_appi:
        # Information not yet held is "personal data" for category 3 only, and only since 2024-04-01 (§1.4).
        return [Trigger.wrongful_intent] if wrongful and rules.data_being_acquired_counts else []
    triggers: list[Trigger] = []
    persons = _persons(facts)
    over = persons is not None and rules.threshold is not None and persons > rules.threshold
    if rules.jurisdiction == Jurisdiction.jp_appi:
        financial = facts.financial_damage_possible
        if financial is None:
            financial = bool(facts.data_categories & _FINANCIAL_CATEGORIES)
        flags = [
            (Trigger.special_care, "special_care" in facts.data_categories),
            (Trigger.financial_damage, financial),
            (Trigger.wrongful_intent, wrongful),
            (Trigger.over_threshold, over),
        ]
    else:
        flags = [
            (Trigger.my_number_system, facts.my_number_system),
            (Trigger.wrongful_intent, wrongful),
            (Trigger.publicly_viewable, facts.publicly_viewable),
            (Trigger.over_threshold, over),
        ]
    triggers = [t for t, on in flags if on]
    return triggers


_TRIGGER_TEXT: dict[Trigger, Text] = {
    Trigger.special_care: Text("要配慮個人情報を含む", "special-care personal information is involved"),
    Trigger.financial_damage: Text("財産的被害が生じるおそれがある", "financial damage may result"),
    Trigger.wrongful_intent: Text("不正の目的によるおそれがある", "wrongful intent is possible"),
    Trigger.my_number_system: Text(
        "情報提供ネットワークシステム又は個人番号利用事務等のシステムでの事態",
        "it happened in the information-provision network or a My Number processing system",
    ),
    Trigger.publicly_viewable: Text(
        "不特定多数の者が閲覧できる状態になった（おそれを含む）", "it was (or may have been) viewable by anyone"
    ),
}


def _threshold_text(rules: _RuleSet, persons: int) -> Text:
    return Text(
        f"本人の数が{persons:,}人（{rules.threshold:,}人を超える）",
        f"{persons:,} people affected (more than {rules.threshold:,})",
    )


def _joined(texts: Iterable[Text]) -> Text:
    items = list(texts)
    return Text("、".join(t.ja for t in items), "; ".join(t.en for t in items))


def _end_of(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(23, 59, 59), zone)


def _jp_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _japan(rules: _RuleSet, role: IncidentRole, aware_at: datetime, facts: Facts, policy: Policy) -> Evaluation:
    aware_date = aware_at.astimezone(rules.zone).date()
    my_number = rules.jurisdiction == Jurisdiction.jp_mynumber
    law = (
        Text(
            "番号法29条の4・特定個人情報漏えい等報告規則",
            "My Number Act Art. 29-4; PPC Rules on specific personal information leaks",
        )
        if my_number
        else Text("個人情報保護法26条・同法施行規則", "APPI Art. 26; APPI Enforcement Rules")
    )
    raw = _japan_triggers(rules, facts)
    notes: list[Text] = []
    if facts.strongly_encrypted and raw:
        # 規則7条1号 parenthesis: data under advanced encryption with the key safe is not "personal data" for the
        # whole of Arts. 7 and 8, so it removes every category (REGULATION.md §1.2).
        notes.append(
            Text(
                "高度な暗号化等の措置が講じられ復号鍵が保護されているため、報告対象事態に当たりません（規則7条1号括弧書）。",
                "Strong encryption with the key kept safe takes the event out of every reportable category "
                "(Enforcement Rules Art. 7(1), parenthesis).",
            )
        )
        raw = []
    triggers = tuple(raw)
    obligations: list[Obligation] = []
    if role == IncidentRole.vendor:
        notice = _notify_principal(rules, aware_at, aware_date, facts, policy, reportable=bool(triggers))
        if notice:
            obligations.append(notice)
    if triggers:
        reasons = [_TRIGGER_TEXT[t] for t in triggers if t != Trigger.over_threshold]
        persons = _persons(facts)
        if Trigger.over_threshold in triggers and persons is not None:
            reasons.append(_threshold_text(rules, persons))
        why = _joined(reasons)
        released = Kind.notify_principal if role == IncidentRole.vendor else None
        release_note = (
            Text(
                "委託元に報告対象事態の事実を通知すれば、委託先の報告義務と本人通知義務は免除されます（法26条1項但書）。",
                " A vendor that notifies its principal of the facts is released from this duty (Art. 26(1) proviso).",
            )
            if released
            else Text("", "")
        )
        obligations.extend(
            [
                _preliminary(rules, law, aware_at, aware_date, why, policy, released, release_note),
                _final(rules, law, aware_date, triggers, why, released, release_note),
                Obligation(
                    kind=Kind.notify_individuals,
                    legal_reference=Text(
                        f"{law.ja}（本人への通知：法26条2項、規則10条）",
                        f"{law.en} (notice to individuals: Act Art. 26(2), Rules Art. 10)",
                    )
                    if not my_number
                    else Text("番号法29条の4第2項", "My Number Act Art. 29-4(2)"),
                    reason=Text(
                        f"報告対象事態（{why.ja}）のため、当該事態の状況に応じて速やかに本人へ通知します（期限の日数は"
                        f"定められていません。通知が困難な場合は公表等の代替措置）。{release_note.ja}",
                        f"A reportable event ({why.en}): notify the people affected promptly as the situation allows "
                        "(no number of days is set; where notice is impossible, publish instead)."
                        f"{release_note.en}",
                    ),
                    released_by=released,
                ),
            ]
        )
    elif not notes:
        notes.append(
            Text(
                "報告対象事態（規則7条各号）に当たる事実はありません。事実が判明するたびに再評価します（任意の報告は可能）。",
                "No fact makes this a reportable event (Enforcement Rules Art. 7); it is re-evaluated as facts "
                "change (a voluntary report is possible).",
            )
            if not my_number
            else Text(
                "報告対象事態（特定個人情報漏えい等報告規則2条各号）に当たる事実はありません（報告は努力義務）。",
                "No fact makes this a reportable event (My Number reporting rules Art. 2); reporting is a best-effort "
                "duty.",
            )
        )
    return Evaluation(
        jurisdiction=rules.jurisdiction,
        rule_set=rules.name,
        role=role,
        aware_date=aware_date,
        reportable=bool(triggers),
        triggers=triggers,
        obligations=tuple(obligations),
        notes=tuple(notes),
    )


def _preliminary(
    rules: _RuleSet,
    law: Text,
    aware_at: datetime,
    aware_date: date,
    why: Text,
    policy: Policy,
    released: Kind | None,
    release_note: Text,
) -> Obligation:
    # 規則8条1項「速やかに」; guideline 3-5-3-3: about 3–5 days from knowing (REGULATION.md §1.6, [U] → policy).
    target = aware_date + timedelta(days=policy.preliminary_target_days)
    due = aware_date + timedelta(days=policy.preliminary_due_days)
    return Obligation(
        kind=Kind.regulator_preliminary_report,
        legal_reference=Text(f"{law.ja}（速報：規則8条1項）", f"{law.en} (preliminary report: Rules Art. 8(1))")
        if rules.jurisdiction == Jurisdiction.jp_appi
        else Text(f"{law.ja}（速報）", f"{law.en} (preliminary report)"),
        reason=Text(
            f"報告対象事態（{why.ja}）。速報は知った時点から速やかに（ガイドライン上おおむね3〜5日以内）。"
            f"{_jp_date(aware_date)}に知ったため、目標は{_jp_date(target)}、期限は{_jp_date(due)}です（自社方針の日数）。"
            f"{release_note.ja}",
            f"A reportable event ({why.en}). The preliminary report is due promptly — the guideline says about 3–5 "
            f"days from knowing. Known on {aware_date.isoformat()}: aim for {target.isoformat()}, at the latest "
            f"{due.isoformat()} (days set in your policy).{release_note.en}",
        ),
        target_date=target,
        due_date=due,
        due_at=_end_of(due, rules.zone),
        released_by=released,
    )


def _final(
    rules: _RuleSet,
    law: Text,
    aware_date: date,
    triggers: tuple[Trigger, ...],
    why: Text,
    released: Kind | None,
    release_note: Text,
) -> Obligation:
    # 規則8条2項: 30 days, 60 when category 3 applies alone or with others; My Number: 60 for its category (2).
    # Day of awareness = day 1; a closed last day moves to the next open day (guideline 3-5-3-4; §1.6).
    days = 60 if Trigger.wrongful_intent in triggers else 30
    last = aware_date + timedelta(days=days - 1)
    due = next_open_day(last)
    if due != last:
        closed = closed_because(last)
        assert closed is not None
        moved = Text(
            f"{days}日目の{_jp_date(last)}は{closed[0]}で行政機関の休日に当たるため、翌開庁日の{_jp_date(due)}が期限です。",
            f"Day {days}, {last.isoformat()}, is a closed day ({closed[1]}), so the deadline moves to the next open "
            f"day, {due.isoformat()}.",
        )
    else:
        moved = Text(f"期限は{_jp_date(due)}です。", f"The deadline is {due.isoformat()}.")
    length = (
        Text("60日以内（不正の目的によるおそれがあるため）", "60 days because wrongful intent is possible")
        if days == 60
        else Text("30日以内", "30 days")
    )
    reference = (
        Text("規則8条2項", "Rules Art. 8(2)")
        if rules.jurisdiction == Jurisdiction.jp_appi
        else Text("特定個人情報漏えい等報告規則", "PPC Rules on specific personal information leaks")
    )
    return Obligation(
        kind=Kind.regulator_final_report,
        legal_reference=Text(f"{law.ja}（確報：{reference.ja}）", f"{law.en} (final report: {reference.en})"),
        reason=Text(
            f"報告対象事態（{why.ja}）。確報は知った日（{_jp_date(aware_date)}）を1日目として{length.ja}に提出します。"
            f"{moved.ja}"
            f"{release_note.ja}",
            f"A reportable event ({why.en}). The final report is due within {length.en}, counting the day of "
            f"awareness ({aware_date.isoformat()}) as day 1. {moved.en}{release_note.en}",
        ),
        due_date=due,
        due_at=_end_of(due, rules.zone),
        released_by=released,
    )


def _notify_principal(
    rules: _RuleSet, aware_at: datetime, aware_date: date, facts: Facts, policy: Policy, *, reportable: bool
) -> Obligation | None:
    """A vendor's notice to its principal: the law's "promptly" (about 3–5 days, 規則9条) for a reportable event,
    and the contract's notice time for any incident when the contract states one; the earlier of the two governs."""
    contract_due = aware_at + timedelta(hours=facts.contract_notice_hours) if facts.contract_notice_hours else None
    if not reportable and contract_due is None:
        return None
    parts: list[Text] = []
    target = legal_due_at = None
    if reportable:
        target = aware_date + timedelta(days=policy.vendor_notice_target_days)
        legal_due = aware_date + timedelta(days=policy.vendor_notice_due_days)
        legal_due_at = _end_of(legal_due, rules.zone)
        parts.append(
            Text(
                f"報告対象事態のため、委託先は知った時点から速やかに（おおむね3〜5日以内、期限{_jp_date(legal_due)}）"
                "委託元に通知します。通知により委託先自身の報告・本人通知の義務は免除されます（法26条1項但書、規則9条）。",
                "A reportable event: the vendor notifies its principal promptly (about 3–5 days, by "
                f"{legal_due.isoformat()}); doing so releases it from its own report and notices (Art. 26(1) "
                "proviso, Enforcement Rules Art. 9).",
            )
        )
    due_at = min(d for d in (contract_due, legal_due_at) if d is not None)
    due_date = due_at.astimezone(rules.zone).date()
    if target is not None and target >= due_date:
        target = None  # the contract asks for less than the law's range: its time is the only one to aim for
    if contract_due is not None:
        local = contract_due.astimezone(rules.zone)
        parts.append(
            Text(
                f"契約は{facts.contract_notice_hours}時間以内の通知を求めています（{local:%Y-%m-%d %H:%M}まで）。",
                f"The contract requires notice within {facts.contract_notice_hours} hours (by "
                f"{local:%Y-%m-%d %H:%M} {rules.zone.key}).",
            )
        )
    return Obligation(
        kind=Kind.notify_principal,
        legal_reference=Text(
            "個人情報保護法26条1項但書・同法施行規則9条", "APPI Art. 26(1) proviso; Enforcement Rules Art. 9"
        )
        if reportable
        else Text("委託契約の通知条項", "the contract's incident-notice clause"),
        reason=_joined_sentences(parts),
        target_date=target,
        due_date=due_date,
        due_at=due_at,
    )


def _joined_sentences(parts: list[Text]) -> Text:
    return Text("".join(p.ja for p in parts), " ".join(p.en for p in parts))


# --- EU GDPR ----------------------------------------------------------------------------------------------------


def _gdpr(rules: _RuleSet, role: IncidentRole, aware_at: datetime, facts: Facts) -> Evaluation:
    aware_date = aware_at.astimezone(rules.zone).date()
    risk = GdprRisk.unlikely if facts.strongly_encrypted and facts.gdpr_risk != GdprRisk.unlikely else facts.gdpr_risk
    notes: list[Text] = [
        Text(
            "すべての侵害は、報告の要否にかかわらず記録します（GDPR 33条5項）。",
            "Document every breach, notified or not (GDPR Art. 33(5)).",
        )
    ]
    if facts.strongly_encrypted:
        notes.append(
            Text(
                "データは第三者に理解できない状態（強固な暗号化）のため、リスクが生じるおそれは低いと判断します。",
                "The data is unintelligible to others (strong encryption), so a risk to people is unlikely.",
            )
        )
    triggers: list[Trigger] = []
    if risk != GdprRisk.unlikely:
        triggers.append(Trigger.risk_to_rights)
    if risk == GdprRisk.high:
        triggers.append(Trigger.high_risk)
    obligations: list[Obligation] = []
    if role == IncidentRole.vendor:
        # Art. 33(2): the processor notifies the controller without undue delay; the contract may set hours.
        due_at = aware_at + timedelta(hours=facts.contract_notice_hours) if facts.contract_notice_hours else None
        obligations.append(
            Obligation(
                kind=Kind.notify_controller,
                legal_reference=Text("GDPR Art. 33(2)", "GDPR Art. 33(2)"),
                reason=Text(
                    "処理者は侵害を知った後、不当な遅滞なく管理者に通知します"
                    + (f"（契約上は{facts.contract_notice_hours}時間以内）。" if due_at else "。"),
                    "The processor notifies the controller without undue delay after becoming aware"
                    + (f" (the contract says within {facts.contract_notice_hours} hours)." if due_at else "."),
                ),
                due_at=due_at,
                due_date=due_at.astimezone(rules.zone).date() if due_at else None,
            )
        )
    elif triggers:
        due_at = aware_at + timedelta(hours=72)
        obligations.append(
            Obligation(
                kind=Kind.authority_notification,
                legal_reference=Text("GDPR Art. 33(1)", "GDPR Art. 33(1)"),
                reason=Text(
                    "個人の権利と自由に対するリスクが生じるおそれがあるため、侵害を知ってから72時間以内に監督機関へ"
                    "通知します（遅れた場合は理由を付す。情報は段階的に提供できる：33条4項）。",
                    "The breach is likely to result in a risk to people's rights and freedoms: notify the supervisory "
                    "authority within 72 hours of becoming aware (give reasons if later; information may come in "
                    "phases, Art. 33(4)).",
                ),
                due_at=due_at,
                due_date=due_at.astimezone(rules.zone).date(),
            )
        )
        if Trigger.high_risk in triggers:
            obligations.append(
                Obligation(
                    kind=Kind.notify_individuals,
                    legal_reference=Text("GDPR Art. 34(1)", "GDPR Art. 34(1)"),
                    reason=Text(
                        "個人の権利と自由に対する高いリスクが生じるおそれがあるため、不当な遅滞なくデータ主体に通知します。",
                        "The breach is likely to result in a high risk to people: tell them without undue delay.",
                    ),
                )
            )
    return Evaluation(
        jurisdiction=rules.jurisdiction,
        rule_set=rules.name,
        role=role,
        aware_date=aware_date,
        reportable=bool(triggers),
        triggers=tuple(triggers),
        obligations=tuple(obligations),
        notes=tuple(notes),
    )
