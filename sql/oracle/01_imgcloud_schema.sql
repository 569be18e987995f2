-- =============================================================================
-- imgcloud provider · Oracle · 01_imgcloud_schema.sql
-- Purpose : the user (schema) IMGCLOUD and the small tables the DBA maintains beside
--           the HIS: settings (default hospitalld and recency windows), the sex code
--           map, and the examPart crosswalk (HIS exam item code -> WS/T 364.8-2023
--           code). Everything the project creates lives in schema IMGCLOUD, never
--           among the HIS's tables, so that it can be seen and dropped at once.
-- Dialect : Oracle 11g R2 or later; DM8 in Oracle mode (COMPATIBLE_MODE=2). No 12c-only
--           syntax (no IDENTITY, no FETCH FIRST), identifiers of 30 bytes at most,
--           never quoted (Oracle folds them to upper case: imgcloud.settings is
--           IMGCLOUD.SETTINGS).
-- Format  : SQL*Plus style, one convention throughout: EVERY statement ends with a line
--           holding only a slash. A plain SQL statement has no semicolon of its own,
--           a PL/SQL block ends with END; and then the slash line. No blank line
--           inside a statement, no substitution variable, no ampersand anywhere.
-- Encoding: UTF-8. Set NLS_LANG to a UTF-8 client character set before sqlplus
--           (e.g. AMERICAN_AMERICA.AL32UTF8), or the Chinese literals arrive garbled.
-- Order   : run once, first (01, then 02 -> 03 -> 04 -> 05 together, every time).
-- Re-run  : safe to run twice: the user and tables are created only if absent (PL/SQL
--           checks dba_users and all_tables) and the default rows are merged in only
--           where missing; a value a DBA changed is never overwritten. The comments
--           are simply set again.
-- Run as  : a DBA account (e.g. SYSTEM): it creates the user IMGCLOUD and objects in
--           its schema (CREATE USER, CREATE ANY TABLE, COMMENT ANY TABLE, ...).
-- User    : IMGCLOUD only owns objects and never logs in: it is created ACCOUNT LOCK
--           with a random password generated here (DBMS_RANDOM) and never shown; no
--           secret is in any script. It gets a quota of 100M on its default
--           tablespace for these small tables.
-- "now"   : CAST(SYS_EXTRACT_UTC(SYSTIMESTAMP) AS DATE) + settings.utc_offset_minutes
--           / 1440 in every view: UTC plus the hospital's offset (default 480), whatever
--           zone the server's operating system runs in (SYSDATE follows it). It replaced
--           the unread time_zone column (07_utc_offset.sql drops it).
-- =============================================================================

DECLARE
    n  NUMBER;
    ts VARCHAR2(30);
BEGIN
    SELECT COUNT(*) INTO n FROM dba_users WHERE username = 'IMGCLOUD';
    IF n = 0 THEN
        EXECUTE IMMEDIATE 'CREATE USER imgcloud IDENTIFIED BY Ic'
            || DBMS_RANDOM.STRING('X', 22) || 'z_9#8 ACCOUNT LOCK';
        SELECT default_tablespace INTO ts FROM dba_users WHERE username = 'IMGCLOUD';
        EXECUTE IMMEDIATE 'ALTER USER imgcloud QUOTA 100M ON ' || ts;
    END IF;
END;
/

-- One row only (id = 1). hospital_id is the 医保 institution code written on every row
-- whose source view does not supply one; the *_days columns are the recency windows;
-- utc_offset_minutes gives the views' "now" (UTC plus this many minutes).
DECLARE
    n NUMBER;
BEGIN
    SELECT COUNT(*) INTO n FROM all_tables WHERE owner = 'IMGCLOUD' AND table_name = 'SETTINGS';
    IF n = 0 THEN
        EXECUTE IMMEDIATE 'CREATE TABLE imgcloud.settings (
    id                    NUMBER(10)   DEFAULT 1  NOT NULL CONSTRAINT settings_pk PRIMARY KEY CHECK (id = 1),
    hospital_id           VARCHAR2(12)            NOT NULL,
    outpatient_days_back  NUMBER(10)   DEFAULT 7  NOT NULL CHECK (outpatient_days_back  >= 0),
    outpatient_days_ahead NUMBER(10)   DEFAULT 30 NOT NULL CHECK (outpatient_days_ahead >= 0),
    discharged_days       NUMBER(10)   DEFAULT 7  NOT NULL CHECK (discharged_days       >= 0),
    settlement_days       NUMBER(10)   DEFAULT 7  NOT NULL CHECK (settlement_days       >= 0),
    utc_offset_minutes    NUMBER(5)    DEFAULT 480 NOT NULL CHECK (utc_offset_minutes BETWEEN -720 AND 840)
)';
    END IF;
END;
/

-- H00000000000 is a placeholder: the DBA sets the hospital's own code before go-live.
MERGE INTO imgcloud.settings t
USING (SELECT 1 id, 'H00000000000' hospital_id FROM dual) s
ON (t.id = s.id)
WHEN NOT MATCHED THEN INSERT (id, hospital_id) VALUES (s.id, s.hospital_id)
/

-- GB/T 2261.1-2003 sex code (what a source view emits) -> the text the cloud receives.
-- The contract settles on 男 / 女 / 未知; a DBA may change sex_text (e.g. to emit codes).
DECLARE
    n NUMBER;
BEGIN
    SELECT COUNT(*) INTO n FROM all_tables WHERE owner = 'IMGCLOUD' AND table_name = 'SEX_MAP';
    IF n = 0 THEN
        EXECUTE IMMEDIATE 'CREATE TABLE imgcloud.sex_map (
    sex_code VARCHAR2(2)  NOT NULL CONSTRAINT sex_map_pk PRIMARY KEY,
    sex_text VARCHAR2(60) NOT NULL
)';
    END IF;
END;
/

MERGE INTO imgcloud.sex_map t
USING (SELECT '0' sex_code, '未知' sex_text FROM dual
       UNION ALL SELECT '1', '男' FROM dual
       UNION ALL SELECT '2', '女' FROM dual
       UNION ALL SELECT '9', '未知' FROM dual) s
ON (t.sex_code = s.sex_code)
WHEN NOT MATCHED THEN INSERT (sex_code, sex_text) VALUES (s.sex_code, s.sex_text)
/

-- HIS exam item code (the examCode of View_ProjectItemCode_Info) -> examPart, the
-- WS/T 364.8-2023 radiology technique code (9 upper-case letters or digits). An item
-- without a row here gives examPart NULL in view_setlInfoList; the contract check lists it.
-- The check maps each allowed character to A with TRANSLATE rather than using a regular
-- expression, whose [A-Z] range could follow a linguistic NLS_SORT and let lower case in.
DECLARE
    n NUMBER;
BEGIN
    SELECT COUNT(*) INTO n FROM all_tables WHERE owner = 'IMGCLOUD' AND table_name = 'EXAM_PART_MAP';
    IF n = 0 THEN
        EXECUTE IMMEDIATE 'CREATE TABLE imgcloud.exam_part_map (
    exam_code   VARCHAR2(50)  NOT NULL,
    exam_part   VARCHAR2(9)   NOT NULL CONSTRAINT exam_part_map_part_ck CHECK (
                  LENGTH(exam_part) = 9
                  AND TRANSLATE(exam_part, ''ABCDEFGHIJKLMNOPQRSTUVWXYZ'' || ''0123456789'',
                                RPAD(''A'', 36, ''A'')) = ''AAAAAAAAA''),
    note        VARCHAR2(200),
    hospital_id VARCHAR2(12)  DEFAULT ''*'' NOT NULL CONSTRAINT exam_part_map_hosp_ck CHECK (
                  hospital_id = ''*''
                  OR (LENGTH(hospital_id) = 12 AND SUBSTR(hospital_id, 1, 1) = ''H''
                      AND TRANSLATE(SUBSTR(hospital_id, 2), ''0123456789'', ''0000000000'') = ''00000000000'')),
    CONSTRAINT exam_part_map_pk PRIMARY KEY (exam_code, hospital_id)
)';
    END IF;
END;
/

-- The list of connected institutions, imgcloud.institution, is created by 08_institutions.sql
-- (which runs after this script on a new install and an upgraded one alike).

COMMIT
/

-- Comments a DBA sees in SQL Developer, PL/SQL Developer and the *_TAB_COMMENTS views.
COMMENT ON TABLE imgcloud.settings IS '医院端配置，仅一行（id = 1）：默认医保机构代码与各时间窗口的天数。'
/
COMMENT ON COLUMN imgcloud.settings.id IS '固定为 1，保证只有一行。'
/
COMMENT ON COLUMN imgcloud.settings.hospital_id IS '医保医疗机构代码（hospitalld，H + 11 位数字）。源视图未提供 hospital_id 的行使用此值；上线前必须改为本院代码。'
/
COMMENT ON COLUMN imgcloud.settings.outpatient_days_back IS '挂号视图：就诊时间在多少天之前以内的门诊挂号（默认 7）。'
/
COMMENT ON COLUMN imgcloud.settings.outpatient_days_ahead IS '挂号视图：就诊时间在多少天之后以内的门诊预约（默认 30）。'
/
COMMENT ON COLUMN imgcloud.settings.discharged_days IS '挂号视图：出院或取消入院后仍保留多少天（默认 7）。'
/
COMMENT ON COLUMN imgcloud.settings.settlement_days IS '结算视图：结算时间在多少天之内（默认 7）。'
/
COMMENT ON COLUMN imgcloud.settings.utc_offset_minutes IS '医院本地时间相对 UTC 的分钟数（默认 480，即 UTC+8）。视图的“现在” = UTC 当前时间 + 此值，与服务器操作系统的时区无关。'
/
COMMENT ON TABLE imgcloud.sex_map IS '性别代码对照：源视图输出的 GB/T 2261.1 代码 -> 写给云平台的文字（默认 男/女/未知）。'
/
COMMENT ON COLUMN imgcloud.sex_map.sex_code IS 'GB/T 2261.1-2003 性别代码：0 未知的性别，1 男，2 女，9 未说明的性别。'
/
COMMENT ON COLUMN imgcloud.sex_map.sex_text IS '标准视图 patientSex 输出的值。'
/
COMMENT ON TABLE imgcloud.exam_part_map IS '检查部位对照：HIS 检查项目编码 -> WS/T 364.8-2023 影像检查技术代码（examPart）。未对照的项目在结算视图中 examPart 为空，契约检查会列出。'
/
COMMENT ON COLUMN imgcloud.exam_part_map.exam_code IS 'HIS 检查项目编码，即 View_ProjectItemCode_Info 的 examCode。'
/
COMMENT ON COLUMN imgcloud.exam_part_map.exam_part IS 'WS/T 364.8-2023 代码：9 位大写字母或数字，如 B02010ZZZ。'
/
COMMENT ON COLUMN imgcloud.exam_part_map.note IS '备注，如项目名称，便于核对。'
/
COMMENT ON COLUMN imgcloud.exam_part_map.hospital_id IS '适用的医保机构代码（hospitalld）；* 表示所有机构。同一 HIS 有多个机构且编码重叠时，本机构的行优先于同一编码的 * 行。'
/
