package io.seckill.common.error;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.Context;
import org.apache.catalina.Host;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.apache.tomcat.util.json.JSONFilter;

/**
 * What Tomcat answers itself, before any servlet runs (a header or request line too long, a malformed
 * request), as problem+json with the platform's code instead of Tomcat's HTML page. Errors Spring MVC
 * handles never reach it: they are written already.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    /** Replaces the host's HTML error report: installed before the host starts, so Tomcat adds no other. */
    public static void installOn(Context context) {
        Host host = (Host) context.getParent();
        if (host instanceof StandardHost standard
                && !ProblemErrorReportValve.class.getName().equals(standard.getErrorReportValveClass())) {
            standard.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            standard.getPipeline().addValve(new ProblemErrorReportValve());
        }
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        // Tomcat reads the request line and headers into one buffer and answers 400 when it overflows: 431 says why.
        boolean headTooLarge = throwable instanceof IllegalArgumentException && throwable.getMessage() != null
                && throwable.getMessage().contains("header is too large");
        if (headTooLarge) {
            status = ErrorCode.HEADERS_TOO_LARGE.status().value();
            response.setStatus(status);
        }
        ErrorCode code = ErrorCode.forStatus(status);
        // Tomcat's own words (e.g. "Request header is too large"), never a stack trace.
        String detail = headTooLarge ? "The request line and headers are larger than this server reads."
                : throwable != null && throwable.getMessage() != null ? throwable.getMessage()
                : response.getMessage() != null && !response.getMessage().isBlank() ? response.getMessage()
                : "The server refused the request before reading it.";
        String body = "{\"type\":\"" + code.type() + "\",\"title\":\"" + JSONFilter.escape(code.title())
                + "\",\"status\":" + status + ",\"detail\":\"" + JSONFilter.escape(detail)
                + "\",\"" + Problems.CODE + "\":\"" + code.name() + "\"}";
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("utf-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException closed) {
            // the client is gone or the response committed: nothing more to say
        }
    }
}
