#!/usr/bin/env bash
# The server the end-to-end tests talk to: the production build on a fresh embedded database,
# the simulated market, and a server clock the tests may move (test-only switches).
set -euo pipefail
cd "$(dirname "$0")/.."
dir=".test-data/e2e-${E2E_PORT:-3100}"
rm -rf "$dir"
export PGLITE_DIR="$dir/pglite"
export APP_ENV=test
export AUTH_TRUST_HOST=true
export AUTH_SECRET="${AUTH_SECRET:-e2e-secret-e2e-secret-e2e-secret-e2e-secret}"
export PUBLIC_BASE_URL="http://localhost:${E2E_PORT:-3100}"
export TEST_CLOCK_START="${TEST_CLOCK_START:-2026-11-26T10:00:00+09:00}"
export TEST_CLOCK_CONTROL=1
export PRICE_PROVIDER=simulated
# A short rewarded ad keeps the tests quick; the rule (wait, then redeem once) is the same.
export AD_MIN_WATCH_SECONDS=3
# Every test signs in from 127.0.0.1: the per-IP sign-in limit would otherwise throttle the suite.
export RATE_LIMIT_AUTH_PER_MINUTE="${RATE_LIMIT_AUTH_PER_MINUTE:-1000}"
# The admin fuzz test sends ~450 admin writes in a minute; the limit itself is tested in integration.
export RATE_LIMIT_ADMIN_WRITES_PER_MINUTE="${RATE_LIMIT_ADMIN_WRITES_PER_MINUTE:-5000}"
# Sign-in through the real provider code against the offline fakes (tests/e2e/support/oauth-fakes.ts,
# ports E2E_PORT+10 and +11; client ids as in tests/e2e/support/oauth-config.ts). Test-only switches.
port="${E2E_PORT:-3100}"
export AUTH_GOOGLE_ID=e2e-google-client AUTH_GOOGLE_SECRET=e2e-google-secret
export AUTH_GOOGLE_ISSUER="http://localhost:$((port + 10))"
export AUTH_KAKAO_ID=e2e-kakao-client AUTH_KAKAO_SECRET=e2e-kakao-secret
export AUTH_KAKAO_BASE_URL="http://localhost:$((port + 11))" AUTH_KAKAO_API_URL="http://localhost:$((port + 11))"
export ADMIN_EMAILS="${ADMIN_EMAILS:-boss@ox-e2e.test}"
export DEV_LOGIN=0
# Web Push against the local push service the tests run on 127.0.0.1 (tests/support/push-service.ts):
# a test key pair, that service's origin and certificate. Test-only switches.
export VAPID_PUBLIC_KEY=BNah084GWK99DjftI3XV0VbZobT0vZYsBT5ka9uMuPGALRNo0WYEn9XwQU9coRZ820v3BgeZ4s1slrABAKEAduM
export VAPID_PRIVATE_KEY=7K4275FesC_RrlJVYpZiGe0sAOL3WOMm3vtMBaSfXao
export PUSH_TEST_ENDPOINT_ORIGIN="https://127.0.0.1"
export PUSH_TEST_CA_FILE="tests/fixtures/push/cert.pem"
export LOG_LEVEL="${LOG_LEVEL:-warn}"
# Idle keep-alive sockets outlive the clients' (as in production, `npm start`): a request sent just as
# Node's default 5 s timeout closed the socket failed with ECONNRESET.
exec node_modules/.bin/next start -p "${E2E_PORT:-3100}" --keepAliveTimeout 65000
