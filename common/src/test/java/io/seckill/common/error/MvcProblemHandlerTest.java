package io.seckill.common.error;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

class MvcProblemHandlerTest {

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Endpoints())
            .setControllerAdvice(new MvcProblemHandler())
            .build();

    @Test
    void ourRefusalKeepsItsOwnCode() throws Exception {
        mvc.perform(get("/sold-out"))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("SOLD_OUT"))
                .andExpect(jsonPath("$.type").value("urn:seckill:problem:sold-out"))
                .andExpect(jsonPath("$.detail").value("Activity 1 is sold out."));
    }

    @Test
    void invalidFieldsAreNamed() throws Exception {
        mvc.perform(post("/quantity").contentType(MediaType.APPLICATION_JSON).content("{\"quantity\":0}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
                .andExpect(jsonPath("$.errors[0].field").value("quantity"));
    }

    @Test
    void anInvalidQueryParameterIsNamed() throws Exception {
        mvc.perform(get("/count").param("count", "0"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
                .andExpect(jsonPath("$.errors[0].field").value("count"));
    }

    @Test
    void unreadableJsonIsAValidationFailure() throws Exception {
        mvc.perform(post("/quantity").contentType(MediaType.APPLICATION_JSON).content("{not json"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"));
    }

    @Test
    void frameworkErrorsGetAGenericCode() throws Exception {
        mvc.perform(post("/sold-out"))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(jsonPath("$.code").value("METHOD_NOT_ALLOWED"));
    }

    @Test
    void anUnexpectedFailureLeaksNothing() throws Exception {
        mvc.perform(get("/boom"))
                .andExpect(status().isInternalServerError())
                .andExpect(jsonPath("$.code").value("INTERNAL"))
                .andExpect(jsonPath("$.detail").value(Matchers.not(Matchers.containsString("secret"))));
    }

    record Quantity(@Min(1) int quantity) {
    }

    @RestController
    static class Endpoints {

        @GetMapping("/sold-out")
        String soldOut() {
            throw new ProblemException(ErrorCode.SOLD_OUT, "Activity 1 is sold out.");
        }

        @PostMapping("/quantity")
        String quantity(@Valid @RequestBody Quantity quantity) {
            return "ok";
        }

        @GetMapping("/count")
        String count(@RequestParam @Min(1) int count) {
            return "ok";
        }

        @GetMapping("/boom")
        String boom() {
            throw new IllegalStateException("secret internals");
        }
    }
}
