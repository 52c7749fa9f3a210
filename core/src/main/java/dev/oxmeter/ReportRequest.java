package dev.oxmeter;

import dev.oxmeter.model.Revision;
import dev.oxmeter.people.Affiliations;
import dev.oxmeter.report.ReportModel;
import java.util.List;
import java.util.Objects;

/**
 * What a report shows besides the figures: the repository's name, the timeline in words ("12 releases"), the
 * "generated at" text (null for none), the tool and version, the component depth, and where contributor figures
 * come from.
 */
public record ReportRequest(String name, String timeline, String generatedAt, String tool, int componentDepth,
                            PeopleSource people) {
    public ReportRequest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(timeline, "timeline");
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(people, "people");
        if (componentDepth < 1) {
            throw new IllegalArgumentException("component depth must be at least 1");
        }
    }

    /** Where contributor figures come from. */
    public interface PeopleSource {
        /** No contributor figures: the page says the people analysis is not part of the report. */
        PeopleSource NONE = (ox, revs) -> ReportModel.Part.absent(
                "the people analysis (oxmeter people) is not part of this build");

        ReportModel.Part<ReportModel.People> people(Oxmeter ox, List<Revision> revs);
    }

    /**
     * The people analysis of Rust over the report's release windows (the repository's mailmap at each window's
     * end; employers from {@code affiliations}, else email domains), reusing the store's commit facts.
     */
    public static PeopleSource rustPeople(Affiliations affiliations) {
        return new ReportPeople(affiliations);
    }
}
