package dev.tarosocket.event;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Qualifier;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * CDI qualifier of the events of a socket created with a name:
 * {@code void onChat(@Observes @SocketName("chat") SocketMessageEvent e)} hears only the socket named
 * {@code chat}. Observers without this qualifier hear every socket.
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD, ElementType.TYPE})
public @interface SocketName {

    /** The socket's name, as given to {@code ConnectSocketOption.Builder.name}. */
    String value();

    /** A literal for {@code Event.select}. */
    final class Literal extends AnnotationLiteral<SocketName> implements SocketName {

        private static final long serialVersionUID = 1L;

        private final String value;

        private Literal(String value) {
            this.value = value;
        }

        public static Literal of(String value) {
            return new Literal(value);
        }

        @Override
        public String value() {
            return value;
        }
    }
}
