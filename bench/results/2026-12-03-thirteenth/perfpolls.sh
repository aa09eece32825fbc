#!/bin/bash
# usage: perfpolls.sh JAR PORT OUT [java flags]: start agent (K=1000 env), perf over 3 spaced polls (first included)
JAR=$1; PORT=$2; OUT=$3; shift 3
cd /work/main
KEEP=1 NS=nlbk1 CONF=/tmp/m/k1000.conf bash bench/results/2026-12-03-spaced/gap.sh $JAR $PORT 0 7 -XX:+PreserveFramePointer "$@" > $OUT.gap 2>&1
PID=$(awk '/^pid/{print $2}' $OUT.gap)
sleep 5
perf record -F 5000 -g -p $PID -o $OUT.data 2>/dev/null &
PP=$!
sleep 1
for r in 1 2 3; do
  [[ $r -gt 1 ]] && sleep 7
  for o in 1.3.6.1.2.1.2.2 1.3.6.1.2.1.31.1.1 1.3.6.1.2.1.4.28 1.3.6.1.2.1.4.30 1.3.6.1.2.1.55.1; do
    nsenter --net=/run/netns/nlbk1 snmpbulkwalk -v2c -c public -Cr25 -On 127.0.0.1:$PORT $o > /dev/null
  done
done
jcmd $PID Compiler.perfmap > /dev/null
kill -INT $PP; wait $PP 2>/dev/null
kill $PID; wait $PID 2>/dev/null
perf script -i $OUT.data -F comm,ip,sym > $OUT.script 2>/dev/null
for t in snmp-listen nlagent-kernel; do python3 /work/main/bench/results/2026-12-03-spaced/inclc.py $OUT.script $t 0.01 > $OUT.$t.txt; done
