package nlagent.standalone;

import java.util.Arrays;

import nlagent.mib.Oid;

/**
 * An SNMPv2c GET, GETNEXT or GETBULK message as the lean path takes it (RFC 3416 PDUs in the RFC
 * 1901 message): decoded strictly, so that everything it accepts snmp4j decodes to the same
 * request. Anything else ({@link #decode} returns null: SNMPv1, SNMPv3, SET, responses, traps,
 * non-minimal or indefinite lengths, request values other than NULL, trailing bytes, malformed
 * input) goes to snmp4j's dispatcher, which answers, counts and logs it exactly as before.
 *
 * @param community      the community octets as received
 * @param pduType        BER tag of the PDU: {@link #GET}, {@link #GETNEXT} or {@link #GETBULK}
 * @param requestId      as received
 * @param nonRepeaters   GETBULK: the error-status field as received (0 for the others)
 * @param maxRepetitions GETBULK: the error-index field as received (0 for the others)
 * @param names          the varbind names, in order
 */
record V2cRequest(byte[] community, int pduType, int requestId, int nonRepeaters, int maxRepetitions, Oid[] names) {
    static final int GET = 0xA0;
    static final int GETNEXT = 0xA1;
    static final int GETBULK = 0xA5;
    /** snmp4j refuses OIDs longer than this (OID.MAX_OID_LEN). */
    private static final int MAX_OID_ARCS = 128;
    private static final int SEQUENCE = 0x30;
    private static final int INTEGER = 0x02;
    private static final int OCTET_STRING = 0x04;
    private static final int NULL = 0x05;
    private static final int OBJECT_IDENTIFIER = 0x06;
    private static final int VERSION_2C = 1;

    /** Thrown inside the decoder only: the message is not one the lean path takes. */
    private static final class NotLean extends Exception {
        private static final long serialVersionUID = 1L;
        static final NotLean INSTANCE = new NotLean();

        private NotLean() {
            super(null, null, false, false);
        }
    }

    /** The request in {@code msg[offset, offset + length)}, or null when snmp4j has to handle it. */
    static V2cRequest decode(byte[] msg, int offset, int length) {
        try {
            Reader r = new Reader(msg, offset, offset + length);
            int msgEnd = r.enter(SEQUENCE);
            if (msgEnd != r.end) {
                return null; // trailing bytes after the message, or a truncated one
            }
            if (r.integer() != VERSION_2C) {
                return null;
            }
            byte[] community = r.octets();
            int type = r.tag();
            if (type != GET && type != GETNEXT && type != GETBULK) {
                return null;
            }
            int pduEnd = r.contentEnd(r.length());
            if (pduEnd != msgEnd) {
                return null;
            }
            int requestId = r.integer();
            int f1 = r.integer();
            int f2 = r.integer();
            if (type != GETBULK && (f1 != 0 || f2 != 0)) {
                return null; // snmp4j echoes no request error fields, but keep the lean set plain
            }
            int listEnd = r.enter(SEQUENCE);
            if (listEnd != pduEnd) {
                return null;
            }
            Oid[] names = new Oid[4];
            int n = 0;
            while (r.pos < listEnd) {
                int vbEnd = r.enter(SEQUENCE);
                Oid name = r.oid();
                if (r.tag() != NULL || r.length() != 0 || r.pos != vbEnd) {
                    return null;
                }
                if (n == names.length) {
                    names = Arrays.copyOf(names, n * 2);
                }
                names[n++] = name;
            }
            return new V2cRequest(community, type, requestId, type == GETBULK ? f1 : 0, type == GETBULK ? f2 : 0,
                    Arrays.copyOf(names, n));
        } catch (NotLean e) {
            return null;
        }
    }

    /** A strict BER reader: definite, minimal lengths only, never past {@link #end}. */
    private static final class Reader {
        final byte[] b;
        int pos;
        final int end;

        Reader(byte[] b, int pos, int end) {
            this.b = b;
            this.pos = pos;
            this.end = end;
        }

        int tag() throws NotLean {
            if (pos >= end) {
                throw NotLean.INSTANCE;
            }
            return b[pos++] & 0xFF;
        }

        int length() throws NotLean {
            int first = tag();
            if (first < 0x80) {
                return first;
            }
            int n = first & 0x7F;
            if (n == 0 || n > 3 || end - pos < n || b[pos] == 0) {
                throw NotLean.INSTANCE; // indefinite, huge or non-minimal
            }
            int len = 0;
            for (int i = 0; i < n; i++) {
                len = (len << 8) | (b[pos++] & 0xFF);
            }
            if (len < 0x80) {
                throw NotLean.INSTANCE;
            }
            return len;
        }

        int contentEnd(int len) throws NotLean {
            if (len > end - pos) {
                throw NotLean.INSTANCE;
            }
            return pos + len;
        }

        /** Reads a constructed header with {@code tag}; returns where its content ends. */
        int enter(int expected) throws NotLean {
            if (tag() != expected) {
                throw NotLean.INSTANCE;
            }
            return contentEnd(length());
        }

        int integer() throws NotLean {
            if (tag() != INTEGER) {
                throw NotLean.INSTANCE;
            }
            int len = length();
            if (len < 1 || len > 4 || len > end - pos) {
                throw NotLean.INSTANCE;
            }
            if (len > 1 && (b[pos] == 0 && (b[pos + 1] & 0x80) == 0 || b[pos] == -1 && (b[pos + 1] & 0x80) != 0)) {
                throw NotLean.INSTANCE; // non-minimal
            }
            int v = b[pos++]; // sign-extended
            for (int i = 1; i < len; i++) {
                v = (v << 8) | (b[pos++] & 0xFF);
            }
            return v;
        }

        byte[] octets() throws NotLean {
            if (tag() != OCTET_STRING) {
                throw NotLean.INSTANCE;
            }
            int e = contentEnd(length());
            byte[] out = Arrays.copyOfRange(b, pos, e);
            pos = e;
            return out;
        }

        Oid oid() throws NotLean {
            if (tag() != OBJECT_IDENTIFIER) {
                throw NotLean.INSTANCE;
            }
            int e = contentEnd(length());
            if (e == pos) {
                throw NotLean.INSTANCE;
            }
            int[] arcs = new int[16];
            int n = 0;
            while (pos < e) {
                if ((b[pos] & 0xFF) == 0x80) {
                    throw NotLean.INSTANCE; // non-minimal sub-identifier
                }
                long v = 0;
                int c;
                do {
                    if (pos >= e) {
                        throw NotLean.INSTANCE; // sub-identifier runs past the OID
                    }
                    c = b[pos++] & 0xFF;
                    v = (v << 7) | (c & 0x7F);
                    if (v > Integer.MAX_VALUE) {
                        throw NotLean.INSTANCE; // snmp4j reads sub-identifiers into an int: leave those to it
                    }
                } while ((c & 0x80) != 0);
                if (n + 2 > arcs.length) {
                    arcs = Arrays.copyOf(arcs, arcs.length * 2);
                }
                if (n == 0) {
                    // X.690 8.19.4: the first octets carry 40 * first + second
                    int first = v < 40 ? 0 : v < 80 ? 1 : 2;
                    arcs[n++] = first;
                    arcs[n++] = (int) (v - 40L * first);
                } else {
                    arcs[n++] = (int) v;
                }
                if (n > MAX_OID_ARCS) {
                    throw NotLean.INSTANCE;
                }
            }
            return Oid.of(arcs, n); // one copy: Oid.of(int...) would clone the copy again
        }
    }
}
