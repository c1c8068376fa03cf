package io.seckill.gateway.auth;

import io.seckill.common.error.ErrorCode;
import io.seckill.common.security.PackagedSecrets;
import io.seckill.common.security.TokenRules;
import io.seckill.gateway.problem.ProblemResponses;

import java.time.Clock;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.jwk.source.ImmutableSecret;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;

/**
 * The gateway is an OAuth2 resource server: every /api call but browsing carries a bearer JWT,
 * /admin and the management endpoints need the OPERATOR role. Locally tokens are HS256 with a shared
 * secret and come from the development login; in production (mode: issuer) Spring Boot builds the
 * decoder from spring.security.oauth2.resourceserver.jwt.issuer-uri / jwk-set-uri instead.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfiguration {

    static final String OPERATOR = "OPERATOR";

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, AuthProperties properties,
            ProblemResponses problems) {
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable) // bearer tokens only, no cookies to ride on
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                // Stateless: the default repository looks the context up in a WebSession, which made every
                // request create one (a SecureRandom id on boundedElastic, then a hop to parallel) — 14 % of
                // the gateway's samples on a proxied call (BENCHMARKS.md, "the WebSession per request").
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers(HttpMethod.POST, "/auth/login").permitAll()
                        .pathMatchers(HttpMethod.GET, "/api/activities", "/api/activities/{activityId}").permitAll()
                        .pathMatchers("/api/**").authenticated()
                        .pathMatchers("/admin/**").hasRole(OPERATOR)
                        .pathMatchers("/actuator/health/**", "/actuator/info", "/actuator/prometheus").permitAll()
                        .pathMatchers("/actuator/**").hasRole(OPERATOR)
                        // The storefront's files; anything else finds no route and is answered 404.
                        .anyExchange().permitAll())
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(roles(properties)))
                        .authenticationEntryPoint(unauthenticated(problems)))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint(unauthenticated(problems))
                        .accessDeniedHandler(forbidden(problems)))
                .build();
    }

    /** Roles come from the configured claim (default "roles") and become ROLE_* authorities. */
    private static ReactiveJwtAuthenticationConverterAdapter roles(AuthProperties properties) {
        JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
        authorities.setAuthoritiesClaimName(properties.getRolesClaim());
        authorities.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(authorities);
        return new ReactiveJwtAuthenticationConverterAdapter(converter);
    }

    private static ServerAuthenticationEntryPoint unauthenticated(ProblemResponses problems) {
        return (exchange, failure) -> {
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            boolean presented = exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION);
            return problems.write(exchange, ErrorCode.UNAUTHORIZED, presented
                    ? "The bearer token is invalid or expired; log in again."
                    : "Log in first: send Authorization: Bearer <token> (POST /auth/login issues one).");
        };
    }

    private static ServerAccessDeniedHandler forbidden(ProblemResponses problems) {
        return (exchange, denied) -> problems.write(exchange, ErrorCode.FORBIDDEN,
                "Your role may not use " + exchange.getRequest().getPath().value() + ".");
    }

    /** No observation (span) per security filter phase: four extra spans on every request at the door. */
    @Bean
    SecurityObservationSettings noSecurityFilterObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Production mode: Boot builds the decoder from spring.security.oauth2.resourceserver.jwt.issuer-uri and adds
     * every OAuth2TokenValidator bean to its checks, so the issuer's tokens obey the same rules (exp required,
     * a plain-id subject) as the services apply.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "seckill.auth", name = "mode", havingValue = "issuer")
    static class ExternalIssuer {

        @Bean
        OAuth2TokenValidator<Jwt> tokenRules(Clock clock) {
            return TokenRules.withoutIssuer(clock);
        }
    }

    /** Local and demo mode: one HMAC secret signs (login) and checks (every request) the tokens. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "seckill.auth", name = "mode", havingValue = "shared-secret", matchIfMissing = true)
    static class SharedSecret {

        @Bean
        ReactiveJwtDecoder jwtDecoder(AuthProperties properties, Clock clock, Environment environment) {
            NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withSecretKey(key(properties, environment))
                    .macAlgorithm(MacAlgorithm.HS256).build();
            decoder.setJwtValidator(TokenRules.of(properties.getIssuer(), clock));
            return decoder;
        }

        @Bean
        JwtEncoder jwtEncoder(AuthProperties properties, Environment environment) {
            return new NimbusJwtEncoder(new ImmutableSecret<>(key(properties, environment)));
        }

        @Bean
        TokenIssuer tokenIssuer(JwtEncoder encoder, AuthProperties properties, Clock clock) {
            return new TokenIssuer(encoder, properties, clock);
        }

        /** The login's key; the packaged one only under the local profile (common's PackagedSecrets). */
        private static SecretKey key(AuthProperties properties, Environment environment) {
            return new SecretKeySpec(PackagedSecrets.require("seckill.auth.secret", "SECKILL_JWT_SECRET",
                    properties.getSecret(), environment), "HmacSHA256");
        }
    }
}
