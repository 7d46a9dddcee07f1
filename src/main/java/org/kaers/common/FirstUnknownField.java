package org.kaers.common;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonIncludeProperties;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBase;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/**
 * A record (any bean built through its constructor) fails at its first unknown field, as it is read. Jackson reads
 * every field of such a bean before it builds it, and keeps each unknown one, name and value, in a buffer, to report
 * the first of them only after the last: a 1 MiB object of 100,000 unknown keys was read and copied whole before its
 * 400 (README, "Security", 2026-12-03). Here the record's deserializer reads through a parser that checks each field
 * name of the record's own object as it comes and throws the same {@link UnrecognizedPropertyException} Jackson
 * would have thrown at the end: the same answer (400 naming the first unknown field, in document order), after one
 * field instead of all of them. Beans with other unknown-field handling (an any-setter, ignored or included names
 * only, unwrapped properties) and mappers that do not fail on unknown fields are read as Jackson reads them.
 */
final class FirstUnknownField {

    private FirstUnknownField() {}

    static SimpleModule module() {
        SimpleModule module = new SimpleModule("kaers-first-unknown-field");
        module.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(
                    DeserializationConfig config, BeanDescription beanDesc, JsonDeserializer<?> deserializer) {
                if (deserializer instanceof BeanDeserializerBase bean
                        && bean.getValueInstantiator().canCreateFromObjectWith()) {
                    Set<String> ignored = ignored(config, beanDesc);
                    if (ignored != null) {
                        return new Checked(deserializer, ignored);
                    }
                }
                return deserializer;
            }
        });
        return module;
    }

    /** The names the bean ignores, or null when it handles unknown fields in a way of its own. */
    private static Set<String> ignored(DeserializationConfig config, BeanDescription beanDesc) {
        Class<?> type = beanDesc.getBeanClass();
        JsonIgnoreProperties.Value ignorals = config.getDefaultPropertyIgnorals(type, beanDesc.getClassInfo());
        JsonIncludeProperties.Value inclusions = config.getDefaultPropertyInclusions(type, beanDesc.getClassInfo());
        if (beanDesc.findAnySetterAccessor() != null
                || (ignorals != null && ignorals.getIgnoreUnknown())
                || (inclusions != null && inclusions.getIncluded() != null)) {
            return null;
        }
        for (BeanPropertyDefinition property : beanDesc.findProperties()) {
            if (property.getPrimaryMember() != null
                    && config.getAnnotationIntrospector().findUnwrappingNameTransformer(property.getPrimaryMember())
                            != null) {
                return null;
            }
        }
        Set<String> ignored = new HashSet<>(beanDesc.getIgnoredPropertyNames());
        if (ignorals != null) {
            ignored.addAll(ignorals.findIgnoredForDeserialization());
        }
        return ignored;
    }

    private static final class Checked extends DelegatingDeserializer {
        private final Set<String> ignored;

        Checked(JsonDeserializer<?> delegate, Set<String> ignored) {
            super(delegate);
            this.ignored = ignored;
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new Checked(delegate, ignored);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!(_delegatee instanceof BeanDeserializerBase bean)
                    || !(p.hasToken(JsonToken.START_OBJECT) || p.hasToken(JsonToken.FIELD_NAME))
                    || !ctxt.isEnabled(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    || ctxt.getConfig().getProblemHandlers() != null) {
                return _delegatee.deserialize(p, ctxt);
            }
            FieldNames names = new FieldNames(p, bean, ignored);
            if (p.hasToken(JsonToken.FIELD_NAME)) {
                names.check();
            }
            return _delegatee.deserialize(names, ctxt);
        }
    }

    /** Reads one object and throws at the first of its own field names (not its values' names) the bean lacks. */
    private static final class FieldNames extends JsonParserDelegate {
        private final JsonStreamContext object;
        private final BeanDeserializerBase bean;
        private final Set<String> ignored;

        FieldNames(JsonParser p, BeanDeserializerBase bean, Set<String> ignored) {
            super(p);
            this.object = p.getParsingContext();
            this.bean = bean;
            this.ignored = ignored;
        }

        @Override
        public JsonToken nextToken() throws IOException {
            JsonToken t = delegate.nextToken();
            if (t == JsonToken.FIELD_NAME && delegate.getParsingContext() == object) {
                check();
            }
            return t;
        }

        @Override
        public JsonToken nextValue() throws IOException {
            JsonToken t = nextToken();
            return t == JsonToken.FIELD_NAME ? nextToken() : t;
        }

        void check() throws IOException {
            String name = delegate.currentName();
            if (bean.findProperty(name) == null && !ignored.contains(name)) {
                throw UnrecognizedPropertyException.from(
                        delegate, bean.handledType(), name, bean.getKnownPropertyNames());
            }
        }
    }
}
