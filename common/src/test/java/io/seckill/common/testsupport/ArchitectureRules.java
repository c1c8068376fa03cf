package io.seckill.common.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.List;

import com.tngtech.archunit.lang.ArchRule;

/**
 * The rules every service keeps, each service's {@code ArchitectureTest} declaring them for its own root package
 * beside rules of its own: features (the packages under the root) free of cycles, controllers thin, and no service
 * using another service's code.
 */
public final class ArchitectureRules {

    /** Each service's root package. A service may use common and id-client; never another service. */
    private static final List<String> SERVICE_ROOTS = List.of("io.seckill.gateway", "io.seckill.flashsale", "io.seckill.order",
            "io.seckill.inventory", "io.seckill.id");

    /** Storage a controller must reach only through a use case: Redis clients, MyBatis mappers, JDBC. */
    private static final String[] STORAGE = {"org.redisson..", "org.springframework.data.redis..", "io.lettuce..",
            "com.baomidou..", "org.apache.ibatis..", "java.sql..", "org.springframework.jdbc.."};

    private ArchitectureRules() {
    }

    /** The features of the service (packages right under {@code root}) depend on each other without cycles. */
    public static ArchRule featuresFreeOfCycles(String root) {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles().as("features of " + root + " are free of cycles");
    }

    /**
     * A controller turns HTTP into a use case and back: it touches no Redis client, mapper or JDBC class itself
     * (a controller reading a mapper is how logic and its checks end up copied between endpoints).
     */
    public static ArchRule controllersAreThin() {
        return noClasses().that().areAnnotatedWith("org.springframework.web.bind.annotation.RestController")
                .should().dependOnClassesThat().resideInAnyPackage(STORAGE)
                .orShould().dependOnClassesThat().areAnnotatedWith("org.apache.ibatis.annotations.Mapper")
                .as("controllers reach storage only through use cases");
    }

    /** The service under {@code root} uses no class of another service: they talk over HTTP and Kafka only. */
    public static ArchRule noOtherServicesCode(String root) {
        if (!SERVICE_ROOTS.contains(root)) {
            throw new IllegalArgumentException(root + " is not a service root: " + SERVICE_ROOTS);
        }
        String[] others = SERVICE_ROOTS.stream().filter(other -> !other.equals(root)).map(other -> other + "..").toArray(String[]::new);
        return noClasses().that().resideInAPackage(root + "..").should().dependOnClassesThat().resideInAnyPackage(others)
                .as(root + " uses no other service's code");
    }
}
