package dev.oxmeter;

/** This oxmeter's version, as printed by {@code --version} and written in every JSON result's header. */
public final class Version {
    /** The release version; bump with the project's version in the poms. */
    public static final String VERSION = "0.1.0";

    private Version() {
    }
}
