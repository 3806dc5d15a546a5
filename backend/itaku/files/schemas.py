import uuid
from datetime import datetime

from itaku.core.schemas import ReadSchema


class StoredFileRead(ReadSchema):
    id: uuid.UUID
    filename: str
    content_type: str
    size: int
    sha256: str
    created_at: datetime


# --- what a vendor's contact sees in the portal: classes of their own, so an internal score, note or rule
# cannot reach the vendor by being added to a staff shape ----------------------------------------------------


class PortalFile(ReadSchema):
    id: uuid.UUID
    filename: str
    content_type: str
    size: int
