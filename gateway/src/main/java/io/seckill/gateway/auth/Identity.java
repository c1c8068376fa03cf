package io.seckill.gateway.auth;

import java.util.List;

/** Who logged in: the token's subject and roles claim, which every service reads from the verified token. */
public record Identity(String userId, List<String> roles) {
}
