package io.seckill.order;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import io.seckill.common.testsupport.ArchitectureRules;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The feature packages of order-service keep free of cycles, and the order model ({@code orders}) stays at
 * the bottom: placement, payment and cancellation build on it, it knows none of them.
 */
@AnalyzeClasses(packages = "io.seckill.order", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    // The rule set of every service (common's ArchitectureRules), then this service's own.
    @ArchTest
    static final ArchRule featuresAreFreeOfCycles = ArchitectureRules.featuresFreeOfCycles("io.seckill.order");

    @ArchTest
    static final ArchRule controllersAreThin = ArchitectureRules.controllersAreThin();

    @ArchTest
    static final ArchRule noOtherServicesCode = ArchitectureRules.noOtherServicesCode("io.seckill.order");

    @ArchTest
    static final ArchRule theOrderModelKnowsNoFeature = noClasses().that().resideInAPackage("..order.orders..")
            .should().dependOnClassesThat().resideInAnyPackage("..placement..", "..payment..", "..cancellation..", "..events..",
                    "..inventory..", "..operations..");
}
