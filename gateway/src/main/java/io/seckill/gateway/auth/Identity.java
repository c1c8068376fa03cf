package io.seckill.gateway.auth;

import java.util.List;

/** Who a request is: the user id services see in X-User-Id and the roles in X-User-Roles. */
public record Identity(String userId, List<String> roles) {
}
