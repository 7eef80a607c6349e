#!/usr/bin/env bash
# `npm test`: lint and types, unit specs, the integration and end-to-end suites against
# the real PostgreSQL and a real Kafka broker, which this script starts if they are down.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
RESULTS="$ROOT/.local/test-results"
rm -rf "$RESULTS" && mkdir -p "$RESULTS"

ensure_node_modules

say "lint: eslint, prettier, tsc, dependency rules"
npm run --silent lint

# The production image runs Node 24 (the engines allow 22.13+ and 24.11+): the unit specs run on
# it, where jest loads the ESM-only packages natively, as Node does in production (jest.base.js),
# which needs VM modules. The end-to-end suites run on the machine's Node.
node24="$(ensure_node24)"
jest24=("$node24" --experimental-vm-modules --no-warnings=ExperimentalWarning node_modules/jest/bin/jest.js)
say "unit specs on Node $("$node24" --version) (production runtime)"
"${jest24[@]}" --config jest.config.js --json --outputFile="$RESULTS/unit.json"

ensure_postgres
ensure_kcat
# Only the broker this script starts is stopped at the end; one already running is left alone.
started_broker=0
if uses_local_broker && ! bash docker/kafka/broker.sh status >/dev/null 2>&1; then started_broker=1; fi
ensure_kafka
trap '[[ $started_broker == 1 ]] && bash docker/kafka/broker.sh stop >/dev/null' EXIT

say "integration and end-to-end suites (real PostgreSQL and Kafka)"
status=0
# Two suites at a time, each jest worker on a database of its own (test/support/test-config.ts).
# The broker outage suite stops and restarts the broker every suite shares, and the cluster fault
# suite starts a 3-broker cluster of its own (three JVMs): they run alone, one after the other,
# after them; the scale-out suite and the smoke test run the production build, after it is made.
# A hang (an open handle keeping jest alive) fails the run instead of eating CI's 90 minutes.
e2e=(npx jest --config test/jest-e2e.config.js)
timeout 1200 "${e2e[@]}" --testPathIgnorePatterns 'smoke|broker-outage|kafka-cluster|scale-out' \
  --json --outputFile="$RESULTS/e2e.json" || status=$?
timeout 900 "${e2e[@]}" --runInBand test/broker-outage.e2e-spec.ts test/kafka-cluster.e2e-spec.ts \
  --json --outputFile="$RESULTS/e2e-alone.json" || status=$?

# The production build, once: the browser suite runs it, and so does the smoke test below.
say "building (api, worker, identity provider, console)"
npm run --silent build

say "the console in a real browser (Playwright, Debian's chromium)"
BROWSER_SKIP_BUILD=1 BROWSER_RESULTS="$RESULTS/browser.json" timeout 900 bash scripts/test-console.sh ||
  status=$?

# Several processes: that production build as two api processes (API_PROCESSES=2), two workers and
# analytics on one database and the broker, many people posting at once.
say "scale-out: two api processes, two workers and analytics from the production build"
SCALE_OUT_BUILD="$ROOT/dist" timeout 600 "${e2e[@]}" --runInBand test/scale-out.e2e-spec.ts \
  --json --outputFile="$RESULTS/scale-out.json" || status=$?

# The smoke test: that production build (dist/) as its own processes on Node 24, a form post
# reaching the topic.
say "smoke test: the production build on Node $("$node24" --version)"
SMOKE_BUILD="$ROOT/dist" timeout 600 "${jest24[@]}" --config test/jest-e2e.config.js --runInBand \
  test/smoke.e2e-spec.ts --json --outputFile="$RESULTS/smoke-node24.json" || status=$?

node -e '
  const fs = require("fs");
  let passed = 0, failed = 0;
  for (const f of process.argv.slice(1)) {
    if (!fs.existsSync(f)) { failed += 1; continue; }
    const r = JSON.parse(fs.readFileSync(f, "utf8"));
    if (r.stats) {
      // Playwright: a skipped browser test is not a passed one, and no spec may skip.
      passed += r.stats.expected; failed += r.stats.unexpected + r.stats.flaky + r.stats.skipped;
      failed += (r.errors ?? []).length;
      continue;
    }
    passed += r.numPassedTests; failed += r.numFailedTests + r.numRuntimeErrorTestSuites;
  }
  console.log(`tests: ${passed} passed, ${failed} failed`);
' "$RESULTS"/{unit,e2e,e2e-alone,browser,scale-out,smoke-node24}.json
exit $status
