package io.tfgrpo.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tfgrpo.shared.PageView;
import io.tfgrpo.shared.Problems;

@RestController
@RequestMapping("/api/datasets")
@Tag(name = "Datasets", description = "Problems to train and evaluate on, uploaded as JSONL")
class DatasetController {

    static final String NDJSON = "application/x-ndjson";
    static final String JSONL = "application/jsonl";
    private static final String JSONL_EXAMPLE = """
            {"id": "q1", "problem": "What is 2 + 3?", "answer": "5"}
            {"id": "q2", "question": "How many legs do 3 spiders have?", "answer": 24, "source": "demo"}
            """;

    private final Datasets datasets;
    private final DatasetSettings settings;

    DatasetController(Datasets datasets, DatasetSettings settings) {
        this.datasets = datasets;
        this.settings = settings;
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(operationId = "uploadDataset", summary = "Upload a JSONL dataset",
            description = "As a multipart form's `file`, or as the request body (`application/x-ndjson` or "
                    + "`application/jsonl`). Each line: an object with `problem` (or `question`/`prompt`), optional "
                    + "`answer` and `id`; other fields are kept as metadata. All or nothing: any bad line rejects the "
                    + "whole upload.",
            requestBody = @RequestBody(required = true, content = {
                    @Content(mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
                            schema = @Schema(implementation = JsonlFile.class)),
                    @Content(mediaType = NDJSON, schema = @Schema(type = "string"),
                            examples = @ExampleObject(name = "two problems", value = JSONL_EXAMPLE)),
                    @Content(mediaType = JSONL, schema = @Schema(type = "string"),
                            examples = @ExampleObject(name = "two problems", value = JSONL_EXAMPLE)) }))
    @ApiResponse(responseCode = "201", description = "Stored; `Location` names the dataset")
    @ApiResponse(responseCode = "400", description = "Lines are wrong; `errors` lists up to "
            + "tfgrpo.datasets.max-reported-errors of them with their line")
    @Problems({ InvalidDataset.class, UploadTooLarge.class })
    ResponseEntity<DatasetView> uploadFile(@RequestParam @NotBlank @Size(max = 200)
            @Parameter(description = "The dataset's name (need not be unique)", example = "gsm8k-sample") String name,
            @RequestPart("file") MultipartFile file) throws IOException {
        if (file.getSize() > settings.maxUploadSize().toBytes()) {
            throw UploadTooLarge.over(settings.maxUploadSize());
        }
        try (InputStream in = file.getInputStream()) {
            return created(datasets.upload(name, in));
        }
    }

    /** The same operation with the JSONL as the body; documented with the multipart one. */
    @PostMapping(consumes = { NDJSON, JSONL })
    @Operation(hidden = true)
    ResponseEntity<DatasetView> uploadBody(@RequestParam @NotBlank @Size(max = 200) String name,
            HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > settings.maxUploadSize().toBytes()) {
            throw UploadTooLarge.over(settings.maxUploadSize());
        }
        try (SpooledUpload body = SpooledUpload.of(request.getInputStream(), settings.maxUploadSize());
                InputStream in = body.open()) {
            return created(datasets.upload(name, in));
        }
    }

    @GetMapping
    @Operation(operationId = "listDatasets", summary = "List datasets, newest first")
    PageView<DatasetView> list(@RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(500) int size) {
        return datasets.list(page, size);
    }

    @GetMapping("/{id}")
    @Operation(operationId = "getDataset", summary = "A dataset")
    @ApiResponse(responseCode = "200", description = "The dataset")
    @Problems(DatasetNotFound.class)
    DatasetView get(@PathVariable @Parameter(description = "The dataset's id") UUID id) {
        return datasets.get(id);
    }

    @GetMapping("/{id}/items")
    @Operation(operationId = "listDatasetItems", summary = "A page of a dataset's problems, in upload order")
    @ApiResponse(responseCode = "200", description = "A page of problems")
    @Problems(DatasetNotFound.class)
    PageView<DatasetItemView> items(@PathVariable @Parameter(description = "The dataset's id") UUID id,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(500) int size) {
        return datasets.items(id, page, size);
    }

    @DeleteMapping("/{id}")
    @Operation(operationId = "deleteDataset", summary = "Delete a dataset and its problems")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "409", description = "Training jobs or evaluations refer to it; `trainingJobs` and "
            + "`evaluations` list them (up to 100 of each)")
    @Problems({ DatasetNotFound.class, DatasetInUse.class })
    ResponseEntity<Void> delete(@PathVariable @Parameter(description = "The dataset's id") UUID id) {
        datasets.delete(id);
        return ResponseEntity.noContent().build();
    }

    /** The multipart form of an upload. */
    @Schema(name = "DatasetUploadForm")
    record JsonlFile(@Schema(description = "the JSONL file", type = "string", format = "binary",
            requiredMode = Schema.RequiredMode.REQUIRED) MultipartFile file) {
    }

    private static ResponseEntity<DatasetView> created(DatasetView dataset) {
        return ResponseEntity.created(URI.create("/api/datasets/" + dataset.id())).body(dataset);
    }
}
