-- =============================================================================
-- imgcloud provider · PostgreSQL · 02_drop_views.sql
-- Purpose : drop the standard views, the functions of their windows and the source views
--           (the six, and the optional src_inpatient_cancelled),
--           so that 03 and 04 can create them again. PostgreSQL's CREATE OR REPLACE VIEW
--           cannot change a column's type or order (nor drop or rename a column), so an
--           upgrade that changes a view would fail; instead every view (and function) is
--           dropped and re-created on every run, all in one transaction (02 -> 03 ->
--           04 -> 05), and 05 applies the grants again, since dropping a view drops its
--           grants with it.
-- Dialect : PostgreSQL 9.5 or later (verified on 15).
-- Order   : every time, first of the four: 02 -> 03 (or the hospital's own source
--           views) -> 04 -> 05, in ONE transaction, e.g.
--             psql -v ON_ERROR_STOP=1 --single-transaction -f 02_drop_views.sql
--                  -f 03_source_views.sql -f 04_standard_views.sql -f 05_accounts.sql
--           Inside that transaction the cloud never sees the views missing: readers
--           wait for the commit, then see the new views.
-- Re-run  : safe to run twice: DROP VIEW / DROP FUNCTION IF EXISTS, and nothing else.
-- CASCADE : deliberately not used. If the hospital built a view of its own on top of one
--           of these views, this script stops with "cannot drop view ... because other
--           objects depend on it" instead of silently dropping the hospital's view. Drop
--           that view first (and re-create it after 05), or build it on the HIS tables.
-- Helper  : a hospital whose source views use helper views of their own drops those
--           helpers in its own source-view files (DROP VIEW IF EXISTS before CREATE).
-- =============================================================================

-- The standard views first: they read the source views.
DROP VIEW IF EXISTS imgcloud.View_Register_Info;
DROP VIEW IF EXISTS imgcloud.View_ProjectItemCode_Info;
DROP VIEW IF EXISTS imgcloud.view_setlInfoList;
DROP VIEW IF EXISTS imgcloud.View_Dept_Info;

-- The crosswalk rules' views (04), after view_setlInfoList, which reads exam_part_by_rule,
-- and before the source views they read.
DROP VIEW IF EXISTS imgcloud.exam_part_by_rule;
DROP VIEW IF EXISTS imgcloud.exam_part_rule_match;
DROP VIEW IF EXISTS imgcloud.exam_item_settlements;

-- The functions giving the standard views' window bounds (04 creates them before the views),
-- dropped like the views so that a new version may change them freely; 05 grants them again.
DROP FUNCTION IF EXISTS imgcloud.window_outpatient_from();
DROP FUNCTION IF EXISTS imgcloud.window_outpatient_to();
DROP FUNCTION IF EXISTS imgcloud.window_discharged_from();
DROP FUNCTION IF EXISTS imgcloud.window_settlement_from();

-- Then the source views, the visit views before src_patient, which they read.
DROP VIEW IF EXISTS imgcloud.src_outpatient_visit;
DROP VIEW IF EXISTS imgcloud.src_inpatient_visit;
-- The optional one (stays cancelled by status only): 04 makes an empty default when the
-- hospital's source views do not define it.
DROP VIEW IF EXISTS imgcloud.src_inpatient_cancelled;
DROP VIEW IF EXISTS imgcloud.src_exam_item;
DROP VIEW IF EXISTS imgcloud.src_settlement;
DROP VIEW IF EXISTS imgcloud.src_dept;
DROP VIEW IF EXISTS imgcloud.src_patient;
