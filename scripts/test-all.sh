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
pg_up=0
node -e "require('postgres')(process.argv[1],{max:1,connect_timeout:3})\`select 1\`.then(()=>process.exit(0),()=>process.exit(1))" "$pg_url" 2>/dev/null && pg_up=1

# A failed step that leaves no test report (type errors, lint, build, a crashed runner)
# counts as one failure in the closing line.
failed() { # name, report, log
  failed_steps+=("$1")
  printf '%s\t%s\t%s\n' "$1" "$2" "${3:-}" >> "$out/failed-steps"
}
step() { # name, report-file-or-"-", command...
  local name=$1 report=$2; shift 2
  echo "::: $name"
  local t0=$SECONDS log="$out/step-$(echo "$name" | tr -c 'a-zA-Z0-9\n' '-').log"
  if "$@" 2>&1 | tee "$log"; then echo "::: $name ok ($((SECONDS - t0)) s)"; else
    echo "::: $name FAILED ($((SECONDS - t0)) s)"; failed "$name" "$report" "$log"
  fi
}
# Steps that can share the machine (lint beside the other static checks; the two integration runs,
# PGlite busy on the CPU, the other mostly waiting on PostgreSQL) run
# side by side: each one's output goes to
# reports/<n>.log and is printed, in order, by `join_steps`.
bg_names=(); bg_reports=(); bg_pids=(); bg_logs=()
step_bg() { # name, report-file-or-"-", command...
  local name=$1 report=$2; shift 2
  local log="$out/step-${#bg_names[@]}.log"
  echo "::: $name (started alongside)"
  ( local t0=$SECONDS; if "$@"; then echo "::: $name ok ($((SECONDS - t0)) s)"; else
      echo "::: $name FAILED ($((SECONDS - t0)) s)"; exit 1; fi ) > "$log" 2>&1 &
  bg_names+=("$name"); bg_reports+=("$report"); bg_pids+=($!); bg_logs+=("$log")
}
join_steps() {
  local i
  for i in "${!bg_pids[@]}"; do
    if ! wait "${bg_pids[$i]}"; then failed "${bg_names[$i]}" "${bg_reports[$i]}" "${bg_logs[$i]}"; fi
    cat "${bg_logs[$i]}"
  done
  bg_names=(); bg_reports=(); bg_pids=(); bg_logs=()
}

# Type-aware lint (the longest static check, on one core) goes beside the others.
step_bg lint - npx eslint . --max-warnings 0
step typecheck - npx tsc --noEmit
step format - npx prettier --check . --log-level warn
step "unused code (knip)" - npx knip
step unit "$out/unit.json" npx vitest run --project unit --reporter=default --reporter=json --outputFile="$out/unit.json"
join_steps
# The production build comes first: the 3-minute soak (a fixed time of load on its own server
# and database, tests/production/soak.test.ts) then runs beside the two integration runs
# instead of after them.
step build - npx next build
prod_ok=0
if [ "$pg_up" = 1 ] || [ -n "${CI:-}" ]; then prod_ok=1; fi
if [ "$prod_ok" = 1 ]; then
  step_bg "soak (production server)" "$out/soak.json" env TEST_PG_URL="$pg_url" npx vitest run --project production tests/production/soak.test.ts --reporter=default --reporter=json --outputFile="$out/soak.json"
fi
step_bg "integration (PGlite)" "$out/int-pglite.json" env TEST_DB=pglite npx vitest run --project integration --reporter=default --reporter=json --outputFile="$out/int-pglite.json"
if [ "$pg_up" = 1 ]; then
  step_bg "integration (PostgreSQL)" "$out/int-postgres.json" env TEST_DB=postgres TEST_PG_URL="$pg_url" npx vitest run --project integration --reporter=default --reporter=json --outputFile="$out/int-postgres.json"
elif [ -n "${CI:-}" ]; then
  echo "::: PostgreSQL is not reachable at $pg_url"; failed postgres -
else
  echo "::: SKIPPING integration tests on PostgreSQL: nothing listens at $pg_url (set TEST_PG_URL); see the banner at the end"
fi
join_steps
# The other production-server tests, on PostgreSQL: huge bodies, database faults, two instances
# behind a proxy (timing bounds: on a quiet machine, one file at a time).
if [ "$prod_ok" = 1 ]; then
  step "production server" "$out/production.json" env TEST_PG_URL="$pg_url" npx vitest run --project production --exclude tests/production/soak.test.ts --reporter=default --reporter=json --outputFile="$out/production.json"
fi
step e2e "$out/e2e.json" npx playwright test

[ ${#failed_steps[@]} -gt 0 ] && echo "failed steps: ${failed_steps[*]}"
node scripts/summarize-tests.mjs "$out"
[ ${#failed_steps[@]} -eq 0 ]
