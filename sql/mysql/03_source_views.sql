-- =============================================================================
-- imgcloud provider · MySQL / MariaDB · 03_source_views.sql
-- Purpose : the source views: the ONE place that knows the HIS's own tables. Each turns
--           them into plainly typed columns (DATETIME date-times, date of birth as
--           DATE, prices as DECIMAL, flags as integer 0/1, codes as the HIS stores them,
--           except sex, converted here to GB/T 2261.1: 0 未知, 1 男, 2 女, 9 未说明).
--           The standard views (04) do everything the contract demands on top of these
--           (blank values to NULL, formats, windows), identically in every hospital.
--           Shipped: the mapping of the reference (军卫一号-style) HIS, whose tables the
--           demo creates in the database his (demo/01_his_schema.sql). A hospital writes
--           its own version of this file (same view names, columns and types) in the
--           folder configured by Database:SourceViewsPath, which then replaces this file
--           and is never overwritten by an upgrade. See sql/README.md.
-- Dialect : MySQL 5.7.7 or later and MariaDB 10.4 or later. Mirrors
--           sql/postgresql/03_source_views.sql. Strings are joined with CONCAT, never ||
--           (|| is OR in MySQL unless sql_mode has PIPES_AS_CONCAT); CONCAT gives NULL when
--           a part is NULL, as a key built from parts must.
-- Charset : utf8mb4 (SET NAMES below): the literals '男', '体检', '自费' are utf8mb4
--           whatever the server's default; a view keeps the connection's character set
--           it was created with.
-- Order   : every time, after 02 and before 04. Needs the HIS tables.
-- Re-run  : safe to run twice: CREATE OR REPLACE VIEW re-creates each view, whatever
--           changed, and keeps its grants.
-- Security: SQL SECURITY DEFINER, DEFINER = CURRENT_USER, deliberately: a view reads
--           the HIS tables with the rights of the account that ran this script (the
--           migrating account, which therefore needs SELECT on them), so the cloud's
--           and the provider's accounts need no right on any HIS table. That account
--           must keep existing (dropping it breaks every view: ERROR 1449).
-- Names   : HIS table names are case-sensitive on a Linux server: write them as the
--           HIS created them.
-- =============================================================================

SET NAMES utf8mb4 COLLATE utf8mb4_bin;

-- Patients (患者主索引): the identity columns both visit views carry, mapped once.
-- sex_code converts the HIS's own values to GB/T 2261.1.
CREATE OR REPLACE DEFINER = CURRENT_USER SQL SECURITY DEFINER VIEW imgcloud.src_patient AS
SELECT
    p.PATIENT_ID                                                     AS patient_id,
    p.ID_NO                                                          AS id_card_no,
    p.HEALTH_CARD_NO                                                 AS health_card_no,
    p.PATIENT_ID                                                     AS insurance_card_no,
    p.INP_NO                                                         AS inpatient_no,
    p.MEDICARE_NO                                                    AS medicare_no,
    p.MOBILE_PHONE                                                   AS mobile_phone,
    p.NAME                                                           AS patient_name,
    CASE p.SEX WHEN '男' THEN '1' WHEN '女' THEN '2' ELSE '0' END    AS sex_code,
    p.DATE_OF_BIRTH                                                  AS date_of_birth
FROM his.PAT_MASTER_INDEX p;

-- Outpatient registrations (门急诊挂号) and physical exams (体检).
-- visit_time must be the base table's own indexed column: the standard view's recency
-- window filters on it. visit_no is VISIT_DATE as yyyyMMdd followed by VISIT_NO padded
-- with zeros to five digits (a longer number is kept whole, never cut: LPAD would cut).
CREATE OR REPLACE DEFINER = CURRENT_USER SQL SECURITY DEFINER VIEW imgcloud.src_outpatient_visit AS
SELECT
    CONCAT(DATE_FORMAT(c.VISIT_DATE, '%Y%m%d'),
           REPEAT('0', 5 - CHAR_LENGTH(CAST(c.VISIT_NO AS CHAR))),
           CAST(c.VISIT_NO AS CHAR))                                 AS visit_no,
    CASE c.CLINIC_TYPE WHEN '体检' THEN '3' ELSE '1' END              AS patient_type,
    p.id_card_no, p.health_card_no, p.insurance_card_no, p.inpatient_no, p.medicare_no,
    p.mobile_phone, p.patient_name, p.sex_code, p.date_of_birth,
    c.REGISTERING_DATE                                               AS register_time,
    c.VISIT_DATE                                                     AS visit_time,
    c.VISIT_DEPT                                                     AS dept_code,
    d.DEPT_NAME                                                      AS dept_name,
    s.NAME                                                           AS doctor_name,
    s.EMP_NO                                                         AS doctor_his_uid,
    s.INSUR_DOCTOR_CODE                                              AS doctor_insurance_code,
    s.ID_NO                                                          AS doctor_id_card_no,
    CASE WHEN c.RETURNED_DATE IS NOT NULL THEN 1 ELSE 0 END          AS withdrawn,
    CASE WHEN c.REGISTRATION_STATUS = '1' THEN 1 ELSE 0 END          AS seen,
    CAST(NULL AS CHAR(20))                                           AS diagnosis_code,
    CAST(NULL AS CHAR(100))                                          AS diagnosis_name,
    og.INSUR_ORG_CODE                                                AS hospital_id
FROM his.CLINIC_MASTER c
JOIN imgcloud.src_patient p  ON p.patient_id = c.PATIENT_ID
LEFT JOIN his.DEPT_DICT d    ON d.DEPT_CODE  = c.VISIT_DEPT AND d.ORG_CODE = c.ORG_CODE
LEFT JOIN his.STAFF_DICT s   ON s.EMP_NO     = c.DOCTOR_NO
LEFT JOIN his.ORG_DICT og ON og.ORG_CODE = c.ORG_CODE;

-- Inpatient admissions (入院登记 .. 出院). admission_no must never equal an outpatient
-- visit_no: the reference HIS keys a stay by PATIENT_ID + VISIT_ID, written 'ZY' + both
-- (VISIT_ID padded to two digits, a longer one kept whole).
-- The window filters on discharge_time and cancel_time (indexed base columns).
CREATE OR REPLACE DEFINER = CURRENT_USER SQL SECURITY DEFINER VIEW imgcloud.src_inpatient_visit AS
SELECT
    CONCAT('ZY', v.PATIENT_ID,
           REPEAT('0', 2 - CHAR_LENGTH(CAST(v.VISIT_ID AS CHAR))),
           CAST(v.VISIT_ID AS CHAR))                                 AS admission_no,
    p.id_card_no, p.health_card_no, p.insurance_card_no, p.inpatient_no, p.medicare_no,
    p.mobile_phone, p.patient_name, p.sex_code, p.date_of_birth,
    v.REGISTER_DATE_TIME                                             AS register_time,
    v.ADMISSION_DATE_TIME                                            AS admission_time,
    v.DISCHARGE_DATE_TIME                                            AS discharge_time,
    v.CANCEL_DATE_TIME                                               AS cancel_time,
    v.DEPT_ADMISSION_TO                                              AS admit_dept_code,
    da.DEPT_NAME                                                     AS admit_dept_name,
    s.NAME                                                           AS admit_doctor_name,
    s.EMP_NO                                                         AS admit_doctor_his_uid,
    s.INSUR_DOCTOR_CODE                                              AS admit_doctor_insurance_code,
    s.ID_NO                                                          AS admit_doctor_id_card_no,
    COALESCE(h.DEPT_CODE, v.DEPT_DISCHARGE_FROM, v.DEPT_ADMISSION_TO) AS current_dept_code,
    dc.DEPT_NAME                                                     AS current_dept_name,
    h.WARD_CODE                                                      AS ward_no,
    h.BED_NO                                                         AS bed_no,
    v.DIAGNOSIS_CODE                                                 AS diagnosis_code,
    v.DIAGNOSIS_NAME                                                 AS diagnosis_name,
    og.INSUR_ORG_CODE                                                AS hospital_id
FROM his.PAT_VISIT v
JOIN imgcloud.src_patient p      ON p.patient_id = v.PATIENT_ID
LEFT JOIN his.PATS_IN_HOSPITAL h ON h.PATIENT_ID = v.PATIENT_ID AND h.VISIT_ID = v.VISIT_ID
LEFT JOIN his.DEPT_DICT da       ON da.DEPT_CODE = v.DEPT_ADMISSION_TO AND da.ORG_CODE = v.ORG_CODE
LEFT JOIN his.DEPT_DICT dc       ON dc.DEPT_CODE = COALESCE(h.DEPT_CODE, v.DEPT_DISCHARGE_FROM, v.DEPT_ADMISSION_TO) AND dc.ORG_CODE = v.ORG_CODE
LEFT JOIN his.STAFF_DICT s       ON s.EMP_NO     = v.ADMITTING_DOCTOR_NO
LEFT JOIN his.ORG_DICT og ON og.ORG_CODE = v.ORG_CODE;

-- Stays cancelled by status only (the optional src_inpatient_cancelled): not defined here.
-- This HIS gives every cancelled admission its CANCEL_DATE_TIME, so the standard views use
-- the empty default. A HIS that marks cancellations by a status alone, without a time,
-- defines it (sql/README.md, src_inpatient_cancelled).

-- Exam items (检查项目): clinic items of class 'D'. price is the sum of the charge items
-- the item is billed as, at their current prices ("now" is UTC plus the hospital's
-- offset, imgcloud.settings.utc_offset_minutes, as in 04). is_valid 0 = retired (停用).
-- source_type: 1 PACS, 2 HIS (this dictionary comes from the HIS).
CREATE OR REPLACE DEFINER = CURRENT_USER SQL SECURITY DEFINER VIEW imgcloud.src_exam_item AS
SELECT
    c.ITEM_CODE                                                      AS exam_code,
    c.ITEM_NAME                                                      AS exam_name,
    ec.MODALITY                                                      AS modality,
    c.BODY_PART                                                      AS body_part,
    (SELECT SUM(vs.AMOUNT * pl.PRICE)
       FROM his.CLINIC_VS_CHARGE vs
       JOIN his.PRICE_LIST pl
         ON pl.ORG_CODE   = vs.ORG_CODE
        AND pl.ITEM_CLASS = vs.CHARGE_ITEM_CLASS
        AND pl.ITEM_CODE  = vs.CHARGE_ITEM_CODE
        AND pl.ITEM_SPEC  = vs.CHARGE_ITEM_SPEC
       JOIN imgcloud.settings st ON st.id = 1
        AND pl.START_DATE <= UTC_TIMESTAMP() + INTERVAL st.utc_offset_minutes MINUTE
        AND (pl.STOP_DATE IS NULL OR pl.STOP_DATE > UTC_TIMESTAMP() + INTERVAL st.utc_offset_minutes MINUTE)
      WHERE vs.ORG_CODE          = c.ORG_CODE
        AND vs.CLINIC_ITEM_CLASS = c.ITEM_CLASS
        AND vs.CLINIC_ITEM_CODE  = c.ITEM_CODE)                      AS price,
    CASE WHEN c.STOP_INDICATOR = 1 THEN 0 ELSE 1 END                 AS is_valid,
    '2'                                                              AS source_type,
    og.INSUR_ORG_CODE                                                AS hospital_id
FROM his.CLINIC_ITEM_DICT c
LEFT JOIN his.EXAM_CLASS_DICT ec ON ec.EXAM_CLASS_CODE = c.EXAM_CLASS_CODE
LEFT JOIN his.ORG_DICT og ON og.ORG_CODE = c.ORG_CODE
WHERE c.ITEM_CLASS = 'D';

-- Imaging settlements, in two views: every settled bill line that pays for an exam,
-- outpatient (src_outpatient_settlement) and inpatient (src_inpatient_settlement), the same
-- columns in both. Two views, not one UNION ALL, on MySQL/MariaDB only: the server
-- materialises a view holding a UNION whole and does not push the standard view's window
-- into it (a bound read from imgcloud.settings is not a constant to it), so one view would
-- read the whole settlement history at every read; each of these is merged into
-- view_setlInfoList's arm, whose window then uses settle_time's index. Neither may hold a
-- UNION, GROUP BY, DISTINCT or aggregate (that would materialise it again). A HIS with one
-- settlement table maps it in one view and gives the other an empty SELECT ... WHERE 1 = 0.
-- settle_time must be the base table's own indexed column: the window filters on it.
-- self_paid 1 = no insurance settlement (the standard view writes the twenty-zero
-- placeholder). exam_item_code is what the examPart crosswalk is keyed on.
CREATE OR REPLACE DEFINER = CURRENT_USER SQL SECURITY DEFINER VIEW imgcloud.src_outpatient_settlement AS
SELECT
    em.EXAM_NO                                                       AS accession_no,
    em.APPLY_NO                                                      AS study_order_id,
    r.INSUR_SETL_ID                                                  AS setl_id,
    b.MED_LIST_CODG                                                  AS med_list_code,
    b.INSUR_FEEDETL_SN                                               AS fee_detail_sn,
    ei.EXAM_ITEM_CODE                                                AS exam_item_code,
    r.VISIT_DATE_TIME                                                AS settle_time,
    CASE WHEN r.CHARGE_TYPE = '自费' THEN 1 ELSE 0 END                AS self_paid,
    og.INSUR_ORG_CODE                                                AS hospital_id
FROM his.OUTP_RCPT_MASTER r
JOIN his.OUTP_BILL_ITEMS b ON b.RCPT_NO  = r.RCPT_NO
JOIN his.EXAM_MASTER em    ON em.EXAM_NO = b.EXAM_NO
JOIN his.EXAM_ITEMS ei     ON ei.EXAM_NO = b.EXAM_NO AND ei.EXAM_ITEM_NO = b.EXAM_ITEM_NO
LEFT JOIN his.ORG_DICT og ON og.ORG_CODE = em.ORG_CODE;

CREATE OR REPLACE DEFINER = CURRENT_USER SQL SECURITY DEFINER VIEW imgcloud.src_inpatient_settlement AS
SELECT
    em.EXAM_NO                                                       AS accession_no,
    em.APPLY_NO                                                      AS study_order_id,
    s.INSUR_SETL_ID                                                  AS setl_id,
    b.MED_LIST_CODG                                                  AS med_list_code,
    b.INSUR_FEEDETL_SN                                               AS fee_detail_sn,
    ei.EXAM_ITEM_CODE                                                AS exam_item_code,
    s.SETTLING_DATE                                                  AS settle_time,
    CASE WHEN s.CHARGE_TYPE = '自费' THEN 1 ELSE 0 END                AS self_paid,
    og.INSUR_ORG_CODE                                                AS hospital_id
FROM his.INP_SETTLE_MASTER s
JOIN his.INP_BILL_DETAIL b ON b.RCPT_NO  = s.RCPT_NO
JOIN his.EXAM_MASTER em    ON em.EXAM_NO = b.EXAM_NO
JOIN his.EXAM_ITEMS ei     ON ei.EXAM_NO = b.EXAM_NO AND ei.EXAM_ITEM_NO = b.EXAM_ITEM_NO
LEFT JOIN his.ORG_DICT og ON og.ORG_CODE = em.ORG_CODE;

-- Departments the cloud binds its plug-in to: active clinical (0) and 医技 (1) ones.
CREATE OR REPLACE DEFINER = CURRENT_USER SQL SECURITY DEFINER VIEW imgcloud.src_dept AS
SELECT
    d.DEPT_CODE                                                      AS dept_code,
    d.DEPT_NAME                                                      AS dept_name,
    d.DEPT_ALIAS                                                     AS remark,
    og.INSUR_ORG_CODE                                                AS hospital_id
FROM his.DEPT_DICT d
LEFT JOIN his.ORG_DICT og ON og.ORG_CODE = d.ORG_CODE
WHERE d.CLINIC_ATTR IN ('0', '1')
  AND d.STOP_INDICATOR = 0;
