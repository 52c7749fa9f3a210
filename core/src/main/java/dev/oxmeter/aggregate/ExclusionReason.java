package dev.oxmeter.aggregate;

import dev.oxmeter.model.Rows;

/** Why a file is left out of language totals (it is then counted in the {@link Rows#EXCLUDED} row). */
public enum ExclusionReason {
    NONE, VENDORED, GENERATED, USER
}
