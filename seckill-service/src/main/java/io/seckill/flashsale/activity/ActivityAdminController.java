package io.seckill.flashsale.activity;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Operators' API (the gateway lets only the operator role through to /admin/**). */
@RestController
@RequestMapping("/admin/activities")
class ActivityAdminController {

    private final ManagingActivities managing;
    private final ActivityCatalog catalog;

    ActivityAdminController(ManagingActivities managing, ActivityCatalog catalog) {
        this.managing = managing;
        this.catalog = catalog;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    ActivityView create(@Valid @RequestBody NewActivity definition) {
        return catalog.view(managing.create(definition));
    }

    @GetMapping("/{activityId:[1-9]\\d*}")
    ActivityView read(@PathVariable long activityId) {
        return catalog.view(catalog.any(activityId));
    }

    @PostMapping("/{activityId:[1-9]\\d*}/publish")
    ActivityView publish(@PathVariable long activityId) {
        return catalog.view(managing.publish(activityId));
    }

    @PostMapping("/{activityId:[1-9]\\d*}/pause")
    ActivityView pause(@PathVariable long activityId) {
        return catalog.view(managing.pause(activityId));
    }

    @PostMapping("/{activityId:[1-9]\\d*}/resume")
    ActivityView resume(@PathVariable long activityId) {
        return catalog.view(managing.resume(activityId));
    }

    @PostMapping("/{activityId:[1-9]\\d*}/end")
    ActivityView end(@PathVariable long activityId) {
        return catalog.view(managing.end(activityId));
    }
}
