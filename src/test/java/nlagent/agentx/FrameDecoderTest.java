package nlagent.agentx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class FrameDecoderTest {

    private static byte[] stream(ByteOrder order) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Pdu p : AgentxCodecTest.everyPdu()) {
            ByteBuffer b = AgentxCodec.encode(p, order);
            out.write(b.array(), 0, b.limit());
        }
        return out.toByteArray();
    }

    private static List<Pdu> decodeAll(List<FrameDecoder.Frame> frames) throws AgentxParseException {
        List<Pdu> out = new ArrayList<>();
        for (FrameDecoder.Frame f : frames) {
            out.add(AgentxCodec.decode(f.header(), f.payload()));
        }
        return out;
    }

    @Test
    void allPdusInOneRead() throws Exception {
        List<FrameDecoder.Frame> frames = new ArrayList<>();
        FrameDecoder d = new FrameDecoder();
        d.feed(ByteBuffer.wrap(stream(ByteOrder.BIG_ENDIAN)), frames::add);
        assertEquals(AgentxCodecTest.everyPdu(), decodeAll(frames));
        assertTrue(d.idle());
    }

    @Test
    void byteByByteAndRandomChunksInBothOrders() throws Exception {
        Random rnd = new Random(42);
        for (ByteOrder order : List.of(ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN)) {
            byte[] s = stream(order);
            for (int round = 0; round < 20; round++) {
                List<FrameDecoder.Frame> frames = new ArrayList<>();
                FrameDecoder d = new FrameDecoder();
                int pos = 0;
                while (pos < s.length) {
                    int n = round == 0 ? 1 : Math.min(s.length - pos, 1 + rnd.nextInt(60));
                    d.feed(ByteBuffer.wrap(s, pos, n), frames::add);
                    pos += n;
                }
                assertEquals(AgentxCodecTest.everyPdu(), decodeAll(frames));
                assertTrue(d.idle());
            }
        }
    }

    @Test
    void hugePayloadLengthIsRefusedBeforeAllocating() {
        ByteBuffer b = AgentxCodec.encode(AgentxCodecTest.everyPdu().get(0));
        b.putInt(16, 0xFFFF_FFF0); // ~4 GiB, unsigned
        FrameDecoder d = new FrameDecoder(1 << 20);
        AgentxParseException e = assertThrows(AgentxParseException.class, () -> d.feed(b, f -> { }));
        assertTrue(e.getMessage().contains("4294967280"), e.getMessage());
    }

    @Test
    void partialHeaderStaysBuffered() throws Exception {
        List<FrameDecoder.Frame> frames = new ArrayList<>();
        FrameDecoder d = new FrameDecoder();
        byte[] s = stream(ByteOrder.BIG_ENDIAN);
        d.feed(ByteBuffer.wrap(s, 0, 19), frames::add);
        assertEquals(0, frames.size());
        assertTrue(!d.idle());
        d.feed(ByteBuffer.wrap(s, 19, s.length - 19), frames::add);
        assertEquals(AgentxCodecTest.everyPdu().size(), frames.size());
    }
}
