package io.seckill.id.segment;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A business tag of segment ids: its name (the path segment of {@code /api/ids/segment/{tag}}), how many ids one
 * database fetch reserves, and what it numbers.
 */
public record SegmentTag(
        @NotNull @Pattern(regexp = TAG) String name,
        @NotNull @Min(1) @Max(1_000_000) Integer step,
        @Size(max = 255) String description) {

    /** What a tag may be spelled as, here and in the issuing endpoint's path. */
    static final String TAG = "[a-z0-9][a-z0-9._-]{0,63}";

    public SegmentTag {
        if (name == null || !name.matches(TAG)) {
            throw new IllegalArgumentException("ids.segment.tags: a tag name is " + TAG + ", not '" + name + "'");
        }
        if (step == null || step < 1 || step > 1_000_000) {
            throw new IllegalArgumentException("ids.segment.tags[" + name + "].step must be 1..1000000, was " + step);
        }
    }
}
