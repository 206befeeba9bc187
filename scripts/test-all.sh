#!/usr/bin/env bash
# The whole test suite: static checks, unit tests, integration tests on the embedded PGlite
# and on PostgreSQL, a production build, and the end-to-end tests in Chromium.
# Ends with one line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
out="reports"
rm -rf "$out" && mkdir -p "$out"
export NEXT_TELEMETRY_DISABLED=1
pg_url="${TEST_PG_URL:-postgres://postgres@127.0.0.1:5432/test}"
failed_steps=()

# A failed step that leaves no test report (type errors, lint, build, a crashed runner)
# counts as one failure in the closing line.
step() { # name, report-file-or-"-", command...
  local name=$1 report=$2; shift 2
  echo "::: $name"
  local t0=$SECONDS
  if "$@"; then echo "::: $name ok ($((SECONDS - t0)) s)"; else
    echo "::: $name FAILED ($((SECONDS - t0)) s)"; failed_steps+=("$name")
    printf '%s\t%s\n' "$name" "$report" >> "$out/failed-steps"
  fi
}

step typecheck - npx tsc --noEmit
step lint - npx eslint . --max-warnings 0
step unit "$out/unit.json" npx vitest run --project unit --reporter=default --reporter=json --outputFile="$out/unit.json"
step "integration (PGlite)" "$out/int-pglite.json" env TEST_DB=pglite npx vitest run --project integration --reporter=default --reporter=json --outputFile="$out/int-pglite.json"
if node -e "require('postgres')(process.argv[1],{max:1,connect_timeout:3})\`select 1\`.then(()=>process.exit(0),()=>process.exit(1))" "$pg_url" 2>/dev/null; then
  step "integration (PostgreSQL)" "$out/int-postgres.json" env TEST_DB=postgres TEST_PG_URL="$pg_url" npx vitest run --project integration --reporter=default --reporter=json --outputFile="$out/int-postgres.json"
elif [ -n "${CI:-}" ]; then
  echo "::: PostgreSQL is not reachable at $pg_url"; printf 'postgres unreachable\t-\n' >> "$out/failed-steps"; failed_steps+=(postgres)
else
  echo "::: skipping integration tests on PostgreSQL: nothing listens at $pg_url (set TEST_PG_URL)"
fi
step build - npx next build
step e2e "$out/e2e.json" npx playwright test

[ ${#failed_steps[@]} -gt 0 ] && echo "failed steps: ${failed_steps[*]}"
node scripts/summarize-tests.mjs "$out"
[ ${#failed_steps[@]} -eq 0 ]
