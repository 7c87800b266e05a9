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
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tfgrpo.shared.Canvas;
import io.tfgrpo.shared.Charts;
import io.tfgrpo.shared.PageView;

@RestController
@RequestMapping("/api/training-jobs")
@Tag(name = "Training jobs", description = "Training-Free GRPO runs: start, follow, cancel")
class TrainingJobController {

    private final TrainingJobs jobs;
    private final TrainingEvents events;
    private final RolloutPages rollouts;

    TrainingJobController(TrainingJobs jobs, TrainingEvents events, RolloutPages rollouts) {
        this.jobs = jobs;
        this.events = events;
        this.rollouts = rollouts;
    }

    @PostMapping
    @Operation(summary = "Start a training job",
            description = "202 with the queued job. `?dryRun=true` starts nothing and returns the plan. A retried "
                    + "POST with the same `Idempotency-Key` header returns the same job.")
    @ApiResponse(responseCode = "202", description = "Queued")
    @ApiResponse(responseCode = "404", description = "No such dataset")
    ResponseEntity<Object> start(@Valid @RequestBody StartTrainingJob request,
            @RequestParam(defaultValue = "false") boolean dryRun,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        if (dryRun) {
            return ResponseEntity.ok(jobs.plan(request));
        }
        TrainingJobView job = jobs.start(request, idempotencyKey);
        return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create("/api/training-jobs/" + job.id()))
                .body(job);
    }

    @GetMapping
    @Operation(summary = "Training jobs, newest first")
    PageView<TrainingJobView> list(@RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return jobs.list(page, size);
    }

    @GetMapping("/{id}")
    @Operation(summary = "A training job: status, progress, per-step figures, tokens, cost, versions, error")
    @ApiResponse(responseCode = "404", description = "No such job")
    TrainingJobView get(@PathVariable UUID id) {
        return jobs.get(id);
    }

    @GetMapping(path = "/{id}/chart.svg", produces = "image/svg+xml")
    @Operation(summary = "Mean reward per step, as SVG")
    String chartSvg(@PathVariable UUID id) {
        var view = jobs.get(id);
        return Charts.svg(canvas -> draw(canvas, view));
    }

    @GetMapping(path = "/{id}/chart.png", produces = MediaType.IMAGE_PNG_VALUE)
    @Operation(summary = "Mean reward per step, as PNG")
    byte[] chartPng(@PathVariable UUID id) {
        var view = jobs.get(id);
        return Charts.png(canvas -> draw(canvas, view));
    }

    private static void draw(Canvas canvas, TrainingJobView job) {
        Charts.line(canvas, "Mean reward per step of " + job.library(), "mean reward",
                job.steps().stream().map(TrainingStepView::meanReward).toList());
    }

    @PostMapping("/{id}/cancel")
    @Operation(summary = "Cancel a job", description = "It stops within seconds; the versions it committed stay.")
    @ApiResponse(responseCode = "202", description = "Cancellation requested (or done, if the job was queued)")
    @ApiResponse(responseCode = "404", description = "No such job")
    ResponseEntity<TrainingJobView> cancel(@PathVariable UUID id) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(jobs.cancel(id));
    }

    @GetMapping(path = "/{id}/events", produces = "text/event-stream")
    @Operation(summary = "Progress as Server-Sent Events",
            description = "`progress` per finished rollout group, `step` per committed step, `done` at the end.")
    SseEmitter events(@PathVariable UUID id) {
        jobs.get(id);
        return events.stream(id);
    }

    @GetMapping("/{id}/rollouts")
    @Operation(summary = "Rollouts of a step: answers, rewards, summaries and the groups' advantages")
    PageView<RolloutPages.RolloutView> rollouts(@PathVariable UUID id, @RequestParam(defaultValue = "0") @Min(0) int step,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(500) int size) {
        jobs.get(id);
        return rollouts.page(id, step, page, size);
    }
}
