-- =============================================================================
-- imgcloud provider · SQL Server · 04_standard_views.sql
-- Purpose : the four views of the cloud's contract, identical in every hospital: names
--           and column names exactly as the contract writes them (including hospitalld),
--           every column a character type, date-times 'yyyy-MM-dd HH:mm:ss' in local
--           time, codes as the contract lists them, hospitalld on every row, and the
--           recency windows on the source views' native date-time columns (so an index
--           on the HIS's own column can be used). They read only the source views (03,
--           or the hospital's own) and the imgcloud tables (01).
-- Dialect : SQL Server 2008 R2 or later. Batches are separated by GO. Mirrors
--           sql/postgresql/04_standard_views.sql row for row and string for string.
--           Column types: what comes from the HIS is nvarchar (nvarchar(100) for codes
--           and numbers, nvarchar(200) for names and text), so no character is lost
--           whatever the HIS's column type and collation; what the view writes itself
--           (date-times, age, flags, price) is varchar. CAST cuts a longer value
--           silently: the widths are well above any HIS column seen.
--           Joins to the imgcloud tables compare COLLATE DATABASE_DEFAULT, so HIS
--           columns of another collation (another database) do not stop the view.
-- Encoding: UTF-8 without a byte-order mark: sqlcmd -f 65001 (see 01).
-- Order   : every time, after 03 (or the hospital's source views) and before 05
--           (02 -> 03 -> 04 -> 05). Re-applied on every upgrade.
-- Re-run  : safe to run twice: each view is created once as a stub (IF OBJECT_ID(...)
--           IS NULL EXEC('CREATE VIEW ... AS SELECT 1 AS x')) and then ALTERed to its
--           definition, every time; ALTER VIEW keeps the grants 05 made.
-- "now"   : DATEADD(minute, imgcloud.settings.utc_offset_minutes, GETUTCDATE()): UTC
--           plus the hospital's offset (default 480), whatever time zone the server's
--           Windows runs in (GETDATE() would follow it; SQL Server 2008 has no AT TIME
--           ZONE). HIS timestamps are local times without a zone. Same rule on every
--           engine (contract.md, "now").
-- Values  : every string trimmed of trailing blanks (CHAR codes) and NULL when empty or
--           all blank, as Oracle writes them; a blank hospital_id falls back to
--           imgcloud.settings.hospital_id. Date-times go through datetime2 before
--           CONVERT(..., 120): style 120 on a date-typed column would give 'yyyy-mm-dd'
--           (10 characters); through datetime2 it is 'yyyy-mm-dd 00:00:00', fractions cut.
-- Codes   : the crosswalk joins on Latin1_General_BIN2 (code points), so a HIS database
--           in Chinese_PRC_CI_AS does not match 'ct01' to 'CT01'.
-- Status  : a HIS that marks some cancelled admissions only by a status, with no cancel
--           time, lists them in the optional source view imgcloud.src_inpatient_cancelled
--           (one column, admission_no). Such a stay is written with quitType 1 and stays
--           in View_Register_Info for discharged_days after its register_time (the HIS does
--           not say when it was cancelled; usually the same day), then leaves the window;
--           a stay waiting for a bed that is not in the list stays as long as it waits.
--           Source views that do not define the view get an empty default (02, and below).
-- =============================================================================

SET ANSI_NULLS ON;
GO
SET QUOTED_IDENTIFIER ON;
GO

-- The optional source view src_inpatient_cancelled (sql/README.md): made here, empty, only
-- when it does not exist (02 resets it to this default on every run; this is for a DBA
-- running 04 without 02).
IF OBJECT_ID(N'imgcloud.src_inpatient_cancelled', N'V') IS NULL EXEC(N'CREATE VIEW imgcloud.src_inpatient_cancelled AS SELECT CAST(NULL AS nvarchar(50)) AS admission_no WHERE 1 = 0');
GO

-- 挂号/入院登记. One row per visit: outpatient registrations whose visit time lies from
-- outpatient_days_back days ago to outpatient_days_ahead days ahead; inpatient stays while
-- waiting for a bed or in one, and for discharged_days after discharge or cancellation;
-- a stay cancelled by status only (src_inpatient_cancelled, no cancel time) for
-- discharged_days after its register_time, with quitType 1. The list is matched on
-- Latin1_General_BIN2 (code points), whatever the HIS's collation.
-- patientAge: whole years at the visit (not today), computed as the SQLite script does:
-- the difference of the years (DATEDIFF(year, ...) counts year boundaries), less one when
-- the visit's month-day precedes the birthday's; NULL, never negative, when the HIS says
-- the patient was born after the day of the visit (days compared, not times: the date type
-- is SQL Server 2008's), which the contract check reports as an empty patientAge.
IF OBJECT_ID('imgcloud.View_Register_Info', 'V') IS NULL EXEC('CREATE VIEW imgcloud.View_Register_Info AS SELECT 1 AS x');
GO
ALTER VIEW imgcloud.View_Register_Info AS
SELECT
    NULLIF(RTRIM(CAST(o.id_card_no AS nvarchar(100))), N'')          AS idCardNo,
    NULLIF(RTRIM(CAST(o.health_card_no AS nvarchar(100))), N'')      AS healthNo,
    NULLIF(RTRIM(CAST(o.insurance_card_no AS nvarchar(100))), N'')   AS insuranceId,
    NULLIF(RTRIM(CAST(o.inpatient_no AS nvarchar(100))), N'')        AS hospitalizationId,
    NULLIF(RTRIM(CAST(o.medicare_no AS nvarchar(100))), N'')         AS medicareNo,
    NULLIF(RTRIM(CAST(o.mobile_phone AS nvarchar(100))), N'')        AS mobilePhone,
    NULLIF(RTRIM(CAST(o.patient_name AS nvarchar(200))), N'')        AS patientName,
    NULLIF(RTRIM(CAST(sx.sex_text AS nvarchar(20))), N'')            AS patientSex,
    CASE WHEN CAST(o.visit_time AS date) >= CAST(o.date_of_birth AS date)
         THEN CAST(DATEDIFF(year, o.date_of_birth, o.visit_time)
                   - CASE WHEN MONTH(o.visit_time) * 100 + DAY(o.visit_time)
                             < MONTH(o.date_of_birth) * 100 + DAY(o.date_of_birth)
                          THEN 1 ELSE 0 END AS varchar(11))
    END                                                              AS patientAge,
    NULLIF(RTRIM(CAST(o.patient_type AS nvarchar(100))), N'')        AS patientType,
    NULLIF(RTRIM(CAST(o.visit_no AS nvarchar(100))), N'')            AS outpatientNumber,
    CONVERT(varchar(19), CAST(o.register_time AS datetime2), 120)    AS registDateTime,
    CONVERT(varchar(19), CAST(o.visit_time AS datetime2), 120)       AS outpatientDateTime,
    NULLIF(RTRIM(CAST(o.dept_name AS nvarchar(200))), N'')           AS outpatientDeptName,
    NULLIF(RTRIM(CAST(o.dept_code AS nvarchar(100))), N'')           AS outpatientDeptCode,
    NULLIF(RTRIM(CAST(o.doctor_name AS nvarchar(200))), N'')         AS outpatientDocName,
    NULLIF(RTRIM(CAST(o.doctor_his_uid AS nvarchar(100))), N'')      AS outpatientDocHisUid,
    NULLIF(RTRIM(CAST(o.doctor_insurance_code AS nvarchar(100))), N'') AS outpatientDocCode,
    NULLIF(RTRIM(CAST(o.doctor_id_card_no AS nvarchar(100))), N'')   AS outpatientIdcardNo,
    CAST(CASE WHEN o.withdrawn = 1 THEN '1' ELSE '0' END AS varchar(1)) AS quitType,
    CAST(CASE WHEN o.seen = 1 THEN '1' ELSE '0' END AS varchar(1))   AS outpatientType,
    CAST(NULL AS varchar(19))                                        AS admissionRegistDateTime,
    CAST(NULL AS varchar(19))                                        AS admissionDateTime,
    CAST(NULL AS nvarchar(100))                                      AS admissionDeptCode,
    CAST(NULL AS nvarchar(200))                                      AS admissionDeptName,
    CAST(NULL AS varchar(19))                                        AS dischargedDateTime,
    CAST(NULL AS nvarchar(100))                                      AS currentDeptCode,
    CAST(NULL AS nvarchar(200))                                      AS currentDeptName,
    NULLIF(RTRIM(CAST(o.diagnosis_code AS nvarchar(100))), N'')      AS diagnoseCode,
    NULLIF(RTRIM(CAST(o.diagnosis_name AS nvarchar(200))), N'')      AS diagnoseName,
    CAST(NULL AS nvarchar(100))                                      AS wardNo,
    CAST(NULL AS nvarchar(100))                                      AS bedNo,
    CAST(COALESCE(NULLIF(RTRIM(CAST(o.hospital_id AS nvarchar(100))), N'') COLLATE DATABASE_DEFAULT,
                  (SELECT hospital_id FROM imgcloud.settings)) AS nvarchar(100)) AS hospitalld
FROM imgcloud.src_outpatient_visit o
LEFT JOIN imgcloud.sex_map sx ON sx.sex_code = COALESCE(NULLIF(RTRIM(CAST(o.sex_code AS varchar(2))), ''), '0') COLLATE DATABASE_DEFAULT
WHERE o.visit_time >= (SELECT DATEADD(day, -outpatient_days_back, DATEADD(minute, utc_offset_minutes, GETUTCDATE())) FROM imgcloud.settings)
  AND o.visit_time <= (SELECT DATEADD(day, outpatient_days_ahead, DATEADD(minute, utc_offset_minutes, GETUTCDATE())) FROM imgcloud.settings)
  AND (NOT EXISTS (SELECT 1 FROM imgcloud.institution)
       OR CAST(COALESCE(NULLIF(RTRIM(CAST(o.hospital_id AS nvarchar(100))), N'') COLLATE DATABASE_DEFAULT, (SELECT hospital_id FROM imgcloud.settings)) AS nvarchar(100)) IN (SELECT hospital_id FROM imgcloud.institution))
UNION ALL
SELECT
    NULLIF(RTRIM(CAST(i.id_card_no AS nvarchar(100))), N''),
    NULLIF(RTRIM(CAST(i.health_card_no AS nvarchar(100))), N''),
    NULLIF(RTRIM(CAST(i.insurance_card_no AS nvarchar(100))), N''),
    NULLIF(RTRIM(CAST(i.inpatient_no AS nvarchar(100))), N''),
    NULLIF(RTRIM(CAST(i.medicare_no AS nvarchar(100))), N''),
    NULLIF(RTRIM(CAST(i.mobile_phone AS nvarchar(100))), N''),
    NULLIF(RTRIM(CAST(i.patient_name AS nvarchar(200))), N''),
    NULLIF(RTRIM(CAST(sx.sex_text AS nvarchar(20))), N''),
    CASE WHEN CAST(COALESCE(i.admission_time, i.register_time) AS date) >= CAST(i.date_of_birth AS date)
         THEN CAST(DATEDIFF(year, i.date_of_birth, COALESCE(i.admission_time, i.register_time))
                   - CASE WHEN MONTH(COALESCE(i.admission_time, i.register_time)) * 100
                               + DAY(COALESCE(i.admission_time, i.register_time))
                             < MONTH(i.date_of_birth) * 100 + DAY(i.date_of_birth)
                          THEN 1 ELSE 0 END AS varchar(11))
    END,
    CAST('2' AS nvarchar(100)),
    NULLIF(RTRIM(CAST(i.admission_no AS nvarchar(100))), N''),
    CONVERT(varchar(19), CAST(i.register_time AS datetime2), 120),
    CONVERT(varchar(19), CAST(COALESCE(i.admission_time, i.register_time) AS datetime2), 120),
    NULLIF(RTRIM(CAST(i.admit_dept_name AS nvarchar(200))), N''),
    NULLIF(RTRIM(CAST(i.admit_dept_code AS nvarchar(100))), N''),
    NULLIF(RTRIM(CAST(i.admit_doctor_name AS nvarchar(200))), N''),
    NULLIF(RTRIM(CAST(i.admit_doctor_his_uid AS nvarchar(100))), N''),
    NULLIF(RTRIM(CAST(i.admit_doctor_insurance_code AS nvarchar(100))), N''),
    NULLIF(RTRIM(CAST(i.admit_doctor_id_card_no AS nvarchar(100))), N''),
    CAST(CASE WHEN i.cancel_time IS NOT NULL
                OR NULLIF(RTRIM(CAST(i.admission_no AS nvarchar(100))), N'') COLLATE Latin1_General_BIN2 IN
                   (SELECT NULLIF(RTRIM(CAST(c.admission_no AS nvarchar(100))), N'') COLLATE Latin1_General_BIN2 FROM imgcloud.src_inpatient_cancelled c
                     WHERE NULLIF(RTRIM(CAST(c.admission_no AS nvarchar(100))), N'') IS NOT NULL)
              THEN '1' ELSE '0' END AS varchar(1)),
    CAST(CASE WHEN i.admission_time IS NOT NULL THEN '1' ELSE '0' END AS varchar(1)),
    CONVERT(varchar(19), CAST(i.register_time AS datetime2), 120),
    CONVERT(varchar(19), CAST(i.admission_time AS datetime2), 120),
    NULLIF(RTRIM(CAST(i.admit_dept_code AS nvarchar(100))), N''),
    NULLIF(RTRIM(CAST(i.admit_dept_name AS nvarchar(200))), N''),
    CONVERT(varchar(19), CAST(i.discharge_time AS datetime2), 120),
    NULLIF(RTRIM(CAST(i.current_dept_code AS nvarchar(100))), N''),
    NULLIF(RTRIM(CAST(i.current_dept_name AS nvarchar(200))), N''),
    NULLIF(RTRIM(CAST(i.diagnosis_code AS nvarchar(100))), N''),
    NULLIF(RTRIM(CAST(i.diagnosis_name AS nvarchar(200))), N''),
    NULLIF(RTRIM(CAST(i.ward_no AS nvarchar(100))), N''),
    NULLIF(RTRIM(CAST(i.bed_no AS nvarchar(100))), N''),
    CAST(COALESCE(NULLIF(RTRIM(CAST(i.hospital_id AS nvarchar(100))), N'') COLLATE DATABASE_DEFAULT,
                  (SELECT hospital_id FROM imgcloud.settings)) AS nvarchar(100))
FROM imgcloud.src_inpatient_visit i
LEFT JOIN imgcloud.sex_map sx ON sx.sex_code = COALESCE(NULLIF(RTRIM(CAST(i.sex_code AS varchar(2))), ''), '0') COLLATE DATABASE_DEFAULT
WHERE ((i.discharge_time IS NULL AND i.cancel_time IS NULL
       AND (i.register_time >= (SELECT DATEADD(day, -discharged_days, DATEADD(minute, utc_offset_minutes, GETUTCDATE())) FROM imgcloud.settings)
            OR NULLIF(RTRIM(CAST(i.admission_no AS nvarchar(100))), N'') COLLATE Latin1_General_BIN2 NOT IN
               (SELECT NULLIF(RTRIM(CAST(c.admission_no AS nvarchar(100))), N'') COLLATE Latin1_General_BIN2 FROM imgcloud.src_inpatient_cancelled c
                    WHERE NULLIF(RTRIM(CAST(c.admission_no AS nvarchar(100))), N'') IS NOT NULL)))
   OR i.discharge_time >= (SELECT DATEADD(day, -discharged_days, DATEADD(minute, utc_offset_minutes, GETUTCDATE())) FROM imgcloud.settings)
   OR i.cancel_time    >= (SELECT DATEADD(day, -discharged_days, DATEADD(minute, utc_offset_minutes, GETUTCDATE())) FROM imgcloud.settings))
  AND (NOT EXISTS (SELECT 1 FROM imgcloud.institution)
       OR CAST(COALESCE(NULLIF(RTRIM(CAST(i.hospital_id AS nvarchar(100))), N'') COLLATE DATABASE_DEFAULT, (SELECT hospital_id FROM imgcloud.settings)) AS nvarchar(100)) IN (SELECT hospital_id FROM imgcloud.institution));
GO

-- 检查项目字典: every exam item, valid (checkStatus 0) and retired (1).
-- examPrice: two decimals ('480.50'), the value taken at six decimal places and rounded
-- half away from zero on decimal (ROUND on a float rounds the binary value: 1.005 would
-- give 1.00); NULL when the item has no current price.
IF OBJECT_ID('imgcloud.View_ProjectItemCode_Info', 'V') IS NULL EXEC('CREATE VIEW imgcloud.View_ProjectItemCode_Info AS SELECT 1 AS x');
GO
ALTER VIEW imgcloud.View_ProjectItemCode_Info AS
SELECT
    NULLIF(RTRIM(CAST(e.modality AS nvarchar(100))), N'')            AS modality,
    NULLIF(RTRIM(CAST(e.exam_code AS nvarchar(100))), N'')           AS examCode,
    NULLIF(RTRIM(CAST(e.exam_name AS nvarchar(200))), N'')           AS examName,
    NULLIF(RTRIM(CAST(e.body_part AS nvarchar(200))), N'')           AS examBodyPart,
    CAST(CAST(ROUND(CAST(e.price AS decimal(24, 6)), 2) AS decimal(24, 2)) AS varchar(30)) AS examPrice,
    CAST(CASE WHEN e.is_valid = 1 THEN '0' ELSE '1' END AS varchar(1)) AS checkStatus,
    NULLIF(RTRIM(CAST(e.source_type AS nvarchar(100))), N'')         AS sourceType,
    CAST(COALESCE(NULLIF(RTRIM(CAST(e.hospital_id AS nvarchar(100))), N'') COLLATE DATABASE_DEFAULT,
                  (SELECT hospital_id FROM imgcloud.settings)) AS nvarchar(100)) AS hospitalld
FROM imgcloud.src_exam_item e
WHERE (NOT EXISTS (SELECT 1 FROM imgcloud.institution)
       OR CAST(COALESCE(NULLIF(RTRIM(CAST(e.hospital_id AS nvarchar(100))), N'') COLLATE DATABASE_DEFAULT, (SELECT hospital_id FROM imgcloud.settings)) AS nvarchar(100)) IN (SELECT hospital_id FROM imgcloud.institution));
GO

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
-- whose name says nothing. Every comparison, CHARINDEX and LIKE in Latin1_General_BIN2: byte
-- (code point) for byte and case-sensitive, whatever the database's collation; the table
-- refuses [ ] (T-SQL's character ranges) and * ? \ in a pattern. An item without a body part
-- never matches a rule that gives one.
IF OBJECT_ID('imgcloud.exam_part_rule_match', 'V') IS NULL EXEC('CREATE VIEW imgcloud.exam_part_rule_match AS SELECT 1 AS x');
GO
ALTER VIEW imgcloud.exam_part_rule_match AS
SELECT e.exam_code, e.hospital_id, e.exam_name, e.modality, e.body_part, e.contrast, r.rule_no, r.exam_part
FROM (SELECT i.exam_code, i.hospital_id, i.exam_name, i.modality, i.body_part,
             CAST(CASE WHEN CHARINDEX(N'造影', i.exam_name COLLATE Latin1_General_BIN2) > 0 OR CHARINDEX(N'血管成像', i.exam_name COLLATE Latin1_General_BIN2) > 0 THEN N'造影'
                       WHEN CHARINDEX(N'增强', i.exam_name COLLATE Latin1_General_BIN2) > 0 THEN N'增强'
                       WHEN CHARINDEX(N'平扫', i.exam_name COLLATE Latin1_General_BIN2) > 0 THEN N'平扫' END AS nvarchar(10)) AS contrast
        FROM (SELECT NULLIF(RTRIM(CAST(s.exam_code AS nvarchar(100))), N'')  AS exam_code,
                     CAST(COALESCE(NULLIF(RTRIM(CAST(s.hospital_id AS nvarchar(100))), N'') COLLATE DATABASE_DEFAULT, (SELECT hospital_id FROM imgcloud.settings)) AS nvarchar(100)) AS hospital_id,
                     NULLIF(RTRIM(CAST(s.exam_name AS nvarchar(200))), N'')  AS exam_name,
                     NULLIF(RTRIM(CAST(s.modality AS nvarchar(100))), N'')   AS modality,
                     NULLIF(RTRIM(CAST(s.body_part AS nvarchar(200))), N'')  AS body_part
                FROM imgcloud.src_exam_item s) i) e
JOIN imgcloud.exam_part_rule r
  ON (r.hospital_id = '*' OR r.hospital_id COLLATE Latin1_General_BIN2 = e.hospital_id COLLATE Latin1_General_BIN2)
 AND (NULLIF(RTRIM(r.modality), N'') IS NULL OR e.modality COLLATE Latin1_General_BIN2 = RTRIM(r.modality) COLLATE Latin1_General_BIN2)
 AND (NULLIF(r.body_part, N'') IS NULL OR e.body_part COLLATE Latin1_General_BIN2 LIKE r.body_part COLLATE Latin1_General_BIN2)
 AND (NULLIF(r.name_pattern, N'') IS NULL OR e.exam_name COLLATE Latin1_General_BIN2 LIKE r.name_pattern COLLATE Latin1_General_BIN2)
 AND (NULLIF(r.contrast, N'') IS NULL OR r.contrast COLLATE Latin1_General_BIN2 = e.contrast COLLATE Latin1_General_BIN2 OR (r.contrast COLLATE Latin1_General_BIN2 = N'平扫' AND e.contrast IS NULL))
WHERE e.exam_code IS NOT NULL;
GO

-- The first matching rule of each item: the lowest rule_no, grouped and joined back to the
-- rule for its exam_part (no window function: the same SQL on every engine).
IF OBJECT_ID('imgcloud.exam_part_by_rule', 'V') IS NULL EXEC('CREATE VIEW imgcloud.exam_part_by_rule AS SELECT 1 AS x');
GO
ALTER VIEW imgcloud.exam_part_by_rule AS
SELECT f.exam_code, f.hospital_id, f.rule_no, r.exam_part
FROM (SELECT m.exam_code COLLATE Latin1_General_BIN2 AS exam_code, m.hospital_id COLLATE Latin1_General_BIN2 AS hospital_id, MIN(m.rule_no) AS rule_no
        FROM imgcloud.exam_part_rule_match m
       GROUP BY m.exam_code COLLATE Latin1_General_BIN2, m.hospital_id COLLATE Latin1_General_BIN2) f
JOIN imgcloud.exam_part_rule r ON r.rule_no = f.rule_no;
GO

-- The settlement lines of view_setlInfoList's window (the same window, the same institutions)
-- per exam item code and hospitalld; exam_code NULL counts the lines without an item code.
IF OBJECT_ID('imgcloud.exam_item_settlements', 'V') IS NULL EXEC('CREATE VIEW imgcloud.exam_item_settlements AS SELECT 1 AS x');
GO
ALTER VIEW imgcloud.exam_item_settlements AS
SELECT l.exam_code, l.hospital_id, COUNT(*) AS settlements
FROM (SELECT NULLIF(RTRIM(CAST(s.exam_item_code AS nvarchar(100))), N'') COLLATE Latin1_General_BIN2 AS exam_code,
             CAST(COALESCE(NULLIF(RTRIM(CAST(s.hospital_id AS nvarchar(100))), N'') COLLATE DATABASE_DEFAULT, (SELECT hospital_id FROM imgcloud.settings)) AS nvarchar(100)) COLLATE Latin1_General_BIN2 AS hospital_id
        FROM imgcloud.src_settlement s
       WHERE s.settle_time >= (SELECT DATEADD(day, -settlement_days, DATEADD(minute, utc_offset_minutes, GETUTCDATE())) FROM imgcloud.settings)
         AND (NOT EXISTS (SELECT 1 FROM imgcloud.institution)
              OR CAST(COALESCE(NULLIF(RTRIM(CAST(s.hospital_id AS nvarchar(100))), N'') COLLATE DATABASE_DEFAULT, (SELECT hospital_id FROM imgcloud.settings)) AS nvarchar(100)) IN (SELECT hospital_id FROM imgcloud.institution))) l
GROUP BY l.exam_code, l.hospital_id;
GO

-- 影像结算: imaging charges settled in the last settlement_days days. setlId is twenty
-- zeros when the settlement is not an insurance one (self_paid); feedetlSn is twenty zeros
-- when the fee line is not an insurance fee: a self-paid settlement's, or an insured
-- settlement's line without a fee-detail serial (never NULL). examPart comes from the
-- crosswalk and is NULL for an unmapped item (the contract check reports it).
-- The crosswalk row of the settlement's own institution (hospitalld) wins; else the
-- all-institutions row ('*') of the same exam code; else the item's first matching rule
-- (exam_part_by_rule, above). Every view keeps only the connected
-- institutions' rows when imgcloud.institution lists any (empty: every institution).
IF OBJECT_ID('imgcloud.view_setlInfoList', 'V') IS NULL EXEC('CREATE VIEW imgcloud.view_setlInfoList AS SELECT 1 AS x');
GO
ALTER VIEW imgcloud.view_setlInfoList AS
SELECT
    NULLIF(RTRIM(CAST(s.accession_no AS nvarchar(100))), N'')        AS accessionNo,
    NULLIF(RTRIM(CAST(s.study_order_id AS nvarchar(100))), N'')      AS studyOrderId,
    CAST(CASE WHEN s.self_paid = 1 THEN N'00000000000000000000'
              ELSE NULLIF(RTRIM(CAST(s.setl_id AS nvarchar(100))), N'') END AS nvarchar(100)) AS setlId,
    NULLIF(RTRIM(CAST(s.med_list_code AS nvarchar(100))), N'')       AS medListCodg,
    CAST(CASE WHEN s.self_paid = 1 OR NULLIF(RTRIM(CAST(s.fee_detail_sn AS nvarchar(100))), N'') IS NULL THEN N'00000000000000000000'
              ELSE NULLIF(RTRIM(CAST(s.fee_detail_sn AS nvarchar(100))), N'') END AS nvarchar(100)) AS feedetlSn,
    CAST(NULLIF(RTRIM(COALESCE(x.exam_part, xd.exam_part, rx.exam_part)), '') AS varchar(9)) AS examPart,
    CAST(COALESCE(NULLIF(RTRIM(CAST(s.hospital_id AS nvarchar(100))), N'') COLLATE DATABASE_DEFAULT,
                  (SELECT hospital_id FROM imgcloud.settings)) AS nvarchar(100)) AS hospitalld
FROM imgcloud.src_settlement s
LEFT JOIN imgcloud.exam_part_map x
       ON x.exam_code COLLATE Latin1_General_BIN2 = NULLIF(RTRIM(CAST(s.exam_item_code AS nvarchar(100))), N'') COLLATE Latin1_General_BIN2
      AND x.hospital_id COLLATE Latin1_General_BIN2 = CAST(COALESCE(NULLIF(RTRIM(CAST(s.hospital_id AS nvarchar(100))), N'') COLLATE DATABASE_DEFAULT, (SELECT hospital_id FROM imgcloud.settings)) AS nvarchar(100)) COLLATE Latin1_General_BIN2
LEFT JOIN imgcloud.exam_part_map xd
       ON xd.exam_code COLLATE Latin1_General_BIN2 = NULLIF(RTRIM(CAST(s.exam_item_code AS nvarchar(100))), N'') COLLATE Latin1_General_BIN2
      AND xd.hospital_id = '*'
LEFT JOIN imgcloud.exam_part_by_rule rx
       ON rx.exam_code COLLATE Latin1_General_BIN2 = NULLIF(RTRIM(CAST(s.exam_item_code AS nvarchar(100))), N'') COLLATE Latin1_General_BIN2
      AND rx.hospital_id COLLATE Latin1_General_BIN2 = CAST(COALESCE(NULLIF(RTRIM(CAST(s.hospital_id AS nvarchar(100))), N'') COLLATE DATABASE_DEFAULT, (SELECT hospital_id FROM imgcloud.settings)) AS nvarchar(100)) COLLATE Latin1_General_BIN2
WHERE s.settle_time >= (SELECT DATEADD(day, -settlement_days, DATEADD(minute, utc_offset_minutes, GETUTCDATE())) FROM imgcloud.settings)
  AND (NOT EXISTS (SELECT 1 FROM imgcloud.institution)
       OR CAST(COALESCE(NULLIF(RTRIM(CAST(s.hospital_id AS nvarchar(100))), N'') COLLATE DATABASE_DEFAULT, (SELECT hospital_id FROM imgcloud.settings)) AS nvarchar(100)) IN (SELECT hospital_id FROM imgcloud.institution));
GO

-- 科室字典: the departments the source view selects (clinical and 医技).
IF OBJECT_ID('imgcloud.View_Dept_Info', 'V') IS NULL EXEC('CREATE VIEW imgcloud.View_Dept_Info AS SELECT 1 AS x');
GO
ALTER VIEW imgcloud.View_Dept_Info AS
SELECT
    NULLIF(RTRIM(CAST(d.dept_name AS nvarchar(200))), N'')           AS deptName,
    NULLIF(RTRIM(CAST(d.dept_code AS nvarchar(100))), N'')           AS deptCode,
    NULLIF(RTRIM(CAST(d.remark AS nvarchar(200))), N'')              AS remark,
    CAST(COALESCE(NULLIF(RTRIM(CAST(d.hospital_id AS nvarchar(100))), N'') COLLATE DATABASE_DEFAULT,
                  (SELECT hospital_id FROM imgcloud.settings)) AS nvarchar(100)) AS hospitalld
FROM imgcloud.src_dept d
WHERE (NOT EXISTS (SELECT 1 FROM imgcloud.institution)
       OR CAST(COALESCE(NULLIF(RTRIM(CAST(d.hospital_id AS nvarchar(100))), N'') COLLATE DATABASE_DEFAULT, (SELECT hospital_id FROM imgcloud.settings)) AS nvarchar(100)) IN (SELECT hospital_id FROM imgcloud.institution));
GO
