package nlagent.netlink;

/** A netlink message or attribute whose lengths do not add up; the whole message is dropped. */
public final class MalformedMessageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MalformedMessageException(String message) {
        super(message);
    }
}
