# The peers for src/bench/compare.sh (sourced): test HTTP servers a client tester would pick instead of the lab,
# measured beside it where such a tester uses them (plain HTTP/1.1 keep-alive, a new HTTP/1.0 connection per request,
# the start). Their jars come from src/bench/peers (a Maven project of its own, built here when needed); each serves
# the bytes the lab served, from stubs made of them, and is started the way its own docs start it for speed, on the
# JVM and flags of the lab's launch (PEER_JAVA, PEER_JAVA_OPTS), pinned to SERVER_CPU.

known_peers="wiremock mockwebserver mockserver"
peer_rows=" image-6 image-64 page-64 ab-6 first-10s " # the rows the peers are measured on
peers_dir=$here/peers
peers_target=$peers_dir/target

check_peers() { # validates PEERS into the array peers
  local name
  peers=()
  for name in $PEERS; do
    [[ " $known_peers " == *" $name "* ]] || die "PEERS: unknown peer '$name': allowed are $known_peers (or PEERS= for none)" 2
    [[ " ${peers[*]} " == *" $name "* ]] || peers+=("$name")
  done
}

peer_label() {
  case $1 in
    wiremock) echo "WireMock" ;;
    mockwebserver) echo "MockWebServer" ;;
    mockserver) echo "MockServer" ;;
    *) echo "$1" ;;
  esac
}

# Builds src/bench/peers when its jars are missing or older than its sources: offline first, from Maven Central if
# the local repository lacks something.
build_peers() {
  ((${#peers[@]})) || return 0
  if [[ -f $peers_target/peers.jar ]] && ! find "$peers_dir/pom.xml" "$peers_dir/src" -newer "$peers_target/peers.jar" | grep -q .; then
    return 0
  fi
  command -v mvn >/dev/null 2>&1 || die "missing: mvn (Debian package maven), to build the peers (mvn -q -f src/bench/peers/pom.xml package); or run with PEERS=" 2
  say "building the peers: mvn -q -f src/bench/peers/pom.xml package"
  mvn -q -o -f "$peers_dir/pom.xml" package >"$work/peers-build.log" 2>&1 ||
    mvn -q -f "$peers_dir/pom.xml" package >"$work/peers-build.log" 2>&1 ||
    die "the peers did not build (mvn -q -f src/bench/peers/pom.xml package): $(grep -m3 ERROR "$work/peers-build.log")" 2
}

# The JVM of the lab's launch: PEER_JAVA if set, else the java the running lab process is (its launcher execs it).
peer_java() {
  [[ -n $PEER_JAVA ]] && { echo "$PEER_JAVA"; return; }
  [[ -n ${lab_exe:-} ]] || die "peer_java: no lab has run yet to take its java from"
  echo "$lab_exe"
}

# Writes the routes (the page at /, the JPEG at every image path the page names, each with the Content-Type the lab
# sent) from $work/root and the types page_type, image_type, and the stubs WireMock and MockServer load from them.
peer_stubs() {
  ((${#peers[@]})) || return 0
  local image
  mkdir -p "$work/peers"
  {
    printf '/\t%s\t%s\n' "$work/root/index.html" "$page_type"
    printf '/test1.jpg\t%s\t%s\n' "$work/root/test1.jpg" "$image_type"
    grep -o '<img src="[^"?]*' "$work/root/index.html" | sed 's/.*"//' | sort -u | while read -r image; do
      [[ $image == test1.jpg ]] || printf '/%s\t%s\t%s\n' "$image" "$work/root/test1.jpg" "$image_type"
    done
  } >"$work/peers/routes.tsv"
  rm -rf "$work/peers/wiremock"
  "$(peer_java)" -cp "$peers_target/peers.jar" dev.keepalivelab.bench.peers.StubFiles "$work/peers/routes.tsv" \
    "$work/peers/wiremock" "$work/peers/mockserver.json" || die "the peers' stubs could not be written"
}

start_peer() { # instance peer: on port[instance], as its docs start it for speed
  local instance=$1 peer=$2 jars=$peers_target/peers/$2
  local -a launch
  # shellcheck disable=SC2206 # PEER_JAVA_OPTS holds several flags
  launch=("$(peer_java)" $PEER_JAVA_OPTS)
  case $peer in
    # wiremock.org/docs/running-standalone: --no-request-journal (else every request is kept), --disable-request-logging
    # ("for performance"), --use-chunked-encoding never, --disable-gzip; the stubs from root-dir/mappings.
    wiremock) launch+=(-jar "$(ls "$jars"/wiremock-standalone-*.jar | head -1)" --port "${port[$instance]}" --bind-address 127.0.0.1
      --root-dir "$work/peers/wiremock" --no-request-journal --disable-request-logging --use-chunked-encoding never
      --disable-gzip --disable-banner) ;;
    # src/bench/peers: a Dispatcher answering from memory, TCP_NODELAY on accepted sockets.
    mockwebserver) launch+=(-cp "$peers_target/peers.jar:$jars/*" dev.keepalivelab.bench.peers.MockWebServerPeer
      "${port[$instance]}" "$work/peers/routes.tsv") ;;
    # mock-server.com/mock_server/performance.html runs it with -Dmockserver.logLevel=WARN
    # -Dmockserver.disableLogging=true. Its event log still keeps every request and response (for verification), up to
    # maxLogEntries (configuration_properties.html), by default a bound derived from the heap that 31 KB bodies overflow:
    # a 128 MB heap filled within seconds and the JVM spent its time in full GCs. 100 entries keep it within the lab's
    # heap flags. The other settings (nioEventLoopThreadCount among them) at their defaults; the expectations from
    # initializationJsonPath.
    mockserver) launch+=(-Dmockserver.logLevel=WARN -Dmockserver.disableLogging=true -Dmockserver.maxLogEntries=100
      -Dmockserver.localBoundIP=127.0.0.1
      -Dmockserver.initializationJsonPath="$work/peers/mockserver.json" -jar "$(ls "$jars"/mockserver-netty-*.jar | head -1)"
      -serverPort "${port[$instance]}") ;;
  esac
  # in the run's directory: MockServer writes its CA certificate into the working directory
  (cd "$work/peers" && exec taskset -c "$SERVER_CPU" "${launch[@]}" >"$work/$instance.log" 2>&1) &
  pid[$instance]=$!
}

# instance: dies unless it serves the saved page and JPEG byte for byte, with the lab's Content-Types, and answers
# HTTP/1.0 requests without keep-alive by closing (ab with no failed request).
check_peer() {
  local instance=$1 type
  type=$(curl -sf -o "$work/peers/page" -w '%{content_type}' "$(url "$instance" /)") || die "$instance does not answer /"
  cmp -s "$work/peers/page" "$work/root/index.html" || die "$instance does not serve the lab's page bytes"
  [[ $type == "$page_type" ]] || die "$instance serves the page as '$type', the lab as '$page_type'"
  type=$(curl -sf -o "$work/peers/image" -w '%{content_type}' "$(url "$instance" /test1.jpg)") || die "$instance does not answer /test1.jpg"
  cmp -s "$work/peers/image" "$work/root/test1.jpg" || die "$instance does not serve the lab's JPEG bytes"
  [[ $type == "$image_type" ]] || die "$instance serves the JPEG as '$type', the lab as '$image_type'"
  timeout 30 ab -q -s 5 -c 3 -n 12 "$(url "$instance" /test1.jpg)" >"$work/peers/ab.txt" 2>&1 || true
  grep -q '^Complete requests: *12$' "$work/peers/ab.txt" && grep -q '^Failed requests: *0$' "$work/peers/ab.txt" ||
    die "$instance does not answer HTTP/1.0 without keep-alive by closing (ab: $(grep -E '^(Complete|Failed) requests' "$work/peers/ab.txt" | tr -s ' ' | paste -sd ','))"
}

# Resident memory of a server's processes now and at their peak (VmRSS, VmHWM, MB, summed over nginx's master and
# workers), for the facts file: "now peak".
resident_mb() {
  local p now=0 peak=0
  for p in $(server_pids "$1"); do
    now=$((now + $(awk '/^VmRSS:/ { print $2 }' "/proc/$p/status"))) peak=$((peak + $(awk '/^VmHWM:/ { print $2 }' "/proc/$p/status")))
  done
  echo "$((now / 1024)) $((peak / 1024))"
}

peer_versions() { # "WireMock 3.13.2, ...": the versions src/bench/peers builds
  local peer version
  for peer in "${peers[@]}"; do
    version=$(sed -n "s|.*<$peer.version>\(.*\)</$peer.version>.*|\1|p" "$peers_dir/pom.xml")
    printf "%s %s" "$(peer_label "$peer")" "$version"
    [[ $peer == "${peers[-1]}" ]] || printf ', '
  done
}
