#!/bin/sh
# Refreshes docs/images/bench-report.png, the README's picture of a bench report: builds the jar, runs
# bench --tls --rtt 50ms with --report into target/, and renders that file in Debian's headless Chromium (package chromium).
# Run from the repository's root; ROUNDS= sets the page loads per mode (default 200), extra arguments go to Maven (such as -o).
set -eu
rounds=${ROUNDS:-200}
mvn -q -B package -DskipTests "$@"
java -jar target/keepalive-lab.jar bench --tls --rtt 50ms --rounds "$rounds" --report target/bench-report.html | tee target/bench-report.txt
command -v chromium >/dev/null 2>&1 || { echo "bench-report.sh: chromium not found: apt-get install chromium" >&2; exit 1; }
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
chromium --headless=new --no-sandbox --disable-gpu --no-first-run --user-data-dir="$profile" --hide-scrollbars \
  --window-size=1120,2150 --screenshot="$PWD/docs/images/bench-report.png" "file://$PWD/target/bench-report.html" 2>/dev/null
echo "wrote docs/images/bench-report.png from target/bench-report.html"
