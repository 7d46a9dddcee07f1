package org.kaers.common;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.CollectionType;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.util.Collection;

/**
 * Element limits on every JSON array, while the body is read and so before Bean Validation: an array property
 * holds at most its {@code @Size(max)} elements (at most {@link #DEFAULT_MAX} without one). A longer array is a
 * 400 naming the field, at the cost of reading it once: the validator never sees a million nulls.
 */
final class BoundedCollections {

    static final int DEFAULT_MAX = 1000;

    private BoundedCollections() {}

    /** The field at fault holds more elements than it may. */
    static final class TooManyElements extends JsonMappingException {
        final int max;

        TooManyElements(JsonParser parser, int max) {
            super(parser, "too many elements");
            this.max = max;
        }
    }

    static SimpleModule module() {
        SimpleModule module = new SimpleModule("kaers-bounded-collections");
        module.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyCollectionDeserializer(
                    DeserializationConfig config,
                    CollectionType type,
                    BeanDescription beanDesc,
                    JsonDeserializer<?> deserializer) {
                return new Bounded(deserializer, DEFAULT_MAX);
            }
        });
        return module;
    }

    private static final class Bounded extends DelegatingDeserializer {
        private final int max;

        Bounded(JsonDeserializer<?> delegate, int max) {
            super(delegate);
            this.max = max;
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new Bounded(delegate, max);
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property)
                throws JsonMappingException {
            int limit = max;
            Size size = property == null ? null : property.getAnnotation(Size.class);
            if (size != null) {
                limit = Math.min(size.max(), DEFAULT_MAX);
            }
            JsonDeserializer<?> contextual = ctxt.handleSecondaryContextualization(
                    _delegatee, property, ctxt.constructType(_delegatee.handledType()));
            return new Bounded(contextual, limit);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            Object value = _delegatee.deserialize(p, ctxt);
            if (value instanceof Collection<?> collection && collection.size() > max) {
                throw new TooManyElements(p, max);
            }
            return value;
        }
    }
}
