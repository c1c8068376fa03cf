package io.seckill.id.lease;

import static org.assertj.core.api.Assertions.assertThat;

import io.seckill.common.testsupport.RequiresStack;
import io.seckill.common.testsupport.StackServer;
import io.seckill.id.IdServiceApplication;
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
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.web.client.RestClient;

/** Three whole id-service instances started at the same moment: three different worker ids, over HTTP too. */
@RequiresStack(StackServer.MYSQL)
class ConcurrentStartIT {

    @Test
    void threeInstancesStartedTogetherGetThreeDifferentWorkerIds() throws Exception {
        int instances = 3;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(instances);
        List<Future<ConfigurableApplicationContext>> starting = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            starting.add(pool.submit(() -> {
                go.await();
                return new SpringApplicationBuilder(IdServiceApplication.class).run("--server.port=0");
            }));
        }
        go.countDown();
        List<ConfigurableApplicationContext> running = new ArrayList<>();
        try {
            for (Future<ConfigurableApplicationContext> f : starting) {
                running.add(f.get(120, TimeUnit.SECONDS));
            }
            Set<Integer> fromLeases = new HashSet<>();
            Set<Integer> fromIds = new HashSet<>();
            for (ConfigurableApplicationContext instance : running) {
                fromLeases.add(instance.getBean(WorkerLeaseKeeper.class).workerId().orElseThrow());
                fromIds.add(workerOfAnIdServedBy(instance));
            }
            assertThat(fromLeases).hasSize(instances);
            assertThat(fromIds).isEqualTo(fromLeases);
        } finally {
            running.forEach(ConfigurableApplicationContext::close);
            pool.shutdown();
        }
    }

    @SuppressWarnings("unchecked")
    private static int workerOfAnIdServedBy(ConfigurableApplicationContext instance) {
        String port = instance.getBean(Environment.class).getProperty("local.server.port");
        Map<String, List<String>> body = RestClient.create("http://127.0.0.1:" + port)
                .get().uri("/api/ids/snowflake?count=1").retrieve().body(Map.class);
        return SnowflakeLayout.decode(Long.parseLong(body.get("ids").get(0))).workerId();
    }
}
