-- =============================================================================
-- imgcloud provider · PostgreSQL · 05_accounts.sql
-- Purpose : the two accounts and exactly the rights they need.
--             imgcloud_cloud     the imaging cloud's read-only login (mode 1): USAGE on
--                                schema imgcloud and SELECT on the four standard views,
--                                nothing else (no HIS table, no source view, no
--                                imgcloud table).
--             imgcloud_provider  the provider's own account: the four standard views,
--                                the imgcloud tables settings, sex_map, exam_part_map,
--                                exam_part_rule and exam_part_code and the crosswalk
--                                rules' three views (04), read only.
--           Both also get EXECUTE on the four functions of the views' windows (04): a
--           function in a view runs with the reading role's rights to call it, unlike the
--           tables the view reads. The functions read imgcloud.settings as their owner
--           (SECURITY DEFINER), so the cloud still cannot read that table itself.
--           Both get search_path = imgcloud, so the unqualified names the cloud uses
--           (SELECT * FROM View_Register_Info) resolve.
--           Rights are first revoked, then granted, so a re-run after a change leaves
--           nothing extra behind.
-- Dialect : PostgreSQL 9.5 or later (verified on 15). The DO blocks are plain SQL.
-- Order   : every time, last: 02 -> 03 -> 04 -> 05 in one transaction. Dropping a view or
--           a function (02) drops its grants, so they are applied again here after 04.
-- Re-run  : safe to run twice: a role is created only if absent; grants are re-applied.
-- Run as  : a role with CREATEROLE (or a superuser) that owns the imgcloud schema.
-- Logins  : the roles are created NOLOGIN, without a password; no secret is in any
--           script. To enable a login, the DBA runs by hand, once (not executed here):
--             ALTER ROLE imgcloud_cloud WITH LOGIN PASSWORD '...';
--             ALTER ROLE imgcloud_provider WITH LOGIN PASSWORD '...';
--           and allows the address in pg_hba.conf (scram-sha-256). Re-running this file
--           never touches LOGIN or the password.
-- Scope   : roles are cluster-wide (one imgcloud_cloud for every database of the
--           server, and its search_path with it); grants are per database: run this
--           file in each database the cloud reads.
-- =============================================================================

DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'imgcloud_cloud') THEN CREATE ROLE imgcloud_cloud NOLOGIN; END IF; END $$;

DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'imgcloud_provider') THEN CREATE ROLE imgcloud_provider NOLOGIN; END IF; END $$;

-- Start from nothing in schema imgcloud (ALL TABLES covers views too).
REVOKE ALL ON ALL TABLES IN SCHEMA imgcloud FROM imgcloud_cloud;
REVOKE ALL ON ALL TABLES IN SCHEMA imgcloud FROM imgcloud_provider;
REVOKE ALL ON SCHEMA imgcloud FROM imgcloud_cloud;
REVOKE ALL ON SCHEMA imgcloud FROM imgcloud_provider;

-- The window functions: a new function may be executed by PUBLIC; here only by the two
-- accounts (and the owner). Another role reading the views needs the same EXECUTE.
REVOKE ALL ON FUNCTION
    imgcloud.window_outpatient_from(),
    imgcloud.window_outpatient_to(),
    imgcloud.window_discharged_from(),
    imgcloud.window_settlement_from()
FROM PUBLIC, imgcloud_cloud, imgcloud_provider;

-- The cloud: the four standard views of the contract and the functions they call, nothing else.
GRANT USAGE ON SCHEMA imgcloud TO imgcloud_cloud;
GRANT SELECT ON
    imgcloud.View_Register_Info,
    imgcloud.View_ProjectItemCode_Info,
    imgcloud.view_setlInfoList,
    imgcloud.View_Dept_Info
TO imgcloud_cloud;
GRANT EXECUTE ON FUNCTION
    imgcloud.window_outpatient_from(),
    imgcloud.window_outpatient_to(),
    imgcloud.window_discharged_from(),
    imgcloud.window_settlement_from()
TO imgcloud_cloud;
ALTER ROLE imgcloud_cloud SET search_path = imgcloud;

-- The provider: the same four views (its endpoints and push read them, never the HIS
-- tables), and the imgcloud tables it reports on.
GRANT USAGE ON SCHEMA imgcloud TO imgcloud_provider;
GRANT SELECT ON
    imgcloud.View_Register_Info,
    imgcloud.View_ProjectItemCode_Info,
    imgcloud.view_setlInfoList,
    imgcloud.View_Dept_Info,
    imgcloud.settings,
    imgcloud.sex_map,
    imgcloud.exam_part_map,
    imgcloud.exam_part_rule,
    imgcloud.exam_part_code,
    imgcloud.exam_part_rule_match,
    imgcloud.exam_part_by_rule,
    imgcloud.exam_item_settlements
TO imgcloud_provider;
GRANT EXECUTE ON FUNCTION
    imgcloud.window_outpatient_from(),
    imgcloud.window_outpatient_to(),
    imgcloud.window_discharged_from(),
    imgcloud.window_settlement_from()
TO imgcloud_provider;

-- The push's delivery state (06_push_state.sql; used with Push:Store = Database): the
-- provider records what the cloud accepted and holds the lease there.
GRANT SELECT, INSERT, UPDATE, DELETE ON
    imgcloud.push_delivery,
    imgcloud.push_control
TO imgcloud_provider;
ALTER ROLE imgcloud_provider SET search_path = imgcloud;
