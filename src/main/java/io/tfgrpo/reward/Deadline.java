package io.tfgrpo.reward;

import java.time.Duration;

/**
 * When a verification must give up. Answers come from a model and may be built to be costly, so a verifier checks
 * this between steps of its work instead of trusting every path to be cheap.
 */
final class Deadline {

    private final long end;

    private Deadline(long end) {
        this.end = end;
    }

    static Deadline after(Duration budget) {
        return new Deadline(System.nanoTime() + Math.max(0, budget.toNanos()));
    }

    /** @throws Passed when the time is up */
    void check() {
        if (System.nanoTime() - end > 0) {
            throw new Passed();
        }
    }

    /**
     * The text, read through a view that checks this deadline every so many characters. A regex matcher reads only
     * through {@code charAt}, so this bounds the run time of any pattern, however it backtracks.
     */
    CharSequence watching(CharSequence text) {
        return new Watched(text, this);
    }

    private static final class Watched implements CharSequence {

        private final CharSequence text;
        private final Deadline deadline;
        private int reads;

        Watched(CharSequence text, Deadline deadline) {
            this.text = text;
            this.deadline = deadline;
        }

        @Override
        public char charAt(int index) {
            if ((++reads & 0x3FF) == 0) {
                deadline.check();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Watched(text.subSequence(start, end), deadline);
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }

    /** Thrown from deep inside a verification to end it; carries no stack trace, it is not a fault. */
    static final class Passed extends RuntimeException {
        Passed() {
            super("verification budget exceeded", null, false, false);
        }
    }
}
