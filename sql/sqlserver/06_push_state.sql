-- =============================================================================
-- imgcloud provider · SQL Server · 06_push_state.sql
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
-- Dialect : SQL Server 2008 R2 or later (T-SQL of 2008 only). Batches separated by GO.
--           label and reason are nvarchar: the cloud's messages are Chinese.
-- Order   : run once, after 01 and before 02 -> 05 (numbered 06 because it came
--           later: an install that ran 01-05 gets it at its next migrate).
-- Re-run  : safe to run twice: created only if absent; the control row only if missing.
-- Rights  : 05_accounts.sql grants imgcloud_provider SELECT, INSERT, UPDATE, DELETE on
--           both tables; the cloud's login gets nothing here.
-- =============================================================================

IF OBJECT_ID('imgcloud.push_delivery', 'U') IS NULL
CREATE TABLE imgcloud.push_delivery (
    kind             varchar(16)    NOT NULL CHECK (kind IN ('registration', 'settlement')),
    item_key         nvarchar(128)  NOT NULL,
    label            nvarchar(300)  NULL,
    state            varchar(16)    NOT NULL CHECK (state IN ('pending', 'delivered', 'rejected', 'invalid', 'expired')),
    content_hash     char(64)       NOT NULL,
    delivered_hash   char(64)       NULL,
    reason           nvarchar(1000) NULL,
    attempts         int            NOT NULL DEFAULT 0,
    first_seen_ms    bigint         NOT NULL,
    next_attempt_ms  bigint         NOT NULL DEFAULT 0,
    last_attempt_ms  bigint         NULL,
    delivered_at_ms  bigint         NULL,
    CONSTRAINT PK_push_delivery PRIMARY KEY (kind, item_key)
);
GO

IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = 'IX_push_delivery_state' AND object_id = OBJECT_ID('imgcloud.push_delivery'))
    CREATE INDEX IX_push_delivery_state ON imgcloud.push_delivery (state, kind);
GO

IF OBJECT_ID('imgcloud.push_control', 'U') IS NULL
CREATE TABLE imgcloud.push_control (
    name             varchar(16)    NOT NULL CONSTRAINT PK_push_control PRIMARY KEY,
    holder           nvarchar(200)  NULL,
    lease_until_ms   bigint         NULL,
    paused_reason    nvarchar(1000) NULL,
    paused_at_ms     bigint         NULL,
    generation       bigint         NOT NULL DEFAULT 0
);
GO

IF NOT EXISTS (SELECT 1 FROM imgcloud.push_control WHERE name = 'push')
    INSERT INTO imgcloud.push_control (name, generation) VALUES ('push', 0);
GO
