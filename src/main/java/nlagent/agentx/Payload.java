package nlagent.agentx;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import nlagent.mib.Oid;

/**
 * The part of a PDU after the header (and after the context, if any), one record per layout. Each
 * layout knows its wire form: {@link #size} (exact bytes), {@link #encode} (writes exactly that
 * many, in the buffer's byte order) and a static {@code decode} that reads a payload whose length
 * the framing already fixed ({@link PduType#decoder} picks it by type code). Decoders throw only
 * {@link AgentxParseException}; a {@link java.nio.BufferUnderflowException} from a short buffer is
 * turned into one by {@link AgentxCodec}.
 */
public sealed interface Payload {

    /** Bytes on the wire; IllegalArgumentException for an OID that cannot be sent. */
    int size();

    /** Writes exactly {@link #size} bytes into {@code out}, in {@code out}'s byte order. */
    void encode(ByteBuffer out);

    /** Reads one payload layout; {@code in} holds exactly the payload (after the context). */
    @FunctionalInterface
    interface Decoder {
        Payload decode(ByteBuffer in) throws AgentxParseException;
    }

    /** Open (1). {@code id} null is the null OID. */
    record Open(int timeoutSeconds, Oid id, String descr) implements Payload {
        @Override
        public int size() {
            return 4 + AgentxCodec.oidSize(id) + AgentxCodec.octetsSize(AgentxCodec.utf8Length(descr));
        }

        @Override
        public void encode(ByteBuffer out) {
            out.put((byte) timeoutSeconds).put((byte) 0).put((byte) 0).put((byte) 0);
            AgentxCodec.putOid(out, id, false);
            AgentxCodec.putOctets(out, AgentxCodec.utf8(descr));
        }

        static Open decode(ByteBuffer in) throws AgentxParseException {
            int timeout = in.get() & 0xFF;
            AgentxCodec.skip(in, 3);
            Oid id = AgentxCodec.getOid(in, null);
            return new Open(timeout, id, new String(AgentxCodec.getOctets(in), StandardCharsets.UTF_8));
        }
    }

    /** Close (2). */
    record Close(int reason) implements Payload {
        public static final int OTHER = 1;
        public static final int PARSE_ERROR = 2;
        public static final int PROTOCOL_ERROR = 3;
        public static final int TIMEOUTS = 4;
        public static final int SHUTDOWN = 5;
        public static final int BY_MANAGER = 6;

        @Override
        public int size() {
            return 4;
        }

        @Override
        public void encode(ByteBuffer out) {
            out.put((byte) reason).put((byte) 0).put((byte) 0).put((byte) 0);
        }

        static Close decode(ByteBuffer in) {
            int reason = in.get() & 0xFF;
            AgentxCodec.skip(in, 3);
            return new Close(reason);
        }
    }

    /**
     * Register (3) and Unregister (4; {@code timeoutSeconds} is a reserved byte there and reads 0).
     * {@code upperBound} is on the wire only when {@code rangeSubid} is not 0.
     */
    record Registration(int timeoutSeconds, int priority, int rangeSubid, Oid subtree, int upperBound) implements Payload {
        @Override
        public int size() {
            return 4 + AgentxCodec.oidSize(subtree) + (rangeSubid != 0 ? 4 : 0);
        }

        @Override
        public void encode(ByteBuffer out) {
            out.put((byte) timeoutSeconds).put((byte) priority).put((byte) rangeSubid).put((byte) 0);
            AgentxCodec.putOid(out, subtree, false);
            if (rangeSubid != 0) {
                out.putInt(upperBound);
            }
        }

        static Registration decodeRegister(ByteBuffer in) throws AgentxParseException {
            return decode(in, true);
        }

        static Registration decodeUnregister(ByteBuffer in) throws AgentxParseException {
            return decode(in, false);
        }

        private static Registration decode(ByteBuffer in, boolean register) throws AgentxParseException {
            int timeout = in.get() & 0xFF;
            int priority = in.get() & 0xFF;
            int rangeSubid = in.get() & 0xFF;
            in.get();
            Oid subtree = AgentxCodec.getOid(in, null);
            if (subtree == null) {
                throw new AgentxParseException.CorruptPduException((register ? "Register" : "Unregister") + " with a null subtree");
            }
            int upper = rangeSubid != 0 ? in.getInt() : 0;
            return new Registration(register ? timeout : 0, priority, rangeSubid, subtree, upper);
        }
    }

    /** Get (5) and GetNext (6). */
    record Ranges(List<SearchRange> ranges) implements Payload {
        public Ranges {
            ranges = List.copyOf(ranges);
        }

        @Override
        public int size() {
            return rangesSize(ranges);
        }

        @Override
        public void encode(ByteBuffer out) {
            for (SearchRange r : ranges) {
                r.encode(out);
            }
        }

        static Ranges decode(ByteBuffer in) throws AgentxParseException {
            return new Ranges(decodeRanges(in));
        }
    }

    /** GetBulk (7). */
    record Bulk(int nonRepeaters, int maxRepetitions, List<SearchRange> ranges) implements Payload {
        public Bulk {
            ranges = List.copyOf(ranges);
        }

        @Override
        public int size() {
            return 4 + rangesSize(ranges);
        }

        @Override
        public void encode(ByteBuffer out) {
            out.putShort((short) nonRepeaters).putShort((short) maxRepetitions);
            for (SearchRange r : ranges) {
                r.encode(out);
            }
        }

        static Bulk decode(ByteBuffer in) throws AgentxParseException {
            int nonRepeaters = in.getShort() & 0xFFFF;
            int maxRepetitions = in.getShort() & 0xFFFF;
            return new Bulk(nonRepeaters, maxRepetitions, decodeRanges(in));
        }
    }

    /** TestSet (8), Notify (12), IndexAllocate (14), IndexDeallocate (15). */
    record VarBinds(List<AxVarBind> varBinds) implements Payload {
        public VarBinds {
            varBinds = List.copyOf(varBinds);
        }

        @Override
        public int size() {
            return varBindsSize(varBinds);
        }

        @Override
        public void encode(ByteBuffer out) {
            for (AxVarBind vb : varBinds) {
                vb.encode(out);
            }
        }

        static VarBinds decode(ByteBuffer in) throws AgentxParseException {
            return new VarBinds(decodeVarBinds(in));
        }
    }

    /** CommitSet (9), UndoSet (10), CleanupSet (11), Ping (13). */
    record Empty() implements Payload {
        public static final Empty INSTANCE = new Empty();

        @Override
        public int size() {
            return 0;
        }

        @Override
        public void encode(ByteBuffer out) {
            // nothing
        }

        static Empty decode(ByteBuffer in) {
            return INSTANCE;
        }
    }

    /** AddAgentCaps (16) and RemoveAgentCaps (17; {@code descr} is null there). */
    record AgentCaps(Oid id, String descr) implements Payload {
        @Override
        public int size() {
            return AgentxCodec.oidSize(id) + (descr != null ? AgentxCodec.octetsSize(AgentxCodec.utf8Length(descr)) : 0);
        }

        @Override
        public void encode(ByteBuffer out) {
            AgentxCodec.putOid(out, id, false);
            if (descr != null) {
                AgentxCodec.putOctets(out, AgentxCodec.utf8(descr));
            }
        }

        static AgentCaps decodeAdd(ByteBuffer in) throws AgentxParseException {
            Oid id = id(in, "AddAgentCaps");
            return new AgentCaps(id, new String(AgentxCodec.getOctets(in), StandardCharsets.UTF_8));
        }

        static AgentCaps decodeRemove(ByteBuffer in) throws AgentxParseException {
            return new AgentCaps(id(in, "RemoveAgentCaps"), null);
        }

        private static Oid id(ByteBuffer in, String what) throws AgentxParseException {
            Oid id = AgentxCodec.getOid(in, null);
            if (id == null) {
                throw new AgentxParseException.CorruptPduException(what + " with a null id");
            }
            return id;
        }
    }

    /** Response (18). {@code sysUpTime} is centiseconds, unsigned; {@code error} and {@code index} unsigned 16-bit. */
    record Response(long sysUpTime, int error, int index, List<AxVarBind> varBinds) implements Payload {
        public static final int NO_ERROR = 0;
        public static final int TOO_BIG = 1;
        public static final int GEN_ERR = 5;
        public static final int NOT_WRITABLE = 17;
        public static final int OPEN_FAILED = 256;
        public static final int NOT_OPEN = 257;
        public static final int DUPLICATE_REGISTRATION = 263;
        public static final int UNKNOWN_REGISTRATION = 264;
        public static final int PARSE_ERROR = 266;
        public static final int REQUEST_DENIED = 267;
        public static final int PROCESSING_ERROR = 268;

        public Response {
            varBinds = List.copyOf(varBinds);
        }

        @Override
        public int size() {
            return 8 + varBindsSize(varBinds);
        }

        @Override
        public void encode(ByteBuffer out) {
            encodeHead(out, sysUpTime, error, index);
            for (AxVarBind vb : varBinds) {
                vb.encode(out);
            }
        }

        /** The 8 bytes before the VarBinds (the GetNext fast path writes its one VarBind after them). */
        static void encodeHead(ByteBuffer out, long sysUpTime, int error, int index) {
            out.putInt((int) sysUpTime).putShort((short) error).putShort((short) index);
        }

        static Response decode(ByteBuffer in) throws AgentxParseException {
            long sysUpTime = Integer.toUnsignedLong(in.getInt());
            int error = in.getShort() & 0xFFFF;
            int index = in.getShort() & 0xFFFF;
            return new Response(sysUpTime, error, index, decodeVarBinds(in));
        }

        public static String errorName(int error) {
            switch (error) {
                case 0: return "noError";
                case 1: return "tooBig";
                case 5: return "genErr";
                case 17: return "notWritable";
                case 256: return "openFailed";
                case 257: return "notOpen";
                case 258: return "indexWrongType";
                case 259: return "indexAlreadyAllocated";
                case 260: return "indexNoneAvailable";
                case 261: return "indexNotAllocated";
                case 262: return "unsupportedContext";
                case 263: return "duplicateRegistration";
                case 264: return "unknownRegistration";
                case 265: return "unknownAgentCaps";
                case 266: return "parseError";
                case 267: return "requestDenied";
                case 268: return "processingError";
                default: return "error " + error;
            }
        }
    }

    // ------------------------------------------------------------------ lists shared by several layouts

    private static int rangesSize(List<SearchRange> ranges) {
        int n = 0;
        for (SearchRange r : ranges) {
            n += r.size();
        }
        return n;
    }

    private static int varBindsSize(List<AxVarBind> vbs) {
        int n = 0;
        for (AxVarBind vb : vbs) {
            n += vb.size();
        }
        return n;
    }

    /** SearchRanges up to the end of the payload. */
    private static List<SearchRange> decodeRanges(ByteBuffer in) throws AgentxParseException {
        List<SearchRange> out = new ArrayList<>();
        while (in.hasRemaining()) {
            out.add(SearchRange.decode(in, out.size() + 1));
        }
        return out;
    }

    /** VarBinds up to the end of the payload. */
    private static List<AxVarBind> decodeVarBinds(ByteBuffer in) throws AgentxParseException {
        List<AxVarBind> out = new ArrayList<>();
        while (in.hasRemaining()) {
            out.add(AxVarBind.decode(in, out.size() + 1));
        }
        return out;
    }
}
