-- =============================================================================
-- imgcloud provider · PostgreSQL · demo/01_his_schema.sql
-- Purpose : the reference HIS of the demo hospital, in schema his. NOT something a
--           hospital runs: a hospital already has its HIS. Table and column names follow
--           the widely copied 军卫一号 data model (PAT_MASTER_INDEX, CLINIC_MASTER,
--           PAT_VISIT, ...), exactly as sql/sqlite/demo/01_his_schema.sql has them.
--           Columns marked "site" are the kind of additions real sites made for
--           national insurance (医保) and appointment scheduling. Names are unquoted, so
--           PostgreSQL stores them in lower case (his.clinic_master.visit_date).
-- Dialect : PostgreSQL 9.5 or later (verified on 15).
-- Order   : before 03_source_views.sql, which maps these tables (the provider's
--           migrate --with-demo runs it once, after 01, and then seeds the tables).
-- Re-run  : safe to run twice (IF NOT EXISTS everywhere; rows are never touched).
-- Dates   : date-times are timestamp(0), hospital local time without a zone, as HIS
--           databases store them; DATE_OF_BIRTH is a date.
-- =============================================================================

CREATE SCHEMA IF NOT EXISTS his;

-- The institutions of the HIS (site: a county medical community 医共体 keeps its lead
-- hospital and its community centres in one database; the dictionaries and the visits carry
-- ORG_CODE, and codes overlap between institutions). INSUR_ORG_CODE is the institution's
-- 医保 code (hospitalld); the demo leaves the lead hospital's NULL, so its rows take
-- imgcloud.settings.hospital_id, as a HIS with one institution does.
CREATE TABLE IF NOT EXISTS his.ORG_DICT (
    ORG_CODE             varchar(10)  NOT NULL PRIMARY KEY,
    ORG_NAME             varchar(100) NOT NULL,
    INSUR_ORG_CODE       varchar(12)        -- site: 医保医疗机构代码
);

CREATE TABLE IF NOT EXISTS his.DEPT_DICT (
    ORG_CODE             varchar(10)  NOT NULL DEFAULT '01',  -- site: 医共体成员机构 (ORG_DICT)
    SERIAL_NO            integer,
    DEPT_CODE            varchar(20)  NOT NULL,
    DEPT_NAME            varchar(100) NOT NULL,
    DEPT_ALIAS           varchar(100),
    CLINIC_ATTR          varchar(2),        -- 0 临床, 1 医技(辅诊), 2 护理单元, 9 行政/其他
    OUTP_OR_INP          varchar(2),        -- 0 门诊, 1 住院, 2 门诊住院
    INTERNAL_OR_SERGERY  varchar(2),        -- 0 内科, 1 外科 (the model's own spelling)
    INPUT_CODE           varchar(20),
    STOP_INDICATOR       integer      NOT NULL DEFAULT 0,
    PRIMARY KEY (ORG_CODE, DEPT_CODE)
);

CREATE TABLE IF NOT EXISTS his.STAFF_DICT (
    EMP_NO               varchar(20)  NOT NULL PRIMARY KEY,
    DEPT_CODE            varchar(20),
    NAME                 varchar(100) NOT NULL,
    INPUT_CODE           varchar(20),
    JOB                  varchar(20),       -- 医生, 护士, 技术员, 行政
    TITLE                varchar(50),
    USER_NAME            varchar(50),
    ID_NO                varchar(30),       -- site: 身份证号
    INSUR_DOCTOR_CODE    varchar(30)        -- site: 国家医保医师/医技人员代码
);

CREATE TABLE IF NOT EXISTS his.PAT_MASTER_INDEX (
    PATIENT_ID           varchar(20)  NOT NULL PRIMARY KEY,  -- also the 就诊卡号 printed on the card
    INP_NO               varchar(20),       -- 住院号, once admitted
    NAME                 varchar(100) NOT NULL,
    NAME_PHONETIC        varchar(100),
    SEX                  varchar(10),       -- 男 / 女 / 未知, as the model stores it
    DATE_OF_BIRTH        date,
    ID_NO                varchar(30),
    CHARGE_TYPE          varchar(20),       -- 自费, 职工医保, 居民医保
    INSURANCE_NO         varchar(50),
    PHONE_NUMBER_HOME    varchar(30),
    MOBILE_PHONE         varchar(30),       -- site
    HEALTH_CARD_NO       varchar(50),       -- site: 电子健康卡号
    MEDICARE_NO          varchar(50),       -- site: 电子医保码号
    CREATE_DATE          timestamp(0)
);

-- One row per outpatient registration; key VISIT_DATE + VISIT_NO as in the model.
-- VISIT_DATE holds the booked slot's start time (site: 分时段预约).
CREATE TABLE IF NOT EXISTS his.CLINIC_MASTER (
    ORG_CODE             varchar(10)  NOT NULL DEFAULT '01',  -- site: 医共体成员机构 (ORG_DICT)
    VISIT_DATE           timestamp(0) NOT NULL,
    VISIT_NO             integer      NOT NULL,
    CLINIC_LABEL         varchar(50),
    VISIT_TIME_DESC      varchar(10),       -- 上午 / 下午 / 晚间
    PATIENT_ID           varchar(20)  NOT NULL,
    NAME                 varchar(100),
    SEX                  varchar(10),
    AGE                  integer,
    CHARGE_TYPE          varchar(20),
    INSURANCE_NO         varchar(50),
    CLINIC_TYPE          varchar(20),       -- 普通, 专家, 急诊, 体检
    VISIT_DEPT           varchar(20),
    DOCTOR               varchar(100),
    DOCTOR_NO            varchar(20),       -- site: STAFF_DICT.EMP_NO of the visiting doctor
    REGISTRATION_STATUS  varchar(2),        -- 0 挂号, 1 已就诊
    REGISTERING_DATE     timestamp(0) NOT NULL,
    REGIST_FEE           numeric(12,2),
    OPERATOR             varchar(20),
    RETURNED_DATE        timestamp(0),      -- set when the registration is withdrawn (退号)
    RETURNED_OPERATOR    varchar(20),
    PRIMARY KEY (VISIT_DATE, VISIT_NO)
);
CREATE INDEX IF NOT EXISTS IX_CLINIC_MASTER_VISIT_DATE ON his.CLINIC_MASTER (VISIT_DATE);

-- One row per admission. REGISTER_DATE_TIME (site) is the admission registration (入院登记);
-- ADMISSION_DATE_TIME stays NULL while the patient waits for a bed.
CREATE TABLE IF NOT EXISTS his.PAT_VISIT (
    ORG_CODE             varchar(10)  NOT NULL DEFAULT '01',  -- site: 医共体成员机构 (ORG_DICT)
    PATIENT_ID           varchar(20)  NOT NULL,
    VISIT_ID             integer      NOT NULL,
    REGISTER_DATE_TIME   timestamp(0) NOT NULL,
    DEPT_ADMISSION_TO    varchar(20),
    ADMISSION_DATE_TIME  timestamp(0),
    DEPT_DISCHARGE_FROM  varchar(20),
    DISCHARGE_DATE_TIME  timestamp(0),
    CHARGE_TYPE          varchar(20),
    INSURANCE_TYPE       varchar(20),
    INSURANCE_NO         varchar(50),
    PATIENT_CLASS        varchar(20),
    ADMITTING_DOCTOR_NO  varchar(20),       -- site
    DOCTOR_IN_CHARGE     varchar(100),
    DIAGNOSIS_CODE       varchar(20),       -- site: ICD-10 of the admission diagnosis
    DIAGNOSIS_NAME       varchar(100),
    CANCEL_DATE_TIME     timestamp(0),      -- site: admission cancelled (取消入院)
    PRIMARY KEY (PATIENT_ID, VISIT_ID)
);
CREATE INDEX IF NOT EXISTS IX_PAT_VISIT_DISCHARGE ON his.PAT_VISIT (DISCHARGE_DATE_TIME);
CREATE INDEX IF NOT EXISTS IX_PAT_VISIT_CANCEL ON his.PAT_VISIT (CANCEL_DATE_TIME);

-- Patients now in a bed.
CREATE TABLE IF NOT EXISTS his.PATS_IN_HOSPITAL (
    PATIENT_ID           varchar(20)  NOT NULL,
    VISIT_ID             integer      NOT NULL,
    WARD_CODE            varchar(20),
    DEPT_CODE            varchar(20),
    BED_NO               varchar(20),
    ADMISSION_DATE_TIME  timestamp(0),
    DIAGNOSIS            varchar(200),
    DOCTOR_IN_CHARGE     varchar(100),
    PRIMARY KEY (PATIENT_ID, VISIT_ID)
);

CREATE TABLE IF NOT EXISTS his.EXAM_CLASS_DICT (
    EXAM_CLASS_CODE      varchar(20)  NOT NULL PRIMARY KEY,
    EXAM_CLASS_NAME      varchar(100) NOT NULL,
    MODALITY             varchar(20),       -- site: the modality as PACS names it
    PERFORM_DEPT         varchar(20)
);

-- Clinic items; exam items are ITEM_CLASS 'D' (检查).
CREATE TABLE IF NOT EXISTS his.CLINIC_ITEM_DICT (
    ORG_CODE             varchar(10)  NOT NULL DEFAULT '01',  -- site: 医共体成员机构 (ORG_DICT)
    ITEM_CLASS           varchar(10)  NOT NULL,
    ITEM_CODE            varchar(50)  NOT NULL,
    ITEM_NAME            varchar(100) NOT NULL,
    INPUT_CODE           varchar(50),
    EXAM_CLASS_CODE      varchar(20),       -- site
    BODY_PART            varchar(100),      -- site: 检查部位
    STOP_INDICATOR       integer      NOT NULL DEFAULT 0,  -- 1 = retired (停用)
    PRIMARY KEY (ORG_CODE, ITEM_CLASS, ITEM_CODE)
);

CREATE TABLE IF NOT EXISTS his.CLINIC_VS_CHARGE (
    ORG_CODE             varchar(10)  NOT NULL DEFAULT '01',  -- site: 医共体成员机构 (ORG_DICT)
    CLINIC_ITEM_CLASS    varchar(10)   NOT NULL,
    CLINIC_ITEM_CODE     varchar(50)   NOT NULL,
    CHARGE_ITEM_NO       integer       NOT NULL,
    CHARGE_ITEM_CLASS    varchar(10)   NOT NULL,
    CHARGE_ITEM_CODE     varchar(50)   NOT NULL,
    CHARGE_ITEM_SPEC     varchar(50)   NOT NULL,
    AMOUNT               numeric(10,2) NOT NULL,
    UNITS                varchar(20),
    PRIMARY KEY (ORG_CODE, CLINIC_ITEM_CLASS, CLINIC_ITEM_CODE, CHARGE_ITEM_NO)
);

CREATE TABLE IF NOT EXISTS his.PRICE_LIST (
    ORG_CODE             varchar(10)  NOT NULL DEFAULT '01',  -- site: 医共体成员机构 (ORG_DICT)
    ITEM_CLASS           varchar(10)   NOT NULL,
    ITEM_CODE            varchar(50)   NOT NULL,
    ITEM_SPEC            varchar(50)   NOT NULL,
    ITEM_NAME            varchar(100),
    UNITS                varchar(20),
    PRICE                numeric(12,2) NOT NULL,
    MED_LIST_CODG        varchar(50),       -- site: 医疗目录编码 (national service item code)
    START_DATE           timestamp(0)  NOT NULL,
    STOP_DATE            timestamp(0),
    PRIMARY KEY (ORG_CODE, ITEM_CLASS, ITEM_CODE, ITEM_SPEC, START_DATE)
);

CREATE TABLE IF NOT EXISTS his.EXAM_MASTER (
    ORG_CODE             varchar(10)  NOT NULL DEFAULT '01',  -- site: 医共体成员机构 (ORG_DICT)
    EXAM_NO              varchar(30)  NOT NULL PRIMARY KEY,  -- the accession number PACS shows
    APPLY_NO             varchar(30),       -- site: 申请单号, the study order id
    PATIENT_ID           varchar(20)  NOT NULL,
    PATIENT_SOURCE       varchar(2),        -- 1 门诊, 2 住院
    VISIT_ID             integer,
    EXAM_CLASS_CODE      varchar(20),
    REQ_DATE_TIME        timestamp(0),
    REQ_DEPT             varchar(20),
    REQ_PHYSICIAN        varchar(100),
    PERFORMED_BY         varchar(20),
    RESULT_STATUS        varchar(2)
);

CREATE TABLE IF NOT EXISTS his.EXAM_ITEMS (
    EXAM_NO              varchar(30)   NOT NULL,
    EXAM_ITEM_NO         integer       NOT NULL,
    EXAM_ITEM            varchar(100),
    EXAM_ITEM_CODE       varchar(50),
    COSTS                numeric(12,2),
    PRIMARY KEY (EXAM_NO, EXAM_ITEM_NO)
);

-- Outpatient charges. INSUR_SETL_ID (site) is the 医保 settlement ID; NULL when self-paid.
CREATE TABLE IF NOT EXISTS his.OUTP_RCPT_MASTER (
    RCPT_NO              varchar(30)   NOT NULL PRIMARY KEY,
    PATIENT_ID           varchar(20)   NOT NULL,
    VISIT_DATE_TIME      timestamp(0)  NOT NULL,  -- when the charge was settled
    CHARGE_TYPE          varchar(20),       -- 自费, 职工医保, 居民医保
    TOTAL_CHARGES        numeric(12,2),
    INSUR_SETL_ID        varchar(50),
    OPERATOR_NO          varchar(20)
);
CREATE INDEX IF NOT EXISTS IX_OUTP_RCPT_MASTER_TIME ON his.OUTP_RCPT_MASTER (VISIT_DATE_TIME);

CREATE TABLE IF NOT EXISTS his.OUTP_BILL_ITEMS (
    RCPT_NO              varchar(30)   NOT NULL,
    ITEM_NO              integer       NOT NULL,
    ITEM_CLASS           varchar(10),
    ITEM_CODE            varchar(50),
    ITEM_NAME            varchar(100),
    AMOUNT               numeric(10,2),
    CHARGES              numeric(12,2),
    EXAM_NO              varchar(30),       -- site: the exam this line pays for
    EXAM_ITEM_NO         integer,
    MED_LIST_CODG        varchar(50),       -- site
    INSUR_FEEDETL_SN     varchar(50),       -- site: 医保费用明细流水号
    PRIMARY KEY (RCPT_NO, ITEM_NO)
);

-- Inpatient settlement (at discharge) and the bill lines it settles.
CREATE TABLE IF NOT EXISTS his.INP_SETTLE_MASTER (
    RCPT_NO              varchar(30)   NOT NULL PRIMARY KEY,
    PATIENT_ID           varchar(20)   NOT NULL,
    VISIT_ID             integer       NOT NULL,
    SETTLING_DATE        timestamp(0)  NOT NULL,
    CHARGE_TYPE          varchar(20),
    INSUR_SETL_ID        varchar(50)
);
CREATE INDEX IF NOT EXISTS IX_INP_SETTLE_MASTER_DATE ON his.INP_SETTLE_MASTER (SETTLING_DATE);

CREATE TABLE IF NOT EXISTS his.INP_BILL_DETAIL (
    PATIENT_ID           varchar(20)   NOT NULL,
    VISIT_ID             integer       NOT NULL,
    ITEM_NO              integer       NOT NULL,
    ITEM_CLASS           varchar(10),
    ITEM_CODE            varchar(50),
    ITEM_NAME            varchar(100),
    AMOUNT               numeric(10,2),
    CHARGES              numeric(12,2),
    BILLING_DATE_TIME    timestamp(0),
    RCPT_NO              varchar(30),       -- INP_SETTLE_MASTER once settled
    EXAM_NO              varchar(30),
    EXAM_ITEM_NO         integer,
    MED_LIST_CODG        varchar(50),
    INSUR_FEEDETL_SN     varchar(50),
    PRIMARY KEY (PATIENT_ID, VISIT_ID, ITEM_NO)
);
CREATE INDEX IF NOT EXISTS IX_INP_BILL_DETAIL_RCPT ON his.INP_BILL_DETAIL (RCPT_NO);

-- Not part of any HIS: the demo's named edge cases, one dedicated patient each (see README).
CREATE TABLE IF NOT EXISTS his.demo_scenario (
    name                 varchar(50)  NOT NULL PRIMARY KEY,
    patient_id           varchar(20)  NOT NULL,
    accession_no         varchar(30),
    description          varchar(200) NOT NULL
);
