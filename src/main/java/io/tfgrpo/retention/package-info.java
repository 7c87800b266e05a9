/**
 * Retention: deletes old ledger rows, served answers and rollouts. It reads and deletes rows of the llm, training
 * and evaluation tables through SQL only, so it has no arrow to their code.
 * <p>
 * The modules it may use are declared here and in docs/architecture.md; ModuleStructureTest keeps both equal to
 * the code.
 */
@ApplicationModule(allowedDependencies = { "shared" })
package io.tfgrpo.retention;

import org.springframework.modulith.ApplicationModule;
