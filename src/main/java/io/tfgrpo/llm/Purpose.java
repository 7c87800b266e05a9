package io.tfgrpo.llm;

/** Why a model is called; the ledger and the metrics are broken down by it. */
public enum Purpose {
    ROLLOUT, SUMMARY, ADVANTAGE, UPDATE, JUDGE, INFERENCE, EVALUATION
}
