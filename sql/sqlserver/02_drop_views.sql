-- =============================================================================
-- imgcloud provider · SQL Server · 02_drop_views.sql
-- Purpose : nothing to drop, one view reset; this file is kept, with this header, the
--           reset and one PRINT, so that the run order reads the same in every dialect (01, then 02 -> 03 ->
--           04 -> 05). PostgreSQL needs its 02 because CREATE OR REPLACE VIEW there
--           cannot change a column's type or order. SQL Server has no such limit:
--           03 and 04 create each view once as a stub (IF OBJECT_ID(...) IS NULL
--           EXEC('CREATE VIEW ... AS SELECT 1 AS x')) and then ALTER VIEW it to its
--           real definition, which may change any column, and which keeps the grants
--           made by 05 (a dropped view would lose them).
-- Dialect : SQL Server 2008 R2 or later. Batches are separated by GO.
-- Order   : every time, before 03 (or the hospital's own source views), 04 and 05.
-- Re-run  : safe to run twice: it changes nothing but the default it resets.
-- Status  : the optional source view imgcloud.src_inpatient_cancelled (stays cancelled by
--           a status alone, no cancel time) is reset here to its empty default, where
--           PostgreSQL drops it: a hospital whose source views define it alters it in 03;
--           one that stopped defining it gets the default back instead of keeping its old
--           list. Altered, not dropped, so that View_Register_Info, which reads it, keeps
--           working when the files are run by hand and 03 then fails (migrate runs all in
--           one transaction). 04 makes the same default when the view is missing.
-- =============================================================================

IF OBJECT_ID(N'imgcloud.src_inpatient_cancelled', N'V') IS NULL EXEC(N'CREATE VIEW imgcloud.src_inpatient_cancelled AS SELECT 1 AS x');
GO
ALTER VIEW imgcloud.src_inpatient_cancelled AS
SELECT CAST(NULL AS nvarchar(50)) AS admission_no WHERE 1 = 0;
GO

PRINT 'imgcloud 02_drop_views.sql: nothing to drop on SQL Server (03 and 04 alter the views in place, keeping their grants); src_inpatient_cancelled reset to its empty default.';
GO
