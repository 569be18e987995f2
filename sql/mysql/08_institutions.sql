-- =============================================================================
-- imgcloud provider · MySQL / MariaDB · 08_institutions.sql
-- Purpose : upgrade an install made before one HIS could hold several institutions
--           (contract.md, hospitalld, settled 2026-12-01): the examPart crosswalk
--           imgcloud.exam_part_map gains hospital_id ('*' = every institution, or one
--           institution's hospitalld) and its key becomes (exam_code, hospital_id); every
--           row it held is kept, as a '*' row, so the views map exactly as before. It also
--           creates imgcloud.institution, the list of connected institutions (empty: all).
--           A new install (01 already made both) is left as it is.
-- Dialect : MySQL 5.7.7 or later and MariaDB 10.4 or later.
-- Order   : run once, after 01, 06 and 07 and before 02 -> 05 (an install that ran 01-07
--           gets it at its next migrate). The provider's migrate verb journals it in
--           imgcloud.schema_versions.
-- Re-run  : safe to run twice, and safe to run again after a failure half-way (DDL commits
--           implicitly, so the journal cannot roll back with it): the column and the key
--           change in ONE ALTER TABLE, made only while information_schema shows no
--           hospital_id column; the table is created only if absent.
-- Check   : SELECT hospital_id, COUNT(*) FROM imgcloud.exam_part_map GROUP BY hospital_id;
-- =============================================================================

SET NAMES utf8mb4 COLLATE utf8mb4_bin;

-- The crosswalk's database and table are read from its qualified name, written as every
-- other statement here writes it.
SET @institutions_step = IF(
    (SELECT COUNT(*) FROM information_schema.columns
     WHERE table_schema = SUBSTRING_INDEX('imgcloud.exam_part_map', '.', 1)
       AND table_name = 'exam_part_map'
       AND column_name = 'hospital_id') = 0,
    'ALTER TABLE imgcloud.exam_part_map
         ADD COLUMN hospital_id VARCHAR(12) NOT NULL DEFAULT ''*''
             COMMENT ''适用的医保机构代码（hospitalld）；* 表示所有机构。本机构的行优先于同一编码的 * 行。'',
         DROP PRIMARY KEY,
         ADD PRIMARY KEY (exam_code, hospital_id)',
    'DO 0');
PREPARE institutions_step FROM @institutions_step;
EXECUTE institutions_step;
DEALLOCATE PREPARE institutions_step;

CREATE TABLE IF NOT EXISTS imgcloud.institution (
    hospital_id VARCHAR(12)  NOT NULL PRIMARY KEY
                COMMENT '接入机构的医保医疗机构代码（H + 11 位数字）。',
    name        VARCHAR(100)
                COMMENT '机构名称，便于核对。',
    note        VARCHAR(200)
                COMMENT '备注。'
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin
  COMMENT = '接入的医保机构：同一 HIS 有多个机构而只接入其中一部分时，在此列出接入机构的 hospitalld，四个标准视图只输出这些机构的行。为空（默认）时输出所有机构的行。';
