package io.seckill.gateway.ratelimit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;

/**
 * The shared (Redis) token bucket: Spring Cloud Gateway's {@link RedisRateLimiter} and its own Lua script,
 * read once. The packaged bean wraps the script in a resource source that checks the classpath for a
 * newer script on every call; the profile showed that lookup (a jar URL opened and parsed) on every
 * bucket check of every request.
 */
@Configuration(proxyBeanMethods = false)
class SharedBucketConfiguration {

    private static final String SCRIPT = "META-INF/scripts/request_rate_limiter.lua";

    /**
     * Lettuce completes every reply on its one I/O thread, and a purchase's whole remaining filter chain and
     * proxying would run there after its bucket check (15 % of the gateway's samples in the profile, one
     * thread for every purchase): replies are handed to Lettuce's computation threads instead.
     */
    @Bean
    LettuceClientOptionsBuilderCustomizer repliesOffTheIoThread() {
        return options -> options.publishOnScheduler(true);
    }

    @Bean
    @SuppressWarnings("unchecked")
    RedisRateLimiter redisRateLimiter(ReactiveStringRedisTemplate redis, ConfigurationService configurationService) {
        String text;
        try {
            text = new ClassPathResource(SCRIPT, RedisRateLimiter.class.getClassLoader()).getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Spring Cloud Gateway's " + SCRIPT + " is missing", e);
        }
        DefaultRedisScript<List<Long>> script = new DefaultRedisScript<>(text, (Class<List<Long>>) (Class<?>) List.class);
        return new RedisRateLimiter(redis, script, configurationService);
    }
}
