"""The clause library: the safety clauses an entrustment contract should contain, with standard wording written
for Itaku in Japanese and English, the level each jurisdiction profile gives them, and typed parameters that the
gap analysis (gaps.py) compares with the organisation's policy. Pure values; no database.

How the levels were decided (REGULATION.md §2.2–§2.4, §5.1):

- JP-MYNUMBER: the PPC My Number guideline (事業者編) lists eight clauses an entrustment contract for 特定個人情報
  must include — confidentiality, no taking data out of the premises, no use for other purposes, conditions for
  re-entrustment, the vendor's responsibility when a leak occurs, return or disposal at the end, supervision and
  training of staff, reports on compliance. Those are `required`, and `required_for_my_number` makes them required
  under any profile when the covered processing includes My Number data. "The vendor's responsibility when a leak
  occurs" is carried by two clauses: incident reporting (what the vendor must do) and termination and damages
  (what it answers for). Named staff and on-site inspection are the guideline's desirable items. Re-entrustment of
  My Number data needs the initial principal's permission at every tier (番号法10条) — a parameter of the
  re-entrustment clause that must be true whenever My Number data is covered.
- JP-APPI: the three supervision elements of guideline 3-4-4 are mandatory, but the contents of the contract are
  described as desirable (望ましい). So every clause is `desirable` here, except incident reporting, which Itaku
  requires under every profile as a product rule: the principal can only meet its own 3–5-day preliminary report
  (§1.5, §1.6) if the contract makes the vendor report fast, with the nine items of §1.7 as far as known.
  An organisation that wants more (e.g. §2.4's "desirable → configurable required" for re-entrustment approval)
  names the keys in `Policy.required_keys`.
- EU-GDPR: the Art. 28(3) contents are mandatory, so each clause that carries one is `required`; the clauses of the
  Japanese model contract that Art. 28 does not name (named staff, storage location, no taking data out, staff
  training, compliance reports, termination and damages) are `desirable`. Four Art. 28 items have no Japanese
  counterpart and exist only under this profile: documented instructions (incl. international transfers),
  assistance with data-subject rights, assistance with Arts. 32–36, information to demonstrate compliance.

The wordings use 委託者 / 受託者 / 委託データ (the Client / the Contractor / Entrusted Data), which the contract or
the addendum defines once. A placeholder such as {notice_hours} names a parameter; `standard_text` fills it with the
organisation's policy value.
"""

import re
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from itaku.core.text import Text

Value = int | bool | str | None

KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,63}$")


class Profile(StrEnum):
    jp_appi = "JP-APPI"
    jp_mynumber = "JP-MYNUMBER"
    eu_gdpr = "EU-GDPR"


class Level(StrEnum):
    required = "required"
    desirable = "desirable"


class ParamType(StrEnum):
    integer = "int"
    boolean = "bool"
    text = "text"
    choice = "choice"


class Comparison(StrEnum):
    """How a value the contract states is held against policy."""

    max = "max"  # stated must be ≤ the policy limit (incident-notice hours)
    min = "min"  # stated must be ≥ the policy limit (audits per year)
    must_be_true = "must_be_true"
    informational = "informational"  # recorded and shown, never a gap


@dataclass(frozen=True)
class Message:
    """A reason the analysis can give: a stable code and templates in both languages ({stated}, {limit})."""

    code: str
    ja: str
    en: str


@dataclass(frozen=True)
class Parameter:
    name: str
    type: ParamType
    title: Text
    compare: Comparison = Comparison.informational
    unit: str | None = None  # "hours", "per_year"
    choices: tuple[str, ...] = ()
    # max/min: the limit is the Policy attribute named here, or `limit` for an organisation's own parameter.
    policy_field: str | None = None
    limit: int | None = None
    # must_be_true only when the covered processing includes My Number data (approval at every tier).
    only_when_my_number: bool = False
    fail: Message | None = None  # the stated value fails (or, for must_be_true, is false or absent)
    unstated: Message | None = None  # max/min: the contract states no value

    def __post_init__(self) -> None:
        if not self.name.isidentifier():
            raise ValueError(f"parameter {self.name!r}: the name must be an identifier (it is a wording placeholder)")
        if self.compare in (Comparison.max, Comparison.min):
            if self.type != ParamType.integer:
                raise ValueError(f"parameter {self.name}: only an int can be compared with a limit")
            if (self.policy_field is None) == (self.limit is None):
                raise ValueError(f"parameter {self.name}: give exactly one of policy_field and limit")
        if self.compare == Comparison.must_be_true and self.type != ParamType.boolean:
            raise ValueError(f"parameter {self.name}: must_be_true needs a bool")
        if (self.type == ParamType.choice) != bool(self.choices):
            raise ValueError(f"parameter {self.name}: a choice parameter, and only one, lists its choices")

    @property
    def checked(self) -> bool:
        return self.compare != Comparison.informational


@dataclass(frozen=True)
class Applicability:
    level: Level
    source: Text  # where the level comes from: a law, a guideline, the product, the organisation


@dataclass(frozen=True)
class Requirement:
    key: str
    title: Text
    standard_wording: Text | None
    levels: Mapping[Profile, Applicability]  # a profile not named here does not apply the requirement
    required_for_my_number: bool = False
    parameters: tuple[Parameter, ...] = ()

    def __post_init__(self) -> None:
        if not KEY_PATTERN.match(self.key):
            raise ValueError(f"requirement key {self.key!r} must match {KEY_PATTERN.pattern}")
        names = [p.name for p in self.parameters]
        if len(set(names)) != len(names):
            raise ValueError(f"requirement {self.key}: parameter names repeat")
        if self.standard_wording is not None:
            unknown = (placeholders(self.standard_wording.ja) | placeholders(self.standard_wording.en)) - set(names)
            if unknown:
                raise ValueError(f"requirement {self.key}: the wording names undeclared parameters {sorted(unknown)}")

    def parameter(self, name: str) -> Parameter | None:
        return next((p for p in self.parameters if p.name == name), None)


@dataclass(frozen=True)
class Policy:
    """The organisation's values. The numbers are policy defaults in the sense of REGULATION.md's [U] rule — no law
    fixes them, so each organisation may change them: 24 hours is the issue's default and the short end of §2.3's
    "≤24–72 h" (the principal has 3–5 days for its own preliminary report); guideline 3-4-4 asks for audits
    "periodically" without a number, and once a year is Itaku's starting reading of it, for audits and reports."""

    max_incident_notice_hours: int = 24
    min_audit_frequency_per_year: int = 1
    min_report_frequency_per_year: int = 1
    required_keys: frozenset[str] = frozenset()  # library requirements the organisation makes required everywhere
    extra: tuple[Requirement, ...] = ()  # the organisation's own requirements (see organisation_requirement)


ORGANISATION_SOURCE = Text(ja="自社の方針", en="organisation policy")


def organisation_requirement(
    key: str,
    title: Text,
    level: Level,
    *,
    wording: Text | None = None,
    parameters: Iterable[Parameter] = (),
) -> Requirement:
    """A requirement an organisation adds; it applies at `level` under every profile."""
    return Requirement(
        key=key,
        title=title,
        standard_wording=wording,
        levels={profile: Applicability(level, ORGANISATION_SOURCE) for profile in Profile},
        parameters=tuple(parameters),
    )


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def policy_limit(parameter: Parameter, policy: Policy) -> int | None:
    if parameter.policy_field is not None:
        limit = getattr(policy, parameter.policy_field)
        assert isinstance(limit, int), parameter.policy_field
        return limit
    return parameter.limit


class _KeepBlanks(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def standard_text(requirement: Requirement, policy: Policy) -> Text | None:
    """The standard wording with the organisation's policy values filled in (for the addendum); a placeholder
    without a policy value is left for the user to fill."""
    if requirement.standard_wording is None:
        return None
    fill = _KeepBlanks(
        {p.name: str(limit) for p in requirement.parameters if (limit := policy_limit(p, policy)) is not None}
    )
    return Text(
        ja=requirement.standard_wording.ja.format_map(fill),
        en=requirement.standard_wording.en.format_map(fill),
    )


class InvalidClauseValue(ValueError):
    """A value a contract clause states does not fit the parameter; the message says what would."""


def validate_values(requirement: Requirement, values: Mapping[str, Value]) -> None:
    """Refuse values that do not fit the requirement's parameters (for the service, before a clause is stored)."""
    for name, value in values.items():
        p = requirement.parameter(name)
        if p is None:
            raise InvalidClauseValue(f"{requirement.key} has no parameter {name!r}")
        if value is None:
            continue
        if p.type == ParamType.integer and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
            raise InvalidClauseValue(f"{requirement.key}.{name}: give a whole number, 0 or more")
        if p.type == ParamType.boolean and not isinstance(value, bool):
            raise InvalidClauseValue(f"{requirement.key}.{name}: give true or false")
        if p.type == ParamType.text and (not isinstance(value, str) or len(value) > 2000):
            raise InvalidClauseValue(f"{requirement.key}.{name}: give text of at most 2,000 characters")
        if p.type == ParamType.choice and value not in p.choices:
            raise InvalidClauseValue(f"{requirement.key}.{name}: choose one of {', '.join(p.choices)}")


def typed_value(parameter: Parameter, value: Value) -> Value:
    """The value as its parameter's type, or None when it is absent or does not fit (never a crash on old data)."""
    if parameter.type == ParamType.integer:
        return value if isinstance(value, int) and not isinstance(value, bool) else None
    if parameter.type == ParamType.boolean:
        return value if isinstance(value, bool) else None
    if parameter.type == ParamType.choice:
        return value if value in parameter.choices else None
    return value if isinstance(value, str) and value else None


# --- sources --------------------------------------------------------------------------------------------------

_APPI = "個人情報保護法ガイドライン（通則編）3-4-4"
APPI_DESIRABLE = Text(
    ja=f"{_APPI}（委託契約に盛り込むことが望ましい事項）", en="APPI guideline 3-4-4 (contract contents 望ましい)"
)
APPI_SAFETY_MEASURES = Text(
    ja=f"{_APPI}：委託元・委託先の双方が同意した安全管理措置を契約に盛り込む（望ましい）",
    en="APPI guideline 3-4-4: the contract contains the safety measures both sides agreed (望ましい)",
)
APPI_GRASP = Text(
    ja=f"{_APPI}：委託先における個人データの取扱状況を委託元が合理的に把握できる規定（望ましい）",
    en="APPI guideline 3-4-4: a clause letting the principal grasp how the vendor handles the data (望ましい)",
)
APPI_MONITORING = Text(
    ja=f"{_APPI}：委託先に対する定期的な監査（望ましい）",
    en="APPI guideline 3-4-4: periodic audits of the vendor (望ましい)",
)
APPI_REENTRUSTMENT = Text(
    ja=f"{_APPI}：再委託の事前報告又は承認（望ましい）",
    en="APPI guideline 3-4-4: prior report or approval of re-entrustment (望ましい)",
)
MODEL_PRACTICE = Text(
    ja="製品ルール：モデル契約の実務（REGULATION.md §2.3）",
    en="product rule: model-contract practice (REGULATION.md §2.3)",
)
INCIDENT_PRODUCT_RULE = Text(
    ja=(
        "製品ルール：委託元が3〜5日以内の速報を行える通知期限と、判明している範囲での §1.7 の9項目の報告"
        "（REGULATION.md §2.3）"
    ),
    en=(
        "product rule: a notice time that lets the principal meet its 3–5-day preliminary report, "
        "with the nine items of REGULATION.md §1.7 as known (§2.3)"
    ),
)
MY_NUMBER_ACT_ART_10 = Text(ja="番号法第10条", en="My Number Act Art. 10")


def _my_number_must(item: str) -> Text:
    return Text(
        ja=f"番号法ガイドライン（事業者編）— 委託契約に盛り込まなければならない事項：{item}",
        en=f"My Number guideline (事業者編) — must include: {item}",
    )


def _my_number_desirable(item: str) -> Text:
    return Text(
        ja=f"番号法ガイドライン（事業者編）— 委託契約に盛り込むことが望ましい事項：{item}",
        en=f"My Number guideline (事業者編) — desirable: {item}",
    )


def _gdpr(article: str, about: Text | None = None) -> Text:
    if about is None:
        return Text(ja=f"GDPR 第{article}条", en=f"GDPR Art. {article}")
    return Text(ja=f"GDPR 第{article}条（{about.ja}）", en=f"GDPR Art. {article} ({about.en})")


def _levels(
    appi: tuple[Level, Text] | None, my_number: tuple[Level, Text] | None, gdpr: tuple[Level, Text] | None
) -> dict[Profile, Applicability]:
    given = {Profile.jp_appi: appi, Profile.jp_mynumber: my_number, Profile.eu_gdpr: gdpr}
    return {profile: Applicability(*pair) for profile, pair in given.items() if pair is not None}


R, D = Level.required, Level.desirable

# --- the built-in requirements --------------------------------------------------------------------------------

DATA_SCOPE = "data_scope"
ACCESS_CONTROL = "access_control"
STORAGE_AND_RETENTION = "storage_and_retention"
RETURN_OR_DISPOSAL = "return_or_disposal"
CONFIDENTIALITY = "confidentiality"
PURPOSE_LIMITATION = "purpose_limitation"
NO_REMOVAL = "no_removal"
STAFF_SUPERVISION = "staff_supervision"
SECURITY_MEASURES = "security_measures"
SUBCONTRACTING = "subcontracting"
INCIDENT_REPORTING = "incident_reporting"
COMPLIANCE_REPORTS = "compliance_reports"
AUDIT_RIGHTS = "audit_rights"
TERMINATION_AND_DAMAGES = "termination_and_damages"
GDPR_INSTRUCTIONS = "gdpr_instructions"
GDPR_DATA_SUBJECT_RIGHTS = "gdpr_data_subject_rights"
GDPR_ASSISTANCE = "gdpr_assistance"
GDPR_DEMONSTRATE_COMPLIANCE = "gdpr_demonstrate_compliance"

BUILTIN: tuple[Requirement, ...] = (
    Requirement(
        key=DATA_SCOPE,
        title=Text(ja="取り扱う個人データと業務の範囲", en="Data types and scope of the work"),
        standard_wording=Text(
            ja=(
                "委託者が受託者に取扱いを委託する個人データの項目、本人の範囲、業務の内容及び期間並びに"
                "取扱いの目的は、別紙に定めるとおりとする。受託者は、別紙に定める業務の遂行に必要な範囲を超えて"
                "委託データを取り扱ってはならない。"
            ),
            en=(
                "The items of personal data the Client entrusts to the Contractor, the persons they concern, the "
                "work, its duration and the purpose of the handling are as set out in the Annex. The Contractor "
                "shall not handle Entrusted Data beyond what that work requires."
            ),
        ),
        levels=_levels(
            (D, APPI_SAFETY_MEASURES),
            (D, MODEL_PRACTICE),
            # Art. 28(3) first sentence: subject-matter, duration, nature, purpose, data types, data subjects.
            (
                R,
                _gdpr(
                    "28(3)",
                    Text(
                        "取扱いの対象・期間・性質・目的、個人データの種類、データ主体の類型",
                        "subject-matter, duration, nature and purpose, data types, data subjects",
                    ),
                ),
            ),
        ),
        parameters=(
            Parameter("data_items", ParamType.text, Text("個人データの項目", "Data items")),
            Parameter("purpose", ParamType.text, Text("取扱いの目的", "Purpose of the handling")),
        ),
    ),
    Requirement(
        key=ACCESS_CONTROL,
        title=Text(
            ja="取扱者の限定とアクセス権限の管理",
            en="Access limited to named staff and access-rights management",
        ),
        standard_wording=Text(
            ja=(
                "受託者は、委託データを取り扱う従業者をあらかじめ指名して委託者に書面で通知し、指名した従業者以外の者に"
                "委託データを取り扱わせてはならない。受託者は、委託データへのアクセス権限を業務上必要な最小限の範囲で"
                "付与し、異動又は退職の際には速やかに変更又は削除するとともに、付与の状況を記録する。"
            ),
            en=(
                "The Contractor shall name in advance, and tell the Client in writing, the staff who will handle "
                "Entrusted Data, and shall let no one else handle it. It shall grant access rights to Entrusted Data "
                "only as far as the work requires, change or revoke them promptly when a person changes role or "
                "leaves, and keep a record of the rights granted."
            ),
        ),
        levels=_levels(
            (D, APPI_DESIRABLE),
            (D, _my_number_desirable("取り扱う従業者の明確化")),
            (D, _gdpr("32", Text("取扱いの安全性", "security of processing"))),
        ),
    ),
    Requirement(
        key=STORAGE_AND_RETENTION,
        title=Text(ja="保管場所と保存期間", en="Storage location and retention"),
        standard_wording=Text(
            ja=(
                "受託者は、委託データを別紙に定める場所（クラウドサービスを利用する場合は、そのサービスの名称及び"
                "データが保存される国を含む。）にのみ保管し、委託者の書面による事前の承諾なくこれを変更してはならない。"
                "受託者は、別紙に定める保存期間を超えて委託データを保持してはならない。"
            ),
            en=(
                "The Contractor shall keep Entrusted Data only at the places set out in the Annex (for a cloud "
                "service, including the service's name and the country where the data is stored) and shall not "
                "change them without the Client's prior written consent. It shall not keep Entrusted Data beyond "
                "the retention period set out in the Annex."
            ),
        ),
        levels=_levels(
            (D, APPI_DESIRABLE),
            (D, MODEL_PRACTICE),
            (D, _gdpr("28(3), 44", Text("期間、第三国への移転", "duration, transfers"))),
        ),
        parameters=(
            Parameter("storage_location", ParamType.text, Text("保管場所", "Storage location")),
            Parameter(
                "storage_country",
                ParamType.choice,
                Text("保管する国", "Country of storage"),
                choices=("japan", "eea", "other"),
            ),
            Parameter("retention_period", ParamType.text, Text("保存期間", "Retention period")),
        ),
    ),
    Requirement(
        key=RETURN_OR_DISPOSAL,
        title=Text(
            ja="契約終了時の返却・廃棄と廃棄証明",
            en="Return or disposal at the end, with a disposal certificate",
        ),
        standard_wording=Text(
            ja=(
                "受託者は、本契約が終了したとき又は委託者から求められたときは、委託者の指示に従い、委託データ"
                "（その複製物を含む。）を速やかに返却し、又は復元できない方法により消去若しくは廃棄する。"
                "受託者は、消去又は廃棄を行ったときは、その日時、方法及び対象を記載した証明書を委託者に提出する。"
            ),
            en=(
                "When this Agreement ends, or whenever the Client asks, the Contractor shall, as the Client "
                "instructs, promptly return Entrusted Data (including any copies) or erase or destroy it so that it "
                "cannot be restored. After erasing or destroying it, the Contractor shall give the Client a "
                "certificate stating when, how and what it erased or destroyed."
            ),
        ),
        levels=_levels(
            (D, APPI_DESIRABLE),
            (R, _my_number_must("委託契約終了後の返却又は廃棄")),
            (R, _gdpr("28(3)(g)")),
        ),
        required_for_my_number=True,
        parameters=(
            Parameter(
                "end_action",
                ParamType.choice,
                Text("終了時の措置", "What happens at the end"),
                choices=("return", "dispose", "client_choice"),
            ),
            # Product rule (issue 6/7): disposal is proven, not assumed — the certificate is the principal's evidence
            # for its supervision record.
            Parameter(
                "disposal_certificate",
                ParamType.boolean,
                Text("廃棄証明書の提出", "Disposal certificate"),
                compare=Comparison.must_be_true,
                fail=Message(
                    "disposal_certificate_missing",
                    "廃棄・消去の証明書の提出が定められていません。",
                    "The contract does not require a certificate of disposal.",
                ),
            ),
        ),
    ),
    Requirement(
        key=CONFIDENTIALITY,
        title=Text(ja="秘密保持", en="Confidentiality"),
        standard_wording=Text(
            ja=(
                "受託者は、委託データを秘密として保持し、委託者の書面による事前の承諾なく第三者に開示し、又は漏えい"
                "させてはならない。受託者は、委託データを取り扱う従業者に対し、在職中及び退職後も同様の義務を課す。"
                "本条の義務は、本契約の終了後も存続する。"
            ),
            en=(
                "The Contractor shall keep Entrusted Data confidential and shall not disclose it to any third party "
                "without the Client's prior written consent. It shall bind the staff who handle Entrusted Data to "
                "the same duty, during and after their employment. This clause survives the end of this Agreement."
            ),
        ),
        levels=_levels((D, APPI_DESIRABLE), (R, _my_number_must("秘密保持義務")), (R, _gdpr("28(3)(b)"))),
        required_for_my_number=True,
    ),
    Requirement(
        key=PURPOSE_LIMITATION,
        title=Text(ja="目的外利用の禁止", en="No use beyond the purpose"),
        standard_wording=Text(
            ja=(
                "受託者は、委託データを本業務の遂行以外の目的で利用してはならず、本業務に必要な範囲を超えて複製し、"
                "又は加工してはならない。"
            ),
            en=(
                "The Contractor shall use Entrusted Data only to perform the entrusted work, and shall not copy or "
                "alter it beyond what that work requires."
            ),
        ),
        levels=_levels(
            (D, APPI_DESIRABLE),
            (R, _my_number_must("目的外利用の禁止")),
            # In substance Art. 28(3)(a), which gdpr_instructions carries as required.
            (D, _gdpr("28(10)")),
        ),
        required_for_my_number=True,
    ),
    Requirement(
        key=NO_REMOVAL,
        title=Text(ja="事業所外への持出しの禁止", en="No taking data out of the premises beyond need"),
        standard_wording=Text(
            ja=(
                "受託者は、本業務の遂行に必要な場合を除き、委託データ（これを記録した媒体及び機器を含む。）を"
                "委託者が認めた事業所の外に持ち出してはならない。持ち出すときは、暗号化その他の漏えいを防止する措置を"
                "講じる。"
            ),
            en=(
                "The Contractor shall not take Entrusted Data, or any medium or device holding it, out of the "
                "premises the Client has approved, except where the work requires it; when it does, it shall "
                "encrypt the data or otherwise protect it against leakage."
            ),
        ),
        levels=_levels(
            (D, APPI_DESIRABLE),
            (R, _my_number_must("事業所内からの持出しの禁止")),
            (D, _gdpr("32", Text("取扱いの安全性", "security of processing"))),
        ),
        required_for_my_number=True,
    ),
    Requirement(
        key=STAFF_SUPERVISION,
        title=Text(ja="従業者の監督・教育", en="Staff supervision and training"),
        standard_wording=Text(
            ja=(
                "受託者は、委託データを取り扱う従業者に本契約に定める義務を遵守させるため、必要かつ適切な監督を行い、"
                "委託データの適正な取扱いに関する教育を定期的に実施する。"
            ),
            en=(
                "The Contractor shall supervise the staff who handle Entrusted Data as needed to make them keep the "
                "duties in this Agreement, and shall train them regularly in the proper handling of Entrusted Data."
            ),
        ),
        levels=_levels(
            (D, APPI_DESIRABLE),
            (R, _my_number_must("従業者に対する監督・教育")),
            (D, _gdpr("32(4)")),
        ),
        required_for_my_number=True,
    ),
    Requirement(
        key=SECURITY_MEASURES,
        title=Text(ja="安全管理措置", en="Security measures"),
        standard_wording=Text(
            ja=(
                "受託者は、委託データの漏えい、滅失又は毀損の防止その他の安全管理のため、委託者自らが講ずべき措置と"
                "同等以上の組織的、人的、物理的及び技術的な安全管理措置を講じる。その具体的な内容は別紙に定める。"
            ),
            en=(
                "The Contractor shall take organisational, human, physical and technical security measures, at least "
                "equivalent to those the Client itself must take, to keep Entrusted Data from being leaked, lost or "
                "damaged. The measures are set out in the Annex."
            ),
        ),
        levels=_levels((D, APPI_SAFETY_MEASURES), (D, MODEL_PRACTICE), (R, _gdpr("28(3)(c)"))),
    ),
    Requirement(
        key=SUBCONTRACTING,
        title=Text(ja="再委託の条件（事前承諾）", en="Re-entrustment only with prior approval"),
        standard_wording=Text(
            ja=(
                "受託者は、委託者の書面による事前の承諾を得た場合に限り、本業務の全部又は一部を第三者に再委託する"
                "ことができる。承諾を求めるときは、再委託先の名称、再委託する業務の内容及び再委託先における委託データ"
                "の取扱方法を委託者に示す。再委託先がさらに委託する場合も、その各段階において委託者の事前の承諾を要する。"
                "受託者は、再委託先に本契約と同等の義務を負わせ、再委託先の行為について委託者に対して責任を負う。"
            ),
            en=(
                "The Contractor may re-entrust all or part of the work to a third party only with the Client's "
                "prior written approval. When asking for it, the Contractor shall tell the Client the "
                "sub-contractor's name, the work to be re-entrusted and how the sub-contractor will handle "
                "Entrusted Data. Every further tier of re-entrustment likewise needs the Client's prior approval. "
                "The Contractor shall bind each sub-contractor to duties equivalent to those in this Agreement and "
                "answers to the Client for what the sub-contractor does."
            ),
        ),
        levels=_levels(
            (D, APPI_REENTRUSTMENT),
            (R, _my_number_must("再委託における条件") + MY_NUMBER_ACT_ART_10),
            (R, _gdpr("28(2), 28(3)(d), 28(4)")),
        ),
        required_for_my_number=True,
        # A contract that forbids re-entrustment outright is recorded with both parameters true: a ban is stricter
        # than approval.
        parameters=(
            # The clause is about approval: a contract that only asks to be told afterwards is weaker than the
            # library's standard (and than GDPR Art. 28(2)'s prior authorisation).
            Parameter(
                "prior_approval",
                ParamType.boolean,
                Text("委託者の事前承諾", "Client's prior approval"),
                compare=Comparison.must_be_true,
                fail=Message(
                    "prior_approval_missing",
                    "再委託に委託者の事前の承諾が必要と定められていません。",
                    "The contract does not make re-entrustment subject to the Client's prior approval.",
                ),
            ),
            # My Number Act Art. 10 (REGULATION.md §2.4): the initial principal permits re-entrustment at every tier.
            Parameter(
                "approval_at_every_tier",
                ParamType.boolean,
                Text("各段階での承諾", "Approval at every tier"),
                compare=Comparison.must_be_true,
                only_when_my_number=True,
                fail=Message(
                    "approval_at_every_tier_required_for_my_number",
                    "マイナンバーを含む委託では、再委託の各段階で委託者の許諾が必要です（番号法第10条）。"
                    "契約にその定めがありません。",
                    "The processing includes My Number data, so every tier of re-entrustment needs the Client's "
                    "permission (My Number Act Art. 10); the contract does not require it.",
                ),
            ),
        ),
    ),
    Requirement(
        key=INCIDENT_REPORTING,
        title=Text(ja="漏えい等事案の報告", en="Incident reporting"),
        standard_wording=Text(
            ja=(
                "受託者は、委託データの漏えい、滅失若しくは毀損又はそのおそれのある事態（以下「漏えい等事案」という。）"
                "を知ったときは、{notice_hours}時間以内に委託者が指定する連絡先に報告する。報告には、その時点で判明して"
                "いる範囲で、事案の概要、対象となる個人データの項目、本人の数、原因、二次被害又はそのおそれの有無及び"
                "内容、本人への対応の状況、公表の状況、再発防止のための措置その他参考となる事項を含め、判明した事項は"
                "遅滞なく追加して報告する。受託者は、委託者の指示に従い、被害の拡大防止、原因の究明及び再発防止に"
                "必要な措置を講じる。"
            ),
            en=(
                "On becoming aware of any leakage, loss or damage of Entrusted Data, actual or suspected (an "
                '"Incident"), the Contractor shall report it to the contact the Client designates within '
                "{notice_hours} hours. The report shall give, as far as then known, an overview of the Incident, "
                "the items of personal data affected, the number of persons, the cause, whether secondary harm has "
                "occurred or may occur and what it is, the steps taken toward the persons concerned, whether the "
                "Incident has been made public, the measures to prevent recurrence, and anything else relevant; the "
                "Contractor shall add what it learns later without delay. The Contractor shall take the steps the "
                "Client instructs to contain the harm, find the cause and prevent recurrence."
            ),
        ),
        levels=_levels(
            (R, INCIDENT_PRODUCT_RULE),
            (R, _my_number_must("漏えい等事案が発生した場合の委託先の責任") + INCIDENT_PRODUCT_RULE),
            (R, _gdpr("28(3)(f), 33(2)") + INCIDENT_PRODUCT_RULE),
        ),
        required_for_my_number=True,
        parameters=(
            Parameter(
                "notice_hours",
                ParamType.integer,
                Text("通知期限", "Notice within"),
                compare=Comparison.max,
                unit="hours",
                policy_field="max_incident_notice_hours",
                fail=Message(
                    "notice_hours_over_policy",
                    "インシデント通知の期限が{stated}時間です。方針では{limit}時間以内です。",
                    "Incident notice within {stated} hours; policy requires {limit}.",
                ),
                unstated=Message(
                    "notice_hours_not_stated",
                    "インシデント通知の期限（時間）が定められていません。方針では{limit}時間以内です。",
                    "No incident-notice time is stated; policy requires {limit} hours.",
                ),
            ),
            Parameter("to_whom", ParamType.text, Text("報告先", "Report to")),
            # REGULATION.md §2.3 product-level clause: the nine items of §1.7, as far as known.
            Parameter(
                "content_items",
                ParamType.boolean,
                Text("報告内容（9項目）", "Report contents (the nine items)"),
                compare=Comparison.must_be_true,
                fail=Message(
                    "content_items_missing",
                    "報告に含める事項（委員会への報告の9項目を判明した範囲で）が定められていません。",
                    "The contract does not require the report to carry the nine items of a regulator report, "
                    "as far as known.",
                ),
            ),
        ),
    ),
    Requirement(
        key=COMPLIANCE_REPORTS,
        title=Text(ja="遵守状況の報告", en="Compliance reports"),
        standard_wording=Text(
            ja=(
                "受託者は、本契約の遵守状況（委託データの取扱状況、従業者への教育の実施状況、再委託の状況及び"
                "漏えい等事案の有無を含む。）について、年{report_frequency_per_year}回以上、及び委託者が求めたときは"
                "その都度、書面により委託者に報告する。"
            ),
            en=(
                "The Contractor shall report to the Client in writing on how it complies with this Agreement "
                "(including how Entrusted Data is handled, the training given to staff, any re-entrustment and any "
                "Incident) at least {report_frequency_per_year} time(s) a year and whenever the Client asks."
            ),
        ),
        levels=_levels(
            (D, APPI_GRASP),
            (R, _my_number_must("契約内容の遵守状況について報告を求める規定")),
            # Art. 28(3)(h)'s information duty is carried by gdpr_demonstrate_compliance.
            (D, _gdpr("28(3)(h)")),
        ),
        required_for_my_number=True,
        parameters=(
            Parameter(
                "report_frequency_per_year",
                ParamType.integer,
                Text("報告の頻度", "Reports per year"),
                compare=Comparison.min,
                unit="per_year",
                policy_field="min_report_frequency_per_year",
                fail=Message(
                    "report_frequency_below_policy",
                    "遵守状況の報告が年{stated}回です。方針では年{limit}回以上です。",
                    "Compliance reports: {stated} per year; policy requires at least {limit}.",
                ),
                unstated=Message(
                    "report_frequency_not_stated",
                    "遵守状況の報告の頻度が定められていません。方針では年{limit}回以上です。",
                    "No frequency of compliance reports is stated; policy requires at least {limit} per year.",
                ),
            ),
        ),
    ),
    Requirement(
        key=AUDIT_RIGHTS,
        title=Text(ja="監査・実地調査", en="Audit and on-site inspection rights"),
        standard_wording=Text(
            ja=(
                "委託者は、受託者における委託データの取扱状況を確認するため、年{audit_frequency_per_year}回、"
                "並びに漏えい等事案が発生したとき及びその他委託者が必要と認めるときは随時、受託者の事業所への立入りを"
                "含む監査を行うことができる。効果的である場合には、オンラインによる方法で行うことができる。受託者は"
                "監査に協力し、委託者が指摘した事項を速やかに改善する。"
            ),
            en=(
                "The Client may audit how the Contractor handles Entrusted Data, including by inspecting the "
                "Contractor's premises, {audit_frequency_per_year} time(s) a year and at any other time after an "
                "Incident or when the Client considers it necessary; where effective, an inspection may be held "
                "remotely. The Contractor shall cooperate and promptly remedy what the Client points out."
            ),
        ),
        levels=_levels(
            (D, APPI_MONITORING),
            (D, _my_number_desirable("実地の調査")),
            (R, _gdpr("28(3)(h)", Text("検査を含む監査", "audits, including inspections"))),
        ),
        parameters=(
            Parameter(
                "audit_frequency_per_year",
                ParamType.integer,
                Text("監査の頻度", "Audits per year"),
                compare=Comparison.min,
                unit="per_year",
                policy_field="min_audit_frequency_per_year",
                fail=Message(
                    "audit_frequency_below_policy",
                    "監査の頻度が年{stated}回です。方針では年{limit}回以上です。",
                    "Audit frequency: {stated} per year; policy requires at least {limit}.",
                ),
                unstated=Message(
                    "audit_frequency_not_stated",
                    "監査の頻度が定められていません。方針では年{limit}回以上です。",
                    "No audit frequency is stated; policy requires at least {limit} per year.",
                ),
            ),
            # My Number guideline names 実地の調査; GDPR Art. 28(3)(h) "audits, including inspections".
            Parameter(
                "on_site",
                ParamType.boolean,
                Text("実地調査（立入り）", "On-site inspection"),
                compare=Comparison.must_be_true,
                fail=Message(
                    "on_site_missing",
                    "事業所への立入りによる調査の権利が定められていません。",
                    "The contract gives no right to inspect the vendor's premises.",
                ),
            ),
        ),
    ),
    Requirement(
        key=TERMINATION_AND_DAMAGES,
        title=Text(ja="契約違反時の解除と損害賠償", en="Termination and damages on breach"),
        standard_wording=Text(
            ja=(
                "受託者が本契約に定める委託データの取扱いに関する義務に違反したときは、委託者は、催告することなく"
                "本契約の全部又は一部を解除することができる。受託者は、その違反又は漏えい等事案により委託者又は本人に"
                "生じた損害（委託者が本人への対応、調査及び公表に要した費用を含む。）を賠償する。"
            ),
            en=(
                "If the Contractor breaches any of its duties in this Agreement concerning Entrusted Data, the Client "
                "may terminate this Agreement in whole or in part without prior notice. The Contractor shall make "
                "good the damage that the breach or an Incident causes to the Client or to the persons concerned, "
                "including the Client's costs of responding to those persons, investigating and announcing it."
            ),
        ),
        levels=_levels(
            (D, APPI_DESIRABLE),
            (R, _my_number_must("漏えい等事案が発生した場合の委託先の責任")),
            (D, _gdpr("82", Text("損害賠償責任", "liability"))),
        ),
        required_for_my_number=True,
    ),
    Requirement(
        key=GDPR_INSTRUCTIONS,
        title=Text(
            ja="文書による指示に基づく取扱い（国外移転を含む）",
            en="Processing only on documented instructions, including international transfers",
        ),
        standard_wording=Text(
            ja=(
                "受託者は、委託者が書面（電磁的記録を含む。）で示す指示に従ってのみ委託データを取り扱うものとし、"
                "欧州経済領域外の国又は国際機関への移転についても同様とする。EU又は加盟国の法令により指示と異なる"
                "取扱いを義務付けられたときは、その法令が通知を禁じる場合を除き、取扱いの前にその旨を委託者に通知する。"
                "受託者は、指示がデータ保護法令に違反すると考えるときは、直ちに委託者に通知する。"
            ),
            en=(
                "The Contractor shall handle Entrusted Data only as the Client instructs in writing (including in "
                "electronic form), and this includes any transfer of it to a country outside the EEA or to an "
                "international organisation. If a law of the EU or of a Member State obliges the Contractor to handle "
                "the data otherwise, it shall tell the Client before doing so, unless that law forbids telling. The "
                "Contractor shall tell the Client at once if it believes an instruction breaks data-protection law."
            ),
        ),
        levels=_levels(None, None, (R, _gdpr("28(3)(a)"))),
    ),
    Requirement(
        key=GDPR_DATA_SUBJECT_RIGHTS,
        title=Text(ja="本人の権利行使への協力", en="Assistance with data-subject rights"),
        standard_wording=Text(
            ja=(
                "受託者は、取扱いの性質を考慮し、適切な技術的及び組織的措置により、本人からのアクセス、訂正、消去、"
                "処理の制限、データポータビリティ、異議その他の権利行使の請求に委託者が対応できるよう協力する。"
                "受託者が本人から直接請求を受けたときは、速やかに委託者に転送する。"
            ),
            en=(
                "Taking into account the nature of the processing, the Contractor shall help the Client, by "
                "appropriate technical and organisational measures, to answer people who exercise their rights "
                "(access, rectification, erasure, restriction, portability, objection and the like). A request the "
                "Contractor receives directly shall be passed to the Client promptly."
            ),
        ),
        levels=_levels(None, None, (R, _gdpr("28(3)(e)"))),
    ),
    Requirement(
        key=GDPR_ASSISTANCE,
        title=Text(
            ja="安全管理・侵害通知・影響評価への協力（第32条〜第36条）",
            en="Assistance with security, breach notification and impact assessments (Arts. 32–36)",
        ),
        standard_wording=Text(
            ja=(
                "受託者は、取扱いの性質及び受託者が入手できる情報を考慮し、委託者が取扱いの安全性の確保、監督機関への"
                "個人データ侵害の通知及び本人への連絡、データ保護影響評価並びに監督機関との事前協議に関する義務を"
                "履行できるよう、委託者に協力する。"
            ),
            en=(
                "Taking into account the nature of the processing and the information available to it, the "
                "Contractor shall help the Client meet its obligations on the security of processing, on notifying "
                "personal-data breaches to the supervisory authority and telling the people concerned, on "
                "data-protection impact assessments and on prior consultation of the supervisory authority."
            ),
        ),
        levels=_levels(None, None, (R, _gdpr("28(3)(f)"))),
    ),
    Requirement(
        key=GDPR_DEMONSTRATE_COMPLIANCE,
        title=Text(ja="義務の遵守を示す情報の提供", en="Information to demonstrate compliance"),
        standard_wording=Text(
            ja="受託者は、本契約及びGDPR第28条に定める義務を遵守していることを示すために必要な一切の情報を委託者に提供する。",
            en=(
                "The Contractor shall make available to the Client all the information needed to show that it "
                "meets its obligations under this Agreement and Article 28 of the GDPR."
            ),
        ),
        levels=_levels(None, None, (R, _gdpr("28(3)(h)"))),
    ),
)

BUILTIN_BY_KEY: Mapping[str, Requirement] = {r.key: r for r in BUILTIN}
