-- Area boundaries of one level for the map: GeoJSON geometry text in WGS84.
-- Grain: one row per area. Parameters: $level.
select b.area_code, b.geometry
from boundaries b
join areas a using (area_code)
where a.level = $level
order by b.area_code
