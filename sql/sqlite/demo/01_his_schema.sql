-- =============================================================================
-- imgcloud provider · SQLite · demo/01_his_schema.sql
-- Purpose : the reference HIS of the demo hospital. NOT something a hospital runs: a
--           hospital already has its HIS. Table and column names follow the widely
--           copied 军卫一号 data model (PAT_MASTER_INDEX, CLINIC_MASTER, PAT_VISIT, ...).
--           Columns marked "site" are the kind of additions real sites made for
--           national insurance (医保) and appointment scheduling.
-- Order   : before 02_source_views.sql, which maps these tables.
-- Re-run  : safe to run twice (IF NOT EXISTS everywhere).
-- Dates   : SQLite has no date type: every date-time is TEXT 'yyyy-MM-dd HH:mm:ss',
--           hospital local time, which compares and indexes as time does.
-- =============================================================================

-- The institutions of the HIS (site: a county medical community 医共体 keeps its lead
-- hospital and its community centres in one database; the dictionaries and the visits carry
-- ORG_CODE, and codes overlap between institutions). INSUR_ORG_CODE is the institution's
-- 医保 code (hospitalld); the demo leaves the lead hospital's NULL, so its rows take
-- imgcloud.settings.hospital_id, as a HIS with one institution does.
CREATE TABLE IF NOT EXISTS ORG_DICT (
    ORG_CODE             TEXT PRIMARY KEY,
    ORG_NAME             TEXT NOT NULL,
    INSUR_ORG_CODE       TEXT               -- site: 医保医疗机构代码
);

CREATE TABLE IF NOT EXISTS DEPT_DICT (
    ORG_CODE             TEXT NOT NULL DEFAULT '01',  -- site: 医共体成员机构 (ORG_DICT)
    SERIAL_NO            INTEGER,
    DEPT_CODE            TEXT NOT NULL,
    DEPT_NAME            TEXT NOT NULL,
    DEPT_ALIAS           TEXT,
    CLINIC_ATTR          TEXT,              -- 0 临床, 1 医技(辅诊), 2 护理单元, 9 行政/其他
    OUTP_OR_INP          TEXT,              -- 0 门诊, 1 住院, 2 门诊住院
    INTERNAL_OR_SERGERY  TEXT,              -- 0 内科, 1 外科 (the model's own spelling)
    INPUT_CODE           TEXT,
    STOP_INDICATOR       INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (ORG_CODE, DEPT_CODE)
);

CREATE TABLE IF NOT EXISTS STAFF_DICT (
    EMP_NO               TEXT PRIMARY KEY,
    DEPT_CODE            TEXT NOT NULL,
    NAME                 TEXT NOT NULL,
    INPUT_CODE           TEXT,
    JOB                  TEXT,              -- 医生, 护士, 技术员, 行政
    TITLE                TEXT,
    USER_NAME            TEXT,
    ID_NO                TEXT,              -- site: 身份证号
    INSUR_DOCTOR_CODE    TEXT               -- site: 国家医保医师/医技人员代码
);

CREATE TABLE IF NOT EXISTS PAT_MASTER_INDEX (
    PATIENT_ID           TEXT PRIMARY KEY,  -- also the 就诊卡号 printed on the card
    INP_NO               TEXT,              -- 住院号, once admitted
    NAME                 TEXT NOT NULL,
    NAME_PHONETIC        TEXT,
    SEX                  TEXT,              -- 男 / 女 / 未知, as the model stores it
    DATE_OF_BIRTH        TEXT,
    ID_NO                TEXT,
    CHARGE_TYPE          TEXT,              -- 自费, 职工医保, 居民医保
    INSURANCE_NO         TEXT,
    PHONE_NUMBER_HOME    TEXT,
    MOBILE_PHONE         TEXT,              -- site
    HEALTH_CARD_NO       TEXT,              -- site: 电子健康卡号
    MEDICARE_NO          TEXT,              -- site: 电子医保码号
    CREATE_DATE          TEXT
);

-- One row per outpatient registration; key VISIT_DATE + VISIT_NO as in the model.
-- VISIT_DATE holds the booked slot's start time (site: 分时段预约).
CREATE TABLE IF NOT EXISTS CLINIC_MASTER (
    ORG_CODE             TEXT NOT NULL DEFAULT '01',  -- site: 医共体成员机构 (ORG_DICT)
    VISIT_DATE           TEXT    NOT NULL,
    VISIT_NO             INTEGER NOT NULL,
    CLINIC_LABEL         TEXT,
    VISIT_TIME_DESC      TEXT,              -- 上午 / 下午 / 晚间
    PATIENT_ID           TEXT    NOT NULL,
    NAME                 TEXT,
    SEX                  TEXT,
    AGE                  INTEGER,
    CHARGE_TYPE          TEXT,
    INSURANCE_NO         TEXT,
    CLINIC_TYPE          TEXT,              -- 普通, 专家, 急诊, 体检
    VISIT_DEPT           TEXT,
    DOCTOR               TEXT,
    DOCTOR_NO            TEXT,              -- site: STAFF_DICT.EMP_NO of the visiting doctor
    REGISTRATION_STATUS  TEXT,              -- 0 挂号, 1 已就诊
    REGISTERING_DATE     TEXT    NOT NULL,
    REGIST_FEE           NUMERIC,
    OPERATOR             TEXT,
    RETURNED_DATE        TEXT,              -- set when the registration is withdrawn (退号)
    RETURNED_OPERATOR    TEXT,
    PRIMARY KEY (VISIT_DATE, VISIT_NO)
);
CREATE INDEX IF NOT EXISTS IX_CLINIC_MASTER_VISIT_DATE ON CLINIC_MASTER (VISIT_DATE);

-- One row per admission. REGISTER_DATE_TIME (site) is the admission registration (入院登记);
-- ADMISSION_DATE_TIME stays NULL while the patient waits for a bed.
CREATE TABLE IF NOT EXISTS PAT_VISIT (
    ORG_CODE             TEXT NOT NULL DEFAULT '01',  -- site: 医共体成员机构 (ORG_DICT)
    PATIENT_ID           TEXT    NOT NULL,
    VISIT_ID             INTEGER NOT NULL,
    REGISTER_DATE_TIME   TEXT    NOT NULL,
    DEPT_ADMISSION_TO    TEXT,
    ADMISSION_DATE_TIME  TEXT,
    DEPT_DISCHARGE_FROM  TEXT,
    DISCHARGE_DATE_TIME  TEXT,
    CHARGE_TYPE          TEXT,
    INSURANCE_TYPE       TEXT,
    INSURANCE_NO         TEXT,
    PATIENT_CLASS        TEXT,
    ADMITTING_DOCTOR_NO  TEXT,              -- site
    DOCTOR_IN_CHARGE     TEXT,
    DIAGNOSIS_CODE       TEXT,              -- site: ICD-10 of the admission diagnosis
    DIAGNOSIS_NAME       TEXT,
    CANCEL_DATE_TIME     TEXT,              -- site: admission cancelled (取消入院)
    PRIMARY KEY (PATIENT_ID, VISIT_ID)
);
CREATE INDEX IF NOT EXISTS IX_PAT_VISIT_DISCHARGE ON PAT_VISIT (DISCHARGE_DATE_TIME);
CREATE INDEX IF NOT EXISTS IX_PAT_VISIT_CANCEL ON PAT_VISIT (CANCEL_DATE_TIME);

-- Patients now in a bed.
CREATE TABLE IF NOT EXISTS PATS_IN_HOSPITAL (
    PATIENT_ID           TEXT    NOT NULL,
    VISIT_ID             INTEGER NOT NULL,
    WARD_CODE            TEXT,
    DEPT_CODE            TEXT NOT NULL,
    BED_NO               TEXT,
    ADMISSION_DATE_TIME  TEXT,
    DIAGNOSIS            TEXT,
    DOCTOR_IN_CHARGE     TEXT,
    PRIMARY KEY (PATIENT_ID, VISIT_ID)
);

CREATE TABLE IF NOT EXISTS EXAM_CLASS_DICT (
    EXAM_CLASS_CODE      TEXT PRIMARY KEY,
    EXAM_CLASS_NAME      TEXT NOT NULL,
    MODALITY             TEXT,              -- site: the modality as PACS names it
    PERFORM_DEPT         TEXT
);

-- Clinic items; exam items are ITEM_CLASS 'D' (检查).
CREATE TABLE IF NOT EXISTS CLINIC_ITEM_DICT (
    ORG_CODE             TEXT NOT NULL DEFAULT '01',  -- site: 医共体成员机构 (ORG_DICT)
    ITEM_CLASS           TEXT NOT NULL,
    ITEM_CODE            TEXT NOT NULL,
    ITEM_NAME            TEXT NOT NULL,
    INPUT_CODE           TEXT,
    EXAM_CLASS_CODE      TEXT,              -- site
    BODY_PART            TEXT,              -- site: 检查部位
    STOP_INDICATOR       INTEGER NOT NULL DEFAULT 0,  -- 1 = retired (停用)
    PRIMARY KEY (ORG_CODE, ITEM_CLASS, ITEM_CODE)
);

CREATE TABLE IF NOT EXISTS CLINIC_VS_CHARGE (
    ORG_CODE             TEXT NOT NULL DEFAULT '01',  -- site: 医共体成员机构 (ORG_DICT)
    CLINIC_ITEM_CLASS    TEXT NOT NULL,
    CLINIC_ITEM_CODE     TEXT NOT NULL,
    CHARGE_ITEM_NO       INTEGER NOT NULL,
    CHARGE_ITEM_CLASS    TEXT NOT NULL,
    CHARGE_ITEM_CODE     TEXT NOT NULL,
    CHARGE_ITEM_SPEC     TEXT NOT NULL,
    AMOUNT               NUMERIC NOT NULL,
    UNITS                TEXT,
    PRIMARY KEY (ORG_CODE, CLINIC_ITEM_CLASS, CLINIC_ITEM_CODE, CHARGE_ITEM_NO)
);

CREATE TABLE IF NOT EXISTS PRICE_LIST (
    ORG_CODE             TEXT NOT NULL DEFAULT '01',  -- site: 医共体成员机构 (ORG_DICT)
    ITEM_CLASS           TEXT NOT NULL,
    ITEM_CODE            TEXT NOT NULL,
    ITEM_SPEC            TEXT NOT NULL,
    ITEM_NAME            TEXT,
    UNITS                TEXT,
    PRICE                NUMERIC NOT NULL,
    MED_LIST_CODG        TEXT,              -- site: 医疗目录编码 (national service item code)
    START_DATE           TEXT NOT NULL,
    STOP_DATE            TEXT,
    PRIMARY KEY (ORG_CODE, ITEM_CLASS, ITEM_CODE, ITEM_SPEC, START_DATE)
);

CREATE TABLE IF NOT EXISTS EXAM_MASTER (
    ORG_CODE             TEXT NOT NULL DEFAULT '01',  -- site: 医共体成员机构 (ORG_DICT)
    EXAM_NO              TEXT PRIMARY KEY,  -- the accession number PACS shows
    APPLY_NO             TEXT,              -- site: 申请单号, the study order id
    PATIENT_ID           TEXT NOT NULL,
    PATIENT_SOURCE       TEXT,              -- 1 门诊, 2 住院
    VISIT_ID             INTEGER,
    EXAM_CLASS_CODE      TEXT,
    REQ_DATE_TIME        TEXT,
    REQ_DEPT             TEXT,
    REQ_PHYSICIAN        TEXT,
    PERFORMED_BY         TEXT,
    RESULT_STATUS        TEXT
);

CREATE TABLE IF NOT EXISTS EXAM_ITEMS (
    EXAM_NO              TEXT    NOT NULL,
    EXAM_ITEM_NO         INTEGER NOT NULL,
    EXAM_ITEM            TEXT,
    EXAM_ITEM_CODE       TEXT,
    COSTS                NUMERIC,
    PRIMARY KEY (EXAM_NO, EXAM_ITEM_NO)
);

-- Outpatient charges. INSUR_SETL_ID (site) is the 医保 settlement ID; NULL when self-paid.
CREATE TABLE IF NOT EXISTS OUTP_RCPT_MASTER (
    RCPT_NO              TEXT PRIMARY KEY,
    PATIENT_ID           TEXT NOT NULL,
    VISIT_DATE_TIME      TEXT NOT NULL,     -- when the charge was settled
    CHARGE_TYPE          TEXT,              -- 自费, 职工医保, 居民医保
    TOTAL_CHARGES        NUMERIC,
    INSUR_SETL_ID        TEXT,
    OPERATOR_NO          TEXT
);
CREATE INDEX IF NOT EXISTS IX_OUTP_RCPT_MASTER_TIME ON OUTP_RCPT_MASTER (VISIT_DATE_TIME);

CREATE TABLE IF NOT EXISTS OUTP_BILL_ITEMS (
    RCPT_NO              TEXT    NOT NULL,
    ITEM_NO              INTEGER NOT NULL,
    ITEM_CLASS           TEXT,
    ITEM_CODE            TEXT,
    ITEM_NAME            TEXT,
    AMOUNT               NUMERIC,
    CHARGES              NUMERIC,
    EXAM_NO              TEXT,              -- site: the exam this line pays for
    EXAM_ITEM_NO         INTEGER,
    MED_LIST_CODG        TEXT,              -- site
    INSUR_FEEDETL_SN     TEXT,              -- site: 医保费用明细流水号
    PRIMARY KEY (RCPT_NO, ITEM_NO)
);

-- Inpatient settlement (at discharge) and the bill lines it settles.
CREATE TABLE IF NOT EXISTS INP_SETTLE_MASTER (
    RCPT_NO              TEXT PRIMARY KEY,
    PATIENT_ID           TEXT    NOT NULL,
    VISIT_ID             INTEGER NOT NULL,
    SETTLING_DATE        TEXT    NOT NULL,
    CHARGE_TYPE          TEXT,
    INSUR_SETL_ID        TEXT
);
CREATE INDEX IF NOT EXISTS IX_INP_SETTLE_MASTER_DATE ON INP_SETTLE_MASTER (SETTLING_DATE);

CREATE TABLE IF NOT EXISTS INP_BILL_DETAIL (
    PATIENT_ID           TEXT    NOT NULL,
    VISIT_ID             INTEGER NOT NULL,
    ITEM_NO              INTEGER NOT NULL,
    ITEM_CLASS           TEXT,
    ITEM_CODE            TEXT,
    ITEM_NAME            TEXT,
    AMOUNT               NUMERIC,
    CHARGES              NUMERIC,
    BILLING_DATE_TIME    TEXT,
    RCPT_NO              TEXT,              -- INP_SETTLE_MASTER once settled
    EXAM_NO              TEXT,
    EXAM_ITEM_NO         INTEGER,
    MED_LIST_CODG        TEXT,
    INSUR_FEEDETL_SN     TEXT,
    PRIMARY KEY (PATIENT_ID, VISIT_ID, ITEM_NO)
);
CREATE INDEX IF NOT EXISTS IX_INP_BILL_DETAIL_RCPT ON INP_BILL_DETAIL (RCPT_NO);

-- Not part of any HIS: the demo's named edge cases, one dedicated patient each (see README).
CREATE TABLE IF NOT EXISTS demo_scenario (
    name                 TEXT PRIMARY KEY,
    patient_id           TEXT NOT NULL,
    accession_no         TEXT,
    description          TEXT NOT NULL
);
