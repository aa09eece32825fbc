#!/bin/bash
# usage: matrix.sh label jar conf port [extra JVM flags...]; prints polls 1..6 (7 s apart) CPU by group and VmHWM
HERE=$(cd "$(dirname "$0")" && pwd); cd "$HERE"
label=$1; jar=$2; conf=$3; port=$4; shift 4
BASE=$(sed -n 's/^OPTS=${NLAGENT_JAVA_OPTS:-"\(.*\)"}$/\1/p' "$HERE/../../../packaging/nlagent")
$NS java $BASE "$@" -jar $jar run --config $conf > nl-$label.log 2>&1 &
pid=$!
for i in $(seq 240); do grep -q "INFO nlagent.standalone.Warmup: warm-up:" nl-$label.log && grep -q "served" nl-$label.log && break; sleep 0.5; done
sleep 2
out="$label:"
for i in $(seq ${POLLS:-6}); do
  ./thr.sh $pid > t0-$label; ./poll.sh $port >/dev/null; ./thr.sh $pid > t1-$label
  out="$out $(join -a2 t0-$label t1-$label | awk 'NF==2 {$3=$2; $2=0} {d=($3-$2)/1e6; if ($1 ~ /^C[12]_/) c+=d; else if ($1=="VM_Thread") g+=d; else o+=d} END {printf "%.0f(c%.0f,g%.0f)", c+g+o, c, g}')"
  sleep 7
done
echo "$out hwm=$(awk '/VmHWM/ {print int($2/1024)}' /proc/$pid/status)M"
kill $pid; wait $pid 2>/dev/null
