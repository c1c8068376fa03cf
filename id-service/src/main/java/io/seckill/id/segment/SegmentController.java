package io.seckill.id.segment;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class SegmentController {

    private final SegmentAllocator allocator;

    SegmentController(SegmentAllocator allocator) {
        this.allocator = allocator;
    }

    @GetMapping("/api/ids/segment/{tag}")
    SegmentIds issue(@PathVariable @Pattern(regexp = SegmentTag.TAG) String tag,
            @RequestParam(defaultValue = "1") @Min(1) @Max(10_000) int count) {
        long[] ids = allocator.next(tag, count);
        return new SegmentIds(tag, java.util.Arrays.stream(ids).boxed().toList());
    }

    record SegmentIds(String tag, List<Long> ids) {
    }
}
