-- =============================================================================
-- imgcloud provider · SQLite · 03_standard_views.sql
-- Purpose : the four views of the cloud's contract (../spec: contract.md), identical in
--           every hospital: names and column names exactly as the contract writes them
--           (including hospitalld), every value text, date-times 'yyyy-MM-dd HH:mm:ss'
--           in local time, codes as the contract lists them, hospitalld on every row,
--           and the recency windows on the source views' native date-time columns.
--           They read only the source views (02) and the imgcloud_ tables (01).
-- Order   : last (01 -> 02 -> 03). Re-applied on every upgrade.
-- Re-run  : safe to run twice: each view is dropped and created again.
-- "now"   : datetime('now', 'localtime'), the clock of the process reading the file,
--           which must run on China Standard Time (plain 'now' would be UTC).
-- =============================================================================

-- 挂号/入院登记. One row per visit: outpatient registrations whose visit time lies from
-- outpatient_days_back days ago to outpatient_days_ahead days ahead; inpatient stays while
-- waiting for a bed or in one, and for discharged_days after discharge or cancellation.
-- patientAge: whole years at the visit (not today): the difference of the years, less one
-- when the visit's month-day precedes the birthday's. NULL, never negative, when the HIS
-- says the patient was born after the day of the visit (or has no date of birth): the
-- contract check reports the empty age (REG-REQUIRED). Days are compared, not times, so
-- a birth time later on the day of the visit still gives 0.
DROP VIEW IF EXISTS View_Register_Info;
CREATE VIEW View_Register_Info AS
SELECT
    o.id_card_no                                                     AS idCardNo,
    o.health_card_no                                                 AS healthNo,
    o.insurance_card_no                                              AS insuranceId,
    o.inpatient_no                                                   AS hospitalizationId,
    o.medicare_no                                                    AS medicareNo,
    o.mobile_phone                                                   AS mobilePhone,
    o.patient_name                                                   AS patientName,
    sx.sex_text                                                      AS patientSex,
    CASE WHEN date(o.visit_time) >= date(o.date_of_birth)
         THEN CAST(CAST(strftime('%Y', o.visit_time) AS INTEGER)
                   - CAST(strftime('%Y', o.date_of_birth) AS INTEGER)
                   - (strftime('%m-%d', o.visit_time) < strftime('%m-%d', o.date_of_birth)) AS TEXT)
    END                                                              AS patientAge,
    o.patient_type                                                   AS patientType,
    o.visit_no                                                       AS outpatientNumber,
    strftime('%Y-%m-%d %H:%M:%S', o.register_time)                   AS registDateTime,
    strftime('%Y-%m-%d %H:%M:%S', o.visit_time)                      AS outpatientDateTime,
    o.dept_name                                                      AS outpatientDeptName,
    o.dept_code                                                      AS outpatientDeptCode,
    o.doctor_name                                                    AS outpatientDocName,
    o.doctor_his_uid                                                 AS outpatientDocHisUid,
    o.doctor_insurance_code                                          AS outpatientDocCode,
    o.doctor_id_card_no                                              AS outpatientIdcardNo,
    CASE WHEN o.withdrawn = 1 THEN '1' ELSE '0' END                  AS quitType,
    CASE WHEN o.seen = 1 THEN '1' ELSE '0' END                       AS outpatientType,
    NULL                                                             AS admissionRegistDateTime,
    NULL                                                             AS admissionDateTime,
    NULL                                                             AS admissionDeptCode,
    NULL                                                             AS admissionDeptName,
    NULL                                                             AS dischargedDateTime,
    NULL                                                             AS currentDeptCode,
    NULL                                                             AS currentDeptName,
    o.diagnosis_code                                                 AS diagnoseCode,
    o.diagnosis_name                                                 AS diagnoseName,
    NULL                                                             AS wardNo,
    NULL                                                             AS bedNo,
    COALESCE(o.hospital_id, (SELECT hospital_id FROM imgcloud_settings)) AS hospitalld
FROM src_outpatient_visit o
LEFT JOIN imgcloud_sex_map sx ON sx.sex_code = COALESCE(o.sex_code, '0')
WHERE o.visit_time >= (SELECT datetime('now', 'localtime', '-' || outpatient_days_back || ' days') FROM imgcloud_settings)
  AND o.visit_time <= (SELECT datetime('now', 'localtime', '+' || outpatient_days_ahead || ' days') FROM imgcloud_settings)
UNION ALL
SELECT
    i.id_card_no,
    i.health_card_no,
    i.insurance_card_no,
    i.inpatient_no,
    i.medicare_no,
    i.mobile_phone,
    i.patient_name,
    sx.sex_text,
    CASE WHEN date(COALESCE(i.admission_time, i.register_time)) >= date(i.date_of_birth)
         THEN CAST(CAST(strftime('%Y', COALESCE(i.admission_time, i.register_time)) AS INTEGER)
                   - CAST(strftime('%Y', i.date_of_birth) AS INTEGER)
                   - (strftime('%m-%d', COALESCE(i.admission_time, i.register_time)) < strftime('%m-%d', i.date_of_birth)) AS TEXT)
    END,
    '2',
    i.admission_no,
    strftime('%Y-%m-%d %H:%M:%S', i.register_time),
    strftime('%Y-%m-%d %H:%M:%S', COALESCE(i.admission_time, i.register_time)),
    i.admit_dept_name,
    i.admit_dept_code,
    i.admit_doctor_name,
    i.admit_doctor_his_uid,
    i.admit_doctor_insurance_code,
    i.admit_doctor_id_card_no,
    CASE WHEN i.cancel_time IS NOT NULL THEN '1' ELSE '0' END,
    CASE WHEN i.admission_time IS NOT NULL THEN '1' ELSE '0' END,
    strftime('%Y-%m-%d %H:%M:%S', i.register_time),
    strftime('%Y-%m-%d %H:%M:%S', i.admission_time),
    i.admit_dept_code,
    i.admit_dept_name,
    strftime('%Y-%m-%d %H:%M:%S', i.discharge_time),
    i.current_dept_code,
    i.current_dept_name,
    i.diagnosis_code,
    i.diagnosis_name,
    i.ward_no,
    i.bed_no,
    COALESCE(i.hospital_id, (SELECT hospital_id FROM imgcloud_settings))
FROM src_inpatient_visit i
LEFT JOIN imgcloud_sex_map sx ON sx.sex_code = COALESCE(i.sex_code, '0')
WHERE (i.discharge_time IS NULL AND i.cancel_time IS NULL)
   OR i.discharge_time >= (SELECT datetime('now', 'localtime', '-' || discharged_days || ' days') FROM imgcloud_settings)
   OR i.cancel_time    >= (SELECT datetime('now', 'localtime', '-' || discharged_days || ' days') FROM imgcloud_settings);

-- 检查项目字典: every exam item, valid (checkStatus 0) and retired (1).
DROP VIEW IF EXISTS View_ProjectItemCode_Info;
CREATE VIEW View_ProjectItemCode_Info AS
SELECT
    e.modality                                                       AS modality,
    e.exam_code                                                      AS examCode,
    e.exam_name                                                      AS examName,
    e.body_part                                                      AS examBodyPart,
    CASE WHEN e.price IS NULL THEN NULL ELSE printf('%.2f', e.price) END AS examPrice,
    CASE WHEN e.is_valid = 1 THEN '0' ELSE '1' END                   AS checkStatus,
    CAST(e.source_type AS TEXT)                                      AS sourceType,
    COALESCE(e.hospital_id, (SELECT hospital_id FROM imgcloud_settings)) AS hospitalld
FROM src_exam_item e;

-- 影像结算: imaging charges settled in the last settlement_days days. Self-paid charges
-- carry twenty zeros as setlId and feedetlSn; examPart comes from the crosswalk and is
-- NULL for an unmapped item (the contract check reports it).
DROP VIEW IF EXISTS view_setlInfoList;
CREATE VIEW view_setlInfoList AS
SELECT
    s.accession_no                                                   AS accessionNo,
    s.study_order_id                                                 AS studyOrderId,
    CASE WHEN s.self_paid = 1 THEN '00000000000000000000' ELSE s.setl_id END      AS setlId,
    s.med_list_code                                                  AS medListCodg,
    CASE WHEN s.self_paid = 1 THEN '00000000000000000000' ELSE s.fee_detail_sn END AS feedetlSn,
    x.exam_part                                                      AS examPart,
    COALESCE(s.hospital_id, (SELECT hospital_id FROM imgcloud_settings)) AS hospitalld
FROM src_settlement s
LEFT JOIN imgcloud_exam_part_map x ON x.exam_code = s.exam_item_code
WHERE s.settle_time >= (SELECT datetime('now', 'localtime', '-' || settlement_days || ' days') FROM imgcloud_settings);

-- 科室字典: the departments the source view selects (clinical and 医技).
DROP VIEW IF EXISTS View_Dept_Info;
CREATE VIEW View_Dept_Info AS
SELECT
    d.dept_name                                                      AS deptName,
    d.dept_code                                                      AS deptCode,
    d.remark                                                         AS remark,
    COALESCE(d.hospital_id, (SELECT hospital_id FROM imgcloud_settings)) AS hospitalld
FROM src_dept d;
