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
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tfgrpo.shared.PageView;

@RestController
@RequestMapping("/api/datasets")
@Tag(name = "Datasets", description = "Problems to train and evaluate on, uploaded as JSONL")
class DatasetController {

    static final String NDJSON = "application/x-ndjson";
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
    @Operation(summary = "Upload a JSONL file as multipart form data",
            description = "Each line: an object with `problem` (or `question`/`prompt`), optional `answer` and `id`; "
                    + "other fields are kept as metadata. All or nothing: any bad line rejects the whole upload.")
    @ApiResponse(responseCode = "201", description = "Stored")
    @ApiResponse(responseCode = "400", description = "A line is wrong; `errors` lists up to 20 with their line",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject("""
                    {"type": "urn:tfgrpo:problem:invalid-dataset", "title": "Invalid dataset", "status": 400,
                     "detail": "line 3: malformed JSON: Unexpected end-of-input", "line": 3,
                     "errors": [{"line": 3, "message": "malformed JSON: Unexpected end-of-input"}]}""")))
    @ApiResponse(responseCode = "413", description = "Larger than tfgrpo.datasets.max-upload-size")
    ResponseEntity<DatasetView> uploadFile(
            @RequestParam @NotBlank @Size(max = 200) @Parameter(example = "gsm8k-sample") String name,
            @RequestPart("file") MultipartFile file) throws IOException {
        if (file.getSize() > settings.maxUploadSize().toBytes()) {
            throw UploadTooLarge.over(settings.maxUploadSize());
        }
        try (InputStream in = file.getInputStream()) {
            return created(datasets.upload(name, in));
        }
    }

    @PostMapping(consumes = { NDJSON, "application/jsonl" })
    @Operation(summary = "Upload JSONL as the request body", description = "Same rules as the multipart upload.",
            requestBody = @RequestBody(content = @Content(mediaType = NDJSON,
                    examples = @ExampleObject(JSONL_EXAMPLE))))
    @ApiResponse(responseCode = "201", description = "Stored")
    @ApiResponse(responseCode = "413", description = "Larger than tfgrpo.datasets.max-upload-size")
    ResponseEntity<DatasetView> uploadBody(
            @RequestParam @NotBlank @Size(max = 200) @Parameter(example = "gsm8k-sample") String name,
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
    @Operation(summary = "List datasets, newest first")
    PageView<DatasetView> list(@RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(500) int size) {
        return datasets.list(page, size);
    }

    @GetMapping("/{id}")
    @Operation(summary = "A dataset")
    @ApiResponse(responseCode = "404", description = "No such dataset")
    DatasetView get(@PathVariable UUID id) {
        return datasets.get(id);
    }

    @GetMapping("/{id}/items")
    @Operation(summary = "A page of a dataset's problems, in upload order")
    @ApiResponse(responseCode = "404", description = "No such dataset")
    PageView<DatasetItemView> items(@PathVariable UUID id, @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(500) int size) {
        return datasets.items(id, page, size);
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete a dataset and its problems")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", description = "No such dataset")
    @ApiResponse(responseCode = "409", description = "Training jobs or evaluations refer to it; `trainingJobs` and "
            + "`evaluations` list them (up to 100 of each)")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        datasets.delete(id);
        return ResponseEntity.noContent().build();
    }

    private static ResponseEntity<DatasetView> created(DatasetView dataset) {
        return ResponseEntity.created(URI.create("/api/datasets/" + dataset.id())).body(dataset);
    }
}
