package io.tfgrpo.dataset;

import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

/** One problem of a dataset, in upload order. */
public record DatasetItemView(
        @Schema(description = "0-based position in the upload", example = "0") int ordinal,
        @Schema(description = "the item's own id, if the upload gave one", example = "gsm8k-test-0002") String id,
        @Schema(example = "Josh buys a house for $80,000 ... How much profit did he make?") String problem,
        @Schema(description = "reference answer, if any", example = "70000") String answer,
        @Schema(description = "every other field of the uploaded line") JsonNode metadata) {
}
