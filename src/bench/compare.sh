#!/usr/bin/env bash
# The lab beside nginx and beside the test servers a client tester would pick instead (WireMock, OkHttp's MockWebServer,
# MockServer: "the peers", src/bench/lib/peers.sh), on this machine, in one run: the same page and JPEG bytes, each
# server pinned to one core and the load generator (wrk, ab) to another, the servers' rounds alternating, medians of
# the rounds. The peers are measured where a client tester uses them: image keep-alive with 6 and 64 connections,
# the page with 64, a new HTTP/1.0 connection per request (ab-6), the first 10 s after the start, and their resident
# memory after those loads; the TLS rows, close-6, ab-k-6 and log-64 are the lab beside nginx.
#
#   mvn -q package -DskipTests && src/bench/compare.sh
#   src/bench/compare.sh --report     # the table of the last run again, from OUT
#
# Installs no package; says what is missing (java, nginx, wrk, ab, taskset, curl; for the peers mvn, which builds
# src/bench/peers once, fetching its jars from Maven Central if the local repository lacks them; for the TLS rows also openssl and h2load, Debian nghttp2-client). The TLS rows serve one
# certificate from the lab and nginx: an EC P-256 key and a self-signed
# certificate made with openssl for each run in the run's temporary directory (the lab reads it as PKCS12 through
# --keystore, nginx as PEM), deleted with it. Every load run is bounded
# (DURATION seconds, and killed DURATION + 30 s later if it hangs). Everything listens on 127.0.0.1 only.
# Environment (defaults): DURATION=10 seconds per measured run; before measuring, each lab instance and each peer is loaded with
# each of its tools in WARMUP_WINDOW=2 s windows until two windows in a row are within STEADY_PCT=5 % of each other (the
# JIT has settled: on one core it took 12 to 20 s plain, 40 to 60 s over TLS), at most WARMUP_CAP=60 s a load (TLS:
# TLS_WARMUP=120), and the table says what each took; ROUNDS=3, SERVER_CPU=0, LOAD_CPU=1, PORT_BASE=18600 (nine ports from it,
# then more for the peers and the first-10s servers),
# LAB_LAUNCH=readme (start the lab as the README does, with bin/keepalive-lab: the build's AOT cache on the runtime it linked
# when there is one, else java with the recommended flags; "java" starts "$LAB_JAVA $LAB_JAVA_OPTS -jar" instead, the default when either
# is set), LAB_JAVA_OPTS="-XX:+UseSerialGC -Xms32m -Xmx128m -Djdk.reflect.useNativeAccessorOnly=true -XX:TrimNativeHeapInterval=1000" (JVM flags for the lab: the
# README's recommended ones), LAB_NMT=-XX:NativeMemoryTracking=summary (added to every lab instance's JVM flags, so that the
# table can say what the JVM's memory holds; it costs the lab about 1 MB; LAB_NMT= for none), LAB_JAVA=java (the
# lab's JVM, e.g. /usr/lib/jvm/temurin-25-jdk-amd64/bin/java), LAB_ARGS= (lab flags added to every lab instance, e.g. --engine servlet),
# PEERS="wiremock mockwebserver mockserver" (the peers measured; PEERS= for the lab and nginx only), PEER_JAVA= (the peers' JVM;
# by default the java the lab's process runs on), PEER_JAVA_OPTS= (the peers' JVM flags: none, the JVM's defaults, as their
# docs start them; e.g. PEER_JAVA_OPTS="$LAB_JAVA_OPTS" to give them the lab's),
# NOISE_LIMIT=5 (% of a core other processes may use during a run
# before it is repeated, at most twice), QUIET_WAIT=30 (seconds to wait for a quiet machine before each run),
# ONLY= (scenario ids to run, e.g. "image-64 log-64"; all by default; first-10s is the start: a fresh lab, a fresh nginx and a
# fresh instance of each peer, each loaded with wrk -c6 keep-alive from its first answer until 10 s after its start line,
# ROUNDS times, before the others), LAB_TLS_VARIANTS= (more lab TLS instances measured
# beside the lab and nginx in the same rounds, for A/B of TLS levers: lines "name|scenario ids|java|JVM flags", e.g.
# "jdk25|h2-image tls-image-6|/usr/lib/jvm/temurin-25-jdk-amd64/bin/java|-XX:+UseSerialGC -Xms32m -Xmx128m"; each gets its
# own table row per scenario), OUT=target/bench-compare (where runs.tsv,
# the tools' output and table.md go). The table takes medians over the quiet runs of each row, or over all its
# runs, marked *, when none was quiet.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
JAR=${JAR:-$root/target/keepalive-lab.jar}
DURATION=${DURATION:-10}
WARMUP_WINDOW=${WARMUP_WINDOW:-2}
WARMUP_CAP=${WARMUP_CAP:-60}
STEADY_PCT=${STEADY_PCT:-5}
TLS_WARMUP=${TLS_WARMUP:-120}
ROUNDS=${ROUNDS:-3}
SERVER_CPU=${SERVER_CPU:-0}
LOAD_CPU=${LOAD_CPU:-1}
PORT_BASE=${PORT_BASE:-18600}
if [[ -n ${LAB_JAVA+set}${LAB_JAVA_OPTS+set} ]]; then LAB_LAUNCH=${LAB_LAUNCH:-java}; else LAB_LAUNCH=${LAB_LAUNCH:-readme}; fi
LAB_JAVA_OPTS=${LAB_JAVA_OPTS:--XX:+UseSerialGC -Xms32m -Xmx128m -Djdk.reflect.useNativeAccessorOnly=true -XX:TrimNativeHeapInterval=1000}
LAB_ARGS=${LAB_ARGS:-}
LAB_NMT=${LAB_NMT--XX:NativeMemoryTracking=summary}
LAB_JAVA=${LAB_JAVA:-java}
NOISE_LIMIT=${NOISE_LIMIT:-5}
QUIET_WAIT=${QUIET_WAIT:-30}
ONLY=${ONLY:-}
LAB_TLS_VARIANTS=${LAB_TLS_VARIANTS:-}
PEERS=${PEERS-wiremock mockwebserver mockserver}
PEER_JAVA=${PEER_JAVA:-}
PEER_JAVA_OPTS=${PEER_JAVA_OPTS-}
OUT=${OUT:-$root/target/bench-compare}

say() { echo "compare: $*" >&2; }
die() { say "$1"; exit "${2:-1}"; }
# shellcheck source=lib/peers.sh
source "$here/lib/peers.sh"
check_peers

# --- the scenarios -------------------------------------------------------------------------------------------
# id | what | tool | connections | path | server setup (lab-* and nginx-* instance) | target
all_scenarios=(
  "image-6|image, keep-alive, 6 connections|wrk|6|/test1.jpg|keep-alive|>= 1.0"
  "image-64|image, keep-alive, 64 connections|wrk|64|/test1.jpg|keep-alive|>= 1.0"
  "page-64|the page, keep-alive, 64 connections|wrk|64|/|keep-alive|>= 1.0"
  "close-6|image, server policy close, 6 connections|wrk|6|/test1.jpg|close|>= 1.0"
  "ab-k-6|image, HTTP/1.0 ab -k (keep-alive), 6 connections|ab-k|6|/test1.jpg|keep-alive|>= 1.0"
  "ab-6|image, HTTP/1.0 ab (close), 6 connections|ab|6|/test1.jpg|keep-alive|>= 1.0"
  "log-64|image, keep-alive, 64 connections, access log on|wrk|64|/test1.jpg|access-log|cost <= 5 %"
  "h2-image|image, HTTP/2 over TLS, 6 connections x 10 streams|h2load|6|/test1.jpg|tls|>= 1.0"
  "tls-image-6|image, HTTP/1.1 over TLS, keep-alive, 6 connections|wrk|6|/test1.jpg|tls|>= 1.0"
  "tls-handshake|image, a new TLS connection per request (full handshake, HTTP/1.0), 6 clients|s_time-new|6|/test1.jpg|tls|>= 1.0"
  "tls-resume|image, a new connection per request, TLS session resumed (HTTP/1.0), 6 clients|s_time-reuse|6|/test1.jpg|tls|(none: for comparison)"
)
scenarios=()
for line in "${all_scenarios[@]}"; do
  [[ -z $ONLY || " $ONLY " == *" ${line%%|*} "* ]] && scenarios+=("$line")
done
first10=0 # whether to measure the first 10 s after the start line
[[ -z $ONLY || " $ONLY " == *" first-10s "* ]] && first10=1
peers_wanted=$first10 # the peers run only where a chosen row measures them
for line in "${scenarios[@]}"; do
  [[ $peer_rows == *" ${line%%|*} "* ]] && peers_wanted=1
done
((peers_wanted)) || peers=()
((${#scenarios[@]} || first10)) || die "ONLY=$ONLY names no scenario" 2
[[ $LAB_LAUNCH == readme || $LAB_LAUNCH == java ]] || die "LAB_LAUNCH=$LAB_LAUNCH: allowed is readme or java" 2
tls=0 # whether any chosen scenario needs the TLS servers
for line in "${scenarios[@]}"; do
  [[ $line == *"|tls|"* ]] && tls=1
done
declare -A variant_java=() variant_opts=() variant_scenarios=()
variants=()
while IFS='|' read -r name ids java opts; do
  [[ -n $name && $name != \#* ]] || continue
  [[ $name =~ ^[a-z0-9-]+$ && -n $java ]] || die "LAB_TLS_VARIANTS: '$name|$ids|$java|$opts' is not 'name|scenario ids|java|JVM flags' (name: a-z, 0-9, -)" 2
  variants+=("v-$name")
  variant_java[v-$name]=$java variant_opts[v-$name]=$opts variant_scenarios[v-$name]=" $ids "
done <<<"$LAB_TLS_VARIANTS"
((${#variants[@]} == 0 || tls)) || die "LAB_TLS_VARIANTS needs a TLS scenario in ONLY" 2
servers_of() { # scenario id: who is measured, the lab first
  local v
  echo lab
  for v in "${variants[@]}"; do
    [[ ${variant_scenarios[$v]} == *" $1 "* ]] && echo "$v"
  done
  echo nginx
  [[ $peer_rows == *" $1 "* ]] && printf '%s\n' "${peers[@]}"
  return 0
}
tool_label() { # the table's name of a load tool
  case $1 in
    ab-k) echo "ab -k" ;;
    s_time-new) echo "openssl s_time -new" ;;
    s_time-reuse) echo "openssl s_time -reuse" ;;
    *) echo "$1" ;;
  esac
}

# Prints: req/s p50-ms p99-ms errors (failed requests, socket errors, non-2xx)
parse() {
  awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v + 0 }
    /^Requests\/sec:/ { rps = $2 }
    /^Requests per second:/ { rps = $4 }
    /^ +50% / { p50 = ms($2) }
    /^ +99% / { p99 = ms($2) }
    /^finished in .* req\/s/ { rps = $4 }
    /^requests: .* failed/ { errors += $10 }
    /^status codes: / { errors += $5 + $7 + $9 }
    /Socket errors:/ { gsub(",", ""); errors += $4 + $6 + $8 + $10 }
    /Non-2xx or 3xx responses:/ { errors += $5 }
    /^Failed requests:/ { errors += $3 }
    /^Non-2xx responses:/ { errors += $3 }
    /^Write errors:/ { errors += $3 }
    END { if (rps == "") { print "0 0 0 1" } else { printf "%s %.3f %.3f %d\n", rps, p50, p99, errors } }' "$1"
}

# --- the table: medians of runs.tsv ---------------------------------------------------------------------------
quiet_runs() { # scenario server: how many of its runs were quiet
  awk -F'\t' -v s="$1" -v srv="$2" -v l="$NOISE_LIMIT" '$2 == s && $3 == srv && $9 <= l && $10 <= l { n++ } END { print n + 0 }' "$runs"
}
median() { # scenario server column (or cpu: the server's own CPU microseconds per request): over the quiet runs, or all runs if none was quiet
  local quiet_only=$(($(quiet_runs "$1" "$2") > 0))
  awk -F'\t' -v s="$1" -v srv="$2" -v col="$3" -v q="$quiet_only" -v l="$NOISE_LIMIT" \
    '$2 == s && $3 == srv && (!q || ($9 <= l && $10 <= l)) { print (col == "cpu" ? ($4 > 0 ? $12 * 1e4 / $4 : 0) : $col) }' "$runs" | sort -g |
    awk '{ v[NR] = $1 } END { if (NR == 0) print 0; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
total() { awk -F'\t' -v s="$1" -v col="$2" '$2 == s { n += $col } END { print n + 0 }' "$runs"; }
errors_of() { # scenario servers...: the errors of each server's runs, "lab / nginx / peers"
  local server out=""
  for server in "${@:2}"; do
    out+="${out:+ / }$(awk -F'\t' -v s="$1" -v srv="$server" '$2 == s && $3 == srv { n += $7 } END { print n + 0 }' "$runs")"
  done
  echo "$out"
}
num() { awk -v v="$1" -v f="$2" 'BEGIN { printf f, v }'; }
mark() { (($(quiet_runs "$1" "$2") > 0)) || echo '*'; }
spread() { # scenario server: min-max req/s over the runs the median takes
  local quiet_only=$(($(quiet_runs "$1" "$2") > 0))
  awk -F'\t' -v s="$1" -v srv="$2" -v q="$quiet_only" -v l="$NOISE_LIMIT" \
    '$2 == s && $3 == srv && (!q || ($9 <= l && $10 <= l)) { v = $4 + 0; if (n++ == 0 || v < lo) lo = v; if (v > hi) hi = v }
     END { if (n) printf "%.0f-%.0f", lo, hi; else printf "n/a" }' "$runs"
}
ratios() { # scenario: lab/nginx of each round
  awk -F'\t' -v s="$1" '$2 == s { r[$1, $3] = $4; if ($1 > last) last = $1 }
    END { for (i = 1; i <= last; i++) { if (r[i, "nginx"] > 0) printf "%s%.2f", (i > 1 ? ", " : ""), r[i, "lab"] / r[i, "nginx"] } }' "$runs"
}

# file column: the peers measured in this run, in the order of known_peers (from runs.tsv, whose servers are in
# column 3, or first10.tsv, column 2; so that --report needs no PEERS).
run_peers() {
  local peer
  for peer in $known_peers; do
    awk -F'\t' -v p="$peer" -v c="$2" '$c == p { found = 1 } END { exit !found }' "$1" && echo "$peer"
  done
  return 0
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else printf "n/a" }'; }

# Prints the table from $runs and the facts startup_ms, rss_now_mb, rss_peak_mb, lab_java_opts, resident[server].
report() {
  local peer cells all_servers
  local -a measured
  mapfile -t measured < <(run_peers "$runs" 3)
  printf '| scenario | tool | lab req/s | lab p50 / p99 | nginx req/s | nginx p50 / p99 | lab/nginx |'
  for peer in "${measured[@]}"; do printf ' %s req/s (lab/%s) |' "$(peer_label "$peer")" "$(peer_label "$peer")"; done
  printf ' target | errors lab / nginx%s | server CPU lab / nginx%s | quiet runs lab / nginx%s |\n' "${measured:+ / peers}" "${measured:+ / peers}" "${measured:+ / peers}"
  printf '|---|---|---:|---:|---:|---:|---:|'
  for peer in "${measured[@]}"; do printf -- '---:|'; done
  printf -- '---|---:|---:|---:|\n'
  for line in "${scenarios[@]}"; do
    IFS='|' read -r id what tool connections path setup target <<<"$line"
    awk -F'\t' -v s="$id" '$2 == s { found = 1 } END { exit !found }' "$runs" || continue
    lab_rps=$(median "$id" lab 4)
    nginx_rps=$(median "$id" nginx 4)
    local lab_latency nginx_latency cpu quiet
    if [[ $tool == s_time* ]]; then # s_time reports no latencies
      lab_latency="n/a" nginx_latency="n/a"
    else
      lab_latency="$(num "$(median "$id" lab 5)" '%.2f') / $(num "$(median "$id" lab 6)" '%.2f') ms"
      nginx_latency="$(num "$(median "$id" nginx 5)" '%.2f') / $(num "$(median "$id" nginx 6)" '%.2f') ms"
    fi
    cells="" cpu="$(median "$id" lab 8)% / $(median "$id" nginx 8)%" quiet="$(quiet_runs "$id" lab) / $(quiet_runs "$id" nginx)"
    for peer in "${measured[@]}"; do
      if (($(awk -F'\t' -v s="$id" -v p="$peer" '$2 == s && $3 == p { n++ } END { print n + 0 }' "$runs"))); then
        rps=$(median "$id" "$peer" 4)
        cells+=" $(num "$rps" '%.0f')$(mark "$id" "$peer") ($(ratio "$lab_rps" "$rps")) |"
        cpu+=" / $(median "$id" "$peer" 8)%" quiet+=" / $(quiet_runs "$id" "$peer")"
      else
        cells+=" - |"
      fi
    done
    printf '| %s | %s | %s | %s | %s | %s | %s |%s %s | %s | %s | %s |\n' "$what" "$(tool_label "$tool")" \
      "$(num "$lab_rps" '%.0f')$(mark "$id" lab)" "$lab_latency" "$(num "$nginx_rps" '%.0f')$(mark "$id" nginx)" "$nginx_latency" \
      "$(ratio "$lab_rps" "$nginx_rps")" "$cells" "$target" "$(errors_of "$id" lab nginx "${measured[@]}")" "$cpu" "$quiet"
  done
  if [[ -n ${resident[lab]:-} ]]; then
    memory() { local -a v; read -ra v <<<"${resident[$1]:-}"; ((${#v[@]})) && echo "${v[0]} (peak ${v[1]})" || echo "-"; }
    cells=""
    for peer in "${measured[@]}"; do cells+=" $(memory "$peer") |"; done
    printf '| resident memory after the loads, MB (VmRSS, peak VmHWM) | | %s | | %s | | |%s | | | |\n' "$(memory lab)" "$(memory nginx)" "$cells"
  fi
  echo
  echo "Spread over the rounds (min-max req/s of the runs the medians take; lab/nginx per round; the server's own CPU per request):"
  for line in "${scenarios[@]}"; do
    IFS='|' read -r id what tool connections path setup target <<<"$line"
    awk -F'\t' -v s="$id" '$2 == s { found = 1 } END { exit !found }' "$runs" || continue
    all_servers="lab nginx"
    for peer in "${measured[@]}"; do
      awk -F'\t' -v s="$id" -v p="$peer" '$2 == s && $3 == p { found = 1 } END { exit !found }' "$runs" && all_servers+=" $peer"
    done
    cells="" cpu=""
    for server in $all_servers; do
      cells+="${cells:+, }$(peer_label "$server") $(spread "$id" "$server")"
      cpu+="${cpu:+ / }$(num "$(median "$id" "$server" cpu)" '%.0f')"
    done
    echo "- $id: $cells; per round lab/nginx $(ratios "$id"); server CPU per request ${all_servers// / \/ }: $cpu µs"
  done
  local v variant_rows
  variant_rows=$(awk -F'\t' 'NR > 1 && $3 ~ /^v-/ { print $2 "\t" $3 }' "$runs" | awk '!seen[$0]++')
  if [[ -n $variant_rows ]]; then
    echo
    echo "TLS levers: further lab instances, measured in the same rounds as the lab and nginx (rotating order); medians, min-max over the rounds, the server process's own CPU per request:"
    echo
    echo "| scenario | lab instance | req/s | min-max | vs the lab | vs nginx | server CPU per request | quiet runs |"
    echo "|---|---|---:|---:|---:|---:|---:|---:|"
    local id server base ngx rps
    for line in "${scenarios[@]}"; do
      id=${line%%|*}
      grep -q "^$id"$'\t' <<<"$variant_rows" || continue
      base=$(median "$id" lab 4) ngx=$(median "$id" nginx 4)
      for server in lab $(awk -F'\t' -v s="$id" '$1 == s { print $2 }' <<<"$variant_rows") nginx; do
        rps=$(median "$id" "$server" 4)
        printf '| %s | %s | %s%s | %s | %s | %s | %s µs | %s |\n' "$id" "$server" "$(num "$rps" '%.0f')" "$(mark "$id" "$server")" "$(spread "$id" "$server")" \
          "$(awk -v a="$rps" -v b="$base" 'BEGIN { printf (b > 0 ? "%.2f" : "n/a"), a / b }')" \
          "$(awk -v a="$rps" -v b="$ngx" 'BEGIN { printf (b > 0 ? "%.2f" : "n/a"), a / b }')" \
          "$(num "$(median "$id" "$server" cpu)" '%.0f')" "$(quiet_runs "$id" "$server")"
      done
    done
    echo
    echo "The instances (LAB_TLS_VARIANTS, name|scenarios|java|JVM flags):"
    while IFS= read -r v; do
      [[ -n $v && $v != \#* ]] && echo "- v-$v"
    done <<<"$LAB_TLS_VARIANTS"
  fi
  if [[ -f $OUT/tls.txt ]]; then
    echo
    cat "$OUT/tls.txt"
  fi
  echo
  for server in lab nginx; do
    awk -F'\t' '$2 == "log-64" { with_log = 1 } $2 == "image-64" { without = 1 } END { exit !(with_log && without) }' "$runs" || continue
    awk -v s="$server" -v on="$(median log-64 "$server" 4)" -v off="$(median image-64 "$server" 4)" \
      'BEGIN { if (off > 0) printf "Access log cost, %s: %.1f %% (%.0f req/s with the log, %.0f without).\n", s, 100 * (1 - on / off), on, off }'
  done
  [[ -z ${warmup_report:-} ]] || echo "Warm-up until steady (each load, seconds it took): ${warmup_report%; }."
  echo "Lab (${lab_java_version:-java}): ${startup_ms} ms from the start line to the first served image; resident memory ${rss_now_mb} MB after the runs, peak ${rss_peak_mb} MB (JVM flags: ${lab_java_opts:-none}; lab flags: ${lab_args:-none})."
  [[ -z ${lab_memory:-} ]] || echo "Lab instance of the image and page rows, after the runs: $lab_memory."
  [[ -z ${lab_tls_memory:-} ]] || echo "Lab instance of the TLS and HTTP/2 rows, after the runs: $lab_tls_memory."
  [[ -z ${peer_versions:-} ]] || echo "Peers (${peer_versions}; ${peer_java_version:-java}, JVM flags: ${peer_java_opts:-none}): each serves the lab's page and JPEG bytes from memory with the lab's Content-Types (checked with cmp before measuring), started as its docs start it for speed (src/bench/lib/peers.sh). The lab starts with the build's AOT cache (the README's launch); the peers have none."
  echo "Medians of alternating rounds, over the quiet runs (* where no run was quiet: all runs); latencies in ms (ab reports whole ms). Runs repeated because other processes used more than ${NOISE_LIMIT} % of a core: $(awk -F'\t' 'NR > 1 { n += $11 - 1 } END { print n + 0 }' "$runs"); kept although still noisy: $(awk -F'\t' -v l="$NOISE_LIMIT" 'NR > 1 && ($9 > l || $10 > l) { n++ } END { print n + 0 }' "$runs")."
}

# The first 10 s after the start line, from first10.tsv (round server requests first_image_ms errors foreign_pct).
first10_report() {
  [[ -s ${first10_runs:-} ]] || return 0
  local server values
  first10_stat() { # server column: median (min-max) over the quiet runs, or over all, marked *, when none was quiet
    awk -F'\t' -v s="$1" -v c="$2" -v l="$NOISE_LIMIT" '$2 == s { all[++n] = $c; if ($6 <= l) quiet[++q] = $c }
      END { if (q) { for (i = 1; i <= q; i++) v[i] = quiet[i]; m = q } else { for (i = 1; i <= n; i++) v[i] = all[i]; m = n }
            for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
            med = m % 2 ? v[(m + 1) / 2] : (v[m / 2] + v[m / 2 + 1]) / 2
            printf "%.0f%s (%.0f-%.0f)", med, q ? "" : "*", v[1], v[m] }' "$first10_runs"
  }
  echo "The first 10 s after the start line (a fresh server per run, pinned as above; wrk -t1 -c6 keep-alive on the image from the"
  echo "first answer until 10 s after the start line; $(awk -F'\t' '$2 == "lab" { n++ } END { print n + 0 }' "$first10_runs") runs each, the order rotating by one each round; lab: ${first10_jvm:-?}):"
  echo
  echo "| server | requests served in the first 10 s (median, min-max) | start line to the first image, ms (median, min-max) | errors | quiet runs |"
  echo "|---|---:|---:|---:|---:|"
  for server in lab nginx $(run_peers "$first10_runs" 2); do
    printf '| %s | %s | %s | %s | %s |\n' "$(peer_label "$server")" "$(first10_stat "$server" 3)" "$(first10_stat "$server" 4)" \
      "$(awk -F'\t' -v s="$server" '$2 == s { n += $5 } END { print n + 0 }' "$first10_runs")" \
      "$(awk -F'\t' -v s="$server" -v l="$NOISE_LIMIT" '$2 == s && $6 <= l { n++ } END { print n + 0 }' "$first10_runs")"
  done
  echo
  for server in nginx $(run_peers "$first10_runs" 2); do
    awk -F'\t' -v other="$server" -v label="$(peer_label "$server")" '{ r[$1, $2] = $3; if ($1 > last) last = $1 }
      END { for (i = 1; i <= last; i++) if (r[i, other] > 0) { x = r[i, "lab"] / r[i, other]; v[++n] = x; s = s sprintf("%s%.2f", n > 1 ? ", " : "", x) }
            for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
            if (n) printf "lab/%s, requests in the first 10 s: median of the rounds %.2f (per round %s)%s.\n", label, n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2, s, other == "nginx" ? "; target >= 0.9" : "" }' "$first10_runs"
  done
  echo "Target for the first image: <= 1000 ms."
  echo
}

runs=$OUT/runs.tsv
first10_runs=$OUT/first10.tsv
declare -A resident=() # server: "now peak" resident MB after the loads (the facts file sets them)
if [[ ${1:-} == --report ]]; then # the table of an earlier run, from OUT
  [[ (-f $runs || -f $first10_runs) && -f $OUT/facts ]] || die "no earlier run in $OUT" 2
  # shellcheck source=/dev/null
  source "$OUT/facts"
  first10_report
  [[ ! -s $runs ]] || report
  exit 0
fi

# --- what the run needs --------------------------------------------------------------------------------------
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
missing=()
tools=("$LAB_JAVA":openjdk-17-jre-headless "$NGINX":nginx wrk:wrk ab:apache2-utils taskset:util-linux curl:curl)
((tls)) && tools+=(openssl:openssl h2load:nghttp2-client)
((${#peers[@]})) && [[ -n $PEER_JAVA ]] && tools+=("$PEER_JAVA":openjdk-17-jre-headless)
for tool in "${tools[@]}"; do
  command -v "${tool%%:*}" >/dev/null 2>&1 || missing+=("$(basename "${tool%%:*}") (Debian package ${tool#*:})")
done
if ((${#missing[@]})); then
  die "missing: ${missing[*]}. Install them (e.g. apt-get install nginx wrk apache2-utils nghttp2-client) and run again." 2
fi
[[ -f $JAR ]] || die "$JAR not found: build it first with mvn -q package -DskipTests" 2
for knob in DURATION ROUNDS WARMUP_WINDOW WARMUP_CAP TLS_WARMUP STEADY_PCT; do
  [[ ${!knob} =~ ^[0-9]+$ && ${!knob} -ge 1 ]] || die "$knob=${!knob}: allowed is a whole number of at least 1" 2
done
((ROUNDS >= 3)) || say "ROUNDS=$ROUNDS is below the 3 the method asks for"
cpus=$(nproc --all)
((SERVER_CPU < cpus && LOAD_CPU < cpus && SERVER_CPU != LOAD_CPU)) ||
  die "SERVER_CPU=$SERVER_CPU and LOAD_CPU=$LOAD_CPU must be two different CPUs of the $cpus here" 2

declare -A port=(
  [lab-keep-alive]=$PORT_BASE [lab-close]=$((PORT_BASE + 1)) [lab-access-log]=$((PORT_BASE + 2))
  [nginx-keep-alive]=$((PORT_BASE + 3)) [nginx-close]=$((PORT_BASE + 4)) [nginx-access-log]=$((PORT_BASE + 5))
  [lab-tls]=$((PORT_BASE + 6)))
# HTTPS: the lab's TLS instance offers h2 and http/1.1 by ALPN on its --https-port, nginx on "listen ... ssl http2".
declare -A https_port=([lab-tls]=$((PORT_BASE + 7)) [nginx-tls]=$((PORT_BASE + 8)))
next=$((PORT_BASE + 9))
for v in "${variants[@]}"; do
  port[$v-tls]=$next https_port[$v-tls]=$((next + 1))
  next=$((next + 2))
done
# first-10s: a lab and an nginx of their own, started fresh for each run (nginx's template needs three ports)
port[first10-lab]=$next port[first10-nginx]=$((next + 1)) port[first10-nginx-close]=$((next + 2)) port[first10-nginx-log]=$((next + 3))
next=$((next + 4))
for peer in "${peers[@]}"; do # each peer: one for the rows, one started fresh for each first-10s run
  port[$peer-keep-alive]=$next port[first10-$peer]=$((next + 1))
  next=$((next + 2))
done
for p in "${port[@]}" "${https_port[@]}"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
    die "port $p on 127.0.0.1 is taken: choose other ports with PORT_BASE" 2
  fi
done
url() { # instance path: where the load goes
  if [[ -n ${https_port[$1]:-} ]]; then
    echo "https://127.0.0.1:${https_port[$1]}$2"
  else
    echo "http://127.0.0.1:${port[$1]}$2"
  fi
}

work=$(mktemp -d /tmp/compare.XXXXXX)
chmod 755 "$work" # nginx's workers run as another user and read root/ from here
declare -A pid=()
cleanup() {
  local name
  for name in "${!pid[@]}"; do
    kill "${pid[$name]}" 2>/dev/null || true
  done
  for name in "${!pid[@]}"; do
    wait "${pid[$name]}" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
build_peers

# --- CPU accounting: who used the two cores during a run -----------------------------------------------------
# Ticks of one core: user+nice+system, the same plus irq and softirq (busy), and all ticks.
core_ticks() { awk -v cpu="cpu$1" '$1 == cpu { print $2 + $3 + $4, $2 + $3 + $4 + $7 + $8, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9 }' /proc/stat; }
# utime + stime of the given processes, all their threads included.
process_ticks() {
  local total=0 p
  for p in "$@"; do
    [[ -r /proc/$p/stat ]] && total=$((total + $(sed 's/^.*) //' "/proc/$p/stat" | awk '{ print $12 + $13 }')))
  done
  echo "$total"
}
# CPU time of this shell's waited-for children (the load generator), in ticks, into kids. Not in a pipe or $():
# there, times would report a subshell's.
children_ticks() {
  times >"$work/times"
  kids=$(tail -1 "$work/times" | awk -v hz="$(getconf CLK_TCK)" '{ n = 0; for (i = 1; i <= 2; i++) { split($i, t, /[ms]/); n += (t[1] * 60 + t[2]) * hz } printf "%d\n", n }')
}
# Waits (at most QUIET_WAIT s) until, over one second, other processes use at most NOISE_LIMIT % of either core; the
# servers, idle between runs, are among them.
await_quiet() {
  local deadline=$((SECONDS + QUIET_WAIT))
  local -a server_before load_before server_after load_after
  while true; do
    read -ra server_before <<<"$(core_ticks "$SERVER_CPU")"
    read -ra load_before <<<"$(core_ticks "$LOAD_CPU")"
    sleep 1
    read -ra server_after <<<"$(core_ticks "$SERVER_CPU")"
    read -ra load_after <<<"$(core_ticks "$LOAD_CPU")"
    if ((100 * (server_after[1] - server_before[1]) <= NOISE_LIMIT * (server_after[2] - server_before[2]) &&
      100 * (load_after[1] - load_before[1]) <= NOISE_LIMIT * (load_after[2] - load_before[2]))); then
      return
    fi
    if ((SECONDS >= deadline)); then
      say "  the machine is not quiet (other processes keep a core busy); measuring anyway"
      return
    fi
  done
}

server_pids() { # the lab's JVM, or nginx's master and its workers
  local master
  case $1 in
    nginx*) master=${pid[nginx]} ;;
    first10-nginx) master=${pid[first10-nginx]} ;;
    *) echo "${pid[$1]}"; return ;;
  esac
  echo "$master" "$(cat "/proc/$master/task/$master/children" 2>/dev/null)"
}

# --- starting the servers ------------------------------------------------------------------------------------
await_http() { # url name: polls (bounded) until the server answers
  local deadline=$((SECONDS + 90)) # MockServer, on one core of a busy machine, took up to 51 s
  until curl -sfk -o /dev/null "$1"; do
    kill -0 "${pid[$2]}" 2>/dev/null || die "$2 exited while starting: $(tail -3 "$work/$2.log")"
    ((SECONDS < deadline)) || die "$2 did not answer $1 within 90 s"
    sleep 0.01
  done
}

start_lab() { # name flags...: as the README runs it (LAB_LAUNCH=readme), or with LAB_JAVA and LAB_JAVA_OPTS
  local name=$1
  shift
  local -a launch=("$root/bin/keepalive-lab")
  # shellcheck disable=SC2206 # LAB_JAVA_OPTS holds several flags
  [[ $LAB_LAUNCH == java ]] && launch=("$LAB_JAVA" $LAB_JAVA_OPTS $LAB_NMT -jar "$JAR")
  # shellcheck disable=SC2086 # LAB_ARGS holds several flags
  KEEPALIVE_LAB_JAVA_OPTS="${KEEPALIVE_LAB_JAVA_OPTS:+$KEEPALIVE_LAB_JAVA_OPTS }$LAB_NMT" \
    taskset -c "$SERVER_CPU" "${launch[@]}" --host 127.0.0.1 --port "${port[$name]}" $LAB_ARGS "$@" >"$work/$name.log" 2>&1 &
  pid[$name]=$!
}
# instance: its resident memory now and at its peak, and what the JVM committed by Native Memory Tracking (LAB_NMT), MB.
lab_memory() {
  local p=${pid[$1]} summary
  local -a rss
  read -ra rss <<<"$(resident_mb "$1")"
  summary=$("$(dirname "$(readlink "/proc/$p/exe")")/jcmd" "$p" VM.native_memory summary 2>/dev/null) || summary=
  printf '%s MB resident (peak %s)' "${rss[0]}" "${rss[1]}"
  [[ $summary == *"Java Heap"* ]] || { echo "; jcmd could not read its Native Memory Tracking (LAB_NMT=$LAB_NMT)"; return; }
  awk -v rss="${rss[0]}" '
    function kb(line) { match(line, /committed=[0-9]+KB/); return substr(line, RSTART + 10, RLENGTH - 12) }
    /^Total:/ { total = kb($0) } /^- +Java Heap / { heap = kb($0) } /^- +Code / { code = kb($0) } /^- +Thread / { thread = kb($0) }
    /^- +Class / { class = kb($0) } /^- +Metaspace / { meta = kb($0) } /^- +Shared class space / { shared = kb($0) }
    END { m = 1024; printf "; the JVM committed %d (Native Memory Tracking): heap %d, code cache %d, metaspace and class space %d, shared classes (CDS or the AOT cache) %d, thread stacks %d, other %d; resident minus committed (libjvm.so and the other mapped libraries, malloc'"'"'s own overhead, less committed pages never touched) %d\n",
          total / m, heap / m, code / m, (meta + class) / m, shared / m, thread / m, (total - heap - code - meta - class - shared - thread) / m, rss - total / m }' <<<"$summary"
}
# The JVM flags a lab process runs with, as its command line says (the launcher's own, with the README launch).
jvm_flags_of() { tr '\0' '\n' <"/proc/$1/cmdline" | sed -n '2,$p' | sed '/^-jar$/,$d' | grep -v '^-XX:AOTCache=' | paste -sd ' '; }
# What a lab process runs on, as it says (the launcher execs the JVM): its java -version line, and the AOT cache if any.
jvm_of() {
  local exe cache
  exe=$(readlink "/proc/$1/exe")
  cache=$(tr '\0' '\n' <"/proc/$1/cmdline" | sed -n 's/^-XX:AOTCache=//p')
  echo "$("$exe" -version 2>&1 | sed -n 2p)${cache:+, AOT cache $(basename "$cache")}"
}
# instance: the lab's page (as one page load rendered it) and JPEG into $work/root, a copy of the JPEG under every other
# image name the page uses, and the Content-Types the lab sent into page_type and image_type.
save_lab_bytes() {
  local image
  mkdir -p "$work/root"
  page_type=$(curl -sf -o "$work/root/index.html" -w '%{content_type}' "$(url "$1" /)") || die "$1 does not answer /"
  image_type=$(curl -sf -o "$work/root/test1.jpg" -w '%{content_type}' "$(url "$1" /test1.jpg)") || die "$1 does not answer /test1.jpg"
  grep -o '<img src="[^"?]*' "$work/root/index.html" | sed 's/.*"//' | while read -r image; do
    [[ $image == test1.jpg ]] || cp "$work/root/test1.jpg" "$work/root/$image"
  done
  chmod -R a+rX "$work/root"
}

# --- the first 10 s after the start line ----------------------------------------------------------------------
# A lab or an nginx started now, pinned as the others, and loaded at once: the curl on the load CPU polls the image
# until the first answer (the start-to-first-image time), then wrk -t1 -c6 keep-alive runs until 10 s after the start
# line, when SIGINT makes it stop and print what it did; the server is then stopped. One line per run in first10.tsv.
first10_run() { # round server(lab|nginx|a peer)
  local round=$1 server=$2 name started first=0 deadline rps requests own foreign
  local -a before after
  await_quiet
  read -ra before <<<"$(core_ticks "$SERVER_CPU")"
  started=$(date +%s%N)
  if [[ $server == lab ]]; then
    name=first10-lab
    start_lab "$name"
  elif [[ $server != nginx ]]; then
    name=first10-$server
    start_peer "$name" "$server"
  else
    name=first10-nginx
    taskset -c "$SERVER_CPU" "$NGINX" -p "$work/first10" -c "$work/first10/nginx.conf" -e "$work/first10/nginx-error.log" -g 'daemon off;' \
      >"$work/first10/nginx.log" 2>&1 &
    pid[$name]=$!
  fi
  deadline=$((started + 90000000000))
  until taskset -c "$LOAD_CPU" curl -sf -o "$work/first10/image" "$(url "$name" /test1.jpg)"; do
    kill -0 "${pid[$name]}" 2>/dev/null || die "$name exited while starting: $(tail -3 "$work/$name.log" "$work/first10/nginx.log" 2>/dev/null)"
    (($(date +%s%N) < deadline)) || die "$name did not answer within 90 s"
    sleep 0.005
  done
  first=$((($(date +%s%N) - started) / 1000000))
  [[ $server == lab ]] && lab_exe=$(readlink "/proc/${pid[$name]}/exe")
  if [[ ! -f $work/root/test1.jpg ]]; then # the lab runs first: nginx serves its bytes
    mkdir -p "$work/root" && cp "$work/first10/image" "$work/root/test1.jpg" && chmod -R a+rX "$work/root"
  fi
  cmp -s "$work/first10/image" "$work/root/test1.jpg" || die "$name does not serve the lab's JPEG bytes"
  if ((first < 10000)); then
    taskset -c "$LOAD_CPU" wrk -t1 -c6 -d30s --timeout 5s --latency "$(url "$name" /test1.jpg)" >"$work/first10/wrk.txt" 2>&1 &
    local wrk=$!
    sleep "$(awk -v end=$((started + 10000000000)) -v now="$(date +%s%N)" 'BEGIN { d = (end - now) / 1e9; printf "%.3f", (d > 0 ? d : 0) }')"
    kill -INT "$wrk" 2>/dev/null || true
    wait "$wrk" || true
  else # no answer within the 10 s: none served in them
    printf '0 requests in 0s: the first answer came %s ms after the start line\nRequests/sec: 0\n' "$first" >"$work/first10/wrk.txt"
  fi
  read -ra after <<<"$(core_ticks "$SERVER_CPU")"
  # shellcheck disable=SC2046 # several pids
  own=$(process_ticks $(server_pids "$name"))
  if [[ $server == lab && ! -f $work/root/index.html && ${#peers[@]} -gt 0 ]]; then # the lab runs first: the peers serve its bytes
    save_lab_bytes "$name"
    peer_stubs
  fi
  [[ " ${peers[*]} " == *" $server "* ]] && check_peer "$name"
  [[ $server == lab ]] && first10_jvm=$(jvm_of "${pid[$name]}")
  kill "${pid[$name]}" 2>/dev/null || true
  wait "${pid[$name]}" 2>/dev/null || true
  unset "pid[$name]"
  cp "$work/first10/wrk.txt" "$OUT/first10-round$round-$server.txt"
  requests=$(awk '/ requests in / { print $1 }' "$work/first10/wrk.txt")
  read -r rps _ _ errors <<<"$(parse "$work/first10/wrk.txt")"
  foreign=$((100 * (after[1] - before[1] - own) / (after[2] - before[2])))
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$server" "${requests:-0}" "$first" "$errors" "$foreign" >>"$first10_runs"
  say "  first-10s round $round $server: ${requests:-0} requests in the first 10 s, the first image after $first ms, errors $errors, other processes ${foreign}% of the server's core"
}

mkdir -p "$OUT"
rm -f "$first10_runs" "$runs" # a run of first-10s alone leaves no main table of an earlier run behind
first10_jvm=
if ((first10)); then
  say "the first 10 s after the start line: a fresh lab ($LAB_LAUNCH), a fresh nginx${peers:+ and a fresh ${peers[*]}}, $ROUNDS runs each"
  mkdir -p "$work/first10/nginx-temp"
  ln -s "$work/root" "$work/first10/root"
  sed -e "s|@WORK@|$work/first10|g" -e "s|@PORT_KEEP_ALIVE@|${port[first10-nginx]}|" -e "s|@PORT_CLOSE@|${port[first10-nginx-close]}|" \
    -e "s|@PORT_ACCESS_LOG@|${port[first10-nginx-log]}|" -e '/# --- TLS ---/,/# --- TLS end ---/d' "$here/nginx.conf" >"$work/first10/nginx.conf"
  for round in $(seq 1 "$ROUNDS"); do
    order=(lab nginx "${peers[@]}") # alternating, or rotating by one each round when more than two
    for i in "${!order[@]}"; do
      first10_run "$round" "${order[$(((i + round - 1) % ${#order[@]}))]}"
    done
  done
fi
if ((${#scenarios[@]} == 0)); then
  printf 'first10_jvm=%q\n' "$first10_jvm" >"$OUT/facts"
  first10_report | tee "$OUT/table.md"
  exit 0
fi

say "starting the lab (3 instances) and nginx on CPU $SERVER_CPU; load from CPU $LOAD_CPU"
started=$(date +%s%N)
start_lab lab-keep-alive
await_http "http://127.0.0.1:${port[lab-keep-alive]}/test1.jpg" lab-keep-alive
startup_ms=$((($(date +%s%N) - started) / 1000000))
start_lab lab-close --connection close --page-connection close
start_lab lab-access-log --access-log "$work/lab-access.log"
await_http "http://127.0.0.1:${port[lab-close]}/test1.jpg" lab-close
await_http "http://127.0.0.1:${port[lab-access-log]}/test1.jpg" lab-access-log
lab_java_version=$(jvm_of "${pid[lab-keep-alive]}")
lab_exe=$(readlink "/proc/${pid[lab-keep-alive]}/exe")
if ((tls)); then
  # One certificate for both servers, made for this run: EC P-256 (the curve of the lab's own self-signed one).
  mkdir -p "$work/tls"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$work/tls/key.pem" -out "$work/tls/cert.pem" \
    -days 2 -subj /CN=localhost -addext 'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1' >"$work/tls/openssl.log" 2>&1 ||
    die "openssl could not make the certificate: $(tail -2 "$work/tls/openssl.log")"
  LAB_BENCH_KEYSTORE_PASSWORD=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
  export LAB_BENCH_KEYSTORE_PASSWORD
  openssl pkcs12 -export -in "$work/tls/cert.pem" -inkey "$work/tls/key.pem" -name lab -out "$work/tls/lab.p12" \
    -passout env:LAB_BENCH_KEYSTORE_PASSWORD >>"$work/tls/openssl.log" 2>&1 || die "openssl could not make the PKCS12 keystore"
  start_lab lab-tls --https-port "${https_port[lab-tls]}" --keystore "$work/tls/lab.p12" --keystore-password-env LAB_BENCH_KEYSTORE_PASSWORD
  await_http "$(url lab-tls /test1.jpg)" lab-tls
  for v in "${variants[@]}"; do
    LAB_LAUNCH=java LAB_JAVA=${variant_java[$v]} LAB_JAVA_OPTS=${variant_opts[$v]} start_lab "$v-tls" --https-port "${https_port[$v-tls]}" \
      --keystore "$work/tls/lab.p12" --keystore-password-env LAB_BENCH_KEYSTORE_PASSWORD
    await_http "$(url "$v-tls" /test1.jpg)" "$v-tls"
  done
fi

# nginx and the peers serve the very bytes the lab serves: its page (as one page load rendered it) and its JPEG.
mkdir -p "$work/nginx-temp"
save_lab_bytes lab-keep-alive
sed -e "s|@WORK@|$work|g" -e "s|@PORT_KEEP_ALIVE@|${port[nginx-keep-alive]}|" -e "s|@PORT_CLOSE@|${port[nginx-close]}|" \
  -e "s|@PORT_ACCESS_LOG@|${port[nginx-access-log]}|" -e "s|@PORT_TLS@|${https_port[nginx-tls]}|" "$here/nginx.conf" >"$work/nginx.conf"
((tls)) || sed -i '/# --- TLS ---/,/# --- TLS end ---/d' "$work/nginx.conf" # no certificate was made
taskset -c "$SERVER_CPU" "$NGINX" -p "$work" -c "$work/nginx.conf" -e "$work/nginx-error.log" -g 'daemon off;' >"$work/nginx.log" 2>&1 &
pid[nginx]=$!
for name in nginx-keep-alive nginx-close nginx-access-log; do
  await_http "http://127.0.0.1:${port[$name]}/test1.jpg" nginx
done
cmp -s <(curl -sf "http://127.0.0.1:${port[lab-keep-alive]}/test1.jpg") <(curl -sf "http://127.0.0.1:${port[nginx-keep-alive]}/test1.jpg") ||
  die "nginx does not serve the lab's JPEG bytes"
if ((${#peers[@]})); then
  peer_stubs
  for peer in "${peers[@]}"; do
    start_peer "$peer-keep-alive" "$peer"
    await_http "$(url "$peer-keep-alive" /test1.jpg)" "$peer-keep-alive"
    check_peer "$peer-keep-alive"
  done
  say "the peers (${peers[*]}) serve the lab's page and JPEG bytes with its Content-Types, and close after HTTP/1.0 responses"
fi
rm -f "$OUT/tls.txt"
if ((tls)); then
  await_http "$(url nginx-tls /test1.jpg)" nginx
  cmp -s <(curl -sfk --http2 "$(url lab-tls /test1.jpg)") <(curl -sfk --http2 "$(url nginx-tls /test1.jpg)") ||
    die "nginx does not serve the lab's JPEG bytes over HTTPS"
  # The same certificate on both, and what each negotiates with OpenSSL's defaults (the wrk and s_time rows) and
  # offering h2 (h2load prints its own, per run, in the raw outputs).
  mkdir -p "$OUT"
  {
    echo "TLS, as negotiated by openssl s_client with its defaults (the wrk and s_time rows), and by h2load (its own cipher list):"
    for server in lab nginx; do
      fingerprint=$(openssl s_client -connect "127.0.0.1:${https_port[$server-tls]}" </dev/null 2>/dev/null |
        openssl x509 -noout -fingerprint -sha256 | sed 's/.*=//')
      [[ $fingerprint == "$(openssl x509 -in "$work/tls/cert.pem" -noout -fingerprint -sha256 | sed 's/.*=//')" ]] ||
        die "$server does not serve the run's certificate"
      negotiated=$(openssl s_client -brief -connect "127.0.0.1:${https_port[$server-tls]}" </dev/null 2>&1 |
        awk -F': ' '/^Protocol version/ { p = $2 } /^Ciphersuite/ { c = $2 } /^Peer Temp Key|^Server Temp Key/ { k = $2 } END { print p, c, k }')
      echo "- $server: $negotiated, the same certificate (EC P-256, SHA-256 ${fingerprint:0:23}...)"
    done
  } >"$OUT/tls.txt"
fi

load() { # tool connections url seconds output: runs the load generator on LOAD_CPU, bounded in time
  local tool=$1 connections=$2 url=$3 seconds=$4 output=$5
  local -a command
  case $tool in
    wrk) command=(wrk -t1 -c"$connections" -d"${seconds}s" --timeout 5s --latency "$url") ;;
    ab-k) command=(ab -q -k -s 5 -c "$connections" -t "$seconds" -n 3000000 "$url") ;;
    ab) command=(ab -q -s 5 -c "$connections" -t "$seconds" -n 3000000 "$url") ;;
    h2load) command=(h2load -c "$connections" -m 10 -D "$seconds" --log-file="$work/h2load.log" "$url") ;;
    s_time-*) s_time "${tool#s_time-}" "$connections" "$url" "$seconds" "$output"; return ;;
  esac
  rm -f "$work/h2load.log"
  timeout $((seconds + 30)) taskset -c "$LOAD_CPU" "${command[@]}" >"$output" 2>&1 || true
  if [[ $tool == h2load ]]; then # h2load prints no percentiles; its log has each request's status and microseconds
    awk -F'\t' '$2 == 200 { print $3 }' "$work/h2load.log" 2>/dev/null | sort -n |
      awk '{ v[NR] = $1 } END { if (NR) { printf "    50%% %.3fms\n    99%% %.3fms\n", v[int(NR * 0.50) + 1] / 1000, v[int(NR * 0.99) + 1] / 1000 } }' >>"$output"
  fi
}

# mode(new|reuse) clients url seconds output: `clients` openssl s_time processes in parallel, each one connection at
# a time, an HTTP/1.0 GET per connection (so the server closes after the response): -new makes a full handshake for
# every connection (no session offered), -reuse resumes the first connection's session. Summarised as ab would.
s_time() {
  local mode=$1 clients=$2 url=$3 seconds=$4 output=$5 i started
  local hostport=${url#https://}
  local -a pids=()
  local path=/${hostport#*/}
  hostport=${hostport%%/*}
  started=$(date +%s%N)
  for i in $(seq 1 "$clients"); do
    timeout $((seconds + 30)) taskset -c "$LOAD_CPU" openssl s_time -connect "$hostport" "-$mode" -time "$seconds" -www "$path" \
      >"$work/s_time.$i" 2>&1 &
    pids+=($!)
  done
  wait "${pids[@]}" || true
  local elapsed_ns=$(($(date +%s%N) - started))
  cat "$work"/s_time.* >"$output"
  # a client whose connections read less than the image on average did not get whole responses
  awk -v ns="$elapsed_ns" -v clients="$clients" -v image="$(stat -c %s "$work/root/test1.jpg")" '
    / connections in [0-9]+ real seconds, [0-9]+ bytes read per connection/ { n += $1; done++; if ($(NF - 4) < image) short++ }
    /^[*r]+$/ { new += gsub(/\*/, "*"); reused += gsub(/r/, "r") }
    END { printf "Requests per second:    %.2f [#/sec] (%d connections in %.2f s)\n", n / (ns / 1e9), n, ns / 1e9
          printf "Failed requests:        %d\n", (clients - done) + short
          printf "TLS sessions: %d new, %d resumed\n", new, reused }' "$work"/s_time.* >>"$output"
  rm -f "$work"/s_time.*
}

warm() { # instance seconds tool connections path
  load "$3" "$4" "$(url "$1" "$5")" "$2" "$work/warmup.txt"
}

# instance tool connections path cap: loads in WARMUP_WINDOW s windows until two in a row are within STEADY_PCT % of
# each other (the JIT has settled), or until cap seconds; notes what it took for the table.
warmups=()
steady() {
  local instance=$1 tool=$2 connections=$3 path=$4 cap=$5 spent=0 previous=0 rps=0 verdict="not steady within the cap"
  while ((spent < cap)); do
    load "$tool" "$connections" "$(url "$instance" "$path")" "$WARMUP_WINDOW" "$work/warmup.txt"
    spent=$((spent + WARMUP_WINDOW))
    read -r rps _ <<<"$(parse "$work/warmup.txt")"
    if awk -v a="$rps" -v b="$previous" -v p="$STEADY_PCT" \
      'BEGIN { d = a > b ? a - b : b - a; m = a > b ? a : b; exit !(b > 0 && d <= p / 100 * m) }'; then
      verdict=steady
      break
    fi
    ((spent < cap)) && previous=$rps
  done
  warmups+=("$instance $tool $path ${spent} s ($verdict; last windows ${previous%.*} and ${rps%.*} req/s)")
}

printf 'round\tscenario\tserver\treq_per_s\tp50_ms\tp99_ms\terrors\tserver_cpu_pct\tforeign_server_cpu_pct\tforeign_load_cpu_pct\tattempts\tserver_process_cpu_pct\n' >"$runs"

measure() { # round scenario-line server(lab|nginx)
  local round=$1 line=$2 server=$3 id what tool connections path setup target
  IFS='|' read -r id what tool connections path setup target <<<"$line"
  local instance=$server-$setup attempt result
  for attempt in 1 2 3; do
    await_quiet
    local -a server_before load_before server_after load_after procs
    local procs_before procs_after kids_before kids_after
    read -ra server_before <<<"$(core_ticks "$SERVER_CPU")"
    read -ra load_before <<<"$(core_ticks "$LOAD_CPU")"
    read -ra procs <<<"$(server_pids "$instance")"
    procs_before=$(process_ticks "${procs[@]}")
    children_ticks
    kids_before=$kids
    load "$tool" "$connections" "$(url "$instance" "$path")" "$DURATION" "$work/run.txt"
    children_ticks
    kids_after=$kids
    procs_after=$(process_ticks "${procs[@]}")
    read -ra server_after <<<"$(core_ticks "$SERVER_CPU")"
    read -ra load_after <<<"$(core_ticks "$LOAD_CPU")"
    local window=$((server_after[2] - server_before[2]))
    local load_window=$((load_after[2] - load_before[2]))
    local busy=$((100 * (server_after[1] - server_before[1]) / window))
    local own=$((100 * (procs_after - procs_before) / window))
    local foreign_server=$((100 * (server_after[1] - server_before[1] - (procs_after - procs_before)) / window))
    local foreign_load=$((100 * (load_after[1] - load_before[1] - (kids_after - kids_before)) / load_window))
    result=$(parse "$work/run.txt")
    cp "$work/run.txt" "$OUT/round$round-$id-$server.txt"
    if ((foreign_server <= NOISE_LIMIT && foreign_load <= NOISE_LIMIT)) || ((attempt == 3)); then
      break
    fi
    say "  $id $server: other processes used ${foreign_server}% of the server's core, ${foreign_load}% of the load generator's: repeating"
  done
  read -r rps p50 p99 errors <<<"$result"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$id" "$server" "$rps" "$p50" "$p99" "$errors" "$busy" \
    "$foreign_server" "$foreign_load" "$attempt" "$own" >>"$runs"
  say "  round $round $id $server: $rps req/s, p50 $p50 ms, p99 $p99 ms, errors $errors, server CPU ${busy}%"
}

say "warming up each lab instance until its rate is steady (${WARMUP_WINDOW} s windows within ${STEADY_PCT} %, at most ${WARMUP_CAP} s a load), 2 s per nginx server (the page cache)"
steady lab-keep-alive wrk 64 /test1.jpg "$WARMUP_CAP"
steady lab-keep-alive wrk 64 / "$WARMUP_CAP"
steady lab-keep-alive ab-k 6 /test1.jpg "$WARMUP_CAP"
steady lab-keep-alive ab 6 /test1.jpg "$WARMUP_CAP"
steady lab-close wrk 6 /test1.jpg "$WARMUP_CAP"
steady lab-access-log wrk 64 /test1.jpg "$WARMUP_CAP"
for name in nginx-keep-alive nginx-close nginx-access-log; do
  warm "$name" 2 wrk 64 /test1.jpg
done
if ((tls)); then # the JDK's TLS code and its crypto intrinsics need their JIT too, and take longer
  say "warming up the TLS instances until steady, at most ${TLS_WARMUP} s a load (h2load, wrk, s_time -new and -reuse)"
  for v in lab "${variants[@]}"; do
    steady "$v-tls" h2load 6 /test1.jpg "$TLS_WARMUP"
    steady "$v-tls" wrk 6 /test1.jpg "$TLS_WARMUP"
    steady "$v-tls" s_time-new 6 /test1.jpg "$TLS_WARMUP"
    steady "$v-tls" s_time-reuse 6 /test1.jpg "$TLS_WARMUP"
  done
  warm nginx-tls 2 h2load 6 /test1.jpg
  warm nginx-tls 2 s_time-new 6 /test1.jpg
fi
chosen() { # scenario id: whether this run measures it
  local line
  for line in "${scenarios[@]}"; do
    [[ ${line%%|*} == "$1" ]] && return 0
  done
  return 1
}
if ((${#peers[@]})); then # JVMs too: the same warm-up as the lab's, for the loads of the chosen rows
  say "warming up the peers until steady, at most ${WARMUP_CAP} s a load"
  for peer in "${peers[@]}"; do
    if chosen image-6 || chosen image-64; then steady "$peer-keep-alive" wrk 64 /test1.jpg "$WARMUP_CAP"; fi
    if chosen page-64; then steady "$peer-keep-alive" wrk 64 / "$WARMUP_CAP"; fi
    if chosen ab-6; then steady "$peer-keep-alive" ab 6 /test1.jpg "$WARMUP_CAP"; fi
  done
fi

for round in $(seq 1 "$ROUNDS"); do
  say "round $round of $ROUNDS"
  for line in "${scenarios[@]}"; do
    # lab and nginx alternate which goes first; with variants or peers, the order rotates by one each round
    mapfile -t order < <(servers_of "${line%%|*}")
    shift_by=$(((round - 1) % ${#order[@]}))
    ((${#order[@]} == 2 && round % 2 == 0)) && order=(nginx lab) shift_by=0
    for i in "${!order[@]}"; do
      measure "$round" "$line" "${order[$(((i + shift_by) % ${#order[@]}))]}"
    done
  done
done
for server in lab nginx "${peers[@]}"; do # the instance that served the image and page loads
  resident[$server]=$(resident_mb "$server-keep-alive")
done
read -r rss_now_mb rss_peak_mb <<<"${resident[lab]}"
lab_memory=$(lab_memory lab-keep-alive)
((tls)) && lab_tls_memory=$(lab_memory lab-tls)

# --- the table -----------------------------------------------------------------------------------------------
printf 'startup_ms=%s\nrss_now_mb=%s\nrss_peak_mb=%s\nlab_java_opts=%q\nlab_args=%q\nlab_java_version=%q\n' "$startup_ms" "$rss_now_mb" "$rss_peak_mb" \
  "$(jvm_flags_of "${pid[lab-keep-alive]}")" "$LAB_ARGS" "$lab_java_version" >"$OUT/facts"
printf 'LAB_TLS_VARIANTS=%q\ntls_warmup=%q\nduration=%q\n' "$LAB_TLS_VARIANTS" "$TLS_WARMUP" "$DURATION" >>"$OUT/facts"
printf 'warmup_report=%q\nfirst10_jvm=%q\n' "$(printf '%s; ' "${warmups[@]}")" "$first10_jvm" >>"$OUT/facts"
printf 'lab_memory=%q\nlab_tls_memory=%q\n' "$lab_memory" "${lab_tls_memory:-}" >>"$OUT/facts"
for server in "${!resident[@]}"; do
  printf 'resident[%s]=%q\n' "$server" "${resident[$server]}" >>"$OUT/facts"
done
if ((${#peers[@]})); then
  printf 'peer_versions=%q\npeer_java_version=%q\npeer_java_opts=%q\n' "$(peer_versions)" "$("$(peer_java)" -version 2>&1 | sed -n 2p)" \
    "$PEER_JAVA_OPTS" >>"$OUT/facts"
fi
# shellcheck source=/dev/null
source "$OUT/facts"
{
  first10_report
  report
} | tee "$OUT/table.md"
say "every run: $runs"
