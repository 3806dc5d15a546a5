#!/usr/bin/env bash
# Starts the real backend for the browser tests on a fresh SQLite database, serving the built SPA
# (frontend/dist) on the same port, as `make run` does. What it writes (the database, uploads, the mails the
# backend sent) lives in /tmp/itaku-e2e-$PORT/, made afresh on start and removed when it stops.
# Usage: e2e/start-backend.sh [PORT]   Playwright's webServer runs it with the port playwright.config.ts picked;
# without one (nor E2E_PORT) it picks a free port and says which (`npm run screenshots` needs a backend too).
set -euo pipefail

FRONTEND="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REPO="$(dirname "$FRONTEND")"
BACKEND="$REPO/backend"

PORT="${1:-${E2E_PORT:-}}"
if [ -z "$PORT" ]; then
  PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  echo "Starting the e2e backend on http://127.0.0.1:$PORT" >&2
fi
RUN_DIR="/tmp/itaku-e2e-$PORT"

if [ ! -x "$BACKEND/.venv/bin/itaku" ]; then
  make -C "$REPO" install
fi
if [ ! -f "$FRONTEND/dist/index.html" ]; then
  echo "frontend/dist is missing: run 'npm run build' first" >&2
  exit 1
fi

rm -rf "$RUN_DIR"
mkdir -p "$RUN_DIR/mail" "$RUN_DIR/uploads"
MAILER=""
SERVER=""
stop() {
  if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi
  if [ -n "$MAILER" ]; then kill "$MAILER" 2>/dev/null || true; fi
  rm -rf "$RUN_DIR"
}
trap stop EXIT
trap 'exit 143' TERM INT # Playwright stops the web server with SIGTERM (gracefulShutdown): clean up first

# A real SMTP server whose mails the tests read (e2e/support.ts mailTo): registration and reset links come by mail.
"$BACKEND/.venv/bin/python" "$BACKEND/scripts/mailcatcher.py" --folder "$RUN_DIR/mail" --port-file "$RUN_DIR/smtp-port" &
MAILER=$!
for _ in $(seq 100); do [ -s "$RUN_DIR/smtp-port" ] && break; sleep 0.1; done
export ITAKU_SMTP_HOST=127.0.0.1
ITAKU_SMTP_PORT="$(cat "$RUN_DIR/smtp-port")"
export ITAKU_SMTP_PORT

export DATABASE_URL="sqlite+aiosqlite:///$RUN_DIR/itaku.db"
export ITAKU_ENVIRONMENT=test
export ITAKU_SECRET_KEY="e2e-only-secret-0123456789abcdefghijklmn"
export ITAKU_AUDIT_KEY="e2e-only-audit-key-0123456789abcdefghijk"
export ITAKU_PUBLIC_URL="http://127.0.0.1:$PORT"
export ITAKU_SPA_DIR="$FRONTEND/dist"
export ITAKU_UPLOAD_DIR="$RUN_DIR/uploads"
export ITAKU_LOG_JSON=false
# Every journey registers, opens links and asks for them from this one address; the per-client limits of a real
# deployment would refuse the suite itself (the throttles have their own tests in the backend suite).
export ITAKU_RATE_LIMITS='{"register_client": [1000, 3600], "token_client": [1000, 900], "link_request_client": [1000, 900]}'
export ITAKU_LOG_LEVEL=WARNING

cd "$BACKEND"
.venv/bin/itaku migrate
.venv/bin/itaku seed-demo

.venv/bin/itaku serve --port "$PORT" &
SERVER=$!
wait "$SERVER"
