package io.tfgrpo.runs;

import java.util.UUID;

import org.springframework.http.HttpStatus;

import io.tfgrpo.shared.ApiProblem;

/**
 * 409: the run has finished (SUCCEEDED, FAILED or CANCELLED), so there is nothing left to cancel. Each kind of run
 * has its own subclass, so that the API description shows each kind's example.
 */
public class RunFinished extends ApiProblem {

    protected RunFinished(RunKind kind, UUID id, String status) {
        super(HttpStatus.CONFLICT, kind.finishedProblem(), kind.noun() + " finished",
                kind.noun() + " " + id + " has finished (" + status + "); there is nothing to cancel");
        with(kind.field() + "Id", id);
        with(kind.field() + "Status", status);
    }
}
