#!/bin/bash
# usage: first.sh conf port [polls]
cd "$(dirname "$0")"
OPTS=${OPTS:-$(sed -n 's/^OPTS=${NLAGENT_JAVA_OPTS:-"\(.*\)"}$/\1/p' ../../../packaging/nlagent)}
JAR=${JAR:-base.jar}
java $OPTS -jar $JAR run --config $1 > nl.log 2>&1 &
pid=$!; echo $pid > pid
for i in $(seq 120); do grep -q "warm-up:" nl.log && break; sleep 0.5; done
[ -n "$WAITSERVED" ] && for i in $(seq 120); do grep -q "served" nl.log && break; sleep 0.5; done
sleep ${SETTLE:-0}
grep "warm-up" nl.log | cut -c1-160
./thr.sh $pid > t0
for i in $(seq ${3:-3}); do /usr/bin/time -f "%e s wall" ./poll.sh $2; ./thr.sh $pid > t$i; join -a2 t$((i-1)) t$i | awk 'NF==2 {$3=$2; $2=0} $3-$2>1e6 {printf "%s %.1fms\n",$1,($3-$2)/1e6; s+=$3-$2} END {printf "TOTAL %.1fms\n", s/1e6}' ; echo ---; sleep ${GAP:-7}; done
grep -q VmHWM /proc/$pid/status && grep VmHWM /proc/$pid/status
kill $pid
