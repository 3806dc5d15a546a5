"""Password hashing, tokens and secrets. The only module that imports jose or argon2."""

import hashlib
import secrets
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Any

import anyio.to_thread
import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from jose import JWTError, jwt

JWT_ALGORITHM = "HS256"
JWT_AUDIENCE = "itaku-api"
JWT_ISSUER = "itaku"
API_KEY_PREFIX = "itk_"


class TokenInvalid(Exception):
    pass


@dataclass(frozen=True)
class AuditKeys:
    """The key that signs new audit links, and every key (by id) that signed links still in the chain."""

    current_id: str
    keys: Mapping[str, bytes]

    @property
    def current(self) -> bytes:
        return self.keys[self.current_id]

    @classmethod
    def of(cls, current_id: str, current: str, old: Mapping[str, str]) -> "AuditKeys":
        return cls(current_id, {**{k: v.encode() for k, v in old.items()}, current_id: current.encode()})


def make_password_hasher(fast: bool) -> PasswordHasher:
    # Tests hash hundreds of passwords; the cheap profile keeps argon2id, only with less memory/time.
    return PasswordHasher(time_cost=1, memory_cost=8 * 1024, parallelism=1) if fast else PasswordHasher()


class Passwords:
    def __init__(self, fast: bool = False) -> None:
        self._hasher = make_password_hasher(fast)
        self._dummy = self._hasher.hash(secrets.token_urlsafe(16))

    async def hash(self, password: str) -> str:
        return await anyio.to_thread.run_sync(self._hasher.hash, password)

    async def verify(self, password_hash: str | None, password: str) -> bool:
        """Constant work whether or not the account exists, so timing does not reveal emails."""

        def _verify() -> bool:
            try:
                return self._hasher.verify(password_hash or self._dummy, password) and password_hash is not None
            except (VerificationError, InvalidHashError):
                return False

        return await anyio.to_thread.run_sync(_verify)


def create_access_token(
    secret: str, *, user_id: uuid.UUID, organization_id: uuid.UUID, session_id: uuid.UUID, minutes: int
) -> str:
    now = datetime.now(UTC)
    claims = {
        "sub": str(user_id),
        "org": str(organization_id),
        "sid": str(session_id),
        "aud": JWT_AUDIENCE,
        "iss": JWT_ISSUER,
        "iat": int(now.timestamp()),
        "exp": int((now + timedelta(minutes=minutes)).timestamp()),
    }
    return str(jwt.encode(claims, secret, algorithm=JWT_ALGORITHM))


@dataclass(frozen=True)
class AccessClaims:
    user_id: uuid.UUID
    organization_id: uuid.UUID
    session_id: uuid.UUID
    expires: int


def decode_access_token(secret: str, token: str) -> AccessClaims:
    """The claims of a valid token. The signature is checked once per token (a token never changes); expiry is
    checked on every call, and whether its session is still open by the caller."""
    claims = _verified_claims(secret, token)
    if claims.expires <= datetime.now(UTC).timestamp():
        raise TokenInvalid("token expired")
    return claims


@lru_cache(maxsize=4096)
def _verified_claims(secret: str, token: str) -> AccessClaims:
    try:
        claims: dict[str, Any] = jwt.decode(
            token,
            secret,
            algorithms=[JWT_ALGORITHM],
            audience=JWT_AUDIENCE,
            issuer=JWT_ISSUER,
            options={"require_exp": True, "require_aud": True, "require_sub": True},
        )
        return AccessClaims(
            uuid.UUID(claims["sub"]), uuid.UUID(claims["org"]), uuid.UUID(claims["sid"]), int(claims["exp"])
        )
    except (JWTError, KeyError, ValueError, TypeError) as exc:
        raise TokenInvalid(str(exc)) from exc


def new_api_key() -> str:
    return API_KEY_PREFIX + secrets.token_urlsafe(32)


def new_url_token() -> str:
    return secrets.token_urlsafe(32)


def sha256_hex(value: str) -> str:
    """Hash for high-entropy random secrets (API keys, invitation tokens): a lookup key, not a password."""
    return hashlib.sha256(value.encode()).hexdigest()


PORTAL_AUDIENCE = "itaku-portal"


def create_portal_token(secret: str, *, invitation_id: uuid.UUID, expires_at: datetime) -> str:
    """A vendor contact's portal session: its own audience, so it is never accepted by a staff endpoint."""
    claims = {
        "sub": str(invitation_id),
        "aud": PORTAL_AUDIENCE,
        "iss": JWT_ISSUER,
        "iat": int(datetime.now(UTC).timestamp()),
        "exp": int(expires_at.timestamp()),
    }
    return str(jwt.encode(claims, secret, algorithm=JWT_ALGORITHM))


def decode_portal_token(secret: str, token: str) -> uuid.UUID:
    """The invitation a valid, unexpired portal token was issued for."""
    try:
        claims: dict[str, Any] = jwt.decode(
            token,
            secret,
            algorithms=[JWT_ALGORITHM],
            audience=PORTAL_AUDIENCE,
            issuer=JWT_ISSUER,
            options={"require_exp": True, "require_aud": True, "require_sub": True},
        )
        return uuid.UUID(claims["sub"])
    except (JWTError, KeyError, ValueError, TypeError) as exc:
        raise TokenInvalid(str(exc)) from exc


# --- two-factor sign-in (RFC 6238 TOTP: 6 digits, 30-second steps, as every authenticator app expects) ---------------

TOTP_ISSUER = "Itaku"
# One step either side of now: a phone clock a little off, or a code typed as it changes.
TOTP_DRIFT_STEPS = 1


def new_totp_secret() -> str:
    return pyotp.random_base32()  # 160 bits, as RFC 4226 recommends


def totp_uri(secret: str, account: str) -> str:
    """The otpauth:// address an authenticator app reads from the QR code."""
    return pyotp.TOTP(secret).provisioning_uri(name=account, issuer_name=TOTP_ISSUER)


def totp_step(secret: str, code: str, *, after_step: int | None, now: datetime | None = None) -> int | None:
    """The time step a 6-digit code belongs to, within the allowed drift, or None. A step at or before `after_step`
    (the last one used) is refused: a code seen over a shoulder cannot be used again."""
    code = code.strip().replace(" ", "")
    if len(code) != 6 or not code.isdigit():
        return None
    totp = pyotp.TOTP(secret)
    moment = now or datetime.now(UTC)
    current = totp.timecode(moment)
    for step in range(current - TOTP_DRIFT_STEPS, current + TOTP_DRIFT_STEPS + 1):
        if (after_step is None or step > after_step) and secrets.compare_digest(totp.generate_otp(step), code):
            return step
    return None


RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i to misread


def new_recovery_code() -> str:
    """xxxxx-xxxxx: 50 bits, written down on paper and typed back once."""
    chars = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(10))
    return f"{chars[:5]}-{chars[5:]}"


def recovery_code_hash(code: str) -> str:
    return sha256_hex(code.strip().lower().replace("-", "").replace(" ", ""))
