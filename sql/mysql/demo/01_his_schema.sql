-- =============================================================================
-- imgcloud provider · MySQL / MariaDB · demo/01_his_schema.sql
-- Purpose : the reference HIS of the demo hospital, in the database his. NOT something a
--           hospital runs: a hospital already has its HIS. Table and column names follow
--           the widely copied 军卫一号 data model (PAT_MASTER_INDEX, CLINIC_MASTER,
--           PAT_VISIT, ...), exactly as sql/postgresql/demo/01_his_schema.sql has them.
--           Columns marked "site" are the kind of additions real sites made for
--           national insurance (医保) and appointment scheduling. Table names are upper
--           case and, on a Linux server, case-sensitive: his.CLINIC_MASTER, never
--           his.clinic_master.
-- Dialect : MySQL 5.7.7 or later and MariaDB 10.4 or later. Indexes are declared inside
--           CREATE TABLE (5.7 has no CREATE INDEX IF NOT EXISTS).
-- Charset : utf8mb4 with utf8mb4_general_ci, the collation MySQL 5.7 HIS databases
--           commonly use, deliberately not the imgcloud database's utf8mb4_bin: the
--           source and standard views must join the two without "Illegal mix of
--           collations" (ERROR 1267), as they must at a hospital.
-- Order   : before 03_source_views.sql, which maps these tables (the provider's
--           migrate --with-demo runs it once, after 01, and then seeds the tables).
-- Re-run  : safe to run twice (IF NOT EXISTS everywhere; rows are never touched). DDL
--           commits implicitly: each statement stands alone.
-- Dates   : date-times are DATETIME (whole seconds), hospital local time without a zone,
--           as HIS databases store them; DATE_OF_BIRTH is a DATE.
-- =============================================================================

SET NAMES utf8mb4 COLLATE utf8mb4_general_ci;

CREATE DATABASE IF NOT EXISTS his CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci;

-- The institutions of the HIS (site: a county medical community 医共体 keeps its lead
-- hospital and its community centres in one database; the dictionaries and the visits carry
-- ORG_CODE, and codes overlap between institutions). INSUR_ORG_CODE is the institution's
-- 医保 code (hospitalld); the demo leaves the lead hospital's NULL, so its rows take
-- imgcloud.settings.hospital_id, as a HIS with one institution does.
CREATE TABLE IF NOT EXISTS his.ORG_DICT (
    ORG_CODE             VARCHAR(10)  NOT NULL PRIMARY KEY,
    ORG_NAME             VARCHAR(100) NOT NULL,
    INSUR_ORG_CODE       VARCHAR(12)        -- site: 医保医疗机构代码
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_general_ci;

CREATE TABLE IF NOT EXISTS his.DEPT_DICT (
    ORG_CODE             VARCHAR(10)  NOT NULL DEFAULT '01', -- site: 医共体成员机构 (ORG_DICT)
    SERIAL_NO            INT,
    DEPT_CODE            VARCHAR(20)  NOT NULL,
    DEPT_NAME            VARCHAR(100) NOT NULL,
    DEPT_ALIAS           VARCHAR(100),
    CLINIC_ATTR          VARCHAR(2),        -- 0 临床, 1 医技(辅诊), 2 护理单元, 9 行政/其他
    OUTP_OR_INP          VARCHAR(2),        -- 0 门诊, 1 住院, 2 门诊住院
    INTERNAL_OR_SERGERY  VARCHAR(2),        -- 0 内科, 1 外科 (the model's own spelling)
    INPUT_CODE           VARCHAR(20),
    STOP_INDICATOR       INT          NOT NULL DEFAULT 0,
    PRIMARY KEY (ORG_CODE, DEPT_CODE)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_general_ci;

CREATE TABLE IF NOT EXISTS his.STAFF_DICT (
    EMP_NO               VARCHAR(20)  NOT NULL PRIMARY KEY,
    DEPT_CODE            VARCHAR(20),
    NAME                 VARCHAR(100) NOT NULL,
    INPUT_CODE           VARCHAR(20),
    JOB                  VARCHAR(20),       -- 医生, 护士, 技术员, 行政
    TITLE                VARCHAR(50),
    USER_NAME            VARCHAR(50),
    ID_NO                VARCHAR(30),       -- site: 身份证号
    INSUR_DOCTOR_CODE    VARCHAR(30)        -- site: 国家医保医师/医技人员代码
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_general_ci;

CREATE TABLE IF NOT EXISTS his.PAT_MASTER_INDEX (
    PATIENT_ID           VARCHAR(20)  NOT NULL PRIMARY KEY,  -- also the 就诊卡号 printed on the card
    INP_NO               VARCHAR(20),       -- 住院号, once admitted
    NAME                 VARCHAR(100) NOT NULL,
    NAME_PHONETIC        VARCHAR(100),
    SEX                  VARCHAR(10),       -- 男 / 女 / 未知, as the model stores it
    DATE_OF_BIRTH        DATE,
    ID_NO                VARCHAR(30),
    CHARGE_TYPE          VARCHAR(20),       -- 自费, 职工医保, 居民医保
    INSURANCE_NO         VARCHAR(50),
    PHONE_NUMBER_HOME    VARCHAR(30),
    MOBILE_PHONE         VARCHAR(30),       -- site
    HEALTH_CARD_NO       VARCHAR(50),       -- site: 电子健康卡号
    MEDICARE_NO          VARCHAR(50),       -- site: 电子医保码号
    CREATE_DATE          DATETIME
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_general_ci;

-- One row per outpatient registration; key VISIT_DATE + VISIT_NO as in the model.
-- VISIT_DATE holds the booked slot's start time (site: 分时段预约).
CREATE TABLE IF NOT EXISTS his.CLINIC_MASTER (
    ORG_CODE             VARCHAR(10)  NOT NULL DEFAULT '01', -- site: 医共体成员机构 (ORG_DICT)
    VISIT_DATE           DATETIME     NOT NULL,
    VISIT_NO             INT          NOT NULL,
    CLINIC_LABEL         VARCHAR(50),
    VISIT_TIME_DESC      VARCHAR(10),       -- 上午 / 下午 / 晚间
    PATIENT_ID           VARCHAR(20)  NOT NULL,
    NAME                 VARCHAR(100),
    SEX                  VARCHAR(10),
    AGE                  INT,
    CHARGE_TYPE          VARCHAR(20),
    INSURANCE_NO         VARCHAR(50),
    CLINIC_TYPE          VARCHAR(20),       -- 普通, 专家, 急诊, 体检
    VISIT_DEPT           VARCHAR(20),
    DOCTOR               VARCHAR(100),
    DOCTOR_NO            VARCHAR(20),       -- site: STAFF_DICT.EMP_NO of the visiting doctor
    REGISTRATION_STATUS  VARCHAR(2),        -- 0 挂号, 1 已就诊
    REGISTERING_DATE     DATETIME     NOT NULL,
    REGIST_FEE           DECIMAL(12,2),
    OPERATOR             VARCHAR(20),
    RETURNED_DATE        DATETIME    ,      -- set when the registration is withdrawn (退号)
    RETURNED_OPERATOR    VARCHAR(20),
    PRIMARY KEY (VISIT_DATE, VISIT_NO),
    KEY IX_CLINIC_MASTER_VISIT_DATE (VISIT_DATE)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_general_ci;

-- One row per admission. REGISTER_DATE_TIME (site) is the admission registration (入院登记);
-- ADMISSION_DATE_TIME stays NULL while the patient waits for a bed.
CREATE TABLE IF NOT EXISTS his.PAT_VISIT (
    ORG_CODE             VARCHAR(10)  NOT NULL DEFAULT '01', -- site: 医共体成员机构 (ORG_DICT)
    PATIENT_ID           VARCHAR(20)  NOT NULL,
    VISIT_ID             INT          NOT NULL,
    REGISTER_DATE_TIME   DATETIME     NOT NULL,
    DEPT_ADMISSION_TO    VARCHAR(20),
    ADMISSION_DATE_TIME  DATETIME    ,
    DEPT_DISCHARGE_FROM  VARCHAR(20),
    DISCHARGE_DATE_TIME  DATETIME    ,
    CHARGE_TYPE          VARCHAR(20),
    INSURANCE_TYPE       VARCHAR(20),
    INSURANCE_NO         VARCHAR(50),
    PATIENT_CLASS        VARCHAR(20),
    ADMITTING_DOCTOR_NO  VARCHAR(20),       -- site
    DOCTOR_IN_CHARGE     VARCHAR(100),
    DIAGNOSIS_CODE       VARCHAR(20),       -- site: ICD-10 of the admission diagnosis
    DIAGNOSIS_NAME       VARCHAR(100),
    CANCEL_DATE_TIME     DATETIME    ,      -- site: admission cancelled (取消入院)
    PRIMARY KEY (PATIENT_ID, VISIT_ID),
    KEY IX_PAT_VISIT_DISCHARGE (DISCHARGE_DATE_TIME),
    KEY IX_PAT_VISIT_CANCEL (CANCEL_DATE_TIME)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_general_ci;

-- Patients now in a bed.
CREATE TABLE IF NOT EXISTS his.PATS_IN_HOSPITAL (
    PATIENT_ID           VARCHAR(20)  NOT NULL,
    VISIT_ID             INT          NOT NULL,
    WARD_CODE            VARCHAR(20),
    DEPT_CODE            VARCHAR(20),
    BED_NO               VARCHAR(20),
    ADMISSION_DATE_TIME  DATETIME    ,
    DIAGNOSIS            VARCHAR(200),
    DOCTOR_IN_CHARGE     VARCHAR(100),
    PRIMARY KEY (PATIENT_ID, VISIT_ID)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_general_ci;

CREATE TABLE IF NOT EXISTS his.EXAM_CLASS_DICT (
    EXAM_CLASS_CODE      VARCHAR(20)  NOT NULL PRIMARY KEY,
    EXAM_CLASS_NAME      VARCHAR(100) NOT NULL,
    MODALITY             VARCHAR(20),       -- site: the modality as PACS names it
    PERFORM_DEPT         VARCHAR(20)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_general_ci;

-- Clinic items; exam items are ITEM_CLASS 'D' (检查).
CREATE TABLE IF NOT EXISTS his.CLINIC_ITEM_DICT (
    ORG_CODE             VARCHAR(10)  NOT NULL DEFAULT '01', -- site: 医共体成员机构 (ORG_DICT)
    ITEM_CLASS           VARCHAR(10)  NOT NULL,
    ITEM_CODE            VARCHAR(50)  NOT NULL,
    ITEM_NAME            VARCHAR(100) NOT NULL,
    INPUT_CODE           VARCHAR(50),
    EXAM_CLASS_CODE      VARCHAR(20),       -- site
    BODY_PART            VARCHAR(100),      -- site: 检查部位
    STOP_INDICATOR       INT          NOT NULL DEFAULT 0,  -- 1 = retired (停用)
    PRIMARY KEY (ORG_CODE, ITEM_CLASS, ITEM_CODE)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_general_ci;

CREATE TABLE IF NOT EXISTS his.CLINIC_VS_CHARGE (
    ORG_CODE             VARCHAR(10)  NOT NULL DEFAULT '01', -- site: 医共体成员机构 (ORG_DICT)
    CLINIC_ITEM_CLASS    VARCHAR(10)   NOT NULL,
    CLINIC_ITEM_CODE     VARCHAR(50)   NOT NULL,
    CHARGE_ITEM_NO       INT           NOT NULL,
    CHARGE_ITEM_CLASS    VARCHAR(10)   NOT NULL,
    CHARGE_ITEM_CODE     VARCHAR(50)   NOT NULL,
    CHARGE_ITEM_SPEC     VARCHAR(50)   NOT NULL,
    AMOUNT               DECIMAL(10,2) NOT NULL,
    UNITS                VARCHAR(20),
    PRIMARY KEY (ORG_CODE, CLINIC_ITEM_CLASS, CLINIC_ITEM_CODE, CHARGE_ITEM_NO)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_general_ci;

CREATE TABLE IF NOT EXISTS his.PRICE_LIST (
    ORG_CODE             VARCHAR(10)  NOT NULL DEFAULT '01', -- site: 医共体成员机构 (ORG_DICT)
    ITEM_CLASS           VARCHAR(10)   NOT NULL,
    ITEM_CODE            VARCHAR(50)   NOT NULL,
    ITEM_SPEC            VARCHAR(50)   NOT NULL,
    ITEM_NAME            VARCHAR(100),
    UNITS                VARCHAR(20),
    PRICE                DECIMAL(12,2) NOT NULL,
    MED_LIST_CODG        VARCHAR(50),       -- site: 医疗目录编码 (national service item code)
    START_DATE           DATETIME      NOT NULL,
    STOP_DATE            DATETIME    ,
    PRIMARY KEY (ORG_CODE, ITEM_CLASS, ITEM_CODE, ITEM_SPEC, START_DATE)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_general_ci;

CREATE TABLE IF NOT EXISTS his.EXAM_MASTER (
    ORG_CODE             VARCHAR(10)  NOT NULL DEFAULT '01', -- site: 医共体成员机构 (ORG_DICT)
    EXAM_NO              VARCHAR(30)  NOT NULL PRIMARY KEY,  -- the accession number PACS shows
    APPLY_NO             VARCHAR(30),       -- site: 申请单号, the study order id
    PATIENT_ID           VARCHAR(20)  NOT NULL,
    PATIENT_SOURCE       VARCHAR(2),        -- 1 门诊, 2 住院
    VISIT_ID             INT,
    EXAM_CLASS_CODE      VARCHAR(20),
    REQ_DATE_TIME        DATETIME    ,
    REQ_DEPT             VARCHAR(20),
    REQ_PHYSICIAN        VARCHAR(100),
    PERFORMED_BY         VARCHAR(20),
    RESULT_STATUS        VARCHAR(2)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_general_ci;

CREATE TABLE IF NOT EXISTS his.EXAM_ITEMS (
    EXAM_NO              VARCHAR(30)   NOT NULL,
    EXAM_ITEM_NO         INT           NOT NULL,
    EXAM_ITEM            VARCHAR(100),
    EXAM_ITEM_CODE       VARCHAR(50),
    COSTS                DECIMAL(12,2),
    PRIMARY KEY (EXAM_NO, EXAM_ITEM_NO)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_general_ci;

-- Outpatient charges. INSUR_SETL_ID (site) is the 医保 settlement ID; NULL when self-paid.
CREATE TABLE IF NOT EXISTS his.OUTP_RCPT_MASTER (
    RCPT_NO              VARCHAR(30)   NOT NULL PRIMARY KEY,
    PATIENT_ID           VARCHAR(20)   NOT NULL,
    VISIT_DATE_TIME      DATETIME      NOT NULL,  -- when the charge was settled
    CHARGE_TYPE          VARCHAR(20),       -- 自费, 职工医保, 居民医保
    TOTAL_CHARGES        DECIMAL(12,2),
    INSUR_SETL_ID        VARCHAR(50),
    OPERATOR_NO          VARCHAR(20),
    KEY IX_OUTP_RCPT_MASTER_TIME (VISIT_DATE_TIME)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_general_ci;

CREATE TABLE IF NOT EXISTS his.OUTP_BILL_ITEMS (
    RCPT_NO              VARCHAR(30)   NOT NULL,
    ITEM_NO              INT           NOT NULL,
    ITEM_CLASS           VARCHAR(10),
    ITEM_CODE            VARCHAR(50),
    ITEM_NAME            VARCHAR(100),
    AMOUNT               DECIMAL(10,2),
    CHARGES              DECIMAL(12,2),
    EXAM_NO              VARCHAR(30),       -- site: the exam this line pays for
    EXAM_ITEM_NO         INT,
    MED_LIST_CODG        VARCHAR(50),       -- site
    INSUR_FEEDETL_SN     VARCHAR(50),       -- site: 医保费用明细流水号
    PRIMARY KEY (RCPT_NO, ITEM_NO)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_general_ci;

-- Inpatient settlement (at discharge) and the bill lines it settles.
CREATE TABLE IF NOT EXISTS his.INP_SETTLE_MASTER (
    RCPT_NO              VARCHAR(30)   NOT NULL PRIMARY KEY,
    PATIENT_ID           VARCHAR(20)   NOT NULL,
    VISIT_ID             INT           NOT NULL,
    SETTLING_DATE        DATETIME      NOT NULL,
    CHARGE_TYPE          VARCHAR(20),
    INSUR_SETL_ID        VARCHAR(50),
    KEY IX_INP_SETTLE_MASTER_DATE (SETTLING_DATE)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_general_ci;

CREATE TABLE IF NOT EXISTS his.INP_BILL_DETAIL (
    PATIENT_ID           VARCHAR(20)   NOT NULL,
    VISIT_ID             INT           NOT NULL,
    ITEM_NO              INT           NOT NULL,
    ITEM_CLASS           VARCHAR(10),
    ITEM_CODE            VARCHAR(50),
    ITEM_NAME            VARCHAR(100),
    AMOUNT               DECIMAL(10,2),
    CHARGES              DECIMAL(12,2),
    BILLING_DATE_TIME    DATETIME    ,
    RCPT_NO              VARCHAR(30),       -- INP_SETTLE_MASTER once settled
    EXAM_NO              VARCHAR(30),
    EXAM_ITEM_NO         INT,
    MED_LIST_CODG        VARCHAR(50),
    INSUR_FEEDETL_SN     VARCHAR(50),
    PRIMARY KEY (PATIENT_ID, VISIT_ID, ITEM_NO),
    KEY IX_INP_BILL_DETAIL_RCPT (RCPT_NO)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_general_ci;

-- Not part of any HIS: the demo's named edge cases, one dedicated patient each (see README).
CREATE TABLE IF NOT EXISTS his.demo_scenario (
    name                 VARCHAR(50)  NOT NULL PRIMARY KEY,
    patient_id           VARCHAR(20)  NOT NULL,
    accession_no         VARCHAR(30),
    description          VARCHAR(200) NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_general_ci;
