#!/bin/bash
# usage: dumps.sh JAR PORT OUT: agent in the K=1000 env; strace the netlink requests of 3 spaced polls (7 s apart)
JAR=$1; PORT=$2; OUT=$3
cd /work/main
KEEP=1 NS=nlbk1 CONF=/tmp/m/k1000.conf bash bench/results/2026-12-03-spaced/gap.sh $JAR $PORT 0 7 > $OUT.gap 2>&1
PID=$(awk '/^pid/{print $2}' $OUT.gap)
for r in 1 2 3; do
  sleep 7
  strace -f -qq -e trace=sendto -e signal=none -p $PID -o $OUT.poll$r 2>/dev/null &
  SP=$!; sleep 1
  for o in 1.3.6.1.2.1.2.2 1.3.6.1.2.1.31.1.1 1.3.6.1.2.1.4.28 1.3.6.1.2.1.4.30 1.3.6.1.2.1.55.1; do
    nsenter --net=/run/netns/nlbk1 snmpbulkwalk -v2c -c public -Cr25 -On 127.0.0.1:$PORT $o > /dev/null
  done
  kill -INT $SP; wait $SP 2>/dev/null
  echo "poll $r: $(grep -o 'nlmsg_type=RTM_GET[A-Z]*' $OUT.poll$r | sort | uniq -c | awk '{printf "%s %s, ", $2, $1}' | sed 's/nlmsg_type=//g')"
done
kill $PID; wait $PID 2>/dev/null
