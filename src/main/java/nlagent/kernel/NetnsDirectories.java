package nlagent.kernel;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The configured namespace-handle directories (/run/netns, /run/docker/netns ...): lists them and
 * watches them with inotify (WatchService) so additions and removals are seen at once; a directory
 * that does not exist yet is picked up by a later {@link #scan()}. Each file name is an SNMP
 * context; the first directory wins a name clash. Scanning stats directory entries only — never
 * anything under /proc/sys.
 */
final class NetnsDirectories implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(NetnsDirectories.class.getName());

    private final List<Path> dirs;
    private final java.nio.file.PathMatcher names;
    private final Runnable onChange;
    private final Set<Path> watched = new HashSet<>();
    private final WatchService watcher;
    private final Thread thread;

    NetnsDirectories(List<Path> dirs, String nameGlob, Runnable onChange) throws IOException {
        this.dirs = List.copyOf(dirs);
        this.names = FileSystems.getDefault().getPathMatcher("glob:" + nameGlob);
        this.onChange = onChange;
        this.watcher = FileSystems.getDefault().newWatchService();
        this.thread = new Thread(this::watchLoop, "nlagent-netns-watch");
        thread.setDaemon(true);
        thread.start();
    }

    /** Name → handle path of every namespace handle now present. */
    synchronized Map<String, Path> scan() {
        Map<String, Path> found = new LinkedHashMap<>();
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            if (watched.add(dir)) {
                try {
                    dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE);
                } catch (IOException | ClosedWatchServiceException e) {
                    watched.remove(dir);
                }
            }
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                for (Path p : ds) {
                    String name = p.getFileName().toString();
                    if (!name.startsWith(".") && names.matches(p.getFileName()) && !Files.isDirectory(p)) {
                        found.putIfAbsent(name, p);
                    }
                }
            } catch (IOException e) {
                LOG.fine("cannot list " + dir + ": " + e);
            }
        }
        return found;
    }

    private void watchLoop() {
        while (true) {
            WatchKey key;
            try {
                key = watcher.take();
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            }
            key.pollEvents();
            if (!key.reset()) {
                synchronized (this) {
                    watched.remove((Path) key.watchable()); // directory went away; re-register when back
                }
            }
            onChange.run();
        }
    }

    @Override
    public void close() {
        try {
            watcher.close();
        } catch (IOException e) {
            // closing; nothing to do
        }
        thread.interrupt();
    }
}
