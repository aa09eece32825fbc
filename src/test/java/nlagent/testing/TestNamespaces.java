package nlagent.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Network namespaces and veth pairs for one test, all named with a unique prefix, all removed by
 * {@link #close()} even when the test failed (use it in try-with-resources or @AfterEach). Only
 * links and namespaces this instance created are ever deleted.
 */
public final class TestNamespaces implements AutoCloseable {
    private final String prefix;
    private final List<String> namespaces = Collections.synchronizedList(new ArrayList<>());
    private final List<String> rootLinks = Collections.synchronizedList(new ArrayList<>());

    /** {@code tag} (2–4 letters) keeps names readable; a random suffix keeps them unique. */
    public TestNamespaces(String tag) {
        Preconditions.assumeRoot();
        Preconditions.assumeCommands("ip");
        this.prefix = "nt" + tag + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36), 36);
    }

    /** The unique prefix of every name this instance creates (≤ 9 characters). */
    public String prefix() {
        return prefix;
    }

    /** Creates namespace {@code prefix-suffix} and returns its name. */
    public String addNamespace(String suffix) {
        String name = prefix + "-" + suffix;
        Processes.check("ip", "netns", "add", name);
        namespaces.add(name);
        Processes.check("ip", "-n", name, "link", "set", "lo", "up");
        return name;
    }

    /**
     * Creates a veth pair: {@code hostName} in the root namespace (up) and {@code peerName} inside
     * {@code netns} (up). Names must be ≤ 15 characters; pass null netns to keep both ends in root.
     */
    public void addVeth(String hostName, String netns, String peerName) {
        if (netns == null) {
            Processes.check("ip", "link", "add", hostName, "type", "veth", "peer", "name", peerName);
            rootLinks.add(hostName);
            Processes.check("ip", "link", "set", peerName, "up");
        } else {
            Processes.check("ip", "link", "add", hostName, "type", "veth", "peer", "name", peerName, "netns", netns);
            rootLinks.add(hostName);
            Processes.check("ip", "-n", netns, "link", "set", peerName, "up");
        }
        Processes.check("ip", "link", "set", hostName, "up");
    }

    /** A link name with this prefix (≤ 15 characters). */
    public String linkName(String suffix) {
        String n = prefix + suffix;
        if (n.length() > 15) {
            throw new IllegalArgumentException("link name too long: " + n);
        }
        return n;
    }

    /** Runs a command inside {@code netns} and returns stdout (fails the test on error). */
    public String exec(String netns, String... cmd) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", netns));
        full.addAll(List.of(cmd));
        return Processes.run(60, full).orThrow(full).stdout();
    }

    /** Sets a sysctl inside {@code netns} (null: root namespace). */
    public void sysctl(String netns, String key, String value) {
        if (netns == null) {
            Processes.check("sysctl", "-q", "-w", key + "=" + value);
        } else {
            exec(netns, "sysctl", "-q", "-w", key + "=" + value);
        }
    }

    /**
     * Creates namespaces {@code prefix-suffix} for every suffix with one {@code ip -batch} (fast: no
     * process per namespace). Every name is registered for cleanup before the batch runs, so a
     * partial failure is still cleaned up. Loopback stays down (use {@link #addNamespace} for that).
     */
    public List<String> addNamespaces(List<String> suffixes) {
        List<String> names = new ArrayList<>();
        for (String s : suffixes) {
            names.add(prefix + "-" + s);
        }
        namespaces.addAll(names);
        batch(names.stream().map(n -> "netns add " + n).toList(), false);
        return names;
    }

    /** Deletes namespaces created here with one {@code ip -batch}; names not created here are ignored. */
    public void deleteNamespaces(java.util.Collection<String> names) {
        List<String> mine = new ArrayList<>();
        for (String n : names) {
            if (namespaces.remove(n)) {
                mine.add(n);
            }
        }
        batch(mine.stream().map(n -> "netns del " + n).toList(), true);
    }

    /** Runs {@code ip -batch} over {@code commands} (one per line); {@code force}: go on past errors. */
    public void batch(List<String> commands, boolean force) {
        if (commands.isEmpty()) {
            return;
        }
        java.nio.file.Path file = null;
        try {
            file = java.nio.file.Files.createTempFile(prefix, ".ipbatch");
            java.nio.file.Files.write(file, commands);
            List<String> cmd = force ? List.of("ip", "-force", "-batch", file.toString())
                    : List.of("ip", "-batch", file.toString());
            Processes.run(300, cmd).orThrow(cmd);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } finally {
            if (file != null) {
                file.toFile().delete();
            }
        }
    }

    /** Deletes one namespace created here. */
    public void deleteNamespace(String name) {
        if (namespaces.remove(name)) {
            Processes.run(30, "ip", "netns", "del", name);
        }
    }

    /** Deletes a root-namespace link created here. */
    public void deleteLink(String name) {
        if (rootLinks.remove(name)) {
            Processes.run(30, "ip", "link", "del", name);
        }
    }

    @Override
    public void close() {
        for (String l : new ArrayList<>(rootLinks)) {
            Processes.run(30, "ip", "link", "del", l); // may already be gone with its namespace peer
        }
        rootLinks.clear();
        for (String n : new ArrayList<>(namespaces)) {
            Processes.run(30, "ip", "netns", "del", n);
        }
        namespaces.clear();
    }
}
