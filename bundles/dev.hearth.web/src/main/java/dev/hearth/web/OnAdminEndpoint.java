package dev.hearth.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Puts a component's {@link HttpArea}, servlet or filter in the {@link
 * WebConstants#ADMIN_CONTEXT admin context} of the admin endpoint, behind the admin passphrase; there is no
 * {@link RequestContext} on it.
 */
@ComponentPropertyType
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface OnAdminEndpoint {
    /** Prefix of the property names. */
    String PREFIX_ = "osgi.http.whiteboard.";

    /** {@code osgi.http.whiteboard.context.select}. */
    String context_select() default WebConstants.ADMIN_SELECT;

    /** {@code osgi.http.whiteboard.target}. */
    String target() default WebConstants.ADMIN_TARGET;
}
