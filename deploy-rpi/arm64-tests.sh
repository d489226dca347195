#!/usr/bin/env bash
# Cross-builds the unit and database tests for arm64 and runs them under qemu-aarch64-static:
# the Raspberry Pi step of `deploy-rpi/dev.sh test`. Needs the arm64 packages of
# deploy-rpi/packages-dev.txt (dev.sh installs them).
#
# Builds only the test programs that the test preset arm64-tests selects (labels unit and db;
# no network, slow or ui tests; no GUI) to keep the step short. CMake runs each program through
# qemu (CMAKE_CROSSCOMPILING_EMULATOR in deploy-rpi/toolchain-aarch64.cmake), so binfmt_misc
# is not needed. Tests that start other arm64 programs as child processes would need it, and
# are excluded by name in the preset (test_kiosk_command_line).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$here/.."

command -v qemu-aarch64-static >/dev/null || {
    echo "error: qemu-aarch64-static is missing (apt-get install qemu-user-static)" >&2
    exit 1
}
cmake --preset arm64-tests >/dev/null
# The programs of the selected tests: the argument after qemu's "-L DIR" in each command.
mapfile -t targets < <(ctest --preset arm64-tests --show-only=json-v1 | python3 -c '
import json, os, sys
for test in json.load(sys.stdin)["tests"]:
    command = test.get("command", [])
    if command and command[0].endswith("qemu-aarch64-static"):
        print(os.path.basename(command[3]))
')
if [ ${#targets[@]} -eq 0 ]; then
    echo "error: the test preset arm64-tests selects no arm64 test programs" >&2
    exit 1
fi
cmake --build --preset arm64-tests --target "${targets[@]}"
ctest --preset arm64-tests
