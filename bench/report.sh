#!/usr/bin/env bash
# Turns bench/results/<run>/polls.csv into summary.csv, results.md (table) and cpu_per_poll.png.
# Usage: bench/report.sh RESULTS_DIR [MACHINE_MD]     (run.sh calls it; re-runnable by hand)
# Plot: gnuplot (apt-get install gnuplot-nox; installed on demand when running as root).
set -euo pipefail
DIR=${1:?usage: report.sh RESULTS_DIR [MACHINE_MD]}
MACHINE=${2:-}
POLLS=$DIR/polls.csv
[[ -f $POLLS ]] || { echo "report.sh: no $POLLS" >&2; exit 2; }
[[ -n "$MACHINE" && -f "$MACHINE" ]] && cp "$MACHINE" "$DIR/machine.md"

# summary: per scenario/K/system, medians over the successful polls; a system whose polls all
# failed reports the CPU it burned in the failed poll, flagged FAILED.
awk -F, '
function median(s,   a, n, i, j, t) {
    n = split(s, a, " "); if (n == 0) return "";
    for (i = 2; i <= n; i++) { t = a[i] + 0; for (j = i - 1; j >= 1 && a[j] + 0 > t; j--) a[j+1] = a[j]; a[j+1] = t }
    return (n % 2) ? a[(n+1)/2] : sprintf("%.3f", (a[n/2] + a[n/2+1]) / 2)
}
NR == 1 { next }
{
    key = $1 "," $2 "," $3 "," $4
    if (!(key in seen)) { seen[key] = 1; order[++nk] = key }
    if ($5 == "strace") { look[key] = $10; lookst[key] = $6; if ($11 > hwm[key]) hwm[key] = $11; next }
    if ($6 == "ok") { ok[key]++; cpu[key] = cpu[key] " " $8; wall[key] = wall[key] " " $7; vb[key] = $9; if (!(key in bad)) detail[key] = $13 }
    else if ($6 == "skipped" || $6 == "no-answer") { status[key] = $6; detail[key] = $13 }
    else { bad[key]++; fcpu[key] = $8; fwall[key] = $7; fvb[key] = $9; detail[key] = $13 }
    if ($11 != "" && $11 + 0 > hwm[key] + 0) hwm[key] = $11
    if ($12 != "") idle[key] = $12
}
END {
    print "scenario,k,ifaces,system,polls_ok,polls_failed,cpu_s_median,wall_s_median,varbinds,procsys_lookups,vmhwm_mb,idle_cpu_s_per_5s,status,detail"
    for (i = 1; i <= nk; i++) {
        k = order[i]
        st = (k in status) ? status[k] : (ok[k] > 0 ? (bad[k] > 0 ? "partly-failed" : "ok") : "FAILED")
        c = ok[k] > 0 ? median(cpu[k]) : fcpu[k]; w = ok[k] > 0 ? median(wall[k]) : fwall[k]
        v = ok[k] > 0 ? vb[k] : fvb[k]
        l = (k in look) ? look[k] (lookst[k] == "ok" ? "" : "(" lookst[k] ")") : ""
        m = hwm[k] != "" ? sprintf("%.0f", hwm[k] / 1024) : ""
        print k "," (ok[k] + 0) "," (bad[k] + 0) "," c "," w "," v "," l "," m "," idle[k] "," st "," detail[k]
    }
}' "$POLLS" > "$DIR/summary.csv"

label() { if [[ $1 == ifaces ]]; then echo "$3 interfaces, no netns"; else echo "K = $2 netns"; fi; }
{
    echo "# nlagent benchmark: one NMS poll, stock snmpd vs nlagent"
    echo
    [[ -f $DIR/machine.md ]] && cat "$DIR/machine.md" && echo
    echo "CPU = utime+stime of every serving process during the poll (snmpd; the JVM; master + subagent);"
    echo "median of the successful polls. /proc/sys lookups: path-based file syscalls under /proc/sys by the"
    echo "serving processes during one separate poll under strace. FAILED = no poll finished within the"
    echo "bound; its CPU column is what the failed poll burned before the client gave up."
    echo
    echo "| scenario | system | polls ok / failed | CPU s per poll | wall s per poll | varbinds | /proc/sys lookups per poll | peak RSS MB | idle CPU s per 5 s | status |"
    echo "|---|---|---|---|---|---|---|---|---|---|"
    tail -n +2 "$DIR/summary.csv" | while IFS=, read -r scen k nif sys okn badn cpu wall vb look mb idle st detail; do
        echo "| $(label "$scen" "$k" "$nif") | $sys | $okn / $badn | $cpu | $wall | $vb | $look | $mb | $idle | $st${detail:+ ($detail)} |"
    done
    echo
    echo "Ratios (stock snmpd CPU per poll / other system's CPU per poll; CPU below the 10 ms clock tick counted as 0.01 s):"
    echo
    echo "| scenario | snmpd / nlagent | snmpd / subagent |"
    echo "|---|---|---|"
    awk -F, 'NR > 1 { k = $1 "," $2 "," $3; if (!(k in s)) o[++n] = k; s[k] = 1; c[k "," $4] = $7; st[k "," $4] = $13 }
        function r(k, sys,   a, b) { if (c[k ",snmpd"] == "" || c[k "," sys] == "" || st[k "," sys] != "ok") return "-";
            a = c[k ",snmpd"] + 0; b = c[k "," sys] + 0; if (b < 0.01) b = 0.01;
            return sprintf(a / b < 10 ? "%s%.1fx" : "%s%.0fx", st[k ",snmpd"] == "ok" ? "" : ">", a / b) }
        END { for (i = 1; i <= n; i++) { split(o[i], f, ","); lab = f[1] == "ifaces" ? f[3] " interfaces, no netns" : "K = " f[2] " netns";
              print "| " lab " | " r(o[i], "nlagent") " | " r(o[i], "subagent") " |" } }' "$DIR/summary.csv"
    echo
    echo "![CPU seconds per poll vs K](cpu_per_poll.png)"
} > "$DIR/results.md"

# --- plot ---------------------------------------------------------------------------------------
if ! command -v gnuplot >/dev/null && [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "report.sh: installing gnuplot-nox for the plot" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q gnuplot-nox >/dev/null 2>&1 || true
fi
if command -v gnuplot >/dev/null; then
    # columns: K, then per system: CPU of ok points, CPU of failed points (0.01 floor for log scale)
    awk -F, 'NR > 1 && $1 == "netns" && $13 != "skipped" && $13 != "no-answer" && $7 != "" {
            c = $7 + 0; if (c < 0.01) c = 0.01; i = ($4 == "snmpd") ? 0 : ($4 == "nlagent") ? 1 : 2
            ok[$2, i] = ($13 == "FAILED") ? "NaN" : c; bad[$2, i] = ($13 == "FAILED") ? c : "NaN"; ks[$2] = 1 }
        END { for (k in ks) { printf "%s", k; for (i = 0; i < 3; i++) printf " %s %s", ((k SUBSEP i) in ok) ? ok[k, i] : "NaN", ((k SUBSEP i) in bad) ? bad[k, i] : "NaN"; print "" } }' \
        "$DIR/summary.csv" | sort -n > "$DIR/plot.dat"
    gnuplot <<EOF
set terminal pngcairo size 900,560 noenhanced
set output "$DIR/cpu_per_poll.png"
set title "CPU seconds per NMS poll (ifTable, ifXTable, ipv4/ipv6InterfaceTable, IPV6-MIB; bulkwalk -Cr25)"
set xlabel "live network namespaces K (one veth each)"
set ylabel "CPU s per poll (log scale; < 0.01 shown as 0.01)"
set logscale y
set grid
set key top left
set datafile missing "NaN"
plot "$DIR/plot.dat" using 1:2 with linespoints lw 2 pt 7 lc rgb "#c0392b" title "stock snmpd", \
     "" using 1:3 with points pt 2 ps 2.5 lw 2 lc rgb "#c0392b" title "stock snmpd: poll FAILED (CPU burned until timeout)", \
     "" using 1:4 with linespoints lw 2 pt 5 lc rgb "#2471a3" title "nlagent standalone", \
     "" using 1:5 with points pt 2 ps 2.5 lw 2 lc rgb "#2471a3" title "nlagent standalone: FAILED", \
     "" using 1:6 with linespoints lw 2 pt 9 lc rgb "#229954" title "snmpd (-I list) + nlagent subagent", \
     "" using 1:7 with points pt 2 ps 2.5 lw 2 lc rgb "#229954" title "subagent: FAILED"
EOF
else
    echo "report.sh: no gnuplot: no plot (apt-get install gnuplot-nox)" >&2
fi
