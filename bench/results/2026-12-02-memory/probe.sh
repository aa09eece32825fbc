#!/bin/bash
# usage: probe.sh label jar [JVM flags]: the agent (config m.conf: the shipped one with netnsNamePattern of the
# scenario) in the host netns nlmhost; once the warm-up is logged: VmHWM, NMT summary (nmt-label.txt), a class
# histogram (histo-label.txt, after a full GC: the live heap), RSS by mapping
# probe.sh label jar [flags]: start at K in nlmhost, after warm-up: NMT, histogram, smaps summary
HERE=$(cd "$(dirname "$0")" && pwd); cd "$HERE"; label=$1; jar=$2; shift 2
BASE=$(sed -n 's/^OPTS=${NLAGENT_JAVA_OPTS:-"\(.*\)"}$/\1/p' $HERE/../../../packaging/nlagent)
MALLOC_ARENA_MAX=2 nsenter --net=/run/netns/nlmhost java $BASE -XX:NativeMemoryTracking=summary "$@" -jar $jar run --config m.conf --listen udp:127.0.0.1:1161 > nl-$label.log 2>&1 &
pid=$!
for i in $(seq 600); do grep -q "INFO nlagent.standalone.Warmup: warm-up:" nl-$label.log && break; sleep 0.5; done
grep VmHWM /proc/$pid/status
jcmd $pid VM.native_memory summary > nmt-$label.txt
jcmd $pid GC.class_histogram > histo-$label.txt
awk '/^[0-9a-f]+-/ {name=$6} /^Rss:/ {r[name]+=$2} END {for (n in r) print r[n], n}' /proc/$pid/smaps | sort -rn | head -12
grep -c . /proc/$pid/task/*/comm | wc -l
kill $pid; wait $pid 2>/dev/null
