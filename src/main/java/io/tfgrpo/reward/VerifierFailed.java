package io.tfgrpo.reward;

/** A verifier could not score an answer (a webhook timed out or answered badly): an error, never a zero. */
public final class VerifierFailed extends RuntimeException {

    VerifierFailed(String message) {
        super(message);
    }
}
