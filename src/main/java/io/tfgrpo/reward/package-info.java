/**
 * Verifiers: math answer equivalence, exact, regex, LLM judge, HTTP webhook, and ground-truth-free consensus.
 * <p>
 * The modules it may use are declared here and in docs/architecture.md; ModuleStructureTest keeps both equal to
 * the code.
 */
@ApplicationModule(allowedDependencies = { "llm", "shared" })
package io.tfgrpo.reward;

import org.springframework.modulith.ApplicationModule;
