package io.seckill.id.segment;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes the database know every declared tag: at start-up those of {@code ids.segment.tags}, and any an operator
 * adds at {@code POST /admin/ids/segment-tags}. A tag is created if missing and widened if declared with a larger
 * step; never lowered. Several instances starting at once agree: the insert ignores an existing row and the
 * widening is a conditional update.
 */
@Service
class DeclaringSegmentTags implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DeclaringSegmentTags.class);

    private final IdSegmentMapper segments;
    private final SegmentTagProperties properties;
    private final TransactionTemplate transactions;

    DeclaringSegmentTags(IdSegmentMapper segments, SegmentTagProperties properties, TransactionTemplate transactions) {
        this.segments = segments;
        this.properties = properties;
        this.transactions = transactions;
    }

    @Override
    public void run(ApplicationArguments arguments) {
        List<SegmentTag> tags = properties.tags();
        tags.forEach(this::declare);
        log.info("Segment tags declared: {}", tags.stream().map(SegmentTag::name).toList());
    }

    /** The tag as the database holds it after the declaration. */
    IdSegment declare(SegmentTag tag) {
        return transactions.execute(status -> {
            boolean created = segments.insertIfAbsent(tag.name(), tag.step(), tag.description()) == 1;
            boolean widened = !created && segments.widen(tag.name(), tag.step()) == 1;
            if (created || widened) {
                log.info("Segment tag '{}' {} with step {}", tag.name(), created ? "created" : "widened", tag.step());
            }
            return segments.selectById(tag.name());
        });
    }
}
