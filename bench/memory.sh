#!/usr/bin/env bash
# Memory of nlagent standalone at K namespaces (bench/README.md, "First poll and memory").
# Usage: sudo bench/memory.sh K|ifaces:N POLLS OUTDIR [extra JVM flags]
#   OLDFLAGS=1: the pre-2026-12-02 flags; SWEEP=0: skip the sweep of every namespace context;
#   JAR=...: another jar (default target/nlagent.jar); SNAP_EVERY=N: a snapshot every N polls (100).
# Builds K namespaces (prefix nlbmK), each with a veth pair whose other end is in the agent's namespace,
# or with ifaces:N N interfaces (N/2 veth pairs) there and no namespaces (prefix nlbiN). The agent's
# namespace is one of its own (PREFIXh, "ip netns exec") so that other users' links in the root
# namespace of a shared machine do not change the result; ISOLATED=0 uses bench/scenario.sh and the
# root namespace instead (the bench's setup). Starts the jar with the launcher's JVM flags
# (packaging/nlagent) plus NMT, waits until every namespace is served, then records RSS and heap after a
# full GC (jcmd GC.run, 6 s later so the native-heap trim has run): "started"; "poll1" right after the
# first poll of the default context, without a GC, with the peak so far (VmHWM), NMT summary,
# smaps_rollup and the direct buffer pool (nmt-poll1.txt, smaps-poll1.txt); "swept" after one ifTable
# walk of every namespace context (every view built), with GC.class_histogram and VM.native_memory
# summary; then every 100 (SNAP_EVERY) of POLLS polls of the default context (the bench poll: 5 subtrees,
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
HOSTNS=
if [[ "${ISOLATED:-1}" == 1 ]]; then
  # the agent runs in a namespace of its own (HOSTNS) that plays the host: the pods' veth host ends, or
  # the ifaces:N pairs, are made there, so other users' links in the root namespace do not count
  HOSTNS=${NLB_PREFIX}h; IN="ip netns exec $HOSTNS"
  teardown() { { echo "netns del $HOSTNS"; for ((i = 0; i < K; i++)); do echo "netns del $NLB_PREFIX-$i"; done; } > $OUT/down.batch
    ip -force -batch $OUT/down.batch >/dev/null 2>&1 || true; }
  trap '[[ -n "${PID:-}" ]] && kill $PID 2>/dev/null; sleep 1; teardown' EXIT
  ip netns add $HOSTNS; ip -n $HOSTNS link set lo up
  : > $OUT/up.batch; : > $OUT/host.batch; : > $OUT/pods.batch
  for ((i = 0; i < K; i++)); do
    echo "netns add $NLB_PREFIX-$i" >> $OUT/up.batch
    echo "link add $NLB_PREFIX-$i type veth peer name eth0 netns $NLB_PREFIX-$i" >> $OUT/host.batch
    echo "link set $NLB_PREFIX-$i up" >> $OUT/host.batch
    echo "netns exec $NLB_PREFIX-$i ip link set lo up" >> $OUT/pods.batch
    echo "netns exec $NLB_PREFIX-$i ip link set eth0 up" >> $OUT/pods.batch
  done
  for ((i = 0; i < ${NIF:-0} / 2; i++)); do
    echo "link add ${NLB_PREFIX}a-$i type veth peer name ${NLB_PREFIX}b-$i" >> $OUT/host.batch
    echo "link set ${NLB_PREFIX}a-$i up" >> $OUT/host.batch; echo "link set ${NLB_PREFIX}b-$i up" >> $OUT/host.batch
  done
  ip -batch $OUT/up.batch; ip -n $HOSTNS -batch $OUT/host.batch; ip -batch $OUT/pods.batch
else
  IN=
  trap '[[ -n "${PID:-}" ]] && kill $PID 2>/dev/null; $ROOT/bench/scenario.sh down >/dev/null 2>&1 || true' EXIT
  if [[ -n "$NIF" ]]; then $ROOT/bench/scenario.sh ifaces $NIF >/dev/null; else $ROOT/bench/scenario.sh up $K >/dev/null; fi
fi
PORT=$(python3 -c 'import socket;s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM);s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
printf 'netnsNamePattern %s-*\nrocommunity public 127.0.0.1 *\n' $NLB_PREFIX > $OUT/nlagent.conf
if [[ "${OLDFLAGS:-0}" == 1 ]]; then
FLAGS="-XX:+UseSerialGC -Xms16m -Xmx256m -XX:MaxDirectMemorySize=512m -Xss256k -XX:ReservedCodeCacheSize=24m -XX:MaxMetaspaceSize=48m -XX:CICompilerCount=2 -XX:-UsePerfData"
else  # the launcher's (packaging/nlagent)
FLAGS=$(sed -n 's/^OPTS=${NLAGENT_JAVA_OPTS:-"\(.*\)"}$/\1/p' $ROOT/packaging/nlagent); export MALLOC_ARENA_MAX=2
fi
echo "flags: $FLAGS $EXTRA MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-} spec=$SPEC jar=$JAR" > $OUT/flags.txt
$IN java $FLAGS -XX:NativeMemoryTracking=summary -Xlog:gc:file=$OUT/gc.log $EXTRA -jar $JAR run --config $OUT/nlagent.conf --listen udp:127.0.0.1:$PORT > $OUT/agent.log 2>&1 &
PID=$!
for i in $(seq 1 240); do kill -0 $PID 2>/dev/null || { echo "agent exited: $(tail -3 $OUT/agent.log)" >&2; exit 1; }
  n=$($IN snmpget -v2c -c public -t 2 -r 0 -Oqv 127.0.0.1:$PORT 1.3.6.1.4.1.8072.9999.9999.110108.1.4.2.0 2>/dev/null | cut -d' ' -f1 || true)
  [[ "$n" =~ ^[0-9]+$ ]] && (( n >= K )) && break; sleep 1; done
echo "served=$n interfaces: $(grep -o "serving [0-9]* context(s), [0-9]* interfaces" $OUT/agent.log | head -1)" >> $OUT/flags.txt; : > $OUT/summary.txt
status() { awk -v k="$1" '$1 == k":" {print $2}' /proc/$PID/status; }
heap() { jcmd $PID GC.heap_info | grep -o 'used [0-9]*K' | head -2 | tr '\n' ' '; }
snap() { # $1 label: after a full GC
  jcmd $PID GC.run >/dev/null; sleep 6
  echo "$1 rss_kb=$(status VmRSS) hwm_kb=$(status VmHWM) $(heap)" >> $OUT/summary.txt
}
poll() {
  for t in 1.3.6.1.2.1.2.2 1.3.6.1.2.1.31.1.1 1.3.6.1.2.1.4.28 1.3.6.1.2.1.4.30 1.3.6.1.2.1.55.1; do
    $IN snmpbulkwalk -v2c -c public -Cr25 -On 127.0.0.1:$PORT $t; done
}
cpu() { awk '{print $14 + $15}' /proc/$PID/stat; }  # clock ticks
snap started
c0=$(cpu); vb=$(poll | wc -l); c1=$(cpu)
echo "poll1 rss_kb=$(status VmRSS) hwm_kb=$(status VmHWM) $(heap) varbinds=$vb cpu_ticks=$((c1 - c0)) (no GC)" >> $OUT/summary.txt
jcmd $PID VM.native_memory summary > $OUT/nmt-poll1.txt
cat /proc/$PID/smaps_rollup > $OUT/smaps-poll1.txt
jcmd $PID GC.class_histogram > $OUT/histo-poll1.txt
if [[ "${SWEEP:-1}" == 1 && $K -gt 0 ]]; then
  # one poll of every namespace context (builds every view), as an NMS sweep
  for i in $(seq 0 $((K-1))); do $IN snmpbulkwalk -v2c -c public@$NLB_PREFIX-$i -Cr25 -On 127.0.0.1:$PORT 1.3.6.1.2.1.2.2 >/dev/null; done
  snap swept
  jcmd $PID GC.class_histogram > $OUT/histo.txt
  jcmd $PID VM.native_memory summary > $OUT/nmt.txt
fi
for p in $(seq 1 $POLLS); do
  poll > /dev/null
  if (( p % ${SNAP_EVERY:-100} == 0 )); then snap "poll$p"; fi
done
echo "end rss_kb=$(status VmRSS) hwm_kb=$(status VmHWM) cpu_ticks=$(cpu) full_gcs=$(grep -c 'Pause Full' $OUT/gc.log) young_gcs=$(grep -c 'Pause Young' $OUT/gc.log)" >> $OUT/summary.txt
cat $OUT/summary.txt
