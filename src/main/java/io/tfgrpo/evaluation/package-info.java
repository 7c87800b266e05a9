/**
 * Evaluations: Mean@k and Pass@k with intervals, comparisons, charts.
 * <p>
 * The modules it may use are declared here and in docs/architecture.md; ModuleStructureTest keeps both equal to
 * the code.
 */
@ApplicationModule(allowedDependencies = { "dataset", "library", "llm", "reward", "runs", "shared" })
package io.tfgrpo.evaluation;

import org.springframework.modulith.ApplicationModule;
