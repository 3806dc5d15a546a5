"""The assessments domain's errors, each with its stable code."""

from itaku.core.errors import AppError, Conflict, NotFound


class QuestionnaireNotFound(NotFound):
    code = "questionnaire_not_found"
    message = "No questionnaire template with this id in your organisation."


class QuestionnaireVersionNotFound(NotFound):
    code = "questionnaire_version_not_found"
    message = "No version with this id for this questionnaire template."


class NoDraft(Conflict):
    code = "no_draft"
    message = "This template has no draft version; save an edit to start one."


class DraftExists(Conflict):
    code = "draft_exists"
    message = "This template already has a draft; edit that draft (send its draft_version) or discard it first."


class NotPublished(Conflict):
    code = "questionnaire_not_published"
    message = "This template has no published version yet; publish it before sending it to a vendor."


class QuestionnaireArchived(Conflict):
    code = "questionnaire_archived"
    message = "This template is archived; restore it before using it."


class AssessmentNotFound(NotFound):
    code = "assessment_not_found"
    message = "No assessment with this id."


class InvitationNotFound(NotFound):
    code = "invitation_not_found"
    message = "No invitation with this id for this assessment."


class FindingNotFound(NotFound):
    code = "finding_not_found"
    message = "No finding with this id."


class QuestionNotFound(NotFound):
    code = "question_not_found"
    message = "This assessment's questionnaire has no question with this key."


class EvidenceNotFound(NotFound):
    code = "evidence_not_found"
    message = "No evidence file with this id on this answer."


class WrongState(Conflict):
    code = "assessment_state"
    message = "The assessment's status does not allow this."


class AnswersFrozen(Conflict):
    code = "answers_frozen"
    message = "The answers were submitted and are frozen; they can change again only if the reviewer returns them."


class AssessmentIncomplete(Conflict):
    code = "assessment_incomplete"
    message = "Some required questions are not answered yet."


class InvalidAnswerValue(AppError):
    status_code = 422
    code = "invalid_answer"
    message = "The answer does not fit the question."


class InvalidFindingTransition(Conflict):
    code = "invalid_finding_transition"
    message = "A finding in this status cannot move to the one requested."


class RiskAcceptanceIncomplete(AppError):
    status_code = 422
    code = "risk_acceptance_incomplete"
    message = "Accepting a risk needs a reason and the manager or administrator who accepts it."
