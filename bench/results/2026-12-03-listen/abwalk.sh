#!/bin/bash
# usage: abwalk.sh PID TID N: the CPU ms (/proc/PID/task/TID/schedstat) thread TID spent in each of N
# snmpbulkwalk -Cr25 walks of ifTable from namespace nlst1 to 127.0.0.1:16170 (see ab.sh)
pid=$1; tid=$2; n=$3
for i in $(seq $n); do
  a=$(awk '{print $1}' /proc/$pid/task/$tid/schedstat)
  nsenter --net=/run/netns/nlst1 snmpbulkwalk -v2c -c public -Cr25 127.0.0.1:16170 1.3.6.1.2.1.2.2 >/dev/null
  b=$(awk '{print $1}' /proc/$pid/task/$tid/schedstat)
  printf "%.1f " $(echo "($b-$a)/1000000" | bc -l)
done; echo
