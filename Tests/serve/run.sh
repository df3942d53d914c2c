#!/usr/bin/env bash
# The submission service as people and a deadline meet it: a course leader in Chromium, axe-core over
# every page, and 200 sessions submitting at once on loopback. Installs what they need (Debian's
# chromium and chromium-driver; selenium and axe-selenium-python from PyPI); the browser tests say
# "skipped" with the reason only where those cannot be installed. They run the debug build of board that
# swift test made (a release build of the service's dependencies would add more than ten minutes).
set -euo pipefail
cd "$(dirname "$0")/../.."

browser_missing=""
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    { apt-get update -qq && apt-get install -y -qq chromium chromium-driver >/dev/null; } \
        || browser_missing="Debian's chromium and chromium-driver could not be installed"
fi
# axe-selenium-python 3.0.0 carries axe-core 4.10 (WCAG 2.1 rules); it declares Python 3.12 but is
# plain Python that runs on 3.11. Its 2.1.6, for 3.11, carries axe-core 3.1, which knows no WCAG 2.1.
if [ -z "$browser_missing" ]; then
    { python3 -m pip install -q --disable-pip-version-check selenium requests pytest \
        && python3 -m pip install -q --disable-pip-version-check --ignore-requires-python "axe-selenium-python==3.0.0"; } \
        || browser_missing="selenium and axe-selenium-python could not be installed from PyPI"
else
    python3 -m pip install -q --disable-pip-version-check requests pytest
fi

swift build --product board
export BOARD_BIN="$(swift build --show-bin-path)/board"
if [ -n "$browser_missing" ]; then
    echo "browser and accessibility tests skipped: $browser_missing"
    python3 -m pytest -q -s Tests/serve/load_test.py
else
    python3 -m pytest -q -s Tests/serve/browser_test.py Tests/serve/accessibility_test.py Tests/serve/load_test.py
fi
