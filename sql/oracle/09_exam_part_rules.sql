-- =============================================================================
-- imgcloud provider · Oracle · 09_exam_part_rules.sql
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
-- Dialect : Oracle 11g R2 or later; DM8 in Oracle mode. Text columns in characters (CHAR
--           semantics), so a Chinese pattern holds as many characters as on the other engines.
-- Format  : SQL*Plus style: every statement ends with a line holding only a slash.
-- Order   : run once, after 01, 06, 07 and 08 and before 02 -> 05 (an install that ran
--           01-08 gets it at its next migrate). The provider's migrate verb journals it in
--           imgcloud.schema_versions.
-- Re-run  : safe to run twice, and again after a failure half-way (DDL commits implicitly):
--           each table is created only while absent.
-- Check   : SELECT * FROM imgcloud.exam_part_rule ORDER BY rule_no;
-- =============================================================================

-- NULL in a condition column: any value (Oracle stores '' as NULL). A pattern (body_part,
-- name_pattern) uses % and _ only: [ ] * ? and the backslash are special on some engines
-- (T-SQL's LIKE, SQLite's GLOB, the LIKE escape of PostgreSQL and MySQL, and the regular
-- expression 04 turns a pattern into here), so the table refuses them (CHR(92): the backslash).
DECLARE
    n NUMBER;
BEGIN
    SELECT COUNT(*) INTO n FROM all_tables WHERE owner = 'IMGCLOUD' AND table_name = 'EXAM_PART_RULE';
    IF n = 0 THEN
        EXECUTE IMMEDIATE 'CREATE TABLE imgcloud.exam_part_rule (
    rule_no      NUMBER(10)          NOT NULL CONSTRAINT exam_part_rule_pk PRIMARY KEY,
    hospital_id  VARCHAR2(20)        DEFAULT ''*'' NOT NULL CONSTRAINT exam_part_rule_hosp_ck CHECK (
                   hospital_id = ''*''
                   OR (LENGTH(hospital_id) = 12 AND SUBSTR(hospital_id, 1, 1) = ''H''
                       AND TRANSLATE(SUBSTR(hospital_id, 2), ''0123456789'', ''0000000000'') = ''00000000000'')),
    modality     VARCHAR2(50 CHAR),
    body_part    VARCHAR2(100 CHAR)  CONSTRAINT exam_part_rule_body_ck CHECK (
                   INSTR(body_part, ''['') = 0 AND INSTR(body_part, '']'') = 0 AND INSTR(body_part, ''*'') = 0
                   AND INSTR(body_part, ''?'') = 0 AND INSTR(body_part, CHR(92)) = 0),
    name_pattern VARCHAR2(200 CHAR)  CONSTRAINT exam_part_rule_name_ck CHECK (
                   INSTR(name_pattern, ''['') = 0 AND INSTR(name_pattern, '']'') = 0 AND INSTR(name_pattern, ''*'') = 0
                   AND INSTR(name_pattern, ''?'') = 0 AND INSTR(name_pattern, CHR(92)) = 0),
    contrast     VARCHAR2(10 CHAR)   CONSTRAINT exam_part_rule_contrast_ck CHECK (contrast IN (''平扫'', ''增强'', ''造影'')),
    exam_part    VARCHAR2(9)         NOT NULL CONSTRAINT exam_part_rule_part_ck CHECK (
                   LENGTH(exam_part) = 9
                   AND TRANSLATE(exam_part, ''ABCDEFGHIJKLMNOPQRSTUVWXYZ'' || ''0123456789'',
                                 RPAD(''A'', 36, ''A'')) = ''AAAAAAAAA''),
    note         VARCHAR2(200 CHAR)
)';
        EXECUTE IMMEDIATE 'COMMENT ON TABLE imgcloud.exam_part_rule IS ''检查部位对照规则：按检查类别、部位、名称模式与对比方式把一批检查项目对照到 WS/T 364.8-2023 代码。编号最小的匹配规则生效；exam_part_map 的逐项对照优先于所有规则。''';
        EXECUTE IMMEDIATE 'COMMENT ON COLUMN imgcloud.exam_part_rule.rule_no IS ''规则编号，DBA 设定的先后顺序：一个项目匹配多条规则时取编号最小的一条。''';
        EXECUTE IMMEDIATE 'COMMENT ON COLUMN imgcloud.exam_part_rule.modality IS ''检查类别，与 View_ProjectItemCode_Info.modality 逐字节相等（区分大小写）；NULL 表示任意。''';
        EXECUTE IMMEDIATE 'COMMENT ON COLUMN imgcloud.exam_part_rule.body_part IS ''检查部位 examBodyPart 的 LIKE 模式（% 任意多个字符，_ 一个字符，区分大小写）；NULL 表示任意。不能含 [ ] * ? 与反斜杠。''';
        EXECUTE IMMEDIATE 'COMMENT ON COLUMN imgcloud.exam_part_rule.name_pattern IS ''检查项目名称 examName 的 LIKE 模式（同上）；NULL 表示任意。''';
        EXECUTE IMMEDIATE 'COMMENT ON COLUMN imgcloud.exam_part_rule.contrast IS ''对比方式：平扫、增强、造影；NULL 表示任意。“平扫”规则也匹配名称中未写明的项目。''';
    END IF;
    SELECT COUNT(*) INTO n FROM all_tables WHERE owner = 'IMGCLOUD' AND table_name = 'EXAM_PART_CODE';
    IF n = 0 THEN
        EXECUTE IMMEDIATE 'CREATE TABLE imgcloud.exam_part_code (
    exam_part VARCHAR2(9)        NOT NULL CONSTRAINT exam_part_code_pk PRIMARY KEY
                CONSTRAINT exam_part_code_part_ck CHECK (
                  LENGTH(exam_part) = 9
                  AND TRANSLATE(exam_part, ''ABCDEFGHIJKLMNOPQRSTUVWXYZ'' || ''0123456789'',
                                RPAD(''A'', 36, ''A'')) = ''AAAAAAAAA''),
    name      VARCHAR2(200 CHAR)
)';
        EXECUTE IMMEDIATE 'COMMENT ON TABLE imgcloud.exam_part_code IS ''WS/T 364.8-2023 影像检查技术代码表（本产品无法随附）：医院取得后可导入；有数据时检查也核对代码是否在表中，为空时只检查格式。''';
    END IF;
END;
/
