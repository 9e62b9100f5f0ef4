package dev.hearth.datasystem.postgres.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the PostgreSQL document engine; it exists only while configured. */
@ObjectClassDefinition(
        name = "Hearth documents on PostgreSQL",
        description = "The document engine on PostgreSQL servers; the datasystem's 'documents.target' selects it"
                + " with (hearth.documents=postgres).")
public @interface PgConfig {
    String PID = "dev.hearth.datasystem.postgres";

    @AttributeDefinition(
            name = "Servers",
            description = "The servers, each 'name=jdbc:postgresql://host:port/database'. The first one also holds"
                    + " the placement table; a new instance goes to the server with the fewest instances.")
    String[] servers();

    @AttributeDefinition(name = "User")
    String user() default "hearth";

    @AttributeDefinition(name = "Password", type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD)
    String _password() default "";

    @AttributeDefinition(name = "Pool size", description = "Connections per server.")
    int poolSize() default 10;

    @AttributeDefinition(name = "Maximum document size", description = "Largest document body accepted, in bytes.")
    int maxDocumentBytes() default 8_000_000;

    @AttributeDefinition(
            name = "Group commit",
            description = "Most one-document saves of a database written in one transaction (1: each alone).")
    int groupCommitMax() default 64;

    @AttributeDefinition(name = "Revisions limit", description = "Revisions kept per document branch.")
    int revsLimit() default 1000;
}
