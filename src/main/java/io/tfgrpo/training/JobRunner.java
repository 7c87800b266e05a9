package io.tfgrpo.training;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.tfgrpo.dataset.DatasetItemView;
import io.tfgrpo.dataset.Datasets;
import io.tfgrpo.library.ExperienceView;
import io.tfgrpo.library.Libraries;
import io.tfgrpo.library.LibraryVersions;
import io.tfgrpo.llm.LlmGateway;
import io.tfgrpo.reward.Verifiers;
import io.tfgrpo.shared.DatabaseUnavailable;

/**
 * Runs a job from its first uncommitted step to the end, in the execution db-scheduler gave this instance. The
 * job's lease epoch is taken first; from then on, the job's state only changes under that epoch. A job whose
 * validation evaluation is still going on ends the execution instead of waiting in it, and is run again later.
 */
@Component
class JobRunner {

    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

    private final JobStore jobs;
    private final StepStore steps;
    private final StepRunner runner;
    private final StepCommitter committer;
    private final Datasets datasets;
    private final Libraries libraries;
    private final LibraryVersions versions;
    private final LlmGateway gateway;
    private final Verifiers verifiers;
    private final TrainingSettings settings;
    private final PromotionDecision promotion;

    JobRunner(PromotionDecision promotion, JobStore jobs, StepStore steps, StepRunner runner, StepCommitter committer, Datasets datasets,
            Libraries libraries, LibraryVersions versions, LlmGateway gateway, Verifiers verifiers,
            TrainingSettings settings) {
        this.jobs = jobs;
        this.steps = steps;
        this.runner = runner;
        this.committer = committer;
        this.datasets = datasets;
        this.libraries = libraries;
        this.versions = versions;
        this.gateway = gateway;
        this.verifiers = verifiers;
        this.settings = settings;
        this.promotion = promotion;
    }

    /**
     * How an execution of a job ended: the job ended, it waits for its validation evaluation, or this instance is
     * stopping and left it RUNNING, its stored results kept, for a running instance (or this one's next start).
     */
    enum Outcome {
        ENDED, AWAITING_VALIDATION, STOPPED
    }

    Outcome run(UUID id, String worker, BooleanSupplier stopping) {
        OptionalLong lease = jobs.claim(id, worker);
        if (lease.isEmpty()) {
            return Outcome.ENDED; // finished or cancelled while queued
        }
        JobStore.Job job = jobs.find(id).orElseThrow();
        try {
            if (job.nextStep() < job.totalSteps()) {
                StepRunner.Context ctx = new StepRunner.Context(job, datasets.allItems(job.config().datasetId()),
                        verifiers.create(job.config().verifier(), id.toString()),
                        new MethodPrompts(job.config().promptOverrides(), libraries.get(job.library())),
                        new Guard(id, jobs, job.config().budget(), gateway.usage(id.toString()), stopping),
                        settings.maxExperienceWords(), new ConcurrentHashMap<>());
                for (int step = job.nextStep(); step < job.totalSteps(); step++) {
                    runStep(ctx, step);
                }
            }
            var verdict = promotion.decide(job, lastVersion(id));
            if (verdict.isEmpty()) {
                return Outcome.AWAITING_VALIDATION;
            }
            promotion.conclude(job, verdict.get());
        }
        catch (JobStopped stop) {
            jobs.finish(id, job.leaseEpoch(), stop.status(), stop.code(), stop.getMessage());
        }
        catch (WorkerStopping | CancellationException stopped) {
            log.info("Training job {} stops on this instance (shutting down); it resumes elsewhere", id);
            return Outcome.STOPPED;
        }
        catch (LeaseLost lost) {
            log.warn("{}; the instance that holds it now goes on", lost.getMessage());
        }
        catch (RuntimeException e) {
            if (DatabaseUnavailable.causes(e)) {
                // not the job's fault: the execution fails and is retried (or revived) once the database is back
                log.warn("Training job {} pauses, the database is unavailable: {}", id, e.getMessage());
                throw e;
            }
            log.error("Training job {} failed", id, e);
            jobs.finish(id, job.leaseEpoch(), JobStore.Status.FAILED, "ERROR", e.getMessage());
        }
        return Outcome.ENDED;
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
            throw JobStopped.failed("MODEL_FAILED", "Every rollout of step " + (step + 1) + " failed; last error: "
                    + rollouts.values().iterator().next().values().iterator().next().error());
        }
        List<Integer> kept = batch.stream().filter(item -> learnable(rollouts.get(item), c.groupSize())).toList();
        runner.summaries(ctx, step, kept, rollouts, library);
        var withSummaries = steps.rollouts(job.id(), step);
        runner.advantages(ctx, step, kept, withSummaries, library);
        Map<Integer, StepStore.Group> groups = steps.groups(job.id(), step);
        List<Distillation.Operation> net = committer.batchUpdate(ctx, step, library, groups);

        int failed = (int) kept.stream().filter(item -> groups.get(item) == null || groups.get(item).failure() != null)
                .count();
        double meanReward = rollouts.values().stream().flatMap(g -> g.values().stream())
                .mapToDouble(r -> r.reward() == null ? 0 : r.reward()).average().orElse(0);
        List<String> problems = kept.stream().filter(item -> groups.get(item) != null && groups.get(item).failure() == null)
                .map(item -> problemId(ctx.items().get(item))).toList();
        committer.commit(ctx, new StepStore.Step(step, epoch, batchIndex, base, null, batch.size(), meanReward,
                kept.size() - failed, batch.size() - kept.size(), failed, 0, 0, ctx.guard().tokens() - tokensBefore,
                ctx.guard().cost().subtract(costBefore), (System.nanoTime() - started) / 1_000_000), net,
                library.size(), problems);
    }

    /** METHOD.md step 3: a group whose rewards are all equal carries no signal, except with G = 1. */
    private static boolean learnable(Map<Integer, StepStore.Rollout> group, int groupSize) {
        if (groupSize == 1) {
            return group.values().stream().noneMatch(StepStore.Rollout::failed);
        }
        return group.values().stream().map(StepStore.Rollout::reward).distinct().count() > 1;
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
