package dev.oxmeter.source;

import dev.oxmeter.model.Oid;

/**
 * Tag targets kept from earlier reads ({@link TagTarget}): with them, listing tags reads no git object, which on a
 * large repository also spares loading its pack index. Called from the thread that lists tags.
 */
public interface TagTargets {
    /** Keeps nothing: every tag's objects are read. */
    TagTargets NONE = new TagTargets() {
        @Override
        public TagTarget find(Oid object) {
            return null;
        }

        @Override
        public void learned(TagTarget target) {
        }
    };

    /** The kept target of the object a tag ref points to, or null. */
    TagTarget find(Oid object);

    /** A target just read from git (one that {@link #find} did not have). */
    void learned(TagTarget target);
}
