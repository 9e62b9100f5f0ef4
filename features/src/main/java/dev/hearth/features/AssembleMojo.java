package dev.hearth.features;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import javax.inject.Inject;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Dependency;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

/**
 * Lays out a runnable distribution from the features: {@code lib/} (the launcher class path),
 * {@code bundle/<start-level>/} (the bundles of every feature), {@code conf/hearth.properties}
 * (framework properties), {@code conf/*.cfg} (default configurations), plus the static files of
 * {@code src/dist}.
 */
@Mojo(
        name = "assemble",
        defaultPhase = LifecyclePhase.PACKAGE,
        requiresDependencyResolution = ResolutionScope.RUNTIME,
        threadSafe = true)
public class AssembleMojo extends AbstractMojo {

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    private MavenSession session;

    private final RepositorySystem repositorySystem;

    /** Feature ids to include, in order; each is read from {@code features/<id>.json} in this plugin. */
    @Parameter(required = true)
    private List<String> features;

    @Parameter(defaultValue = "${project.build.directory}/hearth")
    private File outputDirectory;

    @Parameter(defaultValue = "${project.basedir}/src/dist")
    private File distDirectory;

    @Inject
    public AssembleMojo(RepositorySystem repositorySystem) {
        this.repositorySystem = repositorySystem;
    }

    @Override
    public void execute() throws MojoExecutionException {
        Path out = outputDirectory.toPath();
        try {
            deleteTree(out);
            Files.createDirectories(out.resolve("conf"));
            Files.createDirectories(out.resolve("load"));
            copyLibraries(out.resolve("lib"));
            List<Feature> loaded = new ArrayList<>();
            for (String id : features) {
                loaded.add(load(id));
            }
            for (Feature feature : loaded) {
                copyBundles(feature, out.resolve("bundle"));
                writeConfigurations(feature, out.resolve("conf"));
            }
            writeFrameworkProperties(loaded, out.resolve("conf/hearth.properties"));
            copyDist(out);
            // bin/hearth prefers the JDK the distribution was built with: its AOT cache fits that JDK only.
            Files.writeString(out.resolve("lib/build-java-home"), System.getProperty("java.home") + "\n");
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot assemble the distribution: " + e.getMessage(), e);
        }
        getLog().info("Distribution ready in " + out);
    }

    private Feature load(String id) throws IOException, MojoExecutionException {
        try (InputStream in = getClass().getResourceAsStream("/features/" + id + ".json")) {
            if (in == null) {
                throw new MojoExecutionException("Unknown feature '" + id + "': no features/" + id + ".json");
            }
            return Feature.read(in);
        }
    }

    private void copyLibraries(Path lib) throws IOException, MojoExecutionException {
        Files.createDirectories(lib);
        File own = project.getArtifact().getFile();
        if (own == null || !own.isFile()) {
            throw new MojoExecutionException("Package " + project.getArtifactId() + " before assembling it");
        }
        Files.copy(own.toPath(), lib.resolve(project.getArtifactId() + ".jar"), StandardCopyOption.REPLACE_EXISTING);
        for (Artifact artifact : project.getArtifacts()) {
            if (artifact.getArtifactHandler().isAddedToClasspath()) {
                Files.copy(
                        artifact.getFile().toPath(),
                        lib.resolve(artifact.getFile().getName()),
                        StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private void copyBundles(Feature feature, Path bundleRoot) throws IOException, MojoExecutionException {
        for (Feature.BundleRef ref : feature.bundles()) {
            File jar = resolve(ref);
            checkIsBundle(ref, jar);
            Path level = bundleRoot.resolve(Integer.toString(ref.startLevel()));
            Files.createDirectories(level);
            Files.copy(jar.toPath(), level.resolve(jar.getName()), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private File resolve(Feature.BundleRef ref) throws MojoExecutionException {
        MavenProject reactor = reactorProject(ref);
        if (reactor != null) {
            File file = reactor.getArtifact().getFile();
            if (file == null || !file.getName().endsWith(".jar")) {
                throw new MojoExecutionException(
                        "Bundle " + ref.id() + " is built by this reactor but was not packaged yet;"
                                + " build from the root of the project (./mvnw package)");
            }
            return file;
        }
        String version = managedVersion(ref);
        DefaultArtifact artifact =
                new DefaultArtifact(ref.groupId(), ref.artifactId(), ref.classifier(), "jar", version);
        try {
            return repositorySystem
                    .resolveArtifact(
                            session.getRepositorySession(),
                            new ArtifactRequest(artifact, project.getRemoteProjectRepositories(), null))
                    .getArtifact()
                    .getFile();
        } catch (ArtifactResolutionException e) {
            throw new MojoExecutionException(
                    "Cannot resolve bundle " + ref.id() + ":" + version + ": " + e.getMessage(), e);
        }
    }

    private MavenProject reactorProject(Feature.BundleRef ref) {
        for (MavenProject p : session.getProjects()) {
            if (p.getGroupId().equals(ref.groupId()) && p.getArtifactId().equals(ref.artifactId())) {
                return p;
            }
        }
        return null;
    }

    private String managedVersion(Feature.BundleRef ref) throws MojoExecutionException {
        if (project.getDependencyManagement() != null) {
            for (Dependency d : project.getDependencyManagement().getDependencies()) {
                if (d.getGroupId().equals(ref.groupId()) && d.getArtifactId().equals(ref.artifactId())) {
                    return d.getVersion();
                }
            }
        }
        throw new MojoExecutionException("Bundle " + ref.id() + " has no managed version: add it to the"
                + " dependencyManagement of the parent POM");
    }

    private static void checkIsBundle(Feature.BundleRef ref, File jar) throws IOException, MojoExecutionException {
        try (JarFile jf = new JarFile(jar)) {
            if (jf.getManifest() == null
                    || jf.getManifest().getMainAttributes().getValue("Bundle-SymbolicName") == null) {
                throw new MojoExecutionException(ref.id() + " (" + jar.getName() + ") is not an OSGi bundle");
            }
        }
    }

    private static void writeConfigurations(Feature feature, Path conf) throws IOException {
        for (Map.Entry<String, Map<String, Object>> e : feature.configurations().entrySet()) {
            Files.writeString(
                    conf.resolve(ConfigFiles.fileName(e.getKey())),
                    ConfigFiles.render(feature.id(), e.getKey(), e.getValue()),
                    StandardCharsets.UTF_8);
        }
    }

    private static void writeFrameworkProperties(List<Feature> features, Path file) throws IOException {
        Map<String, String> merged = new LinkedHashMap<>();
        StringBuilder text = new StringBuilder();
        text.append("# Framework properties of this distribution, merged from its features.\n");
        text.append("# ${name} references are resolved by the launcher from its own settings (hearth.*).\n");
        int maxLevel = 1;
        for (Feature feature : features) {
            text.append("\n# feature '").append(feature.id()).append("'\n");
            for (Map.Entry<String, String> p : feature.frameworkProperties().entrySet()) {
                if (merged.putIfAbsent(p.getKey(), p.getValue()) == null) {
                    text.append(ConfigFiles.escape(p.getKey(), true))
                            .append(" = ")
                            .append(ConfigFiles.escape(p.getValue(), false))
                            .append('\n');
                }
            }
            for (Feature.BundleRef ref : feature.bundles()) {
                maxLevel = Math.max(maxLevel, ref.startLevel());
            }
        }
        text.append("\norg.osgi.framework.startlevel.beginning = ")
                .append(maxLevel)
                .append('\n');
        Files.writeString(file, text.toString(), StandardCharsets.UTF_8);
    }

    private void copyDist(Path out) throws IOException {
        if (!distDirectory.isDirectory()) {
            return;
        }
        Path source = distDirectory.toPath();
        try (Stream<Path> files = Files.walk(source)) {
            for (Path from : (Iterable<Path>) files::iterator) {
                Path to = out.resolve(source.relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
                    if (source.relativize(from).startsWith("bin")) {
                        Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rwxr-xr-x"));
                    }
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p :
                    paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
    }
}
