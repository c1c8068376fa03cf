package io.seckill.inventory;

import io.seckill.common.testsupport.ArchitectureRules;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The feature packages of inventory-service keep free of cycles. */
@AnalyzeClasses(packages = "io.seckill.inventory", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    // The rule set of every service (common's ArchitectureRules), then this service's own.
    @ArchTest
    static final ArchRule featuresAreFreeOfCycles = ArchitectureRules.featuresFreeOfCycles("io.seckill.inventory");

    @ArchTest
    static final ArchRule controllersAreThin = ArchitectureRules.controllersAreThin();

    @ArchTest
    static final ArchRule noOtherServicesCode = ArchitectureRules.noOtherServicesCode("io.seckill.inventory");
}
