-- =============================================================================
-- imgcloud provider · Oracle · 02_drop_views.sql
-- Purpose : nothing to drop, one view reset; this file is kept, with this header and
--           the reset, so that the run order reads the same in every dialect (01,
--           then 02 -> 03 -> 04 -> 05). PostgreSQL needs its 02 because CREATE OR
--           REPLACE VIEW there cannot change a column's type or order. Oracle's
--           CREATE OR REPLACE VIEW may change any column and keeps the grants made by
--           05 (a dropped view would lose them), so 03 and 04 simply replace the views.
-- Dialect : Oracle 11g R2 or later; DM8 in Oracle mode.
-- Format  : SQL*Plus style: every statement ends with a line holding only a slash
--           (a PL/SQL block with END; and then the slash line).
-- Order   : every time, before 03 (or the hospital's own source views), 04 and 05.
-- Re-run  : safe to run twice: it changes nothing but the default it resets.
-- Status  : the optional source view imgcloud.src_inpatient_cancelled (stays cancelled by
--           a status alone, no cancel time) is reset here to its empty default, where
--           PostgreSQL drops it: a hospital whose source views define it replaces it in 03;
--           one that stopped defining it gets the default back instead of keeping its old
--           list. Replaced, not dropped: DDL commits as it goes, and View_Register_Info,
--           which reads it, keeps working if 03 then fails. 04 makes the same default when
--           the view is missing.
-- =============================================================================

CREATE OR REPLACE VIEW imgcloud.src_inpatient_cancelled AS
SELECT CAST(NULL AS VARCHAR2(50)) AS admission_no FROM dual WHERE 1 = 0
/
