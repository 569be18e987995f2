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
-- "now"   : GETDATE(), the database server's local clock, which must run on China
--           Standard Time (SQL Server 2008 has no AT TIME ZONE, so
--           imgcloud.settings.time_zone is not read here). HIS timestamps are local
--           times without a zone. Unlike PostgreSQL's now(), GETDATE() does not depend
--           on the reading session: a client on UTC sees the same windows.
-- =============================================================================

SET ANSI_NULLS ON;
GO
SET QUOTED_IDENTIFIER ON;
GO

-- 挂号/入院登记. One row per visit: outpatient registrations whose visit time lies from
-- outpatient_days_back days ago to outpatient_days_ahead days ahead; inpatient stays while
-- waiting for a bed or in one, and for discharged_days after discharge or cancellation.
-- patientAge: whole years at the visit (not today), computed as the SQLite script does:
-- the difference of the years (DATEDIFF(year, ...) counts year boundaries), less one when
-- the visit's month-day precedes the birthday's; NULL, never negative, when the HIS says
-- the patient was born after the day of the visit (days compared, not times: the date type
-- is SQL Server 2008's), which the contract check reports as an empty patientAge.
IF OBJECT_ID('imgcloud.View_Register_Info', 'V') IS NULL EXEC('CREATE VIEW imgcloud.View_Register_Info AS SELECT 1 AS x');
GO
ALTER VIEW imgcloud.View_Register_Info AS
SELECT
    CAST(o.id_card_no AS nvarchar(100))                              AS idCardNo,
    CAST(o.health_card_no AS nvarchar(100))                          AS healthNo,
    CAST(o.insurance_card_no AS nvarchar(100))                       AS insuranceId,
    CAST(o.inpatient_no AS nvarchar(100))                            AS hospitalizationId,
    CAST(o.medicare_no AS nvarchar(100))                             AS medicareNo,
    CAST(o.mobile_phone AS nvarchar(100))                            AS mobilePhone,
    CAST(o.patient_name AS nvarchar(200))                            AS patientName,
    CAST(sx.sex_text AS nvarchar(20))                                AS patientSex,
    CASE WHEN CAST(o.visit_time AS date) >= CAST(o.date_of_birth AS date)
         THEN CAST(DATEDIFF(year, o.date_of_birth, o.visit_time)
                   - CASE WHEN MONTH(o.visit_time) * 100 + DAY(o.visit_time)
                             < MONTH(o.date_of_birth) * 100 + DAY(o.date_of_birth)
                          THEN 1 ELSE 0 END AS varchar(11))
    END                                                              AS patientAge,
    CAST(o.patient_type AS nvarchar(100))                            AS patientType,
    CAST(o.visit_no AS nvarchar(100))                                AS outpatientNumber,
    CONVERT(varchar(19), o.register_time, 120)                       AS registDateTime,
    CONVERT(varchar(19), o.visit_time, 120)                          AS outpatientDateTime,
    CAST(o.dept_name AS nvarchar(200))                               AS outpatientDeptName,
    CAST(o.dept_code AS nvarchar(100))                               AS outpatientDeptCode,
    CAST(o.doctor_name AS nvarchar(200))                             AS outpatientDocName,
    CAST(o.doctor_his_uid AS nvarchar(100))                          AS outpatientDocHisUid,
    CAST(o.doctor_insurance_code AS nvarchar(100))                   AS outpatientDocCode,
    CAST(o.doctor_id_card_no AS nvarchar(100))                       AS outpatientIdcardNo,
    CAST(CASE WHEN o.withdrawn = 1 THEN '1' ELSE '0' END AS varchar(1)) AS quitType,
    CAST(CASE WHEN o.seen = 1 THEN '1' ELSE '0' END AS varchar(1))   AS outpatientType,
    CAST(NULL AS varchar(19))                                        AS admissionRegistDateTime,
    CAST(NULL AS varchar(19))                                        AS admissionDateTime,
    CAST(NULL AS nvarchar(100))                                      AS admissionDeptCode,
    CAST(NULL AS nvarchar(200))                                      AS admissionDeptName,
    CAST(NULL AS varchar(19))                                        AS dischargedDateTime,
    CAST(NULL AS nvarchar(100))                                      AS currentDeptCode,
    CAST(NULL AS nvarchar(200))                                      AS currentDeptName,
    CAST(o.diagnosis_code AS nvarchar(100))                          AS diagnoseCode,
    CAST(o.diagnosis_name AS nvarchar(200))                          AS diagnoseName,
    CAST(NULL AS nvarchar(100))                                      AS wardNo,
    CAST(NULL AS nvarchar(100))                                      AS bedNo,
    CAST(COALESCE(CAST(o.hospital_id AS nvarchar(100)) COLLATE DATABASE_DEFAULT,
                  (SELECT hospital_id FROM imgcloud.settings)) AS nvarchar(100)) AS hospitalld
FROM imgcloud.src_outpatient_visit o
LEFT JOIN imgcloud.sex_map sx ON sx.sex_code = COALESCE(CAST(o.sex_code AS varchar(2)), '0') COLLATE DATABASE_DEFAULT
WHERE o.visit_time >= (SELECT DATEADD(day, -outpatient_days_back, GETDATE()) FROM imgcloud.settings)
  AND o.visit_time <= (SELECT DATEADD(day, outpatient_days_ahead, GETDATE()) FROM imgcloud.settings)
UNION ALL
SELECT
    CAST(i.id_card_no AS nvarchar(100)),
    CAST(i.health_card_no AS nvarchar(100)),
    CAST(i.insurance_card_no AS nvarchar(100)),
    CAST(i.inpatient_no AS nvarchar(100)),
    CAST(i.medicare_no AS nvarchar(100)),
    CAST(i.mobile_phone AS nvarchar(100)),
    CAST(i.patient_name AS nvarchar(200)),
    CAST(sx.sex_text AS nvarchar(20)),
    CASE WHEN CAST(COALESCE(i.admission_time, i.register_time) AS date) >= CAST(i.date_of_birth AS date)
         THEN CAST(DATEDIFF(year, i.date_of_birth, COALESCE(i.admission_time, i.register_time))
                   - CASE WHEN MONTH(COALESCE(i.admission_time, i.register_time)) * 100
                               + DAY(COALESCE(i.admission_time, i.register_time))
                             < MONTH(i.date_of_birth) * 100 + DAY(i.date_of_birth)
                          THEN 1 ELSE 0 END AS varchar(11))
    END,
    CAST('2' AS nvarchar(100)),
    CAST(i.admission_no AS nvarchar(100)),
    CONVERT(varchar(19), i.register_time, 120),
    CONVERT(varchar(19), COALESCE(i.admission_time, i.register_time), 120),
    CAST(i.admit_dept_name AS nvarchar(200)),
    CAST(i.admit_dept_code AS nvarchar(100)),
    CAST(i.admit_doctor_name AS nvarchar(200)),
    CAST(i.admit_doctor_his_uid AS nvarchar(100)),
    CAST(i.admit_doctor_insurance_code AS nvarchar(100)),
    CAST(i.admit_doctor_id_card_no AS nvarchar(100)),
    CAST(CASE WHEN i.cancel_time IS NOT NULL THEN '1' ELSE '0' END AS varchar(1)),
    CAST(CASE WHEN i.admission_time IS NOT NULL THEN '1' ELSE '0' END AS varchar(1)),
    CONVERT(varchar(19), i.register_time, 120),
    CONVERT(varchar(19), i.admission_time, 120),
    CAST(i.admit_dept_code AS nvarchar(100)),
    CAST(i.admit_dept_name AS nvarchar(200)),
    CONVERT(varchar(19), i.discharge_time, 120),
    CAST(i.current_dept_code AS nvarchar(100)),
    CAST(i.current_dept_name AS nvarchar(200)),
    CAST(i.diagnosis_code AS nvarchar(100)),
    CAST(i.diagnosis_name AS nvarchar(200)),
    CAST(i.ward_no AS nvarchar(100)),
    CAST(i.bed_no AS nvarchar(100)),
    CAST(COALESCE(CAST(i.hospital_id AS nvarchar(100)) COLLATE DATABASE_DEFAULT,
                  (SELECT hospital_id FROM imgcloud.settings)) AS nvarchar(100))
FROM imgcloud.src_inpatient_visit i
LEFT JOIN imgcloud.sex_map sx ON sx.sex_code = COALESCE(CAST(i.sex_code AS varchar(2)), '0') COLLATE DATABASE_DEFAULT
WHERE (i.discharge_time IS NULL AND i.cancel_time IS NULL)
   OR i.discharge_time >= (SELECT DATEADD(day, -discharged_days, GETDATE()) FROM imgcloud.settings)
   OR i.cancel_time    >= (SELECT DATEADD(day, -discharged_days, GETDATE()) FROM imgcloud.settings);
GO

-- 检查项目字典: every exam item, valid (checkStatus 0) and retired (1).
-- examPrice: two decimals ('480.50'), rounded half away from zero as PostgreSQL does;
-- NULL when the item has no current price.
IF OBJECT_ID('imgcloud.View_ProjectItemCode_Info', 'V') IS NULL EXEC('CREATE VIEW imgcloud.View_ProjectItemCode_Info AS SELECT 1 AS x');
GO
ALTER VIEW imgcloud.View_ProjectItemCode_Info AS
SELECT
    CAST(e.modality AS nvarchar(100))                                AS modality,
    CAST(e.exam_code AS nvarchar(100))                               AS examCode,
    CAST(e.exam_name AS nvarchar(200))                               AS examName,
    CAST(e.body_part AS nvarchar(200))                               AS examBodyPart,
    CAST(CAST(ROUND(e.price, 2) AS decimal(18, 2)) AS varchar(20))   AS examPrice,
    CAST(CASE WHEN e.is_valid = 1 THEN '0' ELSE '1' END AS varchar(1)) AS checkStatus,
    CAST(e.source_type AS nvarchar(100))                             AS sourceType,
    CAST(COALESCE(CAST(e.hospital_id AS nvarchar(100)) COLLATE DATABASE_DEFAULT,
                  (SELECT hospital_id FROM imgcloud.settings)) AS nvarchar(100)) AS hospitalld
FROM imgcloud.src_exam_item e;
GO

-- 影像结算: imaging charges settled in the last settlement_days days. Self-paid charges
-- carry twenty zeros as setlId and feedetlSn; examPart comes from the crosswalk and is
-- NULL for an unmapped item (the contract check reports it).
IF OBJECT_ID('imgcloud.view_setlInfoList', 'V') IS NULL EXEC('CREATE VIEW imgcloud.view_setlInfoList AS SELECT 1 AS x');
GO
ALTER VIEW imgcloud.view_setlInfoList AS
SELECT
    CAST(s.accession_no AS nvarchar(100))                            AS accessionNo,
    CAST(s.study_order_id AS nvarchar(100))                          AS studyOrderId,
    CAST(CASE WHEN s.self_paid = 1 THEN N'00000000000000000000' ELSE CAST(s.setl_id AS nvarchar(100)) END AS nvarchar(100))       AS setlId,
    CAST(s.med_list_code AS nvarchar(100))                           AS medListCodg,
    CAST(CASE WHEN s.self_paid = 1 THEN N'00000000000000000000' ELSE CAST(s.fee_detail_sn AS nvarchar(100)) END AS nvarchar(100)) AS feedetlSn,
    CAST(x.exam_part AS varchar(9))                                  AS examPart,
    CAST(COALESCE(CAST(s.hospital_id AS nvarchar(100)) COLLATE DATABASE_DEFAULT,
                  (SELECT hospital_id FROM imgcloud.settings)) AS nvarchar(100)) AS hospitalld
FROM imgcloud.src_settlement s
LEFT JOIN imgcloud.exam_part_map x ON x.exam_code = CAST(s.exam_item_code AS nvarchar(100)) COLLATE DATABASE_DEFAULT
WHERE s.settle_time >= (SELECT DATEADD(day, -settlement_days, GETDATE()) FROM imgcloud.settings);
GO

-- 科室字典: the departments the source view selects (clinical and 医技).
IF OBJECT_ID('imgcloud.View_Dept_Info', 'V') IS NULL EXEC('CREATE VIEW imgcloud.View_Dept_Info AS SELECT 1 AS x');
GO
ALTER VIEW imgcloud.View_Dept_Info AS
SELECT
    CAST(d.dept_name AS nvarchar(200))                               AS deptName,
    CAST(d.dept_code AS nvarchar(100))                               AS deptCode,
    CAST(d.remark AS nvarchar(200))                                  AS remark,
    CAST(COALESCE(CAST(d.hospital_id AS nvarchar(100)) COLLATE DATABASE_DEFAULT,
                  (SELECT hospital_id FROM imgcloud.settings)) AS nvarchar(100)) AS hospitalld
FROM imgcloud.src_dept d;
GO
