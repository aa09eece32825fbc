#!/bin/bash
# usage: gap.sh JAR PORT ROUNDS GAP_S [extra java flags...]: agent in nlst1, after warm-up ROUNDS polls each after GAP_S idle; per-thread CPU ms per poll
JAR=$1; PORT=$2; N=$3; GAP=$4; shift 4
BASE=$(sed -n 's/^OPTS=${NLAGENT_JAVA_OPTS:-"\(.*\)"}$/\1/p' /work/main/packaging/nlagent)
nsenter --net=/run/netns/${NS:-nlst1} java $BASE "$@" -jar $JAR run ${CONF:+--config $CONF} --listen udp:127.0.0.1:$PORT > /tmp/ab/$PORT.log 2>&1 &
PID=$!
echo "pid $PID"
for i in $(seq 300); do grep -q warm-up: /tmp/ab/$PORT.log && break; sleep 0.3; done
grep -o 'warm-up: .*' /tmp/ab/$PORT.log
snap() { for t in /proc/$PID/task/*; do echo "$(cat $t/comm | tr ' ' _) $(awk '{print $1}' $t/schedstat)"; done | awk '{a[$1]+=$2} END {for (k in a) print k, a[k]}' | sort; }
for r in $(seq $N); do
  sleep $GAP
  snap > /tmp/m/s0
  st=$(awk '{print $22}' /proc/$PID/stat); echo -n "[jvm $(awk -v st=$st -v hz=$(getconf CLK_TCK) '{printf "%.1f", $1 - st/hz}' /proc/uptime)s] "
  for o in 1.3.6.1.2.1.2.2 1.3.6.1.2.1.31.1.1 1.3.6.1.2.1.4.28 1.3.6.1.2.1.4.30 1.3.6.1.2.1.55.1; do
    nsenter --net=/run/netns/${NS:-nlst1} snmpbulkwalk -v2c -c public -Cr25 -On 127.0.0.1:$PORT $o > /dev/null
  done
  snap > /tmp/m/s1
  join /tmp/m/s0 /tmp/m/s1 | awk '{d=($3-$2)/1e6; if (d>=1) printf "%s=%.0f ", $1, d; t+=d} END {printf "| total %.1f ms\n", t}'
  if [[ -n "$PAIR" ]]; then
    snap > /tmp/m/s0; echo -n "   again at once: "
    for o in 1.3.6.1.2.1.2.2 1.3.6.1.2.1.31.1.1 1.3.6.1.2.1.4.28 1.3.6.1.2.1.4.30 1.3.6.1.2.1.55.1; do
      nsenter --net=/run/netns/${NS:-nlst1} snmpbulkwalk -v2c -c public -Cr25 -On 127.0.0.1:$PORT $o > /dev/null
    done
    snap > /tmp/m/s1
    join /tmp/m/s0 /tmp/m/s1 | awk '{d=($3-$2)/1e6; if (d>=1) printf "%s=%.0f ", $1, d; t+=d} END {printf "| total %.1f ms\n", t}'
  fi
done
[[ -n "$KEEP" ]] || { kill $PID; wait $PID 2>/dev/null; }
