#!/usr/bin/env bash
# The composite action's check step (action.yml): one run of `pa-guard check` that prints the report
# in the chosen format and writes SARIF and the Markdown summary beside it. Inputs arrive as
# environment variables (never interpolated into the script). The exit code is an output: the
# action's last step decides whether it fails the job, after the SARIF upload.
set -euo pipefail
case "$PA_FAIL_ON" in
  mandatory|none) ;;
  *) echo "pa-guard action: fail-on must be mandatory or none" >&2; exit 2 ;;
esac
out="$RUNNER_TEMP/pa-guard"
mkdir -p "$out"
args=(check "$PA_PATH" --stack "$PA_STACK" --format "$PA_FORMAT" --report "sarif=$out/pa-guard.sarif" --report "markdown=$out/summary.md")
if [ -n "$PA_POLICY_CONFIG" ]; then
  args+=(--policy-pack-config "$PA_POLICY_CONFIG")
fi
while IFS= read -r line; do
  if [ -n "${line//[[:space:]]/}" ]; then args+=(--config "$line"); fi
done <<< "$PA_CONFIG"
while IFS= read -r line; do
  if [ -n "${line//[[:space:]]/}" ]; then args+=(--stack-tag "$line"); fi
done <<< "$PA_STACK_TAGS"
code=0
pa-guard "${args[@]}" || code=$?
echo "exit-code=$code" >> "$GITHUB_OUTPUT"
if [ -f "$out/pa-guard.sarif" ]; then
  echo "sarif-file=$out/pa-guard.sarif" >> "$GITHUB_OUTPUT"
fi
if [ -f "$out/summary.md" ]; then
  echo "summary-file=$out/summary.md" >> "$GITHUB_OUTPUT"
  if [ "$PA_SUMMARY" = "true" ]; then
    cat "$out/summary.md" >> "$GITHUB_STEP_SUMMARY"
  fi
fi
