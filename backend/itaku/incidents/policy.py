"""The organisation's incident policy: the days the law leaves open and the damages amounts of the exposure estimate."""

from typing import Any

from itaku.incidents import exposure
from itaku.incidents.schemas import (
    IncidentPolicyValues,
)
from itaku.regulation import rules


def policy_values(stored: dict[str, Any] | None) -> IncidentPolicyValues:
    return IncidentPolicyValues.model_validate(stored or {})


def rules_policy(values: IncidentPolicyValues) -> rules.Policy:
    return rules.Policy(
        preliminary_target_days=values.preliminary_target_days,
        preliminary_due_days=values.preliminary_due_days,
        vendor_notice_target_days=values.vendor_notice_target_days,
        vendor_notice_due_days=values.vendor_notice_due_days,
    )


def damages_policy(values: IncidentPolicyValues) -> exposure.DamagesPolicy:
    return exposure.DamagesPolicy(
        basic=(values.damages_basic.low, values.damages_basic.high),
        detailed=(values.damages_detailed.low, values.damages_detailed.high),
        sensitive=(values.damages_sensitive.low, values.damages_sensitive.high),
        lawyer_fee_percent=values.lawyer_fee_percent,
    )
