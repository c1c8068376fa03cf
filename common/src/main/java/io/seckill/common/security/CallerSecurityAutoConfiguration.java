package io.seckill.common.security;

import java.text.ParseException;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import jakarta.servlet.DispatcherType;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jwt.JWTParser;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Every servlet service is an OAuth2 resource server and verifies its caller itself, whatever the network
 * says: shoppers and operators by the token the gateway forwards (the gateway's issuer), other services
 * by a service token ({@link ServiceTokens}). Which of the two keys checks a token is chosen by its
 * {@code iss} ({@link Callers}). Nothing trusts an identity header.
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({SecurityFilterChain.class, JwtDecoder.class, NimbusJwtEncoder.class})
@EnableConfigurationProperties(CallerProperties.class)
public class CallerSecurityAutoConfiguration {

    private static final String ROLE = "ROLE_";

    @Configuration(proxyBeanMethods = false)
    @EnableWebSecurity
    static class Chain {

        /**
         * No observation wrapped around each security filter: with spring.security observations switched off the
         * decorator still ran per filter (4 % of seckill-service's samples). The request keeps its own span.
         */
        @Bean
        @ConditionalOnMissingBean
        SecurityObservationSettings noSecurityFilterObservations() {
            return SecurityObservationSettings.noObservations();
        }

        @Bean
        @ConditionalOnMissingBean
        HttpFirewall firewall() {
            return HeaderCharacters.firewall();
        }

        @Bean
        @ConditionalOnMissingBean
        BearerTokenResolver bearerHeader() {
            return new BearerHeader();
        }

        @Bean
        @ConditionalOnMissingBean
        RequestRejectedHandler problemOnRejectedRequest() {
            return ProblemAuthenticationHandlers.rejected();
        }

        @Bean
        SecurityFilterChain callerVerification(HttpSecurity http, ObjectProvider<AccessRules> rules, Callers callers) {
            http.csrf(AbstractHttpConfigurer::disable) // bearer tokens only, no cookie to ride on
                    .httpBasic(AbstractHttpConfigurer::disable)
                    .formLogin(AbstractHttpConfigurer::disable)
                    .logout(AbstractHttpConfigurer::disable)
                    .requestCache(AbstractHttpConfigurer::disable)
                    // Stateless without the session machinery: the context lives for the request only (no
                    // SessionManagementFilter, no URL-encoding filter), and no browser headers on JSON answers
                    // the gateway relays with its own. Both showed in the bench's profile of every request.
                    .sessionManagement(AbstractHttpConfigurer::disable)
                    .securityContext(context -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                    .headers(AbstractHttpConfigurer::disable)
                    .authorizeHttpRequests(requests -> {
                        requests.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
                        requests.requestMatchers("/error").permitAll();
                        requests.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info",
                                "/actuator/prometheus").permitAll();
                        // The OpenAPI descriptions: what any caller of the API may read (the gateway shows them).
                        requests.requestMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**").permitAll();
                        requests.requestMatchers("/actuator/**").hasRole(Roles.OPERATOR);
                        requests.requestMatchers("/internal/**").hasRole(Roles.SERVICE);
                        requests.requestMatchers("/admin/**").hasRole(Roles.OPERATOR);
                        rules.orderedStream().forEach(rule -> rule.apply(requests));
                        // Everything else is a person's (shopper or operator): a service token is no shopper.
                        requests.anyRequest().hasAnyRole(Roles.SHOPPER, Roles.OPERATOR);
                    })
                    .oauth2ResourceServer(server -> server
                            .jwt(jwt -> jwt.decoder(callers.decoder()).jwtAuthenticationConverter(callers.authentication()))
                            .authenticationEntryPoint(ProblemAuthenticationHandlers.unauthenticated())
                            .accessDeniedHandler(ProblemAuthenticationHandlers.forbidden()))
                    .exceptionHandling(handling -> handling
                            .authenticationEntryPoint(ProblemAuthenticationHandlers.unauthenticated())
                            .accessDeniedHandler(ProblemAuthenticationHandlers.forbidden()));
            return http.build();
        }
    }

    /**
     * How a caller's token is checked and what it grants. One remembered decoder in front: a known token
     * costs a map lookup; only a new one is parsed for its {@code iss}, which picks the key (the users' or
     * the services'; any other issuer is a 401). Spring's JwtIssuerAuthenticationManagerResolver parsed
     * every request's token for its issuer before any cache (3 % of seckill-service's samples in the bench).
     */
    record Callers(JwtDecoder decoder, JwtAuthenticationConverter authentication) {
    }

    @Bean
    Callers callers(CallerProperties properties, Environment environment, ObjectProvider<Clock> clocks) {
        Clock clock = clocks.getIfAvailable(Clock::systemUTC);
        String usersIssuer = properties.issuer();
        String servicesIssuer = properties.service().issuer();
        if (usersIssuer.equals(servicesIssuer)) {
            throw new IllegalStateException("seckill.auth.issuer and seckill.auth.service.issuer must differ:"
                    + " a user token must never pass for a service token.");
        }
        JwtDecoder users = userDecoder(properties, environment, clock);
        JwtDecoder services = serviceDecoder(properties, environment, clock);
        JwtDecoder byIssuer = token -> {
            String issuer = unverifiedIssuer(token);
            if (usersIssuer.equals(issuer)) {
                return users.decode(token);
            }
            if (servicesIssuer.equals(issuer)) {
                return services.decode(token);
            }
            throw new BadJwtException("Tokens of issuer " + issuer + " are not accepted here");
        };
        Converter<Jwt, Collection<GrantedAuthority>> userRoles = userRoles(properties.rolesClaim());
        List<GrantedAuthority> service = List.of(new SimpleGrantedAuthority(ROLE + Roles.SERVICE));
        // A signed token's roles never change: worked out once per token, as its verification is (the
        // conversion was 3 % of seckill-service's samples when it ran on every request).
        Cache<String, Collection<GrantedAuthority>> roles = Caffeine.newBuilder().maximumSize(RememberedTokens.MAX_TOKENS)
                .expireAfterWrite(RememberedTokens.AT_MOST).build();
        JwtAuthenticationConverter authentication = new JwtAuthenticationConverter();
        authentication.setJwtGrantedAuthoritiesConverter(jwt -> roles.get(jwt.getTokenValue(),
                token -> servicesIssuer.equals(jwt.getClaimAsString(JwtClaimNames.ISS)) ? service : userRoles.convert(jwt)));
        return new Callers(new VerifiedTokenCache(byIssuer, clock), authentication);
    }

    /** The iss of a token not verified yet: only to choose the key that then verifies it. */
    private static String unverifiedIssuer(String token) {
        try {
            return JWTParser.parse(token).getJWTClaimsSet().getIssuer();
        } catch (ParseException unreadable) {
            throw new BadJwtException("Not a JWT: " + unreadable.getMessage());
        }
    }

    @Bean
    ServiceTokens serviceTokens(CallerProperties properties, Environment environment, ObjectProvider<Clock> clocks,
            @Value("${spring.application.name:service}") String applicationName) {
        CallerProperties.Service service = properties.service();
        String name = service.name() == null || service.name().isBlank() ? applicationName : service.name();
        return new ServiceTokens(new NimbusJwtEncoder(new ImmutableSecret<>(serviceKey(properties, environment))),
                clocks.getIfAvailable(Clock::systemUTC),
                new CallerProperties.Service(service.secret(), service.issuer(), name, service.tokenTtl()));
    }

    @Bean
    ServiceCredentials serviceCredentials(ServiceTokens tokens) {
        return new ServiceCredentials(tokens);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(RestClientCustomizer.class)
    static class OutgoingCalls {

        /** Every RestClient built from Boot's builder calls a platform service, so each carries the identity. */
        @Bean
        RestClientCustomizer serviceIdentityOnCalls(ServiceCredentials credentials) {
            return builder -> builder.requestInterceptor(credentials);
        }
    }

    private static JwtDecoder userDecoder(CallerProperties properties, Environment environment, Clock clock) {
        if (properties.mode() == CallerProperties.Mode.ISSUER) {
            // The issuer's keys are fetched on first use, so a service starts while the issuer is away.
            return new SupplierJwtDecoder(() -> {
                NimbusJwtDecoder decoder = JwtDecoders.fromIssuerLocation(properties.issuer());
                decoder.setJwtValidator(TokenRules.of(properties.issuer(), clock));
                return decoder;
            });
        }
        byte[] secret = PackagedSecrets.require("seckill.auth.secret", "SECKILL_JWT_SECRET", properties.secret(), environment);
        return hmac(secret, properties.issuer(), clock);
    }

    private static JwtDecoder serviceDecoder(CallerProperties properties, Environment environment, Clock clock) {
        return hmac(serviceKey(properties, environment), properties.service().issuer(), clock);
    }

    private static byte[] serviceKey(CallerProperties properties, Environment environment) {
        return PackagedSecrets.require("seckill.auth.service.secret", "SECKILL_SERVICE_SECRET",
                properties.service().secret(), environment);
    }

    private static JwtDecoder hmac(byte[] secret, String issuer, Clock clock) {
        SecretKey key = new SecretKeySpec(secret, "HmacSHA256");
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(key).macAlgorithm(MacAlgorithm.HS256).build();
        decoder.setJwtValidator(TokenRules.of(issuer, clock));
        return decoder;
    }

    /** A user's roles from its claim; SERVICE is stripped, whatever an issuer wrote. */
    private static Converter<Jwt, Collection<GrantedAuthority>> userRoles(String claim) {
        JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
        roles.setAuthoritiesClaimName(claim);
        roles.setAuthorityPrefix(ROLE);
        return jwt -> Stream.ofNullable(roles.convert(jwt)).flatMap(Collection::stream)
                .filter(authority -> !authority.getAuthority().equals(ROLE + Roles.SERVICE))
                .map(GrantedAuthority.class::cast).toList();
    }
}
