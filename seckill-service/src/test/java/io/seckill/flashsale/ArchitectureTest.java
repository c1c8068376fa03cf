package io.seckill.flashsale;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import io.seckill.common.testsupport.ArchitectureRules;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The feature packages keep their boundaries: no cycles between them, and {@code sale} (keys, scripts, the
 * request stream's entry, signals) at the bottom, knowing none of the features built on it.
 */
@AnalyzeClasses(packages = "io.seckill.flashsale", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    // The rule set of every service (common's ArchitectureRules), then this service's own.
    @ArchTest
    static final ArchRule featuresAreFreeOfCycles = ArchitectureRules.featuresFreeOfCycles("io.seckill.flashsale");

    @ArchTest
    static final ArchRule controllersAreThin = ArchitectureRules.controllersAreThin();

    @ArchTest
    static final ArchRule noOtherServicesCode = ArchitectureRules.noOtherServicesCode("io.seckill.flashsale");

    @ArchTest
    static final ArchRule theSharedBottomKnowsNoFeature = noClasses().that().resideInAPackage("..flashsale.sale..")
            .should().dependOnClassesThat().resideInAnyPackage("..activity..", "..purchase..", "..stock..", "..relay..",
                    "..reconciliation..");

    @ArchTest
    static final ArchRule stockDoesNotKnowActivities = noClasses().that().resideInAPackage("..flashsale.stock..")
            .should().dependOnClassesThat().resideInAnyPackage("..activity..", "..purchase..");

    @ArchTest
    static final ArchRule theRelayKnowsOnlyTheStream = noClasses().that().resideInAPackage("..flashsale.relay..")
            .should().dependOnClassesThat().resideInAnyPackage("..activity..", "..purchase..", "..stock..");
}
