package dev.hearth.sendmail.internal;

import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.eclipse.angus.activation.MailcapRegistryProviderImpl;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.jspecify.annotations.Nullable;

/**
 * Jakarta Mail and Activation find their implementations (Angus) through the thread's context
 * class loader ({@code ServiceLoader}, {@code META-INF/javamail.default.providers}, {@code
 * META-INF/mailcap}). In OSGi, without a service loader mediator, that loader must see the Angus
 * bundles: this one delegates to them and to this bundle. It is set around each use of the mail
 * API only.
 */
final class MailClassLoader extends ClassLoader {
    private static final List<ClassLoader> LOADERS = List.of(
            SMTPTransport.class.getClassLoader(),
            MailcapRegistryProviderImpl.class.getClassLoader(),
            MailClassLoader.class.getClassLoader());
    static final MailClassLoader INSTANCE = new MailClassLoader();

    private MailClassLoader() {
        super(null);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        for (ClassLoader loader : LOADERS) {
            try {
                return loader.loadClass(name);
            } catch (ClassNotFoundException e) {
                // try the next one
            }
        }
        throw new ClassNotFoundException(name);
    }

    @Override
    protected @Nullable URL findResource(String name) {
        for (ClassLoader loader : LOADERS) {
            URL url = loader.getResource(name);
            if (url != null) {
                return url;
            }
        }
        return null;
    }

    @Override
    protected Enumeration<URL> findResources(String name) throws IOException {
        List<URL> all = new ArrayList<>();
        for (ClassLoader loader : LOADERS.stream().distinct().toList()) {
            for (URL url : Collections.list(loader.getResources(name))) {
                if (!all.contains(url)) {
                    all.add(url);
                }
            }
        }
        return Collections.enumeration(all);
    }

    /** Runs {@code action} with this loader as the thread's context class loader. */
    static <T> T with(MailAction<T> action) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(INSTANCE);
        try {
            return action.run();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Something done with the mail API. */
    @FunctionalInterface
    interface MailAction<T> {
        T run() throws Exception;
    }
}
