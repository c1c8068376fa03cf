package io.seckill.common.config;

import io.seckill.common.error.MvcProblemHandler;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
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
