package io.tfgrpo.reward;

import io.tfgrpo.llm.ChatCall;
import io.tfgrpo.llm.Structured;

/**
 * How a verifier calls a model (an llm-judge does): straight to the gateway, or, in a training job, through the
 * job's guard, so that the budget is checked before each call and its tokens and cost are counted after it.
 */
@FunctionalInterface
public interface ModelCalls {

    <T> Structured<T> structured(ChatCall call, Class<T> type);
}
