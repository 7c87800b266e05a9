package io.tfgrpo.evaluation;

import java.util.UUID;

import org.springframework.stereotype.Component;

import io.tfgrpo.dataset.DatasetUsers;

/** Evaluations of a dataset keep it from being deleted: their figures refer to its problems. */
@Component
class EvaluationDatasetUse implements DatasetUsers {

    private final EvaluationStore store;

    EvaluationDatasetUse(EvaluationStore store) {
        this.store = store;
    }

    @Override
    public Use of(UUID dataset) {
        return new Use("evaluations", "evaluations", store.usingDataset(dataset, NAMED));
    }
}
