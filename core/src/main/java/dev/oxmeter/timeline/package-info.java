/**
 * Ordering and selecting release tags: {@link dev.oxmeter.timeline.VersionOrder} sorts tag names as versions and
 * {@link dev.oxmeter.timeline.TagGlob} selects them with {@code git tag -l} patterns. Pure functions over names.
 */
package dev.oxmeter.timeline;
