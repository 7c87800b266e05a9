package io.tfgrpo.training;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The batches of an epoch: the dataset's items shuffled deterministically from (seed, epoch), so that batches
 * differ between epochs and a resumed job sees exactly the batches it saw before.
 */
final class Batches {

    private Batches() {
    }

    /** The item ordinals of batch {@code batch} of {@code epoch}. */
    static List<Integer> of(int datasetSize, int batchSize, long seed, int epoch, int batch) {
        List<Integer> order = new ArrayList<>(datasetSize);
        for (int i = 0; i < datasetSize; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed * 1_000_003L + epoch));
        int from = batch * batchSize;
        return List.copyOf(order.subList(Math.min(from, datasetSize), Math.min(from + batchSize, datasetSize)));
    }
}
