package dev.oxmeter;

/**
 * Something the user's environment refused to store: the output or the store could not be written (disk full,
 * permission denied, read-only file system ...). Its message is one line that names the file and the reason; the
 * CLI exits with its own code so that scripts can tell it from bad input.
 */
public class WriteFailure extends OxmeterException {
    private static final long serialVersionUID = 1L;

    public WriteFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
