"""Every table, imported once so the mapper registry and Alembic see the whole schema."""

from itaku.api_keys.models import ApiKey
from itaku.assessments.models import (
    Assessment,
    AssessmentAnswer,
    Finding,
    Questionnaire,
    QuestionnaireVersion,
)
from itaku.audit.models import AuditChainHead, AuditEvent
from itaku.auth.models import EmailToken
from itaku.contracts.models import Contract, ContractClause, OrganizationRequirement
from itaku.core.models import Base
from itaku.files.models import StoredFile
from itaku.incidents.models import Incident, IncidentEvent, IncidentObligation
from itaku.jobs.models import Job, MailDelivery
from itaku.monitoring.models import (
    Audit,
    CalendarFeed,
    ChangeRequest,
    MonitoringItem,
    ReminderSent,
    VendorReport,
)
from itaku.organizations.models import Organization
from itaku.portal.models import PortalInvitation
from itaku.throttle.models import RateLimit
from itaku.users.models import Invitation, Membership, User, UserSession
from itaku.vendors.models import Certification, Processing, Subcontract, TierChange, Vendor, VendorContact

__all__ = [
    "ApiKey",
    "Assessment",
    "AssessmentAnswer",
    "Audit",
    "AuditChainHead",
    "AuditEvent",
    "Base",
    "CalendarFeed",
    "Certification",
    "ChangeRequest",
    "Contract",
    "ContractClause",
    "EmailToken",
    "Finding",
    "Incident",
    "IncidentEvent",
    "IncidentObligation",
    "Invitation",
    "Job",
    "MailDelivery",
    "Membership",
    "MonitoringItem",
    "Organization",
    "OrganizationRequirement",
    "PortalInvitation",
    "Processing",
    "Questionnaire",
    "QuestionnaireVersion",
    "RateLimit",
    "ReminderSent",
    "StoredFile",
    "Subcontract",
    "TierChange",
    "User",
    "UserSession",
    "Vendor",
    "VendorContact",
    "VendorReport",
]
