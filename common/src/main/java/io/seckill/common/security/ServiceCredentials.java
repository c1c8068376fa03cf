package io.seckill.common.security;

import java.io.IOException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Puts this service's token on every call it makes to another platform service (RestClient builders
 * get it through a customizer; id-client adds it to its own builder). A request that already carries a
 * credential keeps it.
 */
public final class ServiceCredentials implements ClientHttpRequestInterceptor {

    private final ServiceTokens tokens;

    ServiceCredentials(ServiceTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution) throws IOException {
        if (!request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)) {
            request.getHeaders().setBearerAuth(tokens.current());
        }
        return execution.execute(request, body);
    }
}
