-- =============================================================================
-- imgcloud provider · MySQL / MariaDB · 06_push_state.sql
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
-- Dialect : MySQL 5.7.7 or later and MariaDB 10.4 or later. kind and state hold the
--           provider's own values; no CHECK is relied on (MySQL 5.7 ignores it).
--           Indexes are declared inside CREATE TABLE (5.7 has no CREATE INDEX IF NOT EXISTS).
--           InnoDB: the lease is taken with row locks (SELECT ... FOR UPDATE).
-- Charset : utf8mb4, collation utf8mb4_bin (keys compare byte for byte), stated per table.
-- Order   : run once, after 01 and before 02 -> 05 (numbered 06 as in the other engines:
--           an install that ran 01-05 gets it at its next migrate). The provider's
--           migrate verb journals it in imgcloud.schema_versions.
-- Re-run  : safe to run twice: created only if absent; the control row only if missing.
--           DDL commits implicitly: each statement stands alone.
-- Rights  : 05_accounts.sql grants imgcloud_provider SELECT, INSERT, UPDATE, DELETE on
--           both tables; the cloud's account gets nothing here.
-- =============================================================================

SET NAMES utf8mb4 COLLATE utf8mb4_bin;

CREATE TABLE IF NOT EXISTS imgcloud.push_delivery (
    kind             VARCHAR(16)   NOT NULL COMMENT 'registration 或 settlement。',
    item_key         VARCHAR(128)  NOT NULL COMMENT '挂号为 outpatientNumber，结算为整行内容的哈希。',
    label            VARCHAR(300),
    state            VARCHAR(16)   NOT NULL COMMENT 'pending 待发送，delivered 云平台已接收，rejected 云平台拒收（400），invalid 未通过契约检查，expired 未送达即离开视图。',
    content_hash     CHAR(64)      NOT NULL COMMENT '视图中当前内容（即将发送的 JSON）的 SHA-256。',
    delivered_hash   CHAR(64)               COMMENT '云平台最后接收的内容的 SHA-256；与 content_hash 不同即需重发一次。',
    reason           VARCHAR(1000)          COMMENT '搁置或最近一次失败的原因（云平台的 message，数字已打码；或违反的检查规则）。',
    attempts         INT           NOT NULL DEFAULT 0,
    first_seen_ms    BIGINT        NOT NULL COMMENT '当前内容首次出现在视图中的时间（Unix 毫秒，UTC）；结算超过 Push:SettlementAlertHours 未送达即告警。',
    next_attempt_ms  BIGINT        NOT NULL DEFAULT 0,
    last_attempt_ms  BIGINT,
    delivered_at_ms  BIGINT,
    PRIMARY KEY (kind, item_key),
    KEY push_delivery_state (state, kind)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin
  COMMENT = '推送（方式二）投递状态：每条记录一行。挂号按 outpatientNumber，结算按整行内容的哈希。';

CREATE TABLE IF NOT EXISTS imgcloud.push_control (
    name             VARCHAR(16)   NOT NULL PRIMARY KEY,
    holder           VARCHAR(200),
    lease_until_ms   BIGINT,
    paused_reason    VARCHAR(1000),
    paused_at_ms     BIGINT,
    generation       BIGINT        NOT NULL DEFAULT 0
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin
  COMMENT = '推送控制，仅一行（push）：租约（哪个实例在推送、到何时）、是否因 401 暂停、运维命令递增的 generation。';

INSERT INTO imgcloud.push_control (name, generation) VALUES ('push', 0)
ON DUPLICATE KEY UPDATE name = name;
