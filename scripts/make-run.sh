#!/usr/bin/env bash
# `make run`, told in a few lines: a line for each step it takes, the address and the demo login last. What the
# steps print (uv, npm and vite's listing of every file, migrations, the server's log with its "mail not sent"
# notes while SMTP is unset) goes to data/make-run.log; when a step fails, the end of that log is shown.
# Run from the Makefile (MAKE and PORT come from there); a second run reuses the installs and the build.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

MAKE="${MAKE:-make} --no-print-directory"
PORT="${PORT:-8000}"
LOG=data/make-run.log
URL="http://127.0.0.1:$PORT"
export PORT ITAKU_ENVIRONMENT="${ITAKU_ENVIRONMENT:-local}" ITAKU_LOG_JSON="${ITAKU_LOG_JSON:-false}"
# Plain Python tracebacks from the itaku command: the end of the log then shows the error, not a framed listing.
export TYPER_STANDARD_TRACEBACK=1

fail() {
  echo "make run stopped: $1. The end of $LOG:" >&2
  tail -n 40 "$LOG" | sed 's/^/  | /' >&2
  exit 1
}

# step "what it does" command...: says what it does, keeps the command's output in the log.
step() {
  local what=$1
  shift
  echo "$what…"
  printf '\n== %s (%s)\n' "$what" "$*" >>"$LOG"
  "$@" >>"$LOG" 2>&1 || fail "$what failed"
}

# Said plainly, and before the log of a server that may be running there is started afresh.
if ! python3 -c 'import socket, sys; socket.create_server(("127.0.0.1", int(sys.argv[1])))' "$PORT" 2>/dev/null; then
  echo "make run: port $PORT is in use (another make run?); choose another with PORT=8001 make run" >&2
  exit 1
fi

mkdir -p data
: >"$LOG"
echo "make run: the details go to $LOG"

reused=()
if $MAKE -q backend/.venv/.installed 2>/dev/null; then
  reused+=("the backend's packages")
else
  step "Installing the backend's Python packages (uv)" $MAKE install
fi
if $MAKE -q frontend/node_modules/.installed 2>/dev/null; then
  reused+=("the web app's packages")
else
  step "Installing the web app's packages (npm)" $MAKE frontend-install
fi
if $MAKE -q frontend/dist/index.html 2>/dev/null; then
  reused+=("the web app's build")
else
  step "Building the web app" $MAKE spa
fi
if [ ${#reused[@]} -gt 0 ]; then
  list=$(printf '%s, ' "${reused[@]}")
  echo "Up to date, reused: ${list%, }."
fi

ITAKU=backend/.venv/bin/itaku
step "Migrating the database" "$ITAKU" migrate
echo "Loading the demo data…"
printf '\n== Loading the demo data (%s seed-demo)\n' "$ITAKU" >>"$LOG"
seeded=$("$ITAKU" seed-demo 2>>"$LOG") || fail "loading the demo data failed"
echo "$seeded" >>"$LOG"
login=$(grep "^Demo login:" <<<"$seeded") || login="Demo login: see README.md"

echo "Starting the server…"
printf '\n== The server (itaku serve)\n' >>"$LOG"
(cd backend && exec .venv/bin/itaku serve) >>"$LOG" 2>&1 &
server=$!
stopping=""
trap 'stopping=1; kill -TERM "$server" 2>/dev/null' INT TERM

answers() {
  backend/.venv/bin/python -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)' "$URL/healthz" 2>/dev/null
}
until answers; do
  if ! kill -0 "$server" 2>/dev/null; then
    wait "$server"
    [ -n "$stopping" ] && exit 0
    fail "the server did not start"
  fi
  sleep 0.5
done

echo
echo "Itaku is running on $URL/  (API docs: $URL/docs; Ctrl-C stops it)"
echo "$login"

wait "$server"
status=$?
# Ctrl-C ends the wait early: let the server finish shutting down.
while kill -0 "$server" 2>/dev/null; do wait "$server"; status=$?; done
[ -n "$stopping" ] && exit 0
[ "$status" -eq 0 ] || fail "the server stopped (exit status $status)"
