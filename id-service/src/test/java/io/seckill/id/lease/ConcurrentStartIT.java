package io.seckill.id.lease;

import static org.assertj.core.api.Assertions.assertThat;

import io.seckill.common.testsupport.ApiClient;
import io.seckill.common.testsupport.TestTokens;
import io.seckill.common.testsupport.RequiresStack;
import io.seckill.common.testsupport.ServiceProcess;
import io.seckill.common.testsupport.StackServer;
import io.seckill.id.snowflake.SnowflakeLayout;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * Three id-service instances, each its own JVM from the built jar, started at the same moment (as
 * pods of a scaled-out deployment are): three different worker ids, seen in the ids they issue.
 */
@RequiresStack(StackServer.MYSQL)
class ConcurrentStartIT {

    @Test
    void threeInstancesStartedTogetherGetThreeDifferentWorkerIds() throws Exception {
        int instances = 3;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService starters = Executors.newFixedThreadPool(instances);
        List<Future<ServiceProcess.Running>> starting = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            starting.add(starters.submit(() -> {
                go.await();
                return ServiceProcess.startDetached("id-service", Map.of());
            }));
        }
        go.countDown();
        List<ServiceProcess.Running> running = new ArrayList<>();
        try {
            for (Future<ServiceProcess.Running> f : starting) {
                running.add(f.get(180, TimeUnit.SECONDS));
            }
            Set<Integer> workers = new HashSet<>();
            for (ServiceProcess.Running instance : running) {
                workers.add(workerOfAnIdServedBy(instance.baseUrl()));
            }
            assertThat(workers).hasSize(instances);
        } finally {
            running.forEach(ServiceProcess.Running::kill);
            starters.shutdown();
        }
    }

    @SuppressWarnings("unchecked")
    private static int workerOfAnIdServedBy(String baseUrl) {
        Map<String, List<String>> body = new ApiClient(baseUrl).get("/api/ids/snowflake?count=1", TestTokens.service("test"))
                .as(Map.class);
        return SnowflakeLayout.decode(Long.parseLong(body.get("ids").get(0))).workerId();
    }
}
