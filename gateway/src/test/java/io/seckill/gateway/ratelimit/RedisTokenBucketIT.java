package io.seckill.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.seckill.common.testsupport.RequiresStack;
import io.seckill.common.testsupport.StackServer;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter.Response;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;

/** The gateway's Redis token bucket (Spring Cloud Gateway's Lua script) against the real Redis. */
@RequiresStack(StackServer.REDIS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RedisTokenBucketIT {

    @Autowired
    RedisRateLimiter limiter;

    @Test
    void aBucketOfTwoAdmitsTwoThenRefusesWithHeaders() {
        String route = "it-" + UUID.randomUUID();
        limiter.getConfig().put(route, new RedisRateLimiter.Config()
                .setReplenishRate(1).setBurstCapacity(2).setRequestedTokens(1));
        String user = "user-" + UUID.randomUUID();

        Response first = limiter.isAllowed(route, user).block();
        Response second = limiter.isAllowed(route, user).block();
        Response third = limiter.isAllowed(route, user).block();
        Response otherUser = limiter.isAllowed(route, "other-" + user).block();

        assertThat(first.isAllowed()).isTrue();
        assertThat(second.isAllowed()).isTrue();
        assertThat(third.isAllowed()).as("bucket of 2 is empty").isFalse();
        assertThat(third.getHeaders()).containsEntry(RedisRateLimiter.REMAINING_HEADER, "0");
        assertThat(otherUser.isAllowed()).as("buckets are per key").isTrue();
    }
}
