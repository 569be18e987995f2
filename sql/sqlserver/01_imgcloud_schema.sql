-- =============================================================================
-- imgcloud provider · SQL Server · 01_imgcloud_schema.sql
-- Purpose : the imgcloud schema and the small tables the DBA maintains beside the HIS:
--           settings (default hospitalld and recency windows), the sex code map, and
--           the examPart crosswalk (HIS exam item code -> WS/T 364.8-2023 code).
--           Everything the project creates lives in schema imgcloud, never among the
--           HIS's tables, so that it can be seen and dropped at once.
-- Dialect : SQL Server 2008 R2 or later (T-SQL of 2008 only: no CREATE OR ALTER, no
--           CONCAT, no IIF, ...). Batches are separated by GO, for sqlcmd and SSMS.
--           Identifiers are never quoted. Chinese literals are N'...' (nvarchar), so
--           they survive whatever the database's collation is.
-- Encoding: the file is UTF-8 without a byte-order mark: run it with sqlcmd -f 65001
--           (otherwise sqlcmd reads it in the console's code page and N'男' arrives
--           garbled); in SSMS check that the Chinese comments show correctly first.
-- Order   : run once, first (01, then 02 -> 03 -> 04 -> 05 together, every time), in
--           the HIS's database (the views must sit beside the HIS tables: see
--           sql/README.md on HIS tables in another database).
-- Re-run  : safe to run twice: the schema and tables are created only if absent and the
--           defaults are inserted only where missing; a value a DBA changed is never
--           overwritten. The descriptions (MS_Description) are simply set again.
-- Run as  : a member of db_owner (or sysadmin). The schema is owned by dbo, like the
--           HIS tables usually are, so that the views reach the HIS tables through
--           ownership chaining without any grant on them (see 05_accounts.sql).
-- "now"   : DATEADD(minute, settings.utc_offset_minutes, GETUTCDATE()) in every view:
--           UTC plus the hospital's offset (default 480, China Standard Time), whatever
--           time zone the server's Windows runs in (GETDATE() would follow it). It
--           replaced the unread time_zone column (07_utc_offset.sql drops it).
-- =============================================================================

IF SCHEMA_ID('imgcloud') IS NULL EXEC('CREATE SCHEMA imgcloud AUTHORIZATION dbo');
GO

-- One row only (id = 1). hospital_id is the 医保 institution code written on every row
-- whose source view does not supply one; the *_days columns are the recency windows;
-- utc_offset_minutes gives the views' "now" (UTC plus this many minutes).
IF OBJECT_ID('imgcloud.settings', 'U') IS NULL
CREATE TABLE imgcloud.settings (
    id                    int         NOT NULL DEFAULT 1 CONSTRAINT PK_settings PRIMARY KEY CHECK (id = 1),
    hospital_id           varchar(12) NOT NULL,
    outpatient_days_back  int         NOT NULL DEFAULT 7  CHECK (outpatient_days_back  >= 0),
    outpatient_days_ahead int         NOT NULL DEFAULT 30 CHECK (outpatient_days_ahead >= 0),
    discharged_days       int         NOT NULL DEFAULT 7  CHECK (discharged_days       >= 0),
    settlement_days       int         NOT NULL DEFAULT 7  CHECK (settlement_days       >= 0),
    utc_offset_minutes    int         NOT NULL CONSTRAINT DF_settings_utc_offset DEFAULT 480
                                      CONSTRAINT CK_settings_utc_offset CHECK (utc_offset_minutes BETWEEN -720 AND 840)
);
GO

-- H00000000000 is a placeholder: the DBA sets the hospital's own code before go-live.
IF NOT EXISTS (SELECT 1 FROM imgcloud.settings WHERE id = 1)
    INSERT INTO imgcloud.settings (id, hospital_id) VALUES (1, 'H00000000000');
GO

-- GB/T 2261.1-2003 sex code (what a source view emits) -> the text the cloud receives.
-- The contract settles on 男 / 女 / 未知; a DBA may change sex_text (e.g. to emit codes).
IF OBJECT_ID('imgcloud.sex_map', 'U') IS NULL
CREATE TABLE imgcloud.sex_map (
    sex_code varchar(2)   NOT NULL CONSTRAINT PK_sex_map PRIMARY KEY,
    sex_text nvarchar(20) NOT NULL
);
GO

IF NOT EXISTS (SELECT 1 FROM imgcloud.sex_map WHERE sex_code = '0') INSERT INTO imgcloud.sex_map (sex_code, sex_text) VALUES ('0', N'未知');
IF NOT EXISTS (SELECT 1 FROM imgcloud.sex_map WHERE sex_code = '1') INSERT INTO imgcloud.sex_map (sex_code, sex_text) VALUES ('1', N'男');
IF NOT EXISTS (SELECT 1 FROM imgcloud.sex_map WHERE sex_code = '2') INSERT INTO imgcloud.sex_map (sex_code, sex_text) VALUES ('2', N'女');
IF NOT EXISTS (SELECT 1 FROM imgcloud.sex_map WHERE sex_code = '9') INSERT INTO imgcloud.sex_map (sex_code, sex_text) VALUES ('9', N'未知');
GO

-- HIS exam item code (the examCode of View_ProjectItemCode_Info) -> examPart, the
-- WS/T 364.8-2023 radiology technique code (9 upper-case letters or digits). An item
-- without a row here gives examPart NULL in view_setlInfoList; the contract check lists it.
-- The check compares under a binary collation: a case-insensitive database collation
-- would otherwise let lower-case letters through the [A-Z] ranges.
-- hospital_id: the institution (hospitalld) the row is for, or '*' for every institution;
-- a row of the item's own institution wins over the '*' row of the same exam_code ('*', not
-- NULL or '': a key column cannot be NULL, and Oracle stores '' as NULL). 08_institutions.sql
-- adds it to a crosswalk made before it (its rows become '*').
IF OBJECT_ID('imgcloud.exam_part_map', 'U') IS NULL
CREATE TABLE imgcloud.exam_part_map (
    exam_code   nvarchar(50)  NOT NULL,
    exam_part   varchar(9)    NOT NULL
        CHECK (exam_part COLLATE Latin1_General_BIN2 LIKE '[A-Z0-9][A-Z0-9][A-Z0-9][A-Z0-9][A-Z0-9][A-Z0-9][A-Z0-9][A-Z0-9][A-Z0-9]'),
    note        nvarchar(200),
    hospital_id varchar(12)   NOT NULL CONSTRAINT DF_exam_part_map_hospital DEFAULT '*'
        CONSTRAINT CK_exam_part_map_hospital CHECK (hospital_id = '*' OR hospital_id COLLATE Latin1_General_BIN2 LIKE 'H[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'),
    CONSTRAINT PK_exam_part_map PRIMARY KEY (exam_code, hospital_id)
);
GO

-- The list of connected institutions, imgcloud.institution, is created by 08_institutions.sql
-- (which runs after this script on a new install and an upgraded one alike).

-- Descriptions a DBA sees in SSMS (the MS_Description extended property), set again on
-- every run: added where absent, updated where present.
DECLARE @d TABLE (n int IDENTITY(1, 1) PRIMARY KEY, tbl sysname NULL, col sysname NULL, txt nvarchar(500) NOT NULL);
INSERT INTO @d (tbl, col, txt) VALUES
    (NULL, NULL, N'医保影像云平台医院端（imgcloud provider）的全部对象：配置表、代码对照表、源视图 src_* 与云平台读取的四个标准视图。删除方法见 sql/README.md。'),
    (N'settings', NULL, N'医院端配置，仅一行（id = 1）：默认医保机构代码与各时间窗口的天数。'),
    (N'settings', N'id', N'固定为 1，保证只有一行。'),
    (N'settings', N'hospital_id', N'医保医疗机构代码（hospitalld，H + 11 位数字）。源视图未提供 hospital_id 的行使用此值；上线前必须改为本院代码。'),
    (N'settings', N'outpatient_days_back', N'挂号视图：就诊时间在多少天之前以内的门诊挂号（默认 7）。'),
    (N'settings', N'outpatient_days_ahead', N'挂号视图：就诊时间在多少天之后以内的门诊预约（默认 30）。'),
    (N'settings', N'discharged_days', N'挂号视图：出院或取消入院后仍保留多少天（默认 7）。'),
    (N'settings', N'settlement_days', N'结算视图：结算时间在多少天之内（默认 7）。'),
    (N'settings', N'utc_offset_minutes', N'医院本地时间相对 UTC 的分钟数（默认 480，即 UTC+8）。视图的“现在” = DATEADD(minute, 此值, GETUTCDATE())，与服务器的时区无关。'),
    (N'sex_map', NULL, N'性别代码对照：源视图输出的 GB/T 2261.1 代码 -> 写给云平台的文字（默认 男/女/未知）。'),
    (N'sex_map', N'sex_code', N'GB/T 2261.1-2003 性别代码：0 未知的性别，1 男，2 女，9 未说明的性别。'),
    (N'sex_map', N'sex_text', N'标准视图 patientSex 输出的值。'),
    (N'exam_part_map', NULL, N'检查部位对照：HIS 检查项目编码 -> WS/T 364.8-2023 影像检查技术代码（examPart）。未对照的项目在结算视图中 examPart 为空，契约检查会列出。'),
    (N'exam_part_map', N'exam_code', N'HIS 检查项目编码，即 View_ProjectItemCode_Info 的 examCode。'),
    (N'exam_part_map', N'exam_part', N'WS/T 364.8-2023 代码：9 位大写字母或数字，如 B02010ZZZ。'),
    (N'exam_part_map', N'note', N'备注，如项目名称，便于核对。'),
    (N'exam_part_map', N'hospital_id', N'适用的医保机构代码（hospitalld）；* 表示所有机构。同一 HIS 有多个机构且编码重叠时，本机构的行优先于同一编码的 * 行。');

DECLARE @i int, @last int, @tbl sysname, @col sysname, @txt nvarchar(500), @exists bit;
SELECT @i = 1, @last = MAX(n) FROM @d;
WHILE @i <= @last
BEGIN
    SELECT @tbl = tbl, @col = col, @txt = txt FROM @d WHERE n = @i;
    IF @tbl IS NULL
    BEGIN
        SET @exists = CASE WHEN EXISTS (SELECT 1 FROM sys.extended_properties
                                         WHERE class = 3 AND major_id = SCHEMA_ID('imgcloud') AND minor_id = 0 AND name = N'MS_Description')
                           THEN 1 ELSE 0 END;
        IF @exists = 1
            EXEC sys.sp_updateextendedproperty @name = N'MS_Description', @value = @txt, @level0type = N'SCHEMA', @level0name = N'imgcloud';
        ELSE
            EXEC sys.sp_addextendedproperty @name = N'MS_Description', @value = @txt, @level0type = N'SCHEMA', @level0name = N'imgcloud';
    END
    ELSE IF @col IS NULL
    BEGIN
        SET @exists = CASE WHEN EXISTS (SELECT 1 FROM sys.extended_properties
                                         WHERE class = 1 AND major_id = OBJECT_ID(N'imgcloud.' + @tbl) AND minor_id = 0 AND name = N'MS_Description')
                           THEN 1 ELSE 0 END;
        IF @exists = 1
            EXEC sys.sp_updateextendedproperty @name = N'MS_Description', @value = @txt, @level0type = N'SCHEMA', @level0name = N'imgcloud', @level1type = N'TABLE', @level1name = @tbl;
        ELSE
            EXEC sys.sp_addextendedproperty @name = N'MS_Description', @value = @txt, @level0type = N'SCHEMA', @level0name = N'imgcloud', @level1type = N'TABLE', @level1name = @tbl;
    END
    ELSE
    BEGIN
        SET @exists = CASE WHEN EXISTS (SELECT 1 FROM sys.extended_properties
                                         WHERE class = 1 AND major_id = OBJECT_ID(N'imgcloud.' + @tbl)
                                           AND minor_id = COLUMNPROPERTY(OBJECT_ID(N'imgcloud.' + @tbl), @col, 'ColumnId') AND name = N'MS_Description')
                           THEN 1 ELSE 0 END;
        IF @exists = 1
            EXEC sys.sp_updateextendedproperty @name = N'MS_Description', @value = @txt, @level0type = N'SCHEMA', @level0name = N'imgcloud', @level1type = N'TABLE', @level1name = @tbl, @level2type = N'COLUMN', @level2name = @col;
        ELSE
            EXEC sys.sp_addextendedproperty @name = N'MS_Description', @value = @txt, @level0type = N'SCHEMA', @level0name = N'imgcloud', @level1type = N'TABLE', @level1name = @tbl, @level2type = N'COLUMN', @level2name = @col;
    END
    SET @i = @i + 1;
END
GO
