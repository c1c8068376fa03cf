package io.seckill.id.segment;

import io.seckill.common.error.ErrorCode;
import io.seckill.common.error.ProblemException;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Fetches the next segment of a tag: advance and read back in one transaction, under the row lock. */
@Component
class SegmentStore {

    private final IdSegmentMapper segments;
    private final TransactionTemplate transactions;

    SegmentStore(IdSegmentMapper segments, TransactionTemplate transactions) {
        this.segments = segments;
        this.transactions = transactions;
    }

    SegmentRange fetch(String tag) {
        return transactions.execute(status -> {
            if (segments.advance(tag) == 0) {
                throw new ProblemException(ErrorCode.NOT_FOUND, "No id segment is defined for tag '" + tag + "'.");
            }
            IdSegment segment = segments.selectById(tag);
            return new SegmentRange(segment.getMaxId() - segment.getStep() + 1, segment.getMaxId() + 1);
        });
    }
}
