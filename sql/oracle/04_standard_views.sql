-- =============================================================================
-- imgcloud provider · Oracle · 04_standard_views.sql
-- Purpose : the four views of the cloud's contract, identical in every hospital: names
--           and column names exactly as the contract writes them (including hospitalld),
--           every column VARCHAR2, date-times 'yyyy-MM-dd HH:mm:ss' in local time,
--           codes as the contract lists them, hospitalld on every row, and the recency
--           windows on the source views' native date-time columns (so an index on the
--           HIS's own column can be used). They read only the source views (03, or the
--           hospital's own) and the imgcloud tables (01). Identifiers are unquoted:
--           Oracle stores View_Register_Info as VIEW_REGISTER_INFO and idCardNo as
--           IDCARDNO, which is what the cloud's unquoted SELECT finds.
-- Dialect : Oracle 11g R2 or later; DM8 in Oracle mode. Mirrors
--           sql/postgresql/04_standard_views.sql row for row and string for string.
--           Column types: a value from the HIS is CAST to VARCHAR2(400) (codes and
--           numbers) or VARCHAR2(800) (names and text): lengths in bytes, 100 and 200
--           characters even at 4 bytes a character, as SQL Server's nvarchar(100) and
--           nvarchar(200). CAST keeps the bytes of the database character set as they
--           are (no round trip through the national character set) and turns a NUMBER
--           code into its plain digits; it cuts a longer value silently, so the widths
--           are well above any HIS column seen. What the view writes itself is
--           formatted with TO_CHAR or CAST to VARCHAR2. Oracle stores an empty string
--           as NULL, so an empty HIS value is NULL here (PostgreSQL and SQL Server would
--           pass it through as an empty string).
-- Format  : SQL*Plus style: EVERY statement ends with a line holding only a slash; a
--           plain statement has no semicolon of its own. No blank line inside a
--           statement, no substitution variable, no ampersand anywhere.
-- Order   : every time, after 03 (or the hospital's source views) and before 05
--           (02 -> 03 -> 04 -> 05). Re-applied on every upgrade.
-- Re-run  : safe to run twice: CREATE OR REPLACE VIEW replaces each view, whatever its
--           columns were, and keeps the grants 05 made.
-- Now     : CAST(SYS_EXTRACT_UTC(SYSTIMESTAMP) AS DATE) + imgcloud.settings.
--           utc_offset_minutes / 1440: UTC plus the hospital's offset (default 480),
--           whatever zone the server's operating system runs in (SYSDATE follows it) or
--           the reading session sets (CURRENT_DATE follows that). Made a DATE before the
--           arithmetic, so comparing it with a HIS DATE column keeps that column's index
--           usable (a TIMESTAMP bound would convert the column instead). HIS timestamps
--           are local times without a zone. Same rule on every engine (contract.md).
-- Values  : every string trimmed of trailing blanks (CHAR codes); Oracle already reads
--           '' as NULL, and RTRIM of all blanks gives ''; a blank hospital_id falls back
--           to imgcloud.settings.hospital_id.
-- Codes   : the crosswalk joins on NLSSORT(..., 'NLS_SORT=BINARY'), so a session with
--           NLS_COMP=LINGUISTIC and a case-insensitive NLS_SORT matches as every other
--           session does.
-- Status  : a HIS that marks some cancelled admissions only by a status, with no cancel
--           time, lists them in the optional source view imgcloud.src_inpatient_cancelled
--           (one column, admission_no). Such a stay is written with quitType 1 and stays
--           in View_Register_Info for discharged_days after its register_time (the HIS does
--           not say when it was cancelled; usually the same day), then leaves the window;
--           a stay waiting for a bed that is not in the list stays as long as it waits.
--           Source views that do not define the view get an empty default (02, and below).
-- =============================================================================

-- The optional source view src_inpatient_cancelled (sql/README.md): made here, empty, only
-- when it does not exist (02 resets it to this default on every run; this is for a DBA
-- running 04 without 02).
DECLARE
    views_found NUMBER;
BEGIN
    SELECT COUNT(*) INTO views_found FROM all_views WHERE owner = 'IMGCLOUD' AND view_name = 'SRC_INPATIENT_CANCELLED';
    IF views_found = 0 THEN
        EXECUTE IMMEDIATE 'CREATE VIEW imgcloud.src_inpatient_cancelled AS SELECT CAST(NULL AS VARCHAR2(50)) AS admission_no FROM dual WHERE 1 = 0';
    END IF;
END;
/

-- 挂号/入院登记. One row per visit: outpatient registrations whose visit time lies from
-- outpatient_days_back days ago to outpatient_days_ahead days ahead; inpatient stays while
-- waiting for a bed or in one, and for discharged_days after discharge or cancellation;
-- a stay cancelled by status only (src_inpatient_cancelled, no cancel time) for
-- discharged_days after its register_time, with quitType 1. The list is matched on
-- NLSSORT(..., 'NLS_SORT=BINARY'), whatever the session's NLS settings.
-- patientAge: whole years at the visit (not today), computed as the SQLite script does:
-- the difference of the years, less one when the visit's month-day precedes the
-- birthday's. (MONTHS_BETWEEN would differ: it counts 2000-02-29 to 2021-02-28 as whole
-- years, both being month ends, and so gives 21 where SQLite gives 20.) NULL, never
-- negative, when the HIS says the patient was born after the day of the visit (TRUNC: days
-- compared, not times), which the contract check reports as an empty patientAge.
CREATE OR REPLACE VIEW imgcloud.View_Register_Info AS
SELECT
    RTRIM(CAST(o.id_card_no AS VARCHAR2(400)))                       AS idCardNo,
    RTRIM(CAST(o.health_card_no AS VARCHAR2(400)))                   AS healthNo,
    RTRIM(CAST(o.insurance_card_no AS VARCHAR2(400)))                AS insuranceId,
    RTRIM(CAST(o.inpatient_no AS VARCHAR2(400)))                     AS hospitalizationId,
    RTRIM(CAST(o.medicare_no AS VARCHAR2(400)))                      AS medicareNo,
    RTRIM(CAST(o.mobile_phone AS VARCHAR2(400)))                     AS mobilePhone,
    RTRIM(CAST(o.patient_name AS VARCHAR2(800)))                     AS patientName,
    RTRIM(CAST(sx.sex_text AS VARCHAR2(60)))                         AS patientSex,
    CASE WHEN TRUNC(o.visit_time) >= TRUNC(o.date_of_birth)
         THEN TO_CHAR(EXTRACT(YEAR FROM o.visit_time) - EXTRACT(YEAR FROM o.date_of_birth)
                      - CASE WHEN EXTRACT(MONTH FROM o.visit_time) * 100 + EXTRACT(DAY FROM o.visit_time)
                                < EXTRACT(MONTH FROM o.date_of_birth) * 100 + EXTRACT(DAY FROM o.date_of_birth)
                             THEN 1 ELSE 0 END)
    END                                                              AS patientAge,
    RTRIM(CAST(o.patient_type AS VARCHAR2(400)))                     AS patientType,
    RTRIM(CAST(o.visit_no AS VARCHAR2(400)))                         AS outpatientNumber,
    TO_CHAR(o.register_time, 'YYYY-MM-DD HH24:MI:SS')                AS registDateTime,
    TO_CHAR(o.visit_time, 'YYYY-MM-DD HH24:MI:SS')                   AS outpatientDateTime,
    RTRIM(CAST(o.dept_name AS VARCHAR2(800)))                        AS outpatientDeptName,
    RTRIM(CAST(o.dept_code AS VARCHAR2(400)))                        AS outpatientDeptCode,
    RTRIM(CAST(o.doctor_name AS VARCHAR2(800)))                      AS outpatientDocName,
    RTRIM(CAST(o.doctor_his_uid AS VARCHAR2(400)))                   AS outpatientDocHisUid,
    RTRIM(CAST(o.doctor_insurance_code AS VARCHAR2(400)))            AS outpatientDocCode,
    RTRIM(CAST(o.doctor_id_card_no AS VARCHAR2(400)))                AS outpatientIdcardNo,
    CAST(CASE WHEN o.withdrawn = 1 THEN '1' ELSE '0' END AS VARCHAR2(1)) AS quitType,
    CAST(CASE WHEN o.seen = 1 THEN '1' ELSE '0' END AS VARCHAR2(1))  AS outpatientType,
    CAST(NULL AS VARCHAR2(19))                                       AS admissionRegistDateTime,
    CAST(NULL AS VARCHAR2(19))                                       AS admissionDateTime,
    CAST(NULL AS VARCHAR2(400))                                      AS admissionDeptCode,
    CAST(NULL AS VARCHAR2(800))                                      AS admissionDeptName,
    CAST(NULL AS VARCHAR2(19))                                       AS dischargedDateTime,
    CAST(NULL AS VARCHAR2(400))                                      AS currentDeptCode,
    CAST(NULL AS VARCHAR2(800))                                      AS currentDeptName,
    RTRIM(CAST(o.diagnosis_code AS VARCHAR2(400)))                   AS diagnoseCode,
    RTRIM(CAST(o.diagnosis_name AS VARCHAR2(800)))                   AS diagnoseName,
    CAST(NULL AS VARCHAR2(400))                                      AS wardNo,
    CAST(NULL AS VARCHAR2(400))                                      AS bedNo,
    CAST(COALESCE(RTRIM(CAST(o.hospital_id AS VARCHAR2(400))), (SELECT hospital_id FROM imgcloud.settings)) AS VARCHAR2(400)) AS hospitalld
FROM imgcloud.src_outpatient_visit o
LEFT JOIN imgcloud.sex_map sx ON sx.sex_code = COALESCE(RTRIM(CAST(o.sex_code AS VARCHAR2(400))), '0')
WHERE o.visit_time >= (SELECT CAST(SYS_EXTRACT_UTC(SYSTIMESTAMP) AS DATE) + utc_offset_minutes / 1440 - outpatient_days_back FROM imgcloud.settings)
  AND o.visit_time <= (SELECT CAST(SYS_EXTRACT_UTC(SYSTIMESTAMP) AS DATE) + utc_offset_minutes / 1440 + outpatient_days_ahead FROM imgcloud.settings)
  AND (NOT EXISTS (SELECT 1 FROM imgcloud.institution)
       OR CAST(COALESCE(RTRIM(CAST(o.hospital_id AS VARCHAR2(400))), (SELECT hospital_id FROM imgcloud.settings)) AS VARCHAR2(400)) IN (SELECT hospital_id FROM imgcloud.institution))
UNION ALL
SELECT
    RTRIM(CAST(i.id_card_no AS VARCHAR2(400))),
    RTRIM(CAST(i.health_card_no AS VARCHAR2(400))),
    RTRIM(CAST(i.insurance_card_no AS VARCHAR2(400))),
    RTRIM(CAST(i.inpatient_no AS VARCHAR2(400))),
    RTRIM(CAST(i.medicare_no AS VARCHAR2(400))),
    RTRIM(CAST(i.mobile_phone AS VARCHAR2(400))),
    RTRIM(CAST(i.patient_name AS VARCHAR2(800))),
    RTRIM(CAST(sx.sex_text AS VARCHAR2(60))),
    CASE WHEN TRUNC(COALESCE(i.admission_time, i.register_time)) >= TRUNC(i.date_of_birth)
         THEN TO_CHAR(EXTRACT(YEAR FROM COALESCE(i.admission_time, i.register_time)) - EXTRACT(YEAR FROM i.date_of_birth)
                      - CASE WHEN EXTRACT(MONTH FROM COALESCE(i.admission_time, i.register_time)) * 100
                                  + EXTRACT(DAY FROM COALESCE(i.admission_time, i.register_time))
                                < EXTRACT(MONTH FROM i.date_of_birth) * 100 + EXTRACT(DAY FROM i.date_of_birth)
                             THEN 1 ELSE 0 END)
    END,
    CAST('2' AS VARCHAR2(400)),
    RTRIM(CAST(i.admission_no AS VARCHAR2(400))),
    TO_CHAR(i.register_time, 'YYYY-MM-DD HH24:MI:SS'),
    TO_CHAR(COALESCE(i.admission_time, i.register_time), 'YYYY-MM-DD HH24:MI:SS'),
    RTRIM(CAST(i.admit_dept_name AS VARCHAR2(800))),
    RTRIM(CAST(i.admit_dept_code AS VARCHAR2(400))),
    RTRIM(CAST(i.admit_doctor_name AS VARCHAR2(800))),
    RTRIM(CAST(i.admit_doctor_his_uid AS VARCHAR2(400))),
    RTRIM(CAST(i.admit_doctor_insurance_code AS VARCHAR2(400))),
    RTRIM(CAST(i.admit_doctor_id_card_no AS VARCHAR2(400))),
    CAST(CASE WHEN i.cancel_time IS NOT NULL
                OR NLSSORT(RTRIM(CAST(i.admission_no AS VARCHAR2(400))), 'NLS_SORT=BINARY') IN
                   (SELECT NLSSORT(RTRIM(CAST(c.admission_no AS VARCHAR2(400))), 'NLS_SORT=BINARY') FROM imgcloud.src_inpatient_cancelled c
                     WHERE RTRIM(CAST(c.admission_no AS VARCHAR2(400))) IS NOT NULL)
              THEN '1' ELSE '0' END AS VARCHAR2(1)),
    CAST(CASE WHEN i.admission_time IS NOT NULL THEN '1' ELSE '0' END AS VARCHAR2(1)),
    TO_CHAR(i.register_time, 'YYYY-MM-DD HH24:MI:SS'),
    TO_CHAR(i.admission_time, 'YYYY-MM-DD HH24:MI:SS'),
    RTRIM(CAST(i.admit_dept_code AS VARCHAR2(400))),
    RTRIM(CAST(i.admit_dept_name AS VARCHAR2(800))),
    TO_CHAR(i.discharge_time, 'YYYY-MM-DD HH24:MI:SS'),
    RTRIM(CAST(i.current_dept_code AS VARCHAR2(400))),
    RTRIM(CAST(i.current_dept_name AS VARCHAR2(800))),
    RTRIM(CAST(i.diagnosis_code AS VARCHAR2(400))),
    RTRIM(CAST(i.diagnosis_name AS VARCHAR2(800))),
    RTRIM(CAST(i.ward_no AS VARCHAR2(400))),
    RTRIM(CAST(i.bed_no AS VARCHAR2(400))),
    CAST(COALESCE(RTRIM(CAST(i.hospital_id AS VARCHAR2(400))), (SELECT hospital_id FROM imgcloud.settings)) AS VARCHAR2(400))
FROM imgcloud.src_inpatient_visit i
LEFT JOIN imgcloud.sex_map sx ON sx.sex_code = COALESCE(RTRIM(CAST(i.sex_code AS VARCHAR2(400))), '0')
WHERE ((i.discharge_time IS NULL AND i.cancel_time IS NULL
       AND (i.register_time >= (SELECT CAST(SYS_EXTRACT_UTC(SYSTIMESTAMP) AS DATE) + utc_offset_minutes / 1440 - discharged_days FROM imgcloud.settings)
            OR NLSSORT(RTRIM(CAST(i.admission_no AS VARCHAR2(400))), 'NLS_SORT=BINARY') NOT IN
               (SELECT NLSSORT(RTRIM(CAST(c.admission_no AS VARCHAR2(400))), 'NLS_SORT=BINARY') FROM imgcloud.src_inpatient_cancelled c
                    WHERE RTRIM(CAST(c.admission_no AS VARCHAR2(400))) IS NOT NULL)))
   OR i.discharge_time >= (SELECT CAST(SYS_EXTRACT_UTC(SYSTIMESTAMP) AS DATE) + utc_offset_minutes / 1440 - discharged_days FROM imgcloud.settings)
   OR i.cancel_time    >= (SELECT CAST(SYS_EXTRACT_UTC(SYSTIMESTAMP) AS DATE) + utc_offset_minutes / 1440 - discharged_days FROM imgcloud.settings))
  AND (NOT EXISTS (SELECT 1 FROM imgcloud.institution)
       OR CAST(COALESCE(RTRIM(CAST(i.hospital_id AS VARCHAR2(400))), (SELECT hospital_id FROM imgcloud.settings)) AS VARCHAR2(400)) IN (SELECT hospital_id FROM imgcloud.institution))
/

-- 检查项目字典: every exam item, valid (checkStatus 0) and retired (1).
-- examPrice: two decimals ('480.50'), the value taken at six decimal places and rounded
-- half away from zero on NUMBER (a BINARY_DOUBLE price is made NUMBER first: 1.005 stored
-- as a double would round down), and NULL when the item has no current price. FM drops
-- TO_CHAR's leading blank.
CREATE OR REPLACE VIEW imgcloud.View_ProjectItemCode_Info AS
SELECT
    RTRIM(CAST(e.modality AS VARCHAR2(400)))                         AS modality,
    RTRIM(CAST(e.exam_code AS VARCHAR2(400)))                        AS examCode,
    RTRIM(CAST(e.exam_name AS VARCHAR2(800)))                        AS examName,
    RTRIM(CAST(e.body_part AS VARCHAR2(800)))                        AS examBodyPart,
    TO_CHAR(ROUND(ROUND(CAST(e.price AS NUMBER), 6), 2), 'FM9999999999999990.00') AS examPrice,
    CAST(CASE WHEN e.is_valid = 1 THEN '0' ELSE '1' END AS VARCHAR2(1)) AS checkStatus,
    RTRIM(CAST(e.source_type AS VARCHAR2(400)))                      AS sourceType,
    CAST(COALESCE(RTRIM(CAST(e.hospital_id AS VARCHAR2(400))), (SELECT hospital_id FROM imgcloud.settings)) AS VARCHAR2(400)) AS hospitalld
FROM imgcloud.src_exam_item e
WHERE (NOT EXISTS (SELECT 1 FROM imgcloud.institution)
       OR CAST(COALESCE(RTRIM(CAST(e.hospital_id AS VARCHAR2(400))), (SELECT hospital_id FROM imgcloud.settings)) AS VARCHAR2(400)) IN (SELECT hospital_id FROM imgcloud.institution))
/

-- examPart crosswalk rules (09_exam_part_rules.sql; sql/README.md, "检查部位对照规则"): three
-- helper views, read by view_setlInfoList below, by the provider's check and by the DBA (granted
-- to the provider's account in 05, not to the cloud's):
--   exam_part_rule_match   every (exam item, rule) pair that matches;
--   exam_part_by_rule      per item (exam_code, hospital_id) its first matching rule;
--   exam_item_settlements  the window's settlement lines per item, for coverage counts.
-- An item is src_exam_item's row, its code, name, modality and body part trimmed (Oracle reads
-- '' as NULL), its hospital_id resolved as the standard views resolve it. Its contrast comes
-- from its name, here and nowhere else: 造影 when the name holds 造影 or 血管成像, else 增强 when
-- it holds 增强, else 平扫 when it holds 平扫, else NULL (the name says nothing). A rule matches
-- an item when every condition it gives holds (NULL: any): hospital_id '*' or the item's
-- hospitalld; modality equal; body_part and name_pattern LIKE patterns (% any run, _ one
-- character) on the body part and the name; contrast equal, a rule's 平扫 also matching an item
-- whose name says nothing. Byte for byte whatever the session's NLS settings: equality on
-- NLSSORT(..., 'NLS_SORT=BINARY'), and a pattern turned into a regular expression (its . ^ $ +
-- ( ) { } | escaped, % to .*, _ to .) matched by REGEXP_LIKE with 'c' (case- and
-- accent-sensitive) and 'n' (. matches a line break, as LIKE's % does): LIKE itself would follow
-- NLS_COMP=LINGUISTIC. The table refuses [ ] * ? and the backslash in a pattern. A regular
-- expression is at most 512 bytes: a pattern of more than about 150 Chinese characters fails
-- here. An item without a body part never matches a rule that gives one.
CREATE OR REPLACE VIEW imgcloud.exam_part_rule_match AS
SELECT e.exam_code, e.hospital_id, e.exam_name, e.modality, e.body_part, e.contrast, r.rule_no, r.exam_part
FROM (SELECT i.exam_code, i.hospital_id, i.exam_name, i.modality, i.body_part,
             CAST(CASE WHEN INSTR(i.exam_name, '造影') > 0 OR INSTR(i.exam_name, '血管成像') > 0 THEN '造影'
                       WHEN INSTR(i.exam_name, '增强') > 0 THEN '增强'
                       WHEN INSTR(i.exam_name, '平扫') > 0 THEN '平扫' END AS VARCHAR2(40)) AS contrast
        FROM (SELECT RTRIM(CAST(s.exam_code AS VARCHAR2(400)))     AS exam_code,
                     CAST(COALESCE(RTRIM(CAST(s.hospital_id AS VARCHAR2(400))), st.hospital_id) AS VARCHAR2(400)) AS hospital_id,
                     RTRIM(CAST(s.exam_name AS VARCHAR2(800)))     AS exam_name,
                     RTRIM(CAST(s.modality AS VARCHAR2(400)))      AS modality,
                     RTRIM(CAST(s.body_part AS VARCHAR2(800)))     AS body_part
                FROM imgcloud.src_exam_item s
                CROSS JOIN imgcloud.settings st) i) e
JOIN (SELECT q.rule_no, q.hospital_id, RTRIM(q.modality) AS modality, q.contrast, q.exam_part,
             CASE WHEN q.body_part IS NOT NULL THEN '^' || REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(q.body_part, '.', '\.'), '^', '\^'), '$', '\$'), '+', '\+'), '(', '\('), ')', '\)'), '{', '\{'), '}', '\}'), '|', '\|'), '%', '.*'), '_', '.') || '$' END AS body_re,
             CASE WHEN q.name_pattern IS NOT NULL THEN '^' || REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(q.name_pattern, '.', '\.'), '^', '\^'), '$', '\$'), '+', '\+'), '(', '\('), ')', '\)'), '{', '\{'), '}', '\}'), '|', '\|'), '%', '.*'), '_', '.') || '$' END AS name_re
        FROM imgcloud.exam_part_rule q) r
  ON (r.hospital_id = '*' OR NLSSORT(r.hospital_id, 'NLS_SORT=BINARY') = NLSSORT(e.hospital_id, 'NLS_SORT=BINARY'))
 AND (r.modality IS NULL OR NLSSORT(e.modality, 'NLS_SORT=BINARY') = NLSSORT(r.modality, 'NLS_SORT=BINARY'))
 AND (r.body_re IS NULL OR REGEXP_LIKE(e.body_part, r.body_re, 'cn'))
 AND (r.name_re IS NULL OR REGEXP_LIKE(e.exam_name, r.name_re, 'cn'))
 AND (r.contrast IS NULL OR r.contrast = e.contrast OR (r.contrast = '平扫' AND e.contrast IS NULL))
WHERE e.exam_code IS NOT NULL
/

-- The first matching rule of each item: the lowest rule_no, grouped (also on the codes' binary
-- sort keys, so that no NLS setting merges two codes) and joined back to the rule for its exam_part.
CREATE OR REPLACE VIEW imgcloud.exam_part_by_rule AS
SELECT f.exam_code, f.hospital_id, f.rule_no, r.exam_part
FROM (SELECT m.exam_code, m.hospital_id, MIN(m.rule_no) AS rule_no
        FROM imgcloud.exam_part_rule_match m
       GROUP BY m.exam_code, NLSSORT(m.exam_code, 'NLS_SORT=BINARY'), m.hospital_id, NLSSORT(m.hospital_id, 'NLS_SORT=BINARY')) f
JOIN imgcloud.exam_part_rule r ON r.rule_no = f.rule_no
/

-- The settlement lines of view_setlInfoList's window (the same window, the same institutions)
-- per exam item code and hospitalld; exam_code NULL counts the lines without an item code.
CREATE OR REPLACE VIEW imgcloud.exam_item_settlements AS
SELECT l.exam_code, l.hospital_id, COUNT(*) AS settlements
FROM (SELECT RTRIM(CAST(s.exam_item_code AS VARCHAR2(400))) AS exam_code,
             CAST(COALESCE(RTRIM(CAST(s.hospital_id AS VARCHAR2(400))), (SELECT hospital_id FROM imgcloud.settings)) AS VARCHAR2(400)) AS hospital_id
        FROM imgcloud.src_settlement s
       WHERE s.settle_time >= (SELECT CAST(SYS_EXTRACT_UTC(SYSTIMESTAMP) AS DATE) + utc_offset_minutes / 1440 - settlement_days FROM imgcloud.settings)
         AND (NOT EXISTS (SELECT 1 FROM imgcloud.institution)
              OR CAST(COALESCE(RTRIM(CAST(s.hospital_id AS VARCHAR2(400))), (SELECT hospital_id FROM imgcloud.settings)) AS VARCHAR2(400)) IN (SELECT hospital_id FROM imgcloud.institution))) l
GROUP BY l.exam_code, NLSSORT(l.exam_code, 'NLS_SORT=BINARY'), l.hospital_id, NLSSORT(l.hospital_id, 'NLS_SORT=BINARY')
/

-- 影像结算: imaging charges settled in the last settlement_days days. setlId is twenty
-- zeros when the settlement is not an insurance one (self_paid); feedetlSn is twenty zeros
-- when the fee line is not an insurance fee: a self-paid settlement's, or an insured
-- settlement's line without a fee-detail serial (never NULL). examPart comes from the
-- crosswalk and is NULL for an unmapped item (the contract check reports it): the row of the
-- settlement's own institution (hospitalld) first, else the all-institutions row ('*'), else
-- the item's first matching rule (exam_part_by_rule, above).
-- The institution is compared with st.hospital_id of the one settings row joined in, not a
-- subquery: Oracle refuses a subquery in an outer join's condition on older releases.
-- Every view keeps only the connected institutions' rows when imgcloud.institution lists
-- any (empty: every institution).
CREATE OR REPLACE VIEW imgcloud.view_setlInfoList AS
SELECT
    RTRIM(CAST(s.accession_no AS VARCHAR2(400)))                     AS accessionNo,
    RTRIM(CAST(s.study_order_id AS VARCHAR2(400)))                   AS studyOrderId,
    CASE WHEN s.self_paid = 1 THEN CAST('00000000000000000000' AS VARCHAR2(400))
         ELSE RTRIM(CAST(s.setl_id AS VARCHAR2(400))) END                   AS setlId,
    RTRIM(CAST(s.med_list_code AS VARCHAR2(400)))                    AS medListCodg,
    CASE WHEN s.self_paid = 1 OR RTRIM(CAST(s.fee_detail_sn AS VARCHAR2(400))) IS NULL
         THEN CAST('00000000000000000000' AS VARCHAR2(400))
         ELSE RTRIM(CAST(s.fee_detail_sn AS VARCHAR2(400))) END      AS feedetlSn,
    CAST(RTRIM(COALESCE(x.exam_part, xd.exam_part, rx.exam_part)) AS VARCHAR2(9)) AS examPart,
    CAST(COALESCE(RTRIM(CAST(s.hospital_id AS VARCHAR2(400))), (SELECT hospital_id FROM imgcloud.settings)) AS VARCHAR2(400)) AS hospitalld
FROM imgcloud.src_settlement s
CROSS JOIN imgcloud.settings st
LEFT JOIN imgcloud.exam_part_map x
       ON NLSSORT(x.exam_code, 'NLS_SORT=BINARY') = NLSSORT(RTRIM(CAST(s.exam_item_code AS VARCHAR2(400))), 'NLS_SORT=BINARY')
      AND NLSSORT(x.hospital_id, 'NLS_SORT=BINARY') = NLSSORT(COALESCE(RTRIM(CAST(s.hospital_id AS VARCHAR2(400))), st.hospital_id), 'NLS_SORT=BINARY')
LEFT JOIN imgcloud.exam_part_map xd
       ON NLSSORT(xd.exam_code, 'NLS_SORT=BINARY') = NLSSORT(RTRIM(CAST(s.exam_item_code AS VARCHAR2(400))), 'NLS_SORT=BINARY')
      AND xd.hospital_id = '*'
LEFT JOIN imgcloud.exam_part_by_rule rx
       ON NLSSORT(rx.exam_code, 'NLS_SORT=BINARY') = NLSSORT(RTRIM(CAST(s.exam_item_code AS VARCHAR2(400))), 'NLS_SORT=BINARY')
      AND NLSSORT(rx.hospital_id, 'NLS_SORT=BINARY') = NLSSORT(COALESCE(RTRIM(CAST(s.hospital_id AS VARCHAR2(400))), st.hospital_id), 'NLS_SORT=BINARY')
WHERE s.settle_time >= (SELECT CAST(SYS_EXTRACT_UTC(SYSTIMESTAMP) AS DATE) + utc_offset_minutes / 1440 - settlement_days FROM imgcloud.settings)
  AND (NOT EXISTS (SELECT 1 FROM imgcloud.institution)
       OR CAST(COALESCE(RTRIM(CAST(s.hospital_id AS VARCHAR2(400))), (SELECT hospital_id FROM imgcloud.settings)) AS VARCHAR2(400)) IN (SELECT hospital_id FROM imgcloud.institution))
/

-- 科室字典: the departments the source view selects (clinical and 医技).
CREATE OR REPLACE VIEW imgcloud.View_Dept_Info AS
SELECT
    RTRIM(CAST(d.dept_name AS VARCHAR2(800)))                        AS deptName,
    RTRIM(CAST(d.dept_code AS VARCHAR2(400)))                        AS deptCode,
    RTRIM(CAST(d.remark AS VARCHAR2(800)))                           AS remark,
    CAST(COALESCE(RTRIM(CAST(d.hospital_id AS VARCHAR2(400))), (SELECT hospital_id FROM imgcloud.settings)) AS VARCHAR2(400)) AS hospitalld
FROM imgcloud.src_dept d
WHERE (NOT EXISTS (SELECT 1 FROM imgcloud.institution)
       OR CAST(COALESCE(RTRIM(CAST(d.hospital_id AS VARCHAR2(400))), (SELECT hospital_id FROM imgcloud.settings)) AS VARCHAR2(400)) IN (SELECT hospital_id FROM imgcloud.institution))
/
