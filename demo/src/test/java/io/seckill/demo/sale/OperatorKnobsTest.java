package io.seckill.demo.sale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OperatorKnobsTest {

    private static final String FILE = """
            # operator settings
            seckill:
              purchase:
                enabled: true           # (live) global buy switch
                strategy: lua           # (live) lua or redisson-lock
              relay:
                strategy: other         # a key of the same name elsewhere
            logging:
              level:
                io.seckill: INFO        # log level
            """;

    @Test
    void aKeyIsSetOnItsOwnLineWithItsCommentInItsColumn() {
        String set = OperatorKnobs.withValue(FILE, "seckill.purchase.strategy", "redisson-lock");

        assertThat(set).contains("    strategy: redisson-lock # (live) lua or redisson-lock\n")
                .contains("    strategy: other         # a key of the same name elsewhere\n")
                .startsWith("# operator settings\n");
        assertThat(OperatorKnobs.withValue(set, "seckill.purchase.strategy", "lua")).isEqualTo(FILE);
    }

    @Test
    void dottedLeafNamesAndListsAreValuesLikeAnyOther() {
        assertThat(OperatorKnobs.withValue(FILE, "logging.level.io.seckill", "DEBUG")).contains("    io.seckill: DEBUG       # log level");
        assertThat(OperatorKnobs.withValue("a:\n  b: []   # list\n", "a.b", "[127.0.0.1/32]")).isEqualTo("a:\n  b: [127.0.0.1/32] # list\n");
    }

    @Test
    void aMissingKeyIsRefusedNotAdded() {
        assertThatThrownBy(() -> OperatorKnobs.withValue(FILE, "seckill.purchase.nope", "x")).hasMessageContaining("'nope'");
        assertThatThrownBy(() -> OperatorKnobs.withValue(FILE, "seckill.strategy", "x")).hasMessageContaining("'strategy'");
    }
}
