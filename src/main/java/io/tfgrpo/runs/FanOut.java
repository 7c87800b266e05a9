package io.tfgrpo.runs;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a run's calls on virtual threads (a {@link RunGuard} bounds how many reach a model at once). Every call
 * ends before this returns; then the first failure in the list's order is rethrown, so that a stop or a budget
 * met by one call is what the run sees, whatever the others did.
 */
public final class FanOut {

    private FanOut() {
    }

    public static void all(List<? extends Callable<?>> calls) {
        if (calls.isEmpty()) {
            return;
        }
        RuntimeException first = null;
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<? extends Future<?>> futures = calls.stream().map(threads::submit).toList();
            for (Future<?> future : futures) {
                try {
                    future.get();
                }
                catch (ExecutionException e) {
                    if (first == null) {
                        first = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                    }
                }
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunStopping();
        }
        if (first != null) {
            throw first;
        }
    }
}
