#!/usr/bin/env bash
# nlagent benchmark runner (issue 11): what an NMS poll, an idle minute and the agent's presence cost on a
# simulated container host, for
#   snmpd     stock net-snmp snmpd (Debian's module set: -I -smux,mteTrigger,mteTriggerConf)
#   nlagent   nlagent standalone (java -jar target/nlagent.jar run ... --listen udp:127.0.0.1:PORT)
#   subagent  snmpd master with the documented -I list (its interface/IP modules off) and the drop-in's
#             CPUAffinity= (taskset) + nlagent as AgentX subagent on a private Unix socket
# for each K (live network namespaces built by bench/scenario.sh), plus optionally an
# "interfaces only" scenario (--ifaces N: N interfaces in the root netns, no namespaces).
#
# Usage: bench/run.sh [--k 0,250,500,1000,2000] [--quick] [--ifaces N] [--systems snmpd,nlagent,subagent]
#                     [--repeats 3] [--poll-gap-s 0] [--interleave] [--idle-s 60] [--quiet-s 6] [--rss-polls 0] [--snmpd-max-k K]
#                     [--timeout 60] [--strace-timeout 60] [--start-timeout 600] [--jar FILE]
#                     [--nlagent-config FILE] [--no-strace] [--floor-n 20000] [--floor-think-us 100] [--out DIR]
#   --quick           K = 0,250, 2 polls each, --idle-s 20: a few minutes
#   --repeats N       polls per system and K: poll 1 is the FIRST poll after start, polls 2..N the warm ones
#   --poll-gap-s S    S seconds without requests before every counted poll, the first included (default 0:
#                     polls back to back; the strace poll and --rss-polls always follow at once). An NMS polls every 1-5 minutes, so each of its polls comes after the
#                     agent's caches expired; with S above nlagent's refreshIntervalMs (5 s), every poll pays
#                     the on-demand refresh and the new view's build, as an NMS's poll does, instead of
#                     re-reading what the previous poll loaded. The first gap counts as start-up CPU
#   --interleave      (needs --poll-gap-s) all systems started first (each stopped with SIGSTOP once its start-up
#                     is measured), then poll i of every system in turn, only the polled one running (SIGCONT,
#                     then the gap, so what its timers owe runs before the poll is measured): each pair of
#                     polls ran seconds apart instead of minutes, in the same stretch of a VM whose speed drifts;
#                     strace poll, idle window and RSS then per system, the others stopped (so a system's root
#                     lookup latency before it started and after is measured with the others alive, stopped)
#   --idle-s S        idle window after the polls (0: none); reported as CPU-s per minute
#   --quiet-s S       quiet time between the last request and the idle window (default 6: one refresh
#                     interval, 5 s, plus 1 s, so on-demand refreshes triggered by the polls are over)
#   --rss-polls N     after the idle window, N more (uncounted) polls, then RSS again (default 0)
#   --snmpd-max-k K   stock snmpd not run above K namespaces (its row says so); default: every K
#   --timeout S       bound per subtree walk; a walk that does not finish makes the poll FAILED (its CPU
#                     is what it burned until then), the poll's remaining subtrees and the system's
#                     remaining polls at that K are skipped
#   --strace-timeout S  bound on the whole strace poll (lookups are then a lower bound, shown as >N)
#   --start-timeout S bound on start-up (until ifNumber.0 answers and every namespace is served; the subagent: its own)
#   --floor-n N       round trips of the kernel request/response floor (bench/udp-floor.c), measured at
#                     the start and at the end of the run (default 20000: a few seconds; 0: not measured)
#   --floor-think-us T  the floor again, --floor-n round trips, with a client that pauses T µs before each
#                     request (default 100, about the wall time snmpbulkwalk leaves between requests; 0,
#                     or --floor-n 0: not measured): an answering process that sleeps between requests
#                     pays more per wake-up on a VM. Logged and written to machine.md only; the floor
#                     report.sh subtracts is the one without pauses
#
# One poll = snmpbulkwalk -v2c -Cr25 of ifTable (1.3.6.1.2.1.2.2), ifXTable (1.3.6.1.2.1.31.1.1),
# ipv4InterfaceTable (1.3.6.1.2.1.4.28), ipv6InterfaceTable (1.3.6.1.2.1.4.30) and IPV6-MIB
# (1.3.6.1.2.1.55.1), one after the other. Per system and K, in this order:
#   1. root-namespace lookup latency (bench/lookup-latency.c) of /proc/sys/net/ipv4/ip_forward and
#      /proc/sys/net/ipv6/conf/all/forwarding before the system starts;
#   2. start on a free loopback port, wait until it answers ifNumber.0 and (nlagent) serves every namespace it opens (an AgentX-only subagent opens its own alone);
#   3. start-up CPU (all threads, from exec until now: opening the namespaces, JVM start, warm-up), then
#      --repeats polls: wall s, CPU s of all serving processes (on-CPU ns of every thread from
#      /proc/PID/task/*/schedstat; master and subagent also separately; utime+stime ticks as a
#      cross-check), varbinds, peak RSS (VmHWM, summed);
#   4. one uncounted poll under `strace -f -e trace=%file` on every serving process: path lookups under
#      /proc/sys per poll (nlagent's dcache health probe, a stat() burst of its probePath and
#      probeControlPath once a minute, by design, is counted apart when it falls into that poll);
#   5. --quiet-s without requests, then idle CPU over --idle-s; RSS (VmRSS) at the end; --rss-polls;
#   6. lookup latency again (the system still running, after it served K namespaces and was polled);
#   7. stop everything by PID.
# With --interleave, steps 1-3 (up to the start-up CPU) run for every system first, then the polls in turn
# (poll i of each system, the others stopped), then steps 4-7 per system (the others stopped).
# The namespaces are removed by a trap on exit, error, Ctrl-C and SIGTERM. nlagent serves only the
# run's namespaces (the shipped config/nlagent.conf with netnsNamePattern PREFIX-*).
#
# Kernel request/response floor: at the start and at the end of the run, bench/udp-floor.c (two unpinned
# processes, N loopback UDP round trips of a 60-byte request and a 1,400-byte answer, one outstanding) in
# this network namespace: the answering side's CPU per round trip is what any agent pays in the kernel
# per request on this machine (on a VM mostly the cross-vCPU wake-up); report.sh multiplies it by each
# poll's requests (polls.csv "requests": per subtree floor(varbinds/25) + 1, + 1 for an empty subtree).
#
# Output in bench/results/<UTC date-time>/: polls.csv (one row per poll), systems.csv (one row per system
# and K: idle, RSS, lookup latency), floor.csv (the floor, start and end), then bench/report.sh:
# summary.csv, results.md (README-ready table, ratios, floor, goals) and cpu_per_poll.png (CPU per poll
# first/warm and idle CPU per minute vs K).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
KS=0,250,500,1000,2000
IFACES=
SYSTEMS=snmpd,nlagent,subagent
REPEATS=3
POLL_GAP_S=0
INTERLEAVE=0
IDLE_S=
QUIET_S=6
RSS_POLLS=0
SNMPD_MAX_K=
TIMEOUT_S=60
STRACE_BOUND_S=60
START_BOUND_S=600
JAR=$ROOT/target/nlagent.jar
NLAGENT_CONF=
STRACE=1
FLOOR_N=20000
FLOOR_THINK_US=100
OUT=
QUICK=0
SUBTREES=(1.3.6.1.2.1.2.2 1.3.6.1.2.1.31.1.1 1.3.6.1.2.1.4.28 1.3.6.1.2.1.4.30 1.3.6.1.2.1.55.1)
LATENCY_PATHS=(/proc/sys/net/ipv4/ip_forward /proc/sys/net/ipv6/conf/all/forwarding)
STOCK_I="-smux,mteTrigger,mteTriggerConf"
# the documented -I list: taken from the shipped snmpd drop-in, so the benchmark measures what we tell
# operators to run (fallback: the list from the AgentX notes)
MASTER_I=$(grep -o -- '-I -[A-Za-z0-9_,]*' "$ROOT/config/snmpd/snmpd.service.d/nlagent.conf" 2>/dev/null | head -1 | cut -d' ' -f2)
MASTER_I=${MASTER_I:-"-smux,mteTrigger,mteTriggerConf,ifTable,ifXTable,interface,ip,ip_scalars,ipv6,ipAddressTable,ipAddressPrefixTable,inetNetToMediaTable,ipv6ScopeZoneIndexTable,ipDefaultRouterTable,ipCidrRouteTable,inetCidrRouteTable,ipSystemStatsTable,ipIfStatsTable"}
# the master's CPUs: the drop-in's CPUAffinity= (nlagent's AgentX thread follows them), applied with taskset; empty: unbound
MASTER_CPUS=$(sed -n 's/^CPUAffinity=\([0-9,-]*\)[[:space:]]*$/\1/p' "$ROOT/config/snmpd/snmpd.service.d/nlagent.conf" 2>/dev/null | tail -1)
# JVM settings: the launcher's (packaging/nlagent), so the benchmark runs what operators run
LAUNCHER_FLAGS=$(sed -n 's/^OPTS=${NLAGENT_JAVA_OPTS:-"\(.*\)"}$/\1/p' "$ROOT/packaging/nlagent" 2>/dev/null || true)
JVM_FLAGS=${NLAGENT_JVM_FLAGS:-${LAUNCHER_FLAGS:-"-XX:+UseSerialGC -Xms16m -Xmx256m -XX:MaxDirectMemorySize=512m -Xss256k -XX:-UsePerfData"}}

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 2; }
die() { echo "run.sh: $*" >&2; exit 2; }
log() { echo "[$(date -u +%H:%M:%S.%3N)] $*" >&2; }
num() { [[ "$2" =~ ^[0-9]+$ ]] || die "$1 needs a whole number, got '$2'"; }

ARGS="$*"
while [[ $# -gt 0 ]]; do
    case "$1" in
        --k|--ifaces|--systems|--repeats|--poll-gap-s|--idle-s|--quiet-s|--rss-polls|--snmpd-max-k|--timeout|--strace-timeout|\
        --start-timeout|--jar|--nlagent-config|--floor-n|--floor-think-us|--out) [[ $# -ge 2 ]] || die "$1 needs a value (see --help)" ;;
    esac
    case "$1" in
        --k) KS=$2; shift 2 ;;
        --quick) QUICK=1; shift ;;
        --interleave) INTERLEAVE=1; shift ;;
        --ifaces) num "$1" "$2"; IFACES=$2; shift 2 ;;
        --systems) SYSTEMS=$2; shift 2 ;;
        --repeats) num "$1" "$2"; REPEATS=$2; shift 2 ;;
        --poll-gap-s) num "$1" "$2"; POLL_GAP_S=$2; shift 2 ;;
        --idle-s) num "$1" "$2"; IDLE_S=$2; shift 2 ;;
        --quiet-s) num "$1" "$2"; QUIET_S=$2; shift 2 ;;
        --rss-polls) num "$1" "$2"; RSS_POLLS=$2; shift 2 ;;
        --snmpd-max-k) num "$1" "$2"; SNMPD_MAX_K=$2; shift 2 ;;
        --timeout) num "$1" "$2"; TIMEOUT_S=$2; shift 2 ;;
        --strace-timeout) num "$1" "$2"; STRACE_BOUND_S=$2; shift 2 ;;
        --start-timeout) num "$1" "$2"; START_BOUND_S=$2; shift 2 ;;
        --jar) JAR=$2; shift 2 ;;
        --nlagent-config) NLAGENT_CONF=$2; shift 2 ;;
        --no-strace) STRACE=0; shift ;;
        --floor-n) num "$1" "$2"; FLOOR_N=$2; shift 2 ;;
        --floor-think-us) num "$1" "$2"; FLOOR_THINK_US=$2; shift 2 ;;
        --out) OUT=$2; shift 2 ;;
        -h|--help) usage ;;
        *) die "unknown argument '$1' (see --help)" ;;
    esac
done
if [[ $QUICK -eq 1 ]]; then KS=0,250; REPEATS=2; IDLE_S=${IDLE_S:-20}; fi
IDLE_S=${IDLE_S:-60}
[[ "$KS" =~ ^[0-9]+(,[0-9]+)*$ ]] || die "--k needs a comma-separated list of numbers, got '$KS'"
[[ "$SYSTEMS" =~ ^(snmpd|nlagent|subagent)(,(snmpd|nlagent|subagent))*$ ]] || die "--systems: a list of snmpd,nlagent,subagent, got '$SYSTEMS'"
(( REPEATS >= 1 )) || die "--repeats must be at least 1"
(( INTERLEAVE == 0 || POLL_GAP_S > 0 )) || die "--interleave needs --poll-gap-s (a resumed system's overdue timers must run before its poll)"
[[ -z "$NLAGENT_CONF" || -r "$NLAGENT_CONF" ]] || die "--nlagent-config: cannot read '$NLAGENT_CONF'"
[[ $(id -u) -eq 0 ]] || die "needs root (network namespaces, strace -p)"
for c in snmpd snmpbulkwalk snmpget ip ss timeout awk; do
    command -v $c >/dev/null || die "needs '$c' (apt-get install snmpd snmp iproute2)"
done
command -v cc >/dev/null || die "needs a C compiler 'cc' for bench/lookup-latency.c and bench/udp-floor.c (apt-get install gcc)"
[[ $STRACE -eq 0 ]] || command -v strace >/dev/null || die "needs strace (apt-get install strace, or --no-strace)"

T_RUN0=$(date +%s)
STAMP=$(date -u +%Y-%m-%d_%H%MZ)
OUT=${OUT:-$HERE/results/$STAMP}
mkdir -p "$OUT"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/nlb-run.XXXXXX")
PREFIX="nlb$(od -An -N2 -tx2 /dev/urandom | tr -d ' \n')"
export NLB_STATE=$WORK/prefix
CLK_TCK=$(getconf CLK_TCK)
POLLS=$OUT/polls.csv
SYSCSV=$OUT/systems.csv
FLOORCSV=$OUT/floor.csv
echo "scenario,k,ifaces,system,poll,status,wall_s,cpu_s,varbinds,procsys_lookups,vmhwm_kb,cpu_master_s,cpu_agent_s,cpu_ticks_s,detail,requests" > "$POLLS"
echo "scenario,k,ifaces,system,status,start_s,all_contexts_s,quiet_s,idle_window_s,idle_cpu_s,idle_cpu_s_per_min,idle_master_s_per_min,idle_agent_s_per_min,vmhwm_kb,vmrss_end_kb,rss_polls,vmrss_after_rss_polls_kb,ipv4_before_us,ipv4_after_us,ipv6_before_us,ipv6_after_us,host_links_before,host_links_after,host_netns_before,host_netns_after,detail,startup_cpu_s" > "$SYSCSV"

# --- process bookkeeping: everything we start is stopped by PID ---------------------------------
STARTED=()
stop_pid() {
    local pid=$1 i
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
    kill -TERM "$pid" 2>/dev/null || true
    kill -CONT "$pid" 2>/dev/null || true  # a process stopped by --interleave acts on TERM only once continued
    for i in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}
stop_all() {
    local p
    for p in "${STARTED[@]}"; do stop_pid "$p"; done
    STARTED=()
}
final_cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    [[ -n "$BG_PID" ]] && kill "$BG_PID" 2>/dev/null
    stop_all
    "$HERE/scenario.sh" --prefix "$PREFIX" down >/dev/null 2>&1 || true
    rm -rf "$WORK"
    exit $rc
}
trap final_cleanup EXIT
trap 'log "interrupted"; exit 130' INT TERM

# Runs a command in the background and waits for it: a signal then interrupts the wait at once (bash runs
# a trap only after a foreground command ends: SIGTERM during a 60 s idle window would wait 60 s).
BG_PID=
bg_wait() {
    local rc=0
    "$@" &
    BG_PID=$!
    wait "$BG_PID" || rc=$?
    BG_PID=
    return $rc
}

free_udp_port() {
    local p
    while :; do
        p=$(( 20000 + RANDOM % 20000 ))
        ss -Hlun "sport = :$p" | grep -q . || { echo $p; return; }
    done
}

# --- measurements ------------------------------------------------------------------------------
cpu_ticks() {  # utime+stime (all threads, exited ones included) summed over the given PIDs, clock ticks
    local t=0 pid v
    for pid in "$@"; do
        v=$(sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null | awk '{print $12 + $13}') || v=0
        t=$(( t + ${v:-0} ))
    done
    echo $t
}
# CPU time in ns per thread ("pid tid ns" lines) from /proc/PID/task/TID/schedstat: utime+stime come in
# 10 ms clock ticks, too coarse for a poll of a few hundred varbinds (K = 0, where CPU per varbind is
# compared with K = 2,000). A thread that exits between two snapshots loses only its last part (the
# serving processes keep their threads); without schedstat (CONFIG_SCHED_INFO off) clock ticks are used.
SCHEDSTAT=1; [[ -r /proc/self/schedstat ]] || SCHEDSTAT=0
cpu_snap() {  # $1 output file, then PIDs
    local out=$1 p; shift
    for p in "$@"; do
        if [[ $SCHEDSTAT -eq 1 ]]; then
            # PID, TID, on-CPU ns, thread name (spaces as _; for the per-thread breakdown of a poll): one awk, no fork per thread
            awk -v p="$p" '{n = split(FILENAME, a, "/"); c = FILENAME; sub(/schedstat$/, "comm", c); name = "?"
                            getline name < c; close(c); gsub(/ /, "_", name); print p, a[n - 1], $1, name}' \
                /proc/"$p"/task/*/schedstat 2>/dev/null || true
        else
            echo "$p $p $(( $(cpu_ticks "$p") * 1000000000 / CLK_TCK ))"
        fi
    done > "$out"
}
cpu_delta() {  # $1 snapshot before, $2 snapshot after, [$3 PID: that process only] -> CPU s
    awk -v only="${3:-}" 'NR == FNR {a[$2] = $3; next} only == "" || $1 == only {d += $3 - (($2 in a) ? a[$2] : 0)}
        END {printf "%.3f", d / 1e9}' "$1" "$2"
}
cpu_threads() {  # $1 snapshot before, $2 snapshot after -> "name=ms ..." per thread name, 2 ms and more, largest first
    awk 'NR == FNR {a[$2] = $3; next} {d[$4] += $3 - (($2 in a) ? a[$2] : 0)}
        END {for (n in d) if (d[n] >= 2e6) printf "%d %s=%.0f\n", d[n], n, d[n] / 1e6}' "$1" "$2" | sort -rn | cut -d' ' -f2 | tr '\n' ' '
}
status_kb() {  # $1 field (VmHWM, VmRSS), then PIDs: summed
    local f=$1 t=0 pid v; shift
    for pid in "$@"; do
        v=$(awk -v f="$f:" '$1 == f {print $2}' "/proc/$pid/status" 2>/dev/null) || v=0
        t=$(( t + ${v:-0} ))
    done
    echo $t
}
vmhwm_kb() { status_kb VmHWM "$@"; }
now() { date +%s.%N; }
fsub() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.3f", a - b}'; }
ticks_s() { awk -v t="$1" -v hz="$CLK_TCK" 'BEGIN {printf "%.2f", t / hz}'; }
alive() { local p; for p in "$@"; do kill -0 "$p" 2>/dev/null || return 1; done; }

# Root-namespace path-lookup latency, µs per stat(), of LATENCY_PATHS: "ipv4 ipv6".
cc -O2 -o "$WORK/lookup-latency" "$HERE/lookup-latency.c" || die "cannot build bench/lookup-latency.c"
probe_latency() { "$WORK/lookup-latency" "${LATENCY_PATHS[@]}" | awk '{printf "%s ", $2}'; }
# The kernel's request/response floor (see the header): one row in floor.csv and one line in machine.md
# per measurement ($1: start or end). A failed measurement is a row with its reason, not a failed run.
cc -O2 -o "$WORK/udp-floor" "$HERE/udp-floor.c" || die "cannot build bench/udp-floor.c"
echo "when,status,n,request_bytes,answer_bytes,agent_cpu_us_per_rt,agent_sys_us_per_rt,client_cpu_us_per_rt,client_sys_us_per_rt,wall_us_per_rt,detail" > "$FLOORCSV"
measure_floor() {
    local when=$1 out rc=0 line f
    (( FLOOR_N > 0 )) || return 0
    # bounded: 1 ms per round trip (5x the worst wall seen on a 2-vCPU VM) + 30 s
    out=$(timeout -k 2 $(( FLOOR_N / 1000 + 30 )) "$WORK/udp-floor" "$FLOOR_N" 2>&1) || rc=$?
    if [[ $rc -eq 0 && "$out" == "udp-floor n="* ]]; then
        line=$(awk -v w="$when" '{for (i = 2; i <= NF; i++) {split($i, kv, "="); v[kv[1]] = kv[2]}
            printf "%s,ok,%s,%s,%s,%s,%s,%s,%s,%s,", w, v["n"], v["request_bytes"], v["answer_bytes"], v["agent_cpu_us_per_rt"],
                v["agent_sys_us_per_rt"], v["client_cpu_us_per_rt"], v["client_sys_us_per_rt"], v["wall_us_per_rt"]}' <<<"$out")
        echo "$line" >> "$FLOORCSV"
        IFS=, read -r -a f <<<"$line"
        log "kernel request/response floor ($when): answering side ${f[5]} µs CPU per round trip (${f[6]} sys), client ${f[7]} µs, wall ${f[9]} µs"
        echo "- Kernel request/response floor at the $when of the run (bench/udp-floor.c, ${f[2]} loopback UDP round trips, ${f[3]}-byte request, ${f[4]}-byte answer, unpinned): answering side ${f[5]} µs CPU per round trip (${f[6]} µs sys), client ${f[7]} µs, wall ${f[9]} µs" >> "$WORK/machine.md"
    else
        out="rc $rc: $(head -c 160 <<<"$out" | tr '\n,' '  ' | sed 's/ *$//')"
        echo "$when,failed,$FLOOR_N,,,,,,,,$out" >> "$FLOORCSV"
        log "kernel request/response floor ($when): FAILED ($out)"
        echo "- Kernel request/response floor at the $when of the run: FAILED ($out)" >> "$WORK/machine.md"
    fi
    (( FLOOR_THINK_US > 0 )) || return 0
    rc=0
    # bounded as above plus the pauses
    out=$(timeout -k 2 $(( FLOOR_N * (FLOOR_THINK_US + 1000) / 1000000 + 30 )) "$WORK/udp-floor" "$FLOOR_N" 60 1400 "$FLOOR_THINK_US" 2>&1) || rc=$?
    if [[ $rc -eq 0 && "$out" == "udp-floor n="* ]]; then
        line=$(awk '{for (i = 2; i <= NF; i++) {split($i, kv, "="); v[kv[1]] = kv[2]}
            printf "%s %s %s", v["agent_cpu_us_per_rt"], v["agent_sys_us_per_rt"], v["wall_us_per_rt"]}' <<<"$out")
        read -r -a f <<<"$line"
        log "kernel request/response floor ($when), client pausing ${FLOOR_THINK_US} µs before each request: answering side ${f[0]} µs CPU per round trip (${f[1]} sys), wall ${f[2]} µs"
        echo "- The same floor at the $when of the run with a client that pauses ${FLOOR_THINK_US} µs before each request (about the wall time snmpbulkwalk leaves between requests): answering side ${f[0]} µs CPU per round trip (${f[1]} µs sys), wall ${f[2]} µs" >> "$WORK/machine.md"
    else
        log "kernel request/response floor ($when), client pausing ${FLOOR_THINK_US} µs: FAILED (rc $rc)"
        echo "- The floor with a client pausing ${FLOOR_THINK_US} µs at the $when of the run: FAILED (rc $rc)" >> "$WORK/machine.md"
    fi
}
# What else lives on the host: links in the root namespace and network namespaces (net_namespace slab).
# Ours do not change while a system is measured; when these counts differ before and after, someone else
# changed the host (and the dcache chains) during the measurement, and report.sh flags the row.
host_counts() { echo "$(ip -o link show 2>/dev/null | wc -l) $(awk '$1 == "net_namespace" {print $2}' /proc/slabinfo 2>/dev/null)"; }

# One poll against 127.0.0.1:$1 ($2: tag for the output files, $3: optional bound in s on the whole poll).
# Sets POLL_STATUS (ok, timeout, error), POLL_VARBINDS, POLL_DETAIL. A timed-out subtree ends the poll.
poll_once() {
    local port=$1 tag=$2 bound=${3:-} oid rc n t deadline=
    POLL_STATUS=ok; POLL_VARBINDS=0; POLL_DETAIL=; POLL_REQUESTS=0
    [[ -n "$bound" ]] && deadline=$(( $(date +%s) + bound ))
    for oid in "${SUBTREES[@]}"; do
        t=$TIMEOUT_S
        if [[ -n "$deadline" ]]; then
            t=$(( deadline - $(date +%s) ))
            (( t > TIMEOUT_S )) && t=$TIMEOUT_S
            (( t >= 1 )) || { POLL_STATUS=timeout; POLL_DETAIL+="poll bound ${bound}s reached before $oid; "; break; }
        fi
        rc=0
        bg_wait timeout -k 2 "$t" snmpbulkwalk -v2c -c public -Cr25 -t "$t" -r 0 -On \
            "127.0.0.1:$port" "$oid" > "$WORK/walk.$tag.out" 2> "$WORK/walk.$tag.err" || rc=$?
        n=$(grep -c '^\.1\.' "$WORK/walk.$tag.out" | tr -d ' ' || true)
        n=$(( n - $(grep -c 'No Such\|No more variables' "$WORK/walk.$tag.out" || true) ))
        POLL_VARBINDS=$(( POLL_VARBINDS + n ))
        # requests this walk sent (for the kernel floor): each answer carries 25 varbinds, the last one
        # the first past the subtree, so floor(n / 25) + 1; an empty subtree adds snmpbulkwalk's GET of
        # the subtree's OID. Exact when no answer is cut short by the message size; a walk cut by the
        # timeout counts its unanswered request too.
        POLL_REQUESTS=$(( POLL_REQUESTS + n / 25 + 1 + (n == 0 && rc == 0 ? 1 : 0) ))
        if [[ $rc -ne 0 ]]; then
            if [[ $rc -eq 124 || $rc -eq 137 ]]; then
                POLL_STATUS=timeout; POLL_DETAIL+="$oid: no end within ${t}s (remaining subtrees skipped); "
                break
            fi
            POLL_STATUS=error; POLL_DETAIL+="$oid: rc $rc $(head -c 120 "$WORK/walk.$tag.err" | tr '\n,' '  '); "
        fi
    done
}

# Waits until the system answers ifNumber.0 (a value, not noSuchObject), at most START_BOUND_S.
wait_answers() {
    local port=$1; shift
    local deadline=$(( $(date +%s) + START_BOUND_S )) out=
    while (( $(date +%s) < deadline )); do
        alive "$@" || { echo "process exited"; return 1; }
        # not bound yet: a request now would only be lost and cost a whole client timeout
        ss -Hlun "sport = :$port" | grep -q . || { sleep 0.2; continue; }
        out=$(snmpget -v2c -c public -t "$TIMEOUT_S" -r 0 -On "127.0.0.1:$port" 1.3.6.1.2.1.2.1.0 2>&1 || true)
        [[ "$out" == *"INTEGER"* ]] && return 0
        sleep 0.5
    done
    echo "no answer to ifNumber.0 within $START_BOUND_S s (last: ${out:0:100})"
    return 1
}

# Waits until nlagent serves every namespace (DCACHE-HEALTH-MIB dcacheNetnsServed.0 >= WANT, sampled
# every 10 s by the agent): it answers as soon as its own namespace is read and opens the others in the
# background, and a poll measured during that one-time opening would count it as poll cost.
wait_all_contexts() {
    local port=$1 want=$2; shift 2
    local deadline=$(( $(date +%s) + START_BOUND_S )) out= n
    while (( $(date +%s) < deadline )); do
        alive "$@" || { echo "process exited"; return 1; }
        out=$(snmpget -v2c -c public -t "$TIMEOUT_S" -r 0 -Oqv "127.0.0.1:$port" 1.3.6.1.4.1.8072.9999.9999.110108.1.4.2.0 2>&1 || true)
        n=${out%% *}
        [[ "$n" =~ ^[0-9]+$ ]] && (( n >= want )) && return 0
        sleep 1
    done
    echo "not all $want namespaces served within $START_BOUND_S s (last: ${out:0:100})"
    return 1
}

# --- the systems -------------------------------------------------------------------------------
# Each start_* sets PIDS (serving processes: master first) and PORT, and adds the PIDs to STARTED.
snmpd_conf() {  # $1 dir, $2 = master? (1/0)
    {
        echo "rocommunity public 127.0.0.1"
        echo "sysLocation nlagent-bench"
        if [[ $2 -eq 1 ]]; then
            echo "master agentx"
            echo "agentXSocket unix:$1/agentx.sock"
            echo "agentXPerms 0660 0700"
        fi
    } > "$1/snmpd.conf"
}
start_snmpd() {  # $1 dir, $2 -I list, $3 master?
    local dir=$1
    mkdir -p "$dir/persist"
    snmpd_conf "$dir" "$3"
    local bind=()
    [[ $3 -eq 1 && -n "$MASTER_CPUS" ]] && bind=(taskset -c "$MASTER_CPUS")  # exec's snmpd: $! stays snmpd's PID
    SNMP_PERSISTENT_DIR=$dir/persist "${bind[@]}" snmpd -f -Lf "$dir/snmpd.log" -C -c "$dir/snmpd.conf" -I "$2" \
        "udp:127.0.0.1:$PORT" > "$dir/snmpd.stdout" 2>&1 &
    SNMPD_PID=$!
    STARTED+=("$SNMPD_PID")
}
# nlagent's config: the shipped one (config/nlagent.conf, what the jar has built in) serving only this
# run's namespaces, so that other namespaces on a shared host are not served; --nlagent-config replaces it.
nlagent_conf() {
    local f=$WORK/nlagent.conf
    if [[ -n "$NLAGENT_CONF" ]]; then echo "$NLAGENT_CONF"; return; fi
    if [[ -r "$ROOT/config/nlagent.conf" ]]; then
        sed "s|^netnsNamePattern .*|netnsNamePattern $PREFIX-*|" "$ROOT/config/nlagent.conf" > "$f"
    fi
    grep -q "^netnsNamePattern $PREFIX-\*\$" "$f" 2>/dev/null || printf 'netnsNamePattern %s-*\nrocommunity public 127.0.0.1\n' "$PREFIX" > "$f"
    echo "$f"
}
# The paths nlagent's dcache health probe stat()s (probePath lines, the first replacing the defaults, and
# probeControlPath), as an extended regex of their quoted forms in strace's output: the probe's bursts
# are the lookups nlagent makes by design (DCACHE-HEALTH-MIB counts them apart), not a poll's.
probe_regex() {
    local f paths ctl
    f=$(nlagent_conf)
    paths=$(sed -n 's/^probePath[[:space:]]\{1,\}\([^[:space:]#]*\).*/\1/p' "$f" 2>/dev/null)
    ctl=$(sed -n 's/^probeControlPath[[:space:]]\{1,\}\([^[:space:]#]*\).*/\1/p' "$f" 2>/dev/null | tail -1)
    [[ -n "$paths" ]] || paths=$'/proc/sys/net/ipv6\n/proc/sys/net/core\n/proc/sys/net/ipv4'
    [[ -n "$ctl" ]] || ctl=/proc/sys/net
    printf '%s\n%s\n' "$paths" "$ctl" | sed 's/[].[*^$\\]/\\&/g; s/.*/"&"/' | paste -sd'|'
}
# What a strace -e trace=%file output ($1) shows: path lookups under /proc/sys but the probe's; the
# probe's; the three directories most looked up in ("net/ipv6/neigh/eth0 x84 ...").
strace_lookups() {
    grep '"/proc/sys/' "$1" | grep -cvE "$(probe_regex)" || true
}
strace_probe_lookups() {
    grep -cE "$(probe_regex)" "$1" || true
}
strace_top_paths() {
    grep -o '"/proc/sys/[^"]*"' "$1" | grep -vxE "$(probe_regex)" | sed 's|"/proc/sys/||; s|"$||; s|/[^/]*$||' \
        | sort | uniq -c | sort -rn | head -3 | awk '{printf "%s x%s ", $2, $1}'
}
nlagent_cmd() {  # $@ extra args
    local cfg=(--config "$(nlagent_conf)")
    # exec: the background subshell becomes the JVM, so $! is the JVM's PID (CPU, RSS, strace, kill)
    # shellcheck disable=SC2086
    MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2} exec java $JVM_FLAGS -jar "$JAR" run "${cfg[@]}" "$@"
}
start_system() {  # $1 system, $2 dir
    local sys=$1 dir=$2
    mkdir -p "$dir"
    PORT=$(free_udp_port)
    case "$sys" in
        snmpd)
            start_snmpd "$dir" "$STOCK_I" 0
            PIDS=("$SNMPD_PID") ;;
        nlagent)
            nlagent_cmd --listen "udp:127.0.0.1:$PORT" > "$dir/nlagent.log" 2>&1 &
            STARTED+=($!); PIDS=($!) ;;
        subagent)
            start_snmpd "$dir" "$MASTER_I" 1
            local i
            for i in $(seq 1 100); do [[ -S "$dir/agentx.sock" ]] && break; sleep 0.1; done
            nlagent_cmd --agentx "unix:$dir/agentx.sock" --no-standalone > "$dir/nlagent.log" 2>&1 &
            STARTED+=($!); PIDS=("$SNMPD_PID" $!) ;;
    esac
}
system_available() {  # $1 system, $2 k: prints a reason and fails when a system is not run here
    case "$1" in
        snmpd)
            [[ -z "$SNMPD_MAX_K" || $2 -le $SNMPD_MAX_K ]] || { echo "not run above --snmpd-max-k $SNMPD_MAX_K"; return 1; } ;;
        nlagent|subagent)
            [[ -f "$JAR" ]] || { echo "no $JAR (mvn -B -q package -DskipTests)"; return 1; }
            command -v java >/dev/null || { echo "no java"; return 1; } ;;
        *) echo "unknown system"; return 1 ;;
    esac
}

record() {  # scenario k ifaces system poll status wall cpu varbinds lookups hwm cpu_master cpu_agent cpu_ticks detail
    local IFS=,
    echo "$*" >> "$POLLS"
}
record_system() {  # the systems.csv columns, in order
    local IFS=,
    echo "$*" >> "$SYSCSV"
}

# --- one system, in three phases: start, polls, the rest -------------------------------------------
# Per-system state between the phases, keyed by system: with --interleave two systems are alive at once.
declare -A S_PIDS S_PORT S_DIR S_STATUS S_DETAIL S_START S_ALL S_STARTUP S_LAT0 S_HOST0
use_system() {  # $1 system: PIDS and PORT of that system
    read -r -a PIDS <<<"${S_PIDS[$1]}"
    PORT=${S_PORT[$1]}
}
# SIGSTOP / SIGCONT every serving process of a system (--interleave: the system not being polled makes no noise,
# stock snmpd's own background reloads above all; a resumed process gets --poll-gap-s before it is measured,
# so that the timers that expired while it was stopped run outside its poll)
pause_system() { local p; use_system "$1"; for p in "${PIDS[@]}"; do kill -STOP "$p" 2>/dev/null || true; done; }
resume_system() { local p; use_system "$1"; for p in "${PIDS[@]}"; do kill -CONT "$p" 2>/dev/null || true; done; }
forget_pid() {  # removes stopped PIDs from STARTED, so that the final cleanup never signals a reused PID
    local q keep=()
    for q in "${STARTED[@]}"; do [[ " $* " == *" $q "* ]] || keep+=("$q"); done
    STARTED=("${keep[@]}")
}
stop_system() {  # stops one system's processes by PID and forgets them
    local p
    use_system "$1"
    for p in "${PIDS[@]}"; do stop_pid "$p"; done
    forget_pid "${PIDS[@]}"
}

# Steps 1-3: lookup latency before, start, wait until it answers (and serves every namespace), warm-up, the
# start-up CPU. Sets S_STATUS[sys]: ok (polls follow), skipped or no-answer (recorded here, nothing follows).
sys_start() {  # $1 scenario label, $2 k, $3 ifaces, $4 system
    local scen=$1 k=$2 nif=$3 sys=$4 dir="$WORK/$1.$4" reason why t_start start_s="" all_s="" sdetail="" hwm startup_cpu=""
    local -a lat0=() host0=()
    S_DIR[$sys]=$dir; S_PIDS[$sys]=""; S_PORT[$sys]=""; S_DETAIL[$sys]=""; S_START[$sys]=""; S_ALL[$sys]=""
    S_STARTUP[$sys]=""; S_LAT0[$sys]=""; S_HOST0[$sys]=""
    if ! reason=$(system_available "$sys" "$k"); then
        log "  $sys: skipped ($reason)"
        record "$scen" "$k" "$nif" "$sys" - skipped "" "" "" "" "" "" "" "" "$reason" ""
        record_system "$scen" "$k" "$nif" "$sys" skipped "" "" "" "" "" "" "" "" "" "" "" "" "" "" "" "" "" "" "" "" "$reason" ""
        S_STATUS[$sys]=skipped
        return 0
    fi
    read -r -a host0 <<<"$(host_counts)"
    read -r -a lat0 <<<"$(probe_latency)"
    t_start=$(now)
    start_system "$sys" "$dir"
    S_PIDS[$sys]="${PIDS[*]}"; S_PORT[$sys]=$PORT
    log "  $sys: started (PIDs ${PIDS[*]}, port $PORT); lookup latency before: ipv4 ${lat0[0]} µs, ipv6 ${lat0[1]} µs"
    if ! why=$(wait_answers "$PORT" "${PIDS[@]}"); then
        log "  $sys: FAILED to start: $why"
        why="$why; log: $(tail -c 200 "$dir"/*.log 2>/dev/null | tr '\n,' '  ')"
        hwm=$(vmhwm_kb "${PIDS[@]}")
        record "$scen" "$k" "$nif" "$sys" - no-answer "" "" "" "" "$hwm" "" "" "" "$why" ""
        record_system "$scen" "$k" "$nif" "$sys" no-answer "" "" "" "" "" "" "" "" "$hwm" "" "" "" "${lat0[0]}" "" "${lat0[1]}" "" "${host0[0]}" "" "${host0[1]:-}" "" "$why" ""
        stop_system "$sys"; cp "$dir"/*.log "$OUT/" 2>/dev/null || true
        S_PIDS[$sys]=""; S_STATUS[$sys]=no-answer
        return 0
    fi
    start_s=$(fsub "$(now)" "$t_start")
    log "  $sys: answering after $start_s s"
    if [[ $sys != snmpd ]]; then
        local want=1
        [[ $scen == netns ]] && want=$(( k + 1 ))
        # an AgentX-only subagent without namespace contexts opens its own namespace alone (since 3a47f86), and
        # says so before it answers
        grep -q "namespaces: serving only nlagent's own" "$dir/nlagent.log" 2>/dev/null && want=1
        if ! why=$(wait_all_contexts "$PORT" "$want" "${PIDS[@]}"); then
            log "  $sys: $why"; sdetail+="$why; "
        fi
        all_s=$(fsub "$(now)" "$t_start")
        log "  $sys: serving all the $want context(s) it opens after $all_s s"
    fi
    if [[ $sys == nlagent ]]; then
        # the standalone agent answers during its start-up warm-up (warmupRequests); its CPU is a
        # start-up cost, not the first poll's: poll once it is over (its line says its CPU), bounded
        local w
        for ((w = 0; w < 600; w++)); do
            grep -q 'warm-up: \|warm-up failed' "$dir/nlagent.log" 2>/dev/null && break
            alive "${PIDS[@]}" || break
            sleep 0.1
        done
        log "  $sys: $(grep -o 'warm-up: .*\|warm-up failed.*' "$dir/nlagent.log" 2>/dev/null | head -1 || echo 'no warm-up line within 60 s')"
    fi
    # with --poll-gap-s the first poll also comes after a quiet gap; start-up runs until then, so that the gap's
    # own CPU (compilations still finishing, keep-alive refreshes) is counted as start-up, not left out
    (( POLL_GAP_S > 0 )) && bg_wait sleep "$POLL_GAP_S"
    # what starting cost until now (all threads, exited ones included): JVM start, opening every namespace,
    # the standalone warm-up, which moves JIT compilation out of the first poll into start-up
    startup_cpu=$(ticks_s "$(cpu_ticks "${PIDS[@]}")")
    log "  $sys: start-up CPU $startup_cpu s"
    S_STATUS[$sys]=ok; S_DETAIL[$sys]=$sdetail; S_START[$sys]=$start_s; S_ALL[$sys]=$all_s; S_STARTUP[$sys]=$startup_cpu
    S_LAT0[$sys]="${lat0[*]}"; S_HOST0[$sys]="${host0[*]}"
}

# Counted poll $5 (1: the first after start, then the warm ones). A failed poll or a serving process that died
# sets S_STATUS[sys]: the system's remaining polls are skipped. Returns 0 (set -e stays in force inside).
sys_poll() {  # $1 scenario label, $2 k, $3 ifaces, $4 system, $5 poll number
    local scen=$1 k=$2 nif=$3 sys=$4 i=$5 t0 t1 c0 c1 cpu cm="" ca=""
    [[ ${S_STATUS[$sys]} == ok ]] || return 0
    use_system "$sys"
    # a gap's own CPU (idle refreshes, if any) is not the poll's: the snapshot is taken after it (in sequential
    # runs poll 1's gap was before the start-up CPU; interleaved, every poll follows a resume and its gap)
    (( POLL_GAP_S > 0 && (i > 1 || INTERLEAVE == 1) )) && bg_wait sleep "$POLL_GAP_S"
    alive "${PIDS[@]}" || { record "$scen" "$k" "$nif" "$sys" "$i" died "" "" "" "" "" "" "" "" "serving process exited" ""; S_STATUS[$sys]=died; return 0; }
    cpu_snap "$WORK/cpu0" "${PIDS[@]}"; c0=$(cpu_ticks "${PIDS[@]}"); t0=$(now)
    poll_once "$PORT" "$sys"
    t1=$(now); cpu_snap "$WORK/cpu1" "${PIDS[@]}"; c1=$(cpu_ticks "${PIDS[@]}")
    cpu=$(cpu_delta "$WORK/cpu0" "$WORK/cpu1")
    if [[ ${#PIDS[@]} -gt 1 ]]; then  # master and subagent separately
        cm=$(cpu_delta "$WORK/cpu0" "$WORK/cpu1" "${PIDS[0]}"); ca=$(cpu_delta "$WORK/cpu0" "$WORK/cpu1" "${PIDS[1]}")
    fi
    record "$scen" "$k" "$nif" "$sys" "$i" "$POLL_STATUS" "$(fsub "$t1" "$t0")" "$cpu" \
        "$POLL_VARBINDS" "" "$(vmhwm_kb "${PIDS[@]}")" "$cm" "$ca" "$(ticks_s $(( c1 - c0 )))" "${POLL_DETAIL//,/;}" "$POLL_REQUESTS"
    log "  $sys poll $i: $POLL_STATUS wall $(fsub "$t1" "$t0") s, cpu $cpu s${cm:+ (master $cm + subagent $ca)}, $POLL_VARBINDS varbinds"
    [[ $SCHEDSTAT -eq 1 ]] && log "    threads, ms: $(cpu_threads "$WORK/cpu0" "$WORK/cpu1")"
    if [[ $POLL_STATUS != ok ]]; then
        S_STATUS[$sys]=$([[ $i -eq 1 ]] && echo FAILED || echo partly-failed)
        (( i < REPEATS )) && log "  $sys: poll failed, skipping the remaining polls at this K"
    fi
    return 0
}

# Steps 4-7 for a system that started: the strace poll, the idle window, RSS, lookup latency after, its
# systems.csv row; then its processes are stopped.
sys_finish() {  # $1 scenario label, $2 k, $3 ifaces, $4 system
    local scen=$1 k=$2 nif=$3 sys=$4 dir=${S_DIR[$4]} status=${S_STATUS[$4]} sdetail=${S_DETAIL[$4]} i t0 t1 lookups probe spid
    local idle_cpu="" idle_min="" idle_m="" idle_a="" idle_win="" quiet="" rss_end="" rss_after="" hwm
    local -a lat0=() lat1=() host0=() host1=()
    case "$status" in skipped|no-answer) return 0 ;; esac
    use_system "$sys"
    read -r -a lat0 <<<"${S_LAT0[$sys]}"; read -r -a host0 <<<"${S_HOST0[$sys]}"
    if [[ $STRACE -eq 1 && $status == ok ]] && alive "${PIDS[@]}"; then
        local pargs=() p
        for p in "${PIDS[@]}"; do pargs+=(-p "$p"); done
        # -f with -p attaches to every thread of each process (JVM threads included)
        strace -f -qq -e trace=%file -o "$dir/strace.out" "${pargs[@]}" 2> "$dir/strace.err" &
        spid=$!; STARTED+=("$spid")
        sleep 1.5
        poll_once "$PORT" "$sys-strace" "$STRACE_BOUND_S"
        sleep 0.5
        stop_pid "$spid"
        forget_pid "$spid"
        lookups=$(strace_lookups "$dir/strace.out")
        probe=$(strace_probe_lookups "$dir/strace.out")
        (( probe > 0 )) || probe=""
        record "$scen" "$k" "$nif" "$sys" strace "$POLL_STATUS" "" "" "$POLL_VARBINDS" "$lookups" "$(vmhwm_kb "${PIDS[@]}")" "" "" "" \
            "uncounted run under strace; top paths: $(strace_top_paths "$dir/strace.out")${probe:+; health probe stat() burst: $probe lookups; counted apart}${POLL_DETAIL//,/;}" \
            "$POLL_REQUESTS"
        log "  $sys strace poll: $lookups /proc/sys path lookups ($POLL_STATUS)${probe:+; and $probe of the health probe stat() burst, counted apart}"
    fi
    # idle: after --quiet-s without requests (on-demand refreshes the polls triggered are over)
    if (( IDLE_S > 0 )) && alive "${PIDS[@]}"; then
        quiet=$QUIET_S
        log "  $sys: quiet ${QUIET_S} s, then idle CPU over ${IDLE_S} s"
        bg_wait sleep "$QUIET_S"
        cpu_snap "$WORK/cpu0" "${PIDS[@]}"; t0=$(now)
        bg_wait sleep "$IDLE_S"
        t1=$(now); cpu_snap "$WORK/cpu1" "${PIDS[@]}"
        if alive "${PIDS[@]}"; then
            idle_win=$(fsub "$t1" "$t0"); idle_cpu=$(cpu_delta "$WORK/cpu0" "$WORK/cpu1")
            idle_min=$(awk -v c="$idle_cpu" -v w="$idle_win" 'BEGIN {printf "%.3f", c * 60 / w}')
            if [[ ${#PIDS[@]} -gt 1 ]]; then
                idle_m=$(cpu_delta "$WORK/cpu0" "$WORK/cpu1" "${PIDS[0]}" | awk -v w="$idle_win" '{printf "%.3f", $1 * 60 / w}')
                idle_a=$(cpu_delta "$WORK/cpu0" "$WORK/cpu1" "${PIDS[1]}" | awk -v w="$idle_win" '{printf "%.3f", $1 * 60 / w}')
            fi
            log "  $sys: idle $idle_cpu CPU-s in $idle_win s = $idle_min CPU-s per minute"
        else
            sdetail+="a serving process exited during the idle window; "; log "  $sys: a serving process exited during the idle window"
        fi
    elif (( IDLE_S > 0 )); then
        sdetail+="no idle window: a serving process had exited; "; log "  $sys: no idle window: a serving process had exited"
    fi
    alive "${PIDS[@]}" && rss_end=$(status_kb VmRSS "${PIDS[@]}")
    if (( RSS_POLLS > 0 )) && [[ $status == ok ]] && alive "${PIDS[@]}"; then
        log "  $sys: $RSS_POLLS more polls for RSS"
        for ((i = 1; i <= RSS_POLLS; i++)); do
            poll_once "$PORT" "$sys-rss"
            [[ $POLL_STATUS == ok ]] || { sdetail+="rss poll $i: $POLL_STATUS; "; break; }
        done
        rss_after=$(status_kb VmRSS "${PIDS[@]}")
    fi
    hwm=$(vmhwm_kb "${PIDS[@]}")
    read -r -a lat1 <<<"$(probe_latency)"
    read -r -a host1 <<<"$(host_counts)"
    log "  $sys: peak RSS $(( hwm / 1024 )) MB, at end $(( rss_end / 1024 )) MB; lookup latency after: ipv4 ${lat1[0]} µs, ipv6 ${lat1[1]} µs"
    record_system "$scen" "$k" "$nif" "$sys" "$status" "${S_START[$sys]}" "${S_ALL[$sys]}" "$quiet" "$idle_win" "$idle_cpu" "$idle_min" "$idle_m" "$idle_a" \
        "$hwm" "$rss_end" "$([[ -n "$rss_after" ]] && echo "$RSS_POLLS")" "$rss_after" "${lat0[0]}" "${lat1[0]}" "${lat0[1]}" "${lat1[1]}" \
        "${host0[0]}" "${host1[0]}" "${host0[1]:-}" "${host1[1]:-}" "${sdetail//,/;}" "${S_STARTUP[$sys]}"
    stop_system "$sys"
    local f
    # the logs' ends (snmpd's AgentX registration log alone is MBs at K = 2,000)
    for f in "$dir"/*.log; do [[ -e "$f" ]] && tail -c 65536 "$f" > "$OUT/$scen-$k-$sys-$(basename "$f")"; done
    return 0
}

# Every system of the run for one scenario. Sequentially: each system started, polled, measured idle and
# stopped before the next starts. With --interleave: every system started (each stopped with SIGSTOP once its
# start-up is measured), then poll i of each system in turn, the others stopped, so that the polls compared
# with each other ran minutes closer in time (a VM's speed drifts between stretches of minutes); then the rest
# of each system in turn, the others stopped.
run_systems() {  # $1 scenario label, $2 k, $3 ifaces
    local sys i
    if [[ $INTERLEAVE -eq 0 ]]; then
        for sys in "${SYS_LIST[@]}"; do
            sys_start "$@" "$sys"
            for ((i = 1; i <= REPEATS; i++)); do
                sys_poll "$@" "$sys" "$i"
                [[ ${S_STATUS[$sys]} == ok ]] || break
            done
            sys_finish "$@" "$sys"
        done
        return 0
    fi
    for sys in "${SYS_LIST[@]}"; do
        sys_start "$@" "$sys"
        [[ ${S_STATUS[$sys]} == ok ]] && pause_system "$sys"
    done
    for ((i = 1; i <= REPEATS; i++)); do
        for sys in "${SYS_LIST[@]}"; do
            [[ ${S_STATUS[$sys]} == ok ]] || continue
            log "  $sys: resumed for poll $i"
            resume_system "$sys"
            sys_poll "$@" "$sys" "$i"
            pause_system "$sys"
        done
    done
    for sys in "${SYS_LIST[@]}"; do
        [[ -n "${S_PIDS[$sys]}" ]] && resume_system "$sys"
        sys_finish "$@" "$sys"
    done
}

jar_staleness() {  # prints why the jar may not be the checkout's code (built before the last commit of src/ or pom.xml)
    [[ -f "$JAR" ]] || return 0
    local src_ct
    src_ct=$(git -C "$ROOT" log -1 --format=%ct -- src pom.xml 2>/dev/null) || return 0
    [[ -n "$src_ct" ]] && (( $(date -r "$JAR" +%s) < src_ct )) \
        && echo "; OLDER than the last commit of src/ or pom.xml ($(git -C "$ROOT" log -1 --format=%h -- src pom.xml)): not the checkout's code"
    return 0
}

machine() {
    echo "- Date (UTC): $(date -u '+%Y-%m-%d %H:%M')"
    echo "- Host: $(nproc) vCPU $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) RAM; load average at start $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "- Kernel: $(uname -r); OS: $(. /etc/os-release; echo "$PRETTY_NAME")"
    echo "- snmpd: $(snmpd -v 2>/dev/null | awk '/version/ {print $NF}') ($(dpkg-query -W -f='${Version}' snmpd 2>/dev/null || echo '?')); Java: $(java -version 2>&1 | head -1)"
    echo "- nlagent: $( [[ -f "$JAR" ]] && (java -jar "$JAR" --version 2>/dev/null | head -1) || echo 'not built') ($(git -C "$ROOT" describe --always --dirty --abbrev=7 2>/dev/null || echo "${NLAGENT_REV:-?}"); the jar built $(date -u -r "$JAR" '+%Y-%m-%d %H:%M' 2>/dev/null || echo '?')$(jar_staleness))"
    echo "- subagent: snmpd master with the drop-in's -I list$( [[ -n "$MASTER_CPUS" ]] && echo " and CPUAffinity=$MASTER_CPUS (taskset -c $MASTER_CPUS; nlagent's AgentX I/O thread follows it)" || echo ", unbound (no CPUAffinity= in the drop-in)")"
    echo "- nlagent JVM flags: $JVM_FLAGS; config: ${NLAGENT_CONF:-the shipped config/nlagent.conf with netnsNamePattern $PREFIX-*}"
    echo "- Command: bench/run.sh $ARGS"
    echo "- Poll: snmpbulkwalk -v2c -Cr25 of ${SUBTREES[*]}; bound ${TIMEOUT_S} s per subtree; $REPEATS polls per system and K (1 first, $(( REPEATS - 1 )) warm)$( (( POLL_GAP_S > 0 )) && echo ", each after $POLL_GAP_S s without requests" || { (( REPEATS > 1 )) && echo ", back to back"; } || true)$( (( INTERLEAVE == 1 )) && echo "; interleaved: poll i of each system in turn (${SYSTEMS}), the others stopped (SIGSTOP)" || true)"
    echo "- The host's /proc/sys/net/{ipv4,ipv6,core} dentries are made before the first pod's (since 2026-12-05), so its lookups walk the pods' entries as on a host whose pods came after its boot"
    echo "- Idle: CPU over ${IDLE_S} s, starting ${QUIET_S} s after the last request; lookup latency: fastest of 7 batches of 200 stat() of ${LATENCY_PATHS[*]}"
    echo "- Other network namespaces on the host at start (net_namespace slab, active objects): $(awk '/^net_namespace / {print $2}' /proc/slabinfo 2>/dev/null || echo '?')"
    # what an idle vCPU does decides what a request's wake-up costs (see the floor in bench/README.md)
    local idle=/sys/devices/system/cpu/cpuidle
    echo "- cpuidle: $(cat "$idle/current_driver" 2>/dev/null || echo 'not exposed')$( [[ -r /sys/module/haltpoll/parameters/guest_halt_poll_ns ]] && echo ", guest_halt_poll_ns $(cat /sys/module/haltpoll/parameters/guest_halt_poll_ns)")"
}

# netns teardown finishes asynchronously in the kernel (cleanup_net); the stale /proc/sys dentries go
# with it. Wait (bounded) until the net_namespace slab count stops falling before the next scenario.
wait_netns_cleanup() {
    local f=/sys/kernel/slab/net_namespace/objects prev=-1 cur i
    [[ -r $f ]] || { sleep 10; return; }
    for i in $(seq 1 60); do
        cur=$(awk '{print $1}' "$f")
        [[ $cur == "$prev" ]] && return
        prev=$cur; sleep 1
    done
}

# --- main loop ---------------------------------------------------------------------------------
# (one function, called on the last line: bash has parsed all of it before the long run starts, so
# editing this file during a run cannot change what the run does)
main() {
    IFS=, read -r -a K_LIST <<<"$KS"
    IFS=, read -r -a SYS_LIST <<<"$SYSTEMS"
    machine > "$WORK/machine.md"
    log "results in $OUT; namespace prefix $PREFIX"
    local stale
    stale=$(jar_staleness)
    [[ -z "$stale" || ",$SYSTEMS," != *,nlagent,* && ",$SYSTEMS," != *,subagent,* ]] \
        || log "warning: $JAR${stale#; } (mvn -B -q package -DskipTests)"
    measure_floor start
    # A host's own /proc/sys/net dentries are older than its pods' (made at boot), and the kernel puts a new dentry at
    # the head of its hash chain while a lookup walks from the head to its own namespace's: the host's lookups walk
    # past every pod's entry. Made here, before any pod, as on such a host; made after the pods (by the first probe
    # below, until 2026-12-05), they sat at the head and hid the chain from the host's lookups (bench/README.md,
    # "The host's dentries before its pods'").
    cat /proc/sys/net/ipv4/ip_forward /proc/sys/net/ipv6/conf/all/forwarding /proc/sys/net/core/somaxconn > /dev/null
    log "the host's /proc/sys/net dentries made before any pod's: lookup latency ipv4, ipv6 $(probe_latency)µs"
    # ascending K: scenario.sh adds namespaces incrementally (no waiting for the kernel's netns cleanup)
    mapfile -t K_LIST < <(printf '%s\n' "${K_LIST[@]}" | sort -n -u)
    for k in "${K_LIST[@]}"; do
        [[ -n "$k" ]] || continue  # --k '': interfaces scenario only
        log "scenario K=$k: building"
        "$HERE/scenario.sh" --prefix "$PREFIX" up "$k" > /dev/null
        run_systems "netns" "$k" ""
    done
    if [[ -n "$IFACES" ]]; then
        "$HERE/scenario.sh" --prefix "$PREFIX" down > /dev/null
        wait_netns_cleanup
        log "scenario ifaces=$IFACES: building"
        "$HERE/scenario.sh" --prefix "$PREFIX" ifaces "$IFACES" > /dev/null
        run_systems "ifaces" 0 "$IFACES"
    fi
    # before the teardown: the kernel's cleanup of K namespaces afterwards runs for seconds in kworkers
    measure_floor end
    "$HERE/scenario.sh" --prefix "$PREFIX" down > /dev/null
    echo "- Run took $(( ($(date +%s) - T_RUN0 + 30) / 60 )) min" >> "$WORK/machine.md"

    # --- summary, table, plot ----------------------------------------------------------------------
    "$HERE/report.sh" "$OUT" "$WORK/machine.md"
    log "done: $OUT/results.md"
}
main; exit $?
