package io.seckill.demo.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * A JFR recording of a running service (the JDK's own profiler, started and stopped with {@code jcmd}),
 * summarised as the methods on top of the sampled stacks and the share of samples per library: what a
 * request really spends its CPU on, to decide what to change from evidence instead of from reading.
 */
final class FlightRecordings {

    /** Libraries, first match wins: the share of samples with any frame of each (inclusive) or on top (self). */
    private static final Map<String, List<String>> GROUPS = groups();

    private final Path dir;

    FlightRecordings(Path dir) {
        this.dir = dir;
    }

    void start(String service, long pid) {
        jcmd(pid, "JFR.start", "name=bench", "settings=profile", "filename=" + file(service));
    }

    /** Stops the recording and summarises it; the text goes to {@code results/profile-<service>.txt}. */
    Profile stop(String service, long pid, Path results) {
        jcmd(pid, "JFR.stop", "name=bench");
        Profile profile = summarise(service, file(service));
        try {
            Files.writeString(results.resolve("profile-" + service + ".txt"), profile.text());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return profile;
    }

    private Path file(String service) {
        return dir.resolve(service + ".jfr");
    }

    /** Samples, the top methods by samples on top of the stack, and each library's self and inclusive share. */
    record Profile(String service, long samples, List<Map.Entry<String, Long>> topMethods, Map<String, long[]> libraries) {

        String text() {
            StringBuilder out = new StringBuilder(String.format("%s: %,d execution samples%n%n", service, samples));
            out.append(String.format("%-70s %8s %7s%n", "top of stack (self)", "samples", "share"));
            for (Map.Entry<String, Long> method : topMethods) {
                out.append(String.format("%-70s %8d %6.1f%%%n", abbreviate(method.getKey()), method.getValue(),
                        100.0 * method.getValue() / Math.max(1, samples)));
            }
            out.append(String.format("%n%-44s %8s %10s%n", "library", "self", "inclusive"));
            libraries.forEach((library, counts) -> out.append(String.format("%-44s %7.1f%% %9.1f%%%n", library,
                    100.0 * counts[0] / Math.max(1, samples), 100.0 * counts[1] / Math.max(1, samples))));
            return out.toString();
        }

        private static String abbreviate(String method) {
            return method.length() <= 70 ? method : "…" + method.substring(method.length() - 69);
        }
    }

    static Profile summarise(String service, Path recording) {
        Map<String, Long> self = new HashMap<>();
        Map<String, long[]> libraries = new LinkedHashMap<>();
        GROUPS.keySet().forEach(group -> libraries.put(group, new long[2]));
        libraries.put("other", new long[2]);
        long samples = 0;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                    continue;
                }
                List<RecordedFrame> frames = event.getStackTrace().getFrames();
                if (frames.isEmpty()) {
                    continue;
                }
                samples++;
                String top = frames.get(0).getMethod().getType().getName() + "." + frames.get(0).getMethod().getName();
                self.merge(top, 1L, Long::sum);
                libraries.get(groupOf(frames.get(0).getMethod().getType().getName()))[0]++;
                Set<String> seen = new HashSet<>();
                for (RecordedFrame frame : frames) {
                    String group = groupOf(frame.getMethod().getType().getName());
                    if (seen.add(group)) {
                        libraries.get(group)[1]++;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + recording, e);
        }
        List<Map.Entry<String, Long>> top = new ArrayList<>(self.entrySet());
        top.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        return new Profile(service, samples, top.subList(0, Math.min(25, top.size())), libraries);
    }

    private static String groupOf(String type) {
        for (Map.Entry<String, List<String>> group : GROUPS.entrySet()) {
            for (String prefix : group.getValue()) {
                if (type.startsWith(prefix)) {
                    return group.getKey();
                }
            }
        }
        return "other";
    }

    private static Map<String, List<String>> groups() {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        groups.put("platform code (io.seckill)", List.of("io.seckill."));
        groups.put("Spring Security, JWT (Nimbus)", List.of("org.springframework.security.", "com.nimbusds."));
        groups.put("Spring Cloud Gateway", List.of("org.springframework.cloud.gateway."));
        groups.put("Redis clients (Lettuce, Redisson)", List.of("io.lettuce.", "org.redisson."));
        groups.put("Micrometer, tracing (Brave, Zipkin)", List.of("io.micrometer.", "brave.", "zipkin2."));
        groups.put("Jackson", List.of("tools.jackson.", "com.fasterxml.jackson."));
        groups.put("Netty, Reactor Netty", List.of("io.netty.", "reactor.netty."));
        groups.put("Reactor core", List.of("reactor."));
        groups.put("Tomcat", List.of("org.apache.catalina.", "org.apache.coyote.", "org.apache.tomcat."));
        groups.put("Spring Web, MVC, WebFlux", List.of("org.springframework.web.", "org.springframework.http."));
        groups.put("Spring (other)", List.of("org.springframework."));
        groups.put("Kafka client", List.of("org.apache.kafka."));
        groups.put("JDK", List.of("java.", "javax.", "jdk.", "sun.", "com.sun."));
        return groups;
    }

    private static void jcmd(long pid, String... command) {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid)));
        line.addAll(List.of(command));
        try {
            Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
            String out = new String(jcmd.getInputStream().readAllBytes());
            if (jcmd.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", line) + " failed: " + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
