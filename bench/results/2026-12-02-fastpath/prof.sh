#!/usr/bin/env bash
# usage: prof.sh JAR POLLS [extra jvm flags...]; prints per-poll CPU and per-thread CPU of each poll
JAR=$1; POLLS=$2; shift 2
JVM_FLAGS="-XX:+UseSerialGC -Xms16m -Xmx256m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:MaxDirectMemorySize=512m -Xss256k -XX:ReservedCodeCacheSize=24m -XX:MaxMetaspaceSize=48m -XX:CICompilerCount=2 -XX:-UsePerfData -XX:+IgnoreUnrecognizedVMOptions -XX:+UnlockExperimentalVMOptions -XX:TrimNativeHeapInterval=5000"
PORT=$(( 20000 + RANDOM % 20000 ))
MALLOC_ARENA_MAX=2 java $JVM_FLAGS "$@" -jar $JAR run --config /tmp/fastpath/nlagent.conf --listen udp:127.0.0.1:$PORT > /tmp/fastpath/agent.$PORT.log 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null' EXIT
for i in $(seq 1 300); do
  out=$(snmpget -v2c -c public -t 2 -r 0 -On 127.0.0.1:$PORT 1.3.6.1.2.1.2.1.0 2>&1); [[ $out == *INTEGER* ]] && break; sleep 0.5
done
echo "answering: $out"; sleep ${SETTLE:-15}
CLK=$(getconf CLK_TCK)
threads() { for t in /proc/$PID/task/*; do echo "$(cat $t/comm 2>/dev/null | tr ' ' _) $(sed 's/.*) //' $t/stat 2>/dev/null | awk '{print $12+$13}')"; done | awk '{a[$1]+=$2} END {for (k in a) print k, a[k]}' | sort; }
tot() { sed 's/.*) //' /proc/$PID/stat | awk '{print $12+$13}'; }
for p in $(seq 1 $POLLS); do
  threads > /tmp/fastpath/t0; c0=$(tot); t0=$(date +%s.%N); n=0
  for oid in 1.3.6.1.2.1.2.2 1.3.6.1.2.1.31.1.1 1.3.6.1.2.1.4.28 1.3.6.1.2.1.4.30 1.3.6.1.2.1.55.1; do
    k=$(snmpbulkwalk -v2c -c public -Cr25 -t 60 -r 0 -On 127.0.0.1:$PORT $oid | wc -l); n=$((n+k)); done
  c1=$(tot); t1=$(date +%s.%N); threads > /tmp/fastpath/t1
  echo "poll $p: cpu $(awk -v a=$c0 -v b=$c1 -v hz=$CLK 'BEGIN{printf "%.2f",(b-a)/hz}') s, wall $(awk -v a=$t0 -v b=$t1 'BEGIN{printf "%.2f",b-a}') s, $n varbinds; links $(ip -o link | wc -l)"
  join /tmp/fastpath/t0 /tmp/fastpath/t1 | awk -v hz=$CLK '$3-$2>0 {printf "   %s %.2f", $1, ($3-$2)/hz} END {print ""}'
  sleep ${GAP:-2}
done
