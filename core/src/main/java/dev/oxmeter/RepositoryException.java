package dev.oxmeter;

/**
 * The repository cannot give what a run needs: an object is missing or corrupt, the history is cut short, or its
 * files cannot be read. The user's request was fine; the repository is not. Its message is one complete line
 * naming the object or file; the CLI prints it as is and exits with its own code, distinct from bad input.
 */
public class RepositoryException extends OxmeterException {
    private static final long serialVersionUID = 1L;

    public RepositoryException(String message) {
        super(message);
    }

    public RepositoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
