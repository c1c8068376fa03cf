package io.seckill.common.error;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;

class ErrorCodeTest {

    @Test
    void problemCarriesStableTypeTitleStatusAndCode() {
        ProblemDetail problem = Problems.of(ErrorCode.SOLD_OUT, "Activity 7 is sold out.");

        assertThat(problem.getType()).hasToString("urn:seckill:problem:sold-out");
        assertThat(problem.getStatus()).isEqualTo(409);
        assertThat(problem.getTitle()).isEqualTo("Sold out");
        assertThat(problem.getDetail()).isEqualTo("Activity 7 is sold out.");
        assertThat(problem.getProperties()).containsEntry("code", "SOLD_OUT");
    }

    @Test
    void frameworkStatusesMapToGenericCodesNotToSaleOutcomes() {
        assertThat(ErrorCode.forStatus(404)).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(ErrorCode.forStatus(409)).isEqualTo(ErrorCode.INVALID_STATE);
        assertThat(ErrorCode.forStatus(403)).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(ErrorCode.forStatus(418)).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(ErrorCode.forStatus(502)).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(ErrorCode.forStatus(504)).isEqualTo(ErrorCode.UPSTREAM_TIMEOUT);
        assertThat(ErrorCode.forStatus(500)).isEqualTo(ErrorCode.INTERNAL);
    }

    @Test
    void exceptionRendersAsItsProblem() {
        ProblemException refused = new ProblemException(ErrorCode.LIMIT_REACHED, "One per shopper.");

        assertThat(refused.getStatusCode().value()).isEqualTo(409);
        assertThat(refused.getBody().getProperties()).containsEntry("code", "LIMIT_REACHED");
        assertThat(refused.getMessage()).isEqualTo("LIMIT_REACHED: One per shopper.");
    }
}
