package io.presence.bench.report;

import org.jspecify.annotations.Nullable;

/**
 * What a figure is: its report name, unit, one line saying how it is measured, the figure it is compared with (a
 * baseline measured in the same run), and the target the issue set for it.
 */
public record FigureSpec(
        String name,
        String unit,
        String description,
        @Nullable String baseline,
        @Nullable Target target) {

    /** A goal, as a bound on the ratio to the baseline or on the value itself. */
    public record Target(Kind kind, double bound) {
        /** What the bound applies to. */
        public enum Kind {
            RATIO_AT_LEAST,
            AT_MOST,
            AT_LEAST
        }

        public static Target ratioAtLeast(double bound) {
            return new Target(Kind.RATIO_AT_LEAST, bound);
        }

        public static Target atMost(double bound) {
            return new Target(Kind.AT_MOST, bound);
        }

        public static Target atLeast(double bound) {
            return new Target(Kind.AT_LEAST, bound);
        }

        public boolean met(double value, @Nullable Double ratio) {
            return switch (kind) {
                case RATIO_AT_LEAST -> ratio != null && ratio >= bound;
                case AT_MOST -> value <= bound;
                case AT_LEAST -> value >= bound;
            };
        }

        @Override
        public String toString() {
            return switch (kind) {
                case RATIO_AT_LEAST -> "≥ " + bound + "×";
                case AT_MOST -> "≤ " + Report.format(bound);
                case AT_LEAST -> "≥ " + Report.format(bound);
            };
        }
    }
}
