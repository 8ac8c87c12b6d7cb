#!/usr/bin/env bash
# The step of action.yml. Lints INPUT_PATHS with `psylint --format github`,
# whose `::warning file=...` lines GitHub turns into annotations, and writes
# a one-line summary to $GITHUB_STEP_SUMMARY. Builds Psylint from the action's
# checkout first when it has not been built (npm ci and a production build).
set -euo pipefail
set -f # paths are psylint's globs, not the shell's

root="${GITHUB_ACTION_PATH:-$(cd "$(dirname "$0")/.." && pwd)}"
if [ ! -f "$root/dist/cli.js" ]; then
  echo "::group::Building Psylint"
  (cd "$root" && npm ci --no-audit --no-fund && node scripts/build.mjs --production --no-tests)
  echo "::endgroup::"
fi

args=(--format github --max-severity "${INPUT_MAX_SEVERITY:-warning}")
if [ -n "${INPUT_CONFIG:-}" ]; then args+=(--config "$INPUT_CONFIG"); fi
read -r -d '' -a paths <<<"${INPUT_PATHS:-.}" || true
if [ "${#paths[@]}" -eq 0 ]; then paths=(.); fi

status=0
output="$(node "$root/bin/psylint.js" "${args[@]}" -- "${paths[@]}")" || status=$?
if [ -n "$output" ]; then printf '%s\n' "$output"; fi

count="$(printf '%s' "$output" | grep -c '^::' || true)"
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  echo "Psylint: $count finding(s) in ${paths[*]}" >>"$GITHUB_STEP_SUMMARY"
fi
if [ "$status" -eq 1 ] && [ "${INPUT_FAIL_ON_FINDINGS:-true}" = "false" ]; then status=0; fi
exit "$status"
