-- =============================================================================
-- imgcloud provider · MySQL / MariaDB · 02_drop_views.sql
-- Purpose : drops nothing. Kept only so that every engine runs the same file names in
--           the same order (02 -> 03 -> 04 -> 05).
--           In MySQL, CREATE OR REPLACE VIEW (03, 04) may change a view's columns
--           freely and keeps the grants on it, so no view needs dropping first. Dropping
--           would even be harmful: DDL commits implicitly and cannot be rolled back, so
--           a drop followed by a failing create would leave the cloud without its views
--           until the next successful run; a failing CREATE OR REPLACE leaves the old
--           view in place.
-- Dialect : MySQL 5.7.7 or later and MariaDB 10.4 or later.
-- Order   : every time, before 03.
-- Re-run  : safe to run twice: it changes nothing.
-- Removed : a view a later version no longer ships is dropped by hand (see sql/README.md).
-- =============================================================================

SET NAMES utf8mb4 COLLATE utf8mb4_bin;
