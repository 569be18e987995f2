-- =============================================================================
-- imgcloud provider · PostgreSQL · 07_utc_offset.sql
-- Purpose : upgrade an install made before the hospital's "now" became UTC plus an
--           offset in minutes (contract.md, 2026-12-01): it adds
--           imgcloud.settings.utc_offset_minutes and carries the zone name a DBA set in
--           imgcloud.settings.time_zone over as that zone's current offset from UTC
--           (Asia/Shanghai gives 480; China has no daylight saving), then drops
--           time_zone, which nothing reads any more. A new install (01 already made
--           utc_offset_minutes) is left as it is.
-- Dialect : PostgreSQL 9.5 or later (verified on 15).
-- Order   : run once, after 01 and 06 and before 02 -> 05 (numbered 07 because it came
--           later: an install that ran 01-06 gets it at its next migrate). The provider's
--           migrate verb journals it in imgcloud.schema_versions.
-- Re-run  : safe to run twice: each step only if the column it adds is missing / the one
--           it drops is present. The old views and window functions may still name
--           time_zone until 02 drops them in the same migrate; no object depends on the
--           column in a way PostgreSQL tracks (a SQL function's body is not tracked).
-- Check   : SELECT utc_offset_minutes FROM imgcloud.settings; -- 480 for China
-- =============================================================================

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM information_schema.columns
                   WHERE table_schema = 'imgcloud' AND table_name = 'settings'
                     AND column_name = 'utc_offset_minutes') THEN
        ALTER TABLE imgcloud.settings
            ADD COLUMN utc_offset_minutes integer NOT NULL DEFAULT 480
            CHECK (utc_offset_minutes BETWEEN -720 AND 840);
    END IF;

    IF EXISTS (SELECT 1 FROM information_schema.columns
               WHERE table_schema = 'imgcloud' AND table_name = 'settings'
                 AND column_name = 'time_zone') THEN
        -- The zone's offset now: (now() AT TIME ZONE zone) is the wall clock there.
        EXECUTE $sql$
            UPDATE imgcloud.settings
            SET utc_offset_minutes = CAST(round(EXTRACT(EPOCH FROM
                    (now() AT TIME ZONE time_zone) - (now() AT TIME ZONE 'UTC')) / 60) AS integer)
        $sql$;
        ALTER TABLE imgcloud.settings DROP COLUMN time_zone;
    END IF;
END $$;

COMMENT ON COLUMN imgcloud.settings.utc_offset_minutes IS '医院本地时间相对 UTC 的分钟数（默认 480，即 UTC+8）。视图的“现在” = UTC 当前时间 + 此值，与服务器和连接会话的时区无关。';
