#!/usr/bin/env bash
# Memory of nlagent standalone at K namespaces (bench/README.md, "First poll and memory").
# Usage: sudo bench/memory.sh K POLLS OUTDIR [extra JVM flags]    (OLDFLAGS=1: the pre-2026-12-02 flags)
# Builds K namespaces with bench/scenario.sh (prefix nlbfpK), starts target/nlagent.jar with the
# launcher's JVM flags (packaging/nlagent) plus NMT, waits until every namespace is served, then records
# RSS and heap after a full GC (jcmd GC.run, 6 s later so the native-heap trim has run): "started";
# "swept" after one ifTable walk of every namespace context (every view built), with
# GC.class_histogram and VM.native_memory summary; then every 100 of POLLS polls of the default
# context (the bench poll: 5 subtrees, snmpbulkwalk -Cr25). Stops the agent and removes the
# namespaces on exit.
set -euo pipefail
K=$1; POLLS=$2; OUT=$3; shift 3; EXTRA="$*"
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export NLB_PREFIX=nlbfp$K NLB_STATE=${TMPDIR:-/tmp}/nlagent-memory.prefix.$K
mkdir -p $OUT
trap '[[ -n "${PID:-}" ]] && kill $PID 2>/dev/null; $ROOT/bench/scenario.sh down >/dev/null 2>&1 || true' EXIT
$ROOT/bench/scenario.sh up $K >/dev/null
PORT=$(python3 -c 'import socket;s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM);s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
printf 'netnsNamePattern %s-*\nrocommunity public 127.0.0.1 *\n' $NLB_PREFIX > $OUT/nlagent.conf
if [[ "${OLDFLAGS:-0}" == 1 ]]; then
FLAGS="-XX:+UseSerialGC -Xms16m -Xmx256m -XX:MaxDirectMemorySize=512m -Xss256k -XX:ReservedCodeCacheSize=24m -XX:MaxMetaspaceSize=48m -XX:CICompilerCount=2 -XX:-UsePerfData"
else  # the launcher's (packaging/nlagent)
FLAGS=$(sed -n 's/^OPTS=${NLAGENT_JAVA_OPTS:-"\(.*\)"}$/\1/p' $ROOT/packaging/nlagent); export MALLOC_ARENA_MAX=2
fi
echo "flags: $FLAGS $EXTRA MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-}" > $OUT/flags.txt
java $FLAGS -XX:NativeMemoryTracking=summary $EXTRA -jar $ROOT/target/nlagent.jar run --config $OUT/nlagent.conf --listen udp:127.0.0.1:$PORT > $OUT/agent.log 2>&1 &
PID=$!
for i in $(seq 1 240); do
  n=$(snmpget -v2c -c public -t 2 -r 0 -Oqv 127.0.0.1:$PORT 1.3.6.1.4.1.8072.9999.9999.110108.1.4.2.0 2>/dev/null | cut -d' ' -f1 || true)
  [[ "$n" =~ ^[0-9]+$ ]] && (( n >= K )) && break; sleep 1; done
echo "served=$n" >> $OUT/flags.txt; : > $OUT/summary.txt
rss() { grep VmRSS /proc/$PID/status | awk '{print $2}'; }
snap() { # $1 label
  jcmd $PID GC.run >/dev/null; sleep 6
  echo "$1 rss_kb=$(rss) $(jcmd $PID GC.heap_info | grep -o 'used [0-9]*K' | head -2 | tr '\n' ' ')" >> $OUT/summary.txt
}
snap started
# one poll of every namespace context (builds every view), as an NMS sweep
for i in $(seq 0 $((K-1))); do snmpbulkwalk -v2c -c public@$NLB_PREFIX-$i -Cr25 -On 127.0.0.1:$PORT 1.3.6.1.2.1.2.2 >/dev/null; done
snap swept
jcmd $PID GC.class_histogram > $OUT/histo.txt
jcmd $PID VM.native_memory summary > $OUT/nmt.txt
for p in $(seq 1 $POLLS); do
  for t in 1.3.6.1.2.1.2.2 1.3.6.1.2.1.31.1.1 1.3.6.1.2.1.4.28 1.3.6.1.2.1.4.30 1.3.6.1.2.1.55.1; do
    snmpbulkwalk -v2c -c public -Cr25 -On 127.0.0.1:$PORT $t > /dev/null; done
  if (( p % 100 == 0 )); then snap "poll$p"; fi
done
cat $OUT/summary.txt
