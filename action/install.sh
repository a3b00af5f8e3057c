#!/usr/bin/env bash
# The composite action's install step (action.yml): pa-guard from npm at GUARD_VERSION, beside the
# @pulumi/pulumi its policy pack runs on, or built from the action's own checkout when GUARD_VERSION
# is "source". Puts `pa-guard` on the PATH of the steps that follow.
set -euo pipefail
prefix="$RUNNER_TEMP/pa-guard-install"
if [ "$GUARD_VERSION" = "source" ]; then
  npm ci --prefix "$ACTION_PATH" --no-audit --no-fund
  mkdir -p "$prefix/bin"
  printf '#!/usr/bin/env bash\nexec node "%s/dist/checker/cli.js" "$@"\n' "$ACTION_PATH" > "$prefix/bin/pa-guard"
  chmod +x "$prefix/bin/pa-guard"
else
  pulumi_version="$(node -p "require(process.argv[1]).devDependencies['@pulumi/pulumi']" "$ACTION_PATH/package.json")"
  npm install --global --prefix "$prefix" --no-audit --no-fund \
    "pulumi-azure-privileged-access-guard@$GUARD_VERSION" "@pulumi/pulumi@$pulumi_version"
fi
echo "$prefix/bin" >> "$GITHUB_PATH"
