/*
 * udp-floor: the kernel's CPU cost of one loopback UDP request/response, measured the way an NMS poll
 * pays it: two processes (fork), neither pinned (the scheduler places them as it places snmpbulkwalk
 * and the agent), one outstanding request at a time. The "agent" blocks in recvfrom and answers each
 * request with an R-byte datagram; the "client" sends a Q-byte request and blocks for the answer, N
 * times. On a VM whose vCPUs wake each other with costly IPIs, the two processes on different vCPUs
 * pay far more system CPU per round trip than on one; no agent controls that, so bench/run.sh
 * measures it in the same run and reports how much of a poll's CPU is this floor.
 *
 * Usage: udp-floor [N [Q R [T]]]  N round trips (default 20000), Q request bytes (default 60), R answer
 *                               bytes (default 1400: a -Cr25 ifTable response is about that size),
 *                               T the client's think time in µs before each request (default 0): a
 *                               real client (snmpbulkwalk decodes and prints 25 varbinds) leaves the
 *                               answering side idle meanwhile, and on a VM whose vCPUs halt as soon as
 *                               they idle (cpuidle haltpoll with guest_halt_poll_ns 0) every wake-up
 *                               then costs more
 * Output, one line (CPU = on-CPU time of the process, CLOCK_PROCESS_CPUTIME_ID, the same clock as
 * /proc/PID/schedstat that run.sh reads; sys = the system part from getrusage, tick-sampled):
 *   udp-floor n=N request_bytes=Q answer_bytes=R agent_cpu_us_per_rt=A agent_sys_us_per_rt=AS
 *             client_cpu_us_per_rt=C client_sys_us_per_rt=CS wall_us_per_rt=W think_us=T
 * 100 unmeasured round trips come first (caches, the scheduler's placement). Errors: one line on
 * stderr, exit 2. Every receive has a timeout, so it never hangs; the agent process is always reaped.
 * Build: cc -O2 -o udp-floor udp-floor.c
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define WARMUP_RTS 100
#define CLIENT_TIMEOUT_S 2  /* one answer on loopback takes µs; 2 s means the agent is gone */
#define AGENT_IDLE_S 10     /* the agent gives up when the client sent nothing for this long */
#define MAX_UDP 65507
/* the first byte of a request says what it is: a measured request, or start/end marks, answered
 * with the agent's CPU counters so that its CPU is read inside the agent process itself */
#define REQ 'r'
#define MARK_START 's'
#define MARK_END 'e'

static pid_t agent_pid = -1;

static void reap_agent(void) {
    if (agent_pid > 0) {
        kill(agent_pid, SIGKILL);
        waitpid(agent_pid, NULL, 0);
        agent_pid = -1;
    }
}

static void die(const char *fmt, ...) {
    va_list ap;
    reap_agent();
    fputs("udp-floor: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(2);
}

static long parse(const char *what, const char *s, long lo, long hi) {
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || *s == '\0' || *end != '\0' || v < lo || v > hi)
        die("%s must be a whole number in %ld..%ld, got '%s' (usage: udp-floor [N [Q R [T]]])", what, lo, hi, s);
    return v;
}

static long long cpu_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static long long sys_us(void) {
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_stime.tv_sec * 1000000LL + ru.ru_stime.tv_usec;
}

static long long wall_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static void set_timeout(int fd, int seconds) {
    struct timeval tv = {seconds, 0};
    if (setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv) != 0) die("SO_RCVTIMEO: %s", strerror(errno));
}

/* The answering process: exits 0 after the end mark, 3 on a socket error, 4 when the client went quiet. */
static void agent(int fd, long answer_bytes) {
    static char in[MAX_UDP + 1], out[MAX_UDP];
    struct sockaddr_in from;
    socklen_t flen;
    memset(out, 'a', sizeof out);
    prctl(PR_SET_PDEATHSIG, SIGKILL); /* never outlive the client */
    if (getppid() == 1) _exit(4);
    struct timeval tv = {AGENT_IDLE_S, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    for (;;) {
        flen = sizeof from;
        ssize_t n = recvfrom(fd, in, sizeof in, 0, (struct sockaddr *) &from, &flen);
        if (n < 0) _exit(errno == EAGAIN || errno == EWOULDBLOCK ? 4 : 3);
        if (n > 0 && (in[0] == MARK_START || in[0] == MARK_END)) {
            /* counters first: the mark's own answer is not part of the measured round trips */
            int len = snprintf(out, sizeof out, "%lld %lld", cpu_ns(), sys_us());
            if (sendto(fd, out, (size_t) len, 0, (struct sockaddr *) &from, flen) < 0) _exit(3);
            memset(out, 'a', (size_t) len + 1);
            if (in[0] == MARK_END) _exit(0);
            continue;
        }
        if (sendto(fd, out, (size_t) answer_bytes, 0, (struct sockaddr *) &from, flen) < 0) _exit(3);
    }
}

static char req[MAX_UDP], ans[MAX_UDP + 1];

/* The client's think time: busy, as a client decoding and printing an answer is (sleeping would idle its vCPU too). */
static void think(long us) {
    long long until = wall_ns() + us * 1000LL;
    while (wall_ns() < until) {
    }
}

/* One round trip from the client: returns the answer's length. */
static ssize_t round_trip(int fd, char kind, long request_bytes) {
    req[0] = kind;
    if (send(fd, req, (size_t) request_bytes, 0) < 0) die("send: %s", strerror(errno));
    ssize_t n = recv(fd, ans, sizeof ans - 1, 0);
    if (n < 0) {
        int e = errno, status = 0;
        if (e == EAGAIN || e == EWOULDBLOCK) {
            /* say why, if the agent process already ended */
            if (agent_pid > 0 && waitpid(agent_pid, &status, WNOHANG) == agent_pid) {
                agent_pid = -1;
                die("no answer within %d s: the answering process ended (%s %d)", CLIENT_TIMEOUT_S,
                    WIFEXITED(status) ? "exit" : "signal", WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
            }
            die("no answer within %d s from the answering process", CLIENT_TIMEOUT_S);
        }
        die("recv: %s", strerror(e));
    }
    ans[n] = '\0';
    return n;
}

static void mark(int fd, char kind, long long *agent_cpu_ns, long long *agent_sys_us) {
    round_trip(fd, kind, 1);
    if (sscanf(ans, "%lld %lld", agent_cpu_ns, agent_sys_us) != 2) die("bad mark answer '%.40s'", ans);
}

int main(int argc, char **argv) {
    if (argc != 1 && argc != 2 && argc != 4 && argc != 5)
        die("usage: udp-floor [N [Q R [T]]] (N round trips, Q request bytes, R answer bytes, T client think time in us)");
    long n = argc > 1 ? parse("N", argv[1], 1, 100000000) : 20000;
    long request_bytes = argc > 3 ? parse("Q", argv[2], 1, MAX_UDP) : 60;
    long answer_bytes = argc > 3 ? parse("R", argv[3], 1, MAX_UDP) : 1400;
    long think_us = argc > 4 ? parse("T", argv[4], 0, 1000000) : 0;
    memset(req, 'q', sizeof req);

    struct sockaddr_in a = {0};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t alen = sizeof a;
    int afd = socket(AF_INET, SOCK_DGRAM, 0), cfd = socket(AF_INET, SOCK_DGRAM, 0);
    if (afd < 0 || cfd < 0) die("socket: %s", strerror(errno));
    if (bind(afd, (struct sockaddr *) &a, sizeof a) != 0) die("bind 127.0.0.1: %s (no loopback in this network namespace?)", strerror(errno));
    if (getsockname(afd, (struct sockaddr *) &a, &alen) != 0) die("getsockname: %s", strerror(errno));
    if (connect(cfd, (struct sockaddr *) &a, sizeof a) != 0) die("connect 127.0.0.1:%d: %s", ntohs(a.sin_port), strerror(errno));
    set_timeout(cfd, CLIENT_TIMEOUT_S);

    fflush(stdout);
    agent_pid = fork();
    if (agent_pid < 0) die("fork: %s", strerror(errno));
    if (agent_pid == 0) {
        close(cfd);
        agent(afd, answer_bytes);
    }
    close(afd);

    for (int i = 0; i < WARMUP_RTS; i++) round_trip(cfd, REQ, request_bytes);
    long long a0, as0, a1, as1;
    mark(cfd, MARK_START, &a0, &as0);
    long long c0 = cpu_ns(), cs0 = sys_us(), w0 = wall_ns();
    for (long i = 0; i < n; i++) {
        if (think_us > 0) think(think_us);
        ssize_t got = round_trip(cfd, REQ, request_bytes);
        if (got != answer_bytes) die("answer %ld: %zd bytes, expected %ld", i + 1, got, answer_bytes);
    }
    long long c1 = cpu_ns(), cs1 = sys_us(), w1 = wall_ns();
    mark(cfd, MARK_END, &a1, &as1);

    /* the agent exits after the end mark; bounded wait (2 s), then it is killed and reaped anyway */
    pid_t reaped = 0;
    for (int i = 0; i < 200 && (reaped = waitpid(agent_pid, NULL, WNOHANG)) == 0; i++) usleep(10000);
    if (reaped == 0) reap_agent();
    agent_pid = -1;

    printf("udp-floor n=%ld request_bytes=%ld answer_bytes=%ld agent_cpu_us_per_rt=%.2f agent_sys_us_per_rt=%.2f "
           "client_cpu_us_per_rt=%.2f client_sys_us_per_rt=%.2f wall_us_per_rt=%.2f think_us=%ld\n",
           n, request_bytes, answer_bytes, (a1 - a0) / 1e3 / n, (double) (as1 - as0) / n, (c1 - c0) / 1e3 / n,
           (double) (cs1 - cs0) / n, (w1 - w0) / 1e3 / n, think_us);
    return 0;
}
