package dev.oxmeter.facts;

/**
 * A metric was looked up by a name no registered analysis declares. Raised instead of reading 0, so that a
 * misspelt name fails where it is written.
 */
public final class UnknownMetricException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public UnknownMetricException(String message) {
        super(message);
    }
}
