package org.kaers.common;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Strict JSON input: what a client sends is read as written or rejected, never guessed at.
 * No string-to-number or number-to-string coercion, no duplicate keys, no trailing tokens,
 * no numbers for enums, no nulls for primitives, no unknown fields (a record fails at its first,
 * {@link FirstUnknownField}). Decimals are written plainly (20, not 2E+1).
 */
@Singleton
public class JsonConfig implements ObjectMapperCustomizer {

    /** Deepest nesting of arrays and objects; a case report nests four deep. */
    static final int MAX_NESTING = 32;
    /** Longest string value (the longest field, the narrative, holds 20,000 characters). */
    static final int MAX_STRING = 100_000;
    /** Longest number literal. */
    static final int MAX_NUMBER = 64;
    /** Longest property name. */
    static final int MAX_NAME = 200;
    /** Most tokens in one document (a full case report has a few thousand). */
    static final long MAX_TOKENS = 100_000;
    /** Largest document, in bytes: the API's body limit is 1 MiB. */
    static final long MAX_DOCUMENT = 2L * 1024 * 1024;

    @Override
    public void customize(ObjectMapper mapper) {
        // Cost bounds on what a parser will read, whatever the body limit (README, "Security").
        mapper.getFactory()
                .setStreamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING)
                        .maxStringLength(MAX_STRING)
                        .maxNumberLength(MAX_NUMBER)
                        .maxNameLength(MAX_NAME)
                        .maxTokenCount(MAX_TOKENS)
                        .maxDocumentLength(MAX_DOCUMENT)
                        .build());
        mapper.registerModule(BoundedCollections.module());
        mapper.registerModule(FirstUnknownField.module());
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        mapper.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
        mapper.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
        for (LogicalType type : new LogicalType[] {
            LogicalType.Integer,
            LogicalType.Float,
            LogicalType.Boolean,
            LogicalType.Textual,
            LogicalType.Enum,
            LogicalType.DateTime
        }) {
            mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
            mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
            mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
            mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
            mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        // Re-allow the natural shapes: numbers for numbers, strings for text, enums and dates.
        mapper.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.TryConvert);
        mapper.coercionConfigFor(LogicalType.Float).setCoercion(CoercionInputShape.Float, CoercionAction.TryConvert);
        mapper.coercionConfigFor(LogicalType.Float).setCoercion(CoercionInputShape.Integer, CoercionAction.TryConvert);
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.TryConvert);
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.String, CoercionAction.TryConvert);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.TryConvert);
        mapper.coercionConfigFor(LogicalType.Enum).setCoercion(CoercionInputShape.String, CoercionAction.TryConvert);
        mapper.coercionConfigFor(LogicalType.DateTime)
                .setCoercion(CoercionInputShape.String, CoercionAction.TryConvert);
    }
}
