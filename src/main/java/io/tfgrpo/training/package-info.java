/**
 * Training jobs: the Training-Free GRPO loop, durable execution, checkpoints, progress, cancel, budget, and the
 * validation-gated promotion that starts an evaluation of the version it would promote.
 * <p>
 * The modules it may use are declared here and in docs/architecture.md; ModuleStructureTest keeps both equal to
 * the code.
 */
@ApplicationModule(allowedDependencies = { "dataset", "library", "llm", "reward", "evaluation", "runs", "shared" })
package io.tfgrpo.training;

import org.springframework.modulith.ApplicationModule;
