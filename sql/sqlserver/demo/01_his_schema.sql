-- =============================================================================
-- imgcloud provider · SQL Server · demo/01_his_schema.sql
-- Purpose : the reference HIS of the demo hospital, in schema his. NOT something a
--           hospital runs: a hospital already has its HIS. Table and column names follow
--           the widely copied 军卫一号 data model (PAT_MASTER_INDEX, CLINIC_MASTER,
--           PAT_VISIT, ...), exactly as sql/postgresql/demo/01_his_schema.sql has them.
--           Columns marked "site" are the kind of additions real sites made for
--           national insurance (医保) and appointment scheduling.
-- Dialect : SQL Server 2008 R2 or later. Batches are separated by GO. Text that may
--           hold Chinese is nvarchar (whatever the database's collation), codes varchar.
-- Order   : after 01_imgcloud_schema.sql, before 03_source_views.sql, which maps these
--           tables.
-- Re-run  : safe to run twice: the schema, each table and each index are created only
--           if absent; rows are never touched.
-- Run as  : a member of db_owner. Schema his is owned by dbo, like imgcloud, so the
--           views reach these tables through ownership chaining.
-- Dates   : date-times are datetime, hospital local time without a zone, as HIS
--           databases on SQL Server store them; DATE_OF_BIRTH is a date.
-- =============================================================================

IF SCHEMA_ID('his') IS NULL EXEC('CREATE SCHEMA his AUTHORIZATION dbo');
GO

-- The institutions of the HIS (site: a county medical community 医共体 keeps its lead
-- hospital and its community centres in one database; the dictionaries and the visits carry
-- ORG_CODE, and codes overlap between institutions). INSUR_ORG_CODE is the institution's
-- 医保 code (hospitalld); the demo leaves the lead hospital's NULL, so its rows take
-- imgcloud.settings.hospital_id, as a HIS with one institution does.
IF OBJECT_ID('his.ORG_DICT', 'U') IS NULL
CREATE TABLE his.ORG_DICT (
    ORG_CODE             varchar(10)   NOT NULL PRIMARY KEY,
    ORG_NAME             nvarchar(100) NOT NULL,
    INSUR_ORG_CODE       varchar(12)        -- site: 医保医疗机构代码
);
GO

IF OBJECT_ID('his.DEPT_DICT', 'U') IS NULL
CREATE TABLE his.DEPT_DICT (
    ORG_CODE             varchar(10)   NOT NULL DEFAULT '01', -- site: 医共体成员机构 (ORG_DICT)
    SERIAL_NO            int,
    DEPT_CODE            varchar(20)   NOT NULL,
    DEPT_NAME            nvarchar(100) NOT NULL,
    DEPT_ALIAS           nvarchar(100),
    CLINIC_ATTR          varchar(2),        -- 0 临床, 1 医技(辅诊), 2 护理单元, 9 行政/其他
    OUTP_OR_INP          varchar(2),        -- 0 门诊, 1 住院, 2 门诊住院
    INTERNAL_OR_SERGERY  varchar(2),        -- 0 内科, 1 外科 (the model's own spelling)
    INPUT_CODE           varchar(20),
    STOP_INDICATOR       int           NOT NULL DEFAULT 0,
    PRIMARY KEY (ORG_CODE, DEPT_CODE)
);
GO

IF OBJECT_ID('his.STAFF_DICT', 'U') IS NULL
CREATE TABLE his.STAFF_DICT (
    EMP_NO               varchar(20)   NOT NULL PRIMARY KEY,
    DEPT_CODE            varchar(20),
    NAME                 nvarchar(100) NOT NULL,
    INPUT_CODE           varchar(20),
    JOB                  nvarchar(20),      -- 医生, 护士, 技术员, 行政
    TITLE                nvarchar(50),
    USER_NAME            nvarchar(50),
    ID_NO                varchar(30),       -- site: 身份证号
    INSUR_DOCTOR_CODE    varchar(30)        -- site: 国家医保医师/医技人员代码
);
GO

IF OBJECT_ID('his.PAT_MASTER_INDEX', 'U') IS NULL
CREATE TABLE his.PAT_MASTER_INDEX (
    PATIENT_ID           varchar(20)   NOT NULL PRIMARY KEY,  -- also the 就诊卡号 printed on the card
    INP_NO               varchar(20),       -- 住院号, once admitted
    NAME                 nvarchar(100) NOT NULL,
    NAME_PHONETIC        nvarchar(100),
    SEX                  nvarchar(10),      -- 男 / 女 / 未知, as the model stores it
    DATE_OF_BIRTH        date,
    ID_NO                varchar(30),
    CHARGE_TYPE          nvarchar(20),      -- 自费, 职工医保, 居民医保
    INSURANCE_NO         varchar(50),
    PHONE_NUMBER_HOME    varchar(30),
    MOBILE_PHONE         varchar(30),       -- site
    HEALTH_CARD_NO       varchar(50),       -- site: 电子健康卡号
    MEDICARE_NO          varchar(50),       -- site: 电子医保码号
    CREATE_DATE          datetime
);
GO

-- One row per outpatient registration; key VISIT_DATE + VISIT_NO as in the model.
-- VISIT_DATE holds the booked slot's start time (site: 分时段预约).
IF OBJECT_ID('his.CLINIC_MASTER', 'U') IS NULL
CREATE TABLE his.CLINIC_MASTER (
    ORG_CODE             varchar(10)   NOT NULL DEFAULT '01', -- site: 医共体成员机构 (ORG_DICT)
    VISIT_DATE           datetime      NOT NULL,
    VISIT_NO             int           NOT NULL,
    CLINIC_LABEL         nvarchar(50),
    VISIT_TIME_DESC      nvarchar(10),      -- 上午 / 下午 / 晚间
    PATIENT_ID           varchar(20)   NOT NULL,
    NAME                 nvarchar(100),
    SEX                  nvarchar(10),
    AGE                  int,
    CHARGE_TYPE          nvarchar(20),
    INSURANCE_NO         varchar(50),
    CLINIC_TYPE          nvarchar(20),      -- 普通, 专家, 急诊, 体检
    VISIT_DEPT           varchar(20),
    DOCTOR               nvarchar(100),
    DOCTOR_NO            varchar(20),       -- site: STAFF_DICT.EMP_NO of the visiting doctor
    REGISTRATION_STATUS  varchar(2),        -- 0 挂号, 1 已就诊
    REGISTERING_DATE     datetime      NOT NULL,
    REGIST_FEE           decimal(12,2),
    OPERATOR             varchar(20),
    RETURNED_DATE        datetime,          -- set when the registration is withdrawn (退号)
    RETURNED_OPERATOR    varchar(20),
    PRIMARY KEY (VISIT_DATE, VISIT_NO)
);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE object_id = OBJECT_ID('his.CLINIC_MASTER') AND name = 'IX_CLINIC_MASTER_VISIT_DATE')
    CREATE INDEX IX_CLINIC_MASTER_VISIT_DATE ON his.CLINIC_MASTER (VISIT_DATE);
GO

-- One row per admission. REGISTER_DATE_TIME (site) is the admission registration (入院登记);
-- ADMISSION_DATE_TIME stays NULL while the patient waits for a bed.
IF OBJECT_ID('his.PAT_VISIT', 'U') IS NULL
CREATE TABLE his.PAT_VISIT (
    ORG_CODE             varchar(10)   NOT NULL DEFAULT '01', -- site: 医共体成员机构 (ORG_DICT)
    PATIENT_ID           varchar(20)   NOT NULL,
    VISIT_ID             int           NOT NULL,
    REGISTER_DATE_TIME   datetime      NOT NULL,
    DEPT_ADMISSION_TO    varchar(20),
    ADMISSION_DATE_TIME  datetime,
    DEPT_DISCHARGE_FROM  varchar(20),
    DISCHARGE_DATE_TIME  datetime,
    CHARGE_TYPE          nvarchar(20),
    INSURANCE_TYPE       nvarchar(20),
    INSURANCE_NO         varchar(50),
    PATIENT_CLASS        nvarchar(20),
    ADMITTING_DOCTOR_NO  varchar(20),       -- site
    DOCTOR_IN_CHARGE     nvarchar(100),
    DIAGNOSIS_CODE       varchar(20),       -- site: ICD-10 of the admission diagnosis
    DIAGNOSIS_NAME       nvarchar(100),
    CANCEL_DATE_TIME     datetime,          -- site: admission cancelled (取消入院)
    PRIMARY KEY (PATIENT_ID, VISIT_ID)
);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE object_id = OBJECT_ID('his.PAT_VISIT') AND name = 'IX_PAT_VISIT_DISCHARGE')
    CREATE INDEX IX_PAT_VISIT_DISCHARGE ON his.PAT_VISIT (DISCHARGE_DATE_TIME);
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE object_id = OBJECT_ID('his.PAT_VISIT') AND name = 'IX_PAT_VISIT_CANCEL')
    CREATE INDEX IX_PAT_VISIT_CANCEL ON his.PAT_VISIT (CANCEL_DATE_TIME);
GO

-- Patients now in a bed.
IF OBJECT_ID('his.PATS_IN_HOSPITAL', 'U') IS NULL
CREATE TABLE his.PATS_IN_HOSPITAL (
    PATIENT_ID           varchar(20)   NOT NULL,
    VISIT_ID             int           NOT NULL,
    WARD_CODE            varchar(20),
    DEPT_CODE            varchar(20),
    BED_NO               varchar(20),
    ADMISSION_DATE_TIME  datetime,
    DIAGNOSIS            nvarchar(200),
    DOCTOR_IN_CHARGE     nvarchar(100),
    PRIMARY KEY (PATIENT_ID, VISIT_ID)
);
GO

IF OBJECT_ID('his.EXAM_CLASS_DICT', 'U') IS NULL
CREATE TABLE his.EXAM_CLASS_DICT (
    EXAM_CLASS_CODE      varchar(20)   NOT NULL PRIMARY KEY,
    EXAM_CLASS_NAME      nvarchar(100) NOT NULL,
    MODALITY             varchar(20),       -- site: the modality as PACS names it
    PERFORM_DEPT         varchar(20)
);
GO

-- Clinic items; exam items are ITEM_CLASS 'D' (检查).
IF OBJECT_ID('his.CLINIC_ITEM_DICT', 'U') IS NULL
CREATE TABLE his.CLINIC_ITEM_DICT (
    ORG_CODE             varchar(10)   NOT NULL DEFAULT '01', -- site: 医共体成员机构 (ORG_DICT)
    ITEM_CLASS           varchar(10)   NOT NULL,
    ITEM_CODE            varchar(50)   NOT NULL,
    ITEM_NAME            nvarchar(100) NOT NULL,
    INPUT_CODE           varchar(50),
    EXAM_CLASS_CODE      varchar(20),       -- site
    BODY_PART            nvarchar(100),     -- site: 检查部位
    STOP_INDICATOR       int           NOT NULL DEFAULT 0,  -- 1 = retired (停用)
    PRIMARY KEY (ORG_CODE, ITEM_CLASS, ITEM_CODE)
);
GO

IF OBJECT_ID('his.CLINIC_VS_CHARGE', 'U') IS NULL
CREATE TABLE his.CLINIC_VS_CHARGE (
    ORG_CODE             varchar(10)   NOT NULL DEFAULT '01', -- site: 医共体成员机构 (ORG_DICT)
    CLINIC_ITEM_CLASS    varchar(10)   NOT NULL,
    CLINIC_ITEM_CODE     varchar(50)   NOT NULL,
    CHARGE_ITEM_NO       int           NOT NULL,
    CHARGE_ITEM_CLASS    varchar(10)   NOT NULL,
    CHARGE_ITEM_CODE     varchar(50)   NOT NULL,
    CHARGE_ITEM_SPEC     nvarchar(50)  NOT NULL,
    AMOUNT               decimal(10,2) NOT NULL,
    UNITS                nvarchar(20),
    PRIMARY KEY (ORG_CODE, CLINIC_ITEM_CLASS, CLINIC_ITEM_CODE, CHARGE_ITEM_NO)
);
GO

IF OBJECT_ID('his.PRICE_LIST', 'U') IS NULL
CREATE TABLE his.PRICE_LIST (
    ORG_CODE             varchar(10)   NOT NULL DEFAULT '01', -- site: 医共体成员机构 (ORG_DICT)
    ITEM_CLASS           varchar(10)   NOT NULL,
    ITEM_CODE            varchar(50)   NOT NULL,
    ITEM_SPEC            nvarchar(50)  NOT NULL,
    ITEM_NAME            nvarchar(100),
    UNITS                nvarchar(20),
    PRICE                decimal(12,2) NOT NULL,
    MED_LIST_CODG        varchar(50),       -- site: 医疗目录编码 (national service item code)
    START_DATE           datetime      NOT NULL,
    STOP_DATE            datetime,
    PRIMARY KEY (ORG_CODE, ITEM_CLASS, ITEM_CODE, ITEM_SPEC, START_DATE)
);
GO

IF OBJECT_ID('his.EXAM_MASTER', 'U') IS NULL
CREATE TABLE his.EXAM_MASTER (
    ORG_CODE             varchar(10)   NOT NULL DEFAULT '01', -- site: 医共体成员机构 (ORG_DICT)
    EXAM_NO              varchar(30)   NOT NULL PRIMARY KEY,  -- the accession number PACS shows
    APPLY_NO             varchar(30),       -- site: 申请单号, the study order id
    PATIENT_ID           varchar(20)   NOT NULL,
    PATIENT_SOURCE       varchar(2),        -- 1 门诊, 2 住院
    VISIT_ID             int,
    EXAM_CLASS_CODE      varchar(20),
    REQ_DATE_TIME        datetime,
    REQ_DEPT             varchar(20),
    REQ_PHYSICIAN        nvarchar(100),
    PERFORMED_BY         varchar(20),
    RESULT_STATUS        varchar(2)
);
GO

IF OBJECT_ID('his.EXAM_ITEMS', 'U') IS NULL
CREATE TABLE his.EXAM_ITEMS (
    EXAM_NO              varchar(30)   NOT NULL,
    EXAM_ITEM_NO         int           NOT NULL,
    EXAM_ITEM            nvarchar(100),
    EXAM_ITEM_CODE       varchar(50),
    COSTS                decimal(12,2),
    PRIMARY KEY (EXAM_NO, EXAM_ITEM_NO)
);
GO

-- Outpatient charges. INSUR_SETL_ID (site) is the 医保 settlement ID; NULL when self-paid.
IF OBJECT_ID('his.OUTP_RCPT_MASTER', 'U') IS NULL
CREATE TABLE his.OUTP_RCPT_MASTER (
    RCPT_NO              varchar(30)   NOT NULL PRIMARY KEY,
    PATIENT_ID           varchar(20)   NOT NULL,
    VISIT_DATE_TIME      datetime      NOT NULL,  -- when the charge was settled
    CHARGE_TYPE          nvarchar(20),      -- 自费, 职工医保, 居民医保
    TOTAL_CHARGES        decimal(12,2),
    INSUR_SETL_ID        varchar(50),
    OPERATOR_NO          varchar(20)
);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE object_id = OBJECT_ID('his.OUTP_RCPT_MASTER') AND name = 'IX_OUTP_RCPT_MASTER_TIME')
    CREATE INDEX IX_OUTP_RCPT_MASTER_TIME ON his.OUTP_RCPT_MASTER (VISIT_DATE_TIME);
GO

IF OBJECT_ID('his.OUTP_BILL_ITEMS', 'U') IS NULL
CREATE TABLE his.OUTP_BILL_ITEMS (
    RCPT_NO              varchar(30)   NOT NULL,
    ITEM_NO              int           NOT NULL,
    ITEM_CLASS           varchar(10),
    ITEM_CODE            varchar(50),
    ITEM_NAME            nvarchar(100),
    AMOUNT               decimal(10,2),
    CHARGES              decimal(12,2),
    EXAM_NO              varchar(30),       -- site: the exam this line pays for
    EXAM_ITEM_NO         int,
    MED_LIST_CODG        varchar(50),       -- site
    INSUR_FEEDETL_SN     varchar(50),       -- site: 医保费用明细流水号
    PRIMARY KEY (RCPT_NO, ITEM_NO)
);
GO

-- Inpatient settlement (at discharge) and the bill lines it settles.
IF OBJECT_ID('his.INP_SETTLE_MASTER', 'U') IS NULL
CREATE TABLE his.INP_SETTLE_MASTER (
    RCPT_NO              varchar(30)   NOT NULL PRIMARY KEY,
    PATIENT_ID           varchar(20)   NOT NULL,
    VISIT_ID             int           NOT NULL,
    SETTLING_DATE        datetime      NOT NULL,
    CHARGE_TYPE          nvarchar(20),
    INSUR_SETL_ID        varchar(50)
);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE object_id = OBJECT_ID('his.INP_SETTLE_MASTER') AND name = 'IX_INP_SETTLE_MASTER_DATE')
    CREATE INDEX IX_INP_SETTLE_MASTER_DATE ON his.INP_SETTLE_MASTER (SETTLING_DATE);
GO

IF OBJECT_ID('his.INP_BILL_DETAIL', 'U') IS NULL
CREATE TABLE his.INP_BILL_DETAIL (
    PATIENT_ID           varchar(20)   NOT NULL,
    VISIT_ID             int           NOT NULL,
    ITEM_NO              int           NOT NULL,
    ITEM_CLASS           varchar(10),
    ITEM_CODE            varchar(50),
    ITEM_NAME            nvarchar(100),
    AMOUNT               decimal(10,2),
    CHARGES              decimal(12,2),
    BILLING_DATE_TIME    datetime,
    RCPT_NO              varchar(30),       -- INP_SETTLE_MASTER once settled
    EXAM_NO              varchar(30),
    EXAM_ITEM_NO         int,
    MED_LIST_CODG        varchar(50),
    INSUR_FEEDETL_SN     varchar(50),
    PRIMARY KEY (PATIENT_ID, VISIT_ID, ITEM_NO)
);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE object_id = OBJECT_ID('his.INP_BILL_DETAIL') AND name = 'IX_INP_BILL_DETAIL_RCPT')
    CREATE INDEX IX_INP_BILL_DETAIL_RCPT ON his.INP_BILL_DETAIL (RCPT_NO);
GO

-- Not part of any HIS: the demo's named edge cases, one dedicated patient each (see README).
IF OBJECT_ID('his.demo_scenario', 'U') IS NULL
CREATE TABLE his.demo_scenario (
    name                 varchar(50)   NOT NULL PRIMARY KEY,
    patient_id           varchar(20)   NOT NULL,
    accession_no         varchar(30),
    description          nvarchar(200) NOT NULL
);
GO
