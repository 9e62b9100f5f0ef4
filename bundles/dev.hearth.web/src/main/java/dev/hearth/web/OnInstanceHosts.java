package dev.hearth.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Puts a component's {@link HttpArea}, servlet or filter in the {@link
 * WebConstants#INSTANCE_CONTEXT instance-host context} of the public endpoint: requests to {@code
 * alice.example.com}. This is where an {@link HttpArea} goes when it carries no such annotation.
 */
@ComponentPropertyType
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface OnInstanceHosts {
    /** Prefix of the property names. */
    String PREFIX_ = "osgi.http.whiteboard.";

    /** {@code osgi.http.whiteboard.context.select}. */
    String context_select() default WebConstants.INSTANCE_SELECT;

    /** {@code osgi.http.whiteboard.target}. */
    String target() default WebConstants.PUBLIC_TARGET;
}
