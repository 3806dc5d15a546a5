"""CSV import and export of the register. Import is all-or-nothing: any invalid row and nothing is written."""

import uuid
from collections.abc import AsyncIterator
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from itaku.audit import service as audit
from itaku.core.db import Database
from itaku.core.errors import AppError
from itaku.identity.principals import Principal
from itaku.users import service as user_service
from itaku.vendors import csv_io
from itaku.vendors.models import TierChange, Vendor
from itaku.vendors.schemas import ImportProblem, ImportReport, VendorCreate
from itaku.vendors.service import VENDOR_AUDITED
from itaku.vendors.tiering import assess_into, data_categories, risk_policy

MAX_ROWS = 50_000
EXPORT_BATCH = 1000


class ImportUnreadable(AppError):
    status_code = 400
    code = "import_unreadable"
    message = "The file could not be read as CSV."


class ImportInvalid(AppError):
    status_code = 422
    code = "import_invalid"
    message = "Some rows are invalid; nothing was imported."


def _problems(line: int, exc: ValidationError) -> list[ImportProblem]:
    out = []
    for err in exc.errors():
        field = str(err["loc"][0]) if err.get("loc") else None
        msg = err["msg"].removeprefix("Value error, ")
        out.append(ImportProblem(line=line, column=csv_io.label(field) if field else None, message=msg))
    return out


async def import_csv(session: AsyncSession, principal: Principal, data: bytes, *, dry_run: bool) -> ImportReport:
    try:
        unknown, rows = csv_io.parse(data)
    except csv_io.CsvUnreadable as exc:
        raise ImportUnreadable(str(exc)) from None
    if len(rows) > MAX_ROWS:
        raise ImportUnreadable(f"The file has {len(rows):,} rows; import at most {MAX_ROWS:,} at a time.")
    org_id = principal.organization_id
    existing = (
        await session.execute(select(Vendor.id, Vendor.corporate_number).where(Vendor.organization_id == org_id))
    ).all()
    ids = {row.id for row in existing}
    by_number = {row.corporate_number: row.id for row in existing if row.corporate_number}
    members = await user_service.all_members(session, principal)
    owner_by_email = {m.user.email: m.user_id for m in members}

    errors: list[ImportProblem] = []
    plans: list[tuple[uuid.UUID | None, VendorCreate, set[str]]] = []
    seen_numbers: dict[str, int] = {}
    seen_ids: set[uuid.UUID] = set()
    for row in rows:
        values: dict[str, Any] = {k: v for k, v in row.values.items() if v != "" or k in ("name",)}
        target: uuid.UUID | None = None
        raw_id = values.pop("id", None)
        if raw_id:
            try:
                target = uuid.UUID(raw_id)
            except ValueError:
                errors.append(ImportProblem(line=row.line, column="ID", message="not an Itaku vendor id"))
                continue
            if target not in ids:
                errors.append(
                    ImportProblem(line=row.line, column="ID", message="no vendor with this id in your register")
                )
                continue
        owner_email = values.pop("owner_email", None)
        if owner_email:
            owner = owner_by_email.get(owner_email.lower())
            if owner is None:
                errors.append(
                    ImportProblem(
                        line=row.line,
                        column=csv_io.label("owner_email"),
                        message=f"{owner_email} is not a member of your organisation",
                    )
                )
                continue
            values["owner_user_id"] = owner
        bad_bool = False
        for key in csv_io.BOOLEAN_COLUMNS & values.keys():
            try:
                values[key] = csv_io.parse_bool(values[key])
            except ValueError as exc:
                errors.append(ImportProblem(line=row.line, column=csv_io.label(key), message=str(exc)))
                bad_bool = True
        if bad_bool:
            continue
        try:
            body = VendorCreate.model_validate(values)
        except ValidationError as exc:
            errors.extend(_problems(row.line, exc))
            continue
        if body.corporate_number:
            if body.corporate_number in seen_numbers:
                errors.append(
                    ImportProblem(
                        line=row.line,
                        column=csv_io.label("corporate_number"),
                        message=f"same corporate number as line {seen_numbers[body.corporate_number]}",
                    )
                )
                continue
            seen_numbers[body.corporate_number] = row.line
            holder = by_number.get(body.corporate_number)
            if target is None:
                target = holder
            elif holder is not None and holder != target:
                errors.append(
                    ImportProblem(
                        line=row.line,
                        column=csv_io.label("corporate_number"),
                        message="another vendor of your register has this corporate number",
                    )
                )
                continue
        if target is not None:
            if target in seen_ids:
                errors.append(ImportProblem(line=row.line, column=None, message="the same vendor appears twice"))
                continue
            seen_ids.add(target)
        plans.append((target, body, set(values)))

    report = ImportReport(
        dry_run=dry_run,
        ok=not errors,
        rows=len(rows),
        created=sum(1 for t, _, _ in plans if t is None),
        updated=sum(1 for t, _, _ in plans if t is not None),
        unknown_columns=unknown,
        errors=errors[:1000],
    )
    if errors and not dry_run:
        raise ImportInvalid(report.model_dump(mode="json"))
    if dry_run or errors:
        return report
    await _write(session, principal, plans)
    return report


async def _write(
    session: AsyncSession, principal: Principal, plans: list[tuple[uuid.UUID | None, VendorCreate, set[str]]]
) -> None:
    """Every row at once: the new vendors in one flush, their tier history and the audit events in a few statements
    (one event per vendor, as if each had been entered by hand)."""
    targets = {t for t, _, _ in plans if t is not None}
    current: dict[uuid.UUID, Vendor] = {}
    if targets:
        stmt = select(Vendor).where(Vendor.organization_id == principal.organization_id, Vendor.id.in_(targets))
        current = {v.id: v for v in (await session.scalars(stmt)).all()}
    policy = await risk_policy(session, principal.organization_id)
    created: list[Vendor] = []
    events: list[audit.Entry] = []
    for target, body, sent in plans:
        if target is None:
            vendor = Vendor(id=uuid.uuid4(), organization_id=principal.organization_id, tier_override=None)
            for field in VendorCreate.model_fields:
                setattr(vendor, field, _plain(getattr(body, field)))
            assess_into(vendor, [], 0, [], policy)
            created.append(vendor)
            events.append(audit.Entry("vendor", vendor.id, "imported", after=audit.snapshot(vendor, VENDOR_AUDITED)))
        else:
            vendor = current[target]
            before = audit.snapshot(vendor, VENDOR_AUDITED)
            for field in sent & set(VendorCreate.model_fields):
                setattr(vendor, field, _plain(getattr(body, field)))
            after = audit.snapshot(vendor, VENDOR_AUDITED)
            if after != before:
                events.append(audit.Entry("vendor", vendor.id, "updated_by_import", before=before, after=after))
    session.add_all(created)
    await session.flush()  # the vendors first: the history rows name them (no relationship orders the two)
    session.add_all(
        TierChange(
            organization_id=v.organization_id,
            vendor_id=v.id,
            from_tier=None,
            to_tier=v.tier,
            cause="computed",
            reason="CSV import",
            actor_label=principal.actor_label,
        )
        for v in created
    )
    await session.flush()
    await audit.record_many(session, principal, events)


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | str | uuid.UUID):
        return getattr(value, "value", value)
    return str(value)


async def export_batches(db: Database, principal: Principal) -> AsyncIterator[list[dict[str, Any]]]:
    """The register in batches of rows, by name, read in a unit of work of its own (a streamed download outlives the
    request's), so memory stays flat however many vendors there are."""
    async with db.unit_of_work(write=False) as session:
        members = await user_service.all_members(session, principal)
        email_by_id = {m.user_id: m.user.email for m in members}
        last_name, last_id = "", uuid.UUID(int=0)
        while True:
            stmt = (
                select(Vendor)
                .where(Vendor.organization_id == principal.organization_id)
                .where((Vendor.name > last_name) | ((Vendor.name == last_name) & (Vendor.id > last_id)))
                .order_by(Vendor.name, Vendor.id)
                .limit(EXPORT_BATCH)
            )
            batch = (await session.scalars(stmt)).all()
            if not batch:
                return
            yield [
                {
                    **{key: getattr(v, key, None) for key, _ in csv_io.COLUMNS},
                    "owner_email": email_by_id.get(v.owner_user_id) if v.owner_user_id else None,
                    "data_categories": data_categories(v),
                }
                for v in batch
            ]
            last_name, last_id = batch[-1].name, batch[-1].id
            session.expunge_all()  # what was read is written out; the session holds one batch at a time
