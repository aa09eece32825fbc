#!/bin/bash
# One NMS poll of the IP tables an NMS reads (ipNetToPhysicalTable, ipNetToMediaTable, ipAddrTable,
# ipAddressTable, inetCidrRouteTable, ipSystemStatsTable) on a router-like namespace: stock snmpd vs
# nlagent standalone vs snmpd with the shipped -I list + nlagent as AgentX subagent (CPU of both).
#
#   sudo bench/routing.sh [--neigh N] [--routes N] [--k K] [--repeats N] [--gap S] [--jar FILE]
#
# --k K: K pod-like namespaces besides (bench/scenario.sh: each touched /proc/sys/net/ipv6 and core once
# through the host /proc, so the dcache chains are K long, as on a container host); nlagent standalone
# serves them too (as contexts; the subagent, AgentX only, opens none since 3a47f86), stock snmpd pays the chain.
#
# A test namespace stands in for the root namespace (nothing on the host is touched): two veth
# pairs, N neighbour entries (3/4 IPv4, 1/4 IPv6), N routes (3/4
# IPv4 via gateways, 1/4 IPv6, every 8th multipath). snmpd runs inside it; nlagent serves it as a
# context. The neighbours are permanent: above gc_thresh1 (128) the kernel's garbage collector
# removes stale entries after a minute, which would shrink the table during the run. Per system: start, wait until it answers, then --repeats polls, each --gap seconds after
# the previous (net-snmp's neighbour cache lives 5 s: a gap above it is what an NMS polling every
# few minutes sees), CPU of the serving process per poll (utime+stime from /proc/PID/stat), then one
# more poll under strace -f -e trace=%file (uncounted) for the path lookups under /proc/sys/net.
set -euo pipefail
NEIGH=2000 ROUTES=2000 REPEATS=3 GAP=6 K=0
JAR=target/nlagent.jar
while [ $# -gt 0 ]; do
    case "$1" in
        --neigh) NEIGH=$2; shift 2 ;;
        --routes) ROUTES=$2; shift 2 ;;
        --k) K=$2; shift 2 ;;
        --repeats) REPEATS=$2; shift 2 ;;
        --gap) GAP=$2; shift 2 ;;
        --jar) JAR=$2; shift 2 ;;
        *) echo "usage: $0 [--neigh N] [--routes N] [--k K] [--repeats N] [--gap S] [--jar FILE]" >&2; exit 2 ;;
    esac
done
[ "$(id -u)" = 0 ] || { echo "routing.sh: needs root (namespaces)" >&2; exit 2; }
[ -f "$JAR" ] || { echo "routing.sh: $JAR missing: mvn -B -q package -DskipTests" >&2; exit 2; }
for c in ip ss snmpd snmpbulkwalk strace java; do
    command -v $c >/dev/null || { echo "routing.sh: $c missing" >&2; exit 2; }
done

SCRIPT_DIR=$(cd "$(dirname "$0")" && pwd)
# JVM settings: the launcher's (packaging/nlagent), as bench/run.sh
JVM_FLAGS=$(sed -n 's/^OPTS=${NLAGENT_JAVA_OPTS:-"\(.*\)"}$/\1/p' "$SCRIPT_DIR/../packaging/nlagent" 2>/dev/null || true)
JVM_FLAGS=${NLAGENT_JVM_FLAGS:-${JVM_FLAGS:?routing.sh: no OPTS line in packaging/nlagent}}
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
NS=nlbr$(printf '%04x' $((RANDOM % 65536)))
PODS=nlbp$(printf '%04x' $((RANDOM % 65536)))
WORK=$(mktemp -d /tmp/nlagent-routing.XXXXXX)
PIDS=()
cleanup() {
    for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done
    sleep 1
    ip netns del "$NS" 2>/dev/null || true
    [ "$K" -gt 0 ] && "$SCRIPT_DIR/scenario.sh" --prefix "$PODS" down >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

free_port() { # a UDP port nobody listens on in the root namespace (ss: iproute2)
    local p
    while :; do
        p=$((20000 + RANDOM % 40000))
        [ -z "$(ss -Hlun "sport = :$p")" ] && { echo $p; return; }
    done
}

# --- scenario -------------------------------------------------------------------------------
ip netns add "$NS"
{
    echo "link set lo up"
    echo "link add va type veth peer name vb"; echo "link set va up"; echo "link set vb up"
    echo "link add vc type veth peer name vd"; echo "link set vc up"; echo "link set vd up"
    echo "addr add 10.50.0.1/16 dev va"; echo "addr add 10.60.0.1/16 dev vc"
    echo "addr add fd00:50::1/64 dev va nodad"; echo "addr add fd00:60::1/64 dev vc nodad"
} > "$WORK/links.ip"
ip -n "$NS" -batch "$WORK/links.ip"
states=(permanent permanent permanent)
v4n=$((NEIGH * 3 / 4)); v6n=$((NEIGH - v4n))
v4r=$((ROUTES * 3 / 4)); v6r=$((ROUTES - v4r))
{
    for i in $(seq 1 $v4n); do
        printf 'neigh add 10.50.%d.%d lladdr 02:00:00:%02x:%02x:01 dev va nud %s\n' $((i / 250)) $((i % 250 + 2)) $((i / 256)) $((i % 256)) "${states[$((i % 3))]}"
    done
    for i in $(seq 1 $v6n); do
        printf 'neigh add fd00:50::%x lladdr 02:00:01:%02x:%02x:01 dev va nud %s\n' $((i + 16)) $((i / 256)) $((i % 256)) "${states[$((i % 3))]}"
    done
    for i in $(seq 1 $v4r); do
        if [ $((i % 8)) = 0 ]; then
            printf 'route add 172.%d.%d.0/24 nexthop via 10.50.0.%d nexthop via 10.60.0.2\n' $((16 + i / 256)) $((i % 256)) $((i % 200 + 2))
        else
            printf 'route add 172.%d.%d.0/24 via 10.50.0.%d metric %d\n' $((16 + i / 256)) $((i % 256)) $((i % 200 + 2)) $((i % 5))
        fi
    done
    for i in $(seq 1 $v6r); do
        printf 'route add fd01:%x::/48 via fd00:50::%x\n' "$i" $((i % 200 + 17))
    done
} > "$WORK/entries.ip"
ip -n "$NS" -batch "$WORK/entries.ip"
sleep 3 # IPv6 link-local addresses (and their routes) appear after the links come up
echo "scenario $NS: $(ip -n "$NS" neigh show | wc -l) neighbours, $(ip -n "$NS" route show | wc -l) IPv4 + $(ip -n "$NS" -6 route show | wc -l) IPv6 routes" >&2

if [ "$K" -gt 0 ]; then
    NLB_STATE="$WORK/prefix" "$SCRIPT_DIR/scenario.sh" --prefix "$PODS" up "$K" >/dev/null
    echo "scenario: $K pod namespaces $PODS-*" >&2
fi

TABLES="1.3.6.1.2.1.4.35 1.3.6.1.2.1.4.22 1.3.6.1.2.1.4.20 1.3.6.1.2.1.4.34 1.3.6.1.2.1.4.24.7 1.3.6.1.2.1.4.31.1"
# CPU ticks (utime+stime) of one or more PIDs ("P1,P2")
cpu_ticks() { local t=0 p; for p in ${1//,/ }; do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done; echo $t; }
hz=$(getconf CLK_TCK)

# poll SYSTEM PID PREFIX... : one poll, prints "varbinds cpu_s wall_s"
poll() {
    local pid=$1; shift
    local t0 c0 n=0 t1 c1
    c0=$(cpu_ticks "$pid"); t0=$(date +%s.%N)
    for t in $TABLES; do
        n=$((n + $("$@" "$t" | wc -l)))
    done
    t1=$(date +%s.%N); c1=$(cpu_ticks "$pid")
    awk -v n="$n" -v c0="$c0" -v c1="$c1" -v hz="$hz" -v t0="$t0" -v t1="$t1" 'BEGIN { print n, (c1 - c0) / hz, t1 - t0 }'
}

lookups() {
    local pid=$1; shift
    local args=() p
    for p in ${pid//,/ }; do args+=(-p "$p"); done
    strace -f -qq -e trace=%file -o "$WORK/strace.out" "${args[@]}" & local sp=$!
    sleep 1
    for t in $TABLES; do "$@" "$t" >/dev/null; done
    sleep 0.5; kill -INT $sp; wait $sp 2>/dev/null || true
    grep -c '"/proc/sys/net' "$WORK/strace.out" || true
}

measure() { # name pid client...
    local name=$1 pid=$2; shift 2
    "$@" 1.3.6.1.2.1.4.24.6 >/dev/null # warm: first load, JIT
    sleep "$GAP"
    for r in $(seq 1 "$REPEATS"); do
        read -r vb cpu wall < <(poll "$pid" "$@")
        printf '%-8s poll %d: %6d varbinds  CPU %.3f s  wall %.3f s\n' "$name" "$r" "$vb" "$cpu" "$wall"
        sleep "$GAP"
    done
    printf '%-8s /proc/sys/net path lookups in one poll: %s\n' "$name" "$(lookups "$pid" "$@")"
}

# --- stock snmpd inside the namespace -------------------------------------------------------
PORT=$(free_port)
echo "rocommunity public 127.0.0.1" > "$WORK/snmpd.conf"
ip netns exec "$NS" snmpd -f -Lf "$WORK/snmpd.log" -C -c "$WORK/snmpd.conf" -M "$WORK" -m "" -p "$WORK/snmpd.pid" "udp:127.0.0.1:$PORT" &
PIDS+=($!)
for _ in $(seq 100); do [ -s "$WORK/snmpd.pid" ] && break; sleep 0.1; done
SNMPD=$(cat "$WORK/snmpd.pid")
until ip netns exec "$NS" snmpget -v2c -c public -t 1 -r 0 "127.0.0.1:$PORT" 1.3.6.1.2.1.1.3.0 >/dev/null 2>&1; do sleep 0.2; done
measure snmpd "$SNMPD" ip netns exec "$NS" snmpbulkwalk -m "" -On -v2c -c public -Cr25 -t 60 "127.0.0.1:$PORT"
kill "$SNMPD"

# --- nlagent standalone, serving the namespace as a context ---------------------------------
PORT=$(free_port)
cat > "$WORK/nlagent.conf" <<CONF
netnsDir /run/netns
netnsNamePattern $NS
listen udp:127.0.0.1:$PORT
rocommunity public 127.0.0.1 *
probeEnabled no
CONF
java $JVM_FLAGS -jar "$JAR" run --config "$WORK/nlagent.conf" \
    > "$WORK/nlagent.log" 2>&1 &
NL=$!; PIDS+=($NL)
until snmpget -v2c -c "public@$NS" -t 1 -r 0 "127.0.0.1:$PORT" 1.3.6.1.2.1.4.24.6.0 2>/dev/null | grep -q Gauge32; do
    kill -0 $NL 2>/dev/null || { cat "$WORK/nlagent.log" >&2; exit 1; }
    sleep 0.2
done
measure nlagent "$NL" snmpbulkwalk -m "" -On -v2c -c "public@$NS" -Cr25 -t 60 "127.0.0.1:$PORT"
kill "$NL"; wait "$NL" 2>/dev/null || true

# --- snmpd with the shipped -I list + nlagent subagent, both inside the namespace -----------------
PORT=$(free_port)
DISABLED=$(sed -n 's/.*-I \(-[^ ]*\).*/\1/p' "$SCRIPT_DIR/../config/snmpd/snmpd.service.d/nlagent.conf" | head -1)
[ -n "$DISABLED" ] || { echo "routing.sh: no -I list in config/snmpd/snmpd.service.d/nlagent.conf" >&2; exit 1; }
# the drop-in's CPUAffinity= as taskset (nlagent's AgentX I/O thread follows it); none: unbound
MASTER_CPUS=$(sed -n 's/^CPUAffinity=\([0-9,-]*\)[[:space:]]*$/\1/p' "$SCRIPT_DIR/../config/snmpd/snmpd.service.d/nlagent.conf" | tail -1)
BIND=(); [ -z "$MASTER_CPUS" ] || BIND=(taskset -c "$MASTER_CPUS")
printf 'rocommunity public 127.0.0.1\nmaster agentx\nagentXSocket %s/master\n' "$WORK" > "$WORK/snmpd-ax.conf"
rm -f "$WORK/snmpd.pid"
ip netns exec "$NS" "${BIND[@]}" snmpd -f -Lf "$WORK/snmpd-ax.log" -C -c "$WORK/snmpd-ax.conf" -M "$WORK" -m "" -I "$DISABLED" \
    -p "$WORK/snmpd.pid" "udp:127.0.0.1:$PORT" &
PIDS+=($!)
for _ in $(seq 100); do [ -s "$WORK/snmpd.pid" ] && break; sleep 0.1; done
SNMPD=$(cat "$WORK/snmpd.pid")
cat > "$WORK/nlagent-ax.conf" <<CONF
netnsDir /run/netns
netnsNamePattern ${PODS}-*
listen off
agentx unix:$WORK/master
probeEnabled no
CONF
ip netns exec "$NS" java $JVM_FLAGS -jar "$JAR" run --config "$WORK/nlagent-ax.conf" \
    > "$WORK/nlagent-ax.log" 2>&1 &
PIDS+=($!)
NLAX=""
for _ in $(seq 100); do NLAX=$(pgrep -f "run --config $WORK/nlagent-ax.conf" | head -1); [ -n "$NLAX" ] && break; sleep 0.1; done
until ip netns exec "$NS" snmpget -v2c -c public -t 1 -r 0 "127.0.0.1:$PORT" 1.3.6.1.2.1.4.24.6.0 2>/dev/null | grep -q Gauge32; do
    kill -0 "$NLAX" 2>/dev/null || { cat "$WORK/nlagent-ax.log" >&2; exit 1; }
    sleep 0.2
done
measure subagent "$SNMPD,$NLAX" ip netns exec "$NS" snmpbulkwalk -m "" -On -v2c -c public -Cr25 -t 60 "127.0.0.1:$PORT"
