package io.seckill.gateway.ratelimit;

import io.seckill.common.error.ErrorCode;
import io.seckill.common.api.SalePath;
import io.seckill.gateway.problem.ProblemResponses;

import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.bucket4j.ConsumptionProbe;

import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;

/**
 * Token buckets in front of every /api and /auth request, consulted in order, the first empty one
 * refusing with 429 and Retry-After (a refused request takes nothing from the buckets after it):
 * <ol>
 * <li>per client address and per authenticated user, in this instance's memory ({@link LocalBuckets}):
 * no Redis call. With N gateway instances a client can get up to N times its rate, exactly its rate when
 * the load balancer keeps a client on one instance (client-address affinity);</li>
 * <li>per sale, on its purchases only: one bucket in Redis shared by every instance and every shopper
 * (Spring Cloud Gateway's {@link RedisRateLimiter}), so a sale's burst never exceeds what the platform
 * was sized for however many gateways there are: exact, one Redis round trip per purchase.</li>
 * </ol>
 * Runs after Spring Security, so the user is known. Rates are live: a changed rate applies to the next
 * request (in-memory buckets start full at the new rate).
 */
@Component
public class RateLimiting implements WebFilter, Ordered {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RateLimiting.class);
    /** Buckets kept per kind; a key beyond these starts a new full bucket, it never loses one. */
    private static final int MAX_KEYS = 200_000;
    private static final String PER_ACTIVITY = "gateway-per-activity";

    private final RedisRateLimiter limiter;
    private final RateLimitProperties properties;
    private final ProblemResponses problems;
    private volatile ClientAddresses addresses = new ClientAddresses(List.of(), 1);
    private volatile List<String> refusedProxies; // the last live edit that did not parse, not retried per request
    private volatile LocalBuckets perIp;
    private volatile LocalBuckets perUser;

    RateLimiting(RedisRateLimiter limiter, RateLimitProperties properties, ProblemResponses problems) {
        this.limiter = limiter;
        this.properties = properties;
        this.problems = problems;
        this.perIp = new LocalBuckets(properties.getPerIp(), MAX_KEYS);
        this.perUser = new LocalBuckets(properties.getPerUser(), MAX_KEYS);
        // The shared bucket's entry exists before the first request: later changes only replace its value
        // in the limiter's (unsynchronised) map, never grow the map while requests read it.
        configurePerActivity();
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
        LocalBuckets ip = addressBuckets();
        ConsumptionProbe fromAddress = ip.take(addresses().of(exchange.getRequest()));
        if (!fromAddress.isConsumed()) {
            return refuse(exchange, "from your address", ip.limit(), fromAddress);
        }
        return exchange.getPrincipal().map(Principal::getName).map(Optional::of).defaultIfEmpty(Optional.empty())
                .flatMap(user -> {
                    if (user.isPresent()) {
                        LocalBuckets users = userBuckets();
                        ConsumptionProbe fromUser = users.take(user.get());
                        if (!fromUser.isConsumed()) {
                            return refuse(exchange, "from your account", users.limit(), fromUser);
                        }
                    }
                    SalePath sale = SalePath.of(exchange.getRequest().getMethod().name(), path);
                    if (sale.kind() != SalePath.Kind.PURCHASE) {
                        return chain.filter(exchange);
                    }
                    return limiter.isAllowed(configurePerActivity(), "activity:" + sale.activityId())
                            .flatMap(response -> response.isAllowed() ? chain.filter(exchange)
                                    : refuse(exchange, response.getHeaders(), properties.getPerActivity()));
                });
    }

    /** The in-memory buckets for the limits in force: rebuilt (full) when a live edit changed one. */
    private LocalBuckets addressBuckets() {
        if (!perIp.isFor(properties.getPerIp())) {
            perIp = new LocalBuckets(properties.getPerIp(), MAX_KEYS);
        }
        return perIp;
    }

    private LocalBuckets userBuckets() {
        if (!perUser.isFor(properties.getPerUser())) {
            perUser = new LocalBuckets(properties.getPerUser(), MAX_KEYS);
        }
        return perUser;
    }

    /** The shared bucket's id in the limiter's config map, with the current rates put there. */
    private String configurePerActivity() {
        RateLimitProperties.Limit limit = properties.getPerActivity();
        Map<String, RedisRateLimiter.Config> configs = limiter.getConfig();
        RedisRateLimiter.Config current = configs.get(PER_ACTIVITY);
        if (current == null || current.getReplenishRate() != limit.getReplenishRate()
                || current.getBurstCapacity() != limit.getBurstCapacity()) {
            configs.put(PER_ACTIVITY, new RedisRateLimiter.Config().setReplenishRate(limit.getReplenishRate())
                    .setBurstCapacity(limit.getBurstCapacity()).setRequestedTokens(1));
        }
        return PER_ACTIVITY;
    }

    private Mono<Void> refuse(ServerWebExchange exchange, String which, RateLimitProperties.Limit limit, ConsumptionProbe probe) {
        long retryAfter = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
        HttpHeaders headers = exchange.getResponse().getHeaders();
        headers.set(RedisRateLimiter.REMAINING_HEADER, Long.toString(probe.getRemainingTokens()));
        headers.set(RedisRateLimiter.REPLENISH_RATE_HEADER, Integer.toString(limit.getReplenishRate()));
        headers.set(RedisRateLimiter.BURST_CAPACITY_HEADER, Integer.toString(limit.getBurstCapacity()));
        headers.set(RedisRateLimiter.REQUESTED_TOKENS_HEADER, "1");
        return tooMany(exchange, which, retryAfter);
    }

    private Mono<Void> refuse(ServerWebExchange exchange, Map<String, String> limiterHeaders, RateLimitProperties.Limit limit) {
        limiterHeaders.forEach(exchange.getResponse().getHeaders()::set);
        return tooMany(exchange, "for this sale right now", Math.max(1, (long) Math.ceil(1.0 / limit.getReplenishRate())));
    }

    private Mono<Void> tooMany(ServerWebExchange exchange, String which, long retryAfter) {
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
        return problems.write(exchange, ErrorCode.RATE_LIMITED, "Too many requests " + which + "; retry after " + retryAfter + " s.");
    }

    /** The client's address as the per-IP limit sees it (trusted proxies walked back), for the login throttle. */
    public String clientOf(ServerHttpRequest request) {
        return addresses().of(request);
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
}
