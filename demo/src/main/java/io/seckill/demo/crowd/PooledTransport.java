package io.seckill.demo.crowd;

import io.seckill.common.testsupport.ApiClient;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * The shoppers' connections for {@link ApiClient}: a pool of keep-alive connections, as many as the crowd's
 * concurrency. The JDK's client, which the tests use, took a core of the generator at 1,000 requests a second;
 * this one costs it little, so the figures are the platform's.
 */
public final class PooledTransport implements ApiClient.Transport {

    private final CloseableHttpClient http;

    public PooledTransport(int connections) {
        PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(connections + 4).setMaxConnPerRoute(connections + 4)
                .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(3, TimeUnit.SECONDS)
                        .setSocketTimeout(30, TimeUnit.SECONDS).build())
                .build();
        this.http = HttpClients.custom().setConnectionManager(pool).disableCookieManagement().disableRedirectHandling()
                .disableAutomaticRetries()
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.ofSeconds(30)).build())
                .build();
    }

    @Override
    public ApiClient.Reply exchange(String method, URI uri, Map<String, String> headers, String body) {
        HttpUriRequestBase request = new HttpUriRequestBase(method, uri);
        headers.forEach(request::setHeader);
        if (body != null) {
            String type = headers.getOrDefault("Content-Type", "application/json");
            request.setEntity(new StringEntity(body, ContentType.parse(type)));
        }
        try {
            return http.execute(request, response -> {
                Map<String, List<String>> received = new LinkedHashMap<>();
                for (Header header : response.getHeaders()) {
                    received.computeIfAbsent(header.getName(), name -> new java.util.ArrayList<>()).add(header.getValue());
                }
                Header type = response.getFirstHeader("Content-Type");
                return new ApiClient.Reply(response.getCode(), type == null ? "" : type.getValue(), received,
                        response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity()));
            });
        } catch (IOException e) {
            return ApiClient.Reply.noAnswer(e);
        }
    }
}
