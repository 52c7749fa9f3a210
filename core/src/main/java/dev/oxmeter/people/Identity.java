package dev.oxmeter.people;

/**
 * A person as written in a commit header or a trailer: a display name and an email address, either of which may be
 * empty (never null). Immutable and thread-safe.
 *
 * <p>Two identities are the same person when their {@link #key()}s are equal. Apply a {@link Mailmap} first so that
 * old addresses collapse onto the canonical one.
 *
 * @param name  display name, trimmed; empty when unknown
 * @param email email address without angle brackets, trimmed; empty when unknown
 */
public record Identity(String name, String email) {
    /** Prefix of {@link #key()} for identities that have no email, so they cannot collide with an address. */
    public static final String NAME_KEY_PREFIX = "name:";

    public Identity {
        name = name == null ? "" : name.strip();
        email = email == null ? "" : email.strip();
    }

    /**
     * The person's identity: the email lower-cased (ASCII letters only, as git compares addresses), or, when the
     * email is empty, {@code "name:"} followed by the lower-cased name. O(length).
     */
    public String key() {
        return email.isEmpty() ? NAME_KEY_PREFIX + Ascii.lower(name) : Ascii.lower(email);
    }

    /** {@code Name <email>} as git prints it; just the part that is known when one is empty. */
    @Override
    public String toString() {
        if (email.isEmpty()) {
            return name;
        }
        return name.isEmpty() ? "<" + email + ">" : name + " <" + email + ">";
    }
}
