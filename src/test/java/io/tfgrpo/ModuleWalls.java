package io.tfgrpo;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.modulith.ApplicationModule;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaPackage;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/**
 * The module walls read from compiled classes: a module is a top-level package under a root package, it declares
 * the modules it may use in its package-info.java, and only the types another module uses are public. Besides
 * the other modules, the tools outside every module (test code such as the in-process benchmarks) count as users.
 */
final class ModuleWalls {

    private final String root;
    private final JavaClasses classes;
    private final JavaClasses tools;

    /**
     * @param classes the application's classes under the root package
     * @param tools test classes under the root package; only those outside every module count as users
     */
    ModuleWalls(String root, JavaClasses classes, JavaClasses tools) {
        this.root = root;
        this.classes = classes;
        this.tools = tools;
    }

    /** The modules: the packages right under the root. */
    Set<String> modules() {
        return classes.getPackage(root).getSubpackages().stream().map(JavaPackage::getRelativeName)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** What the module's package-info.java allows it to use, if it says. */
    Optional<Set<String>> declaredUses(String module) {
        return classes.getPackage(root + "." + module).tryGetPackageInfo()
                .flatMap(info -> info.tryGetAnnotationOfType(ApplicationModule.class))
                .map(ApplicationModule::allowedDependencies).map(Set::of)
                .filter(uses -> !uses.contains(ApplicationModule.OPEN_TOKEN))
                .map(TreeSet::new);
    }

    /** Each module and what it declares it may use; a module that declares nothing is left out. */
    TreeMap<String, Set<String>> declaredTable() {
        var table = new TreeMap<String, Set<String>>();
        modules().forEach(module -> declaredUses(module).ifPresent(uses -> table.put(module, uses)));
        return table;
    }

    /** Fails on each public top-level type of a module that no class outside its module refers to. */
    void checkPublicTypesAreUsedByAnotherModule() {
        publicTypesAreUsedByAnotherModule().check(classes);
    }

    private ArchRule publicTypesAreUsedByAnotherModule() {
        Set<String> modules = modules();
        Set<String> usedFromOutside = Stream.concat(classes.stream(),
                        tools.stream().filter(tool -> !modules.contains(moduleOf(tool))))
                .flatMap(ModuleWalls::uses)
                .filter(this::crossesAWall)
                .map(use -> use.target().getName())
                .collect(Collectors.toSet());
        return classes().that(publicTopLevelTypesOfAModule())
                .should(new ArchCondition<>("be used by another module") {
                    @Override
                    public void check(JavaClass type, ConditionEvents events) {
                        if (!usedFromOutside.contains(type.getName())) {
                            events.add(SimpleConditionEvent.violated(type, type.getName()
                                    + " is public but no other module uses it: make it package-private"));
                        }
                    }
                });
    }

    private DescribedPredicate<JavaClass> publicTopLevelTypesOfAModule() {
        return DescribedPredicate.describe("are public top-level types of a module",
                type -> type.isTopLevelClass() && type.getModifiers().contains(JavaModifier.PUBLIC)
                        && !type.getSimpleName().equals("package-info") && !moduleOf(type).isEmpty());
    }

    /**
     * A class refers to another one by the uses ArchUnit sees, by the exceptions it catches, and by the parameter
     * types of the methods it calls (a lambda or method reference passed as an argument names its interface nowhere
     * else in the bytecode).
     */
    private record Use(JavaClass origin, JavaClass target) {

        Use {
            target = topLevel(target);
        }
    }

    private static Stream<Use> uses(JavaClass origin) {
        Stream<JavaClass> caught = origin.getCodeUnits().stream()
                .flatMap(code -> code.getTryCatchBlocks().stream())
                .flatMap(block -> block.getCaughtThrowables().stream());
        Stream<JavaClass> passed = origin.getMethodCallsFromSelf().stream()
                .flatMap(call -> call.getTarget().getRawParameterTypes().stream());
        return Stream.of(origin.getDirectDependenciesFromSelf().stream().map(Dependency::getTargetClass), caught, passed)
                .flatMap(s -> s).map(target -> new Use(origin, target));
    }

    private boolean crossesAWall(Use use) {
        return use.target().getPackageName().startsWith(root + ".")
                && !moduleOf(use.target()).equals(moduleOf(use.origin()));
    }

    /** The module a class belongs to; empty for a class in the root package itself. */
    private String moduleOf(JavaClass type) {
        String name = type.getPackageName();
        if (!name.startsWith(root + ".")) {
            return "";
        }
        String rest = name.substring(root.length() + 1);
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    /** A nested type can only be reached through its enclosing one: a use of the nested type uses the top one. */
    private static JavaClass topLevel(JavaClass type) {
        JavaClass top = type.getBaseComponentType();
        while (top.getEnclosingClass().isPresent()) {
            top = top.getEnclosingClass().get();
        }
        return top;
    }
}
