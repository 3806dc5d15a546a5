"""The incidents domain's errors, each with its stable code."""

from itaku.core.errors import AppError, Conflict, NotFound


class IncidentNotFound(NotFound):
    code = "incident_not_found"
    message = "No incident with this id in your organisation."


class ObligationNotFound(NotFound):
    code = "obligation_not_found"
    message = "No obligation with this id on this incident."


class InvalidIncident(AppError):
    status_code = 422
    code = "invalid_incident"
    message = "The incident's times or references do not fit together."


class InvalidStatusTransition(Conflict):
    code = "invalid_incident_status_transition"
    message = "The incident cannot move to this status from its current one."


class ObligationsOpen(Conflict):
    code = "obligations_open"
    message = "Required obligations are neither done nor marked not required; settle them before closing."
