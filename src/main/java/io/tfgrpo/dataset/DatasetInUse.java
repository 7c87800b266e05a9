package io.tfgrpo.dataset;

import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;

import io.tfgrpo.shared.ApiProblem;
import io.tfgrpo.shared.ErrorResponses.Samples;

/**
 * 409: a dataset that training jobs or evaluations refer to is kept; the problem names them, one list per kind
 * ({@code trainingJobs}, {@code evaluations}; empty when none of that kind does).
 */
final class DatasetInUse extends ApiProblem {

    private DatasetInUse(UUID id, List<DatasetUsers.Use> uses) {
        super(HttpStatus.CONFLICT, "dataset-in-use", "Dataset in use", "Dataset " + id + " is kept while work "
                + "refers to it: " + uses.stream().filter(use -> !use.ids().isEmpty()).map(DatasetInUse::named)
                        .collect(Collectors.joining("; ")));
        with("datasetId", id);
        uses.forEach(use -> with(use.field(), use.ids()));
    }

    private static String named(DatasetUsers.Use use) {
        return use.kind() + " " + use.ids().stream().map(UUID::toString).collect(Collectors.joining(", "));
    }

    static DatasetInUse by(UUID id, List<DatasetUsers.Use> uses) {
        return new DatasetInUse(id, uses);
    }

    /** For the API description. */
    static DatasetInUse example() {
        return by(UUID.fromString(Samples.ID), List.of(
                new DatasetUsers.Use("trainingJobs", "training jobs", List.of(UUID.fromString(Samples.OTHER_ID))),
                new DatasetUsers.Use("evaluations", "evaluations", List.of())));
    }
}
