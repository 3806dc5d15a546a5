"""The vendors domain's errors, each with its stable code."""

from itaku.core.errors import AppError, Conflict, NotFound


class VendorNotFound(NotFound):
    code = "vendor_not_found"
    message = "No vendor with this id in your organisation."


class ContactNotFound(NotFound):
    code = "contact_not_found"
    message = "No contact with this id for this vendor."


class ProcessingNotFound(NotFound):
    code = "processing_not_found"
    message = "No entrusted processing with this id for this vendor."


class SubcontractNotFound(NotFound):
    code = "subcontract_not_found"
    message = "No subcontracting link with this id for this vendor."


class CertificationNotFound(NotFound):
    code = "certification_not_found"
    message = "No certification with this id for this vendor."


class CorporateNumberTaken(Conflict):
    code = "corporate_number_taken"
    message = "Another vendor of your register already has this corporate number."


class InvalidTransition(Conflict):
    code = "invalid_status_transition"
    message = "The vendor's lifecycle does not allow this status change."


class SubcontractCycle(Conflict):
    code = "subcontract_cycle"
    message = "This link would make the subcontracting chain loop back to a vendor already in it."


class DuplicateSubcontract(Conflict):
    code = "subcontract_exists"
    message = "This vendor already entrusts work to that subcontractor; edit the existing link."


class InvalidReference(AppError):
    status_code = 422
    code = "invalid_reference"
    message = "A referenced record does not exist in your organisation."


class OverrideReasonRequired(AppError):
    status_code = 422
    code = "override_reason_required"
    message = "Say why the tier is overridden; the reason is kept in the vendor's history."
