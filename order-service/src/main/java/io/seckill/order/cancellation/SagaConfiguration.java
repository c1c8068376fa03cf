package io.seckill.order.cancellation;

import javax.sql.DataSource;

import org.apache.seata.saga.engine.StateMachineConfig;
import org.apache.seata.saga.engine.StateMachineEngine;
import org.apache.seata.saga.engine.config.DbStateMachineConfig;
import org.apache.seata.saga.engine.impl.ProcessCtrlStateMachineEngine;
import org.apache.seata.saga.rm.StateMachineEngineHolder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Seata Saga engine, declared here because Seata's own SeataSagaAutoConfiguration does not apply on
 * Spring Boot 4: it orders itself after Boot 3's DataSourceAutoConfiguration (a class Boot 4 moved), so
 * its {@code @ConditionalOnBean(DataSource)} is judged before any DataSource exists. Same two beans.
 */
@Configuration(proxyBeanMethods = false)
class SagaConfiguration {

    static final int SERVICE_INVOKE_TIMEOUT_MILLIS = 45_000;

    @Bean
    DbStateMachineConfig stateMachineConfig(DataSource dataSource, @Value("${spring.application.name}") String application,
            @Value("${seata.tx-service-group}") String txServiceGroup) {
        DbStateMachineConfig config = new DbStateMachineConfig();
        config.setDataSource(dataSource);
        config.setApplicationId(application);
        config.setTxServiceGroup(txServiceGroup);
        config.setDbType("mysql");
        config.setResources(new String[] {"classpath*:seata/saga/statelang/**/*.json"});
        // A step still "running" after this is abandoned (its instance died) and may be forwarded. Longer
        // than any step with its retries (about 31 s for AnnounceCancellation); Seata's default is 5 minutes.
        config.setServiceInvokeTimeout(SERVICE_INVOKE_TIMEOUT_MILLIS);
        return config;
    }

    @Bean
    StateMachineEngine stateMachineEngine(StateMachineConfig config) {
        ProcessCtrlStateMachineEngine engine = new ProcessCtrlStateMachineEngine();
        engine.setStateMachineConfig(config);
        // The saga resource manager finds the engine here when the TC asks it to resume a saga.
        StateMachineEngineHolder.setStateMachineEngine(engine);
        return engine;
    }
}
