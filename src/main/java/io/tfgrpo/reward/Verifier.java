package io.tfgrpo.reward;

/** Scores one answer to one problem in [0, 1]; the reward that GRPO's groups are compared by. */
public interface Verifier {

    Reward score(Attempt attempt);
}
