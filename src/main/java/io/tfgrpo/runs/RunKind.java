package io.tfgrpo.runs;

import java.util.regex.Pattern;

/**
 * A kind of run: its table (with the kernel's columns {@code id, status, lease_epoch, lease_owner,
 * cancel_requested, error_code, error, started_at, finished_at}) and how the API names it.
 *
 * @param table the table, a fixed name (never from a request)
 * @param noun how a message names one run, e.g. {@code Training job}
 * @param finishedProblem the problem type of a cancel that came too late, e.g. {@code training-job-finished}
 * @param field the prefix of its problem fields, e.g. {@code job} for {@code jobId} and {@code jobStatus}
 */
public record RunKind(String table, String noun, String finishedProblem, String field) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z_]{0,62}");

    public RunKind {
        if (!NAME.matcher(table).matches()) {
            throw new IllegalArgumentException("Not a table name: " + table);
        }
    }
}
