/*
 * lookup-latency: the cost of one path lookup from the calling process's namespace, per path given:
 * 7 batches of 200 stat() calls, the fastest batch's mean in microseconds ("PATH US" per line). The
 * fastest batch filters out preemption on a shared machine; a longer dentry hash chain raises every
 * batch. Used by bench/footprint.sh.   Build: cc -O2 -o lookup-latency lookup-latency.c
 */
#include <stdio.h>
#include <sys/stat.h>
#include <time.h>

static double micros(const char *path) {
    struct stat st;
    struct timespec a, b;
    double best = 1e18;
    for (int r = 0; r < 7; r++) {
        clock_gettime(CLOCK_MONOTONIC, &a);
        for (int i = 0; i < 200; i++) stat(path, &st);
        clock_gettime(CLOCK_MONOTONIC, &b);
        double ns = ((b.tv_sec - a.tv_sec) * 1e9 + (b.tv_nsec - a.tv_nsec)) / 200;
        if (ns < best) best = ns;
    }
    return best / 1000;
}

int main(int argc, char **argv) {
    for (int i = 1; i < argc; i++) printf("%s %.1f\n", argv[i], micros(argv[i]));
    return 0;
}
