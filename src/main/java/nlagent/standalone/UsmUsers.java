package nlagent.standalone;

import org.snmp4j.security.AuthHMAC128SHA224;
import org.snmp4j.security.AuthHMAC192SHA256;
import org.snmp4j.security.AuthHMAC256SHA384;
import org.snmp4j.security.AuthHMAC384SHA512;
import org.snmp4j.security.AuthMD5;
import org.snmp4j.security.AuthSHA;
import org.snmp4j.security.PrivAES128;
import org.snmp4j.security.PrivAES192;
import org.snmp4j.security.PrivAES256;
import org.snmp4j.security.PrivDES;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.security.UsmUser;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;

/** Maps configured users ({@link UsmUserSpec}) to snmp4j USM users and makes their protocols available. */
final class UsmUsers {
    private UsmUsers() {
    }

    /** The protocols createUser may name, registered once with snmp4j's protocol table. */
    static SecurityProtocols protocols() {
        SecurityProtocols p = SecurityProtocols.getInstance();
        p.addAuthenticationProtocol(new AuthMD5());
        p.addAuthenticationProtocol(new AuthSHA());
        p.addAuthenticationProtocol(new AuthHMAC128SHA224());
        p.addAuthenticationProtocol(new AuthHMAC192SHA256());
        p.addAuthenticationProtocol(new AuthHMAC256SHA384());
        p.addAuthenticationProtocol(new AuthHMAC384SHA512());
        p.addPrivacyProtocol(new PrivDES());
        p.addPrivacyProtocol(new PrivAES128());
        p.addPrivacyProtocol(new PrivAES192());
        p.addPrivacyProtocol(new PrivAES256());
        return p;
    }

    static UsmUser toUsmUser(UsmUserSpec s) {
        OID priv = s.privProtocol() == null ? null : privOid(s.privProtocol());
        return new UsmUser(new OctetString(s.name()), authOid(s.authProtocol()), new OctetString(s.authPassphrase()),
                priv, priv == null ? null : new OctetString(s.privPassphrase()));
    }

    static OID authOid(String name) {
        switch (name) {
            case "MD5": return AuthMD5.ID;
            case "SHA": return AuthSHA.ID;
            case "SHA-224": return AuthHMAC128SHA224.ID;
            case "SHA-256": return AuthHMAC192SHA256.ID;
            case "SHA-384": return AuthHMAC256SHA384.ID;
            case "SHA-512": return AuthHMAC384SHA512.ID;
            default: throw new IllegalArgumentException("unknown auth protocol " + name);
        }
    }

    static OID privOid(String name) {
        switch (name) {
            case "DES": return PrivDES.ID;
            case "AES": case "AES-128": return PrivAES128.ID;
            case "AES-192": return PrivAES192.ID;
            case "AES-256": return PrivAES256.ID;
            default: throw new IllegalArgumentException("unknown privacy protocol " + name);
        }
    }
}
