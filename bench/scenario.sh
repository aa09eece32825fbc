#!/usr/bin/env bash
# Scenario builder for the nlagent benchmark: simulates a container host.
#
#   bench/scenario.sh [--prefix P] up K          K network namespaces P-0 .. P-(K-1); each gets a veth pair
#                                                whose host end (named P-N) stays, up, in the root netns and
#                                                whose peer is eth0 inside the namespace (lo and eth0
#                                                set up, so the host end has carrier and an IPv6
#                                                link-local address, as with a real pod). Each namespace
#                                                reads /proc/sys/net/ipv6/conf/all/forwarding and
#                                                /proc/sys/net/core/somaxconn ONCE through the host /proc
#                                                (setns + read, what runc/CNI/Go's net package do), which
#                                                leaves one same-named dentry per namespace on the shared
#                                                /proc/sys/net hash chain: the cost under test.
#   bench/scenario.sh [--prefix P] ifaces N      "interfaces only": N interfaces in the root netns, made as
#                                                N/2 veth pairs (Pa-M <-> Pb-M, both up), no namespaces.
#                                                N counts interfaces, so "ifaces 2000" is comparable with
#                                                "up 2000" (2,000 host-side veth ends).
#   bench/scenario.sh [--prefix P] down          removes every namespace and link carrying the prefix
#   bench/scenario.sh [--prefix P] status        counts what exists for the prefix
#   bench/scenario.sh [--prefix P] with SPEC -- CMD [ARGS...]
#                                                SPEC = K or ifaces:N; builds it, runs CMD, and ALWAYS tears
#                                                down afterwards (normal exit, error, Ctrl-C, SIGTERM)
#
# Idempotent: `up K` creates only the missing namespaces/links (so 250 -> 500 adds 250) and removes
# those numbered >= K; `down` on nothing is a no-op. An interrupted `up` tears down what it made.
# Prefix: --prefix, else $NLB_PREFIX, else the one remembered in $NLB_STATE (written by the last `up`),
# else a fresh random nlbXXXX. The prefix must match ^nlb[0-9a-z]{1,5}$ so `down` can never touch
# another user's namespaces (nt*, nlr*, dcr*, ...). The prefix in use is printed on stdout by up/ifaces.
#
# Speed: all netns/link commands go through one `ip -batch`; the reads go through bench/nsread.c (compiled
# on first use; falls back to `ip netns exec` without a C compiler). 2,000 namespaces: ~6 s up, ~1.5 s
# down on a 2-vCPU VM. Needs root and iproute2.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "$0")" && pwd)
NLB_STATE=${NLB_STATE:-${TMPDIR:-/tmp}/nlagent-bench.prefix}
PREFIX=${NLB_PREFIX:-}
READ_PATHS="/proc/sys/net/ipv6/conf/all/forwarding /proc/sys/net/core/somaxconn"

die() { echo "scenario.sh: $*" >&2; exit 2; }
log() { echo "scenario.sh: $*" >&2; }

usage() { sed -n '2,30p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }

while [[ $# -gt 0 ]]; do
    case "$1" in
        --prefix) PREFIX=$2; shift 2 ;;
        -h|--help) usage ;;
        *) break ;;
    esac
done
[[ $# -ge 1 ]] || usage
CMD=$1; shift

if [[ -z "$PREFIX" && -s "$NLB_STATE" ]]; then PREFIX=$(cat "$NLB_STATE"); fi
if [[ -z "$PREFIX" ]]; then PREFIX="nlb$(od -An -N2 -tx2 /dev/urandom | tr -d ' \n')"; fi
[[ "$PREFIX" =~ ^nlb[0-9a-z]{1,5}$ ]] || die "bad prefix '$PREFIX' (must match ^nlb[0-9a-z]{1,5}\$)"
[[ $(id -u) -eq 0 ]] || die "needs root (network namespaces, veth)"
command -v ip >/dev/null || die "needs iproute2 (ip)"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/nlb-scenario.XXXXXX")
cleanup_tmp() { rm -rf "$TMP"; }

# --- inventory ---------------------------------------------------------------------------------
my_netns() { ip netns list 2>/dev/null | awk -v p="$PREFIX" '$1 ~ "^"p"-[0-9]+$" {print $1}'; }
# every root-netns link of ours: P-N (netns mode host ends), Pa-N / Pb-N (ifaces mode)
my_links() { ip -o link show 2>/dev/null | awk -F': ' -v p="$PREFIX" '{n=$2; sub(/@.*/, "", n); if (n ~ "^"p"[ab]?-[0-9]+$") print n}'; }

wait_links_gone() {  # $1 = tenths of a second to wait
    # netns deletion is asynchronous in the kernel (cleanup_net); the host veth ends disappear a bit
    # later, or never while another process (e.g. any SNMP agent scanning /run/netns) still holds the
    # namespace open: then the caller deletes the host ends itself
    local i
    for i in $(seq 1 "${1:-600}"); do
        [[ -z "$(my_links)" ]] && return 0
        sleep 0.1
    done
    log "warning: links with prefix $PREFIX still present after $(( ${1:-600} / 10 )) s: $(my_links | head -5 | tr '\n' ' ')"
    return 1
}

do_down() {
    local ns links
    ns=$(my_netns)
    if [[ -n "$ns" ]]; then
        sed 's/^/netns del /' <<<"$ns" > "$TMP/down.batch"
        ip -force -batch "$TMP/down.batch" || true
    fi
    # ifaces-mode pairs: deleting the a-end removes the b-end; anything left is deleted too
    links=$(my_links)
    if [[ -n "$links" ]]; then
        grep -v -E "^${PREFIX}-[0-9]+$" <<<"$links" | grep -E "^${PREFIX}a-" | sed 's/^/link del /' > "$TMP/dl.batch" || true
        [[ -s "$TMP/dl.batch" ]] && { ip -force -batch "$TMP/dl.batch" 2>/dev/null || true; }
    fi
    wait_links_gone 50 2>/dev/null || {
        my_links | sed 's/^/link del /' > "$TMP/dl2.batch"
        ip -force -batch "$TMP/dl2.batch" 2>/dev/null || true
        wait_links_gone 300
    }
    log "down: prefix $PREFIX removed ($(wc -w <<<"$ns") namespaces)"
    if [[ -s "$NLB_STATE" && "$(cat "$NLB_STATE")" == "$PREFIX" ]]; then rm -f "$NLB_STATE"; fi
}

# Each new namespace reads READ_PATHS once through the host /proc after setns(). Preferred: the small C
# helper bench/nsread.c (compiled once, cached next to the state file); without a C compiler,
# `ip -batch` with `netns exec` lines (correct, but O(K^2): each exec copies all /run/netns mounts).
read_in_namespaces() {
    local names=$1 helper want got
    want=$(( $(wc -l < "$names") * $(wc -w <<<"$READ_PATHS") ))
    helper="${NLB_STATE%/*}/nlagent-bench-nsread-$(cksum < "$SCRIPT_DIR/nsread.c" | cut -d' ' -f1)"
    if [[ ! -x "$helper" ]] && command -v cc >/dev/null; then
        cc -O2 -o "$helper.tmp.$$" "$SCRIPT_DIR/nsread.c" && mv -f "$helper.tmp.$$" "$helper"
    fi
    if [[ -x "$helper" && -z "${NLB_NO_HELPER:-}" ]]; then
        got=$("$helper" $READ_PATHS < "$names" | cut -d' ' -f1)
    else
        log "no C compiler: reading through 'ip netns exec' (slow above ~500 namespaces)"
        while read -r n; do printf 'netns exec %s sh -c "ip link set lo up && ip link set eth0 up && cat %s"\n' "$n" "$READ_PATHS"; done < "$names" > "$TMP/read.batch"
        got=$(ip -batch "$TMP/read.batch" | wc -l)
    fi
    [[ "$got" -eq "$want" ]] || die "up: expected $want reads inside the namespaces, got $got"
}

do_up() {
    local k=$1 i
    [[ "$k" =~ ^[0-9]+$ ]] || die "up: K must be a number, got '$k'"
    echo "$PREFIX" > "$NLB_STATE"
    declare -A have_ns=() have_link=()
    local n
    while read -r n; do [[ -n "$n" ]] && have_ns[$n]=1; done < <(my_netns)
    while read -r n; do [[ -n "$n" ]] && have_link[$n]=1; done < <(my_links)
    : > "$TMP/up.batch"; : > "$TMP/read.names"; : > "$TMP/del.batch"
    for ((i = 0; i < k; i++)); do
        n="$PREFIX-$i"
        if [[ -z "${have_ns[$n]:-}" ]]; then
            echo "netns add $n" >> "$TMP/up.batch"
            echo "$n" >> "$TMP/read.names"
        fi
        if [[ -z "${have_link[$n]:-}" ]]; then
            # a leftover eth0 in a half-built namespace would make the peer name clash
            [[ -n "${have_ns[$n]:-}" ]] && echo "-n $n link del eth0" >> "$TMP/fix.batch"
            echo "link add $n type veth peer name eth0 netns $n" >> "$TMP/up.batch"
            echo "link set $n up" >> "$TMP/up.batch"
        fi
    done
    for n in "${!have_ns[@]}"; do
        i=${n##*-}
        (( i >= k )) && echo "netns del $n" >> "$TMP/del.batch"
    done
    if [[ -s "$TMP/del.batch" ]]; then
        ip -force -batch "$TMP/del.batch"
        # wait (bounded) for the kernel's asynchronous netns cleanup to drop their host veth ends
        for i in $(seq 1 50); do
            [[ $(my_links | grep -cE "^${PREFIX}-[0-9]+$") -le $k ]] && break
            sleep 0.1
        done
        # still there: the namespace is held open by someone else; delete the host end ourselves
        my_links | awk -F- -v p="$PREFIX" -v k="$k" '$1 == p && $2 + 0 >= k {print "link del " $0}' > "$TMP/del2.batch"
        [[ -s "$TMP/del2.batch" ]] && { ip -force -batch "$TMP/del2.batch" 2>/dev/null || true; }
    fi
    [[ -s "$TMP/fix.batch" ]] && { ip -force -batch "$TMP/fix.batch" 2>/dev/null || true; }
    if [[ -s "$TMP/up.batch" ]]; then
        ip -batch "$TMP/up.batch"
    fi
    if [[ -s "$TMP/read.names" ]]; then
        read_in_namespaces "$TMP/read.names"
    fi
    log "up: prefix $PREFIX has $(my_netns | wc -l) namespaces, $(my_links | wc -l) links (created $(grep -c '^netns add' "$TMP/up.batch" || true))"
}

do_ifaces() {
    local nifs=$1 pairs i
    [[ "$nifs" =~ ^[0-9]+$ ]] || die "ifaces: N must be a number, got '$nifs'"
    pairs=$(( (nifs + 1) / 2 ))
    echo "$PREFIX" > "$NLB_STATE"
    declare -A have=()
    local n
    while read -r n; do [[ -n "$n" ]] && have[$n]=1; done < <(my_links)
    : > "$TMP/if.batch"
    for ((i = 0; i < pairs; i++)); do
        if [[ -z "${have[${PREFIX}a-$i]:-}" ]]; then
            [[ -n "${have[${PREFIX}b-$i]:-}" ]] && echo "link del ${PREFIX}b-$i" >> "$TMP/if.batch"
            echo "link add ${PREFIX}a-$i type veth peer name ${PREFIX}b-$i" >> "$TMP/if.batch"
            echo "link set ${PREFIX}a-$i up" >> "$TMP/if.batch"
            echo "link set ${PREFIX}b-$i up" >> "$TMP/if.batch"
        fi
    done
    for n in "${!have[@]}"; do
        [[ "$n" =~ ^${PREFIX}a-([0-9]+)$ ]] && (( BASH_REMATCH[1] >= pairs )) && echo "link del $n" >> "$TMP/if.batch"
    done
    [[ -s "$TMP/if.batch" ]] && ip -batch "$TMP/if.batch"
    log "ifaces: prefix $PREFIX has $(my_links | wc -l) links in the root netns"
}

on_signal() {
    trap - INT TERM
    log "interrupted: tearing down prefix $PREFIX"
    do_down || true
    cleanup_tmp
    exit 130
}

case "$CMD" in
    up)
        [[ $# -eq 1 ]] || usage
        trap on_signal INT TERM
        trap cleanup_tmp EXIT
        do_up "$1"
        echo "$PREFIX"
        ;;
    ifaces)
        [[ $# -eq 1 ]] || usage
        trap on_signal INT TERM
        trap cleanup_tmp EXIT
        do_ifaces "$1"
        echo "$PREFIX"
        ;;
    down)
        trap cleanup_tmp EXIT
        do_down
        ;;
    status)
        trap cleanup_tmp EXIT
        echo "prefix=$PREFIX netns=$(my_netns | wc -l) links=$(my_links | wc -l)"
        ;;
    with)
        [[ $# -ge 3 && "$2" == "--" ]] || usage
        spec=$1; shift 2
        trap 'rc=$?; trap - EXIT INT TERM; do_down || true; cleanup_tmp; exit $rc' EXIT
        trap 'exit 130' INT TERM
        if [[ "$spec" == ifaces:* ]]; then do_ifaces "${spec#ifaces:}"; else do_up "$spec"; fi
        export NLB_PREFIX=$PREFIX
        "$@"
        ;;
    *) usage ;;
esac
