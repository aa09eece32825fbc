#!/bin/bash
JAR=$1; PORT=$2; shift 2
BASE=$(sed -n 's/^OPTS=${NLAGENT_JAVA_OPTS:-"\(.*\)"}$/\1/p' /work/main/packaging/nlagent)
MALLOC_ARENA_MAX=2 nsenter --net=/run/netns/nlbk2 java $BASE -XX:NativeMemoryTracking=summary "$@" -jar $JAR run --config /tmp/m/k2000.conf --listen udp:127.0.0.1:$PORT > /tmp/m/nmt-$PORT.log 2>&1 &
PID=$!
rm -f /tmp/m/nmt-$PORT.*.txt
for i in $(seq 200); do
  grep -q 'warm-up:' /tmp/m/nmt-$PORT.log && break
  r=$(awk '/VmRSS/{print $2}' /proc/$PID/status 2>/dev/null)
  if (( ${r:-0} > 130000 )); then jcmd $PID VM.native_memory summary > /tmp/m/nmt-$PORT.$r.txt 2>/dev/null; fi
  sleep 0.2
done
echo "VmHWM $(awk '/VmHWM/{print $2}' /proc/$PID/status)"
kill $PID; wait $PID 2>/dev/null
f=$(ls /tmp/m/nmt-$PORT.*.txt | sort -t. -k2 -n | tail -1); echo "largest sample: $f"
grep -E "^Total|^-  *(Java Heap|Class|Thread|Code|GC|Compiler|Internal|Other|Symbol|Native Memory Tracking|Arena Chunk|Metaspace|Shared class space)" $f
