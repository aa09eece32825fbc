#!/bin/bash
JAR=$1; PORT=$2; OUT=$3
BASE=$(sed -n 's/^OPTS=${NLAGENT_JAVA_OPTS:-"\(.*\)"}$/\1/p' /work/main/packaging/nlagent)
MALLOC_ARENA_MAX=2 nsenter --net=/run/netns/nlbk2 java $BASE -jar $JAR run --config /tmp/m/k2000.conf --listen udp:127.0.0.1:$PORT > /tmp/m/h-$PORT.log 2>&1 &
PID=$!
for i in $(seq 300); do grep -q 'warm-up:' /tmp/m/h-$PORT.log && break; sleep 0.2; done
sleep 2
jcmd $PID GC.class_histogram > $OUT
kill $PID; wait $PID 2>/dev/null
