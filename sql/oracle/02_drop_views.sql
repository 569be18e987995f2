-- =============================================================================
-- imgcloud provider · Oracle · 02_drop_views.sql
-- Purpose : nothing to drop; this file is kept, with this header and one empty PL/SQL
--           block, only so that the run order reads the same in every dialect (01,
--           then 02 -> 03 -> 04 -> 05). PostgreSQL needs its 02 because CREATE OR
--           REPLACE VIEW there cannot change a column's type or order. Oracle's
--           CREATE OR REPLACE VIEW may change any column and keeps the grants made by
--           05 (a dropped view would lose them), so 03 and 04 simply replace the views.
-- Dialect : Oracle 11g R2 or later; DM8 in Oracle mode.
-- Format  : SQL*Plus style: every statement ends with a line holding only a slash
--           (a PL/SQL block with END; and then the slash line).
-- Order   : every time, before 03 (or the hospital's own source views), 04 and 05.
-- Re-run  : safe to run twice: it changes nothing.
-- =============================================================================

BEGIN
    NULL; -- nothing to drop on Oracle: 03 and 04 use CREATE OR REPLACE VIEW.
END;
/
