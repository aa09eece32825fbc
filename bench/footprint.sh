#!/usr/bin/env bash
# The agent's own kernel footprint (issue 11): root-namespace path-lookup latency under /proc/sys/net/ipv4,
# /proc/sys/net/ipv6 and /proc/net before the agent starts and once it serves K fresh namespaces (nothing
# else touched them), and its idle CPU at that K.
#
#   sudo bench/footprint.sh [--k 200] [--jar target/nlagent.jar] [--idle-s 60] [--label NAME] [--out FILE]
#
# Per run: K namespaces `P-0..P-(K-1)` (P = nlf + 4 hex digits, removed by a trap on any exit), bound
# in a directory of their own (/run/nlagent-footprint/P), not /run/netns: any other agent or tool watching
# /run/netns would open them too and lengthen the chains we measure, latency probe (bench/lookup-latency.c), agent started standalone on a free loopback port serving
# only `P-*`, wait until DCACHE-HEALTH-MIB dcacheNetnsServed.0 >= K+1, latency probe again while the agent
# runs, idle CPU (utime+stime of the JVM) over --idle-s seconds, agent stopped by PID, namespaces deleted.
# Appends one CSV row to --out (default bench/results/footprint.csv):
# label,k,ipv4_before_us,ipv4_after_us,ipv6_before_us,ipv6_after_us,procnet_before_us,procnet_after_us,idle_cpu_s_per_min,
# host_netns_before,host_netns_after (others' namespaces in /run/netns: namespaces coming or going
# between the two probes change the chains too, so rows where the two differ are noisy)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
K=200; JAR=$ROOT/target/nlagent.jar; IDLE_S=60; LABEL=nlagent; OUT=$ROOT/bench/results/footprint.csv
while (( $# )); do
    case "$1" in
        --k) K=$2; shift 2 ;;
        --jar) JAR=$2; shift 2 ;;
        --idle-s) IDLE_S=$2; shift 2 ;;
        --label) LABEL=$2; shift 2 ;;
        --out) OUT=$2; shift 2 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done
(( K <= 2000 )) || { echo "K=$K: at most 2000" >&2; exit 2; }
[[ $(id -u) -eq 0 ]] || { echo "needs root (namespaces)" >&2; exit 2; }
[[ -f "$JAR" ]] || { echo "no $JAR (mvn -B -q package -DskipTests)" >&2; exit 2; }
# JVM settings: the launcher's (packaging/nlagent), as bench/run.sh
LAUNCHER_FLAGS=$(sed -n 's/^OPTS=${NLAGENT_JAVA_OPTS:-"\(.*\)"}$/\1/p' "$ROOT/packaging/nlagent" 2>/dev/null || true)
JVM_FLAGS=${NLAGENT_JVM_FLAGS:-${LAUNCHER_FLAGS:?footprint.sh: no OPTS line in packaging/nlagent}}
PATHS=(/proc/sys/net/ipv4/ip_forward /proc/sys/net/ipv6/conf/all/forwarding /proc/net/snmp)
SERVED_OID=1.3.6.1.4.1.8072.9999.9999.110108.1.4.2.0

WORK=$(mktemp -d /tmp/nlagent-footprint.XXXXXX)
P=nlf$(printf '%04x' $(( RANDOM % 65536 )))
[[ "$P" =~ ^nlf[a-z0-9]{4}$ ]] || exit 3
NSDIR=/run/nlagent-footprint/$P
AGENT=
cleanup() {
    set +e
    if [[ -n "$AGENT" ]]; then kill "$AGENT" 2>/dev/null; wait "$AGENT" 2>/dev/null; fi
    for f in "$NSDIR"/"$P"-*; do [[ -e "$f" ]] && umount "$f" && rm -f "$f"; done 2>/dev/null
    rmdir "$NSDIR" 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

cc -O2 -o "$WORK/lookup-latency" "$ROOT/bench/lookup-latency.c"
probe() { "$WORK/lookup-latency" "${PATHS[@]}" | awk '{print $2}' | paste -sd, -; }
mkdir -p "$NSDIR"
for i in $(seq 0 $((K - 1))); do
    touch "$NSDIR/$P-$i"
    unshare --net="$NSDIR/$P-$i" true   # a namespace kept alive by a bind mount on the file, like ip netns add
done
sleep 1
BEFORE=$(probe)
NS_BEFORE=$(ls /run/netns | wc -l)   # others' namespaces come and go too: a changed count marks a noisy row

PORT=$(( 20000 + RANDOM % 20000 ))
while ss -Hlun "sport = :$PORT" | grep -q .; do PORT=$(( 20000 + RANDOM % 20000 )); done
cat > "$WORK/nlagent.conf" <<CONF
netnsDir $NSDIR
netnsNamePattern $P-*
listen udp:127.0.0.1:$PORT
rocommunity public 127.0.0.1
CONF
# shellcheck disable=SC2086
java $JVM_FLAGS -jar "$JAR" run --config "$WORK/nlagent.conf" > "$WORK/nlagent.log" 2>&1 &
AGENT=$!
deadline=$(( $(date +%s) + 300 ))
while :; do
    kill -0 "$AGENT" 2>/dev/null || { echo "agent exited:"; tail -5 "$WORK/nlagent.log"; exit 1; }
    n=$(snmpget -v2c -c public -t 2 -r 0 -Oqv "127.0.0.1:$PORT" "$SERVED_OID" 2>/dev/null | awk '{print $1}' || true)
    [[ "$n" =~ ^[0-9]+$ ]] && (( n >= K + 1 )) && break
    (( $(date +%s) < deadline )) || { echo "not all $((K + 1)) namespaces served within 300 s" >&2; exit 1; }
    sleep 1
done
sleep 2
AFTER=$(probe)
NS_AFTER=$(ls /run/netns | wc -l)

TCK=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$AGENT/stat"; }
c0=$(cpu); sleep "$IDLE_S"; c1=$(cpu)
IDLE=$(awk -v d=$((c1 - c0)) -v t="$TCK" -v s="$IDLE_S" 'BEGIN {printf "%.3f", d / t * 60 / s}')

IFS=, read -r b4 b6 bn <<< "$BEFORE"; IFS=, read -r a4 a6 an <<< "$AFTER"
mkdir -p "$(dirname "$OUT")"
[[ -s "$OUT" ]] || echo "label,k,ipv4_before_us,ipv4_after_us,ipv6_before_us,ipv6_after_us,procnet_before_us,procnet_after_us,idle_cpu_s_per_min,host_netns_before,host_netns_after" > "$OUT"
echo "$LABEL,$K,$b4,$a4,$b6,$a6,$bn,$an,$IDLE,$NS_BEFORE,$NS_AFTER" | tee -a "$OUT"
