-- =============================================================================
-- imgcloud provider · MySQL / MariaDB · 02_drop_views.sql
-- Purpose : drops nothing, and resets one view. Kept so that every engine runs the same
--           file names in the same order (02 -> 03 -> 04 -> 05).
--           In MySQL, CREATE OR REPLACE VIEW (03, 04) may change a view's columns
--           freely and keeps the grants on it, so no view needs dropping first. Dropping
--           would even be harmful: DDL commits implicitly and cannot be rolled back, so
--           a drop followed by a failing create would leave the cloud without its views
--           until the next successful run; a failing CREATE OR REPLACE leaves the old
--           view in place.
-- Dialect : MySQL 5.7.7 or later and MariaDB 10.4 or later.
-- Order   : every time, before 03.
-- Re-run  : safe to run twice: it changes nothing but the default it resets.
-- Removed : a view a later version no longer ships is dropped by hand (see sql/README.md).
-- Status  : the optional source view imgcloud.src_inpatient_cancelled (stays cancelled by
--           a status alone, no cancel time) is reset here to its empty default, where
--           PostgreSQL drops it: a hospital whose source views define it replaces it in 03;
--           one that stopped defining it gets the default back instead of keeping its old
--           list. Replaced, not dropped, so that View_Register_Info, which reads it, keeps
--           working if 03 then fails. 04 makes the same default when the view is missing.
-- =============================================================================

SET NAMES utf8mb4 COLLATE utf8mb4_bin;

CREATE OR REPLACE DEFINER = CURRENT_USER SQL SECURITY DEFINER VIEW imgcloud.src_inpatient_cancelled AS
SELECT CAST(NULL AS CHAR(50) CHARACTER SET utf8mb4) AS admission_no FROM DUAL WHERE 1 = 0;
