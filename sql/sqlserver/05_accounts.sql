-- =============================================================================
-- imgcloud provider · SQL Server · 05_accounts.sql
-- Purpose : the two accounts and exactly the rights they need.
--             imgcloud_cloud     the imaging cloud's read-only login (mode 1): SELECT
--                                on the four standard views, nothing else (no HIS
--                                table, no source view, no imgcloud table).
--             imgcloud_provider  the provider's own login: the four standard views,
--                                the imgcloud tables settings, sex_map, exam_part_map,
--                                exam_part_rule and exam_part_code and the crosswalk
--                                rules' three views (04), read only.
--           Each is a server login plus a user in this database whose DEFAULT_SCHEMA
--           is imgcloud, so the unqualified names the cloud uses
--           (SELECT * FROM View_Register_Info) resolve.
--           The users' rights on objects of schema imgcloud are first revoked, then
--           granted, so a re-run after a change leaves nothing extra behind.
-- Dialect : SQL Server 2008 R2 or later. Batches are separated by GO.
-- Order   : every time, last: 02 -> 03 -> 04 -> 05 (ALTER VIEW keeps grants, but a
--           view a hospital dropped and re-created by hand would have lost them).
-- Re-run  : safe to run twice: a login or user is created only if absent; grants are
--           re-applied. A login that exists is never touched: its password and its
--           enabled/disabled state stay as the DBA set them.
-- Run as  : sysadmin, or securityadmin plus db_owner of this (the HIS's) database.
-- Logins  : created DISABLED, with a random throwaway password made here from NEWID()
--           and never shown; no secret is in any script. To enable a login, the DBA
--           runs by hand, once (not executed here):
--             ALTER LOGIN imgcloud_cloud WITH PASSWORD = '...'; ALTER LOGIN imgcloud_cloud ENABLE;
--             ALTER LOGIN imgcloud_provider WITH PASSWORD = '...'; ALTER LOGIN imgcloud_provider ENABLE;
--           The server must allow SQL Server authentication (mixed mode). The login's
--           default database is the one this script runs in.
-- Chaining: the views are owned by dbo (schema imgcloud AUTHORIZATION dbo) and read
--           HIS tables owned by dbo in this database, so the logins need no right on
--           the HIS tables (ownership chaining). HIS tables in another database need
--           more: see sql/README.md.
-- =============================================================================

-- Server logins: created disabled with a random password, only when absent.
IF NOT EXISTS (SELECT 1 FROM sys.server_principals WHERE name = 'imgcloud_cloud')
BEGIN
    DECLARE @cloud nvarchar(max);
    SET @cloud = N'CREATE LOGIN imgcloud_cloud WITH PASSWORD = '
        + QUOTENAME(N'x' + CONVERT(nvarchar(36), NEWID()) + N'Y!' + CONVERT(nvarchar(36), NEWID()), N'''')
        + N', DEFAULT_DATABASE = ' + QUOTENAME(DB_NAME())
        + N', CHECK_EXPIRATION = OFF; ALTER LOGIN imgcloud_cloud DISABLE;';
    EXEC (@cloud);
END
GO

IF NOT EXISTS (SELECT 1 FROM sys.server_principals WHERE name = 'imgcloud_provider')
BEGIN
    DECLARE @provider nvarchar(max);
    SET @provider = N'CREATE LOGIN imgcloud_provider WITH PASSWORD = '
        + QUOTENAME(N'x' + CONVERT(nvarchar(36), NEWID()) + N'Y!' + CONVERT(nvarchar(36), NEWID()), N'''')
        + N', DEFAULT_DATABASE = ' + QUOTENAME(DB_NAME())
        + N', CHECK_EXPIRATION = OFF; ALTER LOGIN imgcloud_provider DISABLE;';
    EXEC (@provider);
END
GO

-- Database users, with imgcloud as their default schema (set again on every run).
IF DATABASE_PRINCIPAL_ID('imgcloud_cloud') IS NULL
    CREATE USER imgcloud_cloud FOR LOGIN imgcloud_cloud WITH DEFAULT_SCHEMA = imgcloud;
ALTER USER imgcloud_cloud WITH DEFAULT_SCHEMA = imgcloud;
GO

IF DATABASE_PRINCIPAL_ID('imgcloud_provider') IS NULL
    CREATE USER imgcloud_provider FOR LOGIN imgcloud_provider WITH DEFAULT_SCHEMA = imgcloud;
ALTER USER imgcloud_provider WITH DEFAULT_SCHEMA = imgcloud;
GO

-- Start from nothing in schema imgcloud: revoke every permission granted to the two
-- users on the schema itself or on any object in it (DENYs a DBA added are left alone).
DECLARE @revoke nvarchar(max);
SET @revoke = N'';
SELECT @revoke = @revoke + N'REVOKE ' + p.permission_name + N' ON OBJECT::'
       + QUOTENAME(s.name) + N'.' + QUOTENAME(o.name) + N' FROM ' + QUOTENAME(u.name) + N' CASCADE; '
  FROM sys.database_permissions p
  JOIN sys.objects o             ON o.object_id = p.major_id
  JOIN sys.schemas s             ON s.schema_id = o.schema_id
  JOIN sys.database_principals u ON u.principal_id = p.grantee_principal_id
 WHERE p.class = 1
   AND p.state IN ('G', 'W')
   AND s.name = 'imgcloud'
   AND u.name IN ('imgcloud_cloud', 'imgcloud_provider');
SELECT @revoke = @revoke + N'REVOKE ' + p.permission_name + N' ON SCHEMA::imgcloud FROM '
       + QUOTENAME(u.name) + N' CASCADE; '
  FROM sys.database_permissions p
  JOIN sys.database_principals u ON u.principal_id = p.grantee_principal_id
 WHERE p.class = 3
   AND p.major_id = SCHEMA_ID('imgcloud')
   AND p.state IN ('G', 'W')
   AND u.name IN ('imgcloud_cloud', 'imgcloud_provider');
EXEC (@revoke);
GO

-- The cloud: the four standard views of the contract, nothing else.
GRANT SELECT ON imgcloud.View_Register_Info        TO imgcloud_cloud;
GRANT SELECT ON imgcloud.View_ProjectItemCode_Info TO imgcloud_cloud;
GRANT SELECT ON imgcloud.view_setlInfoList         TO imgcloud_cloud;
GRANT SELECT ON imgcloud.View_Dept_Info            TO imgcloud_cloud;
GO

-- The provider: the same four views (its endpoints and push read them, never the HIS
-- tables), and the imgcloud tables it reports on.
GRANT SELECT ON imgcloud.View_Register_Info        TO imgcloud_provider;
GRANT SELECT ON imgcloud.View_ProjectItemCode_Info TO imgcloud_provider;
GRANT SELECT ON imgcloud.view_setlInfoList         TO imgcloud_provider;
GRANT SELECT ON imgcloud.View_Dept_Info            TO imgcloud_provider;
GRANT SELECT ON imgcloud.settings                  TO imgcloud_provider;
GRANT SELECT ON imgcloud.sex_map                   TO imgcloud_provider;
GRANT SELECT ON imgcloud.exam_part_map             TO imgcloud_provider;
GRANT SELECT ON imgcloud.exam_part_rule            TO imgcloud_provider;
GRANT SELECT ON imgcloud.exam_part_code            TO imgcloud_provider;
GRANT SELECT ON imgcloud.exam_part_rule_match      TO imgcloud_provider;
GRANT SELECT ON imgcloud.exam_part_by_rule         TO imgcloud_provider;
GRANT SELECT ON imgcloud.exam_item_settlements     TO imgcloud_provider;
GO

-- The push's delivery state (06_push_state.sql; used with Push:Store = Database): the
-- provider records what the cloud accepted and holds the lease there.
GRANT SELECT, INSERT, UPDATE, DELETE ON imgcloud.push_delivery TO imgcloud_provider;
GRANT SELECT, INSERT, UPDATE, DELETE ON imgcloud.push_control  TO imgcloud_provider;
GO
