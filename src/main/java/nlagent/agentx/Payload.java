package nlagent.agentx;

import java.util.List;

import nlagent.mib.Oid;

/** The part of a PDU after the header (and after the context, if any), one record per layout. */
public sealed interface Payload {

    /** Open (1). {@code id} null is the null OID. */
    record Open(int timeoutSeconds, Oid id, String descr) implements Payload {
    }

    /** Close (2). */
    record Close(int reason) implements Payload {
        public static final int OTHER = 1;
        public static final int PARSE_ERROR = 2;
        public static final int PROTOCOL_ERROR = 3;
        public static final int TIMEOUTS = 4;
        public static final int SHUTDOWN = 5;
        public static final int BY_MANAGER = 6;
    }

    /**
     * Register (3) and Unregister (4; {@code timeoutSeconds} is a reserved byte there and reads 0).
     * {@code upperBound} is on the wire only when {@code rangeSubid} is not 0.
     */
    record Registration(int timeoutSeconds, int priority, int rangeSubid, Oid subtree, int upperBound) implements Payload {
    }

    /** Get (5) and GetNext (6). */
    record Ranges(List<SearchRange> ranges) implements Payload {
        public Ranges {
            ranges = List.copyOf(ranges);
        }
    }

    /** GetBulk (7). */
    record Bulk(int nonRepeaters, int maxRepetitions, List<SearchRange> ranges) implements Payload {
        public Bulk {
            ranges = List.copyOf(ranges);
        }
    }

    /** TestSet (8), Notify (12), IndexAllocate (14), IndexDeallocate (15). */
    record VarBinds(List<AxVarBind> varBinds) implements Payload {
        public VarBinds {
            varBinds = List.copyOf(varBinds);
        }
    }

    /** CommitSet (9), UndoSet (10), CleanupSet (11), Ping (13). */
    record Empty() implements Payload {
        public static final Empty INSTANCE = new Empty();
    }

    /** AddAgentCaps (16) and RemoveAgentCaps (17; {@code descr} is null there). */
    record AgentCaps(Oid id, String descr) implements Payload {
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
}
