package io.seckill.common.error;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;

import org.springdoc.core.customizers.GlobalOpenApiCustomizer;

/**
 * Every operation of a service's OpenAPI description names the refusals it may answer as they are answered: RFC 9457
 * problem+json ({@code Problem}) whose {@code code} is one of {@link ErrorCode}, listed per status. Clients branch on
 * the code; the description is where they read the codes.
 */
public final class ProblemDocumentation implements GlobalOpenApiCustomizer {

    static final String PROBLEM = "Problem";
    private static final String REFERENCE = "#/components/schemas/" + PROBLEM;
    /** The statuses every operation may be refused with; an operation's own documented ones are kept. */
    private static final List<Integer> STATUSES = List.of(400, 401, 403, 404, 409, 413, 415, 429, 503);

    @Override
    public void customise(OpenAPI api) {
        if (api.getComponents() == null) {
            api.setComponents(new Components());
        }
        api.getComponents().addSchemas(PROBLEM, problemSchema());
        if (api.getPaths() == null) {
            return;
        }
        Map<Integer, String> codesByStatus = codesByStatus();
        Content problem = new Content().addMediaType("application/problem+json", new MediaType().schema(new Schema<>().$ref(REFERENCE)));
        api.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
            for (int status : STATUSES) {
                String key = Integer.toString(status);
                if (operation.getResponses() != null && !operation.getResponses().containsKey(key) && codesByStatus.containsKey(status)) {
                    operation.getResponses().addApiResponse(key, new ApiResponse()
                            .description("Refused (problem+json), code " + codesByStatus.get(status)).content(problem));
                }
            }
        }));
    }

    private static Schema<?> problemSchema() {
        return new ObjectSchema().description("RFC 9457 problem details, with the platform's stable code")
                .addProperty("type", new StringSchema().format("uri").description("urn:seckill:problem:<code in kebab case>"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema().format("uri"))
                .addProperty("code", new StringSchema().description("stable: clients branch on it, never on the title")
                        ._enum(Arrays.stream(ErrorCode.values()).map(Enum::name).toList()))
                .required(List.of("type", "title", "status", "code"));
    }

    private static Map<Integer, String> codesByStatus() {
        return Arrays.stream(ErrorCode.values()).collect(Collectors.groupingBy(code -> code.status().value(), LinkedHashMap::new,
                Collectors.mapping(Enum::name, Collectors.joining(", "))));
    }
}
