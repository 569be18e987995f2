-- =============================================================================
-- imgcloud provider · SQLite · 03_standard_views.sql
-- Purpose : the four views of the cloud's contract (../spec: contract.md), identical in
--           every hospital: names and column names exactly as the contract writes them
--           (including hospitalld), every value text, date-times 'yyyy-MM-dd HH:mm:ss'
--           in local time (a date-only value gets 00:00:00), codes as the contract lists
--           them, hospitalld on every row, '' and all-blank values (and trailing blanks)
--           turned into NULL / trimmed, a blank hospital_id falling back to the default,
--           and the recency windows on the source views' native date-time columns.
--           They read only the source views (02) and the imgcloud_ tables (01).
-- Order   : last (01 -> 02 -> 03). Re-applied on every upgrade.
-- Re-run  : safe to run twice: each view is dropped and created again.
-- "now"   : datetime('now', imgcloud_settings.utc_offset_minutes || ' minutes'): UTC
--           plus the hospital's offset (default 480), whatever time zone the process
--           reading the file runs in ('localtime' would follow it). Same rule on every
--           engine (contract.md, "now").
-- Codes   : compared with BINARY (byte) collation whatever the HIS column declared
--           (COLLATE NOCASE on a HIS column would otherwise match 'ct01' to 'CT01').
-- Status  : a HIS that marks some cancelled admissions only by a status, with no cancel
--           time, lists them in the optional source view src_inpatient_cancelled (one
--           column, admission_no). Such a stay is written with quitType 1 and stays in
--           View_Register_Info for discharged_days after its register_time (the HIS does
--           not say when it was cancelled; usually the same day). Source views that do not
--           define it get the empty default below.
-- =============================================================================

-- The optional source view src_inpatient_cancelled (sql/README.md): made here, empty, only
-- when the source views (02, or the hospital's own) did not make it.
CREATE VIEW IF NOT EXISTS src_inpatient_cancelled AS SELECT CAST(NULL AS TEXT) AS admission_no WHERE 1 = 0;

-- 挂号/入院登记. One row per visit: outpatient registrations whose visit time lies from
-- outpatient_days_back days ago to outpatient_days_ahead days ahead; inpatient stays while
-- waiting for a bed or in one, and for discharged_days after discharge or cancellation;
-- a stay cancelled by status only (src_inpatient_cancelled, no cancel time) for
-- discharged_days after its register_time, with quitType 1.
-- patientAge: whole years at the visit (not today): the difference of the years, less one
-- when the visit's month-day precedes the birthday's. NULL, never negative, when the HIS
-- says the patient was born after the day of the visit (or has no date of birth): the
-- contract check reports the empty age (REG-REQUIRED). Days are compared, not times, so
-- a birth time later on the day of the visit still gives 0.
DROP VIEW IF EXISTS View_Register_Info;
CREATE VIEW View_Register_Info AS
SELECT
    NULLIF(RTRIM(o.id_card_no), '')                                  AS idCardNo,
    NULLIF(RTRIM(o.health_card_no), '')                              AS healthNo,
    NULLIF(RTRIM(o.insurance_card_no), '')                           AS insuranceId,
    NULLIF(RTRIM(o.inpatient_no), '')                                AS hospitalizationId,
    NULLIF(RTRIM(o.medicare_no), '')                                 AS medicareNo,
    NULLIF(RTRIM(o.mobile_phone), '')                                AS mobilePhone,
    NULLIF(RTRIM(o.patient_name), '')                                AS patientName,
    NULLIF(RTRIM(sx.sex_text), '')                                   AS patientSex,
    CASE WHEN date(o.visit_time) >= date(o.date_of_birth)
         THEN CAST(CAST(strftime('%Y', o.visit_time) AS INTEGER)
                   - CAST(strftime('%Y', o.date_of_birth) AS INTEGER)
                   - (strftime('%m-%d', o.visit_time) < strftime('%m-%d', o.date_of_birth)) AS TEXT)
    END                                                              AS patientAge,
    NULLIF(RTRIM(o.patient_type), '')                                AS patientType,
    NULLIF(RTRIM(o.visit_no), '')                                    AS outpatientNumber,
    strftime('%Y-%m-%d %H:%M:%S', o.register_time)                   AS registDateTime,
    strftime('%Y-%m-%d %H:%M:%S', o.visit_time)                      AS outpatientDateTime,
    NULLIF(RTRIM(o.dept_name), '')                                   AS outpatientDeptName,
    NULLIF(RTRIM(o.dept_code), '')                                   AS outpatientDeptCode,
    NULLIF(RTRIM(o.doctor_name), '')                                 AS outpatientDocName,
    NULLIF(RTRIM(o.doctor_his_uid), '')                              AS outpatientDocHisUid,
    NULLIF(RTRIM(o.doctor_insurance_code), '')                       AS outpatientDocCode,
    NULLIF(RTRIM(o.doctor_id_card_no), '')                           AS outpatientIdcardNo,
    CASE WHEN o.withdrawn = 1 THEN '1' ELSE '0' END                  AS quitType,
    CASE WHEN o.seen = 1 THEN '1' ELSE '0' END                       AS outpatientType,
    NULL                                                             AS admissionRegistDateTime,
    NULL                                                             AS admissionDateTime,
    NULL                                                             AS admissionDeptCode,
    NULL                                                             AS admissionDeptName,
    NULL                                                             AS dischargedDateTime,
    NULL                                                             AS currentDeptCode,
    NULL                                                             AS currentDeptName,
    NULLIF(RTRIM(o.diagnosis_code), '')                              AS diagnoseCode,
    NULLIF(RTRIM(o.diagnosis_name), '')                              AS diagnoseName,
    NULL                                                             AS wardNo,
    NULL                                                             AS bedNo,
    COALESCE(NULLIF(RTRIM(o.hospital_id), ''), (SELECT hospital_id FROM imgcloud_settings)) AS hospitalld
FROM src_outpatient_visit o
LEFT JOIN imgcloud_sex_map sx ON sx.sex_code = COALESCE(NULLIF(RTRIM(o.sex_code), ''), '0')
WHERE o.visit_time >= (SELECT datetime('now', utc_offset_minutes || ' minutes', '-' || outpatient_days_back || ' days') FROM imgcloud_settings)
  AND o.visit_time <= (SELECT datetime('now', utc_offset_minutes || ' minutes', '+' || outpatient_days_ahead || ' days') FROM imgcloud_settings)
  AND (NOT EXISTS (SELECT 1 FROM imgcloud_institution)
       OR COALESCE(NULLIF(RTRIM(o.hospital_id), ''), (SELECT hospital_id FROM imgcloud_settings)) IN (SELECT hospital_id FROM imgcloud_institution))
UNION ALL
SELECT
    NULLIF(RTRIM(i.id_card_no), ''),
    NULLIF(RTRIM(i.health_card_no), ''),
    NULLIF(RTRIM(i.insurance_card_no), ''),
    NULLIF(RTRIM(i.inpatient_no), ''),
    NULLIF(RTRIM(i.medicare_no), ''),
    NULLIF(RTRIM(i.mobile_phone), ''),
    NULLIF(RTRIM(i.patient_name), ''),
    NULLIF(RTRIM(sx.sex_text), ''),
    CASE WHEN date(COALESCE(i.admission_time, i.register_time)) >= date(i.date_of_birth)
         THEN CAST(CAST(strftime('%Y', COALESCE(i.admission_time, i.register_time)) AS INTEGER)
                   - CAST(strftime('%Y', i.date_of_birth) AS INTEGER)
                   - (strftime('%m-%d', COALESCE(i.admission_time, i.register_time)) < strftime('%m-%d', i.date_of_birth)) AS TEXT)
    END,
    '2',
    NULLIF(RTRIM(i.admission_no), ''),
    strftime('%Y-%m-%d %H:%M:%S', i.register_time),
    strftime('%Y-%m-%d %H:%M:%S', COALESCE(i.admission_time, i.register_time)),
    NULLIF(RTRIM(i.admit_dept_name), ''),
    NULLIF(RTRIM(i.admit_dept_code), ''),
    NULLIF(RTRIM(i.admit_doctor_name), ''),
    NULLIF(RTRIM(i.admit_doctor_his_uid), ''),
    NULLIF(RTRIM(i.admit_doctor_insurance_code), ''),
    NULLIF(RTRIM(i.admit_doctor_id_card_no), ''),
    CASE WHEN i.cancel_time IS NOT NULL
                OR NULLIF(RTRIM(i.admission_no), '') COLLATE BINARY IN
                   (SELECT NULLIF(RTRIM(c.admission_no), '') COLLATE BINARY FROM src_inpatient_cancelled c
                     WHERE NULLIF(RTRIM(c.admission_no), '') IS NOT NULL)
              THEN '1' ELSE '0' END,
    CASE WHEN i.admission_time IS NOT NULL THEN '1' ELSE '0' END,
    strftime('%Y-%m-%d %H:%M:%S', i.register_time),
    strftime('%Y-%m-%d %H:%M:%S', i.admission_time),
    NULLIF(RTRIM(i.admit_dept_code), ''),
    NULLIF(RTRIM(i.admit_dept_name), ''),
    strftime('%Y-%m-%d %H:%M:%S', i.discharge_time),
    NULLIF(RTRIM(i.current_dept_code), ''),
    NULLIF(RTRIM(i.current_dept_name), ''),
    NULLIF(RTRIM(i.diagnosis_code), ''),
    NULLIF(RTRIM(i.diagnosis_name), ''),
    NULLIF(RTRIM(i.ward_no), ''),
    NULLIF(RTRIM(i.bed_no), ''),
    COALESCE(NULLIF(RTRIM(i.hospital_id), ''), (SELECT hospital_id FROM imgcloud_settings))
FROM src_inpatient_visit i
LEFT JOIN imgcloud_sex_map sx ON sx.sex_code = COALESCE(NULLIF(RTRIM(i.sex_code), ''), '0')
WHERE ((i.discharge_time IS NULL AND i.cancel_time IS NULL
       AND (i.register_time >= (SELECT datetime('now', utc_offset_minutes || ' minutes', '-' || discharged_days || ' days') FROM imgcloud_settings)
            OR NULLIF(RTRIM(i.admission_no), '') COLLATE BINARY NOT IN
               (SELECT NULLIF(RTRIM(c.admission_no), '') COLLATE BINARY FROM src_inpatient_cancelled c
                    WHERE NULLIF(RTRIM(c.admission_no), '') IS NOT NULL)))
   OR i.discharge_time >= (SELECT datetime('now', utc_offset_minutes || ' minutes', '-' || discharged_days || ' days') FROM imgcloud_settings)
   OR i.cancel_time    >= (SELECT datetime('now', utc_offset_minutes || ' minutes', '-' || discharged_days || ' days') FROM imgcloud_settings))
  AND (NOT EXISTS (SELECT 1 FROM imgcloud_institution)
       OR COALESCE(NULLIF(RTRIM(i.hospital_id), ''), (SELECT hospital_id FROM imgcloud_settings)) IN (SELECT hospital_id FROM imgcloud_institution));

-- 检查项目字典: every exam item, valid (checkStatus 0) and retired (1).
-- examPrice: two decimals ('480.50'), the value taken at six decimal places (price_e6, an
-- integer of millionths) and rounded half away from zero in integer arithmetic: SQLite
-- 3.43 and later convert a REAL to text exactly, so printf('%.2f') and round() would give
-- 1.00 for a price of 1.005 (stored as 1.00499999999999989...); NULL when no price.
DROP VIEW IF EXISTS View_ProjectItemCode_Info;
CREATE VIEW View_ProjectItemCode_Info AS
SELECT
    NULLIF(RTRIM(e.modality), '')                                    AS modality,
    NULLIF(RTRIM(e.exam_code), '')                                   AS examCode,
    NULLIF(RTRIM(e.exam_name), '')                                   AS examName,
    NULLIF(RTRIM(e.body_part), '')                                   AS examBodyPart,
    CASE WHEN e.price_e6 IS NULL THEN NULL
         ELSE CASE WHEN e.price_e6 < 0 AND (abs(e.price_e6) + 5000) / 10000 > 0 THEN '-' ELSE '' END
              || printf('%d.%02d', (abs(e.price_e6) + 5000) / 10000 / 100, (abs(e.price_e6) + 5000) / 10000 % 100)
    END                                                              AS examPrice,
    CASE WHEN e.is_valid = 1 THEN '0' ELSE '1' END                   AS checkStatus,
    NULLIF(RTRIM(e.source_type), '')                                 AS sourceType,
    COALESCE(NULLIF(RTRIM(e.hospital_id), ''), (SELECT hospital_id FROM imgcloud_settings)) AS hospitalld
FROM (SELECT src_exam_item.*, CAST(round(price * 1000000) AS INTEGER) AS price_e6 FROM src_exam_item) e
WHERE (NOT EXISTS (SELECT 1 FROM imgcloud_institution)
       OR COALESCE(NULLIF(RTRIM(e.hospital_id), ''), (SELECT hospital_id FROM imgcloud_settings)) IN (SELECT hospital_id FROM imgcloud_institution));

-- examPart crosswalk rules (sql/README.md, "检查部位对照规则"), three helper views for the
-- settlements below and for the DBA (the check's coverage reads them too):
--   imgcloud_exam_part_rule_match  every (exam item, rule) pair that matches;
--   imgcloud_exam_part_by_rule     per item (exam_code, hospitalld) the first matching rule;
--   imgcloud_exam_item_settlements the window's settlement lines per item, for coverage counts.
-- An item is src_exam_item's row, its code, name, modality and body part trimmed and NULL
-- when blank, and its hospitalld resolved as the standard views resolve it. Its contrast
-- comes from its name, here and nowhere else: 造影 when the name holds 造影 or 血管成像,
-- else 增强 when it holds 增强, else 平扫 when it holds 平扫, else NULL (the name says
-- nothing). A rule matches an item when every condition it gives holds (NULL or blank:
-- any): hospital_id '*' or the item's hospitalld; modality equal; body_part and
-- name_pattern LIKE patterns (% any run, _ one character) on the body part and the name,
-- byte for byte and case-sensitive (SQLite's LIKE ignores ASCII case, so the pattern is
-- turned into a GLOB: % to *, _ to ?; the table refuses [ ] * ? \ in a pattern, which
-- would be special here or on another engine); contrast equal, a rule's 平扫 also
-- matching an item whose name says nothing. An item without a body part never matches a
-- rule that gives one.
DROP VIEW IF EXISTS imgcloud_exam_part_rule_match;
CREATE VIEW imgcloud_exam_part_rule_match AS
SELECT e.exam_code, e.hospital_id, e.exam_name, e.modality, e.body_part, e.contrast, r.rule_no, r.exam_part
FROM (SELECT NULLIF(RTRIM(i.exam_code), '')                          AS exam_code,
             COALESCE(NULLIF(RTRIM(i.hospital_id), ''), (SELECT hospital_id FROM imgcloud_settings)) AS hospital_id,
             NULLIF(RTRIM(i.exam_name), '')                          AS exam_name,
             NULLIF(RTRIM(i.modality), '')                           AS modality,
             NULLIF(RTRIM(i.body_part), '')                          AS body_part,
             CASE WHEN instr(i.exam_name, '造影') > 0 OR instr(i.exam_name, '血管成像') > 0 THEN '造影'
                  WHEN instr(i.exam_name, '增强') > 0 THEN '增强'
                  WHEN instr(i.exam_name, '平扫') > 0 THEN '平扫' END AS contrast
        FROM src_exam_item i) e
JOIN imgcloud_exam_part_rule r
  ON (r.hospital_id = '*' OR r.hospital_id = e.hospital_id COLLATE BINARY)
 AND (NULLIF(RTRIM(r.modality), '') IS NULL OR e.modality = RTRIM(r.modality) COLLATE BINARY)
 AND (NULLIF(r.body_part, '') IS NULL OR e.body_part GLOB replace(replace(r.body_part, '%', '*'), '_', '?'))
 AND (NULLIF(r.name_pattern, '') IS NULL OR e.exam_name GLOB replace(replace(r.name_pattern, '%', '*'), '_', '?'))
 AND (NULLIF(r.contrast, '') IS NULL OR r.contrast = e.contrast OR (r.contrast = '平扫' AND e.contrast IS NULL))
WHERE e.exam_code IS NOT NULL;

-- The first matching rule of each item: the lowest rule_no (no window function, as on the
-- engines that have none), joined back to the rule for its exam_part.
DROP VIEW IF EXISTS imgcloud_exam_part_by_rule;
CREATE VIEW imgcloud_exam_part_by_rule AS
SELECT f.exam_code, f.hospital_id, f.rule_no, r.exam_part
FROM (SELECT m.exam_code, m.hospital_id, MIN(m.rule_no) AS rule_no
        FROM imgcloud_exam_part_rule_match m
       GROUP BY m.exam_code COLLATE BINARY, m.hospital_id COLLATE BINARY) f
JOIN imgcloud_exam_part_rule r ON r.rule_no = f.rule_no;

-- The settlement lines of view_setlInfoList's window (same window, same institutions) per
-- exam item code and hospitalld; exam_code NULL counts the lines without an item code.
DROP VIEW IF EXISTS imgcloud_exam_item_settlements;
CREATE VIEW imgcloud_exam_item_settlements AS
SELECT l.exam_code, l.hospital_id, COUNT(*) AS settlements
FROM (SELECT NULLIF(RTRIM(s.exam_item_code), '')                     AS exam_code,
             COALESCE(NULLIF(RTRIM(s.hospital_id), ''), (SELECT hospital_id FROM imgcloud_settings)) AS hospital_id
        FROM src_settlement s
       WHERE s.settle_time >= (SELECT datetime('now', utc_offset_minutes || ' minutes', '-' || settlement_days || ' days') FROM imgcloud_settings)
         AND (NOT EXISTS (SELECT 1 FROM imgcloud_institution)
              OR COALESCE(NULLIF(RTRIM(s.hospital_id), ''), (SELECT hospital_id FROM imgcloud_settings)) IN (SELECT hospital_id FROM imgcloud_institution))) l
GROUP BY l.exam_code COLLATE BINARY, l.hospital_id COLLATE BINARY;

-- 影像结算: imaging charges settled in the last settlement_days days. setlId is twenty
-- zeros when the settlement is not an insurance one (self_paid); feedetlSn is twenty zeros
-- when the fee line is not an insurance fee: a self-paid settlement's, or an insured
-- settlement's line without a fee-detail serial (never NULL). examPart comes from the
-- crosswalk and is NULL for an unmapped item (the contract check reports it).
-- The crosswalk row of the settlement's own institution (hospitalld) wins; else the
-- all-institutions row ('*') of the same exam code; else the item's first matching rule
-- (imgcloud_exam_part_by_rule, above). Every view keeps only the connected
-- institutions' rows when imgcloud.institution lists any (empty: every institution).
DROP VIEW IF EXISTS view_setlInfoList;
CREATE VIEW view_setlInfoList AS
SELECT
    NULLIF(RTRIM(s.accession_no), '')                                AS accessionNo,
    NULLIF(RTRIM(s.study_order_id), '')                              AS studyOrderId,
    CASE WHEN s.self_paid = 1 THEN '00000000000000000000' ELSE NULLIF(RTRIM(s.setl_id), '') END AS setlId,
    NULLIF(RTRIM(s.med_list_code), '')                               AS medListCodg,
    CASE WHEN s.self_paid = 1 OR NULLIF(RTRIM(s.fee_detail_sn), '') IS NULL THEN '00000000000000000000'
         ELSE RTRIM(s.fee_detail_sn) END AS feedetlSn,
    NULLIF(RTRIM(COALESCE(x.exam_part, xd.exam_part, rx.exam_part)), '') AS examPart,
    COALESCE(NULLIF(RTRIM(s.hospital_id), ''), (SELECT hospital_id FROM imgcloud_settings)) AS hospitalld
FROM src_settlement s
LEFT JOIN imgcloud_exam_part_map x ON x.exam_code = NULLIF(RTRIM(s.exam_item_code), '') COLLATE BINARY
                                  AND x.hospital_id = COALESCE(NULLIF(RTRIM(s.hospital_id), ''), (SELECT hospital_id FROM imgcloud_settings)) COLLATE BINARY
LEFT JOIN imgcloud_exam_part_map xd ON xd.exam_code = NULLIF(RTRIM(s.exam_item_code), '') COLLATE BINARY
                                   AND xd.hospital_id = '*'
LEFT JOIN imgcloud_exam_part_by_rule rx ON rx.exam_code = NULLIF(RTRIM(s.exam_item_code), '') COLLATE BINARY
                                       AND rx.hospital_id = COALESCE(NULLIF(RTRIM(s.hospital_id), ''), (SELECT hospital_id FROM imgcloud_settings)) COLLATE BINARY
WHERE s.settle_time >= (SELECT datetime('now', utc_offset_minutes || ' minutes', '-' || settlement_days || ' days') FROM imgcloud_settings)
  AND (NOT EXISTS (SELECT 1 FROM imgcloud_institution)
       OR COALESCE(NULLIF(RTRIM(s.hospital_id), ''), (SELECT hospital_id FROM imgcloud_settings)) IN (SELECT hospital_id FROM imgcloud_institution));

-- 科室字典: the departments the source view selects (clinical and 医技).
DROP VIEW IF EXISTS View_Dept_Info;
CREATE VIEW View_Dept_Info AS
SELECT
    NULLIF(RTRIM(d.dept_name), '')                                   AS deptName,
    NULLIF(RTRIM(d.dept_code), '')                                   AS deptCode,
    NULLIF(RTRIM(d.remark), '')                                      AS remark,
    COALESCE(NULLIF(RTRIM(d.hospital_id), ''), (SELECT hospital_id FROM imgcloud_settings)) AS hospitalld
FROM src_dept d
WHERE (NOT EXISTS (SELECT 1 FROM imgcloud_institution)
       OR COALESCE(NULLIF(RTRIM(d.hospital_id), ''), (SELECT hospital_id FROM imgcloud_settings)) IN (SELECT hospital_id FROM imgcloud_institution));
