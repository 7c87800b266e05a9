package io.tfgrpo.training;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.springframework.stereotype.Component;

import io.tfgrpo.dataset.DatasetItemView;
import io.tfgrpo.dataset.Datasets;
import io.tfgrpo.library.ExperienceView;
import io.tfgrpo.library.Libraries;
import io.tfgrpo.library.LibraryVersions;
import io.tfgrpo.llm.LlmGateway;
import io.tfgrpo.llm.UsageView;
import io.tfgrpo.runs.RunEnded;
import io.tfgrpo.runs.RunExecution;
import io.tfgrpo.runs.RunGuard;
import io.tfgrpo.runs.RunOutcome;

/**
 * Runs a job from its first uncommitted step to the end, in the execution db-scheduler gave this instance. The
 * job's lease epoch is taken first (by the run kernel); from then on, the job's state only changes under that
 * epoch. A job whose validation evaluation is still going on ends the execution instead of waiting in it, and is
 * run again later.
 */
@Component
class JobRunner {

    private final JobStore jobs;
    private final StepStore steps;
    private final StepRunner runner;
    private final StepCommitter committer;
    private final Datasets datasets;
    private final Libraries libraries;
    private final LibraryVersions versions;
    private final LlmGateway gateway;
    private final TrainingSettings settings;
    private final PromotionDecision promotion;
    private final LongTexts texts;

    JobRunner(PromotionDecision promotion, JobStore jobs, StepStore steps, StepRunner runner, StepCommitter committer, Datasets datasets,
            Libraries libraries, LibraryVersions versions, LlmGateway gateway, TrainingSettings settings,
            LongTexts texts) {
        this.texts = texts;
        this.jobs = jobs;
        this.steps = steps;
        this.runner = runner;
        this.committer = committer;
        this.datasets = datasets;
        this.libraries = libraries;
        this.versions = versions;
        this.gateway = gateway;
        this.settings = settings;
        this.promotion = promotion;
    }

    /**
     * One execution of the job (see {@link RunExecution}): its steps from the first uncommitted one, then the
     * promotion decision; a job whose validation evaluation is still going on is looked at again later.
     */
    RunOutcome run(UUID id, String worker, BooleanSupplier stopping) {
        return RunExecution.execute(jobs.runs(), id, worker, epoch -> {
            JobStore.Job job = jobs.find(id).orElseThrow();
            if (job.nextStep() < job.totalSteps()) {
                StartTrainingJob.Budget budget = job.config().budget();
                UsageView spent = gateway.usage(id.toString());
                StepRunner.Context ctx = runner.context(job, datasets.allItems(job.config().datasetId()),
                        new MethodPrompts(job.config().promptOverrides(), libraries.get(job.library())),
                        new RunGuard(gateway, () -> jobs.runs().cancelRequested(id), stopping,
                                budget == null ? null : new RunGuard.Budget(budget.maxCostUsd(), budget.maxTokens()),
                                new RunGuard.Spent(spent.calls(), spent.totalTokens(), spent.costUsd())),
                        Math.min(settings.maxExperienceWords(), versions.maxExperienceWords()));
                for (int step = job.nextStep(); step < job.totalSteps(); step++) {
                    runStep(ctx, step);
                }
            }
            var verdict = promotion.decide(job, lastVersion(id));
            if (verdict.isEmpty()) {
                return RunOutcome.checkAgainIn(settings.validationCheckInterval());
            }
            promotion.conclude(job, verdict.get());
            return RunOutcome.ENDED;
        });
    }

    private void runStep(StepRunner.Context ctx, int step) {
        long started = System.nanoTime();
        long tokensBefore = ctx.guard().tokens();
        BigDecimal costBefore = ctx.guard().cost();
        JobStore.Job job = ctx.job();
        JobConfig c = job.config();
        int epoch = step / job.stepsPerEpoch();
        int batchIndex = step % job.stepsPerEpoch();
        List<Integer> batch = Batches.of(ctx.items().size(), c.batchSize(), c.seed(), epoch, batchIndex);
        int base = baseVersion(job);
        List<ExperienceView> library = versions.get(job.library(), base).experiences();

        var rollouts = runner.rollouts(ctx, step, batch, library);
        if (rollouts.values().stream().flatMap(g -> g.values().stream()).allMatch(StepStore.Rollout::failed)) {
            throw RunEnded.failed("MODEL_FAILED", "Every rollout of step " + (step + 1) + " failed; last error: "
                    + rollouts.values().iterator().next().values().iterator().next().error());
        }
        var usable = usable(rollouts);
        List<Integer> kept = batch.stream()
                .filter(item -> learnable(usable.getOrDefault(item, Map.of()), c.groupSize())).toList();
        runner.summaries(ctx, step, kept, usable, library);
        var withSummaries = usable(steps.rollouts(job.id(), step));
        runner.advantages(ctx, step, kept, withSummaries, library);
        Map<Integer, StepStore.Group> groups = steps.groups(job.id(), step);
        int failed = (int) kept.stream().filter(item -> groups.get(item) == null || groups.get(item).failure() != null)
                .count();
        boolean proposals = groups.values().stream().anyMatch(g -> g.operations() != null && g.operations().stream()
                .anyMatch(op -> op.op() != Distillation.Operation.Op.NONE));
        String groupError = groups.values().stream().map(StepStore.Group::failure).filter(Objects::nonNull)
                .findFirst().orElse(null);
        checkFailedShare(step, kept.size() + (proposals ? 1 : 0), failed, groupError);
        StepStore.Batch update = committer.batchUpdate(ctx, step, library, groups);
        checkFailedShare(step, kept.size() + (proposals ? 1 : 0), failed + (update.failure() != null ? 1 : 0),
                update.failure() != null ? update.failure() : groupError);
        List<NetUpdate.Proposed> net = update.failure() != null ? List.of() : texts.fit(ctx, step, update.operations());

        double meanReward = usable.values().stream().flatMap(g -> g.values().stream())
                .mapToDouble(r -> r.reward() == null ? 0 : r.reward()).average().orElse(0);
        int rolloutsFailed = count(rollouts, StepStore.Rollout::failed);
        int rolloutsTruncated = count(rollouts, StepStore.Rollout::truncated);
        List<String> problems = kept.stream().filter(item -> groups.get(item) != null && groups.get(item).failure() == null)
                .map(item -> problemId(ctx.items().get(item))).toList();
        committer.commit(ctx, new StepStore.Step(step, epoch, batchIndex, base, null, batch.size(), meanReward,
                kept.size() - failed, batch.size() - kept.size(), failed, 0, 0, ctx.guard().tokens() - tokensBefore,
                ctx.guard().cost().subtract(costBefore), (System.nanoTime() - started) / 1_000_000,
                rolloutsFailed, rolloutsTruncated,
                update.failure() == null ? null : "the batch update failed: " + update.failure()), net, library, problems);
    }

    /**
     * Fails the job when more than {@code tfgrpo.training.max-failed-share} of the step's distillation units (its
     * learnable groups, and its batch update when there is one) failed for good. Checked before the batch update
     * too, counting it as a success, so that a step already lost does not pay for it.
     */
    private void checkFailedShare(int step, int units, int failed, String error) {
        if (failed > 0 && failed > settings.maxFailedShare() * units) {
            throw RunEnded.failed("DISTILLATION_FAILED", "Step " + (step + 1) + ": the distillation of " + failed
                    + " of its " + units + " learnable groups and batch update failed, more than "
                    + "tfgrpo.training.max-failed-share (" + settings.maxFailedShare() + "); one error: " + error);
        }
    }

    /**
     * METHOD.md step 3 over a group's usable rollouts: fewer than 2 are no comparison, and rewards all equal carry no
     * signal; with G = 1 the group is used when its one rollout is usable. A failed call is never a lesson.
     */
    private static boolean learnable(Map<Integer, StepStore.Rollout> usable, int groupSize) {
        if (groupSize == 1) {
            return usable.size() == 1;
        }
        return usable.size() >= 2 && usable.values().stream().map(StepStore.Rollout::reward).distinct().count() > 1;
    }

    /** The rollouts that are answers: neither failed nor cut off at the token limit. */
    private static Map<Integer, Map<Integer, StepStore.Rollout>> usable(
            Map<Integer, Map<Integer, StepStore.Rollout>> rollouts) {
        Map<Integer, Map<Integer, StepStore.Rollout>> usable = new java.util.HashMap<>();
        rollouts.forEach((item, group) -> group.forEach((sample, r) -> {
            if (r.usable()) {
                usable.computeIfAbsent(item, i -> new java.util.HashMap<>()).put(sample, r);
            }
        }));
        return usable;
    }

    private static int count(Map<Integer, Map<Integer, StepStore.Rollout>> rollouts,
            java.util.function.Predicate<StepStore.Rollout> which) {
        return (int) rollouts.values().stream().flatMap(g -> g.values().stream()).filter(which).count();
    }

    /** The version a step starts from: the last one the job committed, or the version the job started from. */
    private int baseVersion(JobStore.Job job) {
        Integer last = lastVersion(job.id());
        return last != null ? last : job.startVersion();
    }

    private Integer lastVersion(UUID job) {
        return steps.steps(job).stream().map(StepStore.Step::libraryVersion).filter(java.util.Objects::nonNull)
                .reduce((a, b) -> b).orElse(null);
    }

    private static String problemId(DatasetItemView item) {
        return item.id() != null ? item.id() : "#" + item.ordinal();
    }
}
