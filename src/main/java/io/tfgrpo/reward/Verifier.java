package io.tfgrpo.reward;

import java.util.List;
import java.util.Optional;

/** Scores one answer to one problem in [0, 1]; the reward that GRPO's groups are compared by. */
public interface Verifier {

    Reward score(Attempt attempt);

    /**
     * Ground-truth-free: the answer most of a group's responses agree on, read and compared the way this verifier
     * reads and compares answers, to be scored against as the reference; empty when no class of equal answers is
     * strictly the largest (or no response has an answer). A verifier that needs no reference has no notion of
     * equal answers and gives none.
     */
    default Optional<String> consensus(List<String> responses) {
        return Optional.empty();
    }
}
