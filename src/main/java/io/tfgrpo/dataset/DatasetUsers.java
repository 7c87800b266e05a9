package io.tfgrpo.dataset;

import java.util.List;
import java.util.UUID;

/**
 * Work of another module that refers to datasets (training jobs, evaluations). A dataset that some of it refers to
 * is not deleted; the modules that own the work provide this, and the dataset module only asks.
 */
public interface DatasetUsers {

    /** At most this many ids of each kind are named. */
    int NAMED = 100;

    /**
     * Which work of one kind refers to a dataset.
     *
     * @param field the problem's extension field that lists them, e.g. {@code trainingJobs}
     * @param kind what they are, in words, e.g. {@code training jobs}
     * @param ids the oldest first, at most {@link #NAMED}
     */
    record Use(String field, String kind, List<UUID> ids) {
    }

    Use of(UUID dataset);
}
