-- Areas of one level that contain the chosen area ('contains') or lie within it ('within'),
-- compared by their building blocks: member municipalities, else member regions, else the
-- area itself (a municipality, or a region of a database without municipalities).
-- Grain: one row per related area. Parameters: $area, $level.
with members as (
    select
        m.area_code,
        m.member_code,
        case b.level when 'municipality' then 0 when 'region' then 1 else 2 end as rank
    from area_members m
    join areas b on b.area_code = m.member_code
),

finest as (
    select area_code, min(rank) as rank
    from members
    group by area_code
),

units as (
    select m.area_code, m.member_code as unit
    from members m
    join finest f using (area_code, rank)
    union
    select a.area_code, a.area_code as unit
    from areas a
    where a.area_code not in (select area_code from members)
),

mine as (
    select distinct unit from units where area_code = $area
),

overlap as (
    select
        u.area_code,
        count(distinct u.unit) filter (where u.unit in (select unit from mine)) as shared,
        count(distinct u.unit) as units
    from units u
    join areas a using (area_code)
    where a.level = $level and u.area_code <> $area
    group by u.area_code
)

select
    o.area_code,
    case when o.shared = (select count(*) from mine) then 'contains' else 'within' end
        as relation
from overlap o
where o.shared > 0
  and (o.shared = (select count(*) from mine) or o.shared = o.units)
order by relation, o.area_code
