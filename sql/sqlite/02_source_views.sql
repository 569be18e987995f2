-- =============================================================================
-- imgcloud provider · SQLite · 02_source_views.sql
-- Purpose : the source views: the ONE place that knows the HIS's own tables. Each turns
--           them into plainly typed columns (native date-times, prices as numbers, codes
--           as the HIS stores them, except sex, converted here to GB/T 2261.1:
--           0 未知, 1 男, 2 女, 9 未说明). The standard views (03) do everything the
--           contract demands on top of these, identically in every hospital.
--           Shipped: the mapping of the reference (军卫一号-style) HIS. A hospital writes
--           its own version of this file with the same view names and columns.
-- Order   : after 01_imgcloud_tables.sql and the HIS tables; before 03_standard_views.sql.
-- Re-run  : safe to run twice: each view is dropped and created again.
-- =============================================================================

-- Patients (患者主索引): the identity columns both visit views carry, mapped once.
-- sex_code converts the HIS's own values to GB/T 2261.1.
DROP VIEW IF EXISTS src_patient;
CREATE VIEW src_patient AS
SELECT
    p.PATIENT_ID                                                     AS patient_id,
    p.ID_NO                                                          AS id_card_no,
    p.HEALTH_CARD_NO                                                 AS health_card_no,
    p.PATIENT_ID                                                     AS insurance_card_no,
    p.INP_NO                                                         AS inpatient_no,
    p.MEDICARE_NO                                                    AS medicare_no,
    p.MOBILE_PHONE                                                   AS mobile_phone,
    p.NAME                                                           AS patient_name,
    CASE p.SEX WHEN '男' THEN '1' WHEN '女' THEN '2' ELSE '0' END       AS sex_code,
    p.DATE_OF_BIRTH                                                  AS date_of_birth
FROM PAT_MASTER_INDEX p;

-- Outpatient registrations (门急诊挂号) and physical exams (体检).
-- visit_time must be the base table's own indexed column: the standard view's recency
-- window filters on it.
DROP VIEW IF EXISTS src_outpatient_visit;
CREATE VIEW src_outpatient_visit AS
SELECT
    strftime('%Y%m%d', c.VISIT_DATE) || printf('%05d', c.VISIT_NO) AS visit_no,
    CASE c.CLINIC_TYPE WHEN '体检' THEN '3' ELSE '1' END               AS patient_type,
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
    NULL                                                             AS diagnosis_code,
    NULL                                                             AS diagnosis_name,
    og.INSUR_ORG_CODE                                                AS hospital_id
FROM CLINIC_MASTER c
JOIN src_patient p     ON p.patient_id = c.PATIENT_ID
LEFT JOIN DEPT_DICT d   ON d.DEPT_CODE  = c.VISIT_DEPT AND d.ORG_CODE = c.ORG_CODE
LEFT JOIN STAFF_DICT s  ON s.EMP_NO     = c.DOCTOR_NO
LEFT JOIN ORG_DICT og ON og.ORG_CODE = c.ORG_CODE;

-- Inpatient admissions (入院登记 .. 出院). admission_no must never equal an outpatient
-- visit_no: the reference HIS keys a stay by PATIENT_ID + VISIT_ID, written 'ZY' + both.
-- The window filters on discharge_time and cancel_time (indexed base columns).
DROP VIEW IF EXISTS src_inpatient_visit;
CREATE VIEW src_inpatient_visit AS
SELECT
    'ZY' || v.PATIENT_ID || printf('%02d', v.VISIT_ID)               AS admission_no,
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
FROM PAT_VISIT v
JOIN src_patient p           ON p.patient_id = v.PATIENT_ID
LEFT JOIN PATS_IN_HOSPITAL h ON h.PATIENT_ID = v.PATIENT_ID AND h.VISIT_ID = v.VISIT_ID
LEFT JOIN DEPT_DICT da       ON da.DEPT_CODE = v.DEPT_ADMISSION_TO AND da.ORG_CODE = v.ORG_CODE
LEFT JOIN DEPT_DICT dc       ON dc.DEPT_CODE = COALESCE(h.DEPT_CODE, v.DEPT_DISCHARGE_FROM, v.DEPT_ADMISSION_TO) AND dc.ORG_CODE = v.ORG_CODE
LEFT JOIN STAFF_DICT s       ON s.EMP_NO     = v.ADMITTING_DOCTOR_NO
LEFT JOIN ORG_DICT og ON og.ORG_CODE = v.ORG_CODE;

-- Stays cancelled by status only (src_inpatient_cancelled, optional): this HIS gives every
-- cancelled admission its CANCEL_DATE_TIME, so it leaves that view to the empty default of
-- 03 (dropped here, so that no older definition lingers).
DROP VIEW IF EXISTS src_inpatient_cancelled;

-- Exam items (检查项目): clinic items of class 'D'. price is the sum of the charge items
-- the item is billed as, at their current prices. is_valid 0 = retired (停用).
-- source_type: 1 PACS, 2 HIS (this dictionary comes from the HIS).
DROP VIEW IF EXISTS src_exam_item;
CREATE VIEW src_exam_item AS
SELECT
    c.ITEM_CODE                                                      AS exam_code,
    c.ITEM_NAME                                                      AS exam_name,
    ec.MODALITY                                                      AS modality,
    c.BODY_PART                                                      AS body_part,
    (SELECT SUM(vs.AMOUNT * pl.PRICE)
       FROM CLINIC_VS_CHARGE vs
       JOIN PRICE_LIST pl
         ON pl.ORG_CODE   = vs.ORG_CODE
        AND pl.ITEM_CLASS = vs.CHARGE_ITEM_CLASS
        AND pl.ITEM_CODE  = vs.CHARGE_ITEM_CODE
        AND pl.ITEM_SPEC  = vs.CHARGE_ITEM_SPEC
        AND pl.START_DATE <= (SELECT datetime('now', utc_offset_minutes || ' minutes') FROM imgcloud_settings)
        AND (pl.STOP_DATE IS NULL OR pl.STOP_DATE > (SELECT datetime('now', utc_offset_minutes || ' minutes') FROM imgcloud_settings))
      WHERE vs.ORG_CODE          = c.ORG_CODE
        AND vs.CLINIC_ITEM_CLASS = c.ITEM_CLASS
        AND vs.CLINIC_ITEM_CODE  = c.ITEM_CODE)                      AS price,
    CASE WHEN c.STOP_INDICATOR = 1 THEN 0 ELSE 1 END                 AS is_valid,
    '2'                                                              AS source_type,
    og.INSUR_ORG_CODE                                                AS hospital_id
FROM CLINIC_ITEM_DICT c
LEFT JOIN EXAM_CLASS_DICT ec ON ec.EXAM_CLASS_CODE = c.EXAM_CLASS_CODE
LEFT JOIN ORG_DICT og ON og.ORG_CODE = c.ORG_CODE
WHERE c.ITEM_CLASS = 'D';

-- Imaging settlements: every settled bill line that pays for an exam, outpatient and
-- inpatient. self_paid 1 = no insurance settlement (the standard view writes the
-- twenty-zero placeholder). exam_item_code is what the examPart crosswalk is keyed on.
DROP VIEW IF EXISTS src_settlement;
CREATE VIEW src_settlement AS
SELECT
    em.EXAM_NO                                                       AS accession_no,
    em.APPLY_NO                                                      AS study_order_id,
    r.INSUR_SETL_ID                                                  AS setl_id,
    b.MED_LIST_CODG                                                  AS med_list_code,
    b.INSUR_FEEDETL_SN                                               AS fee_detail_sn,
    ei.EXAM_ITEM_CODE                                                AS exam_item_code,
    r.VISIT_DATE_TIME                                                AS settle_time,
    CASE WHEN r.CHARGE_TYPE = '自费' THEN 1 ELSE 0 END                 AS self_paid,
    og.INSUR_ORG_CODE                                                AS hospital_id
FROM OUTP_RCPT_MASTER r
JOIN OUTP_BILL_ITEMS b ON b.RCPT_NO  = r.RCPT_NO
JOIN EXAM_MASTER em    ON em.EXAM_NO = b.EXAM_NO
JOIN EXAM_ITEMS ei     ON ei.EXAM_NO = b.EXAM_NO AND ei.EXAM_ITEM_NO = b.EXAM_ITEM_NO
LEFT JOIN ORG_DICT og ON og.ORG_CODE = em.ORG_CODE
UNION ALL
SELECT
    em.EXAM_NO,
    em.APPLY_NO,
    s.INSUR_SETL_ID,
    b.MED_LIST_CODG,
    b.INSUR_FEEDETL_SN,
    ei.EXAM_ITEM_CODE,
    s.SETTLING_DATE,
    CASE WHEN s.CHARGE_TYPE = '自费' THEN 1 ELSE 0 END,
    og.INSUR_ORG_CODE
FROM INP_SETTLE_MASTER s
JOIN INP_BILL_DETAIL b ON b.RCPT_NO  = s.RCPT_NO
JOIN EXAM_MASTER em    ON em.EXAM_NO = b.EXAM_NO
JOIN EXAM_ITEMS ei     ON ei.EXAM_NO = b.EXAM_NO AND ei.EXAM_ITEM_NO = b.EXAM_ITEM_NO
LEFT JOIN ORG_DICT og ON og.ORG_CODE = em.ORG_CODE;

-- Departments the cloud binds its plug-in to: active clinical (0) and 医技 (1) ones.
DROP VIEW IF EXISTS src_dept;
CREATE VIEW src_dept AS
SELECT
    d.DEPT_CODE                                                      AS dept_code,
    d.DEPT_NAME                                                      AS dept_name,
    d.DEPT_ALIAS                                                     AS remark,
    og.INSUR_ORG_CODE                                                AS hospital_id
FROM DEPT_DICT d
LEFT JOIN ORG_DICT og ON og.ORG_CODE = d.ORG_CODE
WHERE d.CLINIC_ATTR IN ('0', '1')
  AND d.STOP_INDICATOR = 0;
