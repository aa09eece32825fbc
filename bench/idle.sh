#!/usr/bin/env bash
# Idle cost of nlagent: CPU seconds per minute of an agent nobody polls, after one poll.
#
#   bench/idle.sh [--jar target/nlagent.jar]... [--k 0,250,500] [--systems nlagent,subagent] [--seconds 60]
#
# --jar may be given more than once (e.g. before and after a change): the builds are then measured
# one after the other in the same scenario, so noise on the host (other processes' links) hits both.
# For each K: bench/scenario.sh builds K pod-like namespaces; for each system the agent is started
# with its jar's built-in configuration, serving only those namespaces,
# (nlagent: standalone on a loopback port; subagent: snmpd with the shipped -I list as AgentX master
# + nlagent --no-standalone, as bench/run.sh starts them), waited for until it serves all K + 1 (an AgentX-only one: 1)
# contexts, polled once (snmpbulkwalk -Cr25 of ifTable and ifXTable in the default context), left
# alone 10 s, and then its utime+stime (from /proc/PID/stat, all threads) is taken over --seconds.
# Prints one line per run (JVM and, in subagent mode, snmpd separately; the agent's netlink dumps,
# bytes dumped and notifications received over the window, from its /metrics, sampled every 10 s)
# and the JVM's busiest threads over the same window (/proc/PID/task/*/stat). On a shared host,
# others' link changes in the root namespace reach the agent as notifications and re-dumps of its
# own namespace: the notification count says how much of the figure they are. Tears down the namespaces and stops what it started.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
JARS=()
KS=0,250,500
SYSTEMS=nlagent,subagent
SECONDS_IDLE=60
while [[ $# -gt 0 ]]; do
    case "$1" in
        --jar) JARS+=("$2"); shift 2 ;;
        --k) KS=$2; shift 2 ;;
        --systems) SYSTEMS=$2; shift 2 ;;
        --seconds) SECONDS_IDLE=$2; shift 2 ;;
        *) sed -n '2,13p' "$0"; exit 2 ;;
    esac
done
[[ ${#JARS[@]} -gt 0 ]] || JARS=("$ROOT/target/nlagent.jar")
for JAR in "${JARS[@]}"; do [[ -f "$JAR" ]] || { echo "idle.sh: no $JAR (mvn -B -q package -DskipTests)" >&2; exit 2; }; done
CLK_TCK=$(getconf CLK_TCK)
MASTER_I=$(grep -o -- '-I -[A-Za-z0-9_,]*' "$ROOT/config/snmpd/snmpd.service.d/nlagent.conf" | head -1 | cut -d' ' -f2)
MASTER_CPUS=$(sed -n 's/^CPUAffinity=\([0-9,-]*\)[[:space:]]*$/\1/p' "$ROOT/config/snmpd/snmpd.service.d/nlagent.conf" | tail -1)
# JVM settings: the launcher's (packaging/nlagent), as bench/run.sh
LAUNCHER_FLAGS=$(sed -n 's/^OPTS=${NLAGENT_JAVA_OPTS:-"\(.*\)"}$/\1/p' "$ROOT/packaging/nlagent" 2>/dev/null || true)
JVM_FLAGS=${NLAGENT_JVM_FLAGS:-${LAUNCHER_FLAGS:?idle.sh: no OPTS line in packaging/nlagent}}
PREFIX=nlbi$(od -An -N1 -tx1 /dev/urandom | tr -d ' \n')
WORK=$(mktemp -d "${TMPDIR:-/tmp}/nlagent-idle.XXXXXX")
export NLB_STATE=$WORK/prefix  # not the shared default: bench/run.sh may be running too
STARTED=()

stop_all() {
    local p
    for p in "${STARTED[@]}"; do kill "$p" 2>/dev/null || true; done
    for p in "${STARTED[@]}"; do wait "$p" 2>/dev/null || true; done
    STARTED=()
}
cleanup() { stop_all; "$ROOT/bench/scenario.sh" --prefix "$PREFIX" down >/dev/null 2>&1 || true; rm -rf "$WORK"; }
trap cleanup EXIT
trap 'exit 130' INT TERM  # through the EXIT trap: stop, tear down, and do not go on with the next run

ticks() { sed 's/.*) //' "/proc/$1/stat" | awk '{print $12 + $13}'; }
thread_ticks() {  # "tid comm ticks" per thread
    local t
    for t in /proc/"$1"/task/*; do
        [[ -r $t/stat ]] || continue
        sed -E 's/^([0-9]+) \((.*)\) /\1 \2\t/' "$t/stat" 2>/dev/null | awk -F'\t' '{split($2, f, " "); n=$1; sub(/ /, "\t", n); print n "\t" f[12] + f[13]}'
    done
}
netlink_metrics() {  # "dumps bytes notifications" from the agent's /metrics
    curl -s "http://127.0.0.1:$1/metrics" | awk '/^nlagent_netlink_dumps_total / {d = $2} /^nlagent_netlink_dump_received_bytes_total / {b = $2}
        /^nlagent_netlink_notifications_total / {n = $2} END {printf "%d %d %d\n", d, b, n}'
}
secs() { awk -v t="$1" -v hz="$CLK_TCK" 'BEGIN {printf "%.2f", t / hz}'; }
free_port() { python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

run_one() {  # $1 system, $2 k, $3 jar
    local sys=$1 k=$2 JAR=$3 dir="$WORK/$1.$2" port mport snmpd_pid="" jvm i n m0 m1 bind
    rm -rf "$dir"; mkdir -p "$dir/persist"
    # the jar's own built-in configuration, serving only this scenario's namespaces (a shared host's
    # /run/netns may hold others'), so each build runs with its own defaults
    unzip -p "$JAR" nlagent/nlagent.conf | sed "s/^netnsNamePattern .*/netnsNamePattern $PREFIX-*/" > "$dir/nlagent.conf"
    chmod 600 "$dir/nlagent.conf"
    port=$(free_port)
    mport=$(free_port)
    if [[ $sys == subagent ]]; then
        printf 'rocommunity public 127.0.0.1\nmaster agentx\nagentXSocket unix:%s/agentx.sock\nagentXPerms 0660 0700\n' "$dir" > "$dir/snmpd.conf"
        bind=(); [[ -n "$MASTER_CPUS" ]] && bind=(taskset -c "$MASTER_CPUS")  # as the drop-in's CPUAffinity=
        SNMP_PERSISTENT_DIR=$dir/persist "${bind[@]}" snmpd -f -Lf "$dir/snmpd.log" -C -c "$dir/snmpd.conf" -I "$MASTER_I" "udp:127.0.0.1:$port" &
        snmpd_pid=$!; STARTED+=("$snmpd_pid")
        for i in $(seq 1 100); do [[ -S "$dir/agentx.sock" ]] && break; sleep 0.1; done
        # shellcheck disable=SC2086
        MALLOC_ARENA_MAX=2 java $JVM_FLAGS -jar "$JAR" run --config "$dir/nlagent.conf" --metrics "http:127.0.0.1:$mport" --agentx "unix:$dir/agentx.sock" --no-standalone > "$dir/nlagent.log" 2>&1 &
    else
        # shellcheck disable=SC2086
        MALLOC_ARENA_MAX=2 java $JVM_FLAGS -jar "$JAR" run --config "$dir/nlagent.conf" --metrics "http:127.0.0.1:$mport" --listen "udp:127.0.0.1:$port" > "$dir/nlagent.log" 2>&1 &
    fi
    jvm=$!; STARTED+=("$jvm")
    # dcacheNetnsServed.0 >= k + 1 (the agent's own namespace included); an AgentX-only subagent without
    # namespace contexts opens its own namespace alone (since 3a47f86) and logs so before it answers
    local want=$(( k + 1 ))
    for i in $(seq 1 300); do
        grep -q "namespaces: serving only nlagent's own" "$dir/nlagent.log" 2>/dev/null && want=1
        n=$(snmpget -v2c -c public -t 2 -r 0 -Oqv "127.0.0.1:$port" 1.3.6.1.4.1.8072.9999.9999.110108.1.4.2.0 2>/dev/null | awk '{print $1}' || true)
        [[ "$n" =~ ^[0-9]+$ ]] && (( n >= want )) && break
        sleep 1
    done
    snmpbulkwalk -v2c -c public -Cr25 -t 30 -r 0 -On "127.0.0.1:$port" 1.3.6.1.2.1.2.2 > "$dir/poll" 2>&1 || true
    snmpbulkwalk -v2c -c public -Cr25 -t 30 -r 0 -On "127.0.0.1:$port" 1.3.6.1.2.1.31.1.1 >> "$dir/poll" 2>&1 || true
    sleep 10
    local j0 s0=0 j1 s1=0
    thread_ticks "$jvm" > "$dir/threads0"
    j0=$(ticks "$jvm"); [[ -n $snmpd_pid ]] && s0=$(ticks "$snmpd_pid"); m0=$(netlink_metrics "$mport")
    sleep "$SECONDS_IDLE"
    j1=$(ticks "$jvm"); [[ -n $snmpd_pid ]] && s1=$(ticks "$snmpd_pid"); m1=$(netlink_metrics "$mport")
    thread_ticks "$jvm" > "$dir/threads1"
    echo "K=$k $sys $(basename "$JAR") ($(ip -o link | wc -l) root links): $(wc -l < "$dir/poll") varbinds polled; idle over ${SECONDS_IDLE}s: nlagent $(secs $(( j1 - j0 ))) CPU-s$( [[ -n $snmpd_pid ]] && echo ", snmpd $(secs $(( s1 - s0 ))) CPU-s"); $(echo "$m0 $m1" | awk '{printf "%d dumps, %.1f MB dumped, %d notifications", $4 - $1, ($5 - $2) / 1e6, $6 - $3}')"
    # per-thread: ticks over the window, by thread name (pool threads' numbers folded)
    awk -F'\t' 'NR == FNR {a[$1] = $3; next} {d = $3 - a[$1]; name = $2; gsub(/[0-9]+$/, "#", name); s[name] += d}
        END {for (n in s) if (s[n] > 0) printf "%d\t%s\n", s[n], n}' "$dir/threads0" "$dir/threads1" \
        | sort -rn | head -12 | awk -F'\t' -v hz="$CLK_TCK" '{printf "    %-24s %.2f CPU-s\n", $2, $1 / hz}'
    stop_all
}

# the host's /proc/sys/net dentries before any pod's, as on a host whose pods came after its boot (bench/README.md,
# "The host's dentries before its pods'"): made after them, they would head their chains and hide them from its lookups
cat /proc/sys/net/ipv4/ip_forward /proc/sys/net/ipv6/conf/all/forwarding /proc/sys/net/core/somaxconn > /dev/null
for k in ${KS//,/ }; do
    if (( k > 0 )); then "$ROOT/bench/scenario.sh" --prefix "$PREFIX" up "$k" >/dev/null; else "$ROOT/bench/scenario.sh" --prefix "$PREFIX" down >/dev/null 2>&1 || true; fi
    for sys in ${SYSTEMS//,/ }; do for jar in "${JARS[@]}"; do run_one "$sys" "$k" "$jar"; done; done
done
