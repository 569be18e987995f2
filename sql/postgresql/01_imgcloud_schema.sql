-- =============================================================================
-- imgcloud provider · PostgreSQL · 01_imgcloud_schema.sql
-- Purpose : the imgcloud schema and the small tables the DBA maintains beside the HIS:
--           settings (default hospitalld and recency windows), the sex code map, the
--           examPart crosswalk (HIS exam item code -> WS/T 364.8-2023 code, per institution
--           or for all).
--           Everything the project creates lives in schema imgcloud, never among the
--           HIS's tables, so that it can be seen and dropped at once.
-- Dialect : PostgreSQL 9.5 or later (verified on 15). Identifiers are never quoted:
--           PostgreSQL folds them to lower case.
-- Order   : run once, first (01, then 02 -> 03 -> 04 -> 05 together, every time).
--           The provider's migrate verb journals it in imgcloud.schema_versions.
-- Re-run  : safe to run twice: the schema and tables are created only if absent and the
--           defaults are inserted only where missing; a value a DBA changed is never
--           overwritten. The comments are simply set again.
-- Run as  : the role that will own the imgcloud objects (and later the views); it must be
--           allowed to create a schema in this database.
-- =============================================================================

CREATE SCHEMA IF NOT EXISTS imgcloud;

-- One row only (id = 1). hospital_id is the 医保 institution code written on every row
-- whose source view does not supply one; the *_days columns are the recency windows;
-- utc_offset_minutes gives the views' "now": UTC plus this many minutes (480 = UTC+8,
-- China Standard Time), whatever zone the server or the reading session runs in. It
-- replaced the zone name time_zone (07_utc_offset.sql carries an older install's over).
CREATE TABLE IF NOT EXISTS imgcloud.settings (
    id                    integer     NOT NULL DEFAULT 1 PRIMARY KEY CHECK (id = 1),
    hospital_id           varchar(12) NOT NULL,
    outpatient_days_back  integer     NOT NULL DEFAULT 7  CHECK (outpatient_days_back  >= 0),
    outpatient_days_ahead integer     NOT NULL DEFAULT 30 CHECK (outpatient_days_ahead >= 0),
    discharged_days       integer     NOT NULL DEFAULT 7  CHECK (discharged_days       >= 0),
    settlement_days       integer     NOT NULL DEFAULT 7  CHECK (settlement_days       >= 0),
    utc_offset_minutes    integer     NOT NULL DEFAULT 480 CHECK (utc_offset_minutes BETWEEN -720 AND 840)
);

-- H00000000000 is a placeholder: the DBA sets the hospital's own code before go-live.
INSERT INTO imgcloud.settings (id, hospital_id) VALUES (1, 'H00000000000')
ON CONFLICT (id) DO NOTHING;

-- GB/T 2261.1-2003 sex code (what a source view emits) -> the text the cloud receives.
-- The contract settles on 男 / 女 / 未知; a DBA may change sex_text (e.g. to emit codes).
CREATE TABLE IF NOT EXISTS imgcloud.sex_map (
    sex_code varchar(2)  NOT NULL PRIMARY KEY,
    sex_text varchar(20) NOT NULL
);

INSERT INTO imgcloud.sex_map (sex_code, sex_text) VALUES
    ('0', '未知'),
    ('1', '男'),
    ('2', '女'),
    ('9', '未知')
ON CONFLICT (sex_code) DO NOTHING;

-- HIS exam item code (the examCode of View_ProjectItemCode_Info) -> examPart, the
-- WS/T 364.8-2023 radiology technique code (9 upper-case letters or digits). An item
-- without a row here gives examPart NULL in view_setlInfoList; the contract check lists it.
-- hospital_id: the institution (hospitalld) the row is for, or '*' for every institution.
-- Where one HIS holds several institutions whose codes overlap, a row of the item's own
-- institution wins over the '*' row of the same exam_code. '*' and not NULL or '': a key
-- column cannot be NULL, and Oracle stores '' as NULL, so every engine keeps the same key.
-- 08_institutions.sql adds the column to a crosswalk made before it (its rows become '*').
CREATE TABLE IF NOT EXISTS imgcloud.exam_part_map (
    exam_code   varchar(50)  NOT NULL,
    exam_part   varchar(9)   NOT NULL CHECK (exam_part ~ '^[A-Z0-9]{9}$'),
    note        varchar(200),
    hospital_id varchar(12)  NOT NULL DEFAULT '*' CHECK (hospital_id = '*' OR hospital_id ~ '^H[0-9]{11}$'),
    CONSTRAINT exam_part_map_pkey PRIMARY KEY (exam_code, hospital_id)
);

-- The list of connected institutions, imgcloud.institution, is created by 08_institutions.sql
-- (which runs after this script on a new install and an upgraded one alike).

-- Comments a DBA sees in psql (\dt+, \d+) and in any database tool.
COMMENT ON SCHEMA imgcloud IS '医保影像云平台医院端（imgcloud provider）的全部对象：配置表、代码对照表、源视图 src_* 与云平台读取的四个标准视图。可整体删除：DROP SCHEMA imgcloud CASCADE。';

COMMENT ON TABLE  imgcloud.settings IS '医院端配置，仅一行（id = 1）：默认医保机构代码与各时间窗口的天数。';
COMMENT ON COLUMN imgcloud.settings.id IS '固定为 1，保证只有一行。';
COMMENT ON COLUMN imgcloud.settings.hospital_id IS '医保医疗机构代码（hospitalld，H + 11 位数字）。源视图未提供 hospital_id 的行使用此值；上线前必须改为本院代码。';
COMMENT ON COLUMN imgcloud.settings.outpatient_days_back IS '挂号视图：就诊时间在多少天之前以内的门诊挂号（默认 7）。';
COMMENT ON COLUMN imgcloud.settings.outpatient_days_ahead IS '挂号视图：就诊时间在多少天之后以内的门诊预约（默认 30）。';
COMMENT ON COLUMN imgcloud.settings.discharged_days IS '挂号视图：出院或取消入院后仍保留多少天（默认 7）。';
COMMENT ON COLUMN imgcloud.settings.settlement_days IS '结算视图：结算时间在多少天之内（默认 7）。';
COMMENT ON COLUMN imgcloud.settings.utc_offset_minutes IS '医院本地时间相对 UTC 的分钟数（默认 480，即 UTC+8）。视图的“现在” = UTC 当前时间 + 此值，与服务器和连接会话的时区无关。';

COMMENT ON TABLE  imgcloud.sex_map IS '性别代码对照：源视图输出的 GB/T 2261.1 代码 -> 写给云平台的文字（默认 男/女/未知）。';
COMMENT ON COLUMN imgcloud.sex_map.sex_code IS 'GB/T 2261.1-2003 性别代码：0 未知的性别，1 男，2 女，9 未说明的性别。';
COMMENT ON COLUMN imgcloud.sex_map.sex_text IS '标准视图 patientSex 输出的值。';

COMMENT ON TABLE  imgcloud.exam_part_map IS '检查部位对照：HIS 检查项目编码 -> WS/T 364.8-2023 影像检查技术代码（examPart）。未对照的项目在结算视图中 examPart 为空，契约检查会列出。';
COMMENT ON COLUMN imgcloud.exam_part_map.exam_code IS 'HIS 检查项目编码，即 View_ProjectItemCode_Info 的 examCode。';
COMMENT ON COLUMN imgcloud.exam_part_map.exam_part IS 'WS/T 364.8-2023 代码：9 位大写字母或数字，如 B02010ZZZ。';
COMMENT ON COLUMN imgcloud.exam_part_map.note IS '备注，如项目名称，便于核对。';
COMMENT ON COLUMN imgcloud.exam_part_map.hospital_id IS '适用的医保机构代码（hospitalld）；''*'' 表示所有机构。同一 HIS 有多个机构且编码重叠时，本机构的行优先于同一编码的 ''*'' 行。';
