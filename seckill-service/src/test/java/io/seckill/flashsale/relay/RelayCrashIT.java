package io.seckill.flashsale.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.seckill.common.event.OrderRequested;
import io.seckill.flashsale.OrderRequestsOnKafka;
import io.seckill.flashsale.SaleStack;
import io.seckill.flashsale.activity.Activity;
import io.seckill.flashsale.purchase.PlacingPurchase;
import io.seckill.flashsale.purchase.PurchaseOutcome;
import io.seckill.flashsale.purchase.PurchaseTokens;
import io.seckill.flashsale.sale.SaleKeys;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.redisson.api.RStream;
import org.redisson.api.stream.StreamAddArgs;
import org.redisson.api.stream.StreamMessageId;
import org.redisson.api.stream.StreamReadGroupArgs;
import org.redisson.client.codec.StringCodec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.json.JsonMapper;

/**
 * A relay that dies between reading requests and acknowledging them ("MQ failure not considered" in
 * peer projects): another relay claims the entries and publishes them; none is lost, none is published
 * twice. Requests that cannot be published land in the dead letters and can be replayed.
 */
@TestPropertySource(properties = {"seckill.relay.claim-idle=1s", "seckill.relay.claim-interval=200ms"})
class RelayCrashIT extends SaleStack {

    @Autowired
    RequestRelay relay;

    @Autowired
    DeadLetters deadLetters;

    @Autowired
    PurchaseTokens tokens;

    @Autowired
    PlacingPurchase placing;

    @Autowired
    ConsumerFactory<String, String> consumers;

    @Autowired
    JsonMapper json;

    @AfterEach
    void relayRunning() {
        relay.start();
    }

    @Test
    void requestsReadByARelayThatDiedAreClaimedAndPublishedOnce() {
        relay.stop();
        Activity sale = openSale(100, 1);
        long activityId = sale.getActivityId();
        Set<Long> accepted = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            String user = "crash-" + i;
            PurchaseOutcome outcome = placing.place(user, activityId, tokens.issue(user, activityId).token(), 1);
            accepted.add(((PurchaseOutcome.Accepted) outcome).orderId());
        }
        RStream<String, String> stream = redisson.getStream(new SaleKeys(activityId).requests(), StringCodec.INSTANCE);
        Map<StreamMessageId, Map<String, String>> takenByTheDoomed = stream.readGroup(SaleKeys.RELAY_GROUP, "doomed-relay",
                StreamReadGroupArgs.neverDelivered().count(100));
        assertThat(takenByTheDoomed).hasSize(50);
        // The doomed relay dies here: no publish, no acknowledgement.

        relay.start();

        List<OrderRequested> published = OrderRequestsOnKafka.read(consumers, json, activityId, 50,
                Duration.ofSeconds(60), Duration.ofSeconds(3));
        Map<Long, Long> timesPublished = published.stream()
                .collect(Collectors.groupingBy(OrderRequested::orderId, Collectors.counting()));
        assertThat(timesPublished.keySet()).isEqualTo(accepted);
        assertThat(timesPublished.values()).allMatch(times -> times == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> stream.size() == 0);
    }

    @Test
    void aRequestThatCannotBePublishedIsDeadLetteredAndCanBeReplayed() {
        relay.stop();
        Activity sale = openSale(10, 1);
        long activityId = sale.getActivityId();
        RStream<String, String> stream = redisson.getStream(new SaleKeys(activityId).requests(), StringCodec.INSTANCE);
        stream.add(StreamAddArgs.entries(Map.of("orderId", "not-a-number", "userId", "u", "activityId",
                Long.toString(activityId), "quantity", "1", "unitPrice", "9.90", "requestedAt", "0")));

        relay.relayOnce();

        List<DeadLetters.DeadLetter> letters = deadLetters.list(100).stream()
                .filter(letter -> letter.activityId().equals(Long.toString(activityId))).toList();
        assertThat(letters).singleElement().satisfies(letter -> {
            assertThat(letter.fields()).containsEntry("orderId", "not-a-number");
            assertThat(letter.fields().get("deadLetterReason")).startsWith("malformed");
        });
        assertThat(stream.size()).isZero();

        deadLetters.replay(activityId, letters.get(0).entryId());

        assertThat(stream.range(10, StreamMessageId.MIN, StreamMessageId.MAX).values())
                .extracting(Function.identity()).singleElement()
                .satisfies(fields -> assertThat(fields).containsEntry("orderId", "not-a-number").doesNotContainKey("deadLetterReason"));
        assertThat(deadLetters.list(100)).noneMatch(letter -> letter.activityId().equals(Long.toString(activityId)));
        stream.remove(stream.range(10, StreamMessageId.MIN, StreamMessageId.MAX).keySet().toArray(StreamMessageId[]::new));
    }
}
