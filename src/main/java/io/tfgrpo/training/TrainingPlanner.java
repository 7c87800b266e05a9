package io.tfgrpo.training;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.List;

import org.springframework.stereotype.Component;

import io.tfgrpo.dataset.DatasetItemView;
import io.tfgrpo.llm.LlmGateway;
import io.tfgrpo.llm.ModelProfile;
import io.tfgrpo.reward.VerifierSpec;

/**
 * The dry run's arithmetic. Calls are counted at their most (every group learning); tokens assume answers of a
 * typical length per phase; wall time is the critical path, phase after phase: ceil(calls / concurrency) times
 * the profile's observed latency (1 s when it has made no calls yet).
 */
@Component
class TrainingPlanner {

    private static final int ROLLOUT_ANSWER = 400;
    private static final int SUMMARY_ANSWER = 120;
    private static final int ADVANTAGE_ANSWER = 250;
    private static final int UPDATE_ANSWER = 200;
    private static final int JUDGE_ANSWER = 40;
    private static final int INSTRUCTIONS = 250;
    private static final Duration UNKNOWN_LATENCY = Duration.ofSeconds(1);

    private final LlmGateway gateway;

    TrainingPlanner(LlmGateway gateway) {
        this.gateway = gateway;
    }

    TrainingPlan plan(JobConfig c, List<DatasetItemView> items) {
        int steps = c.epochs() * c.stepsPerEpoch(items.size());
        long problemTokens = items.stream().mapToLong(i -> i.problem().length() / 4 + 1).sum() / Math.max(1, items.size());
        long problems = (long) c.epochs() * items.size();
        long rollouts = problems * c.groupSize();
        long batchUpdates = steps;
        long rolloutTokens = rollouts * (problemTokens + INSTRUCTIONS + ROLLOUT_ANSWER);
        long distillTokens = rollouts * (problemTokens + INSTRUCTIONS + ROLLOUT_ANSWER + SUMMARY_ANSWER)
                + problems * (problemTokens + INSTRUCTIONS + c.groupSize() * SUMMARY_ANSWER + ADVANTAGE_ANSWER)
                + problems * (2 * INSTRUCTIONS + UPDATE_ANSWER) + batchUpdates * (4 * INSTRUCTIONS + UPDATE_ANSWER);
        ModelProfile rollout = gateway.profile(c.rolloutModel());
        ModelProfile distill = gateway.profile(c.distillModel());
        Duration rolloutLatency = gateway.observedLatency(c.rolloutModel()).orElse(UNKNOWN_LATENCY);
        Duration distillLatency = gateway.observedLatency(c.distillModel()).orElse(UNKNOWN_LATENCY);
        int perStep = c.batchSize();
        Duration perStepTime = rolloutLatency.multipliedBy(rounds((long) perStep * c.groupSize(), rollout))
                .plus(distillLatency.multipliedBy(rounds((long) perStep * c.groupSize(), distill)
                        + 2 * rounds(perStep, distill) + 1));
        long judgeCalls = 0;
        long judgeTokens = 0;
        BigDecimal judgeCost = BigDecimal.ZERO;
        if (c.verifier().type() == VerifierSpec.Type.LLM_JUDGE) {
            ModelProfile judge = gateway.profile(c.verifier().profile());
            judgeCalls = rollouts;
            judgeTokens = rollouts * (problemTokens + INSTRUCTIONS + ROLLOUT_ANSWER + JUDGE_ANSWER
                    + (c.verifier().rubric() == null ? 0 : c.verifier().rubric().length() / 4));
            judgeCost = cost(judge, judgeTokens);
            perStepTime = perStepTime.plus(gateway.observedLatency(c.verifier().profile()).orElse(UNKNOWN_LATENCY)
                    .multipliedBy(rounds((long) perStep * c.groupSize(), judge)));
        }
        return new TrainingPlan(steps, perStep, rollouts, rollouts, problems, problems, batchUpdates,
                rolloutTokens + distillTokens + judgeTokens,
                cost(rollout, rolloutTokens).add(cost(distill, distillTokens)).add(judgeCost),
                perStepTime.multipliedBy(steps), distill == rollout ? rolloutLatency : distillLatency,
                "Calls are upper bounds: groups whose rewards are all equal make no distillation calls. Tokens assume "
                        + ROLLOUT_ANSWER + "-token answers; cost uses the profiles' prices (0 when unset).",
                judgeCalls);
    }

    private static long rounds(long calls, ModelProfile profile) {
        return (calls + profile.maxConcurrency() - 1) / profile.maxConcurrency();
    }

    /** Tokens at the mean of the input and output prices: a plan is an estimate, not an invoice. */
    private static BigDecimal cost(ModelProfile profile, long tokens) {
        BigDecimal in = profile.inputPricePerMillion() == null ? BigDecimal.ZERO : profile.inputPricePerMillion();
        BigDecimal out = profile.outputPricePerMillion() == null ? BigDecimal.ZERO : profile.outputPricePerMillion();
        return in.add(out).divide(BigDecimal.TWO, MathContext.DECIMAL64).multiply(BigDecimal.valueOf(tokens))
                .divide(BigDecimal.valueOf(1_000_000), MathContext.DECIMAL64);
    }
}
