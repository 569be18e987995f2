-- =============================================================================
-- imgcloud provider · Oracle · 08_institutions.sql
-- Purpose : upgrade an install made before one HIS could hold several institutions
--           (contract.md, hospitalld, settled 2026-12-01): the examPart crosswalk
--           imgcloud.exam_part_map gains hospital_id ('*' = every institution, or one
--           institution's hospitalld; not '' or NULL: Oracle stores '' as NULL and a key
--           column cannot hold NULL) and its key exam_part_map_pk becomes (exam_code,
--           hospital_id); every row it held is kept, as a '*' row, so the views map exactly
--           as before. It also creates imgcloud.institution, the list of connected
--           institutions (empty: all). A new install (01 already made both) is left as it is.
-- Dialect : Oracle 11g R2 or later; DM8 in Oracle mode.
-- Format  : SQL*Plus style: every statement ends with a line holding only a slash.
-- Order   : run once, after 01, 06 and 07 and before 02 -> 05 (an install that ran 01-07
--           gets it at its next migrate). The provider's migrate verb journals it in
--           imgcloud.schema_versions.
-- Re-run  : safe to run twice, and again after a failure half-way (DDL commits implicitly):
--           each step only while its object is still the old one.
-- Check   : SELECT hospital_id, COUNT(*) FROM imgcloud.exam_part_map GROUP BY hospital_id;
-- =============================================================================

DECLARE
    n NUMBER;
BEGIN
    SELECT COUNT(*) INTO n FROM all_tab_columns
    WHERE owner = 'IMGCLOUD' AND table_name = 'EXAM_PART_MAP' AND column_name = 'HOSPITAL_ID';
    IF n = 0 THEN
        EXECUTE IMMEDIATE 'ALTER TABLE imgcloud.exam_part_map ADD (hospital_id VARCHAR2(12) DEFAULT ''*'' NOT NULL
            CONSTRAINT exam_part_map_hosp_ck CHECK (
                hospital_id = ''*''
                OR (LENGTH(hospital_id) = 12 AND SUBSTR(hospital_id, 1, 1) = ''H''
                    AND TRANSLATE(SUBSTR(hospital_id, 2), ''0123456789'', ''0000000000'') = ''00000000000'')))';
        EXECUTE IMMEDIATE 'COMMENT ON COLUMN imgcloud.exam_part_map.hospital_id IS ''适用的医保机构代码（hospitalld）；* 表示所有机构。同一 HIS 有多个机构且编码重叠时，本机构的行优先于同一编码的 * 行。''';
    END IF;
    -- The old key on exam_code alone (a primary key named by 01, or by the server on an older copy of it).
    SELECT COUNT(*) INTO n FROM all_cons_columns cc
    JOIN all_constraints c ON c.owner = cc.owner AND c.constraint_name = cc.constraint_name
    WHERE c.owner = 'IMGCLOUD' AND c.table_name = 'EXAM_PART_MAP' AND c.constraint_type = 'P';
    IF n = 1 THEN
        EXECUTE IMMEDIATE 'ALTER TABLE imgcloud.exam_part_map DROP PRIMARY KEY DROP INDEX';
        EXECUTE IMMEDIATE 'ALTER TABLE imgcloud.exam_part_map ADD CONSTRAINT exam_part_map_pk PRIMARY KEY (exam_code, hospital_id)';
    END IF;
    SELECT COUNT(*) INTO n FROM all_tables WHERE owner = 'IMGCLOUD' AND table_name = 'INSTITUTION';
    IF n = 0 THEN
        EXECUTE IMMEDIATE 'CREATE TABLE imgcloud.institution (
    hospital_id VARCHAR2(12)  NOT NULL CONSTRAINT institution_pk PRIMARY KEY
                CONSTRAINT institution_hosp_ck CHECK (
                  LENGTH(hospital_id) = 12 AND SUBSTR(hospital_id, 1, 1) = ''H''
                  AND TRANSLATE(SUBSTR(hospital_id, 2), ''0123456789'', ''0000000000'') = ''00000000000''),
    name        VARCHAR2(100),
    note        VARCHAR2(200)
)';
        EXECUTE IMMEDIATE 'COMMENT ON TABLE imgcloud.institution IS ''接入的医保机构：同一 HIS 有多个机构而只接入其中一部分时，在此列出接入机构的 hospitalld，四个标准视图只输出这些机构的行。为空（默认）时输出所有机构的行。''';
    END IF;
END;
/
