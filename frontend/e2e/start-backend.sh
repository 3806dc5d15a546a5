#!/usr/bin/env bash
# Starts the real backend for the browser tests on a fresh SQLite database, serving the built SPA
# (frontend/dist) on the same port, as `make run` does.
# Usage: e2e/start-backend.sh [PORT]   (Playwright's webServer runs it; so does `npm run screenshots`.)
set -euo pipefail

PORT="${1:-${E2E_PORT:-8765}}"
FRONTEND="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REPO="$(dirname "$FRONTEND")"
BACKEND="$REPO/backend"
DB="/tmp/itaku-e2e-$PORT.db"

if [ ! -x "$BACKEND/.venv/bin/itaku" ]; then
  make -C "$REPO" install
fi
if [ ! -f "$FRONTEND/dist/index.html" ]; then
  echo "frontend/dist is missing: run 'npm run build' first" >&2
  exit 1
fi

rm -f "$DB" "$DB-wal" "$DB-shm"
rm -rf "/tmp/itaku-e2e-$PORT-uploads"

# A real SMTP server whose mails the tests read (e2e/support.ts mailTo): registration and reset links come by mail.
MAIL_DIR="/tmp/itaku-e2e-$PORT-mail"
rm -rf "$MAIL_DIR" && mkdir -p "$MAIL_DIR"
"$BACKEND/.venv/bin/python" "$BACKEND/scripts/mailcatcher.py" --folder "$MAIL_DIR" --port-file "$MAIL_DIR/port" &
for _ in $(seq 100); do [ -s "$MAIL_DIR/port" ] && break; sleep 0.1; done
export ITAKU_SMTP_HOST=127.0.0.1
ITAKU_SMTP_PORT="$(cat "$MAIL_DIR/port")"
export ITAKU_SMTP_PORT

export DATABASE_URL="sqlite+aiosqlite:///$DB"
export ITAKU_ENVIRONMENT=test
export ITAKU_SECRET_KEY="e2e-only-secret-0123456789abcdefghijklmn"
export ITAKU_AUDIT_KEY="e2e-only-audit-key-0123456789abcdefghijk"
export ITAKU_PUBLIC_URL="http://127.0.0.1:$PORT"
export ITAKU_SPA_DIR="$FRONTEND/dist"
export ITAKU_UPLOAD_DIR="/tmp/itaku-e2e-$PORT-uploads"
export ITAKU_LOG_JSON=false
# Every journey registers, opens links and asks for them from this one address; the per-client limits of a real
# deployment would refuse the suite itself (the throttles have their own tests in the backend suite).
export ITAKU_RATE_LIMITS='{"register_client": [1000, 3600], "token_client": [1000, 900], "link_request_client": [1000, 900]}'
export ITAKU_LOG_LEVEL=WARNING

cd "$BACKEND"
.venv/bin/itaku migrate
.venv/bin/itaku seed-demo

exec .venv/bin/itaku serve --port "$PORT"
