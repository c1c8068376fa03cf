package io.seckill.ids.client;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/** A {@link SnowflakeIdClient} for any service that sets {@code seckill.ids.base-url}. */
@AutoConfiguration
@ConditionalOnProperty(prefix = "seckill.ids", name = "base-url")
@EnableConfigurationProperties(IdClientProperties.class)
public class IdClientAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    SnowflakeIdClient snowflakeIdClient(IdClientProperties properties, MeterRegistry meters) {
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(properties.timeout());
        requests.setReadTimeout(properties.timeout());
        return new SnowflakeIdClient(RestClient.builder().requestFactory(requests), properties.baseUrl(),
                properties.batchSize(), meters);
    }
}
