#!/usr/bin/env bash
# Turns bench/results/<run>/polls.csv (+ systems.csv, floor.csv) into summary.csv, results.md (README-ready:
# table, ratios, the kernel request/response floor, flatness in K, the issue-11 goals computed from this
# run) and cpu_per_poll.png (CPU per poll, first and warm, and idle CPU per minute, vs K).
# Usage: bench/report.sh RESULTS_DIR [MACHINE_MD]     (run.sh calls it; re-runnable by hand)
# Columns are found by their header names, so older result directories (no systems.csv, other columns)
# still give a table with what they have. Plot: gnuplot (apt-get install gnuplot-nox; installed on demand
# when running as root).
set -euo pipefail
DIR=${1:?usage: report.sh RESULTS_DIR [MACHINE_MD]}
MACHINE=${2:-}
POLLS=$DIR/polls.csv
SYSCSV=$DIR/systems.csv
[[ -f $POLLS ]] || { echo "report.sh: no $POLLS" >&2; exit 2; }
command -v awk >/dev/null || { echo "report.sh: needs awk" >&2; exit 2; }
[[ -n "$MACHINE" && -f "$MACHINE" ]] && cp "$MACHINE" "$DIR/machine.md"
[[ -f $SYSCSV ]] || SYSCSV=/dev/null

# --- the kernel request/response floor (floor.csv, bench/udp-floor.c at the start and end of the run) ---
# FLOOR_US: the answering side's CPU per round trip, the MEAN of the successful measurements (start and
# end; one if the other failed); FLOOR_MD: what was measured, for results.md.
FLOOR_US=; FLOOR_MD=
export FLOOR_MD  # read by the table's awk through ENVIRON
if [[ -f $DIR/floor.csv ]]; then
    FLOOR_US=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
        $(c["status"]) == "ok" && $(c["agent_cpu_us_per_rt"]) != "" { t += $(c["agent_cpu_us_per_rt"]); n++ }
        END { if (n) printf "%.2f", t / n }' "$DIR/floor.csv")
    FLOOR_MD=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
        function v(x) { return $(c[x]) }
        { if (v("status") == "ok") {
              if (!q) q = v("request_bytes") "-byte request, " v("answer_bytes") "-byte answer, " v("n") " round trips"
              s = s (s != "" ? ", " : "") v("agent_cpu_us_per_rt") " µs at the " v("when") " (" v("agent_sys_us_per_rt") " µs sys; client " \
                  v("client_cpu_us_per_rt") " µs, wall " v("wall_us_per_rt") " µs)"
          } else s = s (s != "" ? ", " : "") "FAILED at the " v("when") " (" v("detail") ")" }
        END { print q "\t" s }' "$DIR/floor.csv")
fi

# --- summary.csv: one row per scenario/K/system -------------------------------------------------
# first = poll 1 (the first after start), warm = median of the successful polls 2..N. A system whose
# first poll failed is FAILED: its first-poll CPU is what it burned before the client gave up.
awk -F, '
function median(s,   a, n, i, j, t) {
    n = split(s, a, " "); if (n == 0) return "";
    for (i = 2; i <= n; i++) { t = a[i] + 0; for (j = i - 1; j >= 1 && a[j] + 0 > t; j--) a[j+1] = a[j]; a[j+1] = t }
    return (n % 2) ? a[(n+1)/2] : sprintf("%.3f", (a[n/2] + a[n/2+1]) / 2)
}
function v(name) { return (name in col) ? $(col[name]) : "" }
function per1000(cpu, vb) { return (cpu != "" && vb + 0 > 0) ? sprintf("%.3f", cpu * 1e6 / vb) : "" }
function mib(kb) { return kb != "" ? sprintf("%.0f", kb / 1024) : "" }
function floor_s(rq) { return (rq != "" && floor_us != "") ? sprintf("%.3f", rq * floor_us / 1e6) : "" }
function remember(key) { if (!(key in seen)) { seen[key] = 1; order[++nk] = key } }
FNR == 1 { delete col; for (i = 1; i <= NF; i++) col[$i] = i; sysfile = (FILENAME ~ /systems\.csv$/); next }
sysfile {
    key = v("scenario") "," v("k") "," v("ifaces") "," v("system"); remember(key)
    sst[key] = v("status"); idle[key] = v("idle_cpu_s_per_min"); im[key] = v("idle_master_s_per_min"); ia[key] = v("idle_agent_s_per_min"); rend[key] = v("vmrss_end_kb")
    rpolls[key] = v("rss_polls"); rafter[key] = v("vmrss_after_rss_polls_kb"); sucpu[key] = v("startup_cpu_s")
    if (v("vmhwm_kb") + 0 > hwm[key] + 0) hwm[key] = v("vmhwm_kb")
    b4[key] = v("ipv4_before_us"); a4[key] = v("ipv4_after_us"); b6[key] = v("ipv6_before_us"); a6[key] = v("ipv6_after_us")
    if (v("detail") != "") sdet[key] = v("detail")
    if (v("host_links_before") != v("host_links_after") || v("host_netns_before") != v("host_netns_after"))
        sdet[key] = "the host changed during the measurement (root-namespace links " v("host_links_before") " → " v("host_links_after") \
            ", network namespaces " v("host_netns_before") " → " v("host_netns_after") "): others changed the chains and the load; a noisy row" \
            (sdet[key] != "" ? "; " sdet[key] : "")
    next
}
{
    key = v("scenario") "," v("k") "," v("ifaces") "," v("system"); remember(key)
    p = v("poll"); st = v("status")
    if (v("vmhwm_kb") + 0 > hwm[key] + 0) hwm[key] = v("vmhwm_kb")
    if (p == "strace") { look[key] = v("procsys_lookups"); lookst[key] = st; next }
    if (st == "skipped" || st == "no-answer") { pst[key] = st; det[key] = v("detail"); next }
    if (st == "ok") ok[key]++; else { bad[key]++; if (!(key in det)) det[key] = "poll " p ": " st " " v("detail") }
    if (p == 1 || !(key in fcpu)) { fcpu[key] = v("cpu_s"); fwall[key] = v("wall_s"); fvb[key] = v("varbinds"); fst[key] = st; frq[key] = v("requests") }
    else if (st == "ok") {
        wcpu[key] = wcpu[key] " " v("cpu_s"); wwall[key] = wwall[key] " " v("wall_s"); wvb[key] = v("varbinds")
        if (v("requests") != "") wrq[key] = wrq[key] " " v("requests")
        wm[key] = wm[key] " " v("cpu_master_s"); wa[key] = wa[key] " " v("cpu_agent_s")
    }
}
END {
    print "scenario,k,ifaces,system,status,polls_ok,polls_failed,first_cpu_s,first_wall_s,first_varbinds,warm_cpu_s,warm_wall_s,warm_varbinds,warm_cpu_master_s,warm_cpu_agent_s,first_ms_per_1000vb,warm_ms_per_1000vb,procsys_lookups,idle_cpu_s_per_min,vmhwm_mib,vmrss_end_mib,rss_polls,vmrss_after_rss_polls_mib,ipv4_before_us,ipv4_after_us,ipv6_before_us,ipv6_after_us,idle_master_s_per_min,idle_agent_s_per_min,detail,startup_cpu_s,first_requests,warm_requests,first_floor_cpu_s,warm_floor_cpu_s"
    for (i = 1; i <= nk; i++) {
        k = order[i]
        if (k in pst) s = pst[k]
        else if (sst[k] == "skipped" || sst[k] == "no-answer") s = sst[k]
        else if (!(k in fst)) s = (sst[k] != "") ? sst[k] : "no-polls"
        else if (fst[k] != "ok") s = "FAILED"
        else s = bad[k] > 0 ? "partly-failed" : "ok"
        wc = median(wcpu[k]); wvv = (wc != "") ? wvb[k] : ""
        wmm = median(wm[k]); waa = median(wa[k])
        wr = (wc != "" && wrq[k] != "") ? sprintf("%.0f", median(wrq[k])) : ""   # of the warm polls (the same in each, normally)
        l = (k in look) ? ((lookst[k] == "ok" ? "" : ">") look[k]) : ""
        d = det[k]; sub(/[; ]+$/, "", d); if ((k in sdet) && sdet[k] != d) d = d (d != "" ? "; " : "") sdet[k]
        gsub(/,/, ";", d); sub(/[; ]+$/, "", d)
        print k "," s "," (ok[k] + 0) "," (bad[k] + 0) "," fcpu[k] "," fwall[k] "," fvb[k] "," wc "," median(wwall[k]) "," wvv "," \
            wmm "," waa "," (fst[k] == "ok" ? per1000(fcpu[k], fvb[k]) : "") "," per1000(wc, wvv) "," l "," idle[k] "," \
            mib(hwm[k]) "," mib(rend[k]) "," rpolls[k] "," mib(rafter[k]) "," b4[k] "," a4[k] "," b6[k] "," a6[k] "," im[k] "," ia[k] "," d "," sucpu[k] "," \
            frq[k] "," wr "," floor_s(frq[k]) "," floor_s(wr)
    }
}' floor_us="$FLOOR_US" "$SYSCSV" "$POLLS" > "$DIR/summary.csv"

# --- results.md ---------------------------------------------------------------------------------
awk -F, '
function lab(i) { return sc[i] == "ifaces" ? fmt(ifs[i]) " interfaces, no netns" : "K = " fmt(kk[i]) }
function fmt(n,   s, o) { s = n ""; if (s !~ /^[0-9]+$/) return s; o = ""; while (length(s) > 3) { o = "," substr(s, length(s) - 2) o; s = substr(s, 1, length(s) - 3) } return s o }
function f(x, d) { return x == "" ? "–" : x d }
function lat(b, a) { return (b == "" && a == "") ? "–" : f(b) " → " f(a) }
function cs(x) { x = x + 0; return x < 0.001 ? 0.001 : x }   # CPU below 1 ms counted as 1 ms (older runs: 0 in 10 ms ticks)
function ratio(a, b, lower,   r) { if (a == "" || b == "") return "–"; r = cs(a) / cs(b); if (r < 0.01) return (lower ? ">" : "") "<0.01×"; return sprintf(r < 0.1 ? "%s%.3f×" : r < 1 ? "%s%.2f×" : r < 10 ? "%s%.1f×" : "%s%.0f×", lower ? ">" : "", r) }
function g3(x) { if (x == "") return "–"; x = x + 0; return sprintf(x >= 100 ? "%.0f" : x >= 10 ? "%.1f" : "%.2f", x) }   # 3 significant digits
function idx(scn, k, nif, sys) { return (scn SUBSEP k SUBSEP nif SUBSEP sys) in at ? at[scn, k, nif, sys] : 0 }
NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
{
    n++; sc[n] = $c["scenario"]; kk[n] = $c["k"]; ifs[n] = $c["ifaces"]; sy[n] = $c["system"]; st[n] = $c["status"]
    fc[n] = $c["first_cpu_s"]; fv[n] = $c["first_varbinds"]; wc[n] = $c["warm_cpu_s"]; wv[n] = $c["warm_varbinds"]
    wm[n] = $c["warm_cpu_master_s"]; wa[n] = $c["warm_cpu_agent_s"]; fp[n] = $c["first_ms_per_1000vb"]; wp[n] = $c["warm_ms_per_1000vb"]
    lk[n] = $c["procsys_lookups"]; id[n] = $c["idle_cpu_s_per_min"]; hw[n] = $c["vmhwm_mib"]; re[n] = $c["vmrss_end_mib"]
    rp[n] = $c["rss_polls"]; ra[n] = $c["vmrss_after_rss_polls_mib"]
    b4[n] = $c["ipv4_before_us"]; a4[n] = $c["ipv4_after_us"]; b6[n] = $c["ipv6_before_us"]; a6[n] = $c["ipv6_after_us"]; de[n] = $c["detail"]
    im[n] = $c["idle_master_s_per_min"]; ia[n] = $c["idle_agent_s_per_min"]; su[n] = ("startup_cpu_s" in c) ? $c["startup_cpu_s"] : ""
    frq[n] = ("first_requests" in c) ? $c["first_requests"] : ""; wrq[n] = ("warm_requests" in c) ? $c["warm_requests"] : ""
    ffl[n] = ("first_floor_cpu_s" in c) ? $c["first_floor_cpu_s"] : ""; wfl[n] = ("warm_floor_cpu_s" in c) ? $c["warm_floor_cpu_s"] : ""
    if (su[n] != "") anysu = 1
    at[sc[n], kk[n], ifs[n], sy[n]] = n
    sk = sc[n] SUBSEP kk[n] SUBSEP ifs[n]; if (!(sk in sseen)) { sseen[sk] = 1; scs[++ns] = n }
    if (sc[n] == "netns" && (st[n] == "ok" || st[n] == "partly-failed") && wp[n] != "") {
        if (!(sy[n] in kmin) || kk[n] + 0 < kk[kmin[sy[n]]] + 0) kmin[sy[n]] = n
        if (!(sy[n] in kmax) || kk[n] + 0 > kk[kmax[sy[n]]] + 0) kmax[sy[n]] = n
    }
    if (sc[n] == "netns" && kk[n] + 0 > maxk) maxk = kk[n] + 0
    if (sy[n] != "snmpd" && rp[n] != "") anyrss = 1
}
END {
    print "| scenario | system | CPU s, first poll | CPU s, warm poll (median) | varbinds | CPU ms per 1,000 varbinds, first / warm | /proc/sys lookups per poll | idle CPU s per min | RSS MiB, peak / end" (anyrss ? " / after more polls" : "") " | root lookup µs, ipv4: before → after | ipv6: before → after |"
    print "|---|---|---|---|---|---|---|---|---|---|---|"
    nn = 0
    for (i = 1; i <= n; i++) {
        if (st[i] == "skipped" || st[i] == "no-answer") {
            print "| " lab(i) " | " sy[i] " | " st[i] " | | | | | | | | |"; note[++nn] = lab(i) ", " sy[i] ": " st[i] ": " de[i]; continue
        }
        first = fc[i]
        if (st[i] == "FAILED") { first = "**FAILED**: " fc[i] " burned, " f(fmt(fv[i])) " varbinds [" (nn + 1) "]"; note[++nn] = lab(i) ", " sy[i] ": " de[i] }
        name = sy[i]
        if (st[i] != "FAILED" && (st[i] != "ok" || de[i] != "")) { note[++nn] = lab(i) ", " sy[i] ": " st[i] ": " de[i]; name = sy[i] " [" nn "]" }
        warm = wc[i] == "" ? "–" : wc[i] (wm[i] != "" ? " (snmpd " wm[i] " + nlagent " wa[i] ")" : "")
        vb = wv[i] != "" ? wv[i] : fv[i]
        rss = f(hw[i]) " / " f(re[i]) (anyrss ? " / " (ra[i] == "" ? "–" : ra[i] " (" rp[i] " polls)") : "")
        idl = f(id[i]) (im[i] != "" ? " (snmpd " im[i] " + nlagent " ia[i] ")" : "")
        print "| " lab(i) " | " name " | " first " | " warm " | " f(fmt(vb)) " | " g3(fp[i]) " / " g3(wp[i]) " | " f(lk[i]) " | " idl " | " rss " | " lat(b4[i], a4[i]) " | " lat(b6[i], a6[i]) " |"
    }
    if (nn > 0) { print ""; for (i = 1; i <= nn; i++) print "[" i "] " note[i] }

    print ""
    print "Ratios, stock snmpd / other system (CPU per poll; per varbind: CPU per 1,000 varbinds, warm; \">\": snmpd failed, its CPU until the bound is a lower bound):"
    print ""
    print "| scenario | snmpd / nlagent: first | warm | per varbind | snmpd / subagent: first | warm | per varbind |"
    print "|---|---|---|---|---|---|---|"
    for (j = 1; j <= ns; j++) {
        r = scs[j]; s = idx(sc[r], kk[r], ifs[r], "snmpd"); line = "| " lab(r)
        for (q = 1; q <= 2; q++) {
            o = idx(sc[r], kk[r], ifs[r], q == 1 ? "nlagent" : "subagent")
            if (!s || !o || (st[s] != "ok" && st[s] != "partly-failed" && st[s] != "FAILED") || st[o] == "FAILED" || st[o] == "skipped" || st[o] == "no-answer") { line = line " | – | – | –"; continue }
            low = (st[s] == "FAILED")
            line = line " | " ratio(fc[s], fc[o], low) " | " ratio(low ? fc[s] : wc[s], wc[o], low) " | " (low ? "–" : ratio(wp[s], wp[o], 0))
        }
        print line " |"
    }

    floor_md = ENVIRON["FLOOR_MD"]  # from the environment: an operand assignment would interpret backslashes
    if (floor_us != "" || floor_md != "") {
        # how much of a poll is the kernel'"'"'s request/response floor, which no agent controls (on a VM mostly
        # the cross-vCPU wake-up per datagram); the ratios above stay the headline and include it
        split(floor_md, fm, "\t")
        print ""
        print "Kernel request/response floor (bench/udp-floor.c in the run'"'"'s network namespace: two unpinned processes, loopback UDP, one" \
            " request outstanding" (fm[1] != "" ? ", " fm[1] : "") "): the answering side'"'"'s CPU per round trip was " fm[2] "." \
            (floor_us != "" ? " Floor per poll = requests × " floor_us " µs (the mean of those measurements);" : " No floor per poll: no successful measurement.") \
            " requests per poll = per subtree ⌊varbinds / 25⌋ + 1 (+ 1 for an empty subtree), counted from the walk'"'"'s output. It is CPU" \
            " any agent'"'"'s process pays in the kernel per request on this machine; the CPU and ratios above include it. Subagent: the" \
            " master'"'"'s UDP side only, not the AgentX exchange."
        print ""
        print "| scenario | requests per poll, snmpd / nlagent / subagent | floor CPU s per poll, snmpd / nlagent / subagent | nlagent CPU s above the floor: first | warm | snmpd / nlagent above the floor: first | warm |"
        print "|---|---|---|---|---|---|---|"
        for (j = 1; j <= ns; j++) {
            r = scs[j]; line = "| " lab(r); rq = ""; fl = ""
            for (q = 1; q <= 3; q++) {
                o = idx(sc[r], kk[r], ifs[r], q == 1 ? "snmpd" : q == 2 ? "nlagent" : "subagent")
                usable = o && st[o] != "skipped" && st[o] != "no-answer"
                rq = rq (q > 1 ? " / " : "") (usable ? f(fmt(wrq[o] != "" ? wrq[o] : frq[o])) : "–")
                fl = fl (q > 1 ? " / " : "") (usable ? f(wfl[o] != "" ? wfl[o] : ffl[o]) : "–")
            }
            line = line " | " rq " | " fl
            s = idx(sc[r], kk[r], ifs[r], "snmpd"); o = idx(sc[r], kk[r], ifs[r], "nlagent")
            # above the floor from the requests (not the floor rounded to ms): a K = 0 poll is a few ms
            af = (o && st[o] != "FAILED" && fc[o] != "" && frq[o] != "" && floor_us != "") ? fc[o] - frq[o] * floor_us / 1e6 : ""
            aw = (o && wc[o] != "" && wrq[o] != "" && floor_us != "") ? wc[o] - wrq[o] * floor_us / 1e6 : ""
            line = line " | " (af == "" ? "–" : af <= 0 ? "≤ 0" : sprintf("%.3f", af)) " | " (aw == "" ? "–" : aw <= 0 ? "≤ 0" : sprintf("%.3f", aw))
            if (!s || (st[s] != "ok" && st[s] != "partly-failed" && st[s] != "FAILED")) { print line " | – | – |"; continue }
            low = (st[s] == "FAILED")
            line = line " | " (af != "" && af > 0 ? ratio(fc[s], af, low) : "–") " | " (aw != "" && aw > 0 ? ratio(low ? fc[s] : wc[s], aw, low) : "–")
            print line " |"
        }
    }

    if (anysu) {
        # what the first poll does not pay: JVM start, opening every namespace, the standalone warm-up
        print ""
        print "Start-up CPU s (all processes of the system, from exec to the first poll: opening every namespace, nlagent'"'"'s JVM start and warm-up, and with --poll-gap-s the quiet gap before the first poll):"
        print ""
        print "| scenario | snmpd | nlagent | subagent (snmpd + nlagent) |"
        print "|---|---|---|---|"
        for (j = 1; j <= ns; j++) {
            r = scs[j]; line = "| " lab(r)
            for (q = 1; q <= 3; q++) { o = idx(sc[r], kk[r], ifs[r], q == 1 ? "snmpd" : q == 2 ? "nlagent" : "subagent"); line = line " | " (o ? f(su[o]) : "–") }
            print line " |"
        }
    }

    print ""
    print "Flat in K? Warm CPU per 1,000 varbinds (ms) at the smallest and the largest K each system completed:"
    print ""
    print "| system | smallest K | largest K | largest / smallest |"
    print "|---|---|---|---|"
    split("snmpd nlagent subagent", order3, " ")
    for (q = 1; q <= 3; q++) {
        y = order3[q]; if (!(y in kmin)) continue
        a = kmin[y]; b = kmax[y]
        print "| " y " | " g3(wp[a]) " (K = " fmt(kk[a]) ") | " g3(wp[b]) " (K = " fmt(kk[b]) ") | " (wp[a] + 0 > 0 && wp[b] != "" ? sprintf("%.2f×", wp[b] / wp[a]) : "–") " |"
    }

    # the issue-11 goals, computed from this run (K = 1,000 and 2,000 where the run has them)
    print ""
    print "Against the goals of issue 11 (computed from this run):"
    print ""
    k1 = 1000; k2 = (maxk >= 2000) ? 2000 : maxk
    for (q = 1; q <= 2; q++) {
        y = q == 1 ? "nlagent" : "subagent"; o = idx("netns", k2, "", y)
        if (o && b4[o] != "" && a4[o] != "")
            printf "- Own /proc/sys/net chain entries, %s at K = %s: root lookup ipv4 %s → %s µs (%+.1f), ipv6 %s → %s µs (%+.1f); goal: no increase.\n", y, fmt(k2), b4[o], a4[o], a4[o] - b4[o], b6[o], a6[o], a6[o] - b6[o]
    }
    for (q = 1; q <= 2; q++) {
        y = q == 1 ? "nlagent" : "subagent"; o = idx("netns", k2, "", y)
        if (o && id[o] != "") printf "- Idle, %s at K = %s: %s CPU-s per minute = %.2f %% of one core; goal ≤ 1 %% (0.6 CPU-s per minute) at K = 2,000: %s.\n", y, fmt(k2), id[o], id[o] / 0.6, (k2 == 2000 ? (id[o] + 0 <= 0.6 ? "met" : "not met") : "K = 2,000 not in this run")
    }
    s = idx("netns", k1, "", "snmpd"); o = idx("netns", k1, "", "subagent")
    if (s && o && wc[o] != "" && (wc[s] != "" || st[s] == "FAILED"))
        printf "- Subagent at K = 1,000: %s CPU-s per warm poll against stock snmpd %s (%.2f×); goal ≤ 0.5×: %s.\n", wc[o], (st[s] == "FAILED" ? "> " fc[s] : wc[s]), wc[o] / cs(st[s] == "FAILED" ? fc[s] : wc[s]), ((wc[o] / cs(st[s] == "FAILED" ? fc[s] : wc[s]) <= 0.5) ? "met" : "not met")
    else print "- Subagent at K = 1,000 vs stock snmpd: not measured in this run."
    if (("subagent" in kmin) && kk[kmax["subagent"]] != kk[kmin["subagent"]] && wp[kmin["subagent"]] + 0 > 0) {
        a = kmin["subagent"]; b = kmax["subagent"]
        printf "- Subagent flat in K: warm CPU per varbind at K = %s is %.2f× that at K = %s; goal ≤ 1.2× (K = 2,000 vs 0): %s.\n", fmt(kk[b]), wp[b] / wp[a], fmt(kk[a]), ((wp[b] / wp[a] <= 1.2) ? "met" : "not met")
    }
    for (q = 1; q <= 2; q++) {
        if (q == 1) { s = idx("netns", k1, "", "snmpd"); o = idx("netns", k1, "", "nlagent"); where = "K = 1,000" }
        else { s = 0; for (j = 1; j <= ns; j++) if (sc[scs[j]] == "ifaces") { r = scs[j]; s = idx("ifaces", kk[r], ifs[r], "snmpd"); o = idx("ifaces", kk[r], ifs[r], "nlagent"); where = fmt(ifs[r]) " interfaces" } }
        if (!s || !o || fc[o] == "" || st[o] == "FAILED" || (st[s] != "ok" && st[s] != "partly-failed" && st[s] != "FAILED")) { print "- Standalone ≥ 100× below stock snmpd at " (q == 1 ? "K = 1,000" : "2,004 interfaces") ", first poll included: not measured in this run."; continue }
        low = (st[s] == "FAILED"); rf = cs(fc[s]) / cs(fc[o]); rw = (wc[o] != "") ? cs(low ? fc[s] : wc[s]) / cs(wc[o]) : 0
        printf "- Standalone at %s: %s below stock snmpd on the first poll, %s warm; goal ≥ 100× from the first poll: %s.\n", where, ratio(fc[s], fc[o], low), (wc[o] != "" ? ratio(low ? fc[s] : wc[s], wc[o], low) : "–"), (rf >= 100 ? "met" : (low ? "open (snmpd failed; lower bound below 100×)" : "not met"))
    }
    o = idx("netns", k2, "", "nlagent")
    if (o && hw[o] != "") printf "- Memory, nlagent at K = %s: peak RSS %s MiB, %s MiB at the end; goal ≤ 150 MiB at K = 2,000: %s.\n", fmt(k2), hw[o], f(re[o]), (k2 == 2000 ? (hw[o] + 0 <= 150 ? "met" : "not met (peak)") : "K = 2,000 not in this run")
}' floor_us="$FLOOR_US" "$DIR/summary.csv" > "$DIR/table.md"

{
    echo "# nlagent benchmark: one NMS poll, idle minute and kernel footprint, stock snmpd vs nlagent"
    echo
    [[ -f $DIR/machine.md ]] && cat "$DIR/machine.md" && echo
    echo "Systems: **snmpd** = stock snmpd; **nlagent** = nlagent standalone; **subagent** = snmpd with the"
    echo "shipped \`-I\` list + nlagent as AgentX subagent (CPU and RSS of both). CPU = on-CPU time of every"
    echo "thread of the serving processes (/proc/PID/task/*/schedstat, ns; below 1 ms counted as 1 ms in"
    echo "ratios). nlagent serves only the run's namespaces (the shipped config); the subagent (AgentX only, agentxContexts no) only its own since 3a47f86. First = the first poll"
    echo "after start (once every namespace is served); warm = median of the later successful polls. Idle ="
    echo "CPU over the idle window, which starts a refresh interval (+1 s) after the last request, per minute."
    echo "/proc/sys lookups = path-based file syscalls under /proc/sys by the serving processes during one"
    echo "more poll under strace. Root lookup = stat() latency from the root namespace of"
    echo "/proc/sys/net/ipv4/ip_forward and /proc/sys/net/ipv6/conf/all/forwarding before the system started"
    echo "and after it had served the K namespaces (the subagent since 3a47f86: its own), been polled and idled (dentries a stopped system left"
    echo "behind stay in the next system's \"before\"). FAILED = the first poll did not finish within the"
    echo "bound: its CPU is what it burned until the client gave up; the system's remaining polls are skipped."
    echo
    cat "$DIR/table.md"
    echo
    echo "![CPU per poll and idle CPU per minute vs K](cpu_per_poll.png)"
} > "$DIR/results.md"
rm -f "$DIR/table.md"

# --- plot ---------------------------------------------------------------------------------------
if ! command -v gnuplot >/dev/null && [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "report.sh: installing gnuplot-nox for the plot" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q gnuplot-nox >/dev/null 2>&1 || true
fi
if command -v gnuplot >/dev/null; then
    # K, then per system (snmpd, nlagent, subagent): first-poll CPU (ok), first-poll CPU burned (FAILED),
    # warm CPU, idle CPU-s per minute; 0.001 floor for the log scale, NaN where there is nothing
    awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
        function fl(x) { if (x == "") return "NaN"; x = x + 0; return x < 0.001 ? 0.001 : x }
        $(c["scenario"]) == "netns" && $(c["status"]) != "skipped" && $(c["status"]) != "no-answer" {
            k = $(c["k"]); s = $(c["system"]); i = (s == "snmpd") ? 0 : (s == "nlagent") ? 1 : 2; ks[k] = 1
            failed = ($(c["status"]) == "FAILED")
            d[k, i, 0] = failed ? "NaN" : fl($(c["first_cpu_s"])); d[k, i, 1] = failed ? fl($(c["first_cpu_s"])) : "NaN"
            d[k, i, 2] = fl($(c["warm_cpu_s"])); d[k, i, 3] = fl($(c["idle_cpu_s_per_min"])) }
        END { for (k in ks) { printf "%s", k; for (i = 0; i < 3; i++) for (j = 0; j < 4; j++) printf " %s", ((k SUBSEP i SUBSEP j) in d) ? d[k, i, j] : "NaN"; print "" } }' \
        "$DIR/summary.csv" | sort -n > "$DIR/plot.dat"
    if [[ -s $DIR/plot.dat ]]; then
        # "no valid points" warnings (a system not run) are expected; anything else is shown
        gnuplot 2> >(grep -v -i 'warning' >&2) <<EOF
set terminal pngcairo size 1000,1200 noenhanced
set output "$DIR/cpu_per_poll.png"
set datafile missing "NaN"
set logscale y
set grid
set key outside below Left reverse maxrows 5
set xlabel "live network namespaces K (one veth each)"
set multiplot layout 2,1
set title "CPU seconds per NMS poll (ifTable, ifXTable, ipv4/ipv6InterfaceTable, IPV6-MIB; bulkwalk -Cr25)"
set ylabel "CPU s per poll (log; < 0.001 shown as 0.001)"
plot "$DIR/plot.dat" using 1:4 with linespoints lw 2 pt 7 lc rgb "#c0392b" title "stock snmpd, warm", \
     "" using 1:2 with linespoints dt 2 lw 1 pt 6 lc rgb "#c0392b" title "stock snmpd, first poll", \
     "" using 1:3 with points pt 2 ps 2.5 lw 2 lc rgb "#c0392b" title "stock snmpd: FAILED (CPU burned until the bound)", \
     "" using 1:8 with linespoints lw 2 pt 5 lc rgb "#2471a3" title "nlagent standalone, warm", \
     "" using 1:6 with linespoints dt 2 lw 1 pt 4 lc rgb "#2471a3" title "nlagent standalone, first poll", \
     "" using 1:7 with points pt 2 ps 2.5 lw 2 lc rgb "#2471a3" title "nlagent standalone: FAILED", \
     "" using 1:12 with linespoints lw 2 pt 9 lc rgb "#229954" title "snmpd (-I list) + nlagent subagent, warm", \
     "" using 1:10 with linespoints dt 2 lw 1 pt 8 lc rgb "#229954" title "subagent, first poll", \
     "" using 1:11 with points pt 2 ps 2.5 lw 2 lc rgb "#229954" title "subagent: FAILED"
set title "Idle CPU seconds per minute (after the polls, one refresh interval of quiet first)"
set ylabel "CPU s per minute (log; < 0.001 shown as 0.001)"
plot "$DIR/plot.dat" using 1:5 with linespoints lw 2 pt 7 lc rgb "#c0392b" title "stock snmpd", \
     "" using 1:9 with linespoints lw 2 pt 5 lc rgb "#2471a3" title "nlagent standalone", \
     "" using 1:13 with linespoints lw 2 pt 9 lc rgb "#229954" title "snmpd (-I list) + nlagent subagent", \
     0.6 with lines dt 3 lw 2 lc rgb "#555555" title "goal: 1 % of one core (0.6 CPU-s per minute)"
unset multiplot
EOF
    fi
else
    echo "report.sh: no gnuplot: no plot (apt-get install gnuplot-nox)" >&2
fi
