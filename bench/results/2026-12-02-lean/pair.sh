#!/bin/bash
# usage: pair.sh N_PAIRS [polls]: base.jar and new.jar alternately; steady = polls 3.. averaged
# base.jar (the jar before the change) and new.jar beside this script; mkdir -p /tmp/nlagent-lean-empty (conf: no namespaces);
# the default context is the root namespace: bench/scenario.sh --prefix nlbXX ifaces 2000 for 2,004 interfaces
cd "$(dirname "$0")"
polls=${2:-6}
for p in $(seq $1); do
  for j in base new; do
    out=$(JAR=$PWD/$j.jar ./first.sh conf 11771 $polls 2>&1)
    vb=$(echo "$out" | grep -E '^[0-9]+$' | tail -1)
    echo "$out" | awk -v NSKIP=${SKIP:-2} -v j=$j -v vb=$vb -v load="$(cut -d' ' -f1 /proc/loadavg)" '
      /^---/ {n++; next}
      n>=NSKIP && NF==2 {sub("ms","",$2); s[$1]+=$2; c[$1]=1}
      END {k=n-NSKIP; printf "%s vb=%s load=%s UDP=%.0f VM=%.0f kernel=%.0f C2=%.0f C1=%.0f TOTAL=%.0f ms/poll (mean of %d)\n", j, vb, load, s["DefaultUDPTrans"]/k, s["VM_Thread"]/k, s["nlagent-kernel"]/k, s["C2_CompilerThre"]/k, s["C1_CompilerThre"]/k, s["TOTAL"]/k, k}'
  done
done
