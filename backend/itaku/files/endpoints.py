import uuid

from fastapi import APIRouter, UploadFile, status
from fastapi.responses import Response

from itaku.auth.dependencies import Reader, Writer
from itaku.core.dependencies import SessionDep, SettingsDep, StorageDep
from itaku.core.errors import Forbidden, NotAuthenticated, error_responses
from itaku.files import service
from itaku.files.schemas import StoredFileRead

router = APIRouter(prefix="/files", tags=["files"], responses=error_responses(NotAuthenticated, Forbidden))


@router.post(
    "",
    response_model=StoredFileRead,
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(*service.UPLOAD_ERRORS),
)
async def upload_file(
    file: UploadFile, session: SessionDep, principal: Writer, storage: StorageDep, settings: SettingsDep
) -> StoredFileRead:
    """Upload evidence (PDF, PNG, JPEG, XLSX, DOCX up to the configured size); reference its id elsewhere."""
    data = await service.read_upload(file, settings.upload_max_bytes)
    stored = await service.store(
        session, principal, storage, data=data, filename=file.filename or "upload", max_bytes=settings.upload_max_bytes
    )
    return StoredFileRead.model_validate(stored)


@router.get("/{file_id}", response_model=StoredFileRead, responses=error_responses(service.FileNotFound))
async def get_file(file_id: uuid.UUID, session: SessionDep, principal: Reader) -> StoredFileRead:
    """Read a file's name, type, size and checksum."""
    return StoredFileRead.model_validate(await service.get(session, principal, file_id))


@router.get(
    "/{file_id}/content",
    response_class=Response,
    responses={
        200: service.STORED_FILE_RESPONSE,
        **error_responses(service.FileNotFound),
    },
)
async def download_file(file_id: uuid.UUID, session: SessionDep, principal: Reader, storage: StorageDep) -> Response:
    """Download a file's content."""
    stored = await service.get(session, principal, file_id)
    data = await service.read(storage, stored)
    return Response(
        data,
        media_type=stored.content_type,
        headers=service.attachment(stored.filename),
    )
