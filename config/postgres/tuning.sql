-- Autovacuum of the busy tables of a dealer group's database (see the README, "Deploying for a
-- dealer group"). Run once on the primary after the first install, e.g.:
--   docker compose --profile production exec db-primary psql -U odoo -d spoticar -f /etc/spoticar/tuning.sql
-- The default scale factors (20 % of a table changed before a vacuum, 10 % before an analyze) leave
-- millions of dead rows in tables of millions of rows: these vacuum and analyze them after 1 to 2 %.
-- queue_job: a row per job, updated at each state change and deleted after a week: vacuum often.
ALTER TABLE queue_job SET (autovacuum_vacuum_scale_factor = 0.01, autovacuum_analyze_scale_factor = 0.01);
-- The vehicles (the Stock VO list and its counts use index-only scans: the visibility map must
-- stay fresh), their stock and moves, the orders and their lines, the warranties.
ALTER TABLE product_template SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.01);
ALTER TABLE product_product SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.01);
ALTER TABLE stock_quant SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.01);
ALTER TABLE stock_move SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.01);
ALTER TABLE stock_move_line SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.01);
ALTER TABLE sale_order SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.01);
ALTER TABLE sale_order_line SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.01);
ALTER TABLE spoticar_warranty SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.01);
-- The chatter of all of them.
ALTER TABLE mail_message SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.01);
ALTER TABLE mail_followers SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.01);
ALTER TABLE mail_tracking_value SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.01);
