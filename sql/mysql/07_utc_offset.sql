-- =============================================================================
-- imgcloud provider · MySQL / MariaDB · 07_utc_offset.sql
-- Purpose : the other engines' upgrade to "now" as UTC plus imgcloud.settings.
--           utc_offset_minutes (contract.md, 2026-12-01). MySQL installs have had that
--           column since their first version (01_imgcloud_schema.sql): there is nothing
--           to carry over. The script exists so that every engine's folder has the same
--           steps in the same order.
-- Dialect : MySQL 5.7.7 or later and MariaDB 10.4 or later.
-- Order   : run once, after 01 and 06 and before 02 -> 05. The provider's migrate verb
--           journals it in imgcloud.schema_versions.
-- Re-run  : safe to run twice: it changes nothing.
-- =============================================================================

SET NAMES utf8mb4 COLLATE utf8mb4_bin;

DO 0;
