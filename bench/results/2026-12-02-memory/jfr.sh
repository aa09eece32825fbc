#!/bin/bash
# usage: jfr.sh label jar [JVM flags]: the agent and the polls pinned to CPU 0 in the host netns nlmhost; JFR
# execution samples every 1 ms (fast.jfc = profile.jfc with that period) over 6 polls, then self and inclusive
# top frames
HERE=$(cd "$(dirname "$0")" && pwd); cd "$HERE"; label=$1; jar=$2; shift 2
# fast.jfc: the JDK's profile.jfc with jdk.ExecutionSample every 1 ms (made here, not kept)
JFC=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")/lib/jfr/profile.jfc
python3 -c 'import re,sys; s=open(sys.argv[1]).read(); open("fast.jfc","w").write(re.sub(r"(<event name=\"jdk.ExecutionSample\">.*?<setting name=\"period\"[^>]*>)[^<]*", r"\g<1>1 ms", s, flags=re.S))' "$JFC"
BASE=$(sed -n 's/^OPTS=${NLAGENT_JAVA_OPTS:-"\(.*\)"}$/\1/p' $HERE/../../../packaging/nlagent)
MALLOC_ARENA_MAX=2 nsenter --net=/run/netns/nlmhost taskset -c 0 java $BASE "$@" -jar $jar run --config m.conf --listen udp:127.0.0.1:1161 > nl-$label.log 2>&1 & pid=$!
for i in $(seq 600); do grep -q "warm-up:" nl-$label.log && break; sleep 0.5; done; sleep 2
jcmd $pid JFR.start name=p settings=$HERE/fast.jfc filename=$HERE/$label.jfr >/dev/null
for p in 1 2 3 4 5 6; do NS="nsenter --net=/run/netns/nlmhost" PIN="taskset -c 0" ./poll.sh 1161 >/dev/null; done
jcmd $pid JFR.dump name=p filename=$HERE/$label.jfr >/dev/null; kill $pid; wait $pid 2>/dev/null
jfr print --events jdk.ExecutionSample $label.jfr > s-$label.txt
python3 - s-$label.txt <<'PY'
import sys,re,collections
txt=open(sys.argv[1]).read()
evs=txt.split('jdk.ExecutionSample')
top=collections.Counter(); incl=collections.Counter(); n=0
for e in evs[1:]:
    fr=re.findall(r'^\s+([\w.$<>]+)\(', e.split('stackTrace = [')[1] if 'stackTrace = [' in e else '', re.M)
    if not fr: continue
    n+=1; top[fr[0]]+=1
    for f in set(fr): incl[f]+=1
print("samples",n)
print("SELF"); [print("  %5.1f%% %s"%(100*c/n,f)) for f,c in top.most_common(25)]
print("INCL"); [print("  %5.1f%% %s"%(100*c/n,f)) for f,c in incl.most_common(40)]
PY
