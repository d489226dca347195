#!/usr/bin/env bash
# Runs shellcheck (all checks, style included) on every shell script in the repository: files named
# *.sh and files whose first line is a sh/bash shebang (dev.sh, .ci/run, the maintainer
# scripts, display-power, …). Build directories are skipped.
#
# Usage: shellcheck_test.sh SOURCE_DIR
set -euo pipefail

src=${1:?usage: shellcheck_test.sh SOURCE_DIR}
cd "$src"
command -v shellcheck >/dev/null || {
    echo "FAIL: shellcheck is missing (apt-get install shellcheck; deploy-rpi/packages-dev.txt)"
    exit 1
}
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    mapfile -t files < <(git ls-files -co --exclude-standard)
else
    mapfile -t files < <(find . -path ./build -prune -o -path ./.git -prune -o -type f -print | sed 's|^\./||')
fi
scripts=()
for file in "${files[@]}"; do
    [ -f "$file" ] || continue
    case "$file" in build/* | out/*) continue ;; esac
    if [[ "$file" == *.sh ]] || head -n 1 "$file" 2>/dev/null | grep -Eq '^#!.*[/ ](ba|da)?sh([[:space:]]|$)'; then
        scripts+=("$file")
    fi
done
[ ${#scripts[@]} -gt 0 ] || { echo "FAIL: found no shell scripts"; exit 1; }
printf 'checking %d scripts:\n' "${#scripts[@]}"
printf '  %s\n' "${scripts[@]}"
shellcheck --external-sources "${scripts[@]}"
echo "ok: all clean"
