package io.seckill.flashsale.relay;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/admin/relay/dead-letters")
class RelayAdminController {

    private final DeadLetters deadLetters;

    RelayAdminController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping
    List<DeadLetters.DeadLetter> list() {
        return deadLetters.list(100);
    }

    @PostMapping("/{activityId:[1-9]\\d*}/{entryId}/replay")
    DeadLetters.DeadLetter replay(@PathVariable long activityId, @PathVariable String entryId) {
        return deadLetters.replay(activityId, entryId);
    }
}
