package io.seckill.flashsale.sale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

/** The request stream's entry has one definition: the record, which the purchase script writes field for field. */
class RequestEntryTest {

    @Test
    void thePurchaseScriptWritesExactlyTheRecordsFieldsInItsOrder() throws IOException {
        String script = new ClassPathResource("scripts/purchase.lua").getContentAsString(StandardCharsets.UTF_8);
        Matcher xadd = Pattern.compile("redis\\.call\\('XADD', KEYS\\[5\\], '\\*',(.*?)\\)\\s*\\n", Pattern.DOTALL).matcher(script);
        assertThat(xadd.find()).as("the XADD of purchase.lua").isTrue();
        List<String> names = new ArrayList<>();
        Matcher pair = Pattern.compile("'(\\w+)',\\s*[^,)]+").matcher(xadd.group(1));
        while (pair.find()) {
            names.add(pair.group(1));
        }
        assertThat(names).isEqualTo(RequestEntry.FIELDS);
    }

    @Test
    void anEntryReadsBackAsItWasWritten() {
        RequestEntry entry = new RequestEntry(7L, "alice", 42L, 2, new BigDecimal("9.90"), 1_700_000_000_000L, "00-abc-def-01");

        assertThat(RequestEntry.parse(entry.fields())).isEqualTo(entry);
        assertThat(entry.toEvent(java.time.Instant.EPOCH).orderId()).isEqualTo(7L);
    }

    @Test
    void aMalformedEntryNamesTheField() {
        Map<String, String> fields = new LinkedHashMap<>(
                new RequestEntry(7L, "alice", 42L, 1, BigDecimal.ONE, 1L, "").fields());
        fields.put(RequestEntry.ORDER_ID, "not-a-number");
        assertThatThrownBy(() -> RequestEntry.parse(fields)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("orderId");
        fields.remove(RequestEntry.USER_ID);
        fields.put(RequestEntry.ORDER_ID, "7");
        assertThatThrownBy(() -> RequestEntry.parse(fields)).hasMessageContaining("userId is missing");
    }
}
