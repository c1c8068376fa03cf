package io.seckill.gateway.problem;

import io.seckill.common.error.ErrorCode;
import io.seckill.common.error.Problems;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;

import reactor.netty.NettyPipeline;

/**
 * Reactor Netty answers a request it cannot decode (request line or headers over the limits, a malformed
 * request) itself, before WebFlux sees it: an empty 414, 431 or 400 and the connection closed. This handler,
 * between the HTTP codec and Reactor Netty's traffic handler, gives those answers the problem+json body every
 * other refusal has, and counts them in {@code seckill.gateway.rejections}.
 */
@Configuration(proxyBeanMethods = false)
class DecodingFailureProblems {

    private static final Set<Integer> DECODER_ANSWERS = Set.of(400, 413, 414, 431);

    @Bean
    NettyServerCustomizer problemOnDecodingFailure(MeterRegistry meters) {
        ChannelHandler problems = new ProblemBody(meters);
        return server -> server.doOnChannelInit((observer, channel, remote) -> {
            if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
                channel.pipeline().addAfter(NettyPipeline.HttpCodec, "seckill.decodingFailureProblems", problems);
            }
        });
    }

    @ChannelHandler.Sharable
    static final class ProblemBody extends ChannelOutboundHandlerAdapter {

        private final MeterRegistry meters;

        ProblemBody(MeterRegistry meters) {
            this.meters = meters;
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
            // WebFlux's own answers always carry a body; only the decoder's are empty and close the connection.
            if (msg instanceof FullHttpResponse empty && empty.content().readableBytes() == 0
                    && DECODER_ANSWERS.contains(empty.status().code())
                    && empty.headers().contains(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE, true)) {
                ErrorCode code = ErrorCode.forStatus(empty.status().code());
                meters.counter("seckill.gateway.rejections", "code", code.name(), "route", "undecoded").increment();
                byte[] body = ("{\"type\":\"" + code.type() + "\",\"title\":\"" + code.title() + "\",\"status\":"
                        + empty.status().code() + ",\"detail\":\"" + detail(code) + "\",\"" + Problems.CODE + "\":\""
                        + code.name() + "\"}").getBytes(StandardCharsets.UTF_8);
                FullHttpResponse problem = new DefaultFullHttpResponse(empty.protocolVersion(), empty.status(),
                        Unpooled.wrappedBuffer(body));
                problem.headers().set(empty.headers())
                        .set(HttpHeaderNames.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE)
                        .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
                empty.release();
                ctx.write(problem, promise);
                return;
            }
            ctx.write(msg, promise);
        }

        private static String detail(ErrorCode code) {
            return switch (code) {
                case URI_TOO_LONG -> "The request line is longer than the gateway reads.";
                case HEADERS_TOO_LARGE -> "The request headers are larger than the gateway reads.";
                default -> "The gateway could not read the request.";
            };
        }
    }
}
