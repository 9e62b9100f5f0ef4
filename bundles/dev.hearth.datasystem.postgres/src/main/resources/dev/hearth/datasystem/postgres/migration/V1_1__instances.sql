-- The instance registry shared by the nodes of a cluster (dev.hearth.instances.postgres): one row
-- per instance, its record as the registry writes it and its three signing keys, visible to the
-- nodes once published (a creation still running is not), and its small private files
-- (passphrase hash, two-factor state). Kept on the placement server with the placement table.
CREATE TABLE instances (
    domain      text COLLATE "C" PRIMARY KEY,
    record      jsonb NOT NULL,
    session_key bytea NOT NULL,
    oauth_key   bytea NOT NULL,
    cli_key     bytea NOT NULL,
    published   boolean NOT NULL
);

CREATE TABLE instance_files (
    domain  text COLLATE "C" NOT NULL,
    name    text COLLATE "C" NOT NULL,
    content bytea NOT NULL,
    PRIMARY KEY (domain, name)
);
