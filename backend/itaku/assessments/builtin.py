"""The questionnaire templates Itaku ships with, as plain data checked by `Definition` when this module loads.

- selection-review: the security review before a contractor is chosen (APPI Art. 25, the first of the three
  supervision elements), sectioned by the safeguard categories of the PPC general guideline §10.
- periodic-audit: the periodic check that the contract's safety clauses are kept (the third element).
- sme-self-check: the 25-topic self-check for small businesses, scored 4/2/0/−1 per item, 100 at best.

Texts are Itaku's own wording. In the Japanese texts 貴社 is the contractor answering and 当社 the
organisation that sends the questionnaire.
"""

from collections.abc import Mapping
from typing import Any

from itaku.assessments.definition import Definition, QuestionType, ScoringMethod, Severity

Data = dict[str, Any]
Bilingual = tuple[str, str]  # (ja, en)

YES_NO_NA = QuestionType.yes_no_na
SINGLE = QuestionType.single_choice
MULTIPLE = QuestionType.multiple_choice
TEXT = QuestionType.text
NUMBER = QuestionType.number
DATE = QuestionType.date
FILE = QuestionType.file

CRITICAL, HIGH, MEDIUM, LOW = Severity.critical, Severity.high, Severity.medium, Severity.low


# --- builders ----------------------------------------------------------------------------------------------


def _t(text: Bilingual) -> dict[str, str]:
    ja, en = text
    return {"ja": ja, "en": en}


def _opt(key: str, ja: str, en: str, score: float | None = None) -> Data:
    return {"key": key, "label": _t((ja, en)), "score": score}


def _q(
    key: str,
    type_: QuestionType,
    text: Bilingual,
    *,
    help: Bilingual | None = None,
    required: bool = True,
    weight: float = 1,
    options: list[Data] | None = None,
    findings: Mapping[Severity, tuple[list[str], Bilingual | None]] | None = None,
) -> Data:
    question: Data = {"key": key, "type": type_, "text": _t(text), "required": required, "weight": weight}
    if help:
        question["help"] = _t(help)
    if options:
        question["options"] = options
    if findings:
        question["findings"] = [
            {"when": when, "severity": severity, "title": _t(title) if title else None}
            for severity, (when, title) in findings.items()
        ]
    return question


def _yn(
    key: str,
    text: Bilingual,
    *,
    weight: float = 1,
    no: Severity | None = None,
    finding: Bilingual | None = None,
    help: Bilingual | None = None,
) -> Data:
    """A yes/no/not-applicable question where "yes" is the good answer and "no" may raise a finding."""
    return _q(key, YES_NO_NA, text, help=help, weight=weight, findings={no: (["no"], finding)} if no else None)


def _choice(
    key: str,
    text: Bilingual,
    options: list[Data],
    *,
    weight: float = 1,
    findings: Mapping[Severity, tuple[list[str], Bilingual | None]] | None = None,
    help: Bilingual | None = None,
    required: bool = True,
) -> Data:
    return _q(key, SINGLE, text, help=help, weight=weight, options=options, findings=findings, required=required)


def _section(key: str, title: Bilingual, questions: list[Data], description: Bilingual | None = None) -> Data:
    section: Data = {"key": key, "title": _t(title), "questions": questions}
    if description:
        section["description"] = _t(description)
    return section


def _band(minimum: float, key: str, ja: str, en: str) -> Data:
    return {"min": minimum, "key": key, "label": _t((ja, en))}


# --- 1. selection review -----------------------------------------------------------------------------------


def selection_review() -> Data:
    certifications = _q(
        "certifications",
        MULTIPLE,
        (
            "貴社が取得している認証、または行っている自己宣言をすべて選んでください。",
            "Select every certification you hold or self-declaration you have made.",
        ),
        help=(
            "当社から委託する業務が認証の適用範囲に含まれているかもあわせてご確認ください。"
            "SECURITY ACTIONはIPAに対する自己宣言であり、第三者による認証ではありません。",
            "Please also check that the work we would entrust to you falls within the scope of the certification. "
            "SECURITY ACTION is a self-declaration to IPA, not a third-party certification.",
        ),
        weight=1,
        options=[
            _opt("iso27001", "ISO/IEC 27001（ISMS認証）", "ISO/IEC 27001 (ISMS certification)", 2),
            _opt("privacy_mark", "プライバシーマーク", "Privacy Mark", 2),
            _opt("ismap", "ISMAP（政府情報システムのためのセキュリティ評価制度）への登録", "Listed under ISMAP", 1),
            _opt("security_action_2", "SECURITY ACTION 二つ星の自己宣言", "SECURITY ACTION two-star declaration", 1),
            _opt("security_action_1", "SECURITY ACTION 一つ星の自己宣言", "SECURITY ACTION one-star declaration", 0.5),
            _opt("other", "その他（SOC 2 報告書など）", "Other (e.g. a SOC 2 report)", 0.5),
            _opt("none", "いずれもない", "None of these", 0),
        ],
        findings={LOW: (["none"], ("第三者認証・自己宣言がない", "No certification or self-declaration"))},
    )
    certificate_copies = _q(
        "certificate_copies",
        FILE,
        (
            "認証の登録証など、有効期限と適用範囲が分かる書面の写しを添付してください。",
            "Please attach copies of your certificates showing their scope and expiry date.",
        ),
        required=False,
    )
    basic_policy = [
        _yn(
            "privacy_policy",
            (
                "法令・ガイドラインの遵守、安全管理措置、問合せ・苦情の窓口を盛り込んだ個人情報保護方針を定め、"
                "社内外に示していますか。",
                "Do you have a personal-information policy, covering compliance with the law and guidelines, "
                "your safeguards and a contact point for questions and complaints, and have you made it known "
                "inside and outside the company?",
            ),
            weight=2,
            no=MEDIUM,
            finding=("個人情報保護方針が定められていない", "No personal-information policy"),
        ),
        _yn(
            "security_policy",
            (
                "情報セキュリティ基本方針を文書にまとめ、経営者の承認を得ていますか。",
                "Is your information-security policy written down and approved by management?",
            ),
            weight=2,
            no=MEDIUM,
            finding=("情報セキュリティ基本方針が文書化されていない", "No written information-security policy"),
        ),
        _q(
            "security_policy_document",
            FILE,
            (
                "情報セキュリティ基本方針（または個人情報保護方針）の写しを添付してください。",
                "Please attach a copy of your information-security policy (or personal-information policy).",
            ),
            help=(
                "版数と制定・改定日が分かるものをお願いします。",
                "Please send a copy that shows its version and date.",
            ),
            required=False,
        ),
    ]
    handling_rules = [
        _choice(
            "handling_rules",
            (
                "個人データの取得・利用・保存・提供・削除／廃棄の各段階について、取扱方法と責任者を定めた規程は"
                "ありますか。",
                "Do written rules set out how personal data is handled, and who is responsible, at each stage: "
                "collection, use, storage, transfer, and deletion or disposal?",
            ),
            [
                _opt("all_stages", "すべての段階について定めている", "Yes, for every stage", 1),
                _opt("some_stages", "一部の段階についてのみ定めている", "For some stages only", 0.5),
                _opt("none", "定めていない", "No", 0),
            ],
            weight=2,
            findings={
                HIGH: (["none"], ("個人データの取扱規程がない", "No rules for handling personal data")),
                LOW: (["some_stages"], ("取扱規程が一部の段階に限られる", "Handling rules cover some stages only")),
            },
        ),
        _yn(
            "no_other_use",
            (
                "受託した個人データを委託業務以外の目的で利用しないことを、社内規程や手順で明確にしていますか。",
                "Do your internal rules or procedures make clear that entrusted personal data is used only "
                "for the entrusted work?",
            ),
            weight=2,
            no=HIGH,
            finding=("目的外利用の禁止が定められていない", "Use for other purposes is not ruled out"),
        ),
    ]
    organisational = [
        _yn(
            "responsible_person",
            (
                "個人データの取扱いに関する責任者を任命し、担当者の役割と責任を明確にしていますか。",
                "Have you appointed a person responsible for personal data and defined the roles and duties "
                "of the staff who handle it?",
            ),
            weight=2,
            no=MEDIUM,
            finding=("個人データの管理責任者が決まっていない", "No one is responsible for personal data"),
        ),
        _choice(
            "internal_audit",
            (
                "個人データの取扱状況について、自己点検または内部監査をどのくらいの頻度で行っていますか。",
                "How often do you self-check or internally audit the way personal data is handled?",
            ),
            [
                _opt("yearly", "年1回以上", "At least once a year", 1),
                _opt("irregular", "不定期に行っている", "Now and then, with no fixed cycle", 0.5),
                _opt("never", "行っていない", "Never", 0),
            ],
            findings={MEDIUM: (["never"], ("取扱状況の点検・監査を行っていない", "Handling is never checked"))},
        ),
        _choice(
            "incident_history",
            (
                "過去3年間に、個人情報の漏えい・滅失・毀損（そのおそれを含む）や、重大なセキュリティ事故が"
                "発生しましたか。",
                "In the last three years, have you had a leak, loss or corruption of personal information "
                "(including a suspected one) or another serious security incident?",
            ),
            [
                _opt("none", "発生していない", "No", 1),
                _opt(
                    "resolved",
                    "発生したが、原因の究明と再発防止策の実施まで完了している",
                    "Yes, and the cause has been found and measures against recurrence are in place",
                    0.5,
                ),
                _opt(
                    "open",
                    "発生し、再発防止策はまだ完了していない",
                    "Yes, and measures against recurrence are not yet complete",
                    0,
                ),
                _opt("declined", "回答を差し控える", "We prefer not to say", 0),
            ],
            weight=2,
            help=(
                "ランサムウェア感染、メールの誤送信、書類・端末の紛失や盗難、不正アクセスなどを含みます。",
                "This includes ransomware, mis-sent e-mail, lost or stolen papers or devices, and unauthorised access.",
            ),
            findings={
                HIGH: (["open"], ("過去の事故の再発防止策が未完了", "Past incident not yet remedied")),
                MEDIUM: (["declined"], ("過去の事故について回答がない", "No answer about past incidents")),
                LOW: (["resolved"], ("過去3年以内に事故あり（対応済み）", "Incident in the last 3 years (remedied)")),
            },
        ),
        _choice(
            "incident_disclosure",
            (
                "前問で「発生した」と回答した場合、その事案をどのように開示しましたか。",
                "If you answered yes to the previous question, how did you disclose the incident?",
            ),
            [
                _opt(
                    "public",
                    "公表したうえで、影響を受けた本人・取引先にも通知した",
                    "We announced it publicly and told the people and clients affected",
                    1,
                ),
                _opt(
                    "notified",
                    "影響を受けた本人・取引先・当局への通知のみ行った",
                    "We told only the people, clients and authorities affected",
                    0.5,
                ),
                _opt("not_disclosed", "公表も通知もしていない", "We neither announced it nor told anyone", 0),
                _opt("no_incident", "該当する事案はない", "There was no incident"),
            ],
            findings={
                MEDIUM: (["not_disclosed"], ("過去の事故を公表・通知していない", "Past incident was not disclosed")),
            },
        ),
        _q(
            "incident_details",
            TEXT,
            (
                "事案が発生した場合は、時期、概要、影響の範囲、原因、再発防止策をご記入ください。",
                "If there was an incident, please describe when it happened, what happened, whom it affected, "
                "its cause and what you have done to prevent it from happening again.",
            ),
            required=False,
        ),
    ]
    incident_response = [
        _yn(
            "incident_procedure",
            (
                "漏えい等（そのおそれを含む）が起きた場合の対応手順（事実確認、影響範囲の調査、委託元への報告、"
                "再発防止）を文書にしていますか。",
                "Do you have a written procedure for a leak or suspected leak, covering fact-finding, working out "
                "who is affected, reporting to the client and preventing a recurrence?",
            ),
            weight=3,
            no=HIGH,
            finding=("事故対応手順が文書化されていない", "No written incident-response procedure"),
        ),
        _yn(
            "contact_24x7",
            (
                "夜間・休日も含め、24時間365日連絡が取れる緊急連絡体制がありますか。",
                "Can you be reached in an emergency 24 hours a day, 365 days a year, including nights and holidays?",
            ),
            weight=2,
            no=MEDIUM,
            finding=("24時間365日の緊急連絡体制がない", "No emergency contact around the clock"),
        ),
        _choice(
            "incident_notice",
            (
                "受託データの漏えい等またはそのおそれを把握してから当社へ第一報を入れるまでの時間として、"
                "契約で約束できるものを選んでください。",
                "From the moment you learn of a leak or suspected leak of our data, how soon can you commit "
                "in the contract to give us a first notice?",
            ),
            [
                _opt("within_24h", "24時間以内", "Within 24 hours", 1),
                _opt("within_72h", "72時間以内", "Within 72 hours", 0.5),
                _opt("within_week", "1週間以内", "Within a week", 0),
                _opt("no_commitment", "期限は約束できない", "We cannot commit to a time", 0),
            ],
            weight=3,
            help=(
                "当社は把握から概ね3〜5日以内に個人情報保護委員会へ速報する必要があります。"
                "事実関係がすべて判明する前の段階で、第一報をお願いしています。",
                "We have to send a preliminary report to the Personal Information Protection Commission within "
                "about 3 to 5 days of learning of a leak, so we ask for a first notice before all the facts are known.",
            ),
            findings={
                CRITICAL: (["no_commitment"], ("事故報告の期限を約束できない", "No commitment to report incidents")),
                HIGH: (["within_week"], ("事故の第一報が1週間以内と遅い", "First incident notice only within a week")),
                MEDIUM: (["within_72h"], ("事故の第一報が72時間以内", "First incident notice within 72 hours")),
            },
        ),
        _q(
            "emergency_contact",
            TEXT,
            (
                "緊急時の連絡先（部署名、担当者名、電話番号、メールアドレス）をご記入ください。",
                "Please give your emergency contact: department, person, telephone number and e-mail address.",
            ),
        ),
    ]
    human = [
        _yn(
            "confidentiality_undertaking",
            (
                "従業者（派遣社員や業務委託で働く人を含む）から秘密保持の誓約を取るか、就業規則等で守秘義務を"
                "定めていますか。",
                "Are all staff, including agency workers and contractors, bound to confidentiality by a signed "
                "undertaking or by your work rules?",
            ),
            weight=2,
            no=HIGH,
            finding=("従業者の守秘義務が定められていない", "Staff are not bound to confidentiality"),
        ),
        _choice(
            "staff_training",
            (
                "個人情報保護・情報セキュリティに関する従業者教育の実施状況を選んでください。",
                "How do you train staff in data protection and information security?",
            ),
            [
                _opt(
                    "yearly_recorded",
                    "全従業者に年1回以上実施し、受講記録を残している",
                    "Everyone at least once a year, with attendance recorded",
                    1,
                ),
                _opt(
                    "yearly",
                    "年1回以上実施しているが、受講記録は残していない",
                    "At least once a year, without records",
                    0.75,
                ),
                _opt("on_hire", "入社時のみ実施している", "Only when people join", 0.25),
                _opt("none", "実施していない", "No training", 0),
            ],
            weight=2,
            findings={
                HIGH: (["none"], ("従業者教育を行っていない", "No staff training")),
                LOW: (["on_hire"], ("従業者教育が入社時のみ", "Staff trained only when they join")),
            },
        ),
        _q(
            "staff_with_access",
            NUMBER,
            (
                "受託データにアクセスする予定の従業者は何名ですか。",
                "How many of your staff would have access to our data?",
            ),
            help=(
                "再委託先の従業者は含めず、貴社の人数をご記入ください。",
                "Count your own staff only, not those of any subcontractor.",
            ),
        ),
    ]
    physical = [
        _yn(
            "controlled_area",
            (
                "個人データを取り扱う区域を限定し、ICカードや施錠、入退室記録などで入退室を管理していますか。",
                "Is personal data handled only in designated areas whose entry is controlled, for example by "
                "key cards, locks or an entry log?",
            ),
            weight=2,
            no=MEDIUM,
            finding=("取扱区域の入退室管理がない", "No entry control for data-handling areas"),
        ),
        _yn(
            "device_protection",
            (
                "個人データを扱うパソコン・記録媒体・書類について、施錠保管やディスクの暗号化など、盗難・紛失への"
                "対策をしていますか。また、持ち運ぶ際は暗号化や追跡可能な配送方法を用いていますか。",
                "Are PCs, storage media and papers holding personal data protected against theft and loss, for "
                "example by locked storage and disk encryption, and are they encrypted or sent by a trackable "
                "method when carried?",
            ),
            no=MEDIUM,
            finding=("機器・媒体の盗難・紛失対策がない", "Devices and media not protected against theft or loss"),
        ),
        _choice(
            "disposal",
            (
                "契約終了時や不要になった時点で、受託データをどのように返却・削除・廃棄しますか。",
                "When the contract ends, or the data is no longer needed, how do you return, delete or dispose "
                "of our data?",
            ),
            [
                _opt(
                    "certificate",
                    "復元できない方法で削除・廃棄し、削除・廃棄証明書を当社に提出する",
                    "We delete or destroy it beyond recovery and give you a certificate of deletion or disposal",
                    1,
                ),
                _opt(
                    "internal_record",
                    "復元できない方法で削除・廃棄するが、記録は社内にのみ残す",
                    "We delete or destroy it beyond recovery but keep the record internally only",
                    0.5,
                ),
                _opt("no_procedure", "決まった手順はない", "We have no set procedure", 0),
            ],
            weight=2,
            findings={
                HIGH: (["no_procedure"], ("削除・廃棄の手順がない", "No procedure for deletion or disposal")),
                LOW: (["internal_record"], ("削除・廃棄証明書を提出しない", "No certificate of deletion or disposal")),
            },
        ),
    ]
    technical = [
        _yn(
            "named_access",
            (
                "受託データにアクセスできる者を業務上必要な指名された従業者に限り、一人ひとり個別のIDで識別して"
                "いますか。",
                "Is access to our data limited to named staff who need it for the work, each identified by a "
                "personal user ID?",
            ),
            weight=3,
            no=HIGH,
            finding=("アクセス者が限定・識別されていない", "Access is not limited to identified, named staff"),
            help=("共用IDを使っている場合は「いいえ」を選んでください。", "Answer “No” if shared accounts are used."),
        ),
        _yn(
            "least_privilege",
            (
                "与える権限を、閲覧のみ・担当範囲のみなど、業務に必要な最小限にしていますか。",
                "Are access rights kept to the minimum the work needs, such as read-only or only the records "
                "a person works on?",
            ),
            weight=2,
            no=MEDIUM,
            finding=("アクセス権限が最小限になっていない", "Access rights are wider than needed"),
        ),
        _yn(
            "access_review",
            (
                "入社・異動・退職の際にアクセス権を遅滞なく付与・変更・削除し、定期的に権限の棚卸しを行っていますか。",
                "Are access rights granted, changed and removed without delay when people join, move or leave, "
                "and are all rights reviewed regularly?",
            ),
            weight=3,
            no=HIGH,
            finding=("入退社時のアクセス権管理・棚卸しがない", "Access rights not managed on joining and leaving"),
        ),
        _yn(
            "mfa",
            (
                "リモートアクセス、管理者権限、クラウドサービスへのログインに多要素認証を用いていますか。",
                "Do you use multi-factor authentication for remote access, administrator accounts and cloud services?",
            ),
            weight=2,
            no=HIGH,
            finding=("多要素認証を使っていない", "No multi-factor authentication"),
        ),
        _yn(
            "anti_malware",
            (
                "すべてのパソコン・サーバにマルウェア対策ソフト（EDRを含む）を導入し、定義ファイルを自動で更新して"
                "いますか。",
                "Does every PC and server run anti-malware software (EDR included), with automatic updates?",
            ),
            weight=2,
            no=HIGH,
            finding=("マルウェア対策が不十分", "Anti-malware protection is incomplete"),
        ),
        _yn(
            "firewall",
            (
                "ファイアウォール等で外部からの不正アクセスを防ぎ、インターネットに公開する機器やポートを必要最小限に"
                "していますか。",
                "Do firewalls or similar controls block unauthorised access from outside, with only the devices and "
                "ports that must be reachable exposed to the internet?",
            ),
            weight=2,
            no=HIGH,
            finding=("外部からの不正アクセス対策が不十分", "Weak protection against access from outside"),
        ),
        _choice(
            "patching",
            (
                "OS・ソフトウェア・ネットワーク機器のセキュリティ更新をどのように適用していますか。",
                "How do you apply security updates to operating systems, software and network equipment?",
            ),
            [
                _opt(
                    "prompt",
                    "重要な更新は公開から原則14日以内に適用し、適用状況を管理している",
                    "Critical updates within 14 days of release as a rule, and we track what is applied",
                    1,
                ),
                _opt("periodic", "月1回など定期的に適用している", "On a regular cycle, such as monthly", 0.5),
                _opt("ad_hoc", "担当者任せで、適用の時期は決まっていない", "Left to individuals, no set timing", 0.25),
                _opt(
                    "none",
                    "更新していない、またはサポートの終了した製品を使っている",
                    "We do not update, or we use products that are out of support",
                    0,
                ),
            ],
            weight=2,
            findings={
                HIGH: (["none"], ("セキュリティ更新を適用していない", "Security updates are not applied")),
                MEDIUM: (["ad_hoc"], ("セキュリティ更新の適用が不定期", "Security updates applied irregularly")),
            },
        ),
        _yn(
            "access_logs",
            (
                "受託データへのアクセスや操作の記録（ログ）を取得・保存し、定期的に確認していますか。",
                "Do you record and keep logs of access to and operations on our data, and review them regularly?",
            ),
            weight=2,
            no=MEDIUM,
            finding=("アクセスログの取得・確認をしていない", "Access logs are not kept or reviewed"),
        ),
        _yn(
            "leak_prevention",
            (
                "USBメモリ等への書き出しの制限やメールの誤送信対策など、情報の持ち出し・漏えいを防ぐ仕組みが"
                "ありますか。",
                "Do you have controls against data leaving by mistake or on purpose, such as limits on copying to "
                "USB drives and checks against mis-sent e-mail?",
            ),
            no=MEDIUM,
            finding=("情報の持ち出し・漏えい防止策がない", "No controls against data leakage"),
        ),
        _choice(
            "backups",
            (
                "受託データを扱うシステムのバックアップについて、当てはまるものを選んでください。",
                "Which best describes the backups of the systems that would hold our data?",
            ),
            [
                _opt(
                    "tested",
                    "定期的に取得し、復元テストも行っている",
                    "Taken regularly, and restores are tested",
                    1,
                ),
                _opt(
                    "untested",
                    "定期的に取得しているが、復元テストは行っていない",
                    "Taken regularly, but restores are not tested",
                    0.5,
                ),
                _opt("none", "取得していない", "No backups", 0),
            ],
            weight=2,
            help=(
                "ランサムウェアに備え、バックアップの一部はネットワークから切り離して保管することをお勧めします。",
                "Against ransomware we recommend keeping at least one copy offline.",
            ),
            findings={
                HIGH: (["none"], ("バックアップを取得していない", "No backups")),
                LOW: (["untested"], ("バックアップの復元テストをしていない", "Backup restores are not tested")),
            },
        ),
        _q(
            "last_vulnerability_assessment",
            DATE,
            (
                "外部の専門事業者による脆弱性診断（ペネトレーションテストを含む）を直近で受けた日をご記入ください。",
                "When did an outside specialist last test your systems for vulnerabilities (penetration tests "
                "included)?",
            ),
            help=("受けたことがない場合は空欄のままにしてください。", "Leave this empty if you never have."),
            required=False,
        ),
    ]
    subcontracting = [
        _choice(
            "reentrustment",
            (
                "受託業務の全部または一部を再委託する予定はありますか。",
                "Do you plan to subcontract all or part of the entrusted work?",
            ),
            [
                _opt("none", "再委託しない", "No"),
                _opt("identified", "再委託する（再委託先は決まっている）", "Yes, to a subcontractor already chosen"),
                _opt("undecided", "再委託する可能性がある（再委託先は未定）", "Possibly; no subcontractor chosen yet"),
            ],
            findings={MEDIUM: (["undecided"], ("再委託先が未定", "Subcontractor not yet identified"))},
        ),
        _yn(
            "reentrustment_approval",
            (
                "再委託する場合、事前に当社の承認を得たうえで、再委託先にも貴社と同等の安全管理措置を義務付け、"
                "監督しますか。",
                "If you subcontract, will you get our approval first, require the subcontractor to take safeguards "
                "equal to yours, and supervise it?",
            ),
            weight=3,
            no=HIGH,
            finding=("再委託に当社の事前承認を得ない", "Subcontracting without our prior approval"),
            help=(
                "再委託しない場合は「該当しない」を選んでください。",
                "Choose “Not applicable” if you do not subcontract.",
            ),
        ),
        _q(
            "subcontractor_details",
            TEXT,
            (
                "再委託先の名称・所在地と、再委託する業務の内容をご記入ください。",
                "Please give each subcontractor's name and location and the work it would do.",
            ),
            required=False,
        ),
    ]
    location = [
        _q(
            "storage_location",
            TEXT,
            (
                "受託データを保管する場所（自社拠点、データセンター、クラウドサービスの名称とリージョンなど）を"
                "ご記入ください。",
                "Where would our data be stored? Please name your sites, data centres, or cloud services and "
                "their regions.",
            ),
        ),
        _q(
            "foreign_storage",
            YES_NO_NA,
            (
                "受託データを外国で保管し、または外国からアクセス（保守・サポートを含む）することはありますか。",
                "Would our data be stored abroad, or accessed from abroad (maintenance and support included)?",
            ),
            options=[_opt("yes", "はい", "Yes"), _opt("no", "いいえ", "No")],
            findings={LOW: (["yes"], ("外国での取扱いあり", "Data handled abroad"))},
        ),
        _q(
            "foreign_countries",
            TEXT,
            (
                "「はい」の場合、国・地域名と、その国で行う取扱い（保管、保守、サポートなど）をご記入ください。",
                "If yes, name the countries or regions and what is done there (storage, maintenance, support...).",
            ),
            required=False,
        ),
        _yn(
            "foreign_regime",
            (
                "外国で取り扱う場合、その国の個人情報保護制度を把握し、それを踏まえた安全管理措置を講じていますか。",
                "If data is handled abroad, do you know that country's data-protection regime and have you taken "
                "safeguards with it in mind?",
            ),
            weight=2,
            no=HIGH,
            finding=("外国の制度を踏まえた措置がない", "Foreign data-protection regime not taken into account"),
            help=(
                "国内でのみ取り扱う場合は「該当しない」を選んでください。",
                "Choose “Not applicable” if data stays in Japan.",
            ),
        ),
    ]
    return {
        "title": _t(("委託先選定時セキュリティ審査", "Vendor selection security review")),
        "description": _t(
            (
                "個人データの取扱いを委託する前に、委託先候補の安全管理措置が当社の求める水準にあるかを確認する"
                "ための質問票です。個人情報保護委員会のガイドライン（通則編）が示す安全管理措置の区分に沿って"
                "構成しています。受託予定の業務で実際に運用している内容に基づいてご回答ください。",
                "This questionnaire checks, before any personal data is entrusted, that a prospective contractor's "
                "safeguards meet our standard. It follows the categories of safeguards in the Personal Information "
                "Protection Commission's general guidelines. Please answer for the way the work we would entrust "
                "to you is actually run.",
            )
        ),
        "scoring": ScoringMethod.weighted_percent,
        "bands": [
            _band(80, "acceptable", "適合", "Acceptable"),
            _band(60, "conditional", "条件付き適合（改善を条件に選定可）", "Conditional (improvements required)"),
            _band(0, "insufficient", "不十分", "Insufficient"),
        ],
        "sections": [
            _section(
                "certifications", ("第三者認証・外部評価", "Certifications"), [certifications, certificate_copies]
            ),
            _section("basic_policy", ("基本方針", "Basic policy"), basic_policy),
            _section("handling_rules", ("個人データの取扱規程", "Rules for handling personal data"), handling_rules),
            _section("organisational", ("組織的安全管理措置", "Organisational measures"), organisational),
            _section("incident_response", ("事故対応体制", "Incident response"), incident_response),
            _section("human", ("人的安全管理措置", "Staff measures"), human),
            _section("physical", ("物理的安全管理措置", "Physical measures"), physical),
            _section("technical", ("技術的安全管理措置", "Technical measures"), technical),
            _section("subcontracting", ("再委託", "Subcontracting"), subcontracting),
            _section(
                "location",
                ("保管場所と外的環境の把握", "Storage location and foreign environment"),
                location,
                description=(
                    "外国で個人データを取り扱う場合は、その国の制度を把握したうえで安全管理措置を講じる必要があります。",
                    "Where personal data is handled abroad, safeguards must take that country's rules into account.",
                ),
            ),
        ],
    }


# --- 2. periodic audit -------------------------------------------------------------------------------------


def periodic_audit() -> Data:
    overview = [
        _q(
            "period_summary",
            TEXT,
            (
                "対象期間中の受託業務の状況（取り扱った個人データの種類と件数の概数、業務内容の変更など）を"
                "ご記入ください。",
                "Please summarise the entrusted work in the period: the kinds and approximate number of records "
                "handled, and any change in the work.",
            ),
        ),
        _q(
            "evidence",
            FILE,
            (
                "裏付けとなる資料（教育の受講記録、アクセス権の棚卸し結果、ログ確認の記録、削除・廃棄証明書など）"
                "を添付してください。",
                "Please attach supporting evidence, such as training records, access-review results, log-review "
                "records and deletion certificates.",
            ),
            required=False,
        ),
    ]
    confidentiality = [
        _yn(
            "confidentiality_kept",
            (
                "受託データに関わる従業者全員が秘密保持義務を負っており、対象期間中に新たに従事した者からも"
                "誓約を取得していますか。",
                "Is everyone who works with our data bound to confidentiality, including people who started "
                "during the period?",
            ),
            weight=2,
            no=HIGH,
            finding=("従事者の秘密保持義務に漏れがある", "Not all staff are bound to confidentiality"),
        ),
        _yn(
            "purpose_only",
            (
                "受託データを、契約で定めた委託業務の目的にのみ利用していますか。",
                "Has our data been used only for the purposes of the entrusted work set out in the contract?",
            ),
            weight=3,
            no=CRITICAL,
            finding=("受託データの目的外利用", "Our data was used for other purposes"),
        ),
        _yn(
            "no_taking_out",
            (
                "受託データの持ち出し（記録媒体・書類・端末による社外への持ち出し、私用アドレスへの送信など）を"
                "契約で認められた範囲に限り、その記録を残していますか。",
                "Has our data left your premises and systems only as far as the contract allows (on media, paper "
                "or devices, or by sending it to private addresses), and is every such case recorded?",
            ),
            weight=2,
            no=HIGH,
            finding=("契約の範囲を超えた持ち出し・記録なし", "Data taken out beyond the contract or unrecorded"),
        ),
    ]
    reentrustment = [
        _yn(
            "reentrustment_approved",
            (
                "対象期間中の再委託は、すべて当社の事前承認を得たものですか。",
                "Has every subcontracting arrangement in the period had our prior approval?",
            ),
            weight=3,
            no=CRITICAL,
            finding=("承認のない再委託", "Subcontracting without our approval"),
            help=(
                "再委託していない場合は「該当しない」を選んでください。",
                "Choose “Not applicable” if you do not subcontract.",
            ),
        ),
        _yn(
            "reentrustment_supervised",
            (
                "対象期間中に、再委託先の安全管理措置の実施状況を確認しましたか。",
                "Did you check during the period how your subcontractors apply their safeguards?",
            ),
            weight=2,
            no=HIGH,
            finding=("再委託先を監督していない", "Subcontractors are not supervised"),
            help=(
                "再委託していない場合は「該当しない」を選んでください。",
                "Choose “Not applicable” if you do not subcontract.",
            ),
        ),
        _q(
            "subcontractor_changes",
            TEXT,
            (
                "対象期間中に再委託先の追加・変更・終了があれば、その内容をご記入ください。",
                "Please describe any subcontractor added, changed or ended during the period.",
            ),
            required=False,
        ),
    ]
    incidents = [
        _choice(
            "incidents_in_period",
            (
                "対象期間中に、受託データの漏えい等またはそのおそれのある事態が発生しましたか。",
                "During the period, was there a leak or suspected leak of our data, or anything similar?",
            ),
            [
                _opt("none", "発生していない", "No", 1),
                _opt(
                    "reported",
                    "発生し、契約どおり当社へ報告済み",
                    "Yes, and it was reported to us as the contract requires",
                    1,
                ),
                _opt("not_reported", "発生したが、当社へ報告していない", "Yes, but it has not been reported to us", 0),
            ],
            weight=3,
            findings={
                CRITICAL: (["not_reported"], ("事故を当社へ報告していない", "Incident not reported to us")),
                LOW: (["reported"], ("対象期間中に事故あり（報告済み）", "Incident in the period (reported)")),
            },
        ),
        _q(
            "incident_summary",
            TEXT,
            (
                "発生した場合は、日時、内容、影響の範囲、原因、再発防止策をご記入ください。",
                "If so, please describe when it happened, what happened, whom it affected, its cause and the "
                "measures taken against recurrence.",
            ),
            required=False,
        ),
        _yn(
            "emergency_contact_current",
            (
                "緊急連絡先と報告体制（24時間365日連絡が取れる手段を含む）は最新の状態に保たれていますか。",
                "Are your emergency contacts and reporting chain, including the round-the-clock contact, up to date?",
            ),
            no=MEDIUM,
            finding=("緊急連絡先・報告体制が最新でない", "Emergency contacts are out of date"),
        ),
    ]
    disposal = [
        _yn(
            "deleted_when_done",
            (
                "不要になった受託データや保存期間を過ぎたデータを、契約どおり速やかに削除・廃棄していますか。",
                "Is data that is no longer needed, or past its retention period, deleted or destroyed promptly as "
                "the contract requires?",
            ),
            weight=2,
            no=MEDIUM,
            finding=("不要データが削除・廃棄されていない", "Data kept beyond need"),
        ),
        _yn(
            "disposal_certificates",
            (
                "削除・廃棄を行った場合、日時・対象・方法・実施者を記した削除・廃棄証明書を当社に提出していますか。",
                "When data is deleted or destroyed, do you send us a certificate stating when, what, how and by whom?",
            ),
            weight=2,
            no=MEDIUM,
            finding=("削除・廃棄証明書が提出されていない", "No deletion or disposal certificate"),
            help=(
                "対象期間中に削除・廃棄がなかった場合は「該当しない」を選んでください。",
                "Choose “Not applicable” if nothing was deleted.",
            ),
        ),
    ]
    staff = [
        _yn(
            "handler_list_current",
            (
                "受託データを取り扱う従業者の名簿を最新の状態に保ち、当社へ届け出ていますか。",
                "Is the list of staff who handle our data kept up to date and shared with us?",
            ),
            weight=2,
            no=MEDIUM,
            finding=("取扱者名簿が最新でない", "List of data handlers is out of date"),
        ),
        _yn(
            "training_in_period",
            (
                "対象期間中に、受託データを取り扱う従業者へ個人情報保護・情報セキュリティの教育を行いましたか。",
                "During the period, did the staff who handle our data receive data-protection and security training?",
            ),
            weight=2,
            no=MEDIUM,
            finding=("対象期間中に従業者教育を行っていない", "No staff training in the period"),
        ),
    ]
    access = [
        _yn(
            "joiners_leavers",
            (
                "従業者の入社・異動・退職に伴うアクセス権の付与・削除を、遅滞なく行い、記録していますか。",
                "Are access rights granted and removed without delay, and recorded, when staff join, move or leave?",
            ),
            weight=3,
            no=HIGH,
            finding=("入退社時のアクセス権変更が遅れている", "Access rights not updated when staff join or leave"),
        ),
        _yn(
            "access_review_done",
            (
                "対象期間中にアクセス権の棚卸しを行い、不要な権限が残っていないことを確認しましたか。",
                "During the period, did you review all access rights and confirm that none remain unneeded?",
            ),
            weight=2,
            no=MEDIUM,
            finding=("アクセス権の棚卸しをしていない", "Access rights were not reviewed"),
        ),
        _yn(
            "logs_reviewed",
            (
                "受託データへのアクセスログ・操作ログを定期的に確認し、不審な操作がないことを確かめていますか。",
                "Do you review the access and operation logs for our data regularly and check for anything suspicious?",
            ),
            weight=2,
            no=MEDIUM,
            finding=("アクセスログを確認していない", "Access logs are not reviewed"),
        ),
    ]
    reporting = [
        _yn(
            "compliance_reports",
            (
                "契約で定めた遵守状況の報告（月次報告など）を、期限どおり当社へ提出していますか。",
                "Have the compliance reports the contract requires (such as monthly reports) reached us on time?",
            ),
            weight=2,
            no=MEDIUM,
            finding=("遵守状況の報告が提出されていない", "Compliance reports are missing or late"),
        ),
        _yn(
            "changes_consulted",
            (
                "安全管理措置（システム、保管場所、体制など）を変更する前に、当社へ事前に相談しましたか。",
                "Did you consult us before changing your safeguards (systems, storage location, organisation...)?",
            ),
            weight=2,
            no=MEDIUM,
            finding=("安全管理措置の変更を事前に相談していない", "Safeguards changed without consulting us"),
            help=(
                "対象期間中に変更がなかった場合は「該当しない」を選んでください。",
                "Choose “Not applicable” if nothing changed.",
            ),
        ),
        _yn(
            "inspection_accepted",
            (
                "当社による実地調査（またはリモートでの調査）を受け入れ、求めた資料を提出できますか。",
                "Will you accept our on-site (or remote) inspection and provide the documents we ask for?",
            ),
            weight=2,
            no=HIGH,
            finding=("実地調査・資料提出に応じない", "Inspection or documents refused"),
        ),
        _yn(
            "previous_actions_closed",
            (
                "前回の監査で指摘された事項の是正を完了していますか。",
                "Have the issues raised at the last audit been put right?",
            ),
            weight=2,
            no=MEDIUM,
            finding=("前回監査の指摘事項が未是正", "Issues from the last audit still open"),
            help=("初回の監査の場合は「該当しない」を選んでください。", "Choose “Not applicable” for a first audit."),
        ),
        _q(
            "remarks",
            TEXT,
            (
                "そのほか当社へ報告すべき事項があればご記入ください。",
                "Anything else you should tell us?",
            ),
            required=False,
        ),
    ]
    return {
        "title": _t(("定期監査チェックリスト", "Periodic audit checklist")),
        "description": _t(
            (
                "委託契約で定めた安全管理措置が守られているかを、定期的に確認するためのチェックリストです。"
                "書面・実地・リモートのいずれの監査でも使えます。対象期間（前回の監査以降）の実績に基づいて"
                "ご回答ください。",
                "A checklist for confirming, at regular intervals, that the safeguards agreed in the contract are "
                "kept. It serves for document reviews, on-site visits and remote audits alike. Please answer for "
                "the period since the last audit.",
            )
        ),
        "scoring": ScoringMethod.weighted_percent,
        "bands": [
            _band(80, "satisfactory", "良好", "Satisfactory"),
            _band(60, "needs_improvement", "要改善", "Needs improvement"),
            _band(0, "unsatisfactory", "不適合", "Unsatisfactory"),
        ],
        "sections": [
            _section("overview", ("対象期間の概要", "The period at a glance"), overview),
            _section("confidentiality", ("秘密保持・持出し・目的外利用", "Confidentiality and use"), confidentiality),
            _section("reentrustment", ("再委託", "Subcontracting"), reentrustment),
            _section("incidents", ("事故の発生と報告", "Incidents and reporting"), incidents),
            _section("disposal", ("返却・削除・廃棄", "Return, deletion and disposal"), disposal),
            _section("staff", ("従業者の監督・教育", "Staff supervision and training"), staff),
            _section("access", ("アクセス権とログ", "Access rights and logs"), access),
            _section("reporting", ("報告と監査への協力", "Reporting and cooperation with audits"), reporting),
        ],
    }


# --- 3. small-business self-check --------------------------------------------------------------------------

# (question ja, question en, topic ja, topic en, "not used" label or None); items 1–25 in order.
SelfCheckItem = tuple[str, str, str, str, Bilingual | None]

NOT_USED: Bilingual = (
    "当社では該当する機器・サービスを使っていない",
    "We do not use this kind of equipment or service",
)

SELF_CHECK_PARTS: list[tuple[str, Bilingual, list[SelfCheckItem]]] = [
    (
        "part1",
        ("Part 1 基本的対策", "Part 1: The basics"),
        [
            (
                "パソコンやスマートフォンのOS、業務で使うソフトウェアを、常に最新の状態に更新していますか。",
                "Do you keep the operating systems of PCs and smartphones, and the software you use for work, "
                "up to date?",
                "OS・ソフトウェアの更新",
                "OS and software updates",
                None,
            ),
            (
                "ウイルス対策ソフトを導入し、定義ファイルが自動で更新されるよう設定していますか。",
                "Is anti-virus software installed, with its definitions set to update automatically?",
                "ウイルス対策ソフトの導入",
                "Anti-virus software",
                None,
            ),
            (
                "パスワードは推測されにくい十分な長さのものにし、サービスごとに使い分けていますか。",
                "Are passwords long and hard to guess, and different for each service?",
                "推測されにくいパスワード",
                "Strong passwords",
                None,
            ),
            (
                "共有フォルダ、ネットワーク対応の複合機・NAS、クラウドストレージなどの共有設定を、必要な人だけが"
                "使える範囲に絞っていますか。",
                "Are sharing settings on shared folders, networked printers and NAS devices, and cloud storage "
                "limited to the people who need them?",
                "共有設定の見直し",
                "Sharing settings",
                NOT_USED,
            ),
            (
                "新しい脅威や攻撃の手口について情報を集め、社内で共有していますか。",
                "Do you keep informed about new threats and attack methods, and share what you learn in the company?",
                "脅威・攻撃手口の把握",
                "Keeping up with threats",
                None,
            ),
        ],
    ),
    (
        "part2",
        ("Part 2 従業員としての対策", "Part 2: What every employee does"),
        [
            (
                "受信したメールの添付ファイルや本文中のURLを不用意に開かないよう、注意を徹底していますか。",
                "Do staff take care not to open e-mail attachments, or links in e-mail text, without thinking?",
                "不審なメールへの注意",
                "Suspicious e-mail",
                None,
            ),
            (
                "送信前に宛先を確かめるなど、メールやFAXの誤送信を防ぐ工夫をしていますか。",
                "Do you guard against sending e-mail or faxes to the wrong recipient, for example by checking the "
                "address before sending?",
                "メール・FAXの誤送信対策",
                "Mis-sent e-mail and fax",
                None,
            ),
            (
                "重要な情報をメールで送るときは本文に直接書かず、暗号化やパスワードで保護したファイル、"
                "アクセス制限付きの共有リンクなどを使っていますか。",
                "When you send important information by e-mail, do you keep it out of the message body and use a "
                "protected file or an access-restricted sharing link instead?",
                "メール送信時の重要情報の保護",
                "Protecting important information sent by e-mail",
                None,
            ),
            (
                "無線LAN（Wi-Fi）に、推測されにくいパスワードと適切な暗号化方式（WPA2・WPA3など）を設定していますか。",
                "Is your Wi-Fi protected by a hard-to-guess password and proper encryption, such as WPA2 or WPA3?",
                "無線LANの安全な設定",
                "Secure Wi-Fi",
                ("無線LANを使っていない", "We do not use Wi-Fi"),
            ),
            (
                "インターネット上の不正なサイトからのウイルス感染や、SNSへの書き込みによるトラブルを防ぐルールや"
                "対策がありますか。",
                "Do you have rules or measures against malware from malicious websites, and against trouble caused "
                "by posts on social media?",
                "Web閲覧・SNS利用時の注意",
                "Web browsing and social media",
                None,
            ),
            (
                "ウイルス感染や故障、誤操作で重要な情報が失われないよう、定期的にバックアップを取っていますか。",
                "Do you back up important information regularly, so that malware, breakdowns or mistakes cannot "
                "destroy it?",
                "バックアップ",
                "Backups",
                None,
            ),
            (
                "重要な書類や記録媒体を机の上に放置せず、書庫などに安全に保管していますか。",
                "Are important papers and storage media put away safely rather than left on desks?",
                "書類・媒体の保管",
                "Storing papers and media",
                None,
            ),
            (
                "重要な情報が入った書類や記録媒体、パソコンを社外に持ち出すとき、盗難や紛失を防ぐ対策をとって"
                "いますか。",
                "When papers, storage media or laptops holding important information leave the office, are they "
                "protected against theft and loss?",
                "持ち出し時の盗難・紛失対策",
                "Taking information out of the office",
                ("重要な情報を社外に持ち出すことはない", "Important information never leaves the office"),
            ),
            (
                "席を離れるときはパソコンの画面をロックするなど、のぞき見や他人による操作を防いでいますか。",
                "Do staff lock their screens when they leave their desks, so no one else can read or use their PC?",
                "離席時の画面ロック",
                "Screen lock",
                None,
            ),
            (
                "受付や施錠などにより、関係者以外が事務所に立ち入れないようにしていますか。",
                "Do you keep unauthorised people out of the office, for example with a reception desk or locked doors?",
                "事務所への立入り制限",
                "Office access",
                None,
            ),
            (
                "退社時には、ノートパソコンや備品を施錠できる場所にしまっていますか。",
                "At the end of the day, are laptops and other equipment locked away?",
                "退社時の機器の施錠保管",
                "Locking equipment away",
                None,
            ),
            (
                "最後に退室する人が施錠を確かめるなど、事務所の鍵のかけ忘れを防ぐ仕組みがありますか。",
                "Is there a way to make sure the office is never left unlocked, such as the last person out "
                "checking the doors?",
                "事務所の施錠確認",
                "Locking the office",
                None,
            ),
            (
                "重要な情報を含む書類や記録媒体を捨てるときは、シュレッダーやデータ消去ソフトなどで復元できない"
                "ようにしていますか。",
                "When papers or media holding important information are thrown away, are they made unrecoverable, "
                "for example with a shredder or data-erasure software?",
                "書類・媒体の確実な廃棄",
                "Secure disposal",
                None,
            ),
        ],
    ),
    (
        "part3",
        ("Part 3 組織としての対策", "Part 3: What the company does"),
        [
            (
                "従業員は、誓約書や就業規則などにより、業務上知り得た情報の守秘義務を理解し、守っていますか。",
                "Do employees understand and keep their duty of confidentiality about what they learn at work, "
                "for example through a signed pledge or the work rules?",
                "守秘義務の理解と遵守",
                "Confidentiality duty",
                None,
            ),
            (
                "従業員に対して、情報セキュリティに関する教育や注意喚起を行っていますか。",
                "Do you give employees security training and regular reminders?",
                "従業員への教育・注意喚起",
                "Staff training and reminders",
                None,
            ),
            (
                "個人所有のパソコンやスマートフォンを業務に使う場合のルールを定めていますか。",
                "Do you have rules for using personally owned PCs and smartphones for work?",
                "私物端末の業務利用ルール",
                "Personal devices at work",
                ("私物の端末を業務に使うことはない", "Personal devices are never used for work"),
            ),
            (
                "重要な情報をやり取りする取引先との契約に、秘密保持に関する条項を入れていますか。",
                "Do contracts with business partners you exchange important information with include "
                "confidentiality clauses?",
                "取引先との秘密保持契約",
                "Confidentiality with business partners",
                None,
            ),
            (
                "クラウドサービスやWebサイトの運用委託など外部のサービスを使うとき、その安全性や信頼性を確かめた"
                "うえで選んでいますか。",
                "When you use outside services, such as cloud services or website hosting, do you check their "
                "security and reliability before choosing them?",
                "外部サービスの安全性の確認",
                "Choosing outside services",
                ("外部のサービスを使っていない", "We do not use outside services"),
            ),
            (
                "情報セキュリティ事故が起きた場合に備えて、連絡体制や対応の手順を決めていますか。",
                "Have you decided in advance whom to contact and what to do if a security incident happens?",
                "事故発生時の対応体制",
                "Incident preparedness",
                None,
            ),
            (
                "ここまでの対策を情報セキュリティのルールとして文書にまとめ、従業員に周知していますか。",
                "Are the measures above written down as your security rules and made known to every employee?",
                "ルールの文書化と周知",
                "Written security rules",
                None,
            ),
        ],
    ),
]

# Items whose "not implemented" is a high-severity finding: the five basics, backups and incident preparedness.
SELF_CHECK_HIGH = frozenset({1, 2, 3, 4, 5, 11, 24})


def _self_check_question(number: int, item: SelfCheckItem) -> Data:
    text_ja, text_en, topic_ja, topic_en, not_used = item
    options = [
        _opt("implemented", "実施している", "Implemented", 4),
        _opt("partly", "一部実施している", "Partly implemented", 2),
        _opt("not_implemented", "実施していない", "Not implemented", 0),
        _opt("unknown", "わからない", "Don't know", -1),
    ]
    if not_used:
        options.append(_opt("not_used", *not_used, 4))
    severity = HIGH if number in SELF_CHECK_HIGH else MEDIUM
    return _choice(
        f"item{number:02d}",
        (text_ja, text_en),
        options,
        findings={
            severity: (["not_implemented"], (f"未実施：{topic_ja}", f"Not implemented: {topic_en}")),
            LOW: (["unknown"], (f"実施状況が不明：{topic_ja}", f"Status unknown: {topic_en}")),
        },
    )


def sme_self_check() -> Data:
    sections = []
    number = 0
    for key, title, items in SELF_CHECK_PARTS:
        questions = []
        for item in items:
            number += 1
            questions.append(_self_check_question(number, item))
        sections.append(_section(key, title, questions))
    return {
        "title": _t(("中小企業向け 25項目 情報セキュリティ自己点検", "25-topic small-business security self-check")),
        "description": _t(
            (
                "IPAの「5分でできる！情報セキュリティ自社診断」と同じ25の観点と配点で、中小規模の委託先が自社の対策"
                "状況を確かめるための点検表です（設問はItaku独自の表現です）。各項目は「実施している」4点、"
                "「一部実施している」2点、「実施していない」0点、「わからない」−1点で、満点は100点です。"
                "該当する機器・サービスを使っていない項目は4点として数えます。",
                "A self-check for small contractors covering the same 25 topics and points as IPA's five-minute "
                "security self-assessment, in Itaku's own words. Each item scores 4 when implemented, 2 when partly "
                "implemented, 0 when not implemented and −1 when you don't know; 100 is the best score. An item about "
                "equipment or services you do not use counts as 4.",
            )
        ),
        "scoring": ScoringMethod.points_sum,
        "bands": [
            _band(100, "achieved", "基本的な対策ができている", "Basic measures in place"),
            _band(70, "mostly", "おおむね対策済みだが、弱点が残る", "Mostly in place, some weak spots remain"),
            _band(50, "gaps", "対策に目立った不足がある", "Noticeable gaps"),
            _band(-1000, "at_risk", "いつ事故が起きてもおかしくない状態", "An incident could happen at any time"),
        ],
        "sections": sections,
    }


# --- the registry ------------------------------------------------------------------------------------------


def build() -> dict[str, Definition]:
    """Every built-in template, validated; a mistake here fails at import, not in front of a vendor."""
    return {
        "selection-review": Definition.model_validate(selection_review()),
        "periodic-audit": Definition.model_validate(periodic_audit()),
        "sme-self-check": Definition.model_validate(sme_self_check()),
    }


BUILTIN: dict[str, Definition] = build()
