#!/usr/bin/env bash
# Memory of nlagent standalone at K namespaces (bench/README.md, "First poll and memory").
# Usage: sudo bench/memory.sh K|ifaces:N POLLS OUTDIR [extra JVM flags]
#   OLDFLAGS=1: the pre-2026-12-02 flags; SWEEP=0: skip the sweep of every namespace context;
#   JAR=...: another jar (default target/nlagent.jar).
# Builds K namespaces with bench/scenario.sh (prefix nlbmK), or with ifaces:N N interfaces in the root
# namespace and no namespaces (prefix nlbiN), starts the jar with the launcher's JVM flags
# (packaging/nlagent) plus NMT, waits until every namespace is served, then records RSS and heap after a
# full GC (jcmd GC.run, 6 s later so the native-heap trim has run): "started"; "poll1" right after the
# first poll of the default context, without a GC, with the peak so far (VmHWM), NMT summary,
# smaps_rollup and the direct buffer pool (nmt-poll1.txt, smaps-poll1.txt); "swept" after one ifTable
# walk of every namespace context (every view built), with GC.class_histogram and VM.native_memory
# summary; then every 100 of POLLS polls of the default context (the bench poll: 5 subtrees,
# snmpbulkwalk -Cr25). Every line carries rss_kb (now) and hwm_kb (peak since start). Stops the agent
# and removes the namespaces or links on exit.
set -euo pipefail
SPEC=$1; POLLS=$2; OUT=$3; shift 3; EXTRA="$*"
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=${JAR:-$ROOT/target/nlagent.jar}
if [[ "$SPEC" == ifaces:* ]]; then
  K=0; NIF=${SPEC#ifaces:}; export NLB_PREFIX=nlbi$NIF
else
  K=$SPEC; NIF=; export NLB_PREFIX=nlbm$K
fi
export NLB_STATE=${TMPDIR:-/tmp}/nlagent-memory.prefix.$NLB_PREFIX
mkdir -p $OUT
trap '[[ -n "${PID:-}" ]] && kill $PID 2>/dev/null; $ROOT/bench/scenario.sh down >/dev/null 2>&1 || true' EXIT
if [[ -n "$NIF" ]]; then $ROOT/bench/scenario.sh ifaces $NIF >/dev/null; else $ROOT/bench/scenario.sh up $K >/dev/null; fi
PORT=$(python3 -c 'import socket;s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM);s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
printf 'netnsNamePattern %s-*\nrocommunity public 127.0.0.1 *\n' $NLB_PREFIX > $OUT/nlagent.conf
if [[ "${OLDFLAGS:-0}" == 1 ]]; then
FLAGS="-XX:+UseSerialGC -Xms16m -Xmx256m -XX:MaxDirectMemorySize=512m -Xss256k -XX:ReservedCodeCacheSize=24m -XX:MaxMetaspaceSize=48m -XX:CICompilerCount=2 -XX:-UsePerfData"
else  # the launcher's (packaging/nlagent)
FLAGS=$(sed -n 's/^OPTS=${NLAGENT_JAVA_OPTS:-"\(.*\)"}$/\1/p' $ROOT/packaging/nlagent); export MALLOC_ARENA_MAX=2
fi
echo "flags: $FLAGS $EXTRA MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-} spec=$SPEC jar=$JAR" > $OUT/flags.txt
java $FLAGS -XX:NativeMemoryTracking=summary $EXTRA -jar $JAR run --config $OUT/nlagent.conf --listen udp:127.0.0.1:$PORT > $OUT/agent.log 2>&1 &
PID=$!
for i in $(seq 1 240); do
  n=$(snmpget -v2c -c public -t 2 -r 0 -Oqv 127.0.0.1:$PORT 1.3.6.1.4.1.8072.9999.9999.110108.1.4.2.0 2>/dev/null | cut -d' ' -f1 || true)
  [[ "$n" =~ ^[0-9]+$ ]] && (( n >= K )) && break; sleep 1; done
echo "served=$n" >> $OUT/flags.txt; : > $OUT/summary.txt
status() { awk -v k="$1" '$1 == k":" {print $2}' /proc/$PID/status; }
heap() { jcmd $PID GC.heap_info | grep -o 'used [0-9]*K' | head -2 | tr '\n' ' '; }
snap() { # $1 label: after a full GC
  jcmd $PID GC.run >/dev/null; sleep 6
  echo "$1 rss_kb=$(status VmRSS) hwm_kb=$(status VmHWM) $(heap)" >> $OUT/summary.txt
}
poll() {
  for t in 1.3.6.1.2.1.2.2 1.3.6.1.2.1.31.1.1 1.3.6.1.2.1.4.28 1.3.6.1.2.1.4.30 1.3.6.1.2.1.55.1; do
    snmpbulkwalk -v2c -c public -Cr25 -On 127.0.0.1:$PORT $t; done
}
snap started
vb=$(poll | wc -l)
echo "poll1 rss_kb=$(status VmRSS) hwm_kb=$(status VmHWM) $(heap) varbinds=$vb (no GC)" >> $OUT/summary.txt
jcmd $PID VM.native_memory summary > $OUT/nmt-poll1.txt
cat /proc/$PID/smaps_rollup > $OUT/smaps-poll1.txt
jcmd $PID GC.class_histogram > $OUT/histo-poll1.txt
if [[ "${SWEEP:-1}" == 1 && $K -gt 0 ]]; then
  # one poll of every namespace context (builds every view), as an NMS sweep
  for i in $(seq 0 $((K-1))); do snmpbulkwalk -v2c -c public@$NLB_PREFIX-$i -Cr25 -On 127.0.0.1:$PORT 1.3.6.1.2.1.2.2 >/dev/null; done
  snap swept
  jcmd $PID GC.class_histogram > $OUT/histo.txt
  jcmd $PID VM.native_memory summary > $OUT/nmt.txt
fi
for p in $(seq 1 $POLLS); do
  poll > /dev/null
  if (( p % 100 == 0 )); then snap "poll$p"; fi
done
echo "end rss_kb=$(status VmRSS) hwm_kb=$(status VmHWM)" >> $OUT/summary.txt
cat $OUT/summary.txt
