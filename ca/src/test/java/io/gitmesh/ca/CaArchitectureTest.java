package io.gitmesh.ca;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.time.Clock;
import java.time.Instant;

/**
 * The CA's layers: the port and its values, and the rotation logic, are pure (no Bouncy Castle, no files,
 * no clock, no randomness); the Bouncy Castle adapter does no IO; only the store touches files.
 */
@AnalyzeClasses(packages = "io.gitmesh.ca", importOptions = ImportOption.DoNotIncludeTests.class)
class CaArchitectureTest {
    private static final String PORT = "io.gitmesh.ca";
    private static final String ROTATION = "io.gitmesh.ca.rotation..";

    @ArchTest
    static final ArchRule portAndRotationAreFreeOfBouncyCastle = noClasses().that().resideInAnyPackage(PORT, ROTATION)
            .should().dependOnClassesThat().resideInAnyPackage("org.bouncycastle..", "io.gitmesh.ca.bc..",
                    "io.gitmesh.ca.store..")
            .because("the port is what other modules see; Bouncy Castle stays behind it");

    @ArchTest
    static final ArchRule portAndRotationHaveNoClockOrRandomness = noClasses().that().resideInAnyPackage(PORT, ROTATION)
            .should().dependOnClassesThat().belongToAnyOf(Clock.class, java.security.SecureRandom.class,
                    java.util.Random.class, Thread.class)
            .orShould().callMethod(Instant.class, "now")
            .orShould().callMethod(System.class, "currentTimeMillis")
            .because("renewal and rotation are decided from values passed in, so tests can move time by hand");

    @ArchTest
    static final ArchRule onlyTheStoreTouchesFiles = noClasses().that().resideOutsideOfPackage("io.gitmesh.ca.store..")
            .should().dependOnClassesThat().resideInAnyPackage("java.nio.file..", "java.net..")
            .orShould().dependOnClassesThat().belongToAnyOf(java.io.File.class, java.io.FileInputStream.class,
                    java.io.FileOutputStream.class, java.io.FileReader.class, java.io.FileWriter.class)
            .because("issuing never blocks on IO");
}
