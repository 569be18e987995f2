-- =============================================================================
-- imgcloud provider · MySQL / MariaDB · 04_standard_views.sql
-- Purpose : the four views of the cloud's contract, identical in every hospital: names
--           and column names exactly as the contract writes them (including hospitalld),
--           every column a utf8mb4 character string, date-times 'yyyy-MM-dd HH:mm:ss' in
--           the hospital's local time, codes as the contract lists them, hospitalld on
--           every row, '' and all-blank values (and trailing blanks) turned into NULL /
--           trimmed, a blank hospital_id falling back to the default, and the recency
--           windows on the source views' native date-time columns. They read only the
--           source views (03, or the hospital's own) and the imgcloud tables (01).
-- Dialect : MySQL 5.7.7 or later and MariaDB 10.4 or later. Mirrors
--           sql/postgresql/04_standard_views.sql, with the rules contract.md settled on
--           2026-12-01 already applied ('' to NULL, feedetlSn's own condition, "now").
--           No WITH, no window functions, no ->>, no stored functions (a function would
--           need DELIMITER, a client command the provider's runner does not have).
-- Charset : every column is CAST(... AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin:
--           the same type whatever the HIS's character set and collation, Chinese kept,
--           and codes compared and ordered by code point (UTF-8 byte order) by whoever
--           reads the view. Joins to the imgcloud tables convert the HIS's side the same
--           way, so a HIS in utf8mb4_general_ci (or latin1, gbk) never meets imgcloud's
--           utf8mb4_bin in an "Illegal mix of collations" (ERROR 1267).
-- Order   : every time, after 03 (or the hospital's source views) and before 05.
-- Re-run  : safe to run twice: CREATE OR REPLACE VIEW may change columns freely and keeps
--           the grants. DDL commits implicitly: a failing view leaves the old one in place.
-- "now"   : UTC_TIMESTAMP() + INTERVAL imgcloud.settings.utc_offset_minutes MINUTE
--           (default 480): UTC from the server's clock plus the hospital's offset,
--           whatever time_zone the server or the reading session has (a Java client sets
--           its JVM's zone; NOW() would follow it) and with no time-zone tables (a named
--           zone such as 'Asia/Shanghai' needs them: CONVERT_TZ gives NULL without).
--           HIS timestamps are local times without a zone.
-- Windows : each view joins imgcloud.settings on its primary key (id = 1): MySQL reads
--           such a "const" table before planning, so a window bound is a constant and the
--           date column's index on the HIS table can be used (a range scan), and a DBA's
--           change applies to the next query. MySQL 5.7 materialises a view holding UNION
--           ALL (ALGORITHM=TEMPTABLE) and does not push a reader's WHERE into it; the
--           windows are therefore written inside each arm here. A reader's own filter on
--           View_Register_Info is applied after the windows (MariaDB and MySQL 8 push it
--           down; 5.7 does not). For the same reason the settlements come from two source
--           views (03), and view_setlInfoList is a UNION ALL of two windowed arms: a source
--           view holding the UNION would be materialised whole at every read, no server of
--           the family pushing a bound read from imgcloud.settings into it (not as a const
--           table, a scalar subquery or a stored function, DETERMINISTIC or not: measured on
--           MariaDB 10.11). The settlement bound is an uncorrelated scalar subquery on
--           settings: the optimizer evaluates it while planning, so it knows how few rows the
--           window holds and starts each arm from the settlement's date index. A bound on
--           the joined const table is seen only after the join order is chosen: an arm may
--           then start from the bill lines and scan them whole (seen on the inpatient arm).
-- Security: SQL SECURITY DEFINER, DEFINER = CURRENT_USER, deliberately: the cloud's and
--           the provider's accounts are granted these four views only (05) and read the
--           source views, the imgcloud tables and the HIS tables through them with the
--           rights of the account that ran this script. That account must keep existing
--           and keep its rights (dropping it breaks the views: ERROR 1449); re-running
--           as another account makes that account the definer.
-- Names   : the view names are case-sensitive on a Linux server: the cloud must write
--           View_Register_Info exactly (on Windows servers they are stored lower case).
-- Status  : a HIS that marks some cancelled admissions only by a status, with no cancel
--           time, lists them in the optional source view imgcloud.src_inpatient_cancelled
--           (one column, admission_no). Such a stay is written with quitType 1 and stays
--           in View_Register_Info for discharged_days after its register_time (the HIS does
--           not say when it was cancelled; usually the same day), then leaves the window;
--           a stay waiting for a bed that is not in the list stays as long as it waits.
--           Source views that do not define the view get an empty default (02, and below).
-- =============================================================================

SET NAMES utf8mb4 COLLATE utf8mb4_bin;

-- The optional source view src_inpatient_cancelled (sql/README.md): made here, empty, only
-- when it does not exist (02 resets it to this default on every run of migrate; this is for
-- a DBA running 04 without 02). No IF outside a stored routine and no CREATE VIEW IF NOT
-- EXISTS in MySQL 5.7: the statement is chosen into a variable and prepared.
SET @imgcloud_ddl = IF((SELECT COUNT(*) FROM information_schema.views
                         WHERE CONCAT(table_schema, '.', table_name) = 'imgcloud.src_inpatient_cancelled') = 0,
    'CREATE DEFINER = CURRENT_USER SQL SECURITY DEFINER VIEW imgcloud.src_inpatient_cancelled AS SELECT CAST(NULL AS CHAR(50) CHARACTER SET utf8mb4) AS admission_no FROM DUAL WHERE 1 = 0',
    'DO 0');
PREPARE imgcloud_stmt FROM @imgcloud_ddl;
EXECUTE imgcloud_stmt;
DEALLOCATE PREPARE imgcloud_stmt;

-- 挂号/入院登记. One row per visit: outpatient registrations whose visit time lies from
-- outpatient_days_back days ago to outpatient_days_ahead days ahead; inpatient stays while
-- waiting for a bed or in one, and for discharged_days after discharge or cancellation;
-- a stay cancelled by status only (src_inpatient_cancelled, no cancel time) for
-- discharged_days after its register_time, with quitType 1. Both sides of the list's
-- match are utf8mb4_bin text, whatever the HIS's character set and collation.
-- patientAge: whole years at the visit (not today), computed as the other engines do: the
-- difference of the years, less one when the visit's month-day precedes the birthday's;
-- NULL, never negative, when the HIS says the patient was born after the day of the visit
-- (days compared, not times), which the contract check reports as an empty patientAge.
CREATE OR REPLACE DEFINER = CURRENT_USER SQL SECURITY DEFINER VIEW imgcloud.View_Register_Info AS
SELECT
    CAST(NULLIF(RTRIM(o.id_card_no), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin AS idCardNo,
    CAST(NULLIF(RTRIM(o.health_card_no), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin AS healthNo,
    CAST(NULLIF(RTRIM(o.insurance_card_no), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin AS insuranceId,
    CAST(NULLIF(RTRIM(o.inpatient_no), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin AS hospitalizationId,
    CAST(NULLIF(RTRIM(o.medicare_no), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin AS medicareNo,
    CAST(NULLIF(RTRIM(o.mobile_phone), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin AS mobilePhone,
    CAST(NULLIF(RTRIM(o.patient_name), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin AS patientName,
    CAST(NULLIF(RTRIM(sx.sex_text), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin AS patientSex,
    CASE WHEN CAST(o.visit_time AS DATE) >= CAST(o.date_of_birth AS DATE)
         THEN CAST(YEAR(o.visit_time) - YEAR(o.date_of_birth)
                   - CASE WHEN MONTH(o.visit_time) * 100 + DAYOFMONTH(o.visit_time)
                             < MONTH(o.date_of_birth) * 100 + DAYOFMONTH(o.date_of_birth)
                          THEN 1 ELSE 0 END AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin
    END AS patientAge,
    CAST(NULLIF(RTRIM(o.patient_type), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin AS patientType,
    CAST(NULLIF(RTRIM(o.visit_no), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin AS outpatientNumber,
    CAST(DATE_FORMAT(o.register_time, '%Y-%m-%d %H:%i:%s') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin AS registDateTime,
    CAST(DATE_FORMAT(o.visit_time, '%Y-%m-%d %H:%i:%s') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin AS outpatientDateTime,
    CAST(NULLIF(RTRIM(o.dept_name), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin AS outpatientDeptName,
    CAST(NULLIF(RTRIM(o.dept_code), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin AS outpatientDeptCode,
    CAST(NULLIF(RTRIM(o.doctor_name), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin AS outpatientDocName,
    CAST(NULLIF(RTRIM(o.doctor_his_uid), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin AS outpatientDocHisUid,
    CAST(NULLIF(RTRIM(o.doctor_insurance_code), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin AS outpatientDocCode,
    CAST(NULLIF(RTRIM(o.doctor_id_card_no), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin AS outpatientIdcardNo,
    CAST(CASE WHEN o.withdrawn = 1 THEN '1' ELSE '0' END AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin AS quitType,
    CAST(CASE WHEN o.seen = 1 THEN '1' ELSE '0' END AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin AS outpatientType,
    CAST(NULL AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin      AS admissionRegistDateTime,
    CAST(NULL AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin      AS admissionDateTime,
    CAST(NULL AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin      AS admissionDeptCode,
    CAST(NULL AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin      AS admissionDeptName,
    CAST(NULL AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin      AS dischargedDateTime,
    CAST(NULL AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin      AS currentDeptCode,
    CAST(NULL AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin      AS currentDeptName,
    CAST(NULLIF(RTRIM(o.diagnosis_code), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin AS diagnoseCode,
    CAST(NULLIF(RTRIM(o.diagnosis_name), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin AS diagnoseName,
    CAST(NULL AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin      AS wardNo,
    CAST(NULL AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin      AS bedNo,
    CAST(COALESCE(CAST(NULLIF(RTRIM(o.hospital_id), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin, st.hospital_id) AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin AS hospitalld
FROM imgcloud.src_outpatient_visit o
JOIN imgcloud.settings st ON st.id = 1
LEFT JOIN imgcloud.sex_map sx ON sx.sex_code = COALESCE(CAST(NULLIF(RTRIM(o.sex_code), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin, '0')
WHERE o.visit_time >= UTC_TIMESTAMP() + INTERVAL st.utc_offset_minutes MINUTE - INTERVAL st.outpatient_days_back DAY
  AND o.visit_time <= UTC_TIMESTAMP() + INTERVAL st.utc_offset_minutes MINUTE + INTERVAL st.outpatient_days_ahead DAY
  AND (NOT EXISTS (SELECT 1 FROM imgcloud.institution)
       OR CAST(COALESCE(CAST(NULLIF(RTRIM(o.hospital_id), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin, st.hospital_id) AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin IN (SELECT hospital_id FROM imgcloud.institution))
UNION ALL
SELECT
    CAST(NULLIF(RTRIM(i.id_card_no), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin,
    CAST(NULLIF(RTRIM(i.health_card_no), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin,
    CAST(NULLIF(RTRIM(i.insurance_card_no), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin,
    CAST(NULLIF(RTRIM(i.inpatient_no), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin,
    CAST(NULLIF(RTRIM(i.medicare_no), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin,
    CAST(NULLIF(RTRIM(i.mobile_phone), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin,
    CAST(NULLIF(RTRIM(i.patient_name), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin,
    CAST(NULLIF(RTRIM(sx.sex_text), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin,
    CASE WHEN CAST(COALESCE(i.admission_time, i.register_time) AS DATE) >= CAST(i.date_of_birth AS DATE)
         THEN CAST(YEAR(COALESCE(i.admission_time, i.register_time)) - YEAR(i.date_of_birth)
                   - CASE WHEN MONTH(COALESCE(i.admission_time, i.register_time)) * 100 + DAYOFMONTH(COALESCE(i.admission_time, i.register_time))
                             < MONTH(i.date_of_birth) * 100 + DAYOFMONTH(i.date_of_birth)
                          THEN 1 ELSE 0 END AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin
    END,
    CAST('2' AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin,
    CAST(NULLIF(RTRIM(i.admission_no), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin,
    CAST(DATE_FORMAT(i.register_time, '%Y-%m-%d %H:%i:%s') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin,
    CAST(DATE_FORMAT(COALESCE(i.admission_time, i.register_time), '%Y-%m-%d %H:%i:%s') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin,
    CAST(NULLIF(RTRIM(i.admit_dept_name), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin,
    CAST(NULLIF(RTRIM(i.admit_dept_code), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin,
    CAST(NULLIF(RTRIM(i.admit_doctor_name), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin,
    CAST(NULLIF(RTRIM(i.admit_doctor_his_uid), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin,
    CAST(NULLIF(RTRIM(i.admit_doctor_insurance_code), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin,
    CAST(NULLIF(RTRIM(i.admit_doctor_id_card_no), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin,
    CAST(CASE WHEN i.cancel_time IS NOT NULL
                OR CAST(NULLIF(RTRIM(i.admission_no), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin IN
                   (SELECT CAST(NULLIF(RTRIM(c.admission_no), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin FROM imgcloud.src_inpatient_cancelled c
                     WHERE NULLIF(RTRIM(c.admission_no), '') IS NOT NULL)
              THEN '1' ELSE '0' END AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin,
    CAST(CASE WHEN i.admission_time IS NOT NULL THEN '1' ELSE '0' END AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin,
    CAST(DATE_FORMAT(i.register_time, '%Y-%m-%d %H:%i:%s') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin,
    CAST(DATE_FORMAT(i.admission_time, '%Y-%m-%d %H:%i:%s') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin,
    CAST(NULLIF(RTRIM(i.admit_dept_code), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin,
    CAST(NULLIF(RTRIM(i.admit_dept_name), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin,
    CAST(DATE_FORMAT(i.discharge_time, '%Y-%m-%d %H:%i:%s') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin,
    CAST(NULLIF(RTRIM(i.current_dept_code), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin,
    CAST(NULLIF(RTRIM(i.current_dept_name), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin,
    CAST(NULLIF(RTRIM(i.diagnosis_code), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin,
    CAST(NULLIF(RTRIM(i.diagnosis_name), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin,
    CAST(NULLIF(RTRIM(i.ward_no), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin,
    CAST(NULLIF(RTRIM(i.bed_no), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin,
    CAST(COALESCE(CAST(NULLIF(RTRIM(i.hospital_id), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin, st.hospital_id) AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin
FROM imgcloud.src_inpatient_visit i
JOIN imgcloud.settings st ON st.id = 1
LEFT JOIN imgcloud.sex_map sx ON sx.sex_code = COALESCE(CAST(NULLIF(RTRIM(i.sex_code), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin, '0')
WHERE ((i.discharge_time IS NULL AND i.cancel_time IS NULL
       AND (i.register_time >= UTC_TIMESTAMP() + INTERVAL st.utc_offset_minutes MINUTE - INTERVAL st.discharged_days DAY
            OR CAST(NULLIF(RTRIM(i.admission_no), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin NOT IN
               (SELECT CAST(NULLIF(RTRIM(c.admission_no), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin FROM imgcloud.src_inpatient_cancelled c
                    WHERE NULLIF(RTRIM(c.admission_no), '') IS NOT NULL)))
   OR i.discharge_time >= UTC_TIMESTAMP() + INTERVAL st.utc_offset_minutes MINUTE - INTERVAL st.discharged_days DAY
   OR i.cancel_time    >= UTC_TIMESTAMP() + INTERVAL st.utc_offset_minutes MINUTE - INTERVAL st.discharged_days DAY)
  AND (NOT EXISTS (SELECT 1 FROM imgcloud.institution)
       OR CAST(COALESCE(CAST(NULLIF(RTRIM(i.hospital_id), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin, st.hospital_id) AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin IN (SELECT hospital_id FROM imgcloud.institution));

-- 检查项目字典: every exam item, valid (checkStatus 0) and retired (1).
-- examPrice: two decimals ('480.50'), rounded half away from zero on the decimal value (a
-- DOUBLE price is made DECIMAL first: ROUND on a double rounds 0.125 to 0.12); NULL when
-- the item has no current price.
CREATE OR REPLACE DEFINER = CURRENT_USER SQL SECURITY DEFINER VIEW imgcloud.View_ProjectItemCode_Info AS
SELECT
    CAST(NULLIF(RTRIM(e.modality), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin AS modality,
    CAST(NULLIF(RTRIM(e.exam_code), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin AS examCode,
    CAST(NULLIF(RTRIM(e.exam_name), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin AS examName,
    CAST(NULLIF(RTRIM(e.body_part), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin AS examBodyPart,
    CAST(ROUND(CAST(e.price AS DECIMAL(24,6)), 2) AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin AS examPrice,
    CAST(CASE WHEN e.is_valid = 1 THEN '0' ELSE '1' END AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin AS checkStatus,
    CAST(NULLIF(RTRIM(e.source_type), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin AS sourceType,
    CAST(COALESCE(CAST(NULLIF(RTRIM(e.hospital_id), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin, st.hospital_id) AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin AS hospitalld
FROM imgcloud.src_exam_item e
LEFT JOIN imgcloud.settings st ON st.id = 1
WHERE (NOT EXISTS (SELECT 1 FROM imgcloud.institution)
       OR CAST(COALESCE(CAST(NULLIF(RTRIM(e.hospital_id), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin, st.hospital_id) AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin IN (SELECT hospital_id FROM imgcloud.institution));

-- examPart crosswalk rules (09_exam_part_rules.sql; sql/README.md, "检查部位对照规则"): three
-- helper views, read by view_setlInfoList below, by the provider's check and by the DBA (granted
-- to the provider's account in 05, not to the cloud's):
--   exam_part_rule_match   every (exam item, rule) pair that matches;
--   exam_part_by_rule      per item (exam_code, hospital_id) its first matching rule;
--   exam_item_settlements  the window's settlement lines per item, for coverage counts.
-- An item is src_exam_item's row, its code, name, modality and body part trimmed and NULL when
-- blank, its hospital_id resolved as the standard views resolve it. Its contrast comes from its
-- name, here and nowhere else: 造影 when the name holds 造影 or 血管成像, else 增强 when it holds
-- 增强, else 平扫 when it holds 平扫, else NULL (the name says nothing). A rule matches an item
-- when every condition it gives holds (NULL or blank: any): hospital_id '*' or the item's
-- hospitalld; modality equal; body_part and name_pattern LIKE patterns (% any run, _ one
-- character) on the body part and the name; contrast equal, a rule's 平扫 also matching an item
-- whose name says nothing. Both sides utf8mb4_bin: byte for byte and case-sensitive, whatever
-- the HIS's collation; the table refuses [ ] * ? and the backslash (LIKE's escape) in a
-- pattern. An item without a body part never matches a rule that gives one. Views with GROUP
-- BY or UNION are materialised (TEMPTABLE): these read the small item dictionary and the rules,
-- and exam_item_settlements windows each settlement arm inside, as view_setlInfoList does.
CREATE OR REPLACE DEFINER = CURRENT_USER SQL SECURITY DEFINER VIEW imgcloud.exam_part_rule_match AS
SELECT e.exam_code, e.hospital_id, e.exam_name, e.modality, e.body_part, e.contrast, r.rule_no, r.exam_part
FROM (SELECT i.exam_code, i.hospital_id, i.exam_name, i.modality, i.body_part,
             CAST(CASE WHEN LOCATE('造影', i.exam_name) > 0 OR LOCATE('血管成像', i.exam_name) > 0 THEN '造影'
                       WHEN LOCATE('增强', i.exam_name) > 0 THEN '增强'
                       WHEN LOCATE('平扫', i.exam_name) > 0 THEN '平扫' END AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin AS contrast
        FROM (SELECT CAST(NULLIF(RTRIM(s.exam_code), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin AS exam_code,
                     CAST(COALESCE(CAST(NULLIF(RTRIM(s.hospital_id), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin, st.hospital_id) AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin AS hospital_id,
                     CAST(NULLIF(RTRIM(s.exam_name), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin AS exam_name,
                     CAST(NULLIF(RTRIM(s.modality), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin AS modality,
                     CAST(NULLIF(RTRIM(s.body_part), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin AS body_part
                FROM imgcloud.src_exam_item s
                JOIN imgcloud.settings st ON st.id = 1) i) e
JOIN imgcloud.exam_part_rule r
  ON (r.hospital_id = '*' OR r.hospital_id = e.hospital_id)
 AND (NULLIF(RTRIM(r.modality), '') IS NULL OR e.modality = RTRIM(r.modality))
 AND (NULLIF(r.body_part, '') IS NULL OR e.body_part LIKE r.body_part)
 AND (NULLIF(r.name_pattern, '') IS NULL OR e.exam_name LIKE r.name_pattern)
 AND (NULLIF(r.contrast, '') IS NULL OR r.contrast = e.contrast OR (r.contrast = '平扫' AND e.contrast IS NULL))
WHERE e.exam_code IS NOT NULL;

-- The first matching rule of each item: the lowest rule_no, grouped and joined back to the
-- rule for its exam_part (no window function: MySQL 5.7 has none).
CREATE OR REPLACE DEFINER = CURRENT_USER SQL SECURITY DEFINER VIEW imgcloud.exam_part_by_rule AS
SELECT f.exam_code, f.hospital_id, f.rule_no, r.exam_part
FROM (SELECT m.exam_code, m.hospital_id, MIN(m.rule_no) AS rule_no
        FROM imgcloud.exam_part_rule_match m
       GROUP BY m.exam_code, m.hospital_id) f
JOIN imgcloud.exam_part_rule r ON r.rule_no = f.rule_no;

-- The settlement lines of view_setlInfoList's window (the same window, the same institutions)
-- per exam item code and hospitalld; exam_code NULL counts the lines without an item code.
-- Two arms, each windowed on its own source view, as view_setlInfoList.
CREATE OR REPLACE DEFINER = CURRENT_USER SQL SECURITY DEFINER VIEW imgcloud.exam_item_settlements AS
SELECT l.exam_code, l.hospital_id, COUNT(*) AS settlements
FROM (SELECT CAST(NULLIF(RTRIM(o.exam_item_code), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin AS exam_code,
             CAST(COALESCE(CAST(NULLIF(RTRIM(o.hospital_id), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin, st.hospital_id) AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin AS hospital_id
        FROM imgcloud.src_outpatient_settlement o
        JOIN imgcloud.settings st ON st.id = 1
       WHERE o.settle_time >= (SELECT UTC_TIMESTAMP() + INTERVAL w.utc_offset_minutes MINUTE - INTERVAL w.settlement_days DAY FROM imgcloud.settings w WHERE w.id = 1)
         AND (NOT EXISTS (SELECT 1 FROM imgcloud.institution)
                   OR CAST(COALESCE(CAST(NULLIF(RTRIM(o.hospital_id), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin, st.hospital_id) AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin IN (SELECT hospital_id FROM imgcloud.institution))
      UNION ALL
      SELECT CAST(NULLIF(RTRIM(i.exam_item_code), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin,
             CAST(COALESCE(CAST(NULLIF(RTRIM(i.hospital_id), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin, st.hospital_id) AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin
        FROM imgcloud.src_inpatient_settlement i
        JOIN imgcloud.settings st ON st.id = 1
       WHERE i.settle_time >= (SELECT UTC_TIMESTAMP() + INTERVAL w.utc_offset_minutes MINUTE - INTERVAL w.settlement_days DAY FROM imgcloud.settings w WHERE w.id = 1)
         AND (NOT EXISTS (SELECT 1 FROM imgcloud.institution)
                   OR CAST(COALESCE(CAST(NULLIF(RTRIM(i.hospital_id), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin, st.hospital_id) AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin IN (SELECT hospital_id FROM imgcloud.institution))) l
GROUP BY l.exam_code, l.hospital_id;

-- 影像结算: imaging charges settled in the last settlement_days days, outpatient and
-- inpatient. setlId is twenty zeros when the settlement is not an insurance one
-- (self_paid); feedetlSn is twenty zeros when the fee line is not an insurance fee: a
-- self-paid settlement's, or an insured settlement's line without a fee-detail serial (never
-- NULL). examPart comes from the crosswalk, compared by code point (utf8mb4_bin) whatever
-- the HIS's collation, and is NULL for an unmapped item (the contract check reports it).
-- The crosswalk row of the settlement's own institution (hospitalld) wins; else the
-- all-institutions row ('*') of the same exam code; else the item's first matching rule
-- (exam_part_by_rule, above). Every view keeps only the connected
-- institutions' rows when imgcloud.institution lists any (empty: every institution).
-- Two arms, each windowed on its own source view (as View_Register_Info): a single source
-- view holding the UNION would be materialised whole, the window applied only afterwards
-- (the whole settlement history read at every read; see 03).
CREATE OR REPLACE DEFINER = CURRENT_USER SQL SECURITY DEFINER VIEW imgcloud.view_setlInfoList AS
SELECT
    CAST(NULLIF(RTRIM(o.accession_no), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin AS accessionNo,
    CAST(NULLIF(RTRIM(o.study_order_id), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin AS studyOrderId,
    CAST(CASE WHEN o.self_paid = 1 THEN '00000000000000000000' ELSE CAST(NULLIF(RTRIM(o.setl_id), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin END AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin AS setlId,
    CAST(NULLIF(RTRIM(o.med_list_code), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin AS medListCodg,
    CAST(CASE WHEN o.self_paid = 1 OR CAST(NULLIF(RTRIM(o.fee_detail_sn), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin IS NULL THEN '00000000000000000000' ELSE CAST(NULLIF(RTRIM(o.fee_detail_sn), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin END AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin AS feedetlSn,
    CAST(NULLIF(RTRIM(COALESCE(x.exam_part, xd.exam_part, rx.exam_part)), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin AS examPart,
    CAST(COALESCE(CAST(NULLIF(RTRIM(o.hospital_id), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin, st.hospital_id) AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin AS hospitalld
FROM imgcloud.src_outpatient_settlement o
JOIN imgcloud.settings st ON st.id = 1
LEFT JOIN imgcloud.exam_part_map x ON x.exam_code = CAST(NULLIF(RTRIM(o.exam_item_code), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin
                                  AND x.hospital_id = CAST(COALESCE(CAST(NULLIF(RTRIM(o.hospital_id), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin, st.hospital_id) AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin
LEFT JOIN imgcloud.exam_part_map xd ON xd.exam_code = CAST(NULLIF(RTRIM(o.exam_item_code), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin
                                   AND xd.hospital_id = '*'
LEFT JOIN imgcloud.exam_part_by_rule rx ON rx.exam_code = CAST(NULLIF(RTRIM(o.exam_item_code), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin
                                       AND rx.hospital_id = CAST(COALESCE(CAST(NULLIF(RTRIM(o.hospital_id), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin, st.hospital_id) AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin
WHERE o.settle_time >= (SELECT UTC_TIMESTAMP() + INTERVAL w.utc_offset_minutes MINUTE - INTERVAL w.settlement_days DAY FROM imgcloud.settings w WHERE w.id = 1)
  AND (NOT EXISTS (SELECT 1 FROM imgcloud.institution)
       OR CAST(COALESCE(CAST(NULLIF(RTRIM(o.hospital_id), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin, st.hospital_id) AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin IN (SELECT hospital_id FROM imgcloud.institution))
UNION ALL
SELECT
    CAST(NULLIF(RTRIM(i.accession_no), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin,
    CAST(NULLIF(RTRIM(i.study_order_id), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin,
    CAST(CASE WHEN i.self_paid = 1 THEN '00000000000000000000' ELSE CAST(NULLIF(RTRIM(i.setl_id), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin END AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin,
    CAST(NULLIF(RTRIM(i.med_list_code), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin,
    CAST(CASE WHEN i.self_paid = 1 OR CAST(NULLIF(RTRIM(i.fee_detail_sn), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin IS NULL THEN '00000000000000000000' ELSE CAST(NULLIF(RTRIM(i.fee_detail_sn), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin END AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin,
    CAST(NULLIF(RTRIM(COALESCE(x.exam_part, xd.exam_part, rx.exam_part)), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin,
    CAST(COALESCE(CAST(NULLIF(RTRIM(i.hospital_id), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin, st.hospital_id) AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin
FROM imgcloud.src_inpatient_settlement i
JOIN imgcloud.settings st ON st.id = 1
LEFT JOIN imgcloud.exam_part_map x ON x.exam_code = CAST(NULLIF(RTRIM(i.exam_item_code), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin
                                  AND x.hospital_id = CAST(COALESCE(CAST(NULLIF(RTRIM(i.hospital_id), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin, st.hospital_id) AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin
LEFT JOIN imgcloud.exam_part_map xd ON xd.exam_code = CAST(NULLIF(RTRIM(i.exam_item_code), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin
                                   AND xd.hospital_id = '*'
LEFT JOIN imgcloud.exam_part_by_rule rx ON rx.exam_code = CAST(NULLIF(RTRIM(i.exam_item_code), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin
                                       AND rx.hospital_id = CAST(COALESCE(CAST(NULLIF(RTRIM(i.hospital_id), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin, st.hospital_id) AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin
WHERE i.settle_time >= (SELECT UTC_TIMESTAMP() + INTERVAL w.utc_offset_minutes MINUTE - INTERVAL w.settlement_days DAY FROM imgcloud.settings w WHERE w.id = 1)
  AND (NOT EXISTS (SELECT 1 FROM imgcloud.institution)
       OR CAST(COALESCE(CAST(NULLIF(RTRIM(i.hospital_id), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin, st.hospital_id) AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin IN (SELECT hospital_id FROM imgcloud.institution));

-- The single settlement source view of earlier versions: nothing reads it any more.
DROP VIEW IF EXISTS imgcloud.src_settlement;

-- 科室字典: the departments the source view selects (clinical and 医技).
CREATE OR REPLACE DEFINER = CURRENT_USER SQL SECURITY DEFINER VIEW imgcloud.View_Dept_Info AS
SELECT
    CAST(NULLIF(RTRIM(d.dept_name), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin AS deptName,
    CAST(NULLIF(RTRIM(d.dept_code), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin AS deptCode,
    CAST(NULLIF(RTRIM(d.remark), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin AS remark,
    CAST(COALESCE(CAST(NULLIF(RTRIM(d.hospital_id), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin, st.hospital_id) AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin AS hospitalld
FROM imgcloud.src_dept d
LEFT JOIN imgcloud.settings st ON st.id = 1
WHERE (NOT EXISTS (SELECT 1 FROM imgcloud.institution)
       OR CAST(COALESCE(CAST(NULLIF(RTRIM(d.hospital_id), '') AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin, st.hospital_id) AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin IN (SELECT hospital_id FROM imgcloud.institution));
