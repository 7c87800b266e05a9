package io.tfgrpo.training;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.tfgrpo.library.ExperienceOperation;
import io.tfgrpo.library.ExperienceView;
import io.tfgrpo.library.LibraryVersions;
import io.tfgrpo.library.VersionOrigin;
import io.tfgrpo.llm.Purpose;

/**
 * METHOD.md steps 7 and 8: merges the groups' operations into the batch's net update (one call, stored), then
 * commits the step in one transaction: the new library version (only the valid operations, each experience
 * with its provenance), the step record, and the job's next step, fenced by the lease epoch.
 */
@Component
class StepCommitter {

    private final StepRunner runner;
    private final StepStore store;
    private final JobStore jobs;
    private final LibraryVersions versions;
    private final TransactionTemplate transaction;

    StepCommitter(StepRunner runner, StepStore store, JobStore jobs, LibraryVersions versions,
            TransactionTemplate transaction) {
        this.runner = runner;
        this.store = store;
        this.jobs = jobs;
        this.versions = versions;
        this.transaction = transaction;
    }

    /** The batch's net operations: none when no group proposed any, else the (stored) batch update. */
    List<Distillation.Operation> batchUpdate(StepRunner.Context ctx, int step, List<ExperienceView> library,
            Map<Integer, StepStore.Group> groups) {
        List<Distillation.Operation> proposed = groups.values().stream()
                .filter(g -> g.operations() != null).flatMap(g -> g.operations().stream())
                .filter(op -> op.op() != Distillation.Operation.Op.NONE).toList();
        if (proposed.isEmpty()) {
            return List.of();
        }
        return store.batchUpdate(ctx.job().id(), step).orElseGet(() -> {
            JobConfig c = ctx.job().config();
            var update = runner.distill(ctx, c, Purpose.UPDATE, ctx.prompts().batchUpdate(aimed(library, proposed),
                    unaimed(library, proposed), ctx.maxWords(),
                    c.maxExperiences() == null ? "no fixed number of" : Integer.toString(c.maxExperiences())),
                    Distillation.BatchUpdate.class, StepRunner.callSeed(c, step, -1, StepRunner.BATCH_CALL));
            store.saveBatchUpdate(ctx.job().id(), step, update.operations());
            return update.operations();
        });
    }

    /** Commits the step; a lost lease rolls everything back and is reported as {@link LeaseLost}. */
    StepStore.Step commit(StepRunner.Context ctx, StepStore.Step draft, List<Distillation.Operation> net,
            int librarySize, List<String> problems) {
        JobStore.Job job = ctx.job();
        List<ExperienceOperation> operations = new ArrayList<>();
        int dropped = toLibraryOperations(net, librarySize, job.config().maxExperiences(), operations);
        return transaction.execute(status -> {
            StepStore.Step step = draft;
            if (!operations.isEmpty()) {
                Map<String, Object> provenance = new LinkedHashMap<>();
                provenance.put("source", "job");
                provenance.put("job", job.id().toString());
                provenance.put("epoch", draft.epoch());
                provenance.put("step", draft.step());
                provenance.put("problems", problems);
                LibraryVersions.Commit commit = versions.commitValid(job.library(), draft.baseVersion(), operations,
                        i -> withReason(provenance, net, operations.get(i)),
                        VersionOrigin.job(job.id(), draft.step(), "training step " + (draft.step() + 1)));
                step = new StepStore.Step(draft.step(), draft.epoch(), draft.batch(), draft.baseVersion(),
                        commit.version().version(), draft.problems(), draft.meanReward(), draft.groupsLearned(),
                        draft.groupsSkipped(), draft.groupsFailed(), operations.size() - commit.rejected().size(),
                        dropped + commit.rejected().size(), draft.tokens(), draft.costUsd(), draft.durationMs(),
                        draft.rolloutsFailed(), draft.rolloutsTruncated());
            }
            else {
                step = new StepStore.Step(draft.step(), draft.epoch(), draft.batch(), draft.baseVersion(), null,
                        draft.problems(), draft.meanReward(), draft.groupsLearned(), draft.groupsSkipped(),
                        draft.groupsFailed(), 0, dropped, draft.tokens(), draft.costUsd(), draft.durationMs(),
                        draft.rolloutsFailed(), draft.rolloutsTruncated());
            }
            store.saveStep(job.id(), step);
            if (!jobs.advance(job.id(), job.leaseEpoch(), draft.step())) {
                throw LeaseLost.beforeStep(job.id(), draft.step());
            }
            return step;
        });
    }

    /**
     * Turns the model's operations into library operations: NONE and operations missing their code or text are
     * dropped, and additions beyond the library cap too. Returns how many were dropped.
     */
    private static int toLibraryOperations(List<Distillation.Operation> net, int librarySize, Integer cap,
            List<ExperienceOperation> out) {
        int dropped = 0;
        int size = librarySize;
        for (Distillation.Operation op : net) {
            String code = op.code() == null || op.code().isBlank() ? null : op.code().strip();
            String text = op.text() == null || op.text().isBlank() ? null : op.text().strip();
            switch (op.op()) {
                case ADD -> {
                    if (text == null || (cap != null && size >= cap)) {
                        dropped++;
                    }
                    else {
                        out.add(ExperienceOperation.add(text));
                        size++;
                    }
                }
                case UPDATE -> {
                    if (code == null || text == null) {
                        dropped++;
                    }
                    else {
                        out.add(ExperienceOperation.update(code, text));
                    }
                }
                case DELETE -> {
                    if (code == null) {
                        dropped++;
                    }
                    else {
                        out.add(ExperienceOperation.delete(code));
                        size--;
                    }
                }
                case NONE -> {
                }
            }
        }
        return dropped;
    }

    private static Map<String, Object> withReason(Map<String, Object> provenance, List<Distillation.Operation> net,
            ExperienceOperation operation) {
        Map<String, Object> result = new LinkedHashMap<>(provenance);
        net.stream().filter(op -> op.op().name().equals(operation.op().name())
                && (operation.text() == null || operation.text().equals(op.text().strip())))
                .findFirst().ifPresent(op -> result.put("reason", op.reason()));
        return result;
    }

    private static String aimed(List<ExperienceView> library, List<Distillation.Operation> proposed) {
        if (library.isEmpty()) {
            return "(none yet)";
        }
        Map<String, List<Distillation.Operation>> byCode = proposed.stream().filter(op -> !op.code().isBlank())
                .collect(Collectors.groupingBy(op -> op.code().strip()));
        StringBuilder text = new StringBuilder();
        for (ExperienceView e : library) {
            text.append('[').append(e.code()).append("] ").append(e.text()).append('\n');
            byCode.getOrDefault(e.code(), List.of()).forEach(op -> text.append("    proposed: ").append(describe(op))
                    .append('\n'));
        }
        return text.toString();
    }

    private static String unaimed(List<ExperienceView> library, List<Distillation.Operation> proposed) {
        var codes = library.stream().map(ExperienceView::code).collect(Collectors.toSet());
        List<String> lines = proposed.stream().filter(op -> !codes.contains(op.code().strip()))
                .map(op -> "- " + describe(op)).toList();
        return lines.isEmpty() ? "(none)" : String.join("\n", lines);
    }

    private static String describe(Distillation.Operation op) {
        return op.op() + (op.code().isBlank() ? "" : " " + op.code()) + (op.text().isBlank() ? "" : ": " + op.text())
                + (op.reason().isBlank() ? "" : " (" + op.reason() + ")");
    }
}
