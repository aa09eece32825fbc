#!/bin/bash
# A/B of the listen thread's CPU per walk right after start (bench/README.md, "The listen loop").
# Setup (root): ip netns add nlst1; ip -n nlst1 link set lo up;
#   nsenter --net=/run/netns/nlst1 bench/scenario.sh --prefix nlbst ifaces 2000   (2,000 dummy interfaces)
# usage: ab.sh JAR N   starts the agent from JAR in nlst1 on 127.0.0.1:16170 (the launcher's flags), waits for
#   its warm-up line, prints the listen thread's CPU ms for each of N ifTable walks (abwalk.sh), stops it.
# The series in ab-series.txt: for r in $(seq 8); do ab.sh old.jar 8; ab.sh new.jar 8; done
jar=$1; n=$2
BASE=$(sed -n 's/^OPTS=${NLAGENT_JAVA_OPTS:-"\(.*\)"}$/\1/p' "$(dirname "$0")/../../../packaging/nlagent")
nsenter --net=/run/netns/nlst1 java $BASE -jar $jar run --listen udp:127.0.0.1:16170 > /tmp/ab.log 2>&1 & pid=$!
for i in $(seq 200); do grep -q warm-up: /tmp/ab.log && break; kill -0 $pid 2>/dev/null || { cat /tmp/ab.log; exit 1; }; sleep 0.3; done
tid=$(for t in /proc/$pid/task/*; do c=$(cat $t/comm); [[ $c == DefaultUDP* || $c == snmp-listen* ]] && basename $t; done)
echo "$(basename $jar) $("$(dirname "$0")/abwalk.sh" $pid $tid $n)"
kill $pid; wait $pid 2>/dev/null
