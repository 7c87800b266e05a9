package io.tfgrpo.evaluation;

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
import io.tfgrpo.library.LibraryNotFound;
import io.tfgrpo.library.VersionNotFound;
import io.tfgrpo.shared.Canvas;
import io.tfgrpo.shared.Charts;
import io.tfgrpo.shared.NotGranted;
import io.tfgrpo.shared.PageView;
import io.tfgrpo.shared.Problems;

@RestController
@RequestMapping("/api/evaluations")
@Tag(name = "Evaluations", description = "Mean@n and Pass@k of library versions against the no-library baseline")
class EvaluationController {

    private static final String EVALUATION = "The evaluation's id";

    private final Evaluations evaluations;
    private final EvaluationEvents events;

    EvaluationController(Evaluations evaluations, EvaluationEvents events) {
        this.evaluations = evaluations;
        this.events = events;
    }

    @PostMapping
    @Operation(operationId = "startEvaluation", summary = "Start an evaluation",
            description = "`samples` answers per problem under each version (and `none`, the baseline without a "
                    + "prior), reported as Mean@samples and Pass@k for each `k`; 202 with Location.")
    @ApiResponse(responseCode = "202", description = "Queued; `Location` names the evaluation")
    @Problems({ DatasetNotFound.class, LibraryNotFound.class, VersionNotFound.class, NotGranted.class })
    ResponseEntity<EvaluationView> start(@Valid @RequestBody StartEvaluation request) {
        EvaluationView evaluation = evaluations.start(request);
        return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create("/api/evaluations/" + evaluation.id()))
                .body(evaluation);
    }

    @GetMapping
    @Operation(operationId = "listEvaluations",
            summary = "Evaluations, newest first: what each measures and how far it got (its figures: GET it)")
    @ApiResponse(responseCode = "200", description = "A page of evaluations")
    PageView<EvaluationSummary> list(@RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return evaluations.list(page, size);
    }

    @GetMapping("/{id}")
    @Operation(operationId = "getEvaluation",
            summary = "Figures so far: per version Mean@n, Pass@k, tokens, cost; differences with 95% intervals")
    @ApiResponse(responseCode = "200", description = "The evaluation")
    @Problems(EvaluationNotFound.class)
    EvaluationView get(@PathVariable @Parameter(description = EVALUATION) UUID id) {
        return evaluations.get(id);
    }

    @GetMapping("/{id}/items")
    @Operation(operationId = "listEvaluationItems",
            summary = "Per-problem results: samples, correct answers and mean reward under each version")
    @ApiResponse(responseCode = "200", description = "A page of per-problem results")
    @Problems(EvaluationNotFound.class)
    PageView<ProblemResult> items(@PathVariable @Parameter(description = EVALUATION) UUID id,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(500) int size) {
        return evaluations.problems(id, page, size);
    }

    @GetMapping(path = "/{id}/events", produces = "text/event-stream")
    @Operation(operationId = "streamEvaluationEvents",
            summary = "Progress as Server-Sent Events: `progress` (answers stored of all), then `done`")
    @ApiResponse(responseCode = "200", description = "The event stream", content = @Content(
            mediaType = "text/event-stream", schema = @Schema(type = "string", description = "Server-Sent Events")))
    @Problems(EvaluationNotFound.class)
    SseEmitter events(@PathVariable @Parameter(description = EVALUATION) UUID id) {
        evaluations.get(id);
        return events.stream(id);
    }

    @GetMapping(path = "/{id}/chart.svg", produces = "image/svg+xml")
    @Operation(operationId = "getEvaluationChartSvg", summary = "Mean@n per version with 95% intervals, as SVG")
    @ApiResponse(responseCode = "200", description = "The chart")
    @Problems(EvaluationNotFound.class)
    String chartSvg(@PathVariable @Parameter(description = EVALUATION) UUID id) {
        var view = evaluations.get(id);
        return Charts.svg(canvas -> draw(canvas, view));
    }

    @GetMapping(path = "/{id}/chart.png", produces = MediaType.IMAGE_PNG_VALUE)
    @Operation(operationId = "getEvaluationChartPng", summary = "Mean@n per version with 95% intervals, as PNG")
    @ApiResponse(responseCode = "200", description = "The chart")
    @Problems(EvaluationNotFound.class)
    byte[] chartPng(@PathVariable @Parameter(description = EVALUATION) UUID id) {
        var view = evaluations.get(id);
        return Charts.png(canvas -> draw(canvas, view));
    }

    private static void draw(Canvas canvas, EvaluationView evaluation) {
        Charts.bars(canvas, "Mean@" + evaluation.samples() + " of " + evaluation.library() + " (95% intervals)",
                "Mean@" + evaluation.samples(),
                evaluation.versions().stream().map(v -> new Charts.Bar(v.version().equals("none") ? "no library"
                        : "version " + v.version(), v.meanAtK(), v.meanAtKLower(), v.meanAtKUpper())).toList());
    }

    @PostMapping("/{id}/cancel")
    @Operation(operationId = "cancelEvaluation", summary = "Cancel an evaluation; the answers stored so far stay")
    @ApiResponse(responseCode = "202", description = "Cancellation requested (or done, if it was queued)")
    @Problems({ EvaluationNotFound.class, EvaluationFinished.class })
    ResponseEntity<EvaluationView> cancel(@PathVariable @Parameter(description = EVALUATION) UUID id) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(evaluations.cancel(id));
    }
}
