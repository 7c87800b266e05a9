package io.tfgrpo.training;

import java.util.UUID;

import org.springframework.stereotype.Component;

import io.tfgrpo.dataset.DatasetUsers;

/** Jobs that train on a dataset, or validate on it, keep it from being deleted. */
@Component
class TrainingDatasetUse implements DatasetUsers {

    private final JobStore jobs;

    TrainingDatasetUse(JobStore jobs) {
        this.jobs = jobs;
    }

    @Override
    public Use of(UUID dataset) {
        return new Use("trainingJobs", "training jobs", jobs.usingDataset(dataset, NAMED));
    }
}
