package dev.oxmeter;

/**
 * A failure the user can act on (bad repository, unknown revision, unreadable file ...). Its message is one
 * complete line meant to be printed as is; the CLI prints it without a stack trace and exits non-zero.
 */
public class OxmeterException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public OxmeterException(String message) {
        super(message);
    }

    public OxmeterException(String message, Throwable cause) {
        super(message, cause);
    }
}
