package io.seckill.gateway.ratelimit;

import io.seckill.common.error.ErrorCode;
import io.seckill.gateway.problem.ProblemResponses;

import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Token buckets in Redis (Spring Cloud Gateway's {@link RedisRateLimiter} and its Lua script) in front
 * of every /api and /auth request: per client address, per authenticated user, and one bucket per
 * activity shared by all its purchases so a sale's burst cannot exceed what the platform was sized
 * for. Buckets are consulted in that order and the first empty one refuses with 429 and Retry-After;
 * a refused request takes no token from the buckets after it. Runs after Spring Security, so the
 * user is known. Rates are read per request from live configuration.
 */
@Component
class RateLimiting implements WebFilter, Ordered {

    private static final PathPattern PURCHASE = PathPatternParser.defaultInstance
            .parse("/api/activities/{activityId}/purchases/{token}");

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RateLimiting.class);

    private final RedisRateLimiter limiter;
    private final RateLimitProperties properties;
    private final ProblemResponses problems;
    private volatile ClientAddresses addresses = new ClientAddresses(List.of(), 1);
    private volatile List<String> refusedProxies; // the last live edit that did not parse, not retried per request

    RateLimiting(RedisRateLimiter limiter, RateLimitProperties properties, ProblemResponses problems) {
        this.limiter = limiter;
        this.properties = properties;
        this.problems = problems;
        // Every bucket's entry exists before the first request: later changes only replace values in
        // the limiter's (unsynchronised) map, never grow it while requests read it.
        for (Bucket bucket : Bucket.values()) {
            configure(bucket);
        }
    }

    @Override
    public int getOrder() {
        return 0; // after Spring Security's chain (-100)
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (!properties.isEnabled() || !(path.startsWith("/api/") || path.startsWith("/auth/"))) {
            return chain.filter(exchange);
        }
        return exchange.getPrincipal().map(Principal::getName).map(Optional::of).defaultIfEmpty(Optional.empty())
                .flatMap(user -> firstRefusal(checks(exchange, user))
                        .map(Optional::of).defaultIfEmpty(Optional.empty())
                        .flatMap(refusal -> refusal.isPresent() ? refuse(exchange, refusal.get()) : chain.filter(exchange)));
    }

    private List<Check> checks(ServerWebExchange exchange, Optional<String> user) {
        List<Check> checks = new ArrayList<>(3);
        checks.add(new Check(Bucket.PER_IP, "ip:" + addresses().of(exchange.getRequest())));
        user.ifPresent(id -> checks.add(new Check(Bucket.PER_USER, "user:" + id)));
        if (exchange.getRequest().getMethod() == HttpMethod.POST) {
            PathPattern.PathMatchInfo purchase = PURCHASE.matchAndExtract(exchange.getRequest().getPath().pathWithinApplication());
            if (purchase != null) {
                checks.add(new Check(Bucket.PER_ACTIVITY, "activity:" + purchase.getUriVariables().get("activityId")));
            }
        }
        return checks;
    }

    private Mono<Refusal> firstRefusal(List<Check> checks) {
        return Flux.fromIterable(checks)
                .concatMap(check -> limiter.isAllowed(configure(check.bucket()), check.key())
                        .map(response -> new Refusal(check.bucket(), response)))
                .filter(refusal -> !refusal.response().isAllowed())
                .next();
    }

    /** The bucket's id in the limiter's config map, with the current rates put there. */
    private String configure(Bucket bucket) {
        RateLimitProperties.Limit limit = bucket.limit(properties);
        Map<String, RedisRateLimiter.Config> configs = limiter.getConfig();
        RedisRateLimiter.Config current = configs.get(bucket.id());
        if (current == null || current.getReplenishRate() != limit.getReplenishRate()
                || current.getBurstCapacity() != limit.getBurstCapacity()) {
            configs.put(bucket.id(), new RedisRateLimiter.Config().setReplenishRate(limit.getReplenishRate())
                    .setBurstCapacity(limit.getBurstCapacity()).setRequestedTokens(1));
        }
        return bucket.id();
    }

    private Mono<Void> refuse(ServerWebExchange exchange, Refusal refusal) {
        RateLimitProperties.Limit limit = refusal.bucket().limit(properties);
        long retryAfter = Math.max(1, (long) Math.ceil(1.0 / limit.getReplenishRate()));
        HttpHeaders headers = exchange.getResponse().getHeaders();
        refusal.response().getHeaders().forEach(headers::set);
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
        return problems.write(exchange, ErrorCode.RATE_LIMITED, "Too many requests " + refusal.bucket().describe()
                + "; retry after " + retryAfter + " s.");
    }

    private ClientAddresses addresses() {
        ClientAddresses current = addresses;
        List<String> wanted = properties.getTrustedProxies();
        if (!current.sameSettings(wanted, properties.getMaxTrustedHops()) && !wanted.equals(refusedProxies)) {
            try {
                current = new ClientAddresses(wanted, properties.getMaxTrustedHops());
                addresses = current;
            } catch (IllegalArgumentException typo) {
                // A bad CIDR in a live edit must not turn every request into a 500: the proxies in force stay.
                refusedProxies = List.copyOf(wanted);
                log.warn("Ignoring trusted-proxies {}: {}; keeping the previous ones", wanted, typo.getMessage());
            }
        }
        return current;
    }

    private record Check(Bucket bucket, String key) {
    }

    private record Refusal(Bucket bucket, RateLimiter.Response response) {
    }

    enum Bucket {
        PER_IP("gateway-per-ip", "from your address"),
        PER_USER("gateway-per-user", "from your account"),
        PER_ACTIVITY("gateway-per-activity", "for this sale right now");

        private final String id;
        private final String description;

        Bucket(String id, String description) {
            this.id = id;
            this.description = description;
        }

        String id() {
            return id;
        }

        String describe() {
            return description;
        }

        RateLimitProperties.Limit limit(RateLimitProperties properties) {
            return switch (this) {
                case PER_IP -> properties.getPerIp();
                case PER_USER -> properties.getPerUser();
                case PER_ACTIVITY -> properties.getPerActivity();
            };
        }
    }
}
