package io.seckill.id.segment;

import jakarta.validation.Valid;

import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Operators declare a new tag (or widen one) without SQL; OPERATOR only, as every {@code /admin} path. */
@RestController
@Validated
class SegmentTagAdminController {

    private final DeclaringSegmentTags declaring;

    SegmentTagAdminController(DeclaringSegmentTags declaring) {
        this.declaring = declaring;
    }

    @PostMapping("/admin/ids/segment-tags")
    DeclaredTag declare(@Valid @RequestBody SegmentTag tag) {
        IdSegment held = declaring.declare(tag);
        return new DeclaredTag(held.getBizTag(), held.getStep(), Long.toString(held.getMaxId()), held.getDescription());
    }

    /** The tag as the database holds it: its step (possibly wider than asked) and the highest id reserved so far. */
    record DeclaredTag(String name, int step, String reservedUpTo, String description) {
    }
}
