package io.tfgrpo.simulator;

/** How a chat call was answered; the labels are the journal's {@code byOutcome} keys. */
enum Outcome {

    OK("ok"),
    RATE_LIMITED("429"),
    SERVER_ERROR("500"),
    TIMEOUT("timeout"),
    MALFORMED("malformed"),
    INVALID("invalid");

    /** The injected faults, in the order a fault draw picks them from. */
    static final Outcome[] FAULTS = {RATE_LIMITED, SERVER_ERROR, TIMEOUT, MALFORMED};

    private final String label;

    Outcome(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}
