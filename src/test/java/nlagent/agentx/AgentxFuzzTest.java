package nlagent.agentx;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Random and mutated input through the framing and the codec: the only thing allowed out is an
 * {@link AgentxParseException}; every run is bounded in time (no hang, no huge allocation).
 */
class AgentxFuzzTest {
    private static final int ROUNDS = 30_000;

    private static void feedAndDecode(byte[] bytes, int maxChunk, Random rnd) {
        FrameDecoder d = new FrameDecoder(1 << 16);
        int pos = 0;
        try {
            while (pos < bytes.length) {
                int n = Math.min(bytes.length - pos, 1 + rnd.nextInt(maxChunk));
                d.feed(ByteBuffer.wrap(bytes, pos, n), f -> {
                    try {
                        Pdu p = AgentxCodec.decode(f.header(), f.payload());
                        // whatever decoded must encode again
                        AgentxCodec.encode(p);
                    } catch (AgentxParseException e) {
                        // expected for garbage
                    }
                });
                pos += n;
            }
        } catch (AgentxParseException e) {
            // framing refused a length: the session would close on purpose
        } catch (RuntimeException e) {
            fail("unexpected " + e + " for input of " + bytes.length + " bytes", e);
        }
    }

    @Test
    void randomBytes() {
        Random rnd = new Random(1);
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            for (int i = 0; i < ROUNDS; i++) {
                byte[] b = new byte[rnd.nextInt(200)];
                rnd.nextBytes(b);
                if (b.length > 2 && rnd.nextBoolean()) {
                    b[0] = 1; // valid version more often, to get past the first check
                    b[1] = (byte) (1 + rnd.nextInt(18));
                }
                feedAndDecode(b, 64, rnd);
            }
        });
    }

    @Test
    void mutatedValidPdus() {
        Random rnd = new Random(2);
        List<Pdu> pdus = AgentxCodecTest.everyPdu();
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            for (int i = 0; i < ROUNDS; i++) {
                Pdu p = pdus.get(rnd.nextInt(pdus.size()));
                ByteBuffer enc = AgentxCodec.encode(p, rnd.nextBoolean() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
                byte[] b = new byte[enc.remaining()];
                enc.get(b);
                int mutations = 1 + rnd.nextInt(4);
                for (int m = 0; m < mutations; m++) {
                    int at = rnd.nextInt(b.length);
                    switch (rnd.nextInt(4)) {
                        case 0: b[at] = (byte) rnd.nextInt(); break;
                        case 1: b[at] ^= (byte) (1 << rnd.nextInt(8)); break;
                        case 2: b[at] = (byte) 0xFF; break;
                        default: b[at] = 0; break;
                    }
                }
                if (rnd.nextInt(4) == 0) {
                    b = java.util.Arrays.copyOf(b, rnd.nextInt(b.length)); // truncated input
                }
                feedAndDecode(b, 32, rnd);
            }
        });
    }

    @Test
    void hugeLengthsInsidePayload() {
        // Octet String and OID lengths claiming far more than present
        Random rnd = new Random(3);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            for (Pdu p : AgentxCodecTest.everyPdu()) {
                byte[] b = AgentxCodec.encode(p).array();
                for (int at = AgentxHeader.SIZE; at + 4 <= b.length; at += 4) {
                    byte[] c = b.clone();
                    ByteBuffer.wrap(c).putInt(at, 0x7FFF_FFF0 | rnd.nextInt(16));
                    feedAndDecode(c, 4096, rnd);
                }
            }
        });
    }
}
