package io.tfgrpo.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.springframework.stereotype.Component;

import io.tfgrpo.dataset.DatasetItemView;
import io.tfgrpo.library.ExperienceView;
import io.tfgrpo.llm.ChatCall;
import io.tfgrpo.llm.ChatReply;
import io.tfgrpo.llm.ModelCallFailed;
import io.tfgrpo.llm.Purpose;
import io.tfgrpo.llm.StructuredOutputFailed;
import io.tfgrpo.reward.Attempt;
import io.tfgrpo.reward.Reward;
import io.tfgrpo.reward.Verifier;
import io.tfgrpo.reward.VerifierFailed;
import io.tfgrpo.reward.Verifiers;
import io.tfgrpo.runs.FanOut;
import io.tfgrpo.runs.RunEnded;
import io.tfgrpo.runs.RunGuard;
import io.tfgrpo.runs.RunStopping;

/**
 * The model-facing phases of one step (METHOD.md steps 1 to 6): rollouts, rewards, the group filter, summaries,
 * group advantages and group updates. Each phase fans out on virtual threads (the job's guard bounds the calls per
 * profile) and stores every result as it arrives; a resumed step calls only for what is not stored yet.
 */
@Component
class StepRunner {

    /** What a job's step works with. */
    record Context(JobStore.Job job, List<DatasetItemView> items, Verifier verifier, MethodPrompts prompts,
            RunGuard guard, int maxWords) {
    }

    private final StepStore store;
    private final Verifiers verifiers;

    StepRunner(StepStore store, Verifiers verifiers) {
        this.store = store;
        this.verifiers = verifiers;
    }

    /**
     * A job's context: its verifier's model calls (an llm-judge's) go through the job's guard like its own, so they
     * count in its budget and its steps.
     */
    Context context(JobStore.Job job, List<DatasetItemView> items, MethodPrompts prompts, RunGuard guard, int maxWords) {
        Verifier verifier = verifiers.create(job.config().verifier(), job.id().toString(), guard::structured);
        return new Context(job, items, verifier, prompts, guard, maxWords);
    }

    /** Steps 1 and 2: G rollouts per problem, and the group's rewards as soon as its answers are in. */
    Map<Integer, Map<Integer, StepStore.Rollout>> rollouts(Context ctx, int step, List<Integer> batch,
            List<ExperienceView> library) {
        JobConfig c = ctx.job().config();
        Map<Integer, Map<Integer, StepStore.Rollout>> stored = store.rollouts(ctx.job().id(), step);
        List<Callable<Void>> groups = new ArrayList<>();
        for (int item : batch) {
            Map<Integer, StepStore.Rollout> done = stored.getOrDefault(item, Map.of());
            groups.add(() -> {
                List<Callable<Void>> samples = new ArrayList<>();
                for (int sample = 0; sample < c.groupSize(); sample++) {
                    int s = sample;
                    if (!done.containsKey(s)) {
                        samples.add(() -> {
                            rollout(ctx, step, item, s, library);
                            return null;
                        });
                    }
                }
                FanOut.all(samples);
                reward(ctx, step, item, store.rollouts(ctx.job().id(), step, item));
                return null;
            });
        }
        FanOut.all(groups);
        return store.rollouts(ctx.job().id(), step);
    }

    private void rollout(Context ctx, int step, int item, int sample, List<ExperienceView> library) {
        JobConfig c = ctx.job().config();
        ChatCall call = ChatCall.of(c.rolloutModel(), Purpose.ROLLOUT,
                ctx.prompts().rollout(library, ctx.items().get(item).problem())).ownedBy(ctx.job().id().toString())
                .withTemperature(c.rolloutTemperature()).withSeed(callSeed(c, step, item, sample));
        try {
            ChatReply reply = ctx.guard().chat(call);
            store.saveRollout(ctx.job().id(), step, item, sample, reply.content(), reply.truncated(), null);
        }
        catch (ModelCallFailed failed) {
            if (Thread.currentThread().isInterrupted()) {
                throw new RunStopping();
            }
            // a rollout that still fails after retries is no answer: marked failed, it takes no part in its group
            store.saveRollout(ctx.job().id(), step, item, sample, null, false, failed.getMessage());
        }
    }

    /**
     * Rewards of one group's usable rollouts (neither failed nor cut off), from the reference answer or,
     * ground-truth-free, from the answer most of them agree on as the job's verifier compares answers. A verifier that
     * needs no reference (an llm-judge, a webhook) scores without one when the problem has none, and always in
     * ground-truth-free mode. Only rollouts without a reward are scored, so a resumed step pays no judge twice.
     */
    private void reward(Context ctx, int step, int item, Map<Integer, StepStore.Rollout> group) {
        List<StepStore.Rollout> usable = group.values().stream().filter(StepStore.Rollout::usable)
                .sorted(java.util.Comparator.comparingInt(StepStore.Rollout::sample)).toList();
        if (usable.stream().allMatch(r -> r.reward() != null)) {
            return;
        }
        DatasetItemView problem = ctx.items().get(item);
        JobConfig c = ctx.job().config();
        boolean needsLabel = c.verifier().needsReferenceAnswer();
        String label = !c.groundTruthFree() ? problem.answer()
                : needsLabel ? ctx.verifier().consensus(usable.stream().map(StepStore.Rollout::response).toList())
                        .orElse(null)
                : null;
        for (StepStore.Rollout r : usable) {
            if (r.reward() != null) {
                continue;
            }
            Reward reward;
            try {
                reward = label == null && needsLabel ? new Reward(0, null, "no label")
                        : ctx.verifier().score(new Attempt(problem.problem(), label, r.response()));
            }
            catch (VerifierFailed | ModelCallFailed | StructuredOutputFailed e) {
                // a reward that cannot be had is an error, not a zero: the job stops and says why
                throw RunEnded.failed("VERIFIER_FAILED", "The verifier failed on problem " + item + ": "
                        + e.getMessage());
            }
            store.saveReward(ctx.job().id(), step, item, r.sample(), reward.extractedAnswer(), reward.value());
        }
    }

    /** Step 4: a summary of each attempt of a group that carries a learning signal. */
    void summaries(Context ctx, int step, List<Integer> kept, Map<Integer, Map<Integer, StepStore.Rollout>> rollouts,
            List<ExperienceView> library) {
        JobConfig c = ctx.job().config();
        List<Callable<Void>> calls = new ArrayList<>();
        for (int item : kept) {
            for (StepStore.Rollout r : rollouts.get(item).values()) {
                if (r.summary() != null || r.failed()) {
                    continue;
                }
                DatasetItemView problem = ctx.items().get(item);
                calls.add(() -> {
                    try {
                        var summary = distill(ctx, c, Purpose.SUMMARY, ctx.prompts().summary(problem.problem(),
                                reference(ctx, problem), library, r.reward(), r.response()),
                                Distillation.RolloutSummary.class, callSeed(c, step, item, r.sample()));
                        store.saveSummary(ctx.job().id(), step, item, r.sample(), summary.summary());
                    }
                    catch (StructuredOutputFailed | ModelCallFailed e) {
                        store.saveGroupFailure(ctx.job().id(), step, item, e.getMessage());
                    }
                    return null;
                });
            }
        }
        FanOut.all(calls);
    }

    /** Steps 5 and 6: the group's semantic advantage, then its operations on the library. */
    void advantages(Context ctx, int step, List<Integer> kept, Map<Integer, Map<Integer, StepStore.Rollout>> rollouts,
            List<ExperienceView> library) {
        JobConfig c = ctx.job().config();
        Map<Integer, StepStore.Group> stored = store.groups(ctx.job().id(), step);
        List<Callable<Void>> calls = new ArrayList<>();
        for (int item : kept) {
            StepStore.Group group = stored.get(item);
            if (group != null && (group.operations() != null || group.failure() != null)) {
                continue;
            }
            calls.add(() -> {
                DatasetItemView problem = ctx.items().get(item);
                try {
                    Distillation.GroupAdvantage advantage = group != null && group.advantage() != null
                            ? group.advantage() : null;
                    if (advantage == null) {
                        advantage = distill(ctx, c, Purpose.ADVANTAGE, ctx.prompts().advantage(problem.problem(),
                                reference(ctx, problem), library, summaries(rollouts.get(item)),
                                c.experiencesPerGroup(), ctx.maxWords()), Distillation.GroupAdvantage.class,
                                callSeed(c, step, item, ADVANTAGE_CALL));
                        store.saveAdvantage(ctx.job().id(), step, item, advantage);
                    }
                    List<String> proposals = advantage.experiences().stream().limit(c.experiencesPerGroup()).toList();
                    var update = distill(ctx, c, Purpose.UPDATE, ctx.prompts().groupUpdate(library, proposals,
                            ctx.maxWords()), Distillation.GroupUpdate.class, callSeed(c, step, item, UPDATE_CALL));
                    store.saveOperations(ctx.job().id(), step, item, update.operations());
                }
                catch (StructuredOutputFailed | ModelCallFailed e) {
                    // a group whose distillation fails is skipped and counted, never silently turned into nothing
                    store.saveGroupFailure(ctx.job().id(), step, item, e.getMessage());
                }
                return null;
            });
        }
        FanOut.all(calls);
    }

    /**
     * A distillation call. Its seed names the logical call (step, problem, sample or kind), so that two calls
     * never look alike to the provider and a call made twice is recognisably the same call.
     */
    <T> T distill(Context ctx, JobConfig c, Purpose purpose, List<io.tfgrpo.llm.ChatMessage> messages, Class<T> type,
            int seed) {
        return ctx.guard().structured(ChatCall.of(c.distillModel(), purpose, messages)
                .ownedBy(ctx.job().id().toString()).withTemperature(c.distillTemperature()).withSeed(seed), type).value();
    }

    /** A call of the job, made when its profile has a free slot and the job's guard lets it start. */
    private static String summaries(Map<Integer, StepStore.Rollout> group) {
        StringBuilder text = new StringBuilder();
        group.values().stream().sorted(java.util.Comparator.comparingInt(StepStore.Rollout::sample)).forEach(r -> text
                .append("Attempt ").append(r.sample() + 1).append(" (reward ").append(r.reward()).append("): ")
                .append(r.failed() ? "no answer (the call failed)" : r.summary()).append('\n'));
        return text.toString();
    }

    private static String reference(Context ctx, DatasetItemView problem) {
        return ctx.job().config().groundTruthFree() ? null : problem.answer();
    }

    static final int ADVANTAGE_CALL = 100_000;
    static final int UPDATE_CALL = 200_000;
    static final int BATCH_CALL = 300_000;

    static int callSeed(JobConfig c, int step, int item, int call) {
        return callSeed(c.seed(), step, item, call);
    }

    static int callSeed(long jobSeed, int step, int item, int call) {
        return (int) ((jobSeed * 31 + step) * 1_000_003L + item * 1_000_033L + call);
    }
}
