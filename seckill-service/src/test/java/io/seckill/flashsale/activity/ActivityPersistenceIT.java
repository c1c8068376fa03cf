package io.seckill.flashsale.activity;

import static org.assertj.core.api.Assertions.assertThat;

import io.seckill.common.testsupport.RequiresStack;
import io.seckill.common.testsupport.StackServer;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * MyBatis-Plus against the real activity schema; instants survive the round trip in UTC. Windows are
 * whole seconds: against MariaDB 10.x, mysql-connector-j reads the "5.5.5-" version prefix as a server
 * without fractional seconds and truncates the milliseconds it sends.
 */
@RequiresStack({StackServer.MYSQL, StackServer.REDIS, StackServer.KAFKA})
@SpringBootTest
class ActivityPersistenceIT {

    @Autowired
    ActivityMapper activities;

    @Test
    void writesAndReadsAnActivity() {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(1, ChronoUnit.HOURS);
        Activity activity = new Activity();
        activity.setActivityId(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE));
        activity.setSku("SKU-1");
        activity.setTitle("Phone, 1 yuan");
        activity.setPrice(new BigDecimal("1.00"));
        activity.setStock(100);
        activity.setPerUserLimit(1);
        activity.setStartAt(start);
        activity.setEndAt(start.plus(10, ChronoUnit.MINUTES));
        activity.setStatus(ActivityStatus.DRAFT);
        activities.insert(activity);

        Activity read = activities.selectById(activity.getActivityId());

        assertThat(read.getTitle()).isEqualTo("Phone, 1 yuan");
        assertThat(read.getStartAt()).isEqualTo(start);
        assertThat(read.getEndAt()).isEqualTo(start.plus(10, ChronoUnit.MINUTES));
        assertThat(read.getStatus()).isEqualTo(ActivityStatus.DRAFT);
        activities.deleteById(activity.getActivityId());
    }
}
