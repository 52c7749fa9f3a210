package dev.oxmeter.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;

/** The options of every command that analyses a timeline: repository, timeline, output, counting rules, store. */
final class AnalysisOptions {
    @Mixin
    RepoOption repo;

    @Mixin
    TimelineOptions timeline;

    @Mixin
    CommonOptions common;

    @Mixin
    ScanRuleOptions rules;

    @Mixin
    StoreOptions store;

    /** Validates the options, then opens the repository and the store. */
    Session open(CommandSpec spec) {
        timeline.validate();
        return Session.open(spec, repo, common, store, rules);
    }
}
