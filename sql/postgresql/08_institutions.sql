-- =============================================================================
-- imgcloud provider · PostgreSQL · 08_institutions.sql
-- Purpose : upgrade an install made before one HIS could hold several institutions
--           (contract.md, hospitalld, settled 2026-12-01): the examPart crosswalk
--           imgcloud.exam_part_map gains hospital_id ('*' = every institution, or one
--           institution's hospitalld) and its key becomes (exam_code, hospital_id); every
--           row it held is kept, as a '*' row, so the views map exactly as before. It also
--           creates imgcloud.institution, the list of connected institutions (empty: all).
--           A new install (01 already made both) is left as it is.
-- Dialect : PostgreSQL 9.5 or later (verified on 15).
-- Order   : run once, after 01, 06 and 07 and before 02 -> 05 (an install that ran 01-07
--           gets it at its next migrate). The provider's migrate verb journals it in
--           imgcloud.schema_versions.
-- Re-run  : safe to run twice: the column, the key and the table are changed only where
--           they are still the old ones.
-- Check   : SELECT hospital_id, count(*) FROM imgcloud.exam_part_map GROUP BY hospital_id;
-- =============================================================================

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM information_schema.columns
                   WHERE table_schema = 'imgcloud' AND table_name = 'exam_part_map'
                     AND column_name = 'hospital_id') THEN
        ALTER TABLE imgcloud.exam_part_map
            ADD COLUMN hospital_id varchar(12) NOT NULL DEFAULT '*'
            CHECK (hospital_id = '*' OR hospital_id ~ '^H[0-9]{11}$');
        ALTER TABLE imgcloud.exam_part_map DROP CONSTRAINT exam_part_map_pkey;
        ALTER TABLE imgcloud.exam_part_map
            ADD CONSTRAINT exam_part_map_pkey PRIMARY KEY (exam_code, hospital_id);
    END IF;
END $$;

CREATE TABLE IF NOT EXISTS imgcloud.institution (
    hospital_id varchar(12)  NOT NULL PRIMARY KEY CHECK (hospital_id ~ '^H[0-9]{11}$'),
    name        varchar(100),
    note        varchar(200)
);

COMMENT ON COLUMN imgcloud.exam_part_map.hospital_id IS '适用的医保机构代码（hospitalld）；''*'' 表示所有机构。同一 HIS 有多个机构且编码重叠时，本机构的行优先于同一编码的 ''*'' 行。';
COMMENT ON TABLE  imgcloud.institution IS '接入的医保机构：同一 HIS 有多个机构而只接入其中一部分时，在此列出接入机构的 hospitalld，四个标准视图只输出这些机构的行。为空（默认）时输出所有机构的行。';
COMMENT ON COLUMN imgcloud.institution.hospital_id IS '接入机构的医保医疗机构代码（H + 11 位数字）。';
COMMENT ON COLUMN imgcloud.institution.name IS '机构名称，便于核对。';
COMMENT ON COLUMN imgcloud.institution.note IS '备注。';
