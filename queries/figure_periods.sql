-- The months in which a measure of one age group has figures, per source, for an area and the
-- whole country (from measure_periods, made at build time): what a missing figure's note says.
-- Grain: one row per area per source table. Parameters: $measure, $age, $area.
select area_code, source_table, first_valued, last_valued
from measure_periods
where measure = $measure and age_group = $age and sex = 'SSS' and frequency = 'month'
  and area_code in ($area, 'SSS') and last_valued is not null
order by area_code = 'SSS', first_valued
