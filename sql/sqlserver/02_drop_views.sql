-- =============================================================================
-- imgcloud provider · SQL Server · 02_drop_views.sql
-- Purpose : nothing to drop; this file is kept, with this header and one PRINT, only
--           so that the run order reads the same in every dialect (01, then 02 -> 03 ->
--           04 -> 05). PostgreSQL needs its 02 because CREATE OR REPLACE VIEW there
--           cannot change a column's type or order. SQL Server has no such limit:
--           03 and 04 create each view once as a stub (IF OBJECT_ID(...) IS NULL
--           EXEC('CREATE VIEW ... AS SELECT 1 AS x')) and then ALTER VIEW it to its
--           real definition, which may change any column, and which keeps the grants
--           made by 05 (a dropped view would lose them).
-- Dialect : SQL Server 2008 R2 or later. Batches are separated by GO.
-- Order   : every time, before 03 (or the hospital's own source views), 04 and 05.
-- Re-run  : safe to run twice: it changes nothing.
-- =============================================================================

PRINT 'imgcloud 02_drop_views.sql: nothing to drop on SQL Server (03 and 04 alter the views in place, keeping their grants).';
GO
