#!/bin/bash
# usage: NS="nsenter --net=/run/netns/HOST" [PIN="taskset -c 0"] [GAP=7] [POLLS=3] [SETTLE=2 (s after the warm-up line)] mx.sh label jar conf port [JVM flags...]
# prints: start-up CPU, VmHWM once the warm-up is logged (prehwm), per poll CPU ms of all threads (c = compiler
# threads, g = VM thread = SerialGC)/varbinds, then VmHWM and VmRSS; a GC log gc-label.log, VmRSS every 0.25 s in rss-label.txt
HERE=$(cd "$(dirname "$0")" && pwd); cd "$HERE"
label=$1; jar=$2; conf=$3; port=$4; shift 4
BASE=$(sed -n 's/^OPTS=${NLAGENT_JAVA_OPTS:-"\(.*\)"}$/\1/p' $HERE/../../../packaging/nlagent)
MALLOC_ARENA_MAX=2 $NS $PIN java $BASE -Xlog:gc:file=gc-$label.log "$@" -jar $jar run --config $conf --listen udp:127.0.0.1:$port > nl-$label.log 2>&1 &
pid=$!
t0=$(date +%s)
( while kill -0 $pid 2>/dev/null; do echo "$(date +%s.%N | cut -c1-14) $(awk '/VmRSS/ {print int($2/1024)}' /proc/$pid/status 2>/dev/null)"; sleep 0.25; done ) > rss-$label.txt &
for i in $(seq 600); do grep -q "INFO nlagent.standalone.Warmup: warm-up:" nl-$label.log && break; sleep 0.5; done
st=$(./thr.sh $pid | awk '{s+=$2} END {printf "%.1f", s/1e9}')
pre=$(awk '/VmHWM/ {print int($2/1024)}' /proc/$pid/status)
sleep ${SETTLE:-2}
out="$label: start=${st}s($(( $(date +%s)-t0 ))s wall) prehwm=${pre}M"
for i in $(seq ${POLLS:-3}); do
  ./thr.sh $pid > t0-$label; n=$(./poll.sh $port); ./thr.sh $pid > t1-$label
  out="$out $(join -a2 t0-$label t1-$label | awk 'NF==2 {$3=$2; $2=0} {d=($3-$2)/1e6; if ($1 ~ /^C[12]_/) c+=d; else if ($1=="VM_Thread") g+=d; else o+=d} END {printf "%.0f(c%.0f,g%.0f)", c+g+o, c, g}')/$n"
  sleep ${GAP:-7}
done
echo "$out hwm=$(awk '/VmHWM/ {print int($2/1024)}' /proc/$pid/status)M rss=$(awk '/VmRSS/ {print int($2/1024)}' /proc/$pid/status)M" | tee -a results.txt
kill $pid; wait $pid 2>/dev/null
