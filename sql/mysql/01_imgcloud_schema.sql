-- =============================================================================
-- imgcloud provider · MySQL / MariaDB · 01_imgcloud_schema.sql
-- Purpose : the imgcloud database and the small tables the DBA maintains beside the HIS:
--           settings (default hospitalld, the hospital's UTC offset, the recency
--           windows), the sex code map, and the examPart crosswalk (HIS exam item code ->
--           WS/T 364.8-2023 code). In MySQL a schema is a database: everything the
--           project creates lives in the database imgcloud, never among the HIS's
--           tables, so that it can be seen and dropped at once. The scripts name every
--           object imgcloud.<name> (and the demo HIS his.<NAME>), so they run from any
--           default database.
-- Dialect : MySQL 5.7.7 or later and MariaDB 10.4 or later (verified on MariaDB 10.11
--           running MySQL 5.7's default sql_mode and a latin1 server character set).
--           None of what 5.7 lacks: no WITH, no window functions, no ->>, no CHECK
--           relied on (5.7 parses CHECK and ignores it), no stored routines.
-- Charset : utf8mb4 throughout, stated here, never left to the server's default (5.7's
--           is latin1, where Chinese text fails with ERROR 1366). Collation utf8mb4_bin:
--           codes compare and sort by code point, which is UTF-8 byte order, on every
--           server (utf8mb4_0900_ai_ci is MySQL 8 only and unknown to MariaDB).
-- "now"   : UTC_TIMESTAMP() plus settings.utc_offset_minutes (default 480, China
--           Standard Time, no daylight saving): never the server's or the session's
--           clock (NOW() follows the session's time_zone, and named time zones need the
--           time-zone tables loaded, without which CONVERT_TZ returns NULL).
-- Order   : run once, first (01, then 06, then 02 -> 03 -> 04 -> 05 every time).
--           The provider's migrate verb journals it in imgcloud.schema_versions.
-- Re-run  : safe to run twice: the database and tables are created only if absent and
--           the defaults are inserted only where missing; a value a DBA changed is never
--           overwritten. DDL commits implicitly in MySQL (a migrate cannot be one
--           transaction): each statement is safe to repeat, so a run that stopped half
--           way is finished by running it again.
-- Names   : table names are case-sensitive on Linux servers (lower_case_table_names=0):
--           write them exactly as created here. Column names never are.
-- Run as  : an account allowed to create the database imgcloud (e.g. root); it will own
--           the views (their DEFINER, see 04).
-- =============================================================================

SET NAMES utf8mb4 COLLATE utf8mb4_bin;

CREATE DATABASE IF NOT EXISTS imgcloud CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

-- The views read the row id = 1 only (no CHECK holds the table to one row in 5.7: a second
-- row is ignored). hospital_id is the 医保 institution code written on every row whose
-- source view does not supply one; utc_offset_minutes gives "now" (UTC plus this many
-- minutes: 480 = UTC+8); the *_days columns are the recency windows (UNSIGNED: a negative
-- value is refused in strict mode).
CREATE TABLE IF NOT EXISTS imgcloud.settings (
    id                    TINYINT UNSIGNED NOT NULL DEFAULT 1 PRIMARY KEY
                          COMMENT '固定为 1：视图只读取 id = 1 的一行。',
    hospital_id           VARCHAR(12)  NOT NULL
                          COMMENT '医保医疗机构代码（hospitalld，H + 11 位数字）。源视图未提供 hospital_id（或为空）的行使用此值；上线前必须改为本院代码。',
    utc_offset_minutes    SMALLINT     NOT NULL DEFAULT 480
                          COMMENT '医院本地时间相对 UTC 的分钟数（默认 480，即 UTC+8）。视图的“现在” = UTC_TIMESTAMP() + 此值，与服务器和会话的时区无关。',
    outpatient_days_back  INT UNSIGNED NOT NULL DEFAULT 7
                          COMMENT '挂号视图：就诊时间在多少天之前以内的门诊挂号（默认 7）。',
    outpatient_days_ahead INT UNSIGNED NOT NULL DEFAULT 30
                          COMMENT '挂号视图：就诊时间在多少天之后以内的门诊预约（默认 30）。',
    discharged_days       INT UNSIGNED NOT NULL DEFAULT 7
                          COMMENT '挂号视图：出院或取消入院后仍保留多少天（默认 7）。',
    settlement_days       INT UNSIGNED NOT NULL DEFAULT 7
                          COMMENT '结算视图：结算时间在多少天之内（默认 7）。'
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin
  COMMENT = '医院端配置，视图只读 id = 1 的一行：默认医保机构代码、UTC 偏移分钟数与各时间窗口的天数。';

-- H00000000000 is a placeholder: the DBA sets the hospital's own code before go-live.
-- ON DUPLICATE KEY UPDATE id = id changes nothing: an existing row keeps the DBA's values.
INSERT INTO imgcloud.settings (id, hospital_id) VALUES (1, 'H00000000000')
ON DUPLICATE KEY UPDATE id = id;

-- GB/T 2261.1-2003 sex code (what a source view emits) -> the text the cloud receives.
-- The contract settles on 男 / 女 / 未知; a DBA may change sex_text (e.g. to emit codes).
CREATE TABLE IF NOT EXISTS imgcloud.sex_map (
    sex_code VARCHAR(2)  NOT NULL PRIMARY KEY
             COMMENT 'GB/T 2261.1-2003 性别代码：0 未知的性别，1 男，2 女，9 未说明的性别。',
    sex_text VARCHAR(20) NOT NULL
             COMMENT '标准视图 patientSex 输出的值。'
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin
  COMMENT = '性别代码对照：源视图输出的 GB/T 2261.1 代码 -> 写给云平台的文字（默认 男/女/未知）。';

INSERT INTO imgcloud.sex_map (sex_code, sex_text) VALUES
    ('0', '未知'),
    ('1', '男'),
    ('2', '女'),
    ('9', '未知')
ON DUPLICATE KEY UPDATE sex_text = sex_text;

-- HIS exam item code (the examCode of View_ProjectItemCode_Info) -> examPart, the
-- WS/T 364.8-2023 radiology technique code (9 upper-case letters or digits). An item
-- without a row here gives examPart NULL in view_setlInfoList; the contract check lists it.
-- MySQL 5.7 would ignore a CHECK on exam_part's format: the contract check reports a bad
-- code instead. exam_code compares by code point (utf8mb4_bin), whatever the HIS's collation.
-- hospital_id: the institution (hospitalld) the row is for, or '*' for every institution;
-- a row of the item's own institution wins over the '*' row of the same exam_code ('*', not
-- NULL or '': a key column cannot be NULL, and Oracle stores '' as NULL). 08_institutions.sql
-- adds it to a crosswalk made before it (its rows become '*').
CREATE TABLE IF NOT EXISTS imgcloud.exam_part_map (
    exam_code   VARCHAR(50)  NOT NULL
                COMMENT 'HIS 检查项目编码，即 View_ProjectItemCode_Info 的 examCode。',
    exam_part   VARCHAR(9)   NOT NULL
                COMMENT 'WS/T 364.8-2023 代码：9 位大写字母或数字，如 B02010ZZZ（MySQL 5.7 不执行 CHECK：格式由契约检查核对）。',
    note        VARCHAR(200)
                COMMENT '备注，如项目名称，便于核对。',
    hospital_id VARCHAR(12)  NOT NULL DEFAULT '*'
                COMMENT '适用的医保机构代码（hospitalld）；* 表示所有机构。本机构的行优先于同一编码的 * 行。',
    PRIMARY KEY (exam_code, hospital_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin
  COMMENT = '检查部位对照：HIS 检查项目编码 -> WS/T 364.8-2023 影像检查技术代码（examPart）。未对照的项目在结算视图中 examPart 为空，契约检查会列出。';

-- The list of connected institutions, imgcloud.institution, is created by 08_institutions.sql
-- (which runs after this script on a new install and an upgraded one alike).
