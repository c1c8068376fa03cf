package io.seckill.id.segment;

import static org.assertj.core.api.Assertions.assertThat;

import io.seckill.common.testsupport.RequiresStack;
import io.seckill.common.testsupport.StackServer;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** A MyBatis-Plus write and read against the real MySQL schema Flyway built. */
@RequiresStack(StackServer.MYSQL)
@SpringBootTest
class IdSegmentPersistenceIT {

    @Autowired
    IdSegmentMapper segments;

    @Test
    void writesAndReadsASegmentRow() {
        String tag = "it-" + UUID.randomUUID();
        segments.insert(new IdSegment(tag, 1_000, 500, "round trip"));

        IdSegment read = segments.selectById(tag);

        assertThat(read.getMaxId()).isEqualTo(1_000);
        assertThat(read.getStep()).isEqualTo(500);
        assertThat(read.getDescription()).isEqualTo("round trip");
        segments.deleteById(tag);
    }
}
