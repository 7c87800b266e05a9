/**
 * The durable-run kernel: what training jobs and evaluations share. A run is a row claimed under a lease epoch,
 * finished only under that epoch, cancelled on request, guarded by a budget before every model call, fanned out
 * over a model profile's concurrency, and executed by db-scheduler. Its users supply only their own work.
 * <p>
 * The modules it may use are declared here and in docs/architecture.md; ModuleStructureTest keeps both equal to
 * the code.
 */
@ApplicationModule(allowedDependencies = { "llm", "shared" })
package io.tfgrpo.runs;

import org.springframework.modulith.ApplicationModule;
