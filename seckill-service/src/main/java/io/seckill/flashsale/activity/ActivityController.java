package io.seckill.flashsale.activity;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Shoppers browse: cached, so a crowd refreshing costs the database one query a second. */
@RestController
@RequestMapping("/api/activities")
class ActivityController {

    private final ActivityCatalog catalog;

    ActivityController(ActivityCatalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping
    List<ActivityView> liveAndUpcoming() {
        return catalog.liveAndUpcoming();
    }

    @GetMapping("/{activityId:[1-9]\\d*}")
    ActivityView read(@PathVariable long activityId) {
        return catalog.view(catalog.visible(activityId));
    }
}
