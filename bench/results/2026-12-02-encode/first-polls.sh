#!/bin/bash
# First polls of the standalone agent, per thread, with the JIT's log: start the agent with
# -XX:+LogCompilation, wait for its warm-up line (meanwhile, with GETS=1, an snmpget of the agent's
# namespace count every 0.2 s, as bench/run.sh's wait for all contexts does), then POLLS polls
# (bench/results/2026-12-02-memory/poll.sh: the bench's five subtrees) GAP s apart. Prints the
# warm-up line's and each poll's window in JVM seconds (the LogCompilation stamps' scale) and each
# poll's CPU ms per thread (1 ms and more). compiles.py then lists the compilations in a window:
#   python3 compiles.py OUT/LABEL.xml FROM_S TO_S [N]
#
# usage: NS="nsenter --net=/run/netns/HOST" CONF=/tmp/nlbm.conf [OUT=/tmp/lc] [GETS=1] first-polls.sh LABEL JAR [POLLS] [GAP]
# (the scenario: bench/scenario.sh --prefix nlbm up 1000 inside HOST; CONF = config/nlagent.conf with
# netnsNamePattern nlbm-*)
HERE=$(cd "$(dirname "$0")" && pwd); ROOT=$(cd "$HERE/../../.." && pwd)
label=$1; jar=$2; polls=${3:-3}; gap=${4:-0}; out=${OUT:-/tmp/lc}; port=${PORT:-16162}
mkdir -p "$out"; cd "$out" || exit 1
BASE=$(sed -n 's/^OPTS=${NLAGENT_JAVA_OPTS:-"\(.*\)"}$/\1/p' "$ROOT/packaging/nlagent")
t0=$(date +%s.%N)
# shellcheck disable=SC2086 # word lists on purpose
MALLOC_ARENA_MAX=2 $NS java $BASE -XX:+UnlockDiagnosticVMOptions -XX:+LogCompilation -XX:LogFile="$out/$label.xml" \
    -jar "$jar" run --config "$CONF" --listen udp:127.0.0.1:$port > "$out/$label.log" 2>&1 &
pid=$!
for _ in $(seq 600); do
    grep -q "warm-up:" "$out/$label.log" && break
    [[ -n $GETS ]] && $NS snmpget -v2c -c public -t 2 -r 0 -Oqv 127.0.0.1:$port 1.3.6.1.4.1.8072.9999.9999.110108.1.4.2.0 >/dev/null 2>&1
    sleep 0.2
done
echo "warmup-line $(echo "$(date +%s.%N) - $t0" | bc)" > "$out/$label.win"
thr() { "$ROOT/bench/results/2026-12-02-memory/thr.sh" "$pid"; }
for i in $(seq "$polls"); do
    thr > "$out/t0"; a=$(date +%s.%N)
    NS="$NS" "$ROOT/bench/results/2026-12-02-memory/poll.sh" $port > /dev/null
    b=$(date +%s.%N); thr > "$out/t1"
    echo "poll$i threads: $(join -a2 "$out/t0" "$out/t1" | awk 'NF==2 {$3=$2; $2=0} {d=($3-$2)/1e6; if (d >= 1) printf "%s=%.0f ", $1, d}')" >> "$out/$label.win"
    echo "poll$i $(echo "$a - $t0" | bc) $(echo "$b - $t0" | bc)" >> "$out/$label.win"
    sleep "$gap"
done
kill $pid; wait $pid 2>/dev/null
cat "$out/$label.win"
