-- =============================================================================
-- imgcloud provider · Oracle · 06_push_state.sql
-- Purpose : the push's delivery state (mode 2, §3.4.2 and §3.6.2), where several
--           provider instances on several hosts push for one hospital
--           (Push:Store = Database). Not needed with the default embedded store (an
--           SQLite file of the provider's own), but harmless.
--             push_delivery  one row per record the push has seen: registrations by
--                            outpatientNumber, settlements by a hash of their whole
--                            content; its state and the hash the cloud last accepted.
--             push_control   one row: the lease (which instance pushes, until when),
--                            whether pushing is paused (a 401), and a counter the
--                            operators' verbs bump so the pusher reloads.
--           Times are Unix milliseconds (UTC) from the provider's clock: the hosts
--           must keep time (NTP).
-- Dialect : Oracle 11g R2 or later; DM8 in Oracle mode. Identifiers of 30 bytes at most.
-- Format  : SQL*Plus style: every statement ends with a line holding only a slash.
-- Order   : run once, after 01 and before 02 -> 05 (numbered 06 because it came
--           later: an install that ran 01-05 gets it at its next migrate).
-- Re-run  : safe to run twice: created only if absent; the control row only if missing.
-- Rights  : 05_accounts.sql grants imgcloud_provider SELECT, INSERT, UPDATE, DELETE on
--           both tables; the cloud's login gets nothing here.
-- =============================================================================

DECLARE
    n NUMBER;
BEGIN
    SELECT COUNT(*) INTO n FROM all_tables WHERE owner = 'IMGCLOUD' AND table_name = 'PUSH_DELIVERY';
    IF n = 0 THEN
        EXECUTE IMMEDIATE 'CREATE TABLE imgcloud.push_delivery (
    kind             VARCHAR2(16)    NOT NULL CHECK (kind IN (''registration'', ''settlement'')),
    item_key         VARCHAR2(128)   NOT NULL,
    label            VARCHAR2(300),
    state            VARCHAR2(16)    NOT NULL CHECK (state IN (''pending'', ''delivered'', ''rejected'', ''invalid'', ''expired'')),
    content_hash     CHAR(64)        NOT NULL,
    delivered_hash   CHAR(64),
    reason           VARCHAR2(1000),
    attempts         NUMBER(10)      DEFAULT 0 NOT NULL,
    first_seen_ms    NUMBER(19)      NOT NULL,
    next_attempt_ms  NUMBER(19)      DEFAULT 0 NOT NULL,
    last_attempt_ms  NUMBER(19),
    delivered_at_ms  NUMBER(19),
    CONSTRAINT push_delivery_pk PRIMARY KEY (kind, item_key)
)';
        EXECUTE IMMEDIATE 'CREATE INDEX imgcloud.push_delivery_state ON imgcloud.push_delivery (state, kind)';
    END IF;
END;
/

DECLARE
    n NUMBER;
BEGIN
    SELECT COUNT(*) INTO n FROM all_tables WHERE owner = 'IMGCLOUD' AND table_name = 'PUSH_CONTROL';
    IF n = 0 THEN
        EXECUTE IMMEDIATE 'CREATE TABLE imgcloud.push_control (
    name             VARCHAR2(16)    NOT NULL CONSTRAINT push_control_pk PRIMARY KEY,
    holder           VARCHAR2(200),
    lease_until_ms   NUMBER(19),
    paused_reason    VARCHAR2(1000),
    paused_at_ms     NUMBER(19),
    generation       NUMBER(19)      DEFAULT 0 NOT NULL
)';
    END IF;
END;
/

MERGE INTO imgcloud.push_control t
USING (SELECT 'push' name FROM dual) s
ON (t.name = s.name)
WHEN NOT MATCHED THEN INSERT (name, generation) VALUES (s.name, 0)
/
