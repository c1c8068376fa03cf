package io.seckill.flashsale;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

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

    @ArchTest
    static final ArchRule featuresAreFreeOfCycles = slices().matching("io.seckill.flashsale.(*)..").should().beFreeOfCycles();

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
