-- =============================================================================
-- imgcloud provider · MySQL / MariaDB · 05_accounts.sql
-- Purpose : the two accounts and exactly the rights they need.
--             'imgcloud_cloud'@'%'     the imaging cloud's read-only account (mode 1):
--                                      SELECT on the four standard views, nothing else
--                                      (no HIS table, no source view, no imgcloud table).
--             'imgcloud_provider'@'%'  the provider's own account: the four standard
--                                      views, the imgcloud tables settings, sex_map,
--                                      exam_part_map, exam_part_rule and exam_part_code
--                                      and the crosswalk rules' three views (04), read
--                                      only; the push's state tables (06) read and written.
--           The views are SQL SECURITY DEFINER (03, 04): they read what lies beneath
--           with the migrating account's rights, so these grants are all either needs.
--           MySQL has no default schema per account: the cloud puts Database=imgcloud
--           (or USE imgcloud) in its connection to write SELECT * FROM View_Register_Info
--           unqualified.
--           Rights are first revoked, then granted, so a re-run after a change leaves
--           nothing extra behind (REVOKE ALL PRIVILEGES, GRANT OPTION removes global,
--           database, table and column rights at once).
-- Dialect : MySQL 5.7.7 or later (CREATE USER IF NOT EXISTS and ACCOUNT LOCK are 5.7.6)
--           and MariaDB 10.4 or later (ACCOUNT LOCK is 10.4.2). Plain statements: with
--           NO_AUTO_CREATE_USER (5.7's default sql_mode) a GRANT never creates an
--           account, so each is created first.
-- Order   : every time, last: 02 -> 03 -> 04 -> 05 (CREATE OR REPLACE VIEW keeps grants,
--           but a view a DBA dropped and re-created by hand would have lost them).
-- Re-run  : safe to run twice: an account is created only if absent (a note, not an
--           error, when it exists); grants are re-applied. An existing account is never
--           altered: its password and its lock stay as the DBA set them.
-- Run as  : an account with CREATE USER and the GRANT OPTION on what it grants (e.g. root).
-- Accounts: created ACCOUNT LOCK and without a password: no secret is in any script. A
--           locked account cannot log in. To enable one, the DBA runs by hand, once (not
--           executed here), always setting the password in the same statement:
--             ALTER USER 'imgcloud_cloud'@'%' IDENTIFIED BY '...' ACCOUNT UNLOCK;
--             ALTER USER 'imgcloud_provider'@'%' IDENTIFIED BY '...' ACCOUNT UNLOCK;
--           Unlocked without a password, an account would accept an empty one. The host
--           part '%' admits any address; a DBA who narrows it (e.g. '10.1.2.%') renames
--           the account (RENAME USER) and edits this file the same way.
-- Charset : utf8mb4, stated for the session (no text here needs it; every script says it).
-- =============================================================================

SET NAMES utf8mb4 COLLATE utf8mb4_bin;

CREATE USER IF NOT EXISTS 'imgcloud_cloud'@'%' ACCOUNT LOCK;

CREATE USER IF NOT EXISTS 'imgcloud_provider'@'%' ACCOUNT LOCK;

-- Start from nothing (the account's USAGE, which is no right at all, remains).
REVOKE ALL PRIVILEGES, GRANT OPTION FROM 'imgcloud_cloud'@'%';

REVOKE ALL PRIVILEGES, GRANT OPTION FROM 'imgcloud_provider'@'%';

-- The cloud: the four standard views of the contract, nothing else.
GRANT SELECT ON imgcloud.View_Register_Info TO 'imgcloud_cloud'@'%';

GRANT SELECT ON imgcloud.View_ProjectItemCode_Info TO 'imgcloud_cloud'@'%';

GRANT SELECT ON imgcloud.view_setlInfoList TO 'imgcloud_cloud'@'%';

GRANT SELECT ON imgcloud.View_Dept_Info TO 'imgcloud_cloud'@'%';

-- The provider: the same four views (its endpoints and push read them, never the HIS
-- tables), and the imgcloud tables it reports on.
GRANT SELECT ON imgcloud.View_Register_Info TO 'imgcloud_provider'@'%';

GRANT SELECT ON imgcloud.View_ProjectItemCode_Info TO 'imgcloud_provider'@'%';

GRANT SELECT ON imgcloud.view_setlInfoList TO 'imgcloud_provider'@'%';

GRANT SELECT ON imgcloud.View_Dept_Info TO 'imgcloud_provider'@'%';

GRANT SELECT ON imgcloud.settings TO 'imgcloud_provider'@'%';

GRANT SELECT ON imgcloud.sex_map TO 'imgcloud_provider'@'%';

GRANT SELECT ON imgcloud.exam_part_map TO 'imgcloud_provider'@'%';

GRANT SELECT ON imgcloud.exam_part_rule TO 'imgcloud_provider'@'%';

GRANT SELECT ON imgcloud.exam_part_code TO 'imgcloud_provider'@'%';

-- The crosswalk rules' views (04): the check's coverage and unmapped items.
GRANT SELECT ON imgcloud.exam_part_rule_match TO 'imgcloud_provider'@'%';

GRANT SELECT ON imgcloud.exam_part_by_rule TO 'imgcloud_provider'@'%';

GRANT SELECT ON imgcloud.exam_item_settlements TO 'imgcloud_provider'@'%';

-- The push's delivery state (06_push_state.sql; used with Push:Store = Database): the
-- provider records what the cloud accepted and holds the lease there.
GRANT SELECT, INSERT, UPDATE, DELETE ON imgcloud.push_delivery TO 'imgcloud_provider'@'%';

GRANT SELECT, INSERT, UPDATE, DELETE ON imgcloud.push_control TO 'imgcloud_provider'@'%';
