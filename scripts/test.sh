#!/usr/bin/env bash
# Sets up and runs every test: type check, lint, unit and integration tests (Vitest: real SQLite files, socat pty
# pairs, a real ippeveprinter, a real PostgreSQL), and the end-to-end tests in Debian Chromium (Playwright).
# Every stage runs; the summary at the end says which failed, and the exit status is non-zero if any did.
set -uo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh test || exit 1

failed=()
stage() {
  local name=$1; shift
  printf '\n\033[1m=== %s ===\033[0m\n' "$name"
  local started=$SECONDS
  if "$@"; then
    printf '\033[32m=== %s: passed (%ss)\033[0m\n' "$name" $((SECONDS - started))
  else
    printf '\033[31m=== %s: FAILED (%ss)\033[0m\n' "$name" $((SECONDS - started))
    failed+=("$name")
  fi
}

stage typecheck npm run --silent typecheck
stage lint npm run --silent lint
stage "unit and integration" npx vitest run
stage end-to-end npx playwright test -c test/e2e/playwright.config.ts

if [ ${#failed[@]} -gt 0 ]; then
  printf '\n\033[31mFAILED: %s\033[0m\n' "${failed[*]}"
  exit 1
fi
printf '\n\033[32mall tests passed\033[0m\n'
