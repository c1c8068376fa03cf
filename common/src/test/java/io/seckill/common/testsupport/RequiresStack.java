package io.seckill.common.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Declares the real servers an integration test talks to. Before the class runs (and before any
 * Spring context starts) each must answer; if one does not, the test class fails with a message that
 * names the server and the command that starts it. It never skips. Place it before
 * {@code @SpringBootTest} so the check (or, with {@code -Dseckill.test.containers=true}, the
 * Testcontainers start) happens first.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(StackExtension.class)
public @interface RequiresStack {

    StackServer[] value();
}
