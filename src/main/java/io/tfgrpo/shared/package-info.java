/**
 * The ground floor every module may use: problem details, request limits, charts, prompt templates.
 * <p>
 * The modules it may use are declared here and in docs/architecture.md; ModuleStructureTest keeps both equal to
 * the code.
 */
@ApplicationModule(allowedDependencies = {})
package io.tfgrpo.shared;

import org.springframework.modulith.ApplicationModule;
