package nlagent.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;

import org.junit.jupiter.api.Test;

/** LinkStats' written-out equals and hashCode see every counter, as the generated ones did. */
class LinkStatsTest {

    @Test
    void equalityTakesEveryCounterIntoAccount() throws Exception {
        RecordComponent[] rc = LinkStats.class.getRecordComponents();
        Class<?>[] types = new Class<?>[rc.length];
        Object[] base = new Object[rc.length];
        for (int i = 0; i < rc.length; i++) {
            types[i] = rc[i].getType();
            base[i] = 1000L + i;
        }
        Constructor<LinkStats> ctor = LinkStats.class.getDeclaredConstructor(types);
        LinkStats a = ctor.newInstance(base);
        LinkStats same = ctor.newInstance(base.clone());
        assertEquals(a, same);
        assertEquals(a.hashCode(), same.hashCode());
        assertNotEquals(a, null);
        assertNotEquals(a, "not stats");
        for (int i = 0; i < rc.length; i++) {
            Object[] changed = base.clone();
            changed[i] = (Long) changed[i] + 1;
            LinkStats b = ctor.newInstance(changed);
            assertNotEquals(a, b, rc[i].getName() + " differs");
            assertNotEquals(a.hashCode(), b.hashCode(), rc[i].getName() + " moves the hash");
        }
    }
}
