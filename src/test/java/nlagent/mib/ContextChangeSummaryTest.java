package nlagent.mib;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

import nlagent.mib.netns.NetnsMibBuilder;
import nlagent.mib.netns.Uptime;
import nlagent.time.Ticker;

/** Namespaces that come and go are logged as one summary line per period, not one INFO line each. */
class ContextChangeSummaryTest {

    @Test
    void thousandsOfNamespacesMakeOneLine() {
        ContextChangeSummary s = new ContextChangeSummary(() -> 2001);
        for (int i = 0; i < 2000; i++) {
            s.contextAdded("cni-" + i);
        }
        s.contextRemoved("old-1");
        assertEquals(Optional.of("contexts: 2000 added ('cni-0', 'cni-1', 'cni-2', ...), 1 removed ('old-1'); 2001 served "
                + "(per-namespace lines at FINE)"), s.flush());
        assertEquals(Optional.empty(), s.flush(), "nothing new: no line");
    }

    @Test
    void providerLogsNoInfoLinePerNamespace() {
        List<LogRecord> info = new ArrayList<>();
        Logger log = Logger.getLogger(SnapshotMibProvider.class.getName());
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLevel().intValue() >= Level.INFO.intValue()) {
                    info.add(r);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(h);
        MapSnapshotSource source = new MapSnapshotSource();
        try (SnapshotMibProvider p = new SnapshotMibProvider(source, new NetnsMibBuilder(Uptime.startingNow(Ticker.system())),
                List.of(), List.of()).start()) {
            info.clear(); // the one start-up line
            for (int i = 0; i < 50; i++) {
                source.put(TestSnapshots.snapshot("ns" + i, 1, List.of(TestSnapshots.loopback())));
            }
            for (int i = 0; i < 50; i++) {
                source.remove("ns" + i);
            }
            assertEquals(List.of(), info.stream().map(LogRecord::getMessage).toList());
        } finally {
            log.removeHandler(h);
        }
    }
}
