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
