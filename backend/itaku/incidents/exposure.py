"""The damages exposure of an incident: the people affected times a per-person amount for the kind of data, as Japanese
courts have awarded it in leak cases (慰謝料, REGULATION.md §4.2), plus the lawyer fee courts add. A rule of thumb
for sizing the risk, not law: every amount is a setting of the organisation, and the output says so. Pure: plain
values in, plain values out; yen as integers throughout.

Each range runs from the smallest damages awarded in the class before the lawyer fee (Benesse ¥3,000, 宇治市 ¥10,000,
TBC ¥30,000) to the largest total awarded per person (Yahoo!BB ¥5,500, 宇治市 ¥15,000, TBC ¥35,000); with the fee
rate added to both ends, the low figure reproduces the cheapest award and the high figure errs on the high side."""

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from itaku.core.text import Text
from itaku.incidents.documents import CATEGORY_LABELS


class DamagesClass(StrEnum):
    basic = "basic"  # identity and contact data, no secondary harm
    detailed = "detailed"  # family relations, financial or similar details
    sensitive = "sensitive"  # sensitive or embarrassing data; secondary harm


_SEVERITY = (DamagesClass.basic, DamagesClass.detailed, DamagesClass.sensitive)

# itaku.risk.DataCategory values; a value not listed counts as basic.
CATEGORY_CLASS: dict[str, DamagesClass] = {
    "ordinary": DamagesClass.basic,
    "special_care": DamagesClass.sensitive,
    "my_number": DamagesClass.detailed,
    "financial": DamagesClass.detailed,
    "credentials": DamagesClass.detailed,
    "children": DamagesClass.detailed,
}

CLASS_LABELS: dict[DamagesClass, Text] = {
    DamagesClass.basic: Text("基本（氏名・連絡先等）", "basic (identity and contact data)"),
    DamagesClass.detailed: Text(
        "詳細（家族関係・金融情報等）", "detailed (family relations, financial or similar details)"
    ),
    DamagesClass.sensitive: Text(
        "機微（要配慮情報・人に知られたくない情報等）", "sensitive (sensitive or embarrassing data)"
    ),
}


@dataclass(frozen=True)
class CourtCase:
    name: Text
    court: Text
    decided: str  # ISO date, or the year alone where the exact date is not verified
    amount: int  # yen per person as awarded, lawyer fee included
    summary: Text


# REGULATION.md §4.2 [S, src 58–64]
CASES: dict[DamagesClass, tuple[CourtCase, ...]] = {
    DamagesClass.basic: (
        CourtCase(
            Text("ベネッセ個人情報漏えい事件", "Benesse leak"),
            Text("東京地裁", "Tokyo District Court"),
            "2018-12-27",
            3_300,
            Text(
                "委託先の従業員が子ども・保護者の氏名・住所・生年月日・電話番号を持ち出して売却。慰謝料3,000円＋"
                "弁護士費用300円（グループ会社シンフォームに対して）。",
                "A contractor's employee sold the names, addresses, dates of birth and phone numbers of children and "
                "guardians. ¥3,000 damages + ¥300 lawyer fee (against the group company Synform).",
            ),
        ),
        CourtCase(
            Text("ベネッセ個人情報漏えい事件", "Benesse leak"),
            Text("東京高裁", "Tokyo High Court"),
            "2019-06-27",
            2_000,
            Text(
                "ベネッセとシンフォームに対して2,000円（交付済みの500円分の金券を考慮）。",
                "¥2,000 against Benesse and Synform (the ¥500 voucher already given was taken into account).",
            ),
        ),
        CourtCase(
            Text("ベネッセ個人情報漏えい事件（集団訴訟）", "Benesse leak (class action)"),
            Text("東京地裁", "Tokyo District Court"),
            "2023-02-27",
            3_300,
            Text("原告4,027人に1人3,300円。", "¥3,300 each to 4,027 plaintiffs."),
        ),
        CourtCase(
            Text("早稲田大学名簿提供事件", "Waseda University list disclosure"),
            Text("最高裁（差戻後の認容額）", "Supreme Court (amount on remand)"),
            "2003-09-12",
            5_000,
            Text(
                "氏名・住所・電話番号・学籍番号を本人の同意なく警察に提供。1人5,000円。",
                "Names, addresses, phone and student numbers given to the police without consent. ¥5,000 each.",
            ),
        ),
        CourtCase(
            Text("Yahoo!BB顧客情報漏えい事件", "Yahoo!BB customer data leak"),
            Text("大阪高裁", "Osaka High Court"),
            "2007-06-21",
            5_500,
            Text(
                "委託先から派遣された者が住所・氏名・電話番号・メールアドレス・ID等を漏えい。慰謝料5,000円から交付済みの"
                "金券500円分を控除した4,500円＋弁護士費用1,000円（第一審は大阪地裁2006年5月19日、6,000円）。"
                "最高裁は2007年12月14日に上告を退けた。",
                "A person dispatched from a contractor leaked addresses, names, phone numbers, e-mail addresses and "
                "IDs. ¥5,000 damages less the ¥500 voucher already given, + ¥1,000 lawyer fee (first instance: Osaka "
                "District Court, 2006-05-19, ¥6,000). The Supreme Court dismissed the appeal on 2007-12-14.",
            ),
        ),
    ),
    DamagesClass.detailed: (
        CourtCase(
            Text("宇治市住民基本台帳データ流出事件", "Uji City resident register leak"),
            Text("大阪高裁", "Osaka High Court"),
            "2001-12-25",
            15_000,
            Text(
                "再々委託先のアルバイトが氏名・住所・生年月日・家族関係を持ち出した。慰謝料10,000円＋弁護士費用5,000円。"
                "3層の再委託でも市の責任を認めた。",
                "A part-timer at a third-tier subcontractor took names, addresses, dates of birth and family "
                "relations. ¥10,000 damages + ¥5,000 lawyer fee; the city was liable despite three tiers of "
                "subcontracting.",
            ),
        ),
    ),
    DamagesClass.sensitive: (
        CourtCase(
            Text("TBC個人情報流出事件", "TBC (esthetic salon) leak"),
            Text("東京地裁・東京高裁（同額）", "Tokyo District Court and Tokyo High Court (same amounts)"),
            "2007",
            35_000,
            Text(
                "氏名・連絡先とエステのアンケート回答が公開領域に置かれ、ファイル共有で拡散し、迷惑メールやいたずら電話が"
                "続いた。二次被害のあった原告13人に慰謝料30,000円＋弁護士費用5,000円（1人は17,000円＋5,000円）。"
                "判決日は資料により異なる。",
                "Names, contact details and answers to an esthetic questionnaire were left on a public web area, "
                "spread through file sharing, and spam and prank calls followed. ¥30,000 damages + ¥5,000 lawyer fee "
                "to 13 plaintiffs with secondary harm (¥17,000 + ¥5,000 to one). Sources differ on the exact dates.",
            ),
        ),
    ),
}


@dataclass(frozen=True)
class DamagesPolicy:
    """Per-person (low, high) amounts in yen for each class, and the lawyer fee added on top, in percent. The defaults
    are the court cases above; an organisation may set its own."""

    basic: tuple[int, int] = (3_000, 5_500)
    detailed: tuple[int, int] = (10_000, 15_000)
    sensitive: tuple[int, int] = (30_000, 35_000)
    lawyer_fee_percent: int = 10  # REGULATION.md §4.2: "plus ~10% lawyer fees"

    def __post_init__(self) -> None:
        for c in DamagesClass:
            low, high = self.per_person(c)
            if not 0 <= low <= high:
                raise ValueError(f"{c.value}: amounts must satisfy 0 <= low <= high, got ({low}, {high})")
        if not 0 <= self.lawyer_fee_percent <= 100:
            raise ValueError("lawyer_fee_percent must be between 0 and 100")

    def per_person(self, damages_class: DamagesClass) -> tuple[int, int]:
        amounts: tuple[int, int] = getattr(self, damages_class.value)
        return amounts


@dataclass(frozen=True)
class Exposure:
    damages_class: DamagesClass
    per_person_low: int  # yen, before the lawyer fee
    per_person_high: int
    lawyer_fee_percent: int
    persons_low: int | None  # the count the low figure uses; None: no count known
    persons_high: int | None
    low: int | None  # yen, lawyer fee included; None: no count known
    high: int | None
    cases: tuple[CourtCase, ...]
    reason: Text  # why this class
    explanation: Text  # how the figures were reached, or why there are none
    note: Text  # a rule of thumb, not law


NOTE = Text(
    "裁判例に基づく目安であり、法令上の基準ではありません。賠償額は事案ごとに裁判所が判断します。裁判外では1人500〜"
    "1,000円程度の金券等によるお詫びの例が多くあります。1人あたりの金額と弁護士費用の割合は組織の方針で変更できます。",
    "A rule of thumb drawn from court cases, not a legal standard: courts decide each case on its facts. Out of court, "
    "apologies of ¥500–1,000 vouchers per person were common. The per-person amounts and the lawyer-fee rate are "
    "settings your organisation can change.",
)


def _with_fee(amount: int, percent: int) -> int:
    return amount + amount * percent // 100  # the fee rounded down to the yen


def _quoted(categories: Iterable[str], lang: str) -> str:
    names = [getattr(CATEGORY_LABELS[c], lang) if c in CATEGORY_LABELS else c for c in categories]
    return "".join(f"「{n}」" for n in names) if lang == "ja" else ", ".join(f"“{n}”" for n in names)


def classify(categories: Iterable[str], secondary_harm: bool) -> tuple[DamagesClass, Text]:
    """The class the most severe category decides, one step up when secondary harm has happened, and why."""
    present = list(dict.fromkeys(categories))
    if present:
        by_data = max((CATEGORY_CLASS.get(c, DamagesClass.basic) for c in present), key=_SEVERITY.index)
        deciding = [c for c in present if CATEGORY_CLASS.get(c, DamagesClass.basic) == by_data]
        name = CLASS_LABELS[by_data]
        ja = f"区分は最も重いデータ（{_quoted(deciding, 'ja')}）で決まり、「{name.ja}」です。"
        en = f"The class follows the most severe data ({_quoted(deciding, 'en')}): “{name.en}”."
    else:
        by_data = DamagesClass.basic
        ja = f"データの区分が登録されていないため「{CLASS_LABELS[by_data].ja}」として見積もります。"
        en = f"No kinds of data are recorded, so it is estimated as “{CLASS_LABELS[by_data].en}”."
    if not secondary_harm:
        return by_data, Text(ja, en)
    step = _SEVERITY.index(by_data)
    if step + 1 == len(_SEVERITY):
        return by_data, Text(
            ja + "二次被害が発生していますが、既に最も重い区分です。",
            en + " Secondary harm has happened; this is already the most severe class.",
        )
    raised = _SEVERITY[step + 1]
    # REGULATION.md §4.2: the highest awards (TBC) went to plaintiffs who suffered secondary harm.
    return raised, Text(
        ja + f"二次被害が発生しているため、「{CLASS_LABELS[raised].ja}」に1段階引き上げます。",
        en + f" Secondary harm has happened, so it is raised one step to “{CLASS_LABELS[raised].en}”.",
    )


def estimate(
    categories: Iterable[str],
    persons_estimate: int | None,
    persons_max: int | None,
    secondary_harm: bool,
    policy: DamagesPolicy = DamagesPolicy(),
) -> Exposure:
    """Low: the estimated count times the low amount; high: the maximum count times the high amount; both with the
    lawyer fee added. One count known is used for both ends; with none, the exposure has no figures."""
    for n in (persons_estimate, persons_max):
        if n is not None and n < 0:
            raise ValueError("person counts cannot be negative")
    if persons_estimate is not None and persons_max is not None and persons_max < persons_estimate:
        raise ValueError("persons_max is below persons_estimate")

    damages_class, reason = classify(categories, secondary_harm)
    per_low, per_high = policy.per_person(damages_class)
    fee = policy.lawyer_fee_percent
    source = (
        Text("1人あたりの金額は組織の設定値です。", "The per-person amounts are your organisation's settings.")
        if policy != DamagesPolicy()
        else Text(
            "1人あたりの金額は裁判例に基づく既定値です。", "The per-person amounts are the defaults from court cases."
        )
    )
    persons_low = persons_estimate if persons_estimate is not None else persons_max
    persons_high = persons_max if persons_max is not None else persons_estimate
    if persons_low is None or persons_high is None:
        explanation = Text(
            f"本人の数が判明していないため、金額は算出していません。人数が判明したら、1人あたり{per_low:,}円〜"
            f"{per_high:,}円に弁護士費用{fee}%を加えて算出します。{source.ja}",
            f"The number of people is not known yet, so there are no figures. Once it is known, the estimate is "
            f"¥{per_low:,}–¥{per_high:,} per person plus {fee}% lawyer fees. {source.en}",
        )
        return Exposure(
            damages_class,
            per_low,
            per_high,
            fee,
            None,
            None,
            None,
            None,
            CASES[damages_class],
            reason,
            explanation,
            NOTE,
        )

    low = _with_fee(persons_low * per_low, fee)
    high = _with_fee(persons_high * per_high, fee)
    if persons_estimate is None or persons_max is None:
        counted = Text(
            f"本人の数は見込みと最大の一方（{persons_low:,}人）のみ判明のため、両端に使います。",
            f"Only one count of people ({persons_low:,}) is known, so it is used for both ends.",
        )
    else:
        counted = Text(
            f"本人の数は見込み{persons_low:,}人、最大{persons_high:,}人です。",
            f"{persons_low:,} people are estimated, {persons_high:,} at most.",
        )
    explanation = Text(
        f"{counted.ja}{persons_low:,}人×{per_low:,}円〜{persons_high:,}人×{per_high:,}円に、弁護士費用{fee}%を加えて"
        f"{low:,}円〜{high:,}円。{source.ja}",
        f"{counted.en} {persons_low:,} × ¥{per_low:,} to {persons_high:,} × ¥{per_high:,}, plus {fee}% lawyer fees: "
        f"¥{low:,}–¥{high:,}. {source.en}",
    )
    return Exposure(
        damages_class,
        per_low,
        per_high,
        fee,
        persons_low,
        persons_high,
        low,
        high,
        CASES[damages_class],
        reason,
        explanation,
        NOTE,
    )
