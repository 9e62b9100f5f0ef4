package dev.hearth.itests.jobs;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/** A bundle made on the fly that carries {@link ItWorker} and registers it when it starts. */
public final class WorkerBundle {
    private WorkerBundle() {}

    public static Bundle install(BundleContext context) throws Exception {
        Bundle bundle = context.installBundle("it-worker:" + System.nanoTime(), new ByteArrayInputStream(jar()));
        bundle.start();
        return bundle;
    }

    /** The bundle's jar, for a distribution's {@code load/} folder. */
    public static byte[] jar() throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", "dev.hearth.itests.worker");
        main.putValue("Bundle-Version", "1.0.0");
        main.putValue("Bundle-Activator", ItWorkerActivator.class.getName());
        main.putValue(
                "Import-Package",
                "dev.hearth.jobs,com.fasterxml.jackson.databind,"
                        + "com.fasterxml.jackson.databind.node,org.osgi.framework");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            for (Class<?> c : new Class<?>[] {ItWorker.class, ItWorkerActivator.class}) {
                String path = c.getName().replace('.', '/') + ".class";
                jar.putNextEntry(new JarEntry(path));
                try (InputStream in = WorkerBundle.class.getClassLoader().getResourceAsStream(path)) {
                    if (in == null) {
                        throw new IOException("No class file " + path);
                    }
                    in.transferTo(jar);
                }
                jar.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
