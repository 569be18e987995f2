-- =============================================================================
-- imgcloud provider · Oracle · 07_utc_offset.sql
-- Purpose : upgrade an install made before the hospital's "now" became UTC plus an
--           offset in minutes (contract.md, 2026-12-01). Until then the Oracle views read
--           SYSDATE, the server's operating-system clock, which had to run on China
--           Standard Time, and imgcloud.settings.time_zone was not read at all. This
--           adds imgcloud.settings.utc_offset_minutes with 480 (UTC+8: what that
--           requirement meant; a hospital elsewhere sets its own offset afterwards) and
--           drops time_zone. A new install (01 already made utc_offset_minutes) is left
--           as it is.
-- Dialect : Oracle 11g R2 or later; DM8 in Oracle mode.
-- Format  : SQL*Plus style: every statement ends with a line holding only a slash.
-- Order   : run once, after 01 and 06 and before 02 -> 05 (numbered 07 because it came
--           later). The provider's migrate verb journals it in imgcloud.schema_versions.
-- Re-run  : safe to run twice: each step only if the column it adds is missing / the one
--           it drops is present. No view reads time_zone, so dropping it breaks nothing.
-- Check   : SELECT utc_offset_minutes FROM imgcloud.settings;  -- 480 for China
-- =============================================================================

DECLARE
    n NUMBER;
BEGIN
    SELECT COUNT(*) INTO n FROM all_tab_columns
    WHERE owner = 'IMGCLOUD' AND table_name = 'SETTINGS' AND column_name = 'UTC_OFFSET_MINUTES';
    IF n = 0 THEN
        EXECUTE IMMEDIATE 'ALTER TABLE imgcloud.settings ADD (utc_offset_minutes NUMBER(5) DEFAULT 480 NOT NULL CHECK (utc_offset_minutes BETWEEN -720 AND 840))';
        EXECUTE IMMEDIATE 'COMMENT ON COLUMN imgcloud.settings.utc_offset_minutes IS ''医院本地时间相对 UTC 的分钟数（默认 480，即 UTC+8）。视图的“现在” = UTC 当前时间 + 此值，与服务器操作系统的时区无关。''';
    END IF;
    SELECT COUNT(*) INTO n FROM all_tab_columns
    WHERE owner = 'IMGCLOUD' AND table_name = 'SETTINGS' AND column_name = 'TIME_ZONE';
    IF n = 1 THEN
        EXECUTE IMMEDIATE 'ALTER TABLE imgcloud.settings DROP COLUMN time_zone';
    END IF;
END;
/
