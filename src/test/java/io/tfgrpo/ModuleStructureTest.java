package io.tfgrpo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The module map of docs/architecture.md, enforced: each module declares the modules it may use, uses no other,
 * takes part in no cycle, and makes public only what another module uses.
 */
class ModuleStructureTest {

    private static final String ROOT = TrainingFreeGrpoApplication.class.getPackageName();

    private static final ModuleWalls WALLS = new ModuleWalls(ROOT,
            new ClassFileImporter().withImportOption(new ImportOption.DoNotIncludeTests()).importPackages(ROOT),
            new ClassFileImporter().withImportOption(new ImportOption.OnlyIncludeTests()).importPackages(ROOT));

    @Test
    void modulesUseOnlyTheModulesTheyDeclareAndFormNoCycle() {
        ApplicationModules.of(TrainingFreeGrpoApplication.class).verify();
    }

    @Test
    void everyModuleDeclaresTheModulesItMayUse() {
        assertThat(WALLS.modules()).contains("dataset", "library", "llm", "training", "shared")
                .allSatisfy(module -> assertThat(WALLS.declaredUses(module))
                        .as("@ApplicationModule(allowedDependencies = ...) in %s.%s's package-info.java", ROOT, module)
                        .isPresent());
    }

    @Test
    void aModuleMakesPublicOnlyWhatAnotherModuleUses() {
        WALLS.checkPublicTypesAreUsedByAnotherModule();
    }

    @Test
    void theModuleTableOfTheDocsIsTheDeclaredOne() throws IOException {
        assertThat(documentedTable(Path.of("docs/architecture.md")))
                .as("the table of docs/architecture.md (actual) and the package-info.java declarations (expected)")
                .isEqualTo(WALLS.declaredTable());
    }

    /** Proof on a fixture that the walls have teeth: an undeclared arrow and a needless public type both fail. */
    @Test
    void anUndeclaredArrowAndAPublicTypeNoOtherModuleUsesFail() {
        String fixture = ROOT + ".modulefixture";
        assertThatThrownBy(() -> ApplicationModules.of(fixture, location -> true).verify())
                .hasMessageContaining("Module 'upper' depends on module 'ground'");

        var walls = new ModuleWalls(fixture, new ClassFileImporter().importPackages(fixture),
                new ClassFileImporter().importClasses());
        assertThatThrownBy(walls::checkPublicTypesAreUsedByAnotherModule)
                .hasMessageContaining(fixture + ".ground.Unused is public but no other module uses it")
                .hasMessageNotContaining("ground.Floor is")
                .hasMessageNotContaining("ground.Cracked is")
                .hasMessageNotContaining("upper.Roof is");
    }

    /** The first table under a {@code | module | owns | may use |} header: module → the modules it may use. */
    private static TreeMap<String, Set<String>> documentedTable(Path page) throws IOException {
        List<String> lines = Files.readAllLines(page);
        int header = lines.indexOf("| module | owns | may use |");
        assertThat(header).as("a table headed | module | owns | may use | in %s", page).isNotNegative();
        var table = new TreeMap<String, Set<String>>();
        for (String line : lines.subList(header + 2, lines.size())) {
            if (!line.startsWith("|")) {
                break;
            }
            String[] cells = line.split("\\|");
            table.put(names(cells[1]).getFirst(), new TreeSet<>(names(cells[cells.length - 1])));
        }
        return table;
    }

    private static List<String> names(String cell) {
        Matcher names = Pattern.compile("`([a-z]+)`").matcher(cell);
        return names.results().map(name -> name.group(1)).collect(Collectors.toList());
    }
}
