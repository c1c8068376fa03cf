package io.seckill.common.config;

import io.seckill.common.binding.StrictBinding;

import io.seckill.common.error.MvcProblemHandler;
import io.seckill.common.error.ProblemErrorReportValve;

import java.util.regex.Pattern;

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

/** Wires what every service gets from {@code common} just by depending on it. */
@AutoConfiguration(afterName = "org.springframework.cloud.autoconfigure.RefreshAutoConfiguration")
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
