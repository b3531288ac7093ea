-- Regions with occupation counts that cover an area: the regions among its ancestors and the
-- regions sharing a municipality with it. For an area without occupation data, the empty state
-- names where the figures are.
-- Grain: one row per region. Parameters: $area.
with up as (
    select ancestor_code as area_code from area_ancestors where area_code = $area
),
own_members as (
    select m.member_code from area_members m where m.area_code = $area
    union
    select $area
),
candidates as (
    select up.area_code from up
    union
    select m.area_code from area_members m where m.member_code in (select member_code from own_members)
),
with_data as (
    select distinct o.area_code
    from coverage o
    where o.by_occupation and o.frequency = 'month'
      and o.area_code in (select area_code from candidates)
)
select r.area_code, r.name_fi, r.name_sv, r.name_en
from areas r
where r.level = 'region' and r.area_code <> $area and $area <> 'SSS'
  and r.area_code in (select area_code from candidates)
  and r.area_code in (select area_code from with_data)
order by r.area_code
