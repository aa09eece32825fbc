package nlagent.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

class ListenerListTest {
    private final ListenerList<Consumer<String>> list =
            new ListenerList<>(Logger.getLogger(ListenerListTest.class.getName()), "test listener");

    @Test
    void firesInOrderAndAFailingListenerDoesNotStopTheOthers() {
        List<String> heard = new ArrayList<>();
        list.add(s -> heard.add("a:" + s));
        list.add(s -> {
            throw new IllegalStateException("boom");
        });
        list.add(s -> heard.add("c:" + s));
        list.fire(l -> l.accept("x"));
        assertEquals(List.of("a:x", "c:x"), heard);
    }

    @Test
    void removedListenerHearsNothing() {
        List<String> heard = new ArrayList<>();
        Consumer<String> l = heard::add;
        list.add(l);
        list.fire(c -> c.accept("1"));
        list.remove(l);
        list.fire(c -> c.accept("2"));
        assertEquals(List.of("1"), heard);
    }

    @Test
    void aListenerMayRemoveItselfWhileBeingCalled() {
        List<String> heard = new ArrayList<>();
        Consumer<String>[] self = new Consumer[1];
        self[0] = s -> {
            heard.add(s);
            list.remove(self[0]);
        };
        list.add(self[0]);
        list.fire(c -> c.accept("1"));
        list.fire(c -> c.accept("2"));
        assertEquals(List.of("1"), heard);
    }
}
