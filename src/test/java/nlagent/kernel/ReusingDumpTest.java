package nlagent.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import nlagent.netlink.NlMessage;

/**
 * A dump reader decodes a message only when its payload differs from the previous dump's message at
 * the same position; the nlmsghdr (sequence number, port id) does not count; positions count every
 * message, also those the decoder skips; fewer or more messages mean "changed".
 */
class ReusingDumpTest {
    /** A decoded message: its payload's first int, or null (skipped) for negative ones. */
    private record Item(int value) {
    }

    private int decodes;

    private Item decode(NlMessage m) {
        decodes++;
        int v = m.buffer().getInt(m.payloadOffset());
        return v < 0 ? null : new Item(v);
    }

    /** One dump attempt over messages carrying {@code payloads} (each 8 bytes: the value, then a filler), sequence {@code seq}. */
    private ReusingDump<Item> read(ReusingDump.Previous<Item> before, int seq, int... payloads) {
        return read(before, true, seq, payloads);
    }

    private ReusingDump<Item> read(ReusingDump.Previous<Item> before, boolean keep, int seq, int... payloads) {
        return readFilled(before, keep, seq, 0x5a5a5a5a, payloads);
    }

    /** {@code filler}: the second int of every payload, which the decoder does not read. */
    private ReusingDump<Item> readFilled(ReusingDump.Previous<Item> before, boolean keep, int seq, int filler, int... payloads) {
        ByteBuffer b = ByteBuffer.allocateDirect(24 * payloads.length).order(ByteOrder.nativeOrder());
        for (int p : payloads) {
            b.putInt(24).putShort((short) 16).putShort((short) 2).putInt(seq).putInt(0).putInt(p).putInt(filler);
        }
        ReusingDump<Item> d = new ReusingDump<>(this::decode, before, keep);
        for (int i = 0; i < payloads.length; i++) {
            d.accept(NlMessage.at(b, 24 * i));
        }
        return d;
    }

    @Test
    void onlyChangedMessagesAreDecodedAndTheOthersAreThePreviousObjects() {
        ReusingDump<Item> first = read(ReusingDump.Previous.none(), 1, 10, 20, 30);
        assertEquals(3, first.decoded());
        assertFalse(first.unchanged(), "the first dump has nothing to compare with");
        List<Item> items = new ArrayList<>(first.items());

        ReusingDump.Previous<Item> afterFirst = first.next();
        ReusingDump<Item> same = read(afterFirst, 2, 10, 20, 30); // another sequence number: still the same messages
        assertEquals(0, same.decoded());
        assertTrue(same.unchanged());
        for (int i = 0; i < 3; i++) {
            assertSame(items.get(i), same.items().get(i));
        }
        assertSame(afterFirst, same.next(), "an unchanged dump hands the same state on");

        ReusingDump<Item> changed = read(same.next(), 3, 10, 21, 30);
        assertEquals(1, changed.decoded());
        assertFalse(changed.unchanged());
        assertSame(items.get(0), changed.items().get(0));
        assertEquals(new Item(21), changed.items().get(1));
        assertSame(items.get(2), changed.items().get(2));

        ReusingDump<Item> fewer = read(changed.next(), 4, 10, 21);
        assertEquals(0, fewer.decoded());
        assertFalse(fewer.unchanged(), "a message gone: changed, though nothing was decoded");
        ReusingDump<Item> more = read(fewer.next(), 5, 10, 21, 40);
        assertEquals(1, more.decoded());
        assertFalse(more.unchanged());
        assertEquals(List.of(new Item(10), new Item(21), new Item(40)), more.items());
    }

    @Test
    void skippedMessagesKeepTheirPositions() {
        ReusingDump<Item> first = read(ReusingDump.Previous.none(), 1, -1, 10, -2, 20);
        assertEquals(List.of(new Item(10), new Item(20)), first.items());
        ReusingDump<Item> again = read(first.next(), 2, -1, 10, -2, 20);
        assertEquals(0, again.decoded());
        assertTrue(again.unchanged());
        assertSame(first.items().get(1), again.items().get(1));

        // the skipped message at position 0 now decodes: positions stay aligned, the rest is taken over
        ReusingDump<Item> shifted = read(again.next(), 3, 5, 10, -2, 20);
        assertEquals(1, shifted.decoded());
        assertEquals(List.of(new Item(5), new Item(10), new Item(20)), shifted.items());
        assertSame(first.items().get(0), shifted.items().get(1));
        assertNotSame(first.items().get(0), shifted.items().get(0));
    }

    @Test
    void withoutKeepingDecodedObjectsEveryMessageIsDecodedAndAnUnchangedDumpIsStillTold() {
        ReusingDump<Item> first = read(ReusingDump.Previous.none(), false, 1, 10, 20);
        decodes = 0;
        ReusingDump<Item> same = read(first.next(), false, 2, 10, 20);
        assertEquals(2, decodes, "nothing kept to take over: decoded again");
        assertEquals(0, same.decoded(), "but none differed");
        assertTrue(same.unchanged());
        assertNotSame(first.items().get(0), same.items().get(0));
        ReusingDump<Item> changed = read(same.next(), false, 3, 10, 22);
        assertFalse(changed.unchanged());
        assertEquals(1, changed.decoded());
        // switching to keeping them: the next dump has no objects to take yet
        decodes = 0;
        ReusingDump<Item> kept = read(changed.next(), true, 4, 10, 22);
        assertEquals(2, decodes);
        assertTrue(kept.unchanged());
        decodes = 0;
        read(kept.next(), true, 5, 10, 22);
        assertEquals(0, decodes);
    }

    @Test
    void withoutDigestsEveryMessageIsDecodedAndComparedAndTheNextDumpHasDigestsAgain() {
        ReusingDump<Item> first = read(ReusingDump.Previous.none(), true, 1, 10, 20, 30);
        decodes = 0;
        ReusingDump<Item> compared = read(first.next().withoutDigests(), true, 2, 10, 21, 30);
        assertEquals(3, decodes, "the same bytes, yet every message decoded");
        assertEquals(1, compared.decoded(), "only the one that means something else counts as changed");
        assertSame(first.items().get(0), compared.items().get(0), "equal objects taken over");
        assertSame(first.items().get(2), compared.items().get(2));
        assertFalse(compared.unchanged(), "without digests a dump never hands the old state on as unchanged");
        decodes = 0;
        ReusingDump<Item> again = read(compared.next(), 3, 10, 21, 30);
        assertEquals(0, decodes, "the next dump compares digests again");
        assertTrue(again.unchanged());
        decodes = 0;
        ReusingDump<Item> sameMeaning = read(again.next().withoutDigests(), true, 4, 10, 21, 30);
        assertEquals(3, decodes);
        assertEquals(0, sameMeaning.decoded());
        assertFalse(sameMeaning.unchanged());
        assertTrue(read(sameMeaning.next(), 5, 10, 21, 30).unchanged(), "and its next() has valid digests");
    }

    @Test
    void otherBytesThatDecodeEqualKeepThePreviousObjectAndOnlyEqualObjectsAreTakenOver() {
        ReusingDump<Item> first = read(ReusingDump.Previous.none(), true, 1, 10, 20, 30);
        decodes = 0;
        // every message has other bytes (the filler the decoder skips), none decodes differently
        ReusingDump<Item> refilled = readFilled(first.next(), true, 2, 0x11111111, 10, 20, 30);
        assertEquals(3, decodes, "other bytes: decoded");
        assertEquals(0, refilled.decoded(), "but the same meaning");
        assertTrue(refilled.unchanged());
        for (int i = 0; i < 3; i++) {
            assertSame(first.items().get(i), refilled.items().get(i), "item " + i + ": the previous object");
        }
        // the middle message gone: the last one moves to position 1, where the previous object differs
        ReusingDump<Item> shifted = readFilled(refilled.next(), true, 3, 0x11111111, 10, 30);
        assertEquals(List.of(new Item(10), new Item(30)), shifted.items());
        assertSame(first.items().get(0), shifted.items().get(0));
        assertNotSame(first.items().get(2), shifted.items().get(1), "positions shift: only an equal object at the same position is taken");
        assertFalse(shifted.unchanged());
    }
}
