-- =============================================================================
-- imgcloud provider · PostgreSQL · 04_standard_views.sql
-- Purpose : the four views of the cloud's contract, identical in every hospital: names
--           and column names exactly as the contract writes them (including hospitalld),
--           every column varchar, date-times 'yyyy-MM-dd HH:mm:ss' in local time, codes
--           as the contract lists them, hospitalld on every row, and the recency windows
--           on the source views' native date-time columns (so an index on the HIS's own
--           column can be used), their bounds given by the functions imgcloud.window_*()
--           created first. They read only the source views (03, or the hospital's
--           own) and the imgcloud tables (01). Identifiers are unquoted: PostgreSQL
--           stores View_Register_Info as view_register_info and idCardNo as idcardno,
--           which is what the cloud's unquoted SELECT * FROM View_Register_Info finds.
-- Dialect : PostgreSQL 9.5 or later (verified on 15). Mirrors sql/sqlite/03_standard_views.sql
--           row for row and string for string.
-- Order   : every time, after 03 (or the hospital's source views) and before 05, in the
--           same transaction (02 -> 03 -> 04 -> 05). Re-applied on every upgrade.
-- Re-run  : safe to run twice: after 02 the views are simply created; run alone, CREATE
--           OR REPLACE re-creates them as long as no column changed its type or place.
--           05 must follow: it grants the cloud's and the provider's logins these views.
-- "now"   : (now() AT TIME ZONE 'UTC') + imgcloud.settings.utc_offset_minutes minutes
--           (default 480): UTC from the server's clock plus the hospital's offset,
--           whatever TimeZone the server or the reading session has (a Java client sets
--           its JVM's zone, often UTC, which would shift every window by 8 hours with
--           LOCALTIMESTAMP). Not AT TIME ZONE '+08': POSIX zone strings invert the sign
--           ('+08' is eight hours WEST of UTC). HIS timestamps are local times without
--           a zone. Same rule on every engine (contract.md, "now").
-- Values  : every string trimmed of trailing blanks (CHAR codes) and NULL when empty or
--           all blank, as Oracle and the other engines write them; a blank hospital_id
--           falls back to imgcloud.settings.hospital_id; date-times formatted with to_char,
--           so a date-only column is written 'yyyy-MM-dd 00:00:00'.
-- Windows : each bound is a function of its own (imgcloud.window_*(), below), not a scalar
--           subquery on imgcloud.settings: a subquery's value is unknown when the query is
--           planned, so PostgreSQL guessed a third of a ten-year table and hash-joined the
--           whole history (2.2 s for 3,851 settlements out of 2,000,000); a STABLE function
--           is evaluated by the planner for its estimate and once per scan as the index
--           condition, so the date column's index is used with the right row count (0.07 s).
--           The settings are still read by every query: a DBA's change applies at once.
-- Status  : a HIS that marks some cancelled admissions only by a status, with no cancel
--           time, lists them in the optional source view imgcloud.src_inpatient_cancelled
--           (one column, admission_no). Such a stay is written with quitType 1 and stays
--           in View_Register_Info for discharged_days after its register_time (the HIS does
--           not say when it was cancelled; usually the same day), then leaves the window;
--           a stay waiting for a bed that is not in the list stays as long as it waits.
--           Hospital source views that do not define the view get an empty default below.
-- =============================================================================

-- The optional source view src_inpatient_cancelled (sql/README.md): made here, empty, only
-- when the hospital's source views (run just before this script) did not make it; 02 drops
-- it every run, so a hospital that stops defining it gets this default back. admission_no is
-- text, like src_inpatient_visit.admission_no; the views below compare both as trimmed text.
DO $$
BEGIN
    IF to_regclass('imgcloud.src_inpatient_cancelled') IS NULL THEN
        EXECUTE 'CREATE VIEW imgcloud.src_inpatient_cancelled AS SELECT CAST(NULL AS varchar(50)) AS admission_no WHERE 1 = 0';
    END IF;
END $$;

-- The window bounds, as local times in the hospital's zone (UTC plus the offset). One function per bound, no
-- argument, so that each comparison in the views below reads as a plain column >= value.
--   LANGUAGE sql STABLE  the planner evaluates it for its estimate; as an index condition
--                        the executor evaluates it once per scan (in a plain filter it would
--                        run once per row: the window columns need their indexes). A SQL
--                        function reading a table is never inlined, so it stays a value and
--                        does not turn back into a subquery the planner cannot see into.
--   SECURITY DEFINER     it reads imgcloud.settings with its owner's rights (the role running
--                        these scripts): the cloud's login may call it (05) but not read the
--                        table. search_path is fixed so that no caller's schema can shadow
--                        an operator or function in its body.
--   PARALLEL SAFE        set below from PostgreSQL 12 on (where now() itself is parallel safe):
--                        without it a query using the view never runs in parallel.
-- 02 drops these functions after the views; 05 grants EXECUTE to the two accounts only.
CREATE OR REPLACE FUNCTION imgcloud.window_outpatient_from() RETURNS timestamp
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
SELECT ((now() AT TIME ZONE 'UTC') + utc_offset_minutes * interval '1 minute') - make_interval(days => outpatient_days_back) FROM imgcloud.settings
$$;

CREATE OR REPLACE FUNCTION imgcloud.window_outpatient_to() RETURNS timestamp
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
SELECT ((now() AT TIME ZONE 'UTC') + utc_offset_minutes * interval '1 minute') + make_interval(days => outpatient_days_ahead) FROM imgcloud.settings
$$;

CREATE OR REPLACE FUNCTION imgcloud.window_discharged_from() RETURNS timestamp
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
SELECT ((now() AT TIME ZONE 'UTC') + utc_offset_minutes * interval '1 minute') - make_interval(days => discharged_days) FROM imgcloud.settings
$$;

CREATE OR REPLACE FUNCTION imgcloud.window_settlement_from() RETURNS timestamp
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
SELECT ((now() AT TIME ZONE 'UTC') + utc_offset_minutes * interval '1 minute') - make_interval(days => settlement_days) FROM imgcloud.settings
$$;

-- PARALLEL SAFE is syntax from 9.6 on (hence EXECUTE: 9.5 would refuse to parse it even in a
-- branch not taken), and now() is parallel safe only from 12 on (before, a parallel worker
-- could take its own transaction start): older servers keep the default, PARALLEL UNSAFE.
DO $$
BEGIN
    IF current_setting('server_version_num')::integer >= 120000 THEN
        EXECUTE 'ALTER FUNCTION imgcloud.window_outpatient_from() PARALLEL SAFE';
        EXECUTE 'ALTER FUNCTION imgcloud.window_outpatient_to() PARALLEL SAFE';
        EXECUTE 'ALTER FUNCTION imgcloud.window_discharged_from() PARALLEL SAFE';
        EXECUTE 'ALTER FUNCTION imgcloud.window_settlement_from() PARALLEL SAFE';
    END IF;
END $$;

-- 挂号/入院登记. One row per visit: outpatient registrations whose visit time lies from
-- outpatient_days_back days ago to outpatient_days_ahead days ahead; inpatient stays while
-- waiting for a bed or in one, and for discharged_days after discharge or cancellation;
-- a stay cancelled by status only (src_inpatient_cancelled, no cancel time) for
-- discharged_days after its register_time, with quitType 1. The list is read with NOT IN
-- over non-NULL keys, which PostgreSQL runs as one hashed subplan per query.
-- The inpatient window's IS NOT NULL tests select no other row (a comparison with NULL
-- never selects one); they spare the function a call per row where a filter re-checks the
-- whole OR, e.g. after a bitmap scan for discharge_time IS NULL, which also brings back
-- every stay cancelled and never discharged: those pile up over the years.
-- patientAge: whole years at the visit (not today), computed as the SQLite script does:
-- the difference of the years, less one when the visit's month-day precedes the birthday's;
-- NULL, never negative, when the HIS says the patient was born after the day of the visit
-- (days compared, not times), which the contract check reports as an empty patientAge.
CREATE OR REPLACE VIEW imgcloud.View_Register_Info AS
SELECT
    CAST(NULLIF(RTRIM(CAST(o.id_card_no AS varchar)), '') AS varchar) AS idCardNo,
    CAST(NULLIF(RTRIM(CAST(o.health_card_no AS varchar)), '') AS varchar) AS healthNo,
    CAST(NULLIF(RTRIM(CAST(o.insurance_card_no AS varchar)), '') AS varchar) AS insuranceId,
    CAST(NULLIF(RTRIM(CAST(o.inpatient_no AS varchar)), '') AS varchar) AS hospitalizationId,
    CAST(NULLIF(RTRIM(CAST(o.medicare_no AS varchar)), '') AS varchar) AS medicareNo,
    CAST(NULLIF(RTRIM(CAST(o.mobile_phone AS varchar)), '') AS varchar) AS mobilePhone,
    CAST(NULLIF(RTRIM(CAST(o.patient_name AS varchar)), '') AS varchar) AS patientName,
    CAST(NULLIF(RTRIM(CAST(sx.sex_text AS varchar)), '') AS varchar) AS patientSex,
    CASE WHEN CAST(o.visit_time AS date) >= CAST(o.date_of_birth AS date)
         THEN CAST(CAST(EXTRACT(YEAR FROM o.visit_time) AS integer)
                   - CAST(EXTRACT(YEAR FROM o.date_of_birth) AS integer)
                   - CASE WHEN EXTRACT(MONTH FROM o.visit_time) * 100 + EXTRACT(DAY FROM o.visit_time)
                             < EXTRACT(MONTH FROM o.date_of_birth) * 100 + EXTRACT(DAY FROM o.date_of_birth)
                          THEN 1 ELSE 0 END AS varchar)
    END                                                              AS patientAge,
    CAST(NULLIF(RTRIM(CAST(o.patient_type AS varchar)), '') AS varchar) AS patientType,
    CAST(NULLIF(RTRIM(CAST(o.visit_no AS varchar)), '') AS varchar)  AS outpatientNumber,
    CAST(to_char(o.register_time, 'YYYY-MM-DD HH24:MI:SS') AS varchar) AS registDateTime,
    CAST(to_char(o.visit_time, 'YYYY-MM-DD HH24:MI:SS') AS varchar)  AS outpatientDateTime,
    CAST(NULLIF(RTRIM(CAST(o.dept_name AS varchar)), '') AS varchar) AS outpatientDeptName,
    CAST(NULLIF(RTRIM(CAST(o.dept_code AS varchar)), '') AS varchar) AS outpatientDeptCode,
    CAST(NULLIF(RTRIM(CAST(o.doctor_name AS varchar)), '') AS varchar) AS outpatientDocName,
    CAST(NULLIF(RTRIM(CAST(o.doctor_his_uid AS varchar)), '') AS varchar) AS outpatientDocHisUid,
    CAST(NULLIF(RTRIM(CAST(o.doctor_insurance_code AS varchar)), '') AS varchar) AS outpatientDocCode,
    CAST(NULLIF(RTRIM(CAST(o.doctor_id_card_no AS varchar)), '') AS varchar) AS outpatientIdcardNo,
    CAST(CASE WHEN o.withdrawn = 1 THEN '1' ELSE '0' END AS varchar) AS quitType,
    CAST(CASE WHEN o.seen = 1 THEN '1' ELSE '0' END AS varchar)      AS outpatientType,
    CAST(NULL AS varchar)                                            AS admissionRegistDateTime,
    CAST(NULL AS varchar)                                            AS admissionDateTime,
    CAST(NULL AS varchar)                                            AS admissionDeptCode,
    CAST(NULL AS varchar)                                            AS admissionDeptName,
    CAST(NULL AS varchar)                                            AS dischargedDateTime,
    CAST(NULL AS varchar)                                            AS currentDeptCode,
    CAST(NULL AS varchar)                                            AS currentDeptName,
    CAST(NULLIF(RTRIM(CAST(o.diagnosis_code AS varchar)), '') AS varchar) AS diagnoseCode,
    CAST(NULLIF(RTRIM(CAST(o.diagnosis_name AS varchar)), '') AS varchar) AS diagnoseName,
    CAST(NULL AS varchar)                                            AS wardNo,
    CAST(NULL AS varchar)                                            AS bedNo,
    CAST(COALESCE(NULLIF(RTRIM(CAST(o.hospital_id AS varchar)), ''), (SELECT hospital_id FROM imgcloud.settings)) AS varchar) AS hospitalld
FROM imgcloud.src_outpatient_visit o
LEFT JOIN imgcloud.sex_map sx ON sx.sex_code = COALESCE(CAST(NULLIF(RTRIM(CAST(o.sex_code AS varchar)), '') AS varchar), '0')
WHERE o.visit_time >= imgcloud.window_outpatient_from()
  AND o.visit_time <= imgcloud.window_outpatient_to()
  AND (NOT EXISTS (SELECT 1 FROM imgcloud.institution)
       OR CAST(COALESCE(NULLIF(RTRIM(CAST(o.hospital_id AS varchar)), ''), (SELECT hospital_id FROM imgcloud.settings)) AS varchar) IN (SELECT hospital_id FROM imgcloud.institution))
UNION ALL
SELECT
    CAST(NULLIF(RTRIM(CAST(i.id_card_no AS varchar)), '') AS varchar),
    CAST(NULLIF(RTRIM(CAST(i.health_card_no AS varchar)), '') AS varchar),
    CAST(NULLIF(RTRIM(CAST(i.insurance_card_no AS varchar)), '') AS varchar),
    CAST(NULLIF(RTRIM(CAST(i.inpatient_no AS varchar)), '') AS varchar),
    CAST(NULLIF(RTRIM(CAST(i.medicare_no AS varchar)), '') AS varchar),
    CAST(NULLIF(RTRIM(CAST(i.mobile_phone AS varchar)), '') AS varchar),
    CAST(NULLIF(RTRIM(CAST(i.patient_name AS varchar)), '') AS varchar),
    CAST(NULLIF(RTRIM(CAST(sx.sex_text AS varchar)), '') AS varchar),
    CASE WHEN CAST(COALESCE(i.admission_time, i.register_time) AS date) >= CAST(i.date_of_birth AS date)
         THEN CAST(CAST(EXTRACT(YEAR FROM COALESCE(i.admission_time, i.register_time)) AS integer)
                   - CAST(EXTRACT(YEAR FROM i.date_of_birth) AS integer)
                   - CASE WHEN EXTRACT(MONTH FROM COALESCE(i.admission_time, i.register_time)) * 100
                               + EXTRACT(DAY FROM COALESCE(i.admission_time, i.register_time))
                             < EXTRACT(MONTH FROM i.date_of_birth) * 100 + EXTRACT(DAY FROM i.date_of_birth)
                          THEN 1 ELSE 0 END AS varchar)
    END,
    CAST('2' AS varchar),
    CAST(NULLIF(RTRIM(CAST(i.admission_no AS varchar)), '') AS varchar),
    CAST(to_char(i.register_time, 'YYYY-MM-DD HH24:MI:SS') AS varchar),
    CAST(to_char(COALESCE(i.admission_time, i.register_time), 'YYYY-MM-DD HH24:MI:SS') AS varchar),
    CAST(NULLIF(RTRIM(CAST(i.admit_dept_name AS varchar)), '') AS varchar),
    CAST(NULLIF(RTRIM(CAST(i.admit_dept_code AS varchar)), '') AS varchar),
    CAST(NULLIF(RTRIM(CAST(i.admit_doctor_name AS varchar)), '') AS varchar),
    CAST(NULLIF(RTRIM(CAST(i.admit_doctor_his_uid AS varchar)), '') AS varchar),
    CAST(NULLIF(RTRIM(CAST(i.admit_doctor_insurance_code AS varchar)), '') AS varchar),
    CAST(NULLIF(RTRIM(CAST(i.admit_doctor_id_card_no AS varchar)), '') AS varchar),
    CAST(CASE WHEN i.cancel_time IS NOT NULL
                OR NULLIF(RTRIM(CAST(i.admission_no AS varchar)), '') IN
                   (SELECT NULLIF(RTRIM(CAST(c.admission_no AS varchar)), '') FROM imgcloud.src_inpatient_cancelled c
                     WHERE NULLIF(RTRIM(CAST(c.admission_no AS varchar)), '') IS NOT NULL)
              THEN '1' ELSE '0' END AS varchar),
    CAST(CASE WHEN i.admission_time IS NOT NULL THEN '1' ELSE '0' END AS varchar),
    CAST(to_char(i.register_time, 'YYYY-MM-DD HH24:MI:SS') AS varchar),
    CAST(to_char(i.admission_time, 'YYYY-MM-DD HH24:MI:SS') AS varchar),
    CAST(NULLIF(RTRIM(CAST(i.admit_dept_code AS varchar)), '') AS varchar),
    CAST(NULLIF(RTRIM(CAST(i.admit_dept_name AS varchar)), '') AS varchar),
    CAST(to_char(i.discharge_time, 'YYYY-MM-DD HH24:MI:SS') AS varchar),
    CAST(NULLIF(RTRIM(CAST(i.current_dept_code AS varchar)), '') AS varchar),
    CAST(NULLIF(RTRIM(CAST(i.current_dept_name AS varchar)), '') AS varchar),
    CAST(NULLIF(RTRIM(CAST(i.diagnosis_code AS varchar)), '') AS varchar),
    CAST(NULLIF(RTRIM(CAST(i.diagnosis_name AS varchar)), '') AS varchar),
    CAST(NULLIF(RTRIM(CAST(i.ward_no AS varchar)), '') AS varchar),
    CAST(NULLIF(RTRIM(CAST(i.bed_no AS varchar)), '') AS varchar),
    CAST(COALESCE(NULLIF(RTRIM(CAST(i.hospital_id AS varchar)), ''), (SELECT hospital_id FROM imgcloud.settings)) AS varchar)
FROM imgcloud.src_inpatient_visit i
LEFT JOIN imgcloud.sex_map sx ON sx.sex_code = COALESCE(CAST(NULLIF(RTRIM(CAST(i.sex_code AS varchar)), '') AS varchar), '0')
WHERE ((i.discharge_time IS NULL AND i.cancel_time IS NULL
       AND (i.register_time >= imgcloud.window_discharged_from()
            OR NULLIF(RTRIM(CAST(i.admission_no AS varchar)), '') NOT IN
               (SELECT NULLIF(RTRIM(CAST(c.admission_no AS varchar)), '') FROM imgcloud.src_inpatient_cancelled c
                    WHERE NULLIF(RTRIM(CAST(c.admission_no AS varchar)), '') IS NOT NULL)))
   OR (i.discharge_time IS NOT NULL AND i.discharge_time >= imgcloud.window_discharged_from())
   OR (i.cancel_time    IS NOT NULL AND i.cancel_time    >= imgcloud.window_discharged_from()))
  AND (NOT EXISTS (SELECT 1 FROM imgcloud.institution)
       OR CAST(COALESCE(NULLIF(RTRIM(CAST(i.hospital_id AS varchar)), ''), (SELECT hospital_id FROM imgcloud.settings)) AS varchar) IN (SELECT hospital_id FROM imgcloud.institution));

-- 检查项目字典: every exam item, valid (checkStatus 0) and retired (1).
-- examPrice: two decimals ('480.50'), the value taken at six decimal places and rounded
-- half away from zero (numeric ROUND; a double precision price is made numeric first, so
-- 0.125 gives 0.13); NULL when the item has no current price.
CREATE OR REPLACE VIEW imgcloud.View_ProjectItemCode_Info AS
SELECT
    CAST(NULLIF(RTRIM(CAST(e.modality AS varchar)), '') AS varchar)  AS modality,
    CAST(NULLIF(RTRIM(CAST(e.exam_code AS varchar)), '') AS varchar) AS examCode,
    CAST(NULLIF(RTRIM(CAST(e.exam_name AS varchar)), '') AS varchar) AS examName,
    CAST(NULLIF(RTRIM(CAST(e.body_part AS varchar)), '') AS varchar) AS examBodyPart,
    CAST(ROUND(ROUND(CAST(e.price AS numeric), 6), 2) AS varchar)   AS examPrice,
    CAST(CASE WHEN e.is_valid = 1 THEN '0' ELSE '1' END AS varchar)  AS checkStatus,
    CAST(NULLIF(RTRIM(CAST(e.source_type AS varchar)), '') AS varchar) AS sourceType,
    CAST(COALESCE(NULLIF(RTRIM(CAST(e.hospital_id AS varchar)), ''), (SELECT hospital_id FROM imgcloud.settings)) AS varchar) AS hospitalld
FROM imgcloud.src_exam_item e
WHERE (NOT EXISTS (SELECT 1 FROM imgcloud.institution)
       OR CAST(COALESCE(NULLIF(RTRIM(CAST(e.hospital_id AS varchar)), ''), (SELECT hospital_id FROM imgcloud.settings)) AS varchar) IN (SELECT hospital_id FROM imgcloud.institution));

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
-- whose name says nothing. Compared byte for byte (COLLATE "C": a HIS column with an ICU
-- collation would otherwise match differently, or refuse LIKE and strpos); the table refuses
-- [ ] * ? and the backslash in a pattern. An item without a body part never matches a rule
-- that gives one.
CREATE OR REPLACE VIEW imgcloud.exam_part_rule_match AS
SELECT e.exam_code, e.hospital_id, e.exam_name, e.modality, e.body_part, e.contrast, r.rule_no, r.exam_part
FROM (SELECT i.exam_code, i.hospital_id, i.exam_name, i.modality, i.body_part,
             CAST(CASE WHEN strpos(i.exam_name COLLATE "C", '造影') > 0 OR strpos(i.exam_name COLLATE "C", '血管成像') > 0 THEN '造影'
                       WHEN strpos(i.exam_name COLLATE "C", '增强') > 0 THEN '增强'
                       WHEN strpos(i.exam_name COLLATE "C", '平扫') > 0 THEN '平扫' END AS varchar) AS contrast
        FROM (SELECT CAST(NULLIF(RTRIM(CAST(s.exam_code AS varchar)), '') AS varchar) AS exam_code,
                     CAST(COALESCE(NULLIF(RTRIM(CAST(s.hospital_id AS varchar)), ''), (SELECT hospital_id FROM imgcloud.settings)) AS varchar) AS hospital_id,
                     CAST(NULLIF(RTRIM(CAST(s.exam_name AS varchar)), '') AS varchar) AS exam_name,
                     CAST(NULLIF(RTRIM(CAST(s.modality AS varchar)), '') AS varchar) AS modality,
                     CAST(NULLIF(RTRIM(CAST(s.body_part AS varchar)), '') AS varchar) AS body_part
                FROM imgcloud.src_exam_item s) i) e
JOIN imgcloud.exam_part_rule r
  ON (r.hospital_id = '*' OR r.hospital_id = e.hospital_id COLLATE "C")
 AND (NULLIF(RTRIM(r.modality), '') IS NULL OR e.modality COLLATE "C" = RTRIM(r.modality))
 AND (NULLIF(r.body_part, '') IS NULL OR e.body_part COLLATE "C" LIKE r.body_part)
 AND (NULLIF(r.name_pattern, '') IS NULL OR e.exam_name COLLATE "C" LIKE r.name_pattern)
 AND (NULLIF(r.contrast, '') IS NULL OR r.contrast = e.contrast OR (r.contrast = '平扫' AND e.contrast IS NULL))
WHERE e.exam_code IS NOT NULL;

-- The first matching rule of each item: the lowest rule_no, grouped and joined back to the
-- rule for its exam_part (no window function: the same SQL as the engines that have none).
CREATE OR REPLACE VIEW imgcloud.exam_part_by_rule AS
SELECT f.exam_code, f.hospital_id, f.rule_no, r.exam_part
FROM (SELECT m.exam_code, m.hospital_id, MIN(m.rule_no) AS rule_no
        FROM imgcloud.exam_part_rule_match m
       GROUP BY m.exam_code, m.hospital_id) f
JOIN imgcloud.exam_part_rule r ON r.rule_no = f.rule_no;

-- The settlement lines of view_setlInfoList's window (the same window, the same institutions)
-- per exam item code and hospitalld; exam_code NULL counts the lines without an item code.
CREATE OR REPLACE VIEW imgcloud.exam_item_settlements AS
SELECT l.exam_code, l.hospital_id, COUNT(*) AS settlements
FROM (SELECT CAST(NULLIF(RTRIM(CAST(s.exam_item_code AS varchar)), '') AS varchar) AS exam_code,
             CAST(COALESCE(NULLIF(RTRIM(CAST(s.hospital_id AS varchar)), ''), (SELECT hospital_id FROM imgcloud.settings)) AS varchar) AS hospital_id
        FROM imgcloud.src_settlement s
       WHERE s.settle_time >= imgcloud.window_settlement_from()
         AND (NOT EXISTS (SELECT 1 FROM imgcloud.institution)
              OR CAST(COALESCE(NULLIF(RTRIM(CAST(s.hospital_id AS varchar)), ''), (SELECT hospital_id FROM imgcloud.settings)) AS varchar) IN (SELECT hospital_id FROM imgcloud.institution))) l
GROUP BY l.exam_code, l.hospital_id;

-- 影像结算: imaging charges settled in the last settlement_days days. setlId is twenty
-- zeros when the settlement is not an insurance one (self_paid); feedetlSn is twenty zeros
-- when the fee line is not an insurance fee: a self-paid settlement's, or an insured
-- settlement's line without a fee-detail serial (never NULL). examPart comes from the
-- crosswalk, compared byte for byte (COLLATE "C": a HIS column with a case-insensitive
-- ICU collation would otherwise match differently, or fail to choose a collation), and is
-- NULL for an unmapped item (the contract check reports it).
-- The crosswalk row of the settlement's own institution (hospitalld) wins; else the
-- all-institutions row ('*') of the same exam code; else the item's first matching rule
-- (exam_part_by_rule, above). Every view keeps only the connected
-- institutions' rows when imgcloud.institution lists any (empty: every institution).
CREATE OR REPLACE VIEW imgcloud.view_setlInfoList AS
SELECT
    CAST(NULLIF(RTRIM(CAST(s.accession_no AS varchar)), '') AS varchar) AS accessionNo,
    CAST(NULLIF(RTRIM(CAST(s.study_order_id AS varchar)), '') AS varchar) AS studyOrderId,
    CAST(CASE WHEN s.self_paid = 1 THEN '00000000000000000000' ELSE CAST(NULLIF(RTRIM(CAST(s.setl_id AS varchar)), '') AS varchar) END AS varchar)      AS setlId,
    CAST(NULLIF(RTRIM(CAST(s.med_list_code AS varchar)), '') AS varchar) AS medListCodg,
    CAST(CASE WHEN s.self_paid = 1 OR NULLIF(RTRIM(CAST(s.fee_detail_sn AS varchar)), '') IS NULL THEN '00000000000000000000'
              ELSE RTRIM(CAST(s.fee_detail_sn AS varchar)) END AS varchar) AS feedetlSn,
    CAST(NULLIF(RTRIM(CAST(COALESCE(x.exam_part, xd.exam_part, rx.exam_part) AS varchar)), '') AS varchar) AS examPart,
    CAST(COALESCE(NULLIF(RTRIM(CAST(s.hospital_id AS varchar)), ''), (SELECT hospital_id FROM imgcloud.settings)) AS varchar) AS hospitalld
FROM imgcloud.src_settlement s
LEFT JOIN imgcloud.exam_part_map x ON x.exam_code = CAST(NULLIF(RTRIM(CAST(s.exam_item_code AS varchar)), '') AS varchar)
                                  AND x.hospital_id = CAST(COALESCE(NULLIF(RTRIM(CAST(s.hospital_id AS varchar)), ''), (SELECT hospital_id FROM imgcloud.settings)) AS varchar)
LEFT JOIN imgcloud.exam_part_map xd ON xd.exam_code = CAST(NULLIF(RTRIM(CAST(s.exam_item_code AS varchar)), '') AS varchar)
                                   AND xd.hospital_id = '*'
LEFT JOIN imgcloud.exam_part_by_rule rx ON rx.exam_code = CAST(NULLIF(RTRIM(CAST(s.exam_item_code AS varchar)), '') AS varchar) COLLATE "C"
                                       AND rx.hospital_id = CAST(COALESCE(NULLIF(RTRIM(CAST(s.hospital_id AS varchar)), ''), (SELECT hospital_id FROM imgcloud.settings)) AS varchar) COLLATE "C"
WHERE s.settle_time >= imgcloud.window_settlement_from()
  AND (NOT EXISTS (SELECT 1 FROM imgcloud.institution)
       OR CAST(COALESCE(NULLIF(RTRIM(CAST(s.hospital_id AS varchar)), ''), (SELECT hospital_id FROM imgcloud.settings)) AS varchar) IN (SELECT hospital_id FROM imgcloud.institution));

-- 科室字典: the departments the source view selects (clinical and 医技).
CREATE OR REPLACE VIEW imgcloud.View_Dept_Info AS
SELECT
    CAST(NULLIF(RTRIM(CAST(d.dept_name AS varchar)), '') AS varchar) AS deptName,
    CAST(NULLIF(RTRIM(CAST(d.dept_code AS varchar)), '') AS varchar) AS deptCode,
    CAST(NULLIF(RTRIM(CAST(d.remark AS varchar)), '') AS varchar)    AS remark,
    CAST(COALESCE(NULLIF(RTRIM(CAST(d.hospital_id AS varchar)), ''), (SELECT hospital_id FROM imgcloud.settings)) AS varchar) AS hospitalld
FROM imgcloud.src_dept d
WHERE (NOT EXISTS (SELECT 1 FROM imgcloud.institution)
       OR CAST(COALESCE(NULLIF(RTRIM(CAST(d.hospital_id AS varchar)), ''), (SELECT hospital_id FROM imgcloud.settings)) AS varchar) IN (SELECT hospital_id FROM imgcloud.institution));
