/**
 * Models: profiles, chat clients, concurrency and rate limits, retries, structured output, the token and cost ledger.
 * <p>
 * The modules it may use are declared here and in docs/architecture.md; ModuleStructureTest keeps both equal to
 * the code.
 */
@ApplicationModule(allowedDependencies = { "shared" })
package io.tfgrpo.llm;

import org.springframework.modulith.ApplicationModule;
