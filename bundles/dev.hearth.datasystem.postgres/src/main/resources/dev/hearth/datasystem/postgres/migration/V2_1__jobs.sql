-- The job queue shared by the nodes of a cluster (dev.hearth.jobs.postgres): one row per job
-- stored as queued and whose end is not stored yet, in the order the jobs were offered. A node
-- claims a row by writing its name and a lease end (the server's clock); its heartbeat moves the
-- lease end of all its rows at once, so the rows of a node that died can be claimed again once
-- their lease has passed. Kept on the placement server with the placement table.
CREATE TABLE job_queue (
    domain      text COLLATE "C" NOT NULL,
    id          text COLLATE "C" NOT NULL,
    worker      text COLLATE "C" NOT NULL,
    seq         bigint GENERATED ALWAYS AS IDENTITY,
    node        text COLLATE "C",
    lease_until timestamptz,
    claims      integer NOT NULL DEFAULT 0,
    PRIMARY KEY (domain, id)
);

CREATE INDEX job_queue_by_worker ON job_queue (worker, seq);
CREATE INDEX job_queue_by_node ON job_queue (node) WHERE node IS NOT NULL;
