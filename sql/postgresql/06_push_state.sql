-- =============================================================================
-- imgcloud provider · PostgreSQL · 06_push_state.sql
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
--           must keep time (NTP); the lease (Push:LeaseSeconds) is far longer than
--           any sane skew.
-- Dialect : PostgreSQL 9.5 or later (verified on 15).
-- Order   : run once, after 01 and before 02 -> 05 (numbered 06 because it came
--           later: an install that ran 01-05 gets it at its next migrate). The
--           provider's migrate verb journals it in imgcloud.schema_versions.
-- Re-run  : safe to run twice: created only if absent; the control row only if missing.
-- Rights  : 05_accounts.sql grants imgcloud_provider SELECT, INSERT, UPDATE, DELETE on
--           both tables; the cloud's login gets nothing here.
-- =============================================================================

CREATE TABLE IF NOT EXISTS imgcloud.push_delivery (
    kind             varchar(16)  NOT NULL CHECK (kind IN ('registration', 'settlement')),
    item_key         varchar(128) NOT NULL,
    label            varchar(300),
    state            varchar(16)  NOT NULL CHECK (state IN ('pending', 'delivered', 'rejected', 'invalid', 'expired')),
    content_hash     char(64)     NOT NULL,
    delivered_hash   char(64),
    reason           varchar(1000),
    attempts         integer      NOT NULL DEFAULT 0,
    first_seen_ms    bigint       NOT NULL,
    next_attempt_ms  bigint       NOT NULL DEFAULT 0,
    last_attempt_ms  bigint,
    delivered_at_ms  bigint,
    PRIMARY KEY (kind, item_key)
);

CREATE INDEX IF NOT EXISTS push_delivery_state ON imgcloud.push_delivery (state, kind);

CREATE TABLE IF NOT EXISTS imgcloud.push_control (
    name             varchar(16)  NOT NULL PRIMARY KEY,
    holder           varchar(200),
    lease_until_ms   bigint,
    paused_reason    varchar(1000),
    paused_at_ms     bigint,
    generation       bigint       NOT NULL DEFAULT 0
);

INSERT INTO imgcloud.push_control (name, generation) VALUES ('push', 0)
ON CONFLICT (name) DO NOTHING;

COMMENT ON TABLE  imgcloud.push_delivery IS '推送（方式二）投递状态：每条记录一行。挂号按 outpatientNumber，结算按整行内容的哈希。state：pending 待发送，delivered 云平台已接收，rejected 云平台拒收（400），invalid 未通过契约检查，expired 未送达即离开视图。';
COMMENT ON COLUMN imgcloud.push_delivery.content_hash IS '视图中当前内容（即将发送的 JSON）的 SHA-256。';
COMMENT ON COLUMN imgcloud.push_delivery.delivered_hash IS '云平台最后接收的内容的 SHA-256；与 content_hash 不同即需重发一次。';
COMMENT ON COLUMN imgcloud.push_delivery.reason IS '搁置或最近一次失败的原因（云平台的 message，数字已打码；或违反的检查规则）。';
COMMENT ON COLUMN imgcloud.push_delivery.first_seen_ms IS '当前内容首次出现在视图中的时间（Unix 毫秒，UTC）；结算超过 Push:SettlementAlertHours 未送达即告警。';
COMMENT ON TABLE  imgcloud.push_control IS '推送控制，仅一行（push）：租约（哪个实例在推送、到何时）、是否因 401 暂停、运维命令递增的 generation。';
