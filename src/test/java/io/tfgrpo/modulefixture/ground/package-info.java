/** A fixture for ModuleStructureTest: the module that another one uses without declaring it. */
@ApplicationModule(allowedDependencies = {})
package io.tfgrpo.modulefixture.ground;

import org.springframework.modulith.ApplicationModule;
