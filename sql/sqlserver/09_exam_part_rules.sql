-- =============================================================================
-- imgcloud provider · SQL Server · 09_exam_part_rules.sql
-- Purpose : the examPart crosswalk's RULES (issue 19): instead of one exam_part_map row per
--           exam item, a rule maps every item it matches (modality, body part and name
--           patterns, contrast 平扫 / 增强 / 造影) to a WS/T 364.8-2023 code, in the order
--           the DBA sets (rule_no: the lowest matching number wins). exam_part_map rows stay
--           above every rule, as per-item overrides (the institution's own, then '*').
--           Also imgcloud.exam_part_code, the standard's own code table, which this product
--           cannot ship: a hospital that has it may load it (empty: only the format is checked).
--           04 makes the views that apply the rules (exam_part_rule_match, exam_part_by_rule)
--           and view_setlInfoList uses them; sql/README.md says how a rule matches.
--           A new install and an upgraded one alike get both tables here (01 does not make them).
-- Dialect : SQL Server 2008 or later (T-SQL parser at the 2008 grammar).
-- Order   : run once, after 01, 06, 07 and 08 and before 02 -> 05 (an install that ran
--           01-08 gets it at its next migrate). The provider's migrate verb journals it in
--           imgcloud.schema_versions.
-- Re-run  : safe to run twice: the tables are created only if absent; the descriptions are
--           added only where absent.
-- Check   : SELECT * FROM imgcloud.exam_part_rule ORDER BY rule_no;
-- =============================================================================

-- NULL in a condition column: any value. A pattern (body_part, name_pattern) uses % and _
-- only: [ ] are special in T-SQL's LIKE, * ? in SQLite's GLOB and the backslash in the LIKE
-- of PostgreSQL and MySQL, so the table refuses them (NCHAR(92): the backslash).
IF OBJECT_ID('imgcloud.exam_part_rule', 'U') IS NULL
CREATE TABLE imgcloud.exam_part_rule (
    rule_no      int           NOT NULL CONSTRAINT PK_exam_part_rule PRIMARY KEY,
    hospital_id  varchar(20)   NOT NULL CONSTRAINT DF_exam_part_rule_hospital DEFAULT '*'
        CONSTRAINT CK_exam_part_rule_hospital CHECK (hospital_id = '*' OR hospital_id COLLATE Latin1_General_BIN2 LIKE 'H[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'),
    modality     nvarchar(50),
    body_part    nvarchar(100)
        CONSTRAINT CK_exam_part_rule_body_part CHECK (CHARINDEX(N'[', body_part) = 0 AND CHARINDEX(N']', body_part) = 0 AND CHARINDEX(N'*', body_part) = 0 AND CHARINDEX(N'?', body_part) = 0 AND CHARINDEX(NCHAR(92), body_part) = 0),
    name_pattern nvarchar(200)
        CONSTRAINT CK_exam_part_rule_name CHECK (CHARINDEX(N'[', name_pattern) = 0 AND CHARINDEX(N']', name_pattern) = 0 AND CHARINDEX(N'*', name_pattern) = 0 AND CHARINDEX(N'?', name_pattern) = 0 AND CHARINDEX(NCHAR(92), name_pattern) = 0),
    contrast     nvarchar(10)
        CONSTRAINT CK_exam_part_rule_contrast CHECK (contrast IN (N'平扫', N'增强', N'造影')),
    exam_part    varchar(9)    NOT NULL
        CONSTRAINT CK_exam_part_rule_code CHECK (exam_part COLLATE Latin1_General_BIN2 LIKE '[A-Z0-9][A-Z0-9][A-Z0-9][A-Z0-9][A-Z0-9][A-Z0-9][A-Z0-9][A-Z0-9][A-Z0-9]'),
    note         nvarchar(200)
);
GO

IF OBJECT_ID('imgcloud.exam_part_code', 'U') IS NULL
CREATE TABLE imgcloud.exam_part_code (
    exam_part varchar(9)    NOT NULL CONSTRAINT PK_exam_part_code PRIMARY KEY
        CONSTRAINT CK_exam_part_code_code CHECK (exam_part COLLATE Latin1_General_BIN2 LIKE '[A-Z0-9][A-Z0-9][A-Z0-9][A-Z0-9][A-Z0-9][A-Z0-9][A-Z0-9][A-Z0-9][A-Z0-9]'),
    name      nvarchar(200)
);
GO

-- Descriptions a DBA sees in SSMS (MS_Description), added where absent.
DECLARE @d TABLE (n int IDENTITY(1, 1) PRIMARY KEY, tbl sysname NOT NULL, col sysname NULL, txt nvarchar(500) NOT NULL);
INSERT INTO @d (tbl, col, txt) VALUES
    (N'exam_part_rule', NULL, N'检查部位对照规则：按检查类别、部位、名称模式与对比方式把一批检查项目对照到 WS/T 364.8-2023 代码。编号最小的匹配规则生效；exam_part_map 的逐项对照优先于所有规则。'),
    (N'exam_part_rule', N'rule_no', N'规则编号，DBA 设定的先后顺序：一个项目匹配多条规则时取编号最小的一条。'),
    (N'exam_part_rule', N'hospital_id', N'适用的医保机构代码（hospitalld）；* （默认）表示所有机构。'),
    (N'exam_part_rule', N'modality', N'检查类别，与 View_ProjectItemCode_Info.modality 逐字节相等（区分大小写）；NULL 表示任意。'),
    (N'exam_part_rule', N'body_part', N'检查部位 examBodyPart 的 LIKE 模式（% 任意多个字符，_ 一个字符，区分大小写）；NULL 表示任意。不能含 [ ] * ? 与反斜杠。'),
    (N'exam_part_rule', N'name_pattern', N'检查项目名称 examName 的 LIKE 模式（同上）；NULL 表示任意。'),
    (N'exam_part_rule', N'contrast', N'对比方式：平扫、增强、造影；NULL 表示任意。“平扫”规则也匹配名称中未写明的项目。'),
    (N'exam_part_rule', N'exam_part', N'WS/T 364.8-2023 代码：9 位大写字母或数字。'),
    (N'exam_part_code', NULL, N'WS/T 364.8-2023 影像检查技术代码表（本产品无法随附）：医院取得后可导入；有数据时检查也核对代码是否在表中，为空时只检查格式。');

DECLARE @i int, @last int, @tbl sysname, @col sysname, @txt nvarchar(500);
SELECT @i = 1, @last = MAX(n) FROM @d;
WHILE @i <= @last
BEGIN
    SELECT @tbl = tbl, @col = col, @txt = txt FROM @d WHERE n = @i;
    IF @col IS NULL
    BEGIN
        IF NOT EXISTS (SELECT 1 FROM sys.extended_properties
                       WHERE class = 1 AND major_id = OBJECT_ID(N'imgcloud.' + @tbl) AND minor_id = 0 AND name = N'MS_Description')
            EXEC sys.sp_addextendedproperty @name = N'MS_Description', @value = @txt,
                @level0type = N'SCHEMA', @level0name = N'imgcloud', @level1type = N'TABLE', @level1name = @tbl;
    END
    ELSE IF NOT EXISTS (SELECT 1 FROM sys.extended_properties
                        WHERE class = 1 AND major_id = OBJECT_ID(N'imgcloud.' + @tbl) AND name = N'MS_Description'
                          AND minor_id = COLUMNPROPERTY(OBJECT_ID(N'imgcloud.' + @tbl), @col, 'ColumnId'))
        EXEC sys.sp_addextendedproperty @name = N'MS_Description', @value = @txt,
            @level0type = N'SCHEMA', @level0name = N'imgcloud', @level1type = N'TABLE', @level1name = @tbl,
            @level2type = N'COLUMN', @level2name = @col;
    SET @i = @i + 1;
END
GO
