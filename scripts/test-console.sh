#!/usr/bin/env bash
# The console's browser suite (Playwright driving Debian's chromium) against the built product
# on a database of its own: the local identity provider, the api serving the console, and the
# worker routing leads, each a process as in production. `npm run test:console`; `npm test`
# runs it after the end-to-end suites. Needs the broker up (test.sh, or npm run broker:start).
# BROWSER_RESULTS names a Playwright JSON report to write.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
RUN="$ROOT/.local/run-browser"
rm -rf "$RUN" && mkdir -p "$RUN"

CHROMIUM_PATH="$(ensure_chromium)"
export CHROMIUM_PATH
ensure_postgres

DB="${BROWSER_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/intake_test_browser}"
PORT="${BROWSER_API_PORT:-3190}"
IDP_PORT="${BROWSER_IDP_PORT:-3193}"
for port in "$PORT" "$IDP_PORT"; do
  if curl -s -o /dev/null "http://127.0.0.1:$port/"; then
    say "port $port is taken (a dev stack? npm run local:stop); set BROWSER_API_PORT/BROWSER_IDP_PORT" >&2
    exit 1
  fi
done

stop_all() {
  for name in worker api idp; do stop_pidfile "$RUN/$name.pid" "$name" >/dev/null || true; done
}
trap stop_all EXIT

[[ "${BROWSER_SKIP_BUILD:-}" == 1 ]] || { say "building (api, worker, identity provider, console)"; npm run --silent build; }
# A fresh database each run: every spec starts from the demo seed.
node -e '
  const { Client } = require("pg");
  const url = new URL(process.argv[1]);
  const name = url.pathname.slice(1);
  if (!name.includes("test")) throw new Error(`refusing ${name}: not a test database`);
  url.pathname = "/postgres";
  const c = new Client({ connectionString: url.toString() });
  c.connect()
    .then(() => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))
    .then(() => c.query(`CREATE DATABASE "${name}"`))
    .then(() => c.end());
' "$DB"
export DATABASE_URL="$DB" LOG_LEVEL=warn
node dist/scripts/migrate.js >/dev/null
node dist/scripts/seed-demo.js >/dev/null
CONSOLE_ADMIN_KEY="$(node dist/apps/cli/src/main.js keys:create --role admin --name "Browser tests" | grep -E '^ik_')"
export CONSOLE_ADMIN_KEY

BASE="http://127.0.0.1:$PORT"
start_app idp dist/apps/idp/src/main.js IDP_PORT="$IDP_PORT" IDP_ISSUER="http://127.0.0.1:$IDP_PORT" \
  IDP_REDIRECT_URIS="$BASE/auth/callback" IDP_POST_LOGOUT_REDIRECT_URIS="$BASE/console/"
wait_for idp "http://127.0.0.1:$IDP_PORT/.well-known/openid-configuration"
COMMON=(KAFKA_TOPIC="intake.browser-tests.v1" METRICS_PORT=0)
# Its own notifications group: never shares one with a local worker on the same broker.
WORKER_ONLY=(NOTIFICATIONS_CONSUMER_GROUP="intake-notifications-browser-tests")
start_app api dist/apps/api/src/main.js "${COMMON[@]}" PORT="$PORT" HOST=127.0.0.1 \
  PUBLIC_URL="$BASE" OIDC_ISSUER="http://127.0.0.1:$IDP_PORT" OIDC_CLIENT_ID=intake-console \
  OIDC_CLIENT_SECRET=intake-console-local-secret
start_app worker dist/apps/worker/src/main.js "${COMMON[@]}" "${WORKER_ONLY[@]}" \
  SCHEDULING_ROUTING_INTERVAL_MS=250
wait_for api "$BASE/health/ready"

say "browser suite (Playwright, $("$CHROMIUM_PATH" --version 2>/dev/null | head -n 1))"
reporters=list
[[ -n "${BROWSER_RESULTS:-}" ]] && { reporters=list,json; export PLAYWRIGHT_JSON_OUTPUT_NAME="$BROWSER_RESULTS"; }
CONSOLE_BASE_URL="$BASE" npx playwright test -c test/console/playwright.config.ts --project=laptop \
  --reporter="$reporters" "$@"
