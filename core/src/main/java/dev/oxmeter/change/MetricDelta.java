package dev.oxmeter.change;

import java.util.Objects;

/** One summed analysis metric ({@code rust_safety.unsafe_blocks} …) at the base and at the head. */
public record MetricDelta(String metric, long base, long head) {
    public MetricDelta {
        Objects.requireNonNull(metric, "metric");
    }

    public long delta() {
        return head - base;
    }
}
