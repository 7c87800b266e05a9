/** A fixture for ModuleStructureTest: a module that declares it uses nothing, and uses {@code ground}. */
@ApplicationModule(allowedDependencies = {})
package io.tfgrpo.modulefixture.upper;

import org.springframework.modulith.ApplicationModule;
