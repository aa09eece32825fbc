#!/usr/bin/env bash
# nlagent benchmark runner: what one NMS poll costs on a simulated container host, for
#   snmpd     stock net-snmp snmpd (Debian's module set: -I -smux,mteTrigger,mteTriggerConf)
#   nlagent   nlagent standalone (java -jar target/nlagent.jar run ... --listen udp:127.0.0.1:PORT)
#   subagent  snmpd master with the documented -I list (its interface/IP modules off) + nlagent as
#             AgentX subagent on a private Unix socket
# for each K (live network namespaces built by bench/scenario.sh), plus optionally an
# "interfaces only" scenario (--ifaces N: N interfaces in the root netns, no namespaces).
#
# Usage: bench/run.sh [--k 0,250,500,1000,2000] [--quick] [--ifaces N] [--systems snmpd,nlagent,subagent]
#                     [--repeats 3] [--timeout 60] [--jar target/nlagent.jar] [--nlagent-config FILE]
#                     [--no-strace] [--out DIR]
#   --quick       K = 0,250, 2 polls each: a few minutes
#   --start-timeout S  bound on start-up (until ifNumber.0 answers), default 600 s; recorded per system
#   --timeout S   bound per subtree walk; a walk that does not finish counts as a FAILED poll (recorded).
#                 After a failed poll the remaining polls of that system at that K are skipped.
#
# One poll = snmpbulkwalk -v2c -Cr25 of ifTable (1.3.6.1.2.1.2.2), ifXTable (1.3.6.1.2.1.31.1.1),
# ipv4InterfaceTable (1.3.6.1.2.1.4.28), ipv6InterfaceTable (1.3.6.1.2.1.4.30) and IPV6-MIB
# (1.3.6.1.2.1.55.1), one after the other. Recorded per poll: wall s, CPU s of all serving processes
# (utime+stime from /proc/PID/stat, all threads), varbinds, peak RSS (VmHWM, summed over the serving
# processes). Then one separate, uncounted poll under `strace -f -e trace=%file` on every serving
# process counts the path lookups under /proc/sys. Before polling, the idle CPU over 5 s is recorded
# (background refresh cost). Everything started is stopped by PID; the namespaces are removed by a
# trap on exit, error and Ctrl-C.
#
# Output in bench/results/<UTC date-time>/: polls.csv (one row per poll), summary.csv, results.md
# (machine, date, table), cpu_per_poll.png (gnuplot; installed with apt-get if missing).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
KS=0,250,500,1000,2000
IFACES=
SYSTEMS=snmpd,nlagent,subagent
REPEATS=3
TIMEOUT_S=60
START_BOUND_S=600
JAR=$ROOT/target/nlagent.jar
NLAGENT_CONF=
STRACE=1
OUT=
QUICK=0
SUBTREES=(1.3.6.1.2.1.2.2 1.3.6.1.2.1.31.1.1 1.3.6.1.2.1.4.28 1.3.6.1.2.1.4.30 1.3.6.1.2.1.55.1)
STOCK_I="-smux,mteTrigger,mteTriggerConf"
# the documented -I list: taken from the shipped snmpd drop-in, so the benchmark measures what we tell
# operators to run (fallback: the list from the AgentX notes)
MASTER_I=$(grep -o -- '-I -[A-Za-z0-9_,]*' "$ROOT/config/snmpd/snmpd.service.d/nlagent.conf" 2>/dev/null | head -1 | cut -d' ' -f2)
MASTER_I=${MASTER_I:-"-smux,mteTrigger,mteTriggerConf,ifTable,ifXTable,interface,ip,ip_scalars,ipv6,ipAddressTable,ipAddressPrefixTable,inetNetToMediaTable,ipv6ScopeZoneIndexTable,ipDefaultRouterTable,ipCidrRouteTable,inetCidrRouteTable,ipSystemStatsTable,ipIfStatsTable"}
# small-agent JVM settings (docs/snmp4j-cost-notes.md), the same as the systemd unit's
JVM_FLAGS=${NLAGENT_JVM_FLAGS:-"-XX:+UseSerialGC -Xms16m -Xmx256m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:MaxDirectMemorySize=512m -Xss256k -XX:ReservedCodeCacheSize=24m -XX:MaxMetaspaceSize=48m -XX:CICompilerCount=2 -XX:-UsePerfData -XX:+IgnoreUnrecognizedVMOptions -XX:+UnlockExperimentalVMOptions -XX:TrimNativeHeapInterval=5000"}

usage() { sed -n '2,30p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
die() { echo "run.sh: $*" >&2; exit 2; }
log() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }

while [[ $# -gt 0 ]]; do
    case "$1" in
        --k) KS=$2; shift 2 ;;
        --quick) QUICK=1; shift ;;
        --ifaces) IFACES=$2; shift 2 ;;
        --systems) SYSTEMS=$2; shift 2 ;;
        --repeats) REPEATS=$2; shift 2 ;;
        --timeout) TIMEOUT_S=$2; shift 2 ;;
        --start-timeout) START_BOUND_S=$2; shift 2 ;;
        --jar) JAR=$2; shift 2 ;;
        --nlagent-config) NLAGENT_CONF=$2; shift 2 ;;
        --no-strace) STRACE=0; shift ;;
        --out) OUT=$2; shift 2 ;;
        -h|--help) usage ;;
        *) die "unknown argument '$1' (see --help)" ;;
    esac
done
if [[ $QUICK -eq 1 ]]; then KS=0,250; REPEATS=2; fi
[[ $(id -u) -eq 0 ]] || die "needs root (network namespaces, strace -p)"
for c in snmpd snmpbulkwalk snmpget ip timeout; do command -v $c >/dev/null || die "needs '$c' (apt-get install snmpd snmp iproute2)"; done
[[ $STRACE -eq 0 ]] || command -v strace >/dev/null || die "needs strace (or --no-strace)"

STAMP=$(date -u +%Y-%m-%d_%H%MZ)
OUT=${OUT:-$HERE/results/$STAMP}
mkdir -p "$OUT"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/nlb-run.XXXXXX")
PREFIX="nlb$(od -An -N2 -tx2 /dev/urandom | tr -d ' \n')"
export NLB_STATE=$WORK/prefix
CLK_TCK=$(getconf CLK_TCK)
POLLS=$OUT/polls.csv
echo "scenario,k,ifaces,system,poll,status,wall_s,cpu_s,varbinds,procsys_lookups,vmhwm_kb,idle_cpu_s_per_5s,detail" > "$POLLS"

# --- process bookkeeping: everything we start is stopped by PID ---------------------------------
STARTED=()
stop_pid() {
    local pid=$1 i
    kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM "$pid" 2>/dev/null || true
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
    stop_all
    "$HERE/scenario.sh" --prefix "$PREFIX" down >/dev/null 2>&1 || true
    rm -rf "$WORK"
    exit $rc
}
trap final_cleanup EXIT
trap 'log "interrupted"; exit 130' INT TERM

free_udp_port() {
    local p
    while :; do
        p=$(( 20000 + RANDOM % 20000 ))
        ss -Hlun "sport = :$p" | grep -q . || { echo $p; return; }
    done
}

# --- measurements ------------------------------------------------------------------------------
cpu_ticks() {  # utime+stime (all threads) summed over the given PIDs
    local t=0 pid v
    for pid in "$@"; do
        v=$(sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null | awk '{print $12 + $13}') || v=0
        t=$(( t + ${v:-0} ))
    done
    echo $t
}
vmhwm_kb() {
    local t=0 pid v
    for pid in "$@"; do
        v=$(awk '/^VmHWM:/ {print $2}' "/proc/$pid/status" 2>/dev/null) || v=0
        t=$(( t + ${v:-0} ))
    done
    echo $t
}
now() { date +%s.%N; }
fsub() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.3f", a - b}'; }
ticks_s() { awk -v t="$1" -v hz="$CLK_TCK" 'BEGIN {printf "%.2f", t / hz}'; }
alive() { local p; for p in "$@"; do kill -0 "$p" 2>/dev/null || return 1; done; }

# One poll against 127.0.0.1:$PORT. Sets POLL_STATUS, POLL_VARBINDS, POLL_DETAIL.
poll_once() {
    local port=$1 tag=$2 oid rc n
    POLL_STATUS=ok; POLL_VARBINDS=0; POLL_DETAIL=
    for oid in "${SUBTREES[@]}"; do
        rc=0
        timeout -k 2 "$TIMEOUT_S" snmpbulkwalk -v2c -c public -Cr25 -t "$TIMEOUT_S" -r 0 -On \
            "127.0.0.1:$port" "$oid" > "$WORK/walk.$tag.out" 2> "$WORK/walk.$tag.err" || rc=$?
        n=$(grep -c '^\.1\.' "$WORK/walk.$tag.out" | tr -d ' ' || true)
        n=$(( n - $(grep -c 'No Such\|No more variables' "$WORK/walk.$tag.out" || true) ))
        POLL_VARBINDS=$(( POLL_VARBINDS + n ))
        if [[ $rc -ne 0 ]]; then
            if [[ $rc -eq 124 || $rc -eq 137 ]]; then POLL_STATUS=timeout; POLL_DETAIL+="$oid: no end within ${TIMEOUT_S}s; "
            else POLL_STATUS=error; POLL_DETAIL+="$oid: rc $rc $(head -c 120 "$WORK/walk.$tag.err" | tr '\n,' '  '); "; fi
        fi
    done
}

# Waits until the system answers ifNumber.0 (a value, not noSuchObject), at most START_BOUND_S.
wait_answers() {
    local port=$1; shift
    local deadline=$(( $(date +%s) + START_BOUND_S )) out
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
    local deadline=$(( $(date +%s) + START_BOUND_S )) out n
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
# Each start_* sets PIDS (serving processes) and PORT, and adds the PIDs to STARTED.
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
    SNMP_PERSISTENT_DIR=$dir/persist snmpd -f -Lf "$dir/snmpd.log" -C -c "$dir/snmpd.conf" -I "$2" \
        "udp:127.0.0.1:$PORT" > "$dir/snmpd.stdout" 2>&1 &
    SNMPD_PID=$!
    STARTED+=("$SNMPD_PID")
}
nlagent_cmd() {  # $@ extra args
    local cfg=()
    [[ -n "$NLAGENT_CONF" ]] && cfg=(--config "$NLAGENT_CONF")
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
system_available() {  # prints a reason and fails when a system cannot run here
    case "$1" in
        snmpd) return 0 ;;
        nlagent|subagent)
            [[ -f "$JAR" ]] || { echo "no $JAR (mvn -B -q package -DskipTests)"; return 1; }
            command -v java >/dev/null || { echo "no java"; return 1; } ;;
        *) echo "unknown system"; return 1 ;;
    esac
}

record() {  # scenario k ifaces system poll status wall cpu varbinds lookups hwm idle detail
    local IFS=,
    echo "$*" >> "$POLLS"
}

run_system() {  # $1 scenario label, $2 k, $3 ifaces, $4 system
    local scen=$1 k=$2 nif=$3 sys=$4 dir="$WORK/$1.$4" reason why i t0 t1 c0 c1 idle lookups spid
    if ! reason=$(system_available "$sys"); then
        log "  $sys: skipped ($reason)"
        record "$scen" "$k" "$nif" "$sys" - skipped "" "" "" "" "" "" "$reason"
        return
    fi
    local t_start startup
    t_start=$(now)
    start_system "$sys" "$dir"
    log "  $sys: started (PIDs ${PIDS[*]}, port $PORT), waiting for an answer"
    if ! why=$(wait_answers "$PORT" "${PIDS[@]}"); then
        log "  $sys: FAILED to start: $why"
        record "$scen" "$k" "$nif" "$sys" - no-answer "" "" "" "" "$(vmhwm_kb "${PIDS[@]}")" "" "$why; log: $(tail -c 200 "$dir"/*.log 2>/dev/null | tr '\n,' '  ')"
        stop_all; return
    fi
    startup=$(fsub "$(now)" "$t_start")
    log "  $sys: answering after $startup s"
    if [[ $sys != snmpd ]]; then
        local want=1
        [[ $scen == netns ]] && want=$(( k + 1 ))
        if ! why=$(wait_all_contexts "$PORT" "$want" "${PIDS[@]}"); then
            log "  $sys: $why"
        fi
        startup="$startup (all $want contexts after $(fsub "$(now)" "$t_start"))"
        log "  $sys: serving all $want contexts after $(fsub "$(now)" "$t_start") s"
    fi
    c0=$(cpu_ticks "${PIDS[@]}"); sleep 5; c1=$(cpu_ticks "${PIDS[@]}")
    idle=$(ticks_s $(( c1 - c0 )))
    for ((i = 1; i <= REPEATS; i++)); do
        alive "${PIDS[@]}" || { record "$scen" "$k" "$nif" "$sys" "$i" died "" "" "" "" "" "$idle" "serving process exited"; break; }
        local before=() split="" j
        for j in "${!PIDS[@]}"; do before[j]=$(cpu_ticks "${PIDS[j]}"); done
        c0=$(cpu_ticks "${PIDS[@]}"); t0=$(now)
        poll_once "$PORT" "$sys"
        t1=$(now); c1=$(cpu_ticks "${PIDS[@]}")
        if [[ ${#PIDS[@]} -gt 1 ]]; then  # master and subagent separately
            split="cpu snmpd $(ticks_s $(( $(cpu_ticks "${PIDS[0]}") - before[0] ))) s + nlagent $(ticks_s $(( $(cpu_ticks "${PIDS[1]}") - before[1] ))) s; "
        fi
        record "$scen" "$k" "$nif" "$sys" "$i" "$POLL_STATUS" "$(fsub "$t1" "$t0")" "$(ticks_s $(( c1 - c0 )))" \
            "$POLL_VARBINDS" "" "$(vmhwm_kb "${PIDS[@]}")" "$idle" "${split}started in ${startup}s; ${POLL_DETAIL//,/;}"
        log "  $sys poll $i: $POLL_STATUS wall $(fsub "$t1" "$t0") s, cpu $(ticks_s $(( c1 - c0 ))) s, $POLL_VARBINDS varbinds"
        [[ $POLL_STATUS == ok ]] || { log "  $sys: poll failed, skipping the remaining polls at this K"; break; }
    done
    if [[ $STRACE -eq 1 && $POLL_STATUS == ok ]] && alive "${PIDS[@]}"; then
        local pargs=() p
        for p in "${PIDS[@]}"; do pargs+=(-p "$p"); done
        # -f with -p attaches to every thread of each process (JVM threads included)
        strace -f -qq -e trace=%file -o "$dir/strace.out" "${pargs[@]}" 2> "$dir/strace.err" &
        spid=$!; STARTED+=("$spid")
        sleep 1.5
        poll_once "$PORT" "$sys-strace"
        sleep 0.5
        stop_pid "$spid"
        lookups=$(grep -c '"/proc/sys/' "$dir/strace.out" || true)
        record "$scen" "$k" "$nif" "$sys" strace "$POLL_STATUS" "" "" "$POLL_VARBINDS" "$lookups" "$(vmhwm_kb "${PIDS[@]}")" "$idle" \
            "uncounted run under strace; top paths: $(grep -o '"/proc/sys/[^"]*' "$dir/strace.out" | sed 's|"/proc/sys/||; s|/[^/]*$||' | sort | uniq -c | sort -rn | head -3 | awk '{printf "%s x%s ", $2, $1}')"
        log "  $sys strace poll: $lookups /proc/sys path lookups ($POLL_STATUS)"
    fi
    stop_all
    cp "$dir"/*.log "$OUT/" 2>/dev/null || true
}

machine() {
    echo "- Date (UTC): $(date -u '+%Y-%m-%d %H:%M')"
    echo "- Host: $(nproc) vCPU $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) RAM"
    echo "- Kernel: $(uname -r); OS: $(. /etc/os-release; echo "$PRETTY_NAME")"
    echo "- snmpd: $(snmpd -v 2>/dev/null | awk '/version/ {print $NF}') ($(dpkg-query -W -f='${Version}' snmpd 2>/dev/null || echo '?')); Java: $(java -version 2>&1 | head -1)"
    echo "- nlagent: $( [[ -f "$JAR" ]] && (java -jar "$JAR" --version 2>/dev/null | head -1) || echo 'not built') ($(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo "${NLAGENT_REV:-?}"))"
    echo "- nlagent JVM flags: $JVM_FLAGS"
    echo "- Poll: snmpbulkwalk -v2c -Cr25 of ${SUBTREES[*]}; bound ${TIMEOUT_S} s per subtree; $REPEATS polls per system and K"
    echo "- Other network namespaces on the host at start (net_namespace slab, active objects): $(awk '/^net_namespace / {print $2}' /proc/slabinfo 2>/dev/null || echo '?')"
}

# --- main loop ---------------------------------------------------------------------------------
IFS=, read -r -a K_LIST <<<"$KS"
IFS=, read -r -a SYS_LIST <<<"$SYSTEMS"
machine > "$WORK/machine.md"
log "results in $OUT; namespace prefix $PREFIX"
# ascending K: scenario.sh adds namespaces incrementally (no waiting for the kernel's netns cleanup)
mapfile -t K_LIST < <(printf '%s\n' "${K_LIST[@]}" | sort -n)
for k in "${K_LIST[@]}"; do
    [[ -n "$k" ]] || continue  # --k '': interfaces scenario only
    log "scenario K=$k: building"
    "$HERE/scenario.sh" --prefix "$PREFIX" up "$k" > /dev/null
    for sys in "${SYS_LIST[@]}"; do run_system "netns" "$k" "" "$sys"; done
done
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
if [[ -n "$IFACES" ]]; then
    "$HERE/scenario.sh" --prefix "$PREFIX" down > /dev/null
    wait_netns_cleanup
    log "scenario ifaces=$IFACES: building"
    "$HERE/scenario.sh" --prefix "$PREFIX" ifaces "$IFACES" > /dev/null
    for sys in "${SYS_LIST[@]}"; do run_system "ifaces" 0 "$IFACES" "$sys"; done
fi
"$HERE/scenario.sh" --prefix "$PREFIX" down > /dev/null

# --- summary, table, plot ----------------------------------------------------------------------
"$HERE/report.sh" "$OUT" "$WORK/machine.md"
log "done: $OUT/results.md"
