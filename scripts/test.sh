#!/usr/bin/env bash
# The README's test command (`npx -y pnpm@10 test`): build, typecheck, lint, import rules, every
# test with coverage, the package checks (publint, attw) and the model checks (spin).
#
# The package checks do not depend on the tests, so they start once the build is done and run
# beside vitest at nice 10: they take the CPU the tests leave idle (a test waiting on a worker's
# start-up or a timer) instead of adding ~25 s after them. Their output is printed once the tests
# have ended; a failure fails the command. The model checks run after the tests, alone: run
# beside them at nice 10, two broken variants once failed "for another reason" (a race in
# check.sh's own greps under load, fixed 2026-12-06: see the note above its run()), and beside the
# coverage report (one thread, ~25 s) the two took 108 s where they take ~100 s one after the
# other (2026-12-05).
set -uo pipefail
cd "$(dirname "$0")/.."

turbo run build --output-logs=errors-only || exit 1

logs="$(mktemp -d "${TMPDIR:-/tmp}/zactor-test.XXXXXX")"
trap 'rm -rf "$logs"' EXIT
background() {
  local name="$1"
  shift
  (
    nice -n 10 "$@" >"$logs/$name.log" 2>&1
    echo $? >"$logs/$name.status"
  ) &
}
# --only: the build is done; its tasks replayed from turbo's cache would rewrite dist/ while
# tests read it.
background check-package turbo run check:package --only --output-logs=errors-only

tsc -p tsconfig.check.json &&
  biome check . &&
  depcruise --config .dependency-cruiser.cjs packages/*/src &&
  rm -rf coverage/raw &&
  ZACTOR_BENCH_BUILT=1 NODE_V8_COVERAGE="$PWD/coverage/raw" vitest run --coverage &&
  node scripts/coverage-report.mjs
status=$?

wait
cat "$logs/check-package.log"
if [[ "$(cat "$logs/check-package.status" 2>/dev/null)" != 0 ]]; then
  echo "check-package: FAILED"
  status=1
fi
bash verification/check.sh || status=1
exit "$status"
