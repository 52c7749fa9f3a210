/**
 * Pure parsing for the people features: {@link dev.oxmeter.people.Mailmap} (git {@code .mailmap}),
 * {@link dev.oxmeter.people.Trailers} (commit-message trailers and {@code Fixes:} references) and
 * {@link dev.oxmeter.people.Affiliations} (gitdm email-to-employer maps). Everything here works on strings or
 * bytes handed in by the caller; nothing reads a repository. See {@code docs/people.md} for the user-facing rules.
 */
package dev.oxmeter.people;
