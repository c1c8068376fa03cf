package io.seckill.common.config;

import io.seckill.common.binding.StrictBinding;

import io.seckill.common.error.MvcProblemHandler;
import io.seckill.common.error.ProblemDocumentation;
import io.seckill.common.error.ProblemErrorReportValve;

import java.time.Duration;
import java.util.regex.Pattern;

import com.alibaba.cloud.nacos.NacosDiscoveryProperties;
import com.alibaba.cloud.nacos.NacosServiceManager;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.cloud.context.refresh.ContextRefresher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;

/** Wires what every service gets from {@code common} just by depending on it. */
@AutoConfiguration(afterName = {"org.springframework.cloud.autoconfigure.RefreshAutoConfiguration",
        "com.alibaba.cloud.nacos.NacosServiceAutoConfiguration", "com.alibaba.cloud.nacos.discovery.NacosDiscoveryAutoConfiguration"})
@EnableConfigurationProperties(ConfigFileProperties.class)
public class CommonAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(name = "org.springframework.web.servlet.DispatcherServlet")
    static class ServletProblems {

        @Bean
        MvcProblemHandler mvcProblemHandler() {
            return new MvcProblemHandler();
        }
    }

    /** Tomcat's own refusals (header or line too long, malformed request) as problem+json too. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(name = {"org.apache.catalina.valves.ErrorReportValve",
            "org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory"})
    static class TomcatProblems {

        @Bean
        WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
            return factory -> factory.addContextCustomizers(ProblemErrorReportValve::installOn);
        }
    }

    /** Each service's OpenAPI description documents its refusals: problem+json and their codes. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springdoc.core.customizers.GlobalOpenApiCustomizer")
    static class ApiDescription {

        @Bean
        ProblemDocumentation problemDocumentation() {
            return new ProblemDocumentation();
        }
    }

    /** Every service binds JSON by one policy ({@link StrictBinding}): no coercion, no unknown fields. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer")
    static class Binding {

        @Bean
        StrictBinding strictBinding() {
            return new StrictBinding();
        }
    }

    /**
     * Operators read the live values of their knobs at {@code /actuator/configprops} (values shown:
     * {@code management.endpoint.configprops.show-values: always}); whatever looks like a credential is
     * still masked, whatever its source.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.SanitizingFunction")
    static class SecretMasking {

        @Bean
        SanitizingFunction maskSecrets() {
            return data -> SECRET_KEY.matcher(data.getLowerCaseKey()).find() ? data.withSanitizedValue() : data;
        }
    }

    static final Pattern SECRET_KEY = Pattern.compile(
            "password|passwd|secret|credential|hash|private-?key|api-?key|sasl\\.jaas|^key$");

    /** Readiness waits for the operator settings ({@code <service>.yaml}, from its file or from Nacos). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    static class OperatorSettingsReadiness {

        @Bean
        OperatorSettingsHealthIndicator operatorSettingsHealthIndicator(ConfigurableEnvironment environment) {
            return new OperatorSettingsHealthIndicator(environment, environment.getProperty("spring.application.name", "application"));
        }
    }

    /** Under the nacos profile: one line, not stack traces, while Nacos cannot be reached. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"com.alibaba.cloud.nacos.NacosServiceManager", "org.springframework.boot.health.contributor.HealthIndicator"})
    @ConditionalOnProperty(prefix = "spring.cloud.nacos.discovery", name = "enabled", havingValue = "true")
    static class NacosReachability {

        @Bean
        @ConditionalOnBean({NacosServiceManager.class, NacosDiscoveryProperties.class})
        NacosConnectivity nacosConnectivity(NacosServiceManager nacos, NacosDiscoveryProperties discovery,
                OperatorSettingsHealthIndicator settings,
                @Value("${seckill.nacos.unreachable-warning-interval:30s}") Duration interval) {
            return new NacosConnectivity(nacos, discovery, settings, interval);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(ContextRefresher.class)
    @ConditionalOnProperty(prefix = "seckill.config", name = "file")
    static class FileRefresh {

        @Bean
        @ConditionalOnBean(ContextRefresher.class)
        @ConditionalOnProperty(prefix = "seckill.config", name = "watch", havingValue = "true", matchIfMissing = true)
        ConfigFileRefresher configFileRefresher(ConfigFileProperties properties, ContextRefresher refresher) {
            return new ConfigFileRefresher(properties.file(), properties.watchInterval(), refresher);
        }
    }
}
