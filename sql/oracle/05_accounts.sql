-- =============================================================================
-- imgcloud provider · Oracle · 05_accounts.sql
-- Purpose : the two accounts and exactly the rights they need.
--             IMGCLOUD_CLOUD     the imaging cloud's read-only account (mode 1):
--                                CREATE SESSION and SELECT on the four standard views,
--                                nothing else (no HIS table, no source view, no
--                                imgcloud table).
--             IMGCLOUD_PROVIDER  the provider's own account: the four standard views,
--                                the imgcloud tables settings, sex_map, exam_part_map,
--                                exam_part_rule and exam_part_code and the crosswalk
--                                rules' three views (04), read only.
--           Each gets private synonyms of its own for what it may read, so the
--           unqualified names the cloud uses (SELECT * FROM View_Register_Info) resolve.
--           Their rights on objects of IMGCLOUD are first revoked, then granted, so a
--           re-run after a change leaves nothing extra behind.
-- Dialect : Oracle 11g R2 or later; DM8 in Oracle mode.
-- Format  : SQL*Plus style: EVERY statement ends with a line holding only a slash; a
--           plain statement has no semicolon of its own, a PL/SQL block ends with
--           END; and then the slash line. No blank line inside a statement, no
--           substitution variable, no ampersand anywhere.
-- Order   : every time, last: 02 -> 03 -> 04 -> 05 (CREATE OR REPLACE VIEW keeps
--           grants, but a view a DBA dropped and re-created by hand would have lost them).
-- Re-run  : safe to run twice: a user is created only if absent; grants are re-applied
--           and synonyms replaced. A user that exists is never touched: its password
--           and its lock stay as the DBA set them.
-- Run as  : a DBA account (CREATE USER, GRANT ANY OBJECT PRIVILEGE, CREATE ANY SYNONYM,
--           SELECT on DBA_USERS and DBA_TAB_PRIVS).
-- Logins  : the users are created ACCOUNT LOCK with a random password generated here
--           (DBMS_RANDOM) and never shown; no secret is in any script. To enable one,
--           the DBA runs by hand, once (not executed here):
--             ALTER USER imgcloud_cloud IDENTIFIED BY <password> ACCOUNT UNLOCK
--             ALTER USER imgcloud_provider IDENTIFIED BY <password> ACCOUNT UNLOCK
--           (sql/README.md shows the statements in full).
-- ORA-01720: granting a view over another schema's tables needs the view's owner to
--           hold SELECT on those tables WITH GRANT OPTION; 03 grants it to IMGCLOUD.
-- =============================================================================

DECLARE
    n NUMBER;
BEGIN
    SELECT COUNT(*) INTO n FROM dba_users WHERE username = 'IMGCLOUD_CLOUD';
    IF n = 0 THEN
        EXECUTE IMMEDIATE 'CREATE USER imgcloud_cloud IDENTIFIED BY Ic'
            || DBMS_RANDOM.STRING('X', 22) || 'z_9#8 ACCOUNT LOCK';
    END IF;
    SELECT COUNT(*) INTO n FROM dba_users WHERE username = 'IMGCLOUD_PROVIDER';
    IF n = 0 THEN
        EXECUTE IMMEDIATE 'CREATE USER imgcloud_provider IDENTIFIED BY Ic'
            || DBMS_RANDOM.STRING('X', 22) || 'z_9#8 ACCOUNT LOCK';
    END IF;
END;
/

GRANT CREATE SESSION TO imgcloud_cloud
/
GRANT CREATE SESSION TO imgcloud_provider
/

-- Start from nothing in schema IMGCLOUD: revoke every object privilege the two users
-- hold on its objects.
BEGIN
    FOR r IN (SELECT privilege, table_name, grantee
                FROM dba_tab_privs
               WHERE owner = 'IMGCLOUD'
                 AND grantee IN ('IMGCLOUD_CLOUD', 'IMGCLOUD_PROVIDER'))
    LOOP
        EXECUTE IMMEDIATE 'REVOKE ' || r.privilege || ' ON imgcloud.' || r.table_name
            || ' FROM ' || r.grantee;
    END LOOP;
END;
/

-- The cloud: the four standard views of the contract, nothing else.
GRANT SELECT ON imgcloud.View_Register_Info TO imgcloud_cloud
/
GRANT SELECT ON imgcloud.View_ProjectItemCode_Info TO imgcloud_cloud
/
GRANT SELECT ON imgcloud.view_setlInfoList TO imgcloud_cloud
/
GRANT SELECT ON imgcloud.View_Dept_Info TO imgcloud_cloud
/
CREATE OR REPLACE SYNONYM imgcloud_cloud.View_Register_Info FOR imgcloud.View_Register_Info
/
CREATE OR REPLACE SYNONYM imgcloud_cloud.View_ProjectItemCode_Info FOR imgcloud.View_ProjectItemCode_Info
/
CREATE OR REPLACE SYNONYM imgcloud_cloud.view_setlInfoList FOR imgcloud.view_setlInfoList
/
CREATE OR REPLACE SYNONYM imgcloud_cloud.View_Dept_Info FOR imgcloud.View_Dept_Info
/

-- The provider: the same four views (its endpoints and push read them, never the HIS
-- tables), and the imgcloud tables it reports on.
GRANT SELECT ON imgcloud.View_Register_Info TO imgcloud_provider
/
GRANT SELECT ON imgcloud.View_ProjectItemCode_Info TO imgcloud_provider
/
GRANT SELECT ON imgcloud.view_setlInfoList TO imgcloud_provider
/
GRANT SELECT ON imgcloud.View_Dept_Info TO imgcloud_provider
/
GRANT SELECT ON imgcloud.settings TO imgcloud_provider
/
GRANT SELECT ON imgcloud.sex_map TO imgcloud_provider
/
GRANT SELECT ON imgcloud.exam_part_map TO imgcloud_provider
/
GRANT SELECT ON imgcloud.exam_part_rule TO imgcloud_provider
/
GRANT SELECT ON imgcloud.exam_part_code TO imgcloud_provider
/
GRANT SELECT ON imgcloud.exam_part_rule_match TO imgcloud_provider
/
GRANT SELECT ON imgcloud.exam_part_by_rule TO imgcloud_provider
/
GRANT SELECT ON imgcloud.exam_item_settlements TO imgcloud_provider
/
-- The push's delivery state (06_push_state.sql; used with Push:Store = Database).
GRANT SELECT, INSERT, UPDATE, DELETE ON imgcloud.push_delivery TO imgcloud_provider
/
GRANT SELECT, INSERT, UPDATE, DELETE ON imgcloud.push_control TO imgcloud_provider
/
CREATE OR REPLACE SYNONYM imgcloud_provider.View_Register_Info FOR imgcloud.View_Register_Info
/
CREATE OR REPLACE SYNONYM imgcloud_provider.View_ProjectItemCode_Info FOR imgcloud.View_ProjectItemCode_Info
/
CREATE OR REPLACE SYNONYM imgcloud_provider.view_setlInfoList FOR imgcloud.view_setlInfoList
/
CREATE OR REPLACE SYNONYM imgcloud_provider.View_Dept_Info FOR imgcloud.View_Dept_Info
/
CREATE OR REPLACE SYNONYM imgcloud_provider.settings FOR imgcloud.settings
/
CREATE OR REPLACE SYNONYM imgcloud_provider.sex_map FOR imgcloud.sex_map
/
CREATE OR REPLACE SYNONYM imgcloud_provider.exam_part_map FOR imgcloud.exam_part_map
/
CREATE OR REPLACE SYNONYM imgcloud_provider.exam_part_rule FOR imgcloud.exam_part_rule
/
CREATE OR REPLACE SYNONYM imgcloud_provider.exam_part_code FOR imgcloud.exam_part_code
/
CREATE OR REPLACE SYNONYM imgcloud_provider.exam_part_rule_match FOR imgcloud.exam_part_rule_match
/
CREATE OR REPLACE SYNONYM imgcloud_provider.exam_part_by_rule FOR imgcloud.exam_part_by_rule
/
CREATE OR REPLACE SYNONYM imgcloud_provider.exam_item_settlements FOR imgcloud.exam_item_settlements
/
