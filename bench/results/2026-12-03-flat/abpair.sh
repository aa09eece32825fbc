#!/bin/bash
# A/B of two agent jars in the same minutes (bench/README.md, "Flat views"). Setup (root), as ../2026-12-03-listen/ab.sh:
#   ip netns add nlst1; ip -n nlst1 link set lo up; nsenter --net=/run/netns/nlst1 bench/scenario.sh --prefix nlbst ifaces 2000
# usage: abpair.sh JAR_A JAR_B N: both agents in nlst1 (udp 127.0.0.1:16170 and :16171, the launcher's flags), after
#   both warm-ups N rounds of one snmpbulkwalk -Cr25 of ifTable from each, alternating which goes first; prints
#   each walk's listen-thread CPU ms (/proc/PID/task/TID/schedstat), then per jar the interquartile mean ("iqm":
#   the mean of the middle half) and the median, over all walks and over the first 4
A=$1; B=$2; n=$3
BASE=$(sed -n 's/^OPTS=${NLAGENT_JAVA_OPTS:-"\(.*\)"}$/\1/p' "$(dirname "$0")/../../../packaging/nlagent")
start() { nsenter --net=/run/netns/nlst1 java $BASE -jar $1 run --listen udp:127.0.0.1:$2 > /tmp/ab/$2.log 2>&1 & echo $!; }
pa=$(start $A 16170); pb=$(start $B 16171)
for p in 16170 16171; do for i in $(seq 300); do grep -q warm-up: /tmp/ab/$p.log && break; sleep 0.3; done; done
tid() { for t in /proc/$1/task/*; do c=$(cat $t/comm); [[ $c == snmp-listen* ]] && basename $t; done; }
ta=$(tid $pa); tb=$(tid $pb)
walk() { # pid tid port
  local a=$(awk '{print $1}' /proc/$1/task/$2/schedstat)
  nsenter --net=/run/netns/nlst1 snmpbulkwalk -v2c -c public -Cr25 127.0.0.1:$3 1.3.6.1.2.1.2.2 >/dev/null
  local b=$(awk '{print $1}' /proc/$1/task/$2/schedstat)
  echo "scale=1; ($b-$a)/1000000" | bc
}
ra=(); rb=()
for i in $(seq $n); do
  if (( i % 2 )); then ra+=($(walk $pa $ta 16170)); rb+=($(walk $pb $tb 16171));
  else rb+=($(walk $pb $tb 16171)); ra+=($(walk $pa $ta 16170)); fi
done
med() { printf "%s\n" "$@" | sort -n | awk '{a[NR]=$1} END {q=int(NR/4); s=0; for(i=q+1;i<=NR-q;i++) s+=a[i]; printf "iqm %.1f, median %s", s/(NR-2*q), a[int((NR+1)/2)]}'; }
echo "A $(basename $A): ${ra[*]}"; echo "B $(basename $B): ${rb[*]}"
echo "all walks: A $(med "${ra[@]}"); B $(med "${rb[@]}").  first 4: A $(med "${ra[@]:0:4}"); B $(med "${rb[@]:0:4}")"
kill $pa $pb; wait $pa $pb 2>/dev/null
