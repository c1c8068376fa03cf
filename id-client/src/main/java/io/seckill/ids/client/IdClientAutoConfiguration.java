package io.seckill.ids.client;

import io.micrometer.core.instrument.MeterRegistry;
import io.seckill.common.security.ServiceCredentials;

import org.springframework.beans.factory.ObjectProvider;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/** A {@link SnowflakeIdClient} for any service that sets {@code seckill.ids.base-url}. */
@AutoConfiguration(afterName = "io.seckill.common.security.CallerSecurityAutoConfiguration")
@ConditionalOnProperty(prefix = "seckill.ids", name = "base-url")
@EnableConfigurationProperties(IdClientProperties.class)
public class IdClientAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    SnowflakeIdClient snowflakeIdClient(IdClientProperties properties, MeterRegistry meters,
            ObjectProvider<ServiceCredentials> credentials) {
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(properties.timeout());
        requests.setReadTimeout(properties.timeout());
        RestClient.Builder http = RestClient.builder().requestFactory(requests);
        credentials.ifAvailable(http::requestInterceptor); // id-service verifies its callers like every service
        return new SnowflakeIdClient(http, properties.baseUrl(),
                properties.batchSize(), meters);
    }
}
