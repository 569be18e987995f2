-- =============================================================================
-- imgcloud provider · SQLite · 01_imgcloud_tables.sql
-- Purpose : the small tables the DBA maintains beside the HIS: settings (default
--           hospitalld and recency windows), the sex code map, the examPart
--           crosswalk (HIS exam item code -> WS/T 364.8-2023 code, per institution or for
--           all) and the list of connected institutions.
-- Order   : run first (01 -> 02 -> 03). SQLite has no schemas, so the objects carry an
--           imgcloud_ prefix instead of living in an imgcloud schema.
-- Re-run  : safe to run twice: tables are created only if absent and the defaults are
--           inserted only where missing; a value a DBA changed is never overwritten.
-- =============================================================================

-- One row only (id = 1). hospital_id is the 医保 institution code written on every row
-- whose source view does not supply one; utc_offset_minutes gives "now" (UTC plus this
-- many minutes: 480 = UTC+8, China Standard Time), so no view reads the local clock of the
-- process that opens the file; the *_days columns are the recency windows.
-- A file made before utc_offset_minutes existed: add it once by hand,
--   ALTER TABLE imgcloud_settings ADD COLUMN utc_offset_minutes INTEGER NOT NULL DEFAULT 480;
CREATE TABLE IF NOT EXISTS imgcloud_settings (
    id                    INTEGER PRIMARY KEY CHECK (id = 1),
    hospital_id           TEXT    NOT NULL,
    outpatient_days_back  INTEGER NOT NULL DEFAULT 7  CHECK (outpatient_days_back  >= 0),
    outpatient_days_ahead INTEGER NOT NULL DEFAULT 30 CHECK (outpatient_days_ahead >= 0),
    discharged_days       INTEGER NOT NULL DEFAULT 7  CHECK (discharged_days       >= 0),
    settlement_days       INTEGER NOT NULL DEFAULT 7  CHECK (settlement_days       >= 0),
    utc_offset_minutes    INTEGER NOT NULL DEFAULT 480 CHECK (utc_offset_minutes BETWEEN -720 AND 840)
);

-- H00000000000 is a placeholder: the DBA sets the hospital's own code before go-live.
INSERT OR IGNORE INTO imgcloud_settings (id, hospital_id) VALUES (1, 'H00000000000');

-- GB/T 2261.1-2003 sex code (what a source view emits) -> the text the cloud receives.
-- The contract settles on 男 / 女 / 未知; a DBA may change sex_text (e.g. to emit codes).
CREATE TABLE IF NOT EXISTS imgcloud_sex_map (
    sex_code TEXT PRIMARY KEY,
    sex_text TEXT NOT NULL
);

INSERT OR IGNORE INTO imgcloud_sex_map (sex_code, sex_text) VALUES ('0', '未知');
INSERT OR IGNORE INTO imgcloud_sex_map (sex_code, sex_text) VALUES ('1', '男');
INSERT OR IGNORE INTO imgcloud_sex_map (sex_code, sex_text) VALUES ('2', '女');
INSERT OR IGNORE INTO imgcloud_sex_map (sex_code, sex_text) VALUES ('9', '未知');

-- HIS exam item code (the examCode of View_ProjectItemCode_Info) -> examPart, the
-- WS/T 364.8-2023 radiology technique code (9 upper-case letters or digits). An item
-- without a row here gives examPart NULL in view_setlInfoList; the contract check lists it.
-- hospital_id: the institution (hospitalld) the row is for, or '*' for every institution;
-- a row of the item's own institution wins over the '*' row of the same exam_code.
-- A file made before hospital_id existed: rebuild the table once by hand (rows kept as '*'):
--   ALTER TABLE imgcloud_exam_part_map RENAME TO imgcloud_exam_part_map_old;
--   (run this script, then)
--   INSERT INTO imgcloud_exam_part_map (exam_code, exam_part, note)
--     SELECT exam_code, exam_part, note FROM imgcloud_exam_part_map_old;
--   DROP TABLE imgcloud_exam_part_map_old;
CREATE TABLE IF NOT EXISTS imgcloud_exam_part_map (
    exam_code   TEXT NOT NULL,
    exam_part   TEXT NOT NULL CHECK (length(exam_part) = 9 AND exam_part = upper(exam_part)),
    note        TEXT,
    hospital_id TEXT NOT NULL DEFAULT '*' CHECK (hospital_id = '*' OR (length(hospital_id) = 12 AND hospital_id GLOB 'H[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]')),
    PRIMARY KEY (exam_code, hospital_id)
);

-- The institutions this provider connects, where the HIS holds several and only some go
-- to the cloud: every standard view keeps only the rows whose hospitalld is listed here.
-- Empty (the default): every institution's rows.
CREATE TABLE IF NOT EXISTS imgcloud_institution (
    hospital_id TEXT PRIMARY KEY CHECK (length(hospital_id) = 12 AND hospital_id GLOB 'H[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'),
    name        TEXT,
    note        TEXT
);

-- examPart crosswalk RULES (sql/README.md, "检查部位对照规则"): a rule maps every exam item it
-- matches (modality equal byte for byte; body_part and name_pattern LIKE patterns, % and _
-- only, compared byte for byte, case-sensitive; contrast 平扫 / 增强 / 造影 derived from the
-- item's name) to exam_part. The lowest matching rule_no wins; an exam_part_map row of the
-- item (its institution's, else '*') wins over every rule. NULL (or blank) in a condition
-- column: any value. hospital_id '*': every institution, else one institution's hospitalld.
-- A pattern may not hold [ ] * ? \ (special on only some engines): the CHECKs below refuse
-- them, and load-csv also refuses a pattern starting or ending with a blank
-- (ExamPartRules.PatternProblem, the one list in C#).
CREATE TABLE IF NOT EXISTS imgcloud_exam_part_rule (
    rule_no      INTEGER NOT NULL PRIMARY KEY,
    hospital_id  TEXT    NOT NULL DEFAULT '*' CHECK (hospital_id = '*' OR (length(hospital_id) = 12 AND hospital_id GLOB 'H[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]')),
    modality     TEXT    CHECK (length(modality) <= 50),
    body_part    TEXT    CHECK (length(body_part) <= 100 AND instr(body_part, '[') = 0 AND instr(body_part, ']') = 0 AND instr(body_part, '*') = 0 AND instr(body_part, '?') = 0 AND instr(body_part, '\') = 0),
    name_pattern TEXT    CHECK (length(name_pattern) <= 200 AND instr(name_pattern, '[') = 0 AND instr(name_pattern, ']') = 0 AND instr(name_pattern, '*') = 0 AND instr(name_pattern, '?') = 0 AND instr(name_pattern, '\') = 0),
    contrast     TEXT    CHECK (contrast IN ('平扫', '增强', '造影')),
    exam_part    TEXT    NOT NULL CHECK (length(exam_part) = 9 AND exam_part = upper(exam_part)),
    note         TEXT
);

-- The standard's own code table (WS/T 364.8-2023), which this product cannot ship: a
-- hospital that has it may load it here; the contract check then also refuses a code not in
-- it. Empty (the default): only the format (9 upper-case letters or digits) is checked.
CREATE TABLE IF NOT EXISTS imgcloud_exam_part_code (
    exam_part TEXT NOT NULL PRIMARY KEY CHECK (length(exam_part) = 9 AND exam_part = upper(exam_part)),
    name      TEXT
);
