package io.seckill.id.segment;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The business tags segment ids are served for ({@code ids.segment.tags}, read at start-up): each is created if the
 * database has no row for it, and widened if its declared step is larger than the stored one. Nothing is ever
 * lowered: a smaller step, or a row an operator widened since, stays as it is, and ids already handed out are
 * never handed out again.
 */
@ConfigurationProperties("ids.segment")
public record SegmentTagProperties(List<SegmentTag> tags) {

    public SegmentTagProperties {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
