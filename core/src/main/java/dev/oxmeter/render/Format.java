package dev.oxmeter.render;

import java.util.Locale;

/** Output formats every command accepts. */
public enum Format {
    TABLE, JSON, CSV, MD;

    public static Format parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown format '" + s + "' (expected table, json, csv or md)");
        }
    }
}
