package io.seckill.ids.client;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where a service gets its ids ({@code seckill.ids.*}).
 *
 * @param baseUrl   id-service's address, e.g. {@code http://127.0.0.1:8084}; unset = no client
 * @param batchSize ids fetched per call; the buffer holds two batches
 * @param timeout   connect and read timeout of one fetch
 */
@ConfigurationProperties("seckill.ids")
public record IdClientProperties(String baseUrl, Integer batchSize, Duration timeout) {

    public IdClientProperties {
        batchSize = batchSize == null ? 1_000 : batchSize;
        timeout = timeout == null ? Duration.ofSeconds(2) : timeout;
    }
}
