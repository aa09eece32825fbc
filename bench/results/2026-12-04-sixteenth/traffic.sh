#!/bin/bash
# usage: traffic.sh start|stop N: pods nlbq-0..N-1 ping the host side's all-nodes group every 2 s (traffic only inside test namespaces)
case $1 in
start) for i in $(seq 0 $(($2-1))); do ip netns exec nlbq-$i ping -6 -q -i 2 -s 100 ff02::1%eth0 >/dev/null 2>&1 & echo $! >> /tmp/m/ab/traffic.pids; done ;;
stop) [[ -f /tmp/m/ab/traffic.pids ]] && kill $(cat /tmp/m/ab/traffic.pids) 2>/dev/null; rm -f /tmp/m/ab/traffic.pids ;;
esac
