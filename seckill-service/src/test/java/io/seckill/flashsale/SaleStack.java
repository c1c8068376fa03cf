package io.seckill.flashsale;

import io.seckill.common.testsupport.RequiresStack;
import io.seckill.common.testsupport.ServiceProcess;
import io.seckill.common.testsupport.StackServer;
import io.seckill.flashsale.activity.Activity;
import io.seckill.flashsale.activity.ManagingActivities;
import io.seckill.flashsale.activity.NewActivity;
import io.seckill.flashsale.sale.SaleKeys;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * seckill-service on the real stack, calling a real id-service and inventory-service (their built
 * jars, started once per test JVM), with helpers to open a sale and read its Redis state.
 */
@RequiresStack({StackServer.MYSQL, StackServer.REDIS, StackServer.KAFKA})
@SpringBootTest
public abstract class SaleStack {

    @DynamicPropertySource
    static void realServices(DynamicPropertyRegistry registry) {
        registry.add("seckill.ids.base-url", () -> ServiceProcess.baseUrl("id-service"));
        registry.add("seckill.sale.inventory-base-url", () -> ServiceProcess.baseUrl("inventory-service"));
    }

    @Autowired
    protected ManagingActivities managing;

    @Autowired
    protected RedissonClient redisson;

    /** A published, warmed sale that is open now (by the real clock) for an hour. */
    protected Activity openSale(int stock, int perUserLimit) {
        Instant now = Instant.now();
        return openSale(stock, perUserLimit, now.minus(Duration.ofMinutes(1)), now.plus(Duration.ofHours(1)));
    }

    protected Activity openSale(int stock, int perUserLimit, Instant start, Instant end) {
        Activity created = managing.create(new NewActivity("SKU-IT", "IT sale", new BigDecimal("9.90"), stock, start, end,
                perUserLimit));
        return managing.publish(created.getActivityId());
    }

    protected long redisStock(long activityId) {
        String value = redisson.<String>getBucket(new SaleKeys(activityId).stock(), StringCodec.INSTANCE).get();
        return value == null ? Long.MIN_VALUE : Long.parseLong(value);
    }

    protected Map<String, String> buyers(long activityId) {
        return redisson.<String, String>getMap(new SaleKeys(activityId).buyers(), StringCodec.INSTANCE).readAllMap();
    }
}
