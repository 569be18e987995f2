-- =============================================================================
-- imgcloud provider · Oracle · demo/01_his_schema.sql
-- Purpose : the reference HIS of the demo hospital, in schema (user) HIS. NOT something
--           a hospital runs: a hospital already has its HIS. Table and column names
--           follow the widely copied 军卫一号 data model (PAT_MASTER_INDEX,
--           CLINIC_MASTER, PAT_VISIT, ...), exactly as sql/postgresql/demo/01_his_schema.sql
--           has them. Columns marked site are the kind of additions real sites made
--           for national insurance (医保) and appointment scheduling. Names are
--           unquoted, so Oracle stores them in upper case (HIS.CLINIC_MASTER.VISIT_DATE).
-- Dialect : Oracle 11g R2 or later; DM8 in Oracle mode. VARCHAR2 lengths are in bytes
--           (Oracle's default): a Chinese character takes 3 bytes in AL32UTF8 and 2 in
--           ZHS16GBK; the demo's values fit.
-- Format  : SQL*Plus style: EVERY statement ends with a line holding only a slash; a
--           PL/SQL block ends with END; and then the slash line. No blank line inside
--           a statement, no substitution variable, no ampersand anywhere.
-- Order   : after 01_imgcloud_schema.sql, before 03_source_views.sql, which maps these
--           tables (and grants IMGCLOUD the right to read them).
-- Re-run  : safe to run twice: the user, each table and each index are created only if
--           absent (PL/SQL checks dba_users, all_tables, all_indexes); rows are never
--           touched.
-- Run as  : a DBA account. The user HIS is created ACCOUNT LOCK with a random password
--           generated here (DBMS_RANDOM), never shown, and an unlimited quota on its
--           default tablespace.
-- Dates   : date-times are DATE (which holds the time to the second), hospital local
--           time without a zone, as HIS databases on Oracle store them; DATE_OF_BIRTH
--           too.
-- =============================================================================

DECLARE
    n  NUMBER;
    ts VARCHAR2(30);
BEGIN
    SELECT COUNT(*) INTO n FROM dba_users WHERE username = 'HIS';
    IF n = 0 THEN
        EXECUTE IMMEDIATE 'CREATE USER his IDENTIFIED BY Ic'
            || DBMS_RANDOM.STRING('X', 22) || 'z_9#8 ACCOUNT LOCK';
        SELECT default_tablespace INTO ts FROM dba_users WHERE username = 'HIS';
        EXECUTE IMMEDIATE 'ALTER USER his QUOTA UNLIMITED ON ' || ts;
    END IF;
END;
/

-- The institutions of the HIS (site: a county medical community 医共体 keeps its lead
-- hospital and its community centres in one database; the dictionaries and the visits carry
-- ORG_CODE, and codes overlap between institutions). INSUR_ORG_CODE is the institution's
-- 医保 code (hospitalld); the demo leaves the lead hospital's NULL, so its rows take
-- imgcloud.settings.hospital_id, as a HIS with one institution does.
DECLARE
    n NUMBER;
BEGIN
    SELECT COUNT(*) INTO n FROM all_tables WHERE owner = 'HIS' AND table_name = 'ORG_DICT';
    IF n = 0 THEN
        EXECUTE IMMEDIATE 'CREATE TABLE his.ORG_DICT (
    ORG_CODE             VARCHAR2(10)  NOT NULL PRIMARY KEY,
    ORG_NAME             VARCHAR2(100) NOT NULL,
    INSUR_ORG_CODE       VARCHAR2(12)                      -- site: 医保医疗机构代码
)';
    END IF;
END;
/

DECLARE
    n NUMBER;
BEGIN
    SELECT COUNT(*) INTO n FROM all_tables WHERE owner = 'HIS' AND table_name = 'DEPT_DICT';
    IF n = 0 THEN
        EXECUTE IMMEDIATE 'CREATE TABLE his.DEPT_DICT (
    ORG_CODE             VARCHAR2(10)  DEFAULT ''01'' NOT NULL, -- site: 医共体成员机构 (ORG_DICT)
    SERIAL_NO            NUMBER(10),
    DEPT_CODE            VARCHAR2(20)  NOT NULL,
    DEPT_NAME            VARCHAR2(100) NOT NULL,
    DEPT_ALIAS           VARCHAR2(100),
    CLINIC_ATTR          VARCHAR2(2),                      -- 0 临床, 1 医技(辅诊), 2 护理单元, 9 行政/其他
    OUTP_OR_INP          VARCHAR2(2),                      -- 0 门诊, 1 住院, 2 门诊住院
    INTERNAL_OR_SERGERY  VARCHAR2(2),                      -- 0 内科, 1 外科 (the model own spelling)
    INPUT_CODE           VARCHAR2(20),
    STOP_INDICATOR       NUMBER(10)    DEFAULT 0 NOT NULL,
    PRIMARY KEY (ORG_CODE, DEPT_CODE)
)';
    END IF;
END;
/

DECLARE
    n NUMBER;
BEGIN
    SELECT COUNT(*) INTO n FROM all_tables WHERE owner = 'HIS' AND table_name = 'STAFF_DICT';
    IF n = 0 THEN
        EXECUTE IMMEDIATE 'CREATE TABLE his.STAFF_DICT (
    EMP_NO               VARCHAR2(20)  NOT NULL PRIMARY KEY,
    DEPT_CODE            VARCHAR2(20),
    NAME                 VARCHAR2(100) NOT NULL,
    INPUT_CODE           VARCHAR2(20),
    JOB                  VARCHAR2(20),                     -- 医生, 护士, 技术员, 行政
    TITLE                VARCHAR2(50),
    USER_NAME            VARCHAR2(50),
    ID_NO                VARCHAR2(30),                     -- site: 身份证号
    INSUR_DOCTOR_CODE    VARCHAR2(30)                      -- site: 国家医保医师/医技人员代码
)';
    END IF;
END;
/

DECLARE
    n NUMBER;
BEGIN
    SELECT COUNT(*) INTO n FROM all_tables WHERE owner = 'HIS' AND table_name = 'PAT_MASTER_INDEX';
    IF n = 0 THEN
        EXECUTE IMMEDIATE 'CREATE TABLE his.PAT_MASTER_INDEX (
    PATIENT_ID           VARCHAR2(20)  NOT NULL PRIMARY KEY, -- also the 就诊卡号 printed on the card
    INP_NO               VARCHAR2(20),                     -- 住院号, once admitted
    NAME                 VARCHAR2(100) NOT NULL,
    NAME_PHONETIC        VARCHAR2(100),
    SEX                  VARCHAR2(10),                     -- 男 / 女 / 未知, as the model stores it
    DATE_OF_BIRTH        DATE,
    ID_NO                VARCHAR2(30),
    CHARGE_TYPE          VARCHAR2(20),                     -- 自费, 职工医保, 居民医保
    INSURANCE_NO         VARCHAR2(50),
    PHONE_NUMBER_HOME    VARCHAR2(30),
    MOBILE_PHONE         VARCHAR2(30),                     -- site
    HEALTH_CARD_NO       VARCHAR2(50),                     -- site: 电子健康卡号
    MEDICARE_NO          VARCHAR2(50),                     -- site: 电子医保码号
    CREATE_DATE          DATE
)';
    END IF;
END;
/

-- One row per outpatient registration; key VISIT_DATE + VISIT_NO as in the model.
-- VISIT_DATE holds the booked slot's start time (site: 分时段预约).
DECLARE
    n NUMBER;
BEGIN
    SELECT COUNT(*) INTO n FROM all_tables WHERE owner = 'HIS' AND table_name = 'CLINIC_MASTER';
    IF n = 0 THEN
        EXECUTE IMMEDIATE 'CREATE TABLE his.CLINIC_MASTER (
    ORG_CODE             VARCHAR2(10)  DEFAULT ''01'' NOT NULL, -- site: 医共体成员机构 (ORG_DICT)
    VISIT_DATE           DATE          NOT NULL,
    VISIT_NO             NUMBER(10)    NOT NULL,
    CLINIC_LABEL         VARCHAR2(50),
    VISIT_TIME_DESC      VARCHAR2(10),                     -- 上午 / 下午 / 晚间
    PATIENT_ID           VARCHAR2(20)  NOT NULL,
    NAME                 VARCHAR2(100),
    SEX                  VARCHAR2(10),
    AGE                  NUMBER(10),
    CHARGE_TYPE          VARCHAR2(20),
    INSURANCE_NO         VARCHAR2(50),
    CLINIC_TYPE          VARCHAR2(20),                     -- 普通, 专家, 急诊, 体检
    VISIT_DEPT           VARCHAR2(20),
    DOCTOR               VARCHAR2(100),
    DOCTOR_NO            VARCHAR2(20),                     -- site: STAFF_DICT.EMP_NO of the visiting doctor
    REGISTRATION_STATUS  VARCHAR2(2),                      -- 0 挂号, 1 已就诊
    REGISTERING_DATE     DATE          NOT NULL,
    REGIST_FEE           NUMBER(12,2),
    OPERATOR             VARCHAR2(20),
    RETURNED_DATE        DATE,                             -- set when the registration is withdrawn (退号)
    RETURNED_OPERATOR    VARCHAR2(20),
    PRIMARY KEY (VISIT_DATE, VISIT_NO)
)';
    END IF;
END;
/
DECLARE
    n NUMBER;
BEGIN
    SELECT COUNT(*) INTO n FROM all_indexes WHERE owner = 'HIS' AND index_name = 'IX_CLINIC_MASTER_VISIT_DATE';
    IF n = 0 THEN
        EXECUTE IMMEDIATE 'CREATE INDEX his.IX_CLINIC_MASTER_VISIT_DATE ON his.CLINIC_MASTER (VISIT_DATE)';
    END IF;
END;
/

-- One row per admission. REGISTER_DATE_TIME (site) is the admission registration (入院登记),
-- and ADMISSION_DATE_TIME stays NULL while the patient waits for a bed.
DECLARE
    n NUMBER;
BEGIN
    SELECT COUNT(*) INTO n FROM all_tables WHERE owner = 'HIS' AND table_name = 'PAT_VISIT';
    IF n = 0 THEN
        EXECUTE IMMEDIATE 'CREATE TABLE his.PAT_VISIT (
    ORG_CODE             VARCHAR2(10)  DEFAULT ''01'' NOT NULL, -- site: 医共体成员机构 (ORG_DICT)
    PATIENT_ID           VARCHAR2(20)  NOT NULL,
    VISIT_ID             NUMBER(10)    NOT NULL,
    REGISTER_DATE_TIME   DATE          NOT NULL,
    DEPT_ADMISSION_TO    VARCHAR2(20),
    ADMISSION_DATE_TIME  DATE,
    DEPT_DISCHARGE_FROM  VARCHAR2(20),
    DISCHARGE_DATE_TIME  DATE,
    CHARGE_TYPE          VARCHAR2(20),
    INSURANCE_TYPE       VARCHAR2(20),
    INSURANCE_NO         VARCHAR2(50),
    PATIENT_CLASS        VARCHAR2(20),
    ADMITTING_DOCTOR_NO  VARCHAR2(20),                     -- site
    DOCTOR_IN_CHARGE     VARCHAR2(100),
    DIAGNOSIS_CODE       VARCHAR2(20),                     -- site: ICD-10 of the admission diagnosis
    DIAGNOSIS_NAME       VARCHAR2(100),
    CANCEL_DATE_TIME     DATE,                             -- site: admission cancelled (取消入院)
    PRIMARY KEY (PATIENT_ID, VISIT_ID)
)';
    END IF;
END;
/
DECLARE
    n NUMBER;
BEGIN
    SELECT COUNT(*) INTO n FROM all_indexes WHERE owner = 'HIS' AND index_name = 'IX_PAT_VISIT_DISCHARGE';
    IF n = 0 THEN
        EXECUTE IMMEDIATE 'CREATE INDEX his.IX_PAT_VISIT_DISCHARGE ON his.PAT_VISIT (DISCHARGE_DATE_TIME)';
    END IF;
END;
/
DECLARE
    n NUMBER;
BEGIN
    SELECT COUNT(*) INTO n FROM all_indexes WHERE owner = 'HIS' AND index_name = 'IX_PAT_VISIT_CANCEL';
    IF n = 0 THEN
        EXECUTE IMMEDIATE 'CREATE INDEX his.IX_PAT_VISIT_CANCEL ON his.PAT_VISIT (CANCEL_DATE_TIME)';
    END IF;
END;
/

-- Patients now in a bed.
DECLARE
    n NUMBER;
BEGIN
    SELECT COUNT(*) INTO n FROM all_tables WHERE owner = 'HIS' AND table_name = 'PATS_IN_HOSPITAL';
    IF n = 0 THEN
        EXECUTE IMMEDIATE 'CREATE TABLE his.PATS_IN_HOSPITAL (
    PATIENT_ID           VARCHAR2(20)  NOT NULL,
    VISIT_ID             NUMBER(10)    NOT NULL,
    WARD_CODE            VARCHAR2(20),
    DEPT_CODE            VARCHAR2(20),
    BED_NO               VARCHAR2(20),
    ADMISSION_DATE_TIME  DATE,
    DIAGNOSIS            VARCHAR2(200),
    DOCTOR_IN_CHARGE     VARCHAR2(100),
    PRIMARY KEY (PATIENT_ID, VISIT_ID)
)';
    END IF;
END;
/

DECLARE
    n NUMBER;
BEGIN
    SELECT COUNT(*) INTO n FROM all_tables WHERE owner = 'HIS' AND table_name = 'EXAM_CLASS_DICT';
    IF n = 0 THEN
        EXECUTE IMMEDIATE 'CREATE TABLE his.EXAM_CLASS_DICT (
    EXAM_CLASS_CODE      VARCHAR2(20)  NOT NULL PRIMARY KEY,
    EXAM_CLASS_NAME      VARCHAR2(100) NOT NULL,
    MODALITY             VARCHAR2(20),                     -- site: the modality as PACS names it
    PERFORM_DEPT         VARCHAR2(20)
)';
    END IF;
END;
/

-- Clinic items; exam items are ITEM_CLASS 'D' (检查).
DECLARE
    n NUMBER;
BEGIN
    SELECT COUNT(*) INTO n FROM all_tables WHERE owner = 'HIS' AND table_name = 'CLINIC_ITEM_DICT';
    IF n = 0 THEN
        EXECUTE IMMEDIATE 'CREATE TABLE his.CLINIC_ITEM_DICT (
    ORG_CODE             VARCHAR2(10)  DEFAULT ''01'' NOT NULL, -- site: 医共体成员机构 (ORG_DICT)
    ITEM_CLASS           VARCHAR2(10)  NOT NULL,
    ITEM_CODE            VARCHAR2(50)  NOT NULL,
    ITEM_NAME            VARCHAR2(100) NOT NULL,
    INPUT_CODE           VARCHAR2(50),
    EXAM_CLASS_CODE      VARCHAR2(20),                     -- site
    BODY_PART            VARCHAR2(100),                    -- site: 检查部位
    STOP_INDICATOR       NUMBER(10)    DEFAULT 0 NOT NULL, -- 1 = retired (停用)
    PRIMARY KEY (ORG_CODE, ITEM_CLASS, ITEM_CODE)
)';
    END IF;
END;
/

DECLARE
    n NUMBER;
BEGIN
    SELECT COUNT(*) INTO n FROM all_tables WHERE owner = 'HIS' AND table_name = 'CLINIC_VS_CHARGE';
    IF n = 0 THEN
        EXECUTE IMMEDIATE 'CREATE TABLE his.CLINIC_VS_CHARGE (
    ORG_CODE             VARCHAR2(10)  DEFAULT ''01'' NOT NULL, -- site: 医共体成员机构 (ORG_DICT)
    CLINIC_ITEM_CLASS    VARCHAR2(10)  NOT NULL,
    CLINIC_ITEM_CODE     VARCHAR2(50)  NOT NULL,
    CHARGE_ITEM_NO       NUMBER(10)    NOT NULL,
    CHARGE_ITEM_CLASS    VARCHAR2(10)  NOT NULL,
    CHARGE_ITEM_CODE     VARCHAR2(50)  NOT NULL,
    CHARGE_ITEM_SPEC     VARCHAR2(50)  NOT NULL,
    AMOUNT               NUMBER(10,2)  NOT NULL,
    UNITS                VARCHAR2(20),
    PRIMARY KEY (ORG_CODE, CLINIC_ITEM_CLASS, CLINIC_ITEM_CODE, CHARGE_ITEM_NO)
)';
    END IF;
END;
/

DECLARE
    n NUMBER;
BEGIN
    SELECT COUNT(*) INTO n FROM all_tables WHERE owner = 'HIS' AND table_name = 'PRICE_LIST';
    IF n = 0 THEN
        EXECUTE IMMEDIATE 'CREATE TABLE his.PRICE_LIST (
    ORG_CODE             VARCHAR2(10)  DEFAULT ''01'' NOT NULL, -- site: 医共体成员机构 (ORG_DICT)
    ITEM_CLASS           VARCHAR2(10)  NOT NULL,
    ITEM_CODE            VARCHAR2(50)  NOT NULL,
    ITEM_SPEC            VARCHAR2(50)  NOT NULL,
    ITEM_NAME            VARCHAR2(100),
    UNITS                VARCHAR2(20),
    PRICE                NUMBER(12,2)  NOT NULL,
    MED_LIST_CODG        VARCHAR2(50),                     -- site: 医疗目录编码 (national service item code)
    START_DATE           DATE          NOT NULL,
    STOP_DATE            DATE,
    PRIMARY KEY (ORG_CODE, ITEM_CLASS, ITEM_CODE, ITEM_SPEC, START_DATE)
)';
    END IF;
END;
/

DECLARE
    n NUMBER;
BEGIN
    SELECT COUNT(*) INTO n FROM all_tables WHERE owner = 'HIS' AND table_name = 'EXAM_MASTER';
    IF n = 0 THEN
        EXECUTE IMMEDIATE 'CREATE TABLE his.EXAM_MASTER (
    ORG_CODE             VARCHAR2(10)  DEFAULT ''01'' NOT NULL, -- site: 医共体成员机构 (ORG_DICT)
    EXAM_NO              VARCHAR2(30)  NOT NULL PRIMARY KEY, -- the accession number PACS shows
    APPLY_NO             VARCHAR2(30),                     -- site: 申请单号, the study order id
    PATIENT_ID           VARCHAR2(20)  NOT NULL,
    PATIENT_SOURCE       VARCHAR2(2),                      -- 1 门诊, 2 住院
    VISIT_ID             NUMBER(10),
    EXAM_CLASS_CODE      VARCHAR2(20),
    REQ_DATE_TIME        DATE,
    REQ_DEPT             VARCHAR2(20),
    REQ_PHYSICIAN        VARCHAR2(100),
    PERFORMED_BY         VARCHAR2(20),
    RESULT_STATUS        VARCHAR2(2)
)';
    END IF;
END;
/

DECLARE
    n NUMBER;
BEGIN
    SELECT COUNT(*) INTO n FROM all_tables WHERE owner = 'HIS' AND table_name = 'EXAM_ITEMS';
    IF n = 0 THEN
        EXECUTE IMMEDIATE 'CREATE TABLE his.EXAM_ITEMS (
    EXAM_NO              VARCHAR2(30)  NOT NULL,
    EXAM_ITEM_NO         NUMBER(10)    NOT NULL,
    EXAM_ITEM            VARCHAR2(100),
    EXAM_ITEM_CODE       VARCHAR2(50),
    COSTS                NUMBER(12,2),
    PRIMARY KEY (EXAM_NO, EXAM_ITEM_NO)
)';
    END IF;
END;
/

-- Outpatient charges. INSUR_SETL_ID (site) is the 医保 settlement ID; NULL when self-paid.
DECLARE
    n NUMBER;
BEGIN
    SELECT COUNT(*) INTO n FROM all_tables WHERE owner = 'HIS' AND table_name = 'OUTP_RCPT_MASTER';
    IF n = 0 THEN
        EXECUTE IMMEDIATE 'CREATE TABLE his.OUTP_RCPT_MASTER (
    RCPT_NO              VARCHAR2(30)  NOT NULL PRIMARY KEY,
    PATIENT_ID           VARCHAR2(20)  NOT NULL,
    VISIT_DATE_TIME      DATE          NOT NULL,           -- when the charge was settled
    CHARGE_TYPE          VARCHAR2(20),                     -- 自费, 职工医保, 居民医保
    TOTAL_CHARGES        NUMBER(12,2),
    INSUR_SETL_ID        VARCHAR2(50),
    OPERATOR_NO          VARCHAR2(20)
)';
    END IF;
END;
/
DECLARE
    n NUMBER;
BEGIN
    SELECT COUNT(*) INTO n FROM all_indexes WHERE owner = 'HIS' AND index_name = 'IX_OUTP_RCPT_MASTER_TIME';
    IF n = 0 THEN
        EXECUTE IMMEDIATE 'CREATE INDEX his.IX_OUTP_RCPT_MASTER_TIME ON his.OUTP_RCPT_MASTER (VISIT_DATE_TIME)';
    END IF;
END;
/

DECLARE
    n NUMBER;
BEGIN
    SELECT COUNT(*) INTO n FROM all_tables WHERE owner = 'HIS' AND table_name = 'OUTP_BILL_ITEMS';
    IF n = 0 THEN
        EXECUTE IMMEDIATE 'CREATE TABLE his.OUTP_BILL_ITEMS (
    RCPT_NO              VARCHAR2(30)  NOT NULL,
    ITEM_NO              NUMBER(10)    NOT NULL,
    ITEM_CLASS           VARCHAR2(10),
    ITEM_CODE            VARCHAR2(50),
    ITEM_NAME            VARCHAR2(100),
    AMOUNT               NUMBER(10,2),
    CHARGES              NUMBER(12,2),
    EXAM_NO              VARCHAR2(30),                     -- site: the exam this line pays for
    EXAM_ITEM_NO         NUMBER(10),
    MED_LIST_CODG        VARCHAR2(50),                     -- site
    INSUR_FEEDETL_SN     VARCHAR2(50),                     -- site: 医保费用明细流水号
    PRIMARY KEY (RCPT_NO, ITEM_NO)
)';
    END IF;
END;
/

-- Inpatient settlement (at discharge) and the bill lines it settles.
DECLARE
    n NUMBER;
BEGIN
    SELECT COUNT(*) INTO n FROM all_tables WHERE owner = 'HIS' AND table_name = 'INP_SETTLE_MASTER';
    IF n = 0 THEN
        EXECUTE IMMEDIATE 'CREATE TABLE his.INP_SETTLE_MASTER (
    RCPT_NO              VARCHAR2(30)  NOT NULL PRIMARY KEY,
    PATIENT_ID           VARCHAR2(20)  NOT NULL,
    VISIT_ID             NUMBER(10)    NOT NULL,
    SETTLING_DATE        DATE          NOT NULL,
    CHARGE_TYPE          VARCHAR2(20),
    INSUR_SETL_ID        VARCHAR2(50)
)';
    END IF;
END;
/
DECLARE
    n NUMBER;
BEGIN
    SELECT COUNT(*) INTO n FROM all_indexes WHERE owner = 'HIS' AND index_name = 'IX_INP_SETTLE_MASTER_DATE';
    IF n = 0 THEN
        EXECUTE IMMEDIATE 'CREATE INDEX his.IX_INP_SETTLE_MASTER_DATE ON his.INP_SETTLE_MASTER (SETTLING_DATE)';
    END IF;
END;
/

DECLARE
    n NUMBER;
BEGIN
    SELECT COUNT(*) INTO n FROM all_tables WHERE owner = 'HIS' AND table_name = 'INP_BILL_DETAIL';
    IF n = 0 THEN
        EXECUTE IMMEDIATE 'CREATE TABLE his.INP_BILL_DETAIL (
    PATIENT_ID           VARCHAR2(20)  NOT NULL,
    VISIT_ID             NUMBER(10)    NOT NULL,
    ITEM_NO              NUMBER(10)    NOT NULL,
    ITEM_CLASS           VARCHAR2(10),
    ITEM_CODE            VARCHAR2(50),
    ITEM_NAME            VARCHAR2(100),
    AMOUNT               NUMBER(10,2),
    CHARGES              NUMBER(12,2),
    BILLING_DATE_TIME    DATE,
    RCPT_NO              VARCHAR2(30),                     -- INP_SETTLE_MASTER once settled
    EXAM_NO              VARCHAR2(30),
    EXAM_ITEM_NO         NUMBER(10),
    MED_LIST_CODG        VARCHAR2(50),
    INSUR_FEEDETL_SN     VARCHAR2(50),
    PRIMARY KEY (PATIENT_ID, VISIT_ID, ITEM_NO)
)';
    END IF;
END;
/
DECLARE
    n NUMBER;
BEGIN
    SELECT COUNT(*) INTO n FROM all_indexes WHERE owner = 'HIS' AND index_name = 'IX_INP_BILL_DETAIL_RCPT';
    IF n = 0 THEN
        EXECUTE IMMEDIATE 'CREATE INDEX his.IX_INP_BILL_DETAIL_RCPT ON his.INP_BILL_DETAIL (RCPT_NO)';
    END IF;
END;
/

-- Not part of any HIS: the demo's named edge cases, one dedicated patient each (see README).
DECLARE
    n NUMBER;
BEGIN
    SELECT COUNT(*) INTO n FROM all_tables WHERE owner = 'HIS' AND table_name = 'DEMO_SCENARIO';
    IF n = 0 THEN
        EXECUTE IMMEDIATE 'CREATE TABLE his.demo_scenario (
    name                 VARCHAR2(50)  NOT NULL PRIMARY KEY,
    patient_id           VARCHAR2(20)  NOT NULL,
    accession_no         VARCHAR2(30),
    description          VARCHAR2(200) NOT NULL
)';
    END IF;
END;
/
