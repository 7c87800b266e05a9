package io.tfgrpo.runs;

import java.time.Duration;

/**
 * How one execution of a run ended: the run {@link #ENDED}; it waits for something and is to be looked at again
 * after a while ({@link #checkAgainIn(Duration)}), holding no thread meanwhile; or this instance is stopping and
 * handed it back ({@link #STOPPED}), its stored results kept, for a running instance (or this one's next start).
 */
public record RunOutcome(Kind kind, Duration delay) {

    public enum Kind {
        ENDED, WAITING, STOPPED
    }

    public static final RunOutcome ENDED = new RunOutcome(Kind.ENDED, Duration.ZERO);
    public static final RunOutcome STOPPED = new RunOutcome(Kind.STOPPED, Duration.ZERO);

    public static RunOutcome checkAgainIn(Duration wait) {
        return new RunOutcome(Kind.WAITING, wait);
    }
}
