-- Documents of every instance with CouchDB semantics. Plain SQL that PostgreSQL-wire distributed
-- databases also take: no sequences per database (a counter row), no triggers, no stored
-- functions, no advisory locks; upserts with ON CONFLICT.

-- Which server holds each instance (read on the first server configured).
CREATE TABLE placements (
    instance TEXT PRIMARY KEY,
    server TEXT NOT NULL
);

-- One row per database (doctype of an instance): its update sequence, the lock of its writers.
CREATE TABLE dbs (
    instance TEXT NOT NULL,
    doctype TEXT NOT NULL,
    seq BIGINT NOT NULL DEFAULT 0,
    purge_seq BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (instance, doctype)
);

-- One row per document: the winning revision, its body for queries, and the whole revision tree
-- (the leaves' bodies included) in the engines' shared binary form. The row's sequence is the
-- document's last change, so (instance, doctype, seq) is the changes feed.
CREATE TABLE docs (
    instance TEXT NOT NULL,
    doctype TEXT NOT NULL,
    id TEXT COLLATE "C" NOT NULL,
    seq BIGINT NOT NULL,
    rev TEXT NOT NULL,
    deleted BOOLEAN NOT NULL,
    body JSONB,
    tree BYTEA NOT NULL,
    PRIMARY KEY (instance, doctype, id)
);
CREATE UNIQUE INDEX docs_changes ON docs (instance, doctype, seq);

-- Local (non-replicated) documents such as replication checkpoints; revisions are 0-N.
CREATE TABLE local_docs (
    instance TEXT NOT NULL,
    doctype TEXT NOT NULL,
    id TEXT NOT NULL,
    rev INTEGER NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (instance, doctype, id)
);

-- The json (Mango) indexes that design documents declare, kept in the same transaction as them.
CREATE TABLE mango_indexes (
    instance TEXT NOT NULL,
    doctype TEXT NOT NULL,
    ddoc TEXT NOT NULL,
    name TEXT NOT NULL,
    definition TEXT NOT NULL,
    PRIMARY KEY (instance, doctype, ddoc, name)
);
