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

# The README's way to try the service, verbatim: it must be serving the sign-in page (within ten
# minutes: its swift build has nothing left to build here).
try_it=$(awk '$0 == "<!-- quick-start-serve -->" {found=1; next} found && /^```/ {if (inblock) exit; inblock=1; next} inblock {print; exit}' README.md)
echo "+ $try_it"
bash -c "$try_it" > /tmp/board-try-it.log 2>&1 &
try_it_pid=$!
served=""
for _ in $(seq 1200); do
    if python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8080/sign-in', timeout=2)" 2>/dev/null; then
        served=yes
        break
    fi
    sleep 0.5
done
# The job is bash running the command, or board serve itself when bash handed it its process.
pkill -P "$try_it_pid" || true
kill "$try_it_pid" 2>/dev/null || true
wait "$try_it_pid" || true
[ -n "$served" ] || { cat /tmp/board-try-it.log; echo "the README's board serve did not serve" >&2; exit 1; }
echo "the README's board serve served its sign-in page"
if [ -n "$browser_missing" ]; then
    echo "browser and accessibility tests skipped: $browser_missing"
    python3 -m pytest -q -s Tests/serve/load_test.py
else
    python3 -m pytest -q -s Tests/serve/browser_test.py Tests/serve/accessibility_test.py Tests/serve/load_test.py
fi
