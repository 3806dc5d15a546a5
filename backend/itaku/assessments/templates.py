"""Questionnaire templates: the built-in ones installed for every organisation, the organisation's own, and
their versions (a draft is edited, published once, then frozen for every assessment that uses it)."""

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from itaku.assessments import repository
from itaku.assessments.builtin import BUILTIN
from itaku.assessments.definition import Definition
from itaku.assessments.errors import (
    DraftExists,
    NoDraft,
    QuestionnaireArchived,
    QuestionnaireNotFound,
    QuestionnaireVersionNotFound,
)
from itaku.assessments.models import (
    Questionnaire,
    QuestionnaireVersion,
    TemplateStatus,
)
from itaku.assessments.schemas import (
    DraftPublish,
    DraftSave,
    QuestionnaireUpdate,
)
from itaku.audit import service as audit
from itaku.core.errors import Conflict, ensure_version
from itaku.core.models import utcnow
from itaku.identity.principals import Principal


def _version_row(organization_id: uuid.UUID, questionnaire_id: uuid.UUID, number: int, d: Definition) -> Any:
    return QuestionnaireVersion(
        organization_id=organization_id,
        questionnaire_id=questionnaire_id,
        number=number,
        status=TemplateStatus.draft.value,
        title_ja=d.title.get("ja")[:300],
        title_en=d.title.get("en")[:300],
        definition=d.model_dump(mode="json"),
        question_count=len(d.questions()),
    )


async def install_builtins(session: AsyncSession, organization_id: uuid.UUID) -> int:
    """Give the organisation every built-in template it lacks, published as version 1. Idempotent."""
    have = await repository.builtin_keys(session, organization_id)
    added = 0
    for key, definition in BUILTIN.items():
        if key in have:
            continue
        q = Questionnaire(organization_id=organization_id, builtin_key=key, archived=False)
        await repository.add(session, q)
        v = _version_row(organization_id, q.id, 1, definition)
        v.status, v.published_at = TemplateStatus.published.value, utcnow()
        await repository.add(session, v)
        added += 1
    return added


@dataclass
class TemplateView:
    questionnaire: Questionnaire
    versions: list[QuestionnaireVersion]

    @property
    def published(self) -> QuestionnaireVersion | None:
        return next((v for v in self.versions if v.status == TemplateStatus.published.value), None)

    @property
    def draft(self) -> QuestionnaireVersion | None:
        return next((v for v in self.versions if v.status == TemplateStatus.draft.value), None)

    @property
    def latest(self) -> QuestionnaireVersion:
        return self.versions[0]


async def list_questionnaires(session: AsyncSession, principal: Principal, archived: bool | None) -> list[TemplateView]:
    rows = await repository.questionnaires(session, principal.organization_id, archived=archived)
    versions = await repository.versions_of(session, [q.id for q in rows])
    by_q: dict[uuid.UUID, list[QuestionnaireVersion]] = {}
    for v in versions:
        by_q.setdefault(v.questionnaire_id, []).append(v)
    return [TemplateView(q, by_q.get(q.id, [])) for q in rows]


async def get_questionnaire(
    session: AsyncSession, principal: Principal, questionnaire_id: uuid.UUID, *, lock: bool = False
) -> TemplateView:
    q = await repository.questionnaire(session, principal.organization_id, questionnaire_id, lock=lock)
    if q is None:
        raise QuestionnaireNotFound()
    return TemplateView(q, await repository.versions_of(session, [q.id]))


async def get_version(
    session: AsyncSession, principal: Principal, questionnaire_id: uuid.UUID, version_id: uuid.UUID
) -> QuestionnaireVersion:
    view = await get_questionnaire(session, principal, questionnaire_id)
    found = next((v for v in view.versions if v.id == version_id), None)
    if found is None:
        raise QuestionnaireVersionNotFound()
    return found


async def create_questionnaire(session: AsyncSession, principal: Principal, definition: Definition) -> TemplateView:
    q = Questionnaire(organization_id=principal.organization_id, builtin_key=None, archived=False)
    await repository.add(session, q)
    v = _version_row(principal.organization_id, q.id, 1, definition)
    await repository.add(session, v)
    await audit.record(
        session,
        principal,
        entity_type="questionnaire",
        entity_id=q.id,
        action="created",
        after={"title": v.title_ja or v.title_en, "questions": v.question_count},
    )
    return TemplateView(q, [v])


async def update_questionnaire(
    session: AsyncSession, principal: Principal, questionnaire_id: uuid.UUID, body: QuestionnaireUpdate
) -> TemplateView:
    view = await get_questionnaire(session, principal, questionnaire_id)
    ensure_version(view.questionnaire, body.version)
    before = {"archived": view.questionnaire.archived}
    view.questionnaire.archived = body.archived
    await session.flush()
    await audit.record(
        session,
        principal,
        entity_type="questionnaire",
        entity_id=view.questionnaire.id,
        action="archived" if body.archived else "restored",
        before=before,
        after={"archived": body.archived},
    )
    return view


async def save_draft(
    session: AsyncSession, principal: Principal, questionnaire_id: uuid.UUID, body: DraftSave
) -> TemplateView:
    """Edit the draft, or start the next version's draft from the given content; published ones never change."""
    view = await get_questionnaire(session, principal, questionnaire_id, lock=True)
    if view.questionnaire.archived:
        raise QuestionnaireArchived()
    draft = view.draft
    if body.draft_version is None:
        if draft is not None:
            raise DraftExists()
        draft = _version_row(principal.organization_id, view.questionnaire.id, view.latest.number + 1, body.definition)
        await repository.add(session, draft)
        view.versions.insert(0, draft)
        action = "draft_started"
    else:
        if draft is None:
            raise NoDraft()
        ensure_version(draft, body.draft_version)
        fresh = _version_row(principal.organization_id, view.questionnaire.id, draft.number, body.definition)
        draft.title_ja, draft.title_en = fresh.title_ja, fresh.title_en
        draft.definition, draft.question_count = fresh.definition, fresh.question_count
        await session.flush()
        action = "draft_saved"
    view.questionnaire.updated_at = utcnow()
    await audit.record(
        session,
        principal,
        entity_type="questionnaire",
        entity_id=view.questionnaire.id,
        action=action,
        after={"version": draft.number, "questions": draft.question_count},
    )
    return view


async def discard_draft(session: AsyncSession, principal: Principal, questionnaire_id: uuid.UUID) -> None:
    view = await get_questionnaire(session, principal, questionnaire_id, lock=True)
    draft = view.draft
    if draft is None:
        raise NoDraft()
    if len(view.versions) == 1:
        raise Conflict("The first version of a template cannot be discarded; archive the template instead.")
    await session.delete(draft)
    await session.flush()
    await audit.record(
        session,
        principal,
        entity_type="questionnaire",
        entity_id=view.questionnaire.id,
        action="draft_discarded",
        before={"version": draft.number},
    )


async def publish(
    session: AsyncSession, principal: Principal, questionnaire_id: uuid.UUID, body: DraftPublish
) -> TemplateView:
    view = await get_questionnaire(session, principal, questionnaire_id, lock=True)
    if view.questionnaire.archived:
        raise QuestionnaireArchived()
    draft = view.draft
    if draft is None:
        raise NoDraft()
    ensure_version(draft, body.draft_version)
    draft.status, draft.published_at = TemplateStatus.published.value, utcnow()
    view.questionnaire.updated_at = utcnow()
    await session.flush()
    await audit.record(
        session,
        principal,
        entity_type="questionnaire",
        entity_id=view.questionnaire.id,
        action="published",
        after={"version": draft.number, "questions": draft.question_count},
    )
    return view
