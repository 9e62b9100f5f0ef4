package dev.hearth.apps;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.annotation.bundle.Requirement;
import org.osgi.namespace.extender.ExtenderNamespace;

/**
 * Put on any class or package of an app bundle built with bnd, so that the bundle requires the
 * apps extender ({@value AppHeaders#REQUIRE_CAPABILITY}) without writing the header by hand. The
 * {@value AppHeaders#APP} header is still written in the bundle's bnd instructions.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.PACKAGE})
@Requirement(
        namespace = ExtenderNamespace.EXTENDER_NAMESPACE,
        name = AppHeaders.EXTENDER,
        version = AppHeaders.EXTENDER_VERSION)
public @interface RequireAppsExtender {}
