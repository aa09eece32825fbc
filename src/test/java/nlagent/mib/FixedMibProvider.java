package nlagent.mib;

import java.util.Map;
import java.util.Set;

/** A MibProvider with a fixed set of contexts and views (no context ever comes or goes, so no listener is called). */
public final class FixedMibProvider implements MibProvider {
    private final Map<String, MibView> views;

    private FixedMibProvider(Map<String, MibView> views) {
        this.views = Map.copyOf(views);
    }

    /** The given views by context name ("" the default context). */
    public static FixedMibProvider of(Map<String, MibView> views) {
        return new FixedMibProvider(views);
    }

    /** One view, served as the default context only. */
    public static FixedMibProvider of(MibView defaultView) {
        return new FixedMibProvider(Map.of("", defaultView));
    }

    @Override
    public MibView view(String context) {
        return views.get(context);
    }

    @Override
    public Set<String> contexts() {
        return views.keySet();
    }

    @Override
    public void addContextListener(ContextListener listener) {
    }

    @Override
    public void removeContextListener(ContextListener listener) {
    }
}
