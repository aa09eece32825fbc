/*
 * nsread: for each namespace name on stdin, setns() into /run/netns/NAME and read the given files
 * once through the host /proc, the way a container runtime or CNI plugin touches /proc/sys/net in a
 * new pod. Used by bench/scenario.sh. Unlike `ip netns exec`, it does not unshare a mount namespace
 * per call (that copies every /run/netns bind mount, so K namespaces cost O(K^2)).
 *
 * Build: cc -O2 -o nsread nsread.c      Usage: nsread FILE... < names      Prints how many reads worked.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv) {
    char name[256], path[512], buf[64];
    long ok = 0, failed = 0;
    int self = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
    if (self < 0 || argc < 2) {
        fprintf(stderr, "usage: nsread FILE... < namespace-names (needs /proc/self/ns/net)\n");
        return 2;
    }
    while (fgets(name, sizeof name, stdin)) {
        name[strcspn(name, "\n")] = 0;
        if (!name[0]) continue;
        snprintf(path, sizeof path, "/run/netns/%s", name);
        int ns = open(path, O_RDONLY | O_CLOEXEC);
        if (ns < 0 || setns(ns, CLONE_NEWNET) != 0) {
            perror(path);
            failed++;
            if (ns >= 0) close(ns);
            continue;
        }
        close(ns);
        for (int i = 1; i < argc; i++) {
            int fd = open(argv[i], O_RDONLY | O_CLOEXEC);   /* the path lookup is the point */
            if (fd >= 0 && read(fd, buf, sizeof buf) > 0) ok++; else { perror(argv[i]); failed++; }
            if (fd >= 0) close(fd);
        }
        if (setns(self, CLONE_NEWNET) != 0) { perror("setns back"); return 1; }
    }
    printf("%ld %ld\n", ok, failed);
    return failed ? 1 : 0;
}
