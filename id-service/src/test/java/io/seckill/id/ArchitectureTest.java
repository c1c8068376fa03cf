package io.seckill.id;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import io.seckill.common.testsupport.ArchitectureRules;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The feature packages keep their boundaries: ids are generated without knowing how leases are kept. */
@AnalyzeClasses(packages = "io.seckill.id", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    // The rule set of every service (common's ArchitectureRules), then this service's own.
    @ArchTest
    static final ArchRule featuresAreFreeOfCycles = ArchitectureRules.featuresFreeOfCycles("io.seckill.id");

    @ArchTest
    static final ArchRule controllersAreThin = ArchitectureRules.controllersAreThin();

    @ArchTest
    static final ArchRule noOtherServicesCode = ArchitectureRules.noOtherServicesCode("io.seckill.id");

    @ArchTest
    static final ArchRule generationDoesNotKnowAboutLeaseStorage = noClasses().that()
            .resideInAPackage("..snowflake..").should().dependOnClassesThat().resideInAPackage("..lease..");

    @ArchTest
    static final ArchRule segmentsAndSnowflakesAreIndependent = noClasses().that()
            .resideInAPackage("..segment..").should().dependOnClassesThat().resideInAnyPackage("..snowflake..", "..lease..");
}
