package io.tfgrpo.dataset;

import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;

import io.tfgrpo.shared.ApiProblem;

final class UploadTooLarge extends ApiProblem {

    private UploadTooLarge(DataSize limit) {
        super(HttpStatus.CONTENT_TOO_LARGE, "upload-too-large", "Upload too large",
                "The upload is larger than the limit of " + limit.toBytes() + " bytes (tfgrpo.datasets.max-upload-size)");
        with("maxBytes", limit.toBytes());
    }

    static UploadTooLarge over(DataSize limit) {
        return new UploadTooLarge(limit);
    }

    /** For the API description: the default limit. */
    static UploadTooLarge example() {
        return over(DataSize.ofMegabytes(20));
    }
}
