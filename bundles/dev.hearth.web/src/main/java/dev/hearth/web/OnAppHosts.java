package dev.hearth.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Puts a component's {@link HttpArea}, servlet or filter in the {@link
 * WebConstants#APP_CONTEXT app-host context} of the public endpoint: requests to an app's subdomain, {@code
 * drive.alice.example.com} (or {@code alice-drive.example.com} with flat subdomains), whichever app it names: the {@link RequestContext} says which.
 */
@ComponentPropertyType
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface OnAppHosts {
    /** Prefix of the property names. */
    String PREFIX_ = "osgi.http.whiteboard.";

    /** {@code osgi.http.whiteboard.context.select}. */
    String context_select() default WebConstants.APP_SELECT;

    /** {@code osgi.http.whiteboard.target}. */
    String target() default WebConstants.PUBLIC_TARGET;
}
