package io.seckill.gateway;

import io.seckill.common.testsupport.ArchitectureRules;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The gateway's feature packages (auth, edge, ratelimit, problem) keep free of cycles. */
@AnalyzeClasses(packages = "io.seckill.gateway", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    // The rule set of every service (common's ArchitectureRules), then this service's own.
    @ArchTest
    static final ArchRule featuresAreFreeOfCycles = ArchitectureRules.featuresFreeOfCycles("io.seckill.gateway");

    @ArchTest
    static final ArchRule controllersAreThin = ArchitectureRules.controllersAreThin();

    @ArchTest
    static final ArchRule noOtherServicesCode = ArchitectureRules.noOtherServicesCode("io.seckill.gateway");
}
