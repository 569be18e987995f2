-- =============================================================================
-- imgcloud provider · MySQL / MariaDB · 09_exam_part_rules.sql
-- Purpose : the examPart crosswalk's RULES (issue 19): instead of one exam_part_map row per
--           exam item, a rule maps every item it matches (modality, body part and name
--           patterns, contrast 平扫 / 增强 / 造影) to a WS/T 364.8-2023 code, in the order
--           the DBA sets (rule_no: the lowest matching number wins). exam_part_map rows stay
--           above every rule, as per-item overrides (the institution's own, then '*').
--           Also imgcloud.exam_part_code, the standard's own code table, which this product
--           cannot ship: a hospital that has it may load it (empty: only the format is checked).
--           04 makes the views that apply the rules (exam_part_rule_match, exam_part_by_rule)
--           and view_setlInfoList uses them; sql/README.md says how a rule matches.
--           A new install and an upgraded one alike get both tables here (01 does not make them).
-- Dialect : MySQL 5.7.7 or later and MariaDB 10.4 or later. No CHECK (5.7 parses and
--           ignores it, so nothing may rely on it): the provider's load-csv refuses what the
--           other engines' CHECKs refuse, and a DBA writing rows by hand keeps to sql/README.md.
-- Order   : run once, after 01, 06, 07 and 08 and before 02 -> 05 (an install that ran
--           01-08 gets it at its next migrate). The provider's migrate verb journals it in
--           imgcloud.schema_versions.
-- Re-run  : safe to run twice: the tables are created only if absent.
-- Check   : SELECT * FROM imgcloud.exam_part_rule ORDER BY rule_no;
-- =============================================================================

SET NAMES utf8mb4 COLLATE utf8mb4_bin;

-- NULL in a condition column: any value. A pattern (body_part, name_pattern) uses % and _
-- only: [ ] * ? and the backslash (MySQL's LIKE escape) are special on some engines only;
-- load-csv refuses them (the other engines' tables too).
CREATE TABLE IF NOT EXISTS imgcloud.exam_part_rule (
    rule_no      INT          NOT NULL PRIMARY KEY
                 COMMENT '规则编号，DBA 设定的先后顺序：一个项目匹配多条规则时取编号最小的一条。编号之间留空（10、20、30）便于以后插入。',
    hospital_id  VARCHAR(20)  NOT NULL DEFAULT '*'
                 COMMENT '适用的医保机构代码（hospitalld）；* （默认）表示所有机构。',
    modality     VARCHAR(50)
                 COMMENT '检查类别，与 View_ProjectItemCode_Info.modality 逐字节相等（区分大小写）；NULL 表示任意。',
    body_part    VARCHAR(100)
                 COMMENT '检查部位 examBodyPart 的 LIKE 模式（% 任意多个字符，_ 一个字符，区分大小写）；NULL 表示任意；没有部位的项目不匹配非 NULL 的模式。不能含 [ ] * ? 与反斜杠。',
    name_pattern VARCHAR(200)
                 COMMENT '检查项目名称 examName 的 LIKE 模式（同上）；NULL 表示任意。',
    contrast     VARCHAR(10)
                 COMMENT '对比方式：平扫、增强、造影；NULL 表示任意。由项目名称得出：含“造影”或“血管成像”为造影，否则含“增强”为增强，否则含“平扫”为平扫；“平扫”规则也匹配名称中未写明的项目。',
    exam_part    VARCHAR(9)   NOT NULL
                 COMMENT 'WS/T 364.8-2023 代码：9 位大写字母或数字。',
    note         VARCHAR(200)
                 COMMENT '备注。'
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin
  COMMENT = '检查部位对照规则：按检查类别、部位、名称模式与对比方式把一批检查项目对照到 WS/T 364.8-2023 代码。编号最小的匹配规则生效；exam_part_map 的逐项对照优先于所有规则。';

CREATE TABLE IF NOT EXISTS imgcloud.exam_part_code (
    exam_part VARCHAR(9)   NOT NULL PRIMARY KEY
              COMMENT 'WS/T 364.8-2023 代码：9 位大写字母或数字。',
    name      VARCHAR(200)
              COMMENT '代码的名称。'
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin
  COMMENT = 'WS/T 364.8-2023 影像检查技术代码表（标准自身的代码表，本产品无法随附）：医院取得后可导入；有数据时检查也核对代码是否在表中，为空时只检查格式。';
