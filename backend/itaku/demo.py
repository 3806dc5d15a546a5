"""Demo data for `make run`: an organisation whose people and history tell the product's story.

Later features extend `load` with vendors, contracts, assessments and incidents.
"""

import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from itaku.api_keys import service as api_key_service
from itaku.assessments import answering as assessment_answering
from itaku.assessments import findings as assessment_findings
from itaku.assessments import review as assessment_review
from itaku.assessments import service as assessment_service
from itaku.assessments import templates as assessment_templates
from itaku.auth import registration as auth_registration
from itaku.core.config import Settings
from itaku.core.mail import Mailer
from itaku.core.security import Passwords
from itaku.identity.principals import Role, StaffUser
from itaku.organizations import service as organization_service
from itaku.portal import service as portal_service
from itaku.users import service as user_service
from itaku.users.schemas import MemberInvite
from itaku.vendors import records as vendor_records
from itaku.vendors import service as vendor_service
from itaku.vendors import subcontracting as vendor_subcontracting
from itaku.vendors.models import ApprovalStatus
from itaku.vendors.schemas import CertificationCreate, ContactCreate, ProcessingCreate, SubcontractCreate, VendorCreate

DEMO_ORGANIZATION = "さくら商事株式会社"
DEMO_ADMIN_EMAIL = "admin@demo.itaku.example"
DEMO_PASSWORD = "itaku-demo-2026"


@dataclass(frozen=True)
class DemoLogin:
    email: str
    password: str
    created: bool


async def load(session: AsyncSession, settings: Settings, passwords: Passwords) -> DemoLogin:
    """Idempotent: does nothing when the demo administrator already exists."""
    if await user_service.user_by_email(session, DEMO_ADMIN_EMAIL):
        return DemoLogin(DEMO_ADMIN_EMAIL, DEMO_PASSWORD, created=False)
    org, founder = await auth_registration.create_organization(
        session,
        organization_name=DEMO_ORGANIZATION,
        email=DEMO_ADMIN_EMAIL,
        name="情報管理 花子",
        password_hash=await passwords.hash(DEMO_PASSWORD),
    )
    admin = StaffUser(founder.id, org.id, Role.admin, founder.email, founder.name)
    mailer = Mailer(settings.model_copy(update={"smtp_host": ""}))
    for email, name, role in (
        ("risk.manager@demo.itaku.example", "リスク管理 太郎", Role.manager),
        ("procurement@demo.itaku.example", "購買 次郎", Role.manager),
        ("internal.audit@demo.itaku.example", "内部監査 三郎", Role.viewer),
    ):
        _, url = await user_service.invite(
            session, admin, MemberInvite(email=email, name=name, role=role), settings=settings, mailer=mailer
        )
        token = url.split("token=", 1)[1]
        await user_service.accept_invitation(
            session, token, password=DEMO_PASSWORD, name=None, otp=None, passwords=passwords
        )
    # Invited by the administrator and not yet answered: the list shows only what was typed.
    await user_service.invite(
        session,
        admin,
        MemberInvite(email="legal.counsel@demo.itaku.example", name="法務 顧問", role=Role.viewer),
        settings=settings,
        mailer=mailer,
    )
    await api_key_service.create(session, admin, name="人事システム連携 (HR system)", scopes=["read"])
    await api_key_service.create(session, admin, name="調達システム連携 (procurement)", scopes=["read", "write"])
    vendors = await load_vendors(session, admin)
    await load_assessments(session, admin, vendors, settings)
    await load_contracts(session, admin, vendors)
    await load_incidents(session, admin, vendors)
    await load_monitoring(session, admin, vendors)
    await load_jobs(session, admin)
    return DemoLogin(DEMO_ADMIN_EMAIL, DEMO_PASSWORD, created=True)


async def load_vendors(session: AsyncSession, admin: StaffUser) -> dict[str, uuid.UUID]:
    """A register with the contractors a mid-sized Japanese company really has."""
    today = date.today()
    ids: dict[str, uuid.UUID] = {}

    async def vendor(
        key: str,
        body: dict[str, Any],
        processing: list[dict[str, Any]],
        contacts: list[dict[str, Any]],
        certs: list[dict[str, Any]],
    ) -> None:
        v = await vendor_service.create_vendor(session, admin, VendorCreate.model_validate(body))
        ids[key] = v.id
        for p in processing:
            await vendor_records.add_processing(session, admin, v.id, ProcessingCreate.model_validate(p))
        for c in contacts:
            await vendor_records.add_contact(session, admin, v.id, ContactCreate.model_validate(c))
        for c in certs:
            await vendor_records.add_certification(session, admin, v.id, CertificationCreate.model_validate(c))

    await vendor(
        "payroll",
        {
            "name": "みなと給与クラウド株式会社",
            "name_kana": "ミナトキュウヨクラウド",
            "corporate_number": "7000012050002",
            "address": "東京都港区芝公園1-2-3",
            "website": "https://payroll.example.jp",
            "status": "active",
            "owner_user_id": admin.user_id,
            "handles_confidential_info": True,
            "critical_to_continuity": True,
            "notes": "給与計算と年末調整を委託。マイナンバーを含む。",
        },
        [
            {
                "service": "給与計算・年末調整",
                "data_categories": ["ordinary", "my_number", "financial"],
                "persons_estimate": 1200,
                "access_type": "remote",
                "storage_country": "JP",
                "storage_type": "cloud",
                "cloud_provider": "国内IaaS（東京リージョン）",
                "retention": "退職後7年",
            }
        ],
        [
            {
                "name": "情報セキュリティ室 山田",
                "email": "security@payroll.example.jp",
                "phone": "03-5555-0101",
                "role": "security_officer",
            },
            {
                "name": "24時間障害窓口",
                "email": "soc@payroll.example.jp",
                "phone": "0120-000-111",
                "role": "incident_contact",
            },
        ],
        [
            {
                "kind": "iso27001",
                "number": "IS 123456",
                "scope": "給与計算クラウドサービスの提供",
                "issued_date": str(today - timedelta(days=700)),
                "expiry_date": str(today + timedelta(days=395)),
            },
            {
                "kind": "privacy_mark",
                "number": "10820001(05)",
                "issued_date": str(today - timedelta(days=660)),
                "expiry_date": str(today + timedelta(days=70)),
            },
        ],
    )
    await vendor(
        "call_centre",
        {
            "name": "北斗コンタクトセンター株式会社",
            "name_kana": "ホクトコンタクトセンター",
            "address": "札幌市中央区北1条西2-1",
            "status": "active",
            "network_access": True,
        },
        [
            {
                "service": "お客様相談窓口の運営",
                "data_categories": ["ordinary", "financial"],
                "persons_estimate": 85000,
                "access_type": "privileged",
                "storage_country": "JP",
                "storage_type": "on_premises",
                "retention": "通話録音は1年",
            }
        ],
        [{"name": "営業担当 佐藤", "email": "sato@hokuto-cc.example.jp", "role": "account_manager"}],
        [{"kind": "privacy_mark", "number": "17000999(03)", "expiry_date": str(today - timedelta(days=20))}],
    )
    await vendor(
        "album",
        {
            "name": "さくら卒業アルバム制作株式会社",
            "name_kana": "サクラソツギョウアルバムセイサク",
            "address": "仙台市青葉区本町3-4",
            "status": "active",
        },
        [
            {
                "service": "社員家族向け記念アルバムの制作",
                "data_categories": ["ordinary", "children"],
                "persons_estimate": 3200,
                "access_type": "remote",
                "storage_type": "cloud",
            }
        ],
        [
            {
                "name": "制作部 鈴木",
                "email": "suzuki@sakura-album.example.jp",
                "phone": "022-000-0000",
                "role": "incident_contact",
            }
        ],
        [{"kind": "security_action_2"}],
    )
    await vendor(
        "printer",
        {"name": "東北オフセット印刷株式会社", "name_kana": "トウホクオフセットインサツ", "status": "active"},
        [
            {
                "service": "アルバムの印刷（再委託）",
                "data_categories": ["ordinary", "children"],
                "persons_estimate": 3200,
                "access_type": "on_site",
                "storage_type": "on_premises",
            }
        ],
        [],
        [],
    )
    await vendor(
        "logistics",
        {
            "name": "ひかり物流株式会社",
            "name_kana": "ヒカリブツリュウ",
            "address": "埼玉県川口市本町5-6",
            "status": "active",
        },
        [
            {
                "service": "通販商品の配送",
                "data_categories": ["ordinary"],
                "persons_estimate": 40000,
                "access_type": "remote",
            }
        ],
        [{"name": "配送管理課", "email": "ops@hikari-logi.example.jp", "role": "incident_contact"}],
        [{"kind": "iso27001", "expiry_date": str(today + timedelta(days=500))}],
    )
    await vendor(
        "health",
        {"name": "あおば健診センター", "name_kana": "アオバケンシンセンター", "status": "under_review"},
        [
            {
                "service": "定期健康診断の実施と結果管理",
                "data_categories": ["special_care"],
                "persons_estimate": 1150,
                "access_type": "none",
                "storage_type": "paper",
            }
        ],
        [{"name": "健診営業部 高橋", "email": "takahashi@aoba-kenshin.example.jp", "role": "account_manager"}],
        [],
    )
    await vendor(
        "shredder",
        {"name": "クリーン文書廃棄サービス株式会社", "status": "candidate"},
        [
            {
                "service": "紙文書の溶解処理",
                "data_categories": ["ordinary"],
                "persons_estimate": 50,
                "access_type": "none",
                "storage_type": "paper",
            }
        ],
        [],
        [],
    )
    await vendor(
        "crm",
        {"name": "Northwind CRM Inc.", "country": "US", "website": "https://crm.example.com", "status": "approved"},
        [
            {
                "service": "顧客管理SaaS",
                "data_categories": ["ordinary"],
                "persons_estimate": 60000,
                "access_type": "remote",
                "storage_country": "US",
                "storage_type": "cloud",
                "cloud_provider": "US region",
                "foreign_regime_notes": "米国: 連邦レベルの包括的な個人情報保護法はない。州法（CCPA等）を確認済み。",
            }
        ],
        [{"name": "Security Team", "email": "security@crm.example.com", "role": "security_officer"}],
        [{"kind": "soc2", "scope": "SOC 2 Type II", "expiry_date": str(today + timedelta(days=200))}],
    )
    await vendor_subcontracting.add_subcontract(
        session,
        admin,
        ids["album"],
        SubcontractCreate(
            subcontractor_id=ids["printer"],
            work="アルバムの印刷・製本",
            approval_status=ApprovalStatus.approved,
            approval_date=today - timedelta(days=300),
        ),
    )
    await vendor_subcontracting.add_subcontract(
        session,
        admin,
        ids["payroll"],
        SubcontractCreate(
            subcontractor_id=ids["call_centre"],
            work="年末調整の問い合わせ対応",
            approval_status=ApprovalStatus.requested,
        ),
    )
    return ids


DEMO_PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _good_answer(question: Any) -> Any:
    """The answer a well-run vendor gives: the best-scoring option, or one no rule flags."""
    t = question.type.value
    if t in ("yes_no_na", "single_choice", "multiple_choice"):
        flagged = {k for rule in question.findings for k in rule.when}
        scored = [o for o in question.options if o.score is not None and o.key not in flagged]
        best = (
            max(scored, key=lambda o: o.score).key
            if scored
            else next(o.key for o in question.options if o.key not in flagged)
        )
        return [best] if t == "multiple_choice" else best
    return {"text": "社内規程に基づき運用しています。", "number": 8, "date": "2026-06-15"}.get(t)


async def load_assessments(
    session: AsyncSession, admin: StaffUser, vendors: dict[str, uuid.UUID], settings: Settings
) -> None:
    """Assessments at every stage, answered through the portal as a vendor contact would."""
    from itaku.assessments.definition import Definition
    from itaku.assessments.models import AssessmentKind
    from itaku.assessments.schemas import (
        AnswerReview,
        AssessmentCreate,
        AssessmentDecision,
        AssessmentSend,
        FindingUpdate,
    )
    from itaku.core.pagination import PageParams
    from itaku.core.storage import LocalStorage

    today = date.today()
    templates = {
        v.questionnaire.builtin_key: v for v in await assessment_templates.list_questionnaires(session, admin, False)
    }
    mailer = Mailer(settings.model_copy(update={"smtp_host": ""}))
    storage = LocalStorage(settings.upload_dir)
    templates_by_version = {v.id: v.definition for view in templates.values() for v in view.versions}

    async def start(vendor: str, template: str, kind: AssessmentKind, due_in_days: int) -> Any:
        view = await assessment_service.create_assessment(
            session,
            admin,
            AssessmentCreate(
                vendor_id=vendors[vendor],
                questionnaire_id=templates[template].questionnaire.id,
                kind=kind,
                due_date=today + timedelta(days=due_in_days),
            ),
        )
        return view.assessment

    async def answer(vendor: str, a: Any, overrides: dict[str, Any], *, upto: int | None = None) -> Any:
        contact = (await vendor_records.list_children(session, admin, vendor_records.CONTACT, vendors[vendor]))[0]
        _, _, link, _ = await assessment_service.send(
            session, admin, a.id, AssessmentSend(contact_id=contact.id), settings=settings, mailer=mailer
        )
        portal, _ = await portal_service.open_link(
            session, link.split("#token=")[1], session_minutes=settings.portal_session_minutes
        )
        definition = Definition.model_validate(templates_by_version[a.questionnaire_version_id])
        for i, q in enumerate(definition.questions()):
            if upto is not None and i >= upto:
                break
            if q.type.value == "file":
                await assessment_answering.add_evidence(
                    session,
                    portal,
                    a.id,
                    q.key,
                    storage=storage,
                    data=DEMO_PDF,
                    filename=f"{q.key}.pdf",
                    max_bytes=settings.upload_max_bytes,
                )
                continue
            await assessment_answering.save_answer(
                session, portal, a.id, q.key, overrides.get(q.key, _good_answer(q)), None
            )
        return portal

    # The payroll cloud: selected a year ago on a sound review; its 72-hour incident notice is being shortened.
    payroll = await start("payroll", "selection-review", AssessmentKind.selection, -300)
    portal = await answer(
        "payroll", payroll, {"incident_notice": "within_72h", "certifications": ["iso27001", "privacy_mark"]}
    )
    await assessment_answering.submit(session, portal, payroll.id)
    await assessment_review.start_review(session, admin, payroll.id)
    await assessment_review.accept(
        session,
        admin,
        payroll.id,
        AssessmentDecision(version=payroll.version, comment="ISMS・Pマーク取得済み。通知時間のみ改善を依頼。"),
    )
    finding = (
        await assessment_findings.list_findings(
            session, admin, PageParams(1, 10), "-created_at", assessment_id=payroll.id
        )
    ).rows[0]
    await assessment_findings.propose_plan(
        session,
        portal,
        finding.finding.id,
        "次回契約更新（来年4月）で、インシデント通知を24時間以内とする条項に改定します。",
    )
    await assessment_findings.update_finding(
        session,
        admin,
        finding.finding.id,
        FindingUpdate(
            version=finding.finding.version,
            status="in_remediation",
            remediation_plan="契約更新時に通知期限を24時間へ短縮する。",
            due_date=today + timedelta(days=120),
        ),
    )

    # The call centre: this year's audit checklist is in, waiting for review, with two weak answers.
    call = await start("call_centre", "periodic-audit", AssessmentKind.periodic, 7)
    portal = await answer("call_centre", call, {"joiners_leavers": "no", "logs_reviewed": "no"})
    await assessment_answering.submit(session, portal, call.id)

    # The album maker: a small firm working through the 25-topic self-check.
    album = await start("album", "sme-self-check", AssessmentKind.periodic, 5)
    await answer("album", album, {"item09": "partly", "item21": "not_implemented"}, upto=14)

    # The logistics firm: answers returned because two of them contradict the site visit.
    logi = await start("logistics", "selection-review", AssessmentKind.selection, 10)
    portal = await answer("logistics", logi, {"backups": "untested"})
    await assessment_answering.submit(session, portal, logi.id)
    await assessment_review.review_answer(
        session,
        admin,
        logi.id,
        "controlled_area",
        AnswerReview(
            return_comment="訪問時、仕分け場に入退室管理がありませんでした。現状に合わせて回答をご確認ください。"
        ),
    )
    await assessment_review.review_answer(
        session, admin, logi.id, "backups", AnswerReview(reviewer_note="復元テストの計画を次回までに求める")
    )
    logi_row = (await assessment_service.get_view(session, admin, logi.id)).assessment
    await assessment_review.return_to_vendor(
        session,
        admin,
        logi.id,
        AssessmentDecision(version=logi_row.version, comment="1問、訪問結果と異なる回答があります。"),
    )

    # The health-check centre: asked three weeks ago and still silent — overdue.
    health = await start("health", "selection-review", AssessmentKind.selection, -3)
    await answer("health", health, {}, upto=0)

    # The US CRM: next year's review prepared but not sent yet.
    await start("crm", "periodic-audit", AssessmentKind.periodic, 45)


async def load_contracts(session: AsyncSession, admin: StaffUser, vendors: dict[str, uuid.UUID]) -> None:
    """Contracts as companies really have them: a payroll contract strong on paper but with a 72-hour incident
    notice and no My Number approval at every tier, a call-centre contract close to complete, a logistics
    master agreement about to renew, and the album maker with none at all. The organisation adds one requirement
    of its own: the data stays in Japan."""
    from itaku.contracts import service as contract_service
    from itaku.contracts.clauses import Level
    from itaku.contracts.schemas import (
        ClauseInput,
        ContractCreate,
        OrganizationRequirementCreate,
        TextInput,
        WordingInput,
    )

    await contract_service.create_requirement(
        session,
        admin,
        OrganizationRequirementCreate(
            key="org_domestic_storage",
            title=TextInput(ja="国内での保管（海外移転の禁止）", en="Storage in Japan (no transfer abroad)"),
            standard_wording=WordingInput(
                ja=(
                    "受託者は、委託データを日本国内に所在するサーバ及び施設においてのみ保管し、委託者の事前の書面による"
                    "承諾なく、委託データを日本国外に移転し、又は日本国外から閲覧可能な状態に置いてはならない。"
                ),
                en=(
                    "The Contractor shall store Entrusted Data only on servers and premises located in Japan, and "
                    "shall not transfer it abroad or make it accessible from abroad without the Client's prior "
                    "written consent."
                ),
            ),
            level=Level.required,
        ),
    )

    today = date.today()

    def clause(key: str, article: str, **values: Any) -> ClauseInput:
        return ClauseInput(requirement_key=key, values=values, article=article)

    async def processing_ids(vendor: str) -> list[uuid.UUID]:
        rows = await vendor_records.list_children(session, admin, vendor_records.PROCESSING, vendors[vendor])
        return [p.id for p in rows]

    await contract_service.create_contract(
        session,
        admin,
        ContractCreate(
            vendor_id=vendors["payroll"],
            title="給与計算業務委託契約書",
            number="SK-2024-017",
            signed_date=today - timedelta(days=610),
            start_date=today - timedelta(days=600),
            end_date=today + timedelta(days=130),
            auto_renewal=True,
            notice_period_days=90,
            status="active",
            processing_ids=await processing_ids("payroll"),
            clauses=[
                clause(
                    "data_scope",
                    "第2条",
                    data_items="氏名、住所、個人番号、給与・口座情報",
                    purpose="給与計算および年末調整",
                ),
                clause("confidentiality", "第8条"),
                clause("purpose_limitation", "第9条"),
                clause("no_removal", "第10条"),
                clause("staff_supervision", "第11条"),
                clause("subcontracting", "第12条", prior_approval=True, approval_at_every_tier=False),
                clause(
                    "incident_reporting", "第13条", notice_hours=72, to_whom="委託者の情報管理部", content_items=True
                ),
                clause("return_or_disposal", "第15条", end_action="return", disposal_certificate=True),
                clause("termination_and_damages", "第18条"),
            ],
        ),
    )
    await contract_service.create_contract(
        session,
        admin,
        ContractCreate(
            vendor_id=vendors["call_centre"],
            title="コールセンター業務委託契約書",
            number="SK-2025-004",
            signed_date=today - timedelta(days=240),
            start_date=today - timedelta(days=230),
            end_date=today + timedelta(days=500),
            notice_period_days=60,
            status="active",
            processing_ids=await processing_ids("call_centre"),
            clauses=[
                clause(
                    "data_scope", "第2条", data_items="氏名、電話番号、問い合わせ内容", purpose="顧客問い合わせ対応"
                ),
                clause("access_control", "第6条"),
                clause("confidentiality", "第7条"),
                clause("purpose_limitation", "第8条"),
                clause("no_removal", "第9条"),
                clause("staff_supervision", "第10条"),
                clause("subcontracting", "第11条", prior_approval=True),
                clause(
                    "incident_reporting", "第12条", notice_hours=24, to_whom="委託者のリスク管理部", content_items=True
                ),
                clause("compliance_reports", "第13条", report_frequency_per_year=12),
                clause("audit_rights", "第14条", audit_frequency_per_year=1, on_site=True),
                clause("return_or_disposal", "第16条", end_action="dispose", disposal_certificate=True),
                clause("termination_and_damages", "第19条"),
                clause("org_domestic_storage", "第17条"),
            ],
        ),
    )
    await contract_service.create_contract(
        session,
        admin,
        ContractCreate(
            vendor_id=vendors["logistics"],
            title="物流業務基本契約書",
            number="SK-2021-031",
            signed_date=today - timedelta(days=1800),
            start_date=today - timedelta(days=1795),
            end_date=today + timedelta(days=40),
            auto_renewal=True,
            notice_period_days=60,
            status="active",
            processing_ids=await processing_ids("logistics"),
            clauses=[
                clause("confidentiality", "第20条"),
                clause("incident_reporting", "第22条", to_whom="委託者の物流部"),
            ],
        ),
    )


async def load_incidents(session: AsyncSession, admin: StaffUser, vendors: dict[str, uuid.UUID]) -> None:
    """Incidents as they arrive: a ransomware attack at the album maker's printing subcontractor, reported by the
    album maker through the portal two days ago (the preliminary report is due soon); a suspected unauthorised
    access at the payroll cloud ten days ago, My Number data included, its preliminary report filed; a mis-delivery
    at the logistics firm last month that was never reportable and is closed."""
    from itaku.core.models import utcnow
    from itaku.identity.principals import PortalContact
    from itaku.incidents import from_vendor as incident_from_vendor
    from itaku.incidents import service as incident_service
    from itaku.incidents.models import ReportedVia
    from itaku.incidents.schemas import IncidentCreate, IncidentUpdate, ObligationUpdate, PortalIncidentUpdate

    now = utcnow().replace(microsecond=0)
    hour = timedelta(hours=1)

    album = await incident_service.create_incident(
        session,
        admin,
        IncidentCreate(
            vendor_id=vendors["album"],
            title="印刷委託先（東北オフセット印刷）でのランサムウェア被害",
            aware_at=now - 46 * hour,
            occurred_at=now - 80 * hour,
            vendor_discovered_at=now - 60 * hour,
            vendor_notified_at=now - 46 * hour,
            discovered_by="さくら卒業アルバム制作株式会社（制作部 鈴木）",
            data_categories=["ordinary", "children"],
            data_items="社員家族の氏名、学校名・クラス、顔写真",
            affected_persons_estimate=1800,
            affected_persons_max=3200,
            wrongful_intent_possible=True,
            description=(
                "再委託先の印刷会社の制作サーバがランサムウェアに感染し、ファイルが暗号化された。"
                "外部への不審な通信の痕跡があり、アルバム制作用データの流出のおそれがある。"
            ),
            containment="印刷会社の制作サーバをネットワークから切り離し、外部の調査会社が調査中。",
            measures_planned="調査結果を待って影響範囲を確定し、対象者を特定する。",
        ),
    )
    row = album.incident
    row.reported_via = ReportedVia.portal.value  # it came in through the portal, as the story goes
    contacts = await vendor_records.list_children(session, admin, vendor_records.CONTACT, vendors["album"])
    contact = PortalContact(
        uuid.uuid4(), admin.organization_id, vendors["album"], contacts[0].id, contacts[0].name, contacts[0].email, None
    )
    row.reporter_contact_id = contact.contact_id
    await incident_from_vendor.update_from_portal(
        session,
        contact,
        row.id,
        PortalIncidentUpdate(
            message="調査会社の初期報告：暗号化されたのは制作サーバ1台。外部送信の有無は引き続き調査中です。",
            cause="印刷会社のVPN機器の脆弱性を突かれた不正アクセスとみられる。",
        ),
    )

    payroll = await incident_service.create_incident(
        session,
        admin,
        IncidentCreate(
            vendor_id=vendors["payroll"],
            title="給与クラウドへの不正ログインのおそれ",
            aware_at=now - 240 * hour,
            vendor_discovered_at=now - 270 * hour,
            vendor_notified_at=now - 240 * hour,
            discovered_by="みなと給与クラウド株式会社（情報セキュリティ室）",
            data_categories=["ordinary", "my_number", "financial"],
            data_items="氏名、個人番号、給与額、振込口座",
            affected_persons_estimate=40,
            affected_persons_max=1200,
            wrongful_intent_possible=True,
            description="管理画面に海外IPアドレスからのログイン成功の記録があり、従業員データの閲覧のおそれがある。",
            containment="該当アカウントを停止し、全管理者のパスワードを再設定。多要素認証を必須化。",
            measures_done="管理画面へのアクセスを国内IPに制限。",
            contact_point="さくら商事 個人情報相談窓口（0120-000-000、平日9時〜17時）",
        ),
    )
    # One filing on the commission's form answered both regimes' preliminary reports.
    for o in [o.row for o in payroll.obligations if o.row.kind == "regulator_preliminary_report"]:
        await incident_service.update_obligation(
            session,
            admin,
            payroll.incident.id,
            o.id,
            ObligationUpdate(version=o.version, done_at=now - 200 * hour, reference="PPC受付番号 2026-1107-0042"),
        )

    logistics = await incident_service.create_incident(
        session,
        admin,
        IncidentCreate(
            vendor_id=vendors["logistics"],
            title="配送伝票の誤配布（12件）",
            aware_at=now - 35 * 24 * hour,
            occurred_at=now - 36 * 24 * hour,
            vendor_discovered_at=now - 36 * 24 * hour,
            vendor_notified_at=now - 35 * 24 * hour,
            data_categories=["ordinary"],
            data_items="氏名、住所、電話番号",
            affected_persons_estimate=12,
            affected_persons_max=12,
            financial_damage_possible=False,
            description="仕分け作業の誤りで、12件の配送伝票の控えが別の届け先に同封された。",
            cause="繁忙期の手作業による仕分けミス",
            measures_done="全件回収し、本人へ謝罪。仕分け手順にダブルチェックを追加。",
        ),
    )
    view = await incident_service.update_incident(
        session, admin, logistics.incident.id, IncidentUpdate(version=logistics.incident.version, status="contained")
    )
    await incident_service.update_incident(
        session, admin, view.incident.id, IncidentUpdate(version=view.incident.version, status="closed")
    )


async def load_monitoring(session: AsyncSession, admin: StaffUser, vendors: dict[str, uuid.UUID]) -> None:
    """Six months of watching: the payroll cloud's monthly reports accepted until the last one, which waits for
    review; the call centre's latest monthly report queried and the months before never sent, its audit done with a
    checklist, its Privacy Mark lapsed;
    the logistics firm's reports never sent; an audit planned at the payroll cloud; the payroll cloud asking to
    bring in a backup provider and the album maker asking to change its measures after the ransomware attack."""
    from itaku.core.pagination import PageParams
    from itaku.identity.principals import PortalContact
    from itaku.monitoring import audits as monitoring_audits
    from itaku.monitoring import calendar as monitoring_calendar
    from itaku.monitoring import changes as monitoring_changes
    from itaku.monitoring import reports as monitoring_reports
    from itaku.monitoring.models import AuditKind, AuditStatus, ChangeKind, ChangeStatus, ReportStatus
    from itaku.monitoring.schemas import (
        AccessChangeEntry,
        AuditCreate,
        AuditUpdate,
        ChangeDecision,
        ChangeRequestCreate,
        MonitoringPolicyUpdate,
        MonitoringPolicyValues,
        PortalReportSave,
        ReportReview,
    )

    org = await organization_service.get(session, admin.organization_id)
    today = date.today()
    since = (today - timedelta(days=180)).replace(day=1)
    await monitoring_calendar.update_policy(
        session, admin, MonitoringPolicyUpdate(version=org.version, policy=MonitoringPolicyValues(since=since))
    )

    async def contact_of(key: str) -> PortalContact:
        contacts = await vendor_records.list_children(session, admin, vendor_records.CONTACT, vendors[key])
        c = contacts[0]
        return PortalContact(uuid.uuid4(), admin.organization_id, vendors[key], c.id, c.name, c.email, None)

    async def owed(key: str) -> list[monitoring_reports.PortalReportView]:
        return list(reversed(await monitoring_reports.portal_reports(session, await contact_of(key))))

    def answers(n: int, *, leaver: bool = False) -> PortalReportSave:
        changes = (
            [
                AccessChangeEntry(
                    person="佐藤 健（運用担当、社員番号 A-1042）",
                    change="left",
                    changed_on=today - timedelta(days=40),
                    applied=True,
                    applied_on=today - timedelta(days=40),
                )
            ]
            if leaver
            else []
        )
        return PortalReportSave(
            handling="委託された給与データは東京リージョンの本番環境でのみ処理しました。持ち出し・目的外利用はありません。",
            incidents_occurred=False,
            access_changes=changes,
            access_changes_applied=True if changes else None,
            measures_changed=False,
            submit=True,
        )

    async def submit(key: str, view: monitoring_reports.PortalReportView, body: PortalReportSave) -> uuid.UUID:
        saved = await monitoring_reports.save_portal_report(session, await contact_of(key), view.item.item.id, body)
        assert saved.report is not None
        return saved.report.id

    async def review(report_id: uuid.UUID, decision: ReportStatus, comment: str | None = None) -> None:
        report = await monitoring_reports.get_report(session, admin, report_id)
        await monitoring_reports.review_report(
            session, admin, report_id, ReportReview(version=report.report.version, decision=decision, comment=comment)
        )

    # The payroll cloud (critical): every month accepted except the last, which waits for review.
    payroll = await owed("payroll")
    for n, view in enumerate(payroll):
        report_id = await submit("payroll", view, answers(n, leaver=n == len(payroll) - 1))
        if n < len(payroll) - 1:
            await review(report_id, ReportStatus.accepted)

    # The call centre (critical, monthly): its latest report answered and queried about the lapsed Privacy Mark.
    call_centre = await owed("call_centre")
    if call_centre:
        report_id = await submit(
            "call_centre",
            call_centre[-1],
            answers(0).model_copy(
                update={"handling": "相談窓口の通話録音は社内サーバに保存し、1年経過後に消去しています。"}
            ),
        )
        await review(
            report_id,
            ReportStatus.queried,
            "プライバシーマークの有効期限が過ぎています。更新申請の状況と、審査中の管理体制を教えてください。",
        )

    # Audits: the call centre's done two months ago against the periodic checklist; the payroll cloud's planned.
    templates = await assessment_templates.list_questionnaires(session, admin, archived=False)
    checklist = next(t for t in templates if t.questionnaire.builtin_key == "periodic-audit")
    done = await monitoring_audits.create_audit(
        session,
        admin,
        AuditCreate(
            vendor_id=vendors["call_centre"],
            title="2026年度 定期監査（実地）",
            kind=AuditKind.on_site,
            planned_date=today - timedelta(days=65),
            auditor="内部監査 三郎",
            scope="通話録音の保管・消去、オペレーターの権限管理、入退室管理",
            questionnaire_id=checklist.questionnaire.id,
        ),
    )
    started = await monitoring_audits.update_audit(
        session,
        admin,
        done.audit.id,
        AuditUpdate(
            version=done.audit.version, status=AuditStatus.in_progress, started_date=today - timedelta(days=65)
        ),
    )
    await monitoring_audits.update_audit(
        session,
        admin,
        done.audit.id,
        AuditUpdate(
            version=started.audit.version,
            status=AuditStatus.completed,
            completed_date=today - timedelta(days=60),
            results="重大な指摘なし。退職したオペレーター2名のアカウント削除が1週間遅れていた（改善計画を受領済み）。",
        ),
    )
    audits = (
        await monitoring_calendar.list_items(
            session,
            admin,
            PageParams(page=1, size=1),
            "due_date",
            vendor_id=vendors["payroll"],
            kinds=["audit"],
        )
    ).rows
    await monitoring_audits.create_audit(
        session,
        admin,
        AuditCreate(
            vendor_id=vendors["payroll"],
            title="給与クラウド 年次監査（リモート）",
            kind=AuditKind.remote,
            planned_date=audits[0].item.due_date - timedelta(days=14) if audits else today + timedelta(days=30),
            auditor="リスク管理 太郎",
            scope="マイナンバーのアクセス権限、ログの保管、再委託先の管理",
        ),
    )

    # Change requests: one waiting, one already approved, one refused.
    payroll_contact = await contact_of("payroll")
    await monitoring_changes.request_change(
        session,
        payroll_contact,
        ChangeRequestCreate(
            kind=ChangeKind.new_subcontractor,
            title="バックアップ保管の再委託（データ保管サービス）",
            details="給与データのバックアップ媒体の保管を、国内の専門業者に再委託したい。媒体は暗号化済み。",
            planned_date=today + timedelta(days=45),
            subcontractor_name="株式会社やまとデータ保管",
            work="暗号化バックアップ媒体の保管",
            data_handled="暗号化済みの給与データ（鍵は当社のみが保持）",
        ),
    )
    album_contact = await contact_of("album")
    approved, _ = await monitoring_changes.request_change(
        session,
        album_contact,
        ChangeRequestCreate(
            kind=ChangeKind.measures_change,
            title="印刷データの受け渡し方法の変更",
            details="ランサムウェア被害を受け、印刷会社への入稿をVPNから専用のファイル転送サービスに切り替えたい。",
            planned_date=today + timedelta(days=10),
        ),
    )
    await monitoring_changes.decide_change(
        session, admin, approved.id, ChangeDecision(version=approved.version, decision=ChangeStatus.approved)
    )
    logistics_contact = await contact_of("logistics")
    refused, _ = await monitoring_changes.request_change(
        session,
        logistics_contact,
        ChangeRequestCreate(
            kind=ChangeKind.measures_change,
            title="配送伝票の保管期間の延長",
            details="配送伝票の控えを3年間保管したい（現行は1年）。",
        ),
    )
    await monitoring_changes.decide_change(
        session,
        admin,
        refused.id,
        ChangeDecision(
            version=refused.version,
            decision=ChangeStatus.refused,
            reason="契約上の保管期間は1年です。延長の必要性を示す資料がないため承認できません。",
        ),
    )


async def load_jobs(session: AsyncSession, admin: StaffUser) -> None:
    """Mail that went out after a retry, and mail that never could: what the background-jobs page is for. Written
    as rows (the demo itself sends nothing), both finished, so no worker picks them up."""
    from itaku.core.models import utcnow
    from itaku.jobs.models import Job, JobState, MailDelivery, MailKind, MailOutcome

    now = utcnow()
    refused = "SMTPRecipientsRefused: {'it-security@aoba-kenshin.example.jp': (550, b'5.1.1 User unknown')}"
    stories: list[tuple[MailKind, str, str, str, list[str | None], timedelta]] = [
        (
            MailKind.assessment_link,
            "it-security@aoba-kenshin.example.jp",
            "[Itaku] さくら商事株式会社 からの回答依頼: 選定時セキュリティ審査 / Questionnaire from さくら商事株式会社",
            "https://itaku.example.com/portal/open",
            [refused] * 6,
            timedelta(days=1, hours=3),
        ),
        (
            MailKind.monitoring_reminder,
            DEMO_ADMIN_EMAIL,
            "[Itaku] 北斗クレジットサービス：月次報告 期限を過ぎています / Hokuto: monthly report overdue",
            "",
            ["SMTPServerDisconnected: Connection unexpectedly closed", None],
            timedelta(hours=5),
        ),
    ]
    for kind, to, subject, body, outcomes, ago in stories:
        failed = outcomes[-1] is not None
        job = Job(
            kind="mail",
            organization_id=admin.organization_id,
            payload={"to": to, "subject": subject, "kind": kind.value, **({"body": body} if failed else {})},
            label=f"{to}: {subject}"[:300],
            state=(JobState.failed if failed else JobState.succeeded).value,
            attempts=len(outcomes),
            max_attempts=6,
            run_after=now - ago,
            last_error=next((o for o in reversed(outcomes) if o), None),
            created_at=now - ago,
            started_at=now - ago + timedelta(minutes=2 ** len(outcomes)),
            finished_at=now - ago + timedelta(minutes=2 ** len(outcomes)),
        )
        session.add(job)
        await session.flush()
        for attempt, reason in enumerate(outcomes, start=1):
            session.add(
                MailDelivery(
                    organization_id=admin.organization_id,
                    job_id=job.id,
                    kind=kind.value,
                    recipient=to,
                    subject=subject,
                    attempt=attempt,
                    outcome=(MailOutcome.failed if reason else MailOutcome.sent).value,
                    reason=reason,
                    attempted_at=now - ago + timedelta(minutes=2**attempt - 2),
                )
            )
    await session.flush()
