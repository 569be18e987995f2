-- =============================================================================
-- imgcloud provider · SQL Server · 07_utc_offset.sql
-- Purpose : upgrade an install made before the hospital's "now" became UTC plus an
--           offset in minutes (contract.md, 2026-12-01). Until then the SQL Server views
--           read GETDATE(), the server's own clock, which had to run on China Standard
--           Time, and imgcloud.settings.time_zone was not read at all. This adds
--           imgcloud.settings.utc_offset_minutes with 480 (UTC+8: what that requirement
--           meant; a hospital elsewhere sets its own offset afterwards) and drops
--           time_zone with its default constraint. A new install (01 already made
--           utc_offset_minutes) is left as it is.
-- Dialect : SQL Server 2008 or later (T-SQL parser at the 2008 grammar).
-- Order   : run once, after 01 and 06 and before 02 -> 05 (numbered 07 because it came
--           later). The provider's migrate verb journals it in imgcloud.schema_versions.
-- Re-run  : safe to run twice: each step only if the column it adds is missing / the one
--           it drops is present. No view reads time_zone, so dropping it breaks nothing.
-- Check   : SELECT utc_offset_minutes FROM imgcloud.settings;  -- 480 for China
-- =============================================================================

IF COL_LENGTH('imgcloud.settings', 'utc_offset_minutes') IS NULL
    ALTER TABLE imgcloud.settings ADD utc_offset_minutes int NOT NULL
        CONSTRAINT DF_settings_utc_offset DEFAULT 480
        CONSTRAINT CK_settings_utc_offset CHECK (utc_offset_minutes BETWEEN -720 AND 840);
GO

-- time_zone's default constraint has a generated name: found in the catalog, dropped first.
DECLARE @default sysname, @sql nvarchar(400);
SELECT @default = d.name
FROM sys.default_constraints d
JOIN sys.columns c ON c.object_id = d.parent_object_id AND c.column_id = d.parent_column_id
WHERE d.parent_object_id = OBJECT_ID('imgcloud.settings') AND c.name = 'time_zone';
IF @default IS NOT NULL
BEGIN
    SET @sql = N'ALTER TABLE imgcloud.settings DROP CONSTRAINT ' + QUOTENAME(@default);
    EXEC sys.sp_executesql @sql;
END
IF COL_LENGTH('imgcloud.settings', 'time_zone') IS NOT NULL
    EXEC('ALTER TABLE imgcloud.settings DROP COLUMN time_zone');
GO

IF NOT EXISTS (SELECT 1 FROM sys.extended_properties
               WHERE class = 1 AND major_id = OBJECT_ID(N'imgcloud.settings') AND name = N'MS_Description'
                 AND minor_id = COLUMNPROPERTY(OBJECT_ID(N'imgcloud.settings'), 'utc_offset_minutes', 'ColumnId'))
    EXEC sys.sp_addextendedproperty @name = N'MS_Description',
        @value = N'医院本地时间相对 UTC 的分钟数（默认 480，即 UTC+8）。视图的“现在” = DATEADD(minute, 此值, GETUTCDATE())，与服务器的时区无关。',
        @level0type = N'SCHEMA', @level0name = N'imgcloud', @level1type = N'TABLE', @level1name = N'settings',
        @level2type = N'COLUMN', @level2name = N'utc_offset_minutes';
GO
