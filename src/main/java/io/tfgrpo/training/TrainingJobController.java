package io.tfgrpo.training;

import java.net.URI;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tfgrpo.dataset.DatasetNotFound;
import io.tfgrpo.shared.Canvas;
import io.tfgrpo.shared.Charts;
import io.tfgrpo.shared.NotGranted;
import io.tfgrpo.shared.PageView;
import io.tfgrpo.shared.Problems;

@RestController
@RequestMapping("/api/training-jobs")
@Tag(name = "Training jobs", description = "Training-Free GRPO runs: start, follow, cancel")
class TrainingJobController {

    private static final String JOB = "The training job's id";

    private final TrainingJobs jobs;
    private final TrainingEvents events;
    private final RolloutPages rollouts;

    TrainingJobController(TrainingJobs jobs, TrainingEvents events, RolloutPages rollouts) {
        this.jobs = jobs;
        this.events = events;
        this.rollouts = rollouts;
    }

    @PostMapping
    @Operation(operationId = "startTrainingJob", summary = "Start a training job",
            description = "202 with the queued job and its `Location`. A retried POST with the same "
                    + "`Idempotency-Key` header returns the same job. `POST /api/training-jobs/plan` shows what it "
                    + "would do without starting it.")
    @ApiResponse(responseCode = "202", description = "Queued",
            content = @Content(schema = @Schema(implementation = TrainingJobView.class)))
    @Problems({ DatasetNotFound.class, NotGranted.class, IdempotencyKeyReused.class })
    ResponseEntity<Object> start(@Valid @RequestBody StartTrainingJob request,
            @RequestParam(defaultValue = "false") @Parameter(hidden = true) boolean dryRun,
            @RequestHeader(name = "Idempotency-Key", required = false) @Parameter(description = "Any string up to "
                    + "the client; a retried POST with the same key returns the job the first one started")
            String idempotencyKey) {
        if (dryRun) {
            return ResponseEntity.ok(jobs.plan(request));
        }
        TrainingJobView job = jobs.start(request, idempotencyKey);
        return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create("/api/training-jobs/" + job.id()))
                .body(job);
    }

    @PostMapping("/plan")
    @Operation(operationId = "planTrainingJob", summary = "Plan a training job without starting it",
            description = "Steps, model calls per phase at most, tokens, cost and wall time that the same request "
                    + "to start a job would take. Nothing is stored.")
    @ApiResponse(responseCode = "200", description = "The plan")
    @Problems(DatasetNotFound.class)
    TrainingPlan plan(@Valid @RequestBody StartTrainingJob request) {
        return jobs.plan(request);
    }

    @GetMapping
    @Operation(operationId = "listTrainingJobs", summary = "Training jobs, newest first")
    PageView<TrainingJobView> list(@RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return jobs.list(page, size);
    }

    @GetMapping("/{id}")
    @Operation(operationId = "getTrainingJob",
            summary = "A training job: status, progress, per-step figures, tokens, cost, versions, error")
    @ApiResponse(responseCode = "200", description = "The job")
    @Problems(TrainingJobNotFound.class)
    TrainingJobView get(@PathVariable @Parameter(description = JOB) UUID id) {
        return jobs.get(id);
    }

    @GetMapping("/{id}/steps/{step}")
    @Operation(operationId = "getTrainingStep",
            summary = "A committed step: its figures and what became of each operation of its batch update",
            description = "`operations.applied` lists what the step's version holds (op, code, text, the model's "
                    + "reason); `operations.rejected` what was left out and why (an unknown code, a text the "
                    + "library refused, an addition past `maxExperiences`). `figures.distillationFailed` says why a "
                    + "step whose groups learned made no version.")
    @ApiResponse(responseCode = "200", description = "The step")
    @Problems({ TrainingJobNotFound.class, TrainingStepNotFound.class })
    TrainingStepDetail step(@PathVariable @Parameter(description = JOB) UUID id,
            @PathVariable @Min(0) @Parameter(description = "The step, from 0 (as `steps[].step` of the job)")
            int step) {
        return jobs.step(id, step);
    }

    @GetMapping(path = "/{id}/chart.svg", produces = "image/svg+xml")
    @Operation(operationId = "getTrainingJobChartSvg", summary = "Mean reward per step, as SVG")
    @ApiResponse(responseCode = "200", description = "The chart")
    @Problems(TrainingJobNotFound.class)
    String chartSvg(@PathVariable @Parameter(description = JOB) UUID id) {
        var view = jobs.get(id);
        return Charts.svg(canvas -> draw(canvas, view));
    }

    @GetMapping(path = "/{id}/chart.png", produces = MediaType.IMAGE_PNG_VALUE)
    @Operation(operationId = "getTrainingJobChartPng", summary = "Mean reward per step, as PNG")
    @ApiResponse(responseCode = "200", description = "The chart")
    @Problems(TrainingJobNotFound.class)
    byte[] chartPng(@PathVariable @Parameter(description = JOB) UUID id) {
        var view = jobs.get(id);
        return Charts.png(canvas -> draw(canvas, view));
    }

    private static void draw(Canvas canvas, TrainingJobView job) {
        Charts.line(canvas, "Mean reward per step of " + job.library(), "mean reward",
                job.steps().stream().map(TrainingStepView::step).toList(),
                job.steps().stream().map(TrainingStepView::meanReward).toList());
    }

    @PostMapping("/{id}/cancel")
    @Operation(operationId = "cancelTrainingJob", summary = "Cancel a job",
            description = "It stops within seconds; the versions it committed stay.")
    @ApiResponse(responseCode = "202", description = "Cancellation requested (or done, if the job was queued)")
    @Problems({ TrainingJobNotFound.class, TrainingJobFinished.class })
    ResponseEntity<TrainingJobView> cancel(@PathVariable @Parameter(description = JOB) UUID id) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(jobs.cancel(id));
    }

    @GetMapping(path = "/{id}/events", produces = "text/event-stream")
    @Operation(operationId = "streamTrainingJobEvents", summary = "Progress as Server-Sent Events",
            description = "`progress` per finished rollout group, `step` per committed step, `done` at the end.")
    @ApiResponse(responseCode = "200", description = "The event stream", content = @Content(
            mediaType = "text/event-stream", schema = @Schema(type = "string", description = "Server-Sent Events")))
    @Problems(TrainingJobNotFound.class)
    SseEmitter events(@PathVariable @Parameter(description = JOB) UUID id) {
        jobs.get(id);
        return events.stream(id);
    }

    @GetMapping("/{id}/rollouts")
    @Operation(operationId = "listTrainingJobRollouts",
            summary = "Rollouts of a step: answers, rewards, summaries and the groups' advantages")
    @ApiResponse(responseCode = "200", description = "A page of rollouts")
    @Problems(TrainingJobNotFound.class)
    PageView<RolloutPages.RolloutView> rollouts(@PathVariable @Parameter(description = JOB) UUID id,
            @RequestParam(defaultValue = "0") @Min(0) @Parameter(description = "The step, from 0") int step,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(500) int size) {
        jobs.get(id);
        return rollouts.page(id, step, page, size);
    }
}
