package io.tfgrpo.dataset;

import java.util.UUID;

import org.springframework.http.HttpStatus;

import io.tfgrpo.shared.ApiProblem;
import io.tfgrpo.shared.ErrorResponses.Samples;

public final class DatasetNotFound extends ApiProblem {

    private DatasetNotFound(UUID id) {
        super(HttpStatus.NOT_FOUND, "dataset-not-found", "Dataset not found", "No dataset has id " + id);
        with("datasetId", id);
    }

    public static DatasetNotFound withId(UUID id) {
        return new DatasetNotFound(id);
    }

    /** For the API description. */
    static DatasetNotFound example() {
        return withId(UUID.fromString(Samples.ID));
    }
}
