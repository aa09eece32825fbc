#!/bin/bash
# usage: perfcmp.sh NS CONF PORT TAG: start agent in NS, wait warm-up, 2 polls, then perf record listen thread over 1 poll
NS=$1; CONF=$2; PORT=$3; TAG=$4
BASE=$(sed -n 's/^OPTS=${NLAGENT_JAVA_OPTS:-"\(.*\)"}$/\1/p' /work/main/packaging/nlagent)
MALLOC_ARENA_MAX=2 nsenter --net=/run/netns/$NS java $BASE -XX:+PreserveFramePointer -jar /work/main/target/nlagent.jar run --config $CONF --listen udp:127.0.0.1:$PORT > /tmp/m/pc-$TAG.log 2>&1 &
PID=$!
for i in $(seq 300); do grep -q 'warm-up:' /tmp/m/pc-$TAG.log && break; sleep 0.2; done
sleep 2
TID=$(for t in /proc/$PID/task/*; do [[ $(cat $t/comm) == snmp-listen-0 ]] && basename $t; done)
poll() { for s in 1.3.6.1.2.1.2.2 1.3.6.1.2.1.31.1.1 1.3.6.1.2.1.4.28 1.3.6.1.2.1.4.30 1.3.6.1.2.1.55.1; do nsenter --net=/run/netns/$NS snmpbulkwalk -v2c -c public -Cr25 -t 30 127.0.0.1:$PORT $s > /dev/null; done; }
for i in 1 2 3; do a=$(awk '{print $1}' /proc/$PID/task/$TID/schedstat); poll; b=$(awk '{print $1}' /proc/$PID/task/$TID/schedstat); echo "$TAG poll $i listen $(( (b-a)/1000000 )) ms"; done
perf record -q -g -t $TID -o /tmp/m/perf-$TAG.data -- bash -c "$(declare -f poll); NS=$NS PORT=$PORT; poll" 2>/dev/null
kill $PID; wait $PID 2>/dev/null
perf report -i /tmp/m/perf-$TAG.data --no-children --sort sym --stdio 2>/dev/null | grep -E "^ +[0-9]" | head -25
