package nlagent.sys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** {@link Fields#of} splits as {@code trim().split("\\s+")} did, for the shapes /proc lines come in. */
class FieldsTest {
    @Test
    void splitsAsTrimAndSplitOnWhitespace() {
        for (String line : new String[] {"Ip6InReceives                   \t42", "  Ip: 1 64 12345  ", "a", "", "   ",
                "dentry 1 2\t\t3 0 0", "Ip6OutRequests 18446744073709551615\n"}) {
            assertArrayEquals(line.trim().split("\\s+"), Fields.of(line), "'" + line + "'");
        }
    }
}
