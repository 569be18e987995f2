-- =============================================================================
-- imgcloud provider · SQL Server · 08_institutions.sql
-- Purpose : upgrade an install made before one HIS could hold several institutions
--           (contract.md, hospitalld, settled 2026-12-01): the examPart crosswalk
--           imgcloud.exam_part_map gains hospital_id ('*' = every institution, or one
--           institution's hospitalld) and its key PK_exam_part_map becomes (exam_code,
--           hospital_id); every row it held is kept, as a '*' row, so the views map
--           exactly as before. It also creates imgcloud.institution, the list of connected
--           institutions (empty: all). A new install (01 already made both) is left as it is.
-- Dialect : SQL Server 2008 or later (T-SQL parser at the 2008 grammar).
-- Order   : run once, after 01, 06 and 07 and before 02 -> 05 (an install that ran 01-07
--           gets it at its next migrate). The provider's migrate verb journals it in
--           imgcloud.schema_versions.
-- Re-run  : safe to run twice: the column and the key change only while hospital_id is
--           missing; the table is created only if absent. The key's statements run through
--           EXEC, so the batch compiles before the column exists.
-- Check   : SELECT hospital_id, COUNT(*) FROM imgcloud.exam_part_map GROUP BY hospital_id;
-- =============================================================================

IF COL_LENGTH('imgcloud.exam_part_map', 'hospital_id') IS NULL
BEGIN
    ALTER TABLE imgcloud.exam_part_map ADD hospital_id varchar(12) NOT NULL
        CONSTRAINT DF_exam_part_map_hospital DEFAULT '*'
        CONSTRAINT CK_exam_part_map_hospital CHECK (hospital_id = '*' OR hospital_id COLLATE Latin1_General_BIN2 LIKE 'H[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]');
    EXEC('ALTER TABLE imgcloud.exam_part_map DROP CONSTRAINT PK_exam_part_map');
    EXEC('ALTER TABLE imgcloud.exam_part_map ADD CONSTRAINT PK_exam_part_map PRIMARY KEY (exam_code, hospital_id)');
END
GO

IF OBJECT_ID('imgcloud.institution', 'U') IS NULL
CREATE TABLE imgcloud.institution (
    hospital_id varchar(12)   NOT NULL CONSTRAINT PK_institution PRIMARY KEY
        CONSTRAINT CK_institution_hospital CHECK (hospital_id COLLATE Latin1_General_BIN2 LIKE 'H[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'),
    name        nvarchar(100),
    note        nvarchar(200)
);
GO

IF NOT EXISTS (SELECT 1 FROM sys.extended_properties
               WHERE class = 1 AND major_id = OBJECT_ID(N'imgcloud.exam_part_map') AND name = N'MS_Description'
                 AND minor_id = COLUMNPROPERTY(OBJECT_ID(N'imgcloud.exam_part_map'), 'hospital_id', 'ColumnId'))
    EXEC sys.sp_addextendedproperty @name = N'MS_Description',
        @value = N'适用的医保机构代码（hospitalld）；* 表示所有机构。同一 HIS 有多个机构且编码重叠时，本机构的行优先于同一编码的 * 行。',
        @level0type = N'SCHEMA', @level0name = N'imgcloud', @level1type = N'TABLE', @level1name = N'exam_part_map',
        @level2type = N'COLUMN', @level2name = N'hospital_id';
GO

IF NOT EXISTS (SELECT 1 FROM sys.extended_properties
               WHERE class = 1 AND major_id = OBJECT_ID(N'imgcloud.institution') AND name = N'MS_Description' AND minor_id = 0)
    EXEC sys.sp_addextendedproperty @name = N'MS_Description',
        @value = N'接入的医保机构：同一 HIS 有多个机构而只接入其中一部分时，在此列出接入机构的 hospitalld，四个标准视图只输出这些机构的行。为空（默认）时输出所有机构的行。',
        @level0type = N'SCHEMA', @level0name = N'imgcloud', @level1type = N'TABLE', @level1name = N'institution';
GO
