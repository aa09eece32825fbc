/*
 * nsread: for each namespace name on stdin, setns() into /run/netns/NAME and read the given files
 * once through the host /proc, the way a container runtime or CNI plugin touches /proc/sys/net in a
 * new pod. Used by bench/scenario.sh. Unlike `ip netns exec`, it does not unshare a mount namespace
 * per call (that copies every /run/netns bind mount, so K namespaces cost O(K^2)).
 *
 * It also sets lo and eth0 up inside the namespace, as a pod's network setup does: the host veth end
 * then has carrier and an IPv6 link-local address, like a real container's (net-snmp reads the
 * per-interface /proc/sys files only for interfaces that have addresses).
 *
 * Build: cc -O2 -o nsread nsread.c      Usage: nsread FILE... < names      Prints "reads-ok failures".
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* ifname up in the current netns; the socket must be created after setns() to act in it */
static int link_up(const char *ifname) {
    int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    struct ifreq ifr;
    int rc = -1;
    if (s < 0) return -1;
    memset(&ifr, 0, sizeof ifr);
    strncpy(ifr.ifr_name, ifname, IFNAMSIZ - 1);
    if (ioctl(s, SIOCGIFFLAGS, &ifr) == 0) {
        ifr.ifr_flags |= IFF_UP;
        rc = ioctl(s, SIOCSIFFLAGS, &ifr);
    }
    close(s);
    return rc;
}

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
        if (link_up("lo") != 0 || link_up("eth0") != 0) { perror("link up"); failed++; }
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
