package io.seckill.order.operations;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/admin/orders/dead-letters")
class DeadLetterAdminController {

    private final DeadLetteredRequests deadLetters;

    DeadLetterAdminController(DeadLetteredRequests deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping
    List<DeadLetteredRequests.DeadLetter> list() {
        return deadLetters.list();
    }

    @PostMapping("/{partition}/{offset}/replay")
    DeadLetteredRequests.DeadLetter replay(@PathVariable int partition, @PathVariable long offset) {
        return deadLetters.replay(partition, offset);
    }
}
