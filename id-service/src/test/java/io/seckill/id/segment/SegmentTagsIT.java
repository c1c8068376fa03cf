package io.seckill.id.segment;

import static org.assertj.core.api.Assertions.assertThat;

import io.seckill.common.testsupport.ApiClient;
import io.seckill.common.testsupport.RequiresStack;
import io.seckill.common.testsupport.StackServer;
import io.seckill.common.testsupport.TestTokens;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 18, "segment mode answers 404 for every tag out of the box: tags exist only as rows a user must insert by
 * SQL": the tags of config/id-service.yaml exist once the service has started ({@code order} out of the box), a
 * declaration creates a tag or widens its step but never lowers it, and operators (only they) add one over HTTP.
 */
@RequiresStack(StackServer.MYSQL)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SegmentTagsIT {

    @LocalServerPort
    int port;

    @Autowired
    IdSegmentMapper segments;

    @Autowired
    DeclaringSegmentTags declaring;

    @Autowired
    SegmentAllocator allocator;

    @Test
    void theDeclaredOrderTagServesIdsOutOfTheBox() {
        IdSegment order = segments.selectById("order");
        assertThat(order).as("declared by config/id-service.yaml at start-up").isNotNull();
        assertThat(order.getStep()).isGreaterThanOrEqualTo(1000);
        long[] ids = allocator.next("order", 3);
        assertThat(ids[1]).isGreaterThan(ids[0]);
        assertThat(ids[2]).isGreaterThan(ids[1]);
    }

    @Test
    void aDeclarationCreatesOrWidensATagButNeverLowersIt() {
        String tag = "it-" + UUID.randomUUID().toString().substring(0, 8);
        try {
            assertThat(declaring.declare(new SegmentTag(tag, 10, "tags IT")).getStep()).isEqualTo(10);
            long first = allocator.next(tag, 1)[0];

            assertThat(declaring.declare(new SegmentTag(tag, 5, "smaller")).getStep()).as("never lowered").isEqualTo(10);
            assertThat(declaring.declare(new SegmentTag(tag, 50, "wider")).getStep()).as("widened").isEqualTo(50);
            assertThat(segments.selectById(tag).getMaxId()).as("ids handed out stay handed out").isGreaterThanOrEqualTo(first);
        } finally {
            segments.deleteById(tag);
        }
    }

    @Test
    void onlyAnOperatorDeclaresATagOverHttp() {
        String tag = "it-" + UUID.randomUUID().toString().substring(0, 8);
        ApiClient http = new ApiClient("http://127.0.0.1:" + port);
        String body = "{\"name\":\"" + tag + "\",\"step\":100,\"description\":\"declared by an operator\"}";
        try {
            http.post("/admin/ids/segment-tags", null, body).assertProblem(401, null);
            http.post("/admin/ids/segment-tags", TestTokens.service("seckill-service"), body).assertProblem(403, null);
            http.post("/admin/ids/segment-tags", TestTokens.operator(), "{\"name\":\"Not A Tag\",\"step\":100}")
                    .assertProblem(400, "VALIDATION_FAILED");
            assertThat(segments.selectById(tag)).as("nothing declared by the refused calls").isNull();

            ApiClient.Reply declared = http.post("/admin/ids/segment-tags", TestTokens.operator(), body);
            assertThat(declared.status()).as(declared.body()).isEqualTo(200);
            assertThat(declared.body()).contains("\"name\":\"" + tag + "\"", "\"step\":100");
            assertThat(allocator.next(tag, 2)).hasSize(2);
        } finally {
            segments.deleteById(tag);
        }
    }
}
