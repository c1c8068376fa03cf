package io.seckill.flashsale.reconciliation;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Operators run a reconciliation (report only, or repair) and read the last report. */
@RestController
@RequestMapping("/admin/reconciliation")
class ReconciliationController {

    private final Reconciling reconciling;

    ReconciliationController(Reconciling reconciling) {
        this.reconciling = reconciling;
    }

    @PostMapping
    ReconciliationReport run(@RequestParam(defaultValue = "false") boolean repair) {
        return reconciling.run(repair);
    }

    @GetMapping
    ReconciliationReport last() {
        return reconciling.last();
    }
}
