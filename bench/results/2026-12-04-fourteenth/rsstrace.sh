#!/bin/bash
# usage: rsstrace.sh JAR PORT [java flags]: start agent in nlbk2 (K=2000), sample VmRSS every 0.1 s until 25 s after the warm-up line
JAR=$1; PORT=$2; shift 2
BASE=$(sed -n 's/^OPTS=${NLAGENT_JAVA_OPTS:-"\(.*\)"}$/\1/p' /work/main/packaging/nlagent)
MALLOC_ARENA_MAX=2 nsenter --net=/run/netns/nlbk2 java $BASE "$@" -jar $JAR run --config /tmp/m/k2000.conf --listen udp:127.0.0.1:$PORT > /tmp/m/rss-$PORT.log 2>&1 &
PID=$!
t0=$(date +%s.%N); max=0; maxt=0; w=""
for i in $(seq 900); do
  r=$(awk '/VmRSS/{print $2}' /proc/$PID/status 2>/dev/null); [[ -z $r ]] && break
  t=$(awk -v a=$(date +%s.%N) -v b=$t0 'BEGIN{printf "%.1f", a-b}')
  (( r > max )) && { max=$r; maxt=$t; }
  [[ -z $w ]] && grep -q 'warm-up:' /tmp/m/rss-$PORT.log && w=$t
  (( i % 10 == 0 )) && echo "$t s rss $((r/1024)) MiB"
  [[ -n $w ]] && awk -v t=$t -v w=$w 'BEGIN{exit !(t > w + 25)}' && break
  sleep 0.1
done
echo "peak VmRSS $max kB at $maxt s; VmHWM $(awk '/VmHWM/{print $2}' /proc/$PID/status) kB; warm-up line at $w s"
grep -o 'warm-up: .*' /tmp/m/rss-$PORT.log | cut -c1-200
kill $PID; wait $PID 2>/dev/null
